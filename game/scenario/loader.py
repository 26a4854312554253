"""Load → check → ready: the one entry point that turns a scenario file into something playable.

Nothing here raises for bad input; all problems come back as diagnostics, errors and warnings
together, sorted by position so an instructor can fix the file top to bottom.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from game.diagnostics import Diagnostic, has_errors, sort_key
from game.scenario import collector
from game.scenario.crosscheck import CompiledExpressions, crosscheck
from game.scenario.model import Scenario
from game.scenario.repair import PLACEHOLDER
from game.scenario.schema_check import enclosing_places, patched_for_checks, validate_schema
from game.scenario.structure import check_structure
from game.scenario.usage import check_usage
from game.scenario.yaml_source import YamlDocument, read_yaml_file, read_yaml_text


@dataclass(frozen=True)
class LoadedScenario:
    """A scenario that passed every check, with its expressions already parsed."""

    scenario: Scenario
    expressions: CompiledExpressions
    file: str
    sha256: str
    folder: Path | None


def load_scenario(path: str | os.PathLike[str]) -> tuple[LoadedScenario | None, list[Diagnostic]]:
    with collector.paused():
        return _load_file(os.fspath(path))


def load_scenario_text(
    text: str | bytes, file: str = "<text>", folder: Path | None = None
) -> tuple[LoadedScenario | None, list[Diagnostic]]:
    with collector.paused():
        return _load_text(text, file, folder)


# The two helpers below hold the read document (every value's node, for positions) in their own
# frames, so it is freed before the collector is switched back on: the collection that follows
# then walks only the loaded scenario, not the tens of thousands of nodes it was read from.


def _load_file(file: str) -> tuple[LoadedScenario | None, list[Diagnostic]]:
    document, problems = read_yaml_file(file)
    digest = _digest_file(file) if document is not None else ""
    return _finish(document, problems, file, Path(file).parent, digest)


def _load_text(text: str | bytes, file: str, folder: Path | None) -> tuple[LoadedScenario | None, list[Diagnostic]]:
    document, problems = read_yaml_text(text, file)
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return _finish(document, problems, file, folder, hashlib.sha256(raw).hexdigest())


def _finish(
    document, problems: list[Diagnostic], file: str, folder: Path | None, digest: str
) -> tuple[LoadedScenario | None, list[Diagnostic]]:  # type: ignore[no-untyped-def]
    problems = list(problems)
    if document is None or has_errors(problems):
        return None, sorted(problems, key=sort_key)
    scenario, schema_problems = validate_schema(document)
    problems += schema_problems
    if scenario is None:
        problems += _later_checks_despite(schema_problems, document, file, folder)
        return None, sorted(problems, key=sort_key)
    compiled, reference_problems = crosscheck(scenario, document.source, file, folder)
    problems += reference_problems
    problems += check_structure(scenario, document.source, file)
    problems += check_usage(scenario, compiled, document.source, file)
    problems.sort(key=sort_key)
    if has_errors(problems):
        return None, problems
    return LoadedScenario(scenario, compiled, file, digest, folder), problems


def _later_checks_despite(schema_problems: list[Diagnostic], document: YamlDocument, file: str, folder: Path | None) -> list[Diagnostic]:
    """Reference and structure problems of a file whose schema errors were patched over, so the
    author sees them in the same run. What the patching itself caused is left out: anything said
    of a placeholder, at a refused value's place, or of a block that holds a refused value."""
    patched = patched_for_checks(document)
    if patched is None:
        return []
    _, found = crosscheck(patched, document.source, file, folder)
    found += check_structure(patched, document.source, file)
    reported = {(p.line, p.col) for p in schema_problems} | enclosing_places(document)
    return [p for p in found if PLACEHOLDER not in p.message + p.hint and (p.line, p.col) not in reported]


def _digest_file(file: str) -> str:
    try:
        return hashlib.sha256(Path(file).read_bytes()).hexdigest()
    except OSError:
        return ""


def file_sha256(path: str | os.PathLike[str]) -> str:
    return _digest_file(os.fspath(path))
