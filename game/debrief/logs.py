"""Debrief a session log on disk: read it, find its scenario, walk it while checking it replays.

A log cut off by a crash, or damaged part-way, is debriefed up to its last sound line, with a
warning naming the file and the line. A log whose scenario cannot be found, or was played on
another version of the scenario file, is refused with a located error: replaying it on other
rules would judge decisions the trainee never faced.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.debrief.build import KeyNotOffered, walk
from game.debrief.model import Debrief
from game.debrief.review import FULL, SearchSettings
from game.diagnostics import Diagnostic, warning
from game.engine.logfile import LogContents, read_log
from game.engine.logscenario import scenario_for_log
from game.engine.machines import Machines, build_machines
from game.engine.replay import first_difference, unavailable, wrong_scenario
from game.scenario.loader import LoadedScenario, file_sha256, load_scenario
from game.words import count


@dataclass
class ScenarioCache:
    """Scenarios (and their machines) already loaded, so a class of 200 logs loads each once."""

    loaded: dict[tuple[str, str], tuple[LoadedScenario | None, list[Diagnostic]]] = field(default_factory=dict)
    machines: dict[int, Machines] = field(default_factory=dict)
    digests: dict[str, tuple[tuple[int, ...], str]] = field(default_factory=dict)
    """path -> (the file's status when it was hashed, its hash): a class asks for the same file
    once per log, and it is hashed again only when its status has changed."""

    def load(self, path: Path) -> tuple[LoadedScenario | None, list[Diagnostic]]:
        key = (os.fspath(path), self._sha256(path))
        if key not in self.loaded:
            self.loaded[key] = load_scenario(path)
        return self.loaded[key]

    def _sha256(self, path: Path) -> str:
        file = os.fspath(path)
        try:
            status = os.stat(file)
        except OSError:
            return file_sha256(file)
        signature = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
        known = self.digests.get(file)
        if known is None or known[0] != signature:
            known = self.digests[file] = (signature, file_sha256(file))
        return known[1]

    def machines_for(self, loaded: LoadedScenario) -> Machines:
        key = id(loaded)
        if key not in self.machines:
            self.machines[key] = build_machines(loaded)
        return self.machines[key]


def debrief_log(
    path: str | os.PathLike[str],
    scenario_override: str | os.PathLike[str] | None = None,
    *,
    suggest: bool = True,
    search: SearchSettings = FULL,
    cache: ScenarioCache | None = None,
    brief: bool = False,
) -> tuple[Debrief | None, list[Diagnostic]]:
    """`suggest=False` skips the review by search; `search` sets how hard it searches
    (`review.REDUCED` for a class report). `brief=True`: a debrief made only for its class
    entry (`build.walk`)."""
    cache = cache if cache is not None else ScenarioCache()
    contents, problems = read_log(path)
    if contents is None or not contents.header:
        return None, problems
    problems = [_as_damage_warning(p, contents) if p.is_error else p for p in problems]
    override = Path(scenario_override) if scenario_override is not None else None
    loaded, found = scenario_for_log(contents, override, cache.load)
    problems += found
    if loaded is None:
        return None, problems
    wrong = wrong_scenario(loaded, contents)
    if wrong is not None:
        return None, [*problems, wrong]
    header = contents.header
    produced: list[dict[str, Any]] = []
    try:  # the walk replays the log once and checks it as it goes: every record it makes is compared below
        debrief = walk(
            loaded,
            int(header["seed"]),
            str(header.get("trainee", "")),
            contents.moves,
            machines=cache.machines_for(loaded),
            suggest=suggest,
            search=search,
            warnings=[p.render() for p in problems if not p.is_error],
            started=str(header.get("started", "")),
            log_file=contents.file,
            sink=produced.append,
            brief=brief,
        )
    except KeyNotOffered as exc:
        return None, [*problems, unavailable(contents, exc.number - 1, exc, exc.session)]
    mismatch = first_difference(contents, produced)
    if mismatch is not None:
        return None, [*problems, mismatch]
    return debrief, problems


def _as_damage_warning(problem: Diagnostic, contents: LogContents) -> Diagnostic:
    last = contents.line_numbers[-1] if contents.line_numbers else 1
    decisions = count(len(contents.decisions), "decision")
    return warning(
        problem.code,
        f"{problem.message}; the debrief covers the {decisions} before it (up to line {last})",
        problem.file,
        problem.line,
        problem.col,
        problem.hint,
    )
