"""The scenarios the picker offers: the bundled ones and those in a folder the trainee opened.

A file that does not load is kept in the list with its first error, so one bad file in a
shared folder never hides the others or stops the picker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.diagnostics import has_errors
from game.scenario.bundled import bundled_paths
from game.scenario.loader import LoadedScenario, load_scenario

MAX_FILES = 200


@dataclass(frozen=True)
class CatalogEntry:
    path: Path
    loaded: LoadedScenario | None
    problem: str = ""
    bundled: bool = False

    @property
    def title(self) -> str:
        return self.loaded.scenario.title if self.loaded is not None else self.path.name


def load_entry(path: Path, *, bundled: bool = False) -> CatalogEntry:
    loaded, problems = load_scenario(path)
    if loaded is None or has_errors(problems):
        first = next((p for p in problems if p.is_error), problems[0] if problems else None)
        text = _short(first) if first is not None else "the file could not be read"
        return CatalogEntry(path, None, text, bundled)
    return CatalogEntry(path, loaded, "", bundled)


def folder_files(folder: Path) -> list[Path]:
    try:
        found = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    except OSError:
        return []
    return found[:MAX_FILES]


def catalog_files(folder: str = "") -> list[tuple[Path, bool]]:
    """The files the picker lists, each with whether it is bundled: the bundled ones, then those
    of `folder` that are not among them."""
    files = [(path, True) for path in bundled_paths()]
    if folder:
        seen = {path.resolve() for path, _ in files}
        files += [(path, False) for path in folder_files(Path(folder)) if path.resolve() not in seen]
    return files


def build_catalog(folder: str = "") -> list[CatalogEntry]:
    """Every entry at once (the picker loads them a frame each: `catalog_files`, `load_entry`)."""
    return [load_entry(path, bundled=bundled) for path, bundled in catalog_files(folder)]


def _short(problem) -> str:  # type: ignore[no-untyped-def]
    """The first error without the file name (the list already shows it)."""
    where = f"line {problem.line}, column {problem.col}: " if problem.line else ""
    return f"{where}{problem.code} {problem.message}"
