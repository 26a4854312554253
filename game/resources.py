"""Folders that ship inside the package but live at the top of the source tree.

`scenarios/` and `assets/` are installed as `game.bundled_scenarios` and `game.assets`
(see pyproject.toml). Run from a source checkout without installing, those names do not
exist, so we fall back to the folders beside the package.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def shipped_folder(package: str, source_folder: str) -> Path:
    """The package's folder as the import system finds it (an install, or an editable install's
    mapping), without importing it: `importlib.resources.files` would import the package and
    `importlib.resources` itself, a few milliseconds of `good-offices list`."""
    try:
        spec = find_spec(package)
    except ModuleNotFoundError:
        spec = None
    locations = spec.submodule_search_locations if spec is not None else None
    return Path(next(iter(locations))) if locations else _SOURCE_ROOT / source_folder


def scenarios_folder() -> Path:
    return shipped_folder("game.bundled_scenarios", "scenarios")


def assets_folder() -> Path:
    return shipped_folder("game.assets", "assets")


def asset(name: str) -> Path:
    """A file in the assets folder (fonts, themes, the icon), installed or in a source checkout."""
    return assets_folder() / name
