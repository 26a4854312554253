"""The scenarios that ship with the program."""

from __future__ import annotations

from pathlib import Path

from game.resources import scenarios_folder


def bundled_folder() -> Path:
    return scenarios_folder()


def bundled_paths() -> list[Path]:
    return sorted(p for p in bundled_folder().glob("*.yaml") if p.is_file())


def find_bundled(scenario_id: str) -> Path | None:
    """The bundled file whose name (without .yaml) is the id; ids and file names are kept equal."""
    for path in bundled_paths():
        if path.stem == scenario_id:
            return path
    return None
