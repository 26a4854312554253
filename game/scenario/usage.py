"""Warnings about things a scenario declares that can never matter in play.

Each is legal, so the scenario still loads, but each is almost always a slip: a choice the game
ignores where it is offered, a variable nothing uses, a condition fixed by a variable's
initial value because no effect ever changes it, an event limited to phases the game is never
in while events fire. They run on a schema-valid scenario, after its expressions are parsed.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.diagnostics import Diagnostic, warning
from game.scenario import codes
from game.scenario.crosscheck import CompiledExpressions
from game.scenario.model import Scenario
from game.scenario.structure import effective_transitions, reachable_phases
from game.scenario.yaml_source import SourceMap

Path_ = tuple[str | int, ...]


def conditions(scenario: Scenario) -> Iterator[tuple[Path_, str]]:
    """Every condition of the file (chance included) with where it is written."""
    for pid, party in scenario.parties.items():
        for i, precondition in enumerate(party.preconditions):
            if not isinstance(precondition, str) and precondition.until is not None:
                yield ("parties", pid, "preconditions", i, "until"), precondition.until
    for mid, message in scenario.messages.items():
        if message.arrives_when is not None:
            yield ("messages", mid, "arrives_when"), message.arrives_when
    for pid, phase in scenario.phases.phases.items():
        for i, transition in enumerate(phase.transitions):
            if transition.when is not None:
                yield ("phases", "phases", pid, "transitions", i, "when"), transition.when
    for cid, choice in scenario.choices.items():
        if choice.when is not None:
            yield ("choices", cid, "when"), choice.when
    for eid, event in scenario.events.items():
        for key in ("when", "chance"):
            text = getattr(event, key)
            if text is not None:
                yield ("events", eid, key), text


def effects(scenario: Scenario) -> Iterator[tuple[Path_, str]]:
    """Every effect of the file with where it is written."""
    for mid, message in scenario.messages.items():
        for key in ("on_delivered", "on_distorted"):
            for i, text in enumerate(getattr(message, key)):
                yield ("messages", mid, key, i), text
    for verb, settings in scenario.verbs.items():
        for i, text in enumerate(settings.effects):
            yield ("verbs", verb, "effects", i), text
        for sid, step in settings.steps.items():
            for i, text in enumerate(step.effects):
                yield ("verbs", verb, "steps", sid, "effects", i), text
    for cid, choice in scenario.choices.items():
        for i, text in enumerate(choice.effects):
            yield ("choices", cid, "effects", i), text
    for eid, event in scenario.events.items():
        for i, text in enumerate(event.effects):
            yield ("events", eid, "effects", i), text


class _Usage:
    def __init__(self, scenario: Scenario, compiled: CompiledExpressions, source: SourceMap, file: str) -> None:
        self.scenario, self.compiled, self.source, self.file = scenario, compiled, source, file
        self.problems: list[Diagnostic] = []
        self.read_in_conditions: dict[str, list[Path_]] = {}
        self.read: set[str] = set()
        self.written: set[str] = set()
        for path, text in conditions(scenario):
            expression = compiled.conditions.get(text)
            for name in expression.names if expression is not None else ():
                self.read.add(name)
                if path[-1] != "chance":  # a constant rate is a fair use of a variable; a constant condition is not
                    self.read_in_conditions.setdefault(name, []).append(path)
        for _, text in effects(scenario):
            effect = compiled.effects.get(text)
            if effect is not None:
                self.read |= effect.names
                self.written.add(effect.target)

    def report(self, code: str, message: str, path: Path_, hint: str, *, key: bool = False) -> None:
        where = (self.source.key(path) if key else self.source.value(path)) or self.source.nearest(path)
        self.problems.append(warning(code, message, self.file, where.line, where.col, hint))

    def variables(self) -> None:
        for name, variable in self.scenario.variables.items():
            qualified = f"var.{name}"
            if qualified not in self.read and qualified not in self.written:
                self.report(
                    codes.UNREAD_VARIABLE,
                    f"variable '{name}' is never used: no condition or effect reads or changes var.{name}",
                    ("variables", name),
                    f"use var.{name} in a condition (a transition's or choice's 'when') and change it in an effect, or remove the variable",
                    key=True,
                )
                continue
            if qualified in self.written or qualified not in self.read_in_conditions:
                continue  # changed somewhere; or only set and recorded in the log, which transcripts may check
            start = str(variable.initial).lower() if isinstance(variable.initial, bool) else f"{variable.initial:g}"
            for path in self.read_in_conditions.get(qualified, []):
                self.report(
                    codes.FIXED_CONDITION,
                    f"this condition reads var.{name}, which no effect ever changes: it stays {start}, so the condition never changes",
                    path,
                    f'add an effect that changes it where the story should (effects: ["var.{name} = ..."]), '
                    "or write the condition without it",
                )

    def choices(self) -> None:
        """A choice with no effects that no condition reads counts only through a transition
        with its id in `on:`; offered in a phase where no such transition applies, choosing
        it changes nothing."""
        phases = self.scenario.phases.phases
        for cid, choice in self.scenario.choices.items():
            if choice.effects or f"chosen.{cid}" in self.read:
                continue
            reacting = {pid for pid in phases if any(phases[o].transitions[i].on == cid for o, i in effective_transitions(phases, pid))}
            offered = choice.phases or [pid for pid in phases if phases[pid].ending is None]
            for index, pid in enumerate(choice.phases):
                if pid in phases and not (_within(phases, pid) & reacting):
                    self.report(
                        codes.INERT_CHOICE,
                        f"choice '{cid}' is offered in phase '{pid}', where nothing reacts to it: it has no effects, "
                        f"no condition reads chosen.{cid}, and no transition there has 'on: {cid}'",
                        ("choices", cid, "phases", index),
                        f"add a transition with 'on: {cid}' to phase '{pid}', give the choice effects, or stop offering it there",
                    )
            if not choice.phases and offered and not reacting:
                self.report(
                    codes.INERT_CHOICE,
                    f"choice '{cid}' changes nothing: it has no effects, no condition reads chosen.{cid}, "
                    f"and no transition has 'on: {cid}'",
                    ("choices", cid),
                    f"give it effects, or add a transition with 'on: {cid}' where it should lead somewhere",
                    key=True,
                )

    def events(self) -> None:
        phases = self.scenario.phases.phases
        if self.scenario.phases.start not in phases:
            return  # nothing is reachable from an undeclared start; GO0204 says so
        live = {pid for pid in reachable_phases(self.scenario) if phases[pid].ending is None}
        for eid, event in self.scenario.events.items():
            known = [pid for pid in event.phases if pid in phases]
            if not known or len(known) < len(event.phases):
                continue  # no limit, or an unknown phase (reported as GO0204)
            if any(_lineage(phases, pid) & set(known) for pid in live):
                continue
            self.report(
                codes.EVENT_NEVER_FIRES,
                f"event '{eid}' is limited to {_listing(known)}, where the game never is while events fire "
                "(an ending, or a phase no transition reaches)",
                ("events", eid, "phases"),
                "list a phase the game passes through before it ends, or remove 'phases' to let it fire in any",
            )


def _lineage(phases: dict, pid: str) -> set[str]:  # type: ignore[type-arg]
    found: set[str] = set()
    current: str | None = pid
    while current is not None and current in phases and current not in found:
        found.add(current)
        current = phases[current].parent
    return found


def _within(phases: dict, pid: str) -> set[str]:  # type: ignore[type-arg]
    """`pid` and every phase nested in it: a choice offered in a parent is offered in its children."""
    return {other for other in phases if pid in _lineage(phases, other)}


def _listing(ids: list[str]) -> str:
    quoted = [f"'{pid}'" for pid in ids]
    return "phase " + quoted[0] if len(quoted) == 1 else "phases " + ", ".join(quoted[:-1]) + " and " + quoted[-1]


def check_usage(scenario: Scenario, compiled: CompiledExpressions, source: SourceMap, file: str) -> list[Diagnostic]:
    usage = _Usage(scenario, compiled, source, file)
    usage.variables()
    usage.choices()
    usage.events()
    return usage.problems
