"""Find the scenario a log was played on; resume, replay and the debrief all need it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
    candidates: list[Path] = []
    if override is not None:
        candidates.append(override)
    else:
        named = header.get("scenario_file")
        if isinstance(named, str) and named and Path(named).is_file():
            candidates.append(Path(named))
        bundled = find_bundled(str(header.get("scenario_id", "")))
        if bundled is not None:
            candidates.append(bundled)
    if not candidates:
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
    for path in candidates:
        loaded, found = load(path)
        if loaded is not None and (loaded.sha256 == header.get("scenario_sha256") or path == candidates[-1]):
            return loaded, [p for p in found if p.is_error]
        problems += found
    return None, problems
