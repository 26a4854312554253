"""Find the scenario a log was played on; resume, replay and the debrief all need it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from game.diagnostics import Diagnostic, error
from game.engine.logfile import LogContents
from game.scenario import codes
from game.scenario.bundled import find_bundled
from game.scenario.loader import LoadedScenario, load_scenario

Loader = Callable[[Path], tuple[LoadedScenario | None, list[Diagnostic]]]


def scenario_for_log(
    contents: LogContents, override: Path | None, load: Loader = load_scenario
) -> tuple[LoadedScenario | None, list[Diagnostic]]:
    """The override, else the file the header names, else the bundled scenario with the log's id;
    the first whose content hash matches the log wins (the last candidate is taken regardless, so
    replay can say precisely that the file changed)."""
    header = contents.header
    candidates = _candidates(header, override)
    path = next(candidates, None)
    if path is None:
        missing = error(
            codes.LOG_SCENARIO_MISSING,
            f"cannot find scenario '{header.get('scenario_id')}' that this log was played on",
            contents.file,
            1,
            1,
            "pass the scenario file with --scenario PATH",
        )
        return None, [missing]
    problems: list[Diagnostic] = []
    while path is not None:
        loaded, found = load(path)
        if loaded is not None and loaded.sha256 == header.get("scenario_sha256"):
            return loaded, [p for p in found if p.is_error]
        following = next(candidates, None)  # the bundled file is looked for only now (a class asks once per log)
        if loaded is not None and (following is None or following == path):
            return loaded, [p for p in found if p.is_error]
        problems += found
        path = following
    return None, problems


def _candidates(header: dict[str, Any], override: Path | None) -> Iterator[Path]:
    if override is not None:
        yield override
        return
    named = header.get("scenario_file")
    if isinstance(named, str) and named and Path(named).is_file():
        yield Path(named)
    bundled = find_bundled(str(header.get("scenario_id", "")))
    if bundled is not None:
        yield bundled
