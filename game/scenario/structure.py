"""Graph checks on the phase machine: every phase reachable, every phase able to end.

A phase inherits the transitions of its parents, and the clock can end the game from any
phase (timeout, escalation), so those endings count as reached.
"""

from __future__ import annotations

from collections import deque

from game.diagnostics import Diagnostic, error
from game.scenario import codes
from game.scenario.model import Phase, Scenario
from game.scenario.yaml_source import SourceMap


def effective_transitions(phases: dict[str, Phase], pid: str) -> list[tuple[str, int]]:
    """(owner phase, index) of every transition that applies in `pid`: its own, then its parents'."""
    found: list[tuple[str, int]] = []
    seen: set[str] = set()
    current: str | None = pid
    while current is not None and current in phases and current not in seen:
        seen.add(current)
        found.extend((current, i) for i in range(len(phases[current].transitions)))
        current = phases[current].parent
    return found


def successors(scenario: Scenario, pid: str) -> set[str]:
    phases = scenario.phases.phases
    return {phases[owner].transitions[i].to for owner, i in effective_transitions(phases, pid) if phases[owner].transitions[i].to in phases}


def check_structure(scenario: Scenario, source: SourceMap, file: str) -> list[Diagnostic]:
    phases = scenario.phases.phases
    problems: list[Diagnostic] = []

    def report(code: str, message: str, pid: str, hint: str) -> None:
        where = source.key(("phases", "phases", pid)) or source.nearest(("phases", "phases", pid))
        problems.append(error(code, message, file, where.line, where.col, hint))

    endings = [pid for pid, phase in phases.items() if phase.ending is not None]
    if not endings:
        where = source.nearest(("phases", "phases"))
        return [
            error(
                codes.NO_ENDING,
                "no phase has an 'ending', so the game can never finish",
                file,
                where.line,
                where.col,
                "give at least one phase an 'ending' with a grade and an outcome",
            )
        ]

    parents = {phase.parent for phase in phases.values() if phase.parent}
    reached = reachable_phases(scenario)
    clock_endings = {scenario.clock.on_timeout, scenario.clock.on_escalation, scenario.clock.on_withdrawal}
    targeted = {t.to for phase in phases.values() for t in phase.transitions}

    for pid, phase in phases.items():
        if phase.ending is not None:
            if pid not in targeted and pid not in clock_endings:
                report(
                    codes.UNREACHED_ENDING,
                    f"no transition leads to the ending '{pid}'",
                    pid,
                    f"add a transition with 'to: {pid}' to some phase, or remove the ending",
                )
            continue
        if pid not in reached and pid not in parents and scenario.phases.start in phases:  # else GO0204 says why
            report(
                codes.UNREACHABLE_PHASE,
                f"phase '{pid}' cannot be reached from the start phase '{scenario.phases.start}'",
                pid,
                f"add a transition with 'to: {pid}' from a phase the game can reach",
            )
        if pid not in parents and not effective_transitions(phases, pid):
            report(
                codes.DEAD_END_PHASE,
                f"phase '{pid}' has no transitions and no ending, so play would stop there with no outcome",
                pid,
                "add a transition out of it, or make it an ending",
            )
    return problems


def reachable_phases(scenario: Scenario) -> set[str]:
    """The phases some chain of transitions leads to from the start (the start included)."""
    start = scenario.phases.start
    if start not in scenario.phases.phases:
        return set()
    reached = {start}
    queue = deque([start])
    while queue:
        for nxt in successors(scenario, queue.popleft()):
            if nxt not in reached:
                reached.add(nxt)
                queue.append(nxt)
    return reached
