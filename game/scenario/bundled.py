"""The scenarios that ship with the program, found beside the package whether installed or not."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled_folder() -> Path:
    return Path(str(resources.files("game.bundled_scenarios")))


def bundled_paths() -> list[Path]:
    return sorted(p for p in bundled_folder().glob("*.yaml") if p.is_file())


def find_bundled(scenario_id: str) -> Path | None:
    """The bundled file whose name (without .yaml) is the id; ids and file names are kept equal."""
    for path in bundled_paths():
        if path.stem == scenario_id:
            return path
    return None
