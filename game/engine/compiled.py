"""What the engine reads of a scenario on every decision, prepared once per scenario.

A decision evaluates dozens of authored conditions and walks the scenario's events and
messages; the debrief's search plays thousands of decisions per position, so these are made
ready when the machines are built (and shared with them by every session and fork):

- every condition and effect is compiled into one function of the GameState (`codegen.py`), or
  where that could differ in the least, bound to readers of it (`Expression.bind`): no name is
  looked up while playing, and fixed parts (ladder words, a party's faith) are folded;
- the events that can fire by themselves are indexed by turn and phase, so a turn visits only
  those that could fire now, still in the order the scenario lists them;
- the messages that arrive by themselves are listed once, in order, and so are the messages
  with a deadline;
- every name an effect or a verb changes has a `Target` saying where it lives and how it is
  clamped, so `Turn.set` and `Turn.adjust` do not work that out on every change;
- each verb's scenario effects (`verbs: <verb>: effects`) are listed with their reason.

Nothing here changes what happens: the same conditions hold, in the same order, and the same
numbers are drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from game.engine.bounds import bounded
from game.engine.codegen import Codegen
from game.engine.state import PERCENT_NAMES, GameState, StateReader, Value, bound_reader
from game.scenario.expressions import Arith, Const, Effect, Expression, Name, combine
from game.scenario.loader import LoadedScenario
from game.scenario.model import Message, Phase
from game.scenario.verbs import CHOICE, ENGINE_VERBS

Condition = StateReader
Scan = Callable[[GameState], Iterator[int]]


@dataclass(frozen=True, slots=True)
class BoundEffect:
    target: str
    operator: str  # "=", "+=" or "-="
    value: Condition
    new: Condition
    """The target's new value: `value` for "=", else `combine` of the target's value now and
    `value` (compiled in one function where the expressions are)."""


class TimedEvent(NamedTuple):
    """An event that can fire by itself (at a turn, when a condition holds, or by chance); a
    tuple, so the clock unpacks it instead of reading attributes."""

    id: str
    once: bool
    when: Condition | None
    chance: Condition | None


OTHER, PARTY, VAR, CIRCLE, PLAIN = range(5)
"""Kinds of `Target`. OTHER: a ladder (consent, channel, mandate) or a name the general path
handles; PARTY: a party's trust, exposure or pressure; VAR: a scenario variable; CIRCLE: the
number of people who know of a back channel; PLAIN: escalation, leak risk (state numbers from 0
to 100)."""

_PLAIN_NAMES = ("escalation", "leak_risk")


class Target:
    """Where a name that play changes lives, and how a new value is clamped (see `Turn.set`)."""

    __slots__ = ("kind", "key", "attr", "boolean", "low", "high")

    def __init__(
        self, kind: int, key: str = "", attr: str = "", *, boolean: bool = False, low: float | None = None, high: float | None = None
    ) -> None:
        self.kind, self.key, self.attr = kind, key, attr
        self.boolean, self.low, self.high = boolean, low, high


class Conditions(dict[str, Condition]):
    """`Compiled.conditions`: a condition not made yet is made when first looked up."""

    __slots__ = ("_prepare",)

    def __init__(self, prepare: Callable[[Iterable[str]], None]) -> None:
        super().__init__()
        self._prepare = prepare

    def __missing__(self, text: str) -> Condition:
        self._prepare((text,))
        return dict.__getitem__(self, text)


class Compiled:
    def __init__(self, loaded: LoadedScenario) -> None:
        scenario = loaded.scenario
        self._loaded = self.loaded = loaded
        self._bound: dict[str, StateReader | Const] = {}
        self.readers: dict[str, StateReader] = {}
        """What `reader` has made so far, for a caller that looks here first."""
        expressions = loaded.expressions
        self._codegen = Codegen(loaded, self._resolve)
        values = {e.value.text: e.value for e in expressions.effects.values()}
        combined = {text: _combined(e) for text, e in expressions.effects.items() if e.operator != "="}
        now = {text: e for text, e in expressions.conditions.items() if text not in expressions.transition_only}
        functions = self._codegen.functions({**values, **now, **combined})  # one compilation for all
        bind = self._resolve

        def function(expression: Expression) -> Condition:
            return functions.get(expression.text) or expression.bind(bind)

        def new_value(text: str, effect: Effect, value: Condition) -> Condition:
            if effect.operator == "=":
                return value
            found = functions.get(text)
            if found is None:
                read, operator = self.reader(effect.target), effect.operator
                found = lambda state: combine(operator, read(state), value(state))  # noqa: E731
            return found

        self.conditions: dict[str, Condition] = Conditions(self.prepare)
        """Each condition's text -> a function of the state: compiled (`codegen.py`), or where that
        could differ in the least, the closures of `Expression.bind`. Those written only as phase
        transitions' `when` are made when first asked for (`prepare`): a session reaches a few of
        a large scenario's phases, and making them all was a third of building the machines."""
        self.conditions.update((text, function(e)) for text, e in now.items())
        self.effects: dict[str, BoundEffect] = {}
        for text, e in expressions.effects.items():
            value = function(e.value)
            self.effects[text] = BoundEffect(e.target, e.operator, value, new_value(text, e, value))
        phases = scenario.phases.phases
        self.lineages: dict[str, frozenset[str]] = {pid: frozenset(_lineage(phases, pid)) for pid in phases}
        self.endings: frozenset[str] = frozenset(pid for pid, phase in phases.items() if phase.ending is not None)
        self.arrivals: tuple[tuple[str, int | None, Condition | None], ...] = tuple(
            (mid, due, self._condition(m.arrives_when)) for mid, due, m in self._arriving()
        )
        self.arrival_scan = self._codegen.scan(
            [("arrived", mid, due, self._expression(m.arrives_when), self._condition(m.arrives_when)) for mid, due, m in self._arriving()]
        )
        """The loop over `arrivals` as one generator function (`Codegen.scan`): the index of each
        message that arrives now (not arrived yet, and due or its condition holds)."""
        self._events = tuple(
            (TimedEvent(eid, e.once, self._condition(e.when), self._condition(e.chance)), frozenset(e.phases), e.at_turn)
            for eid, e in scenario.events.items()
            if not (e.at_turn is None and e.when is None and e.chance is None)
        )
        self._events_at: dict[tuple[int, str], tuple[TimedEvent, ...]] = {}
        self._event_scans: dict[tuple[TimedEvent, ...], Scan] = {}
        self._scan_at: dict[tuple[int, str], tuple[tuple[TimedEvent, ...], Scan]] = {}
        self.deadlines: tuple[tuple[str, Message, int], ...] = tuple(
            (mid, m, m.deliver_within) for mid, m in scenario.messages.items() if m.deliver_within is not None
        )
        """(id, message, turns to deliver it in) of every message with a deadline, in order."""
        self.tuned: dict[str, tuple[list[str], str]] = {
            verb: (list(settings.effects), f"scenario rule for '{verb}'") for verb, settings in scenario.verbs.items() if settings.effects
        }
        """verb -> its scenario effects and their reason, for each verb the scenario tunes."""
        self.listed: tuple[str, ...] = tuple(
            verb
            for verb in ENGINE_VERBS
            if verb == CHOICE or (settings := scenario.verbs.get(verb)) is None or settings.enabled  # type: ignore[call-overload]
        )
        """The verbs whose moves are listed (the scenario's choices and every verb it does not
        disable), in the order their moves are offered."""
        self.targets: dict[str, Target] = {}
        """What `target` has made so far."""
        self._choices_in: dict[str, tuple[tuple[str, bool, Condition | None], ...]] = {}

    def prepare(self, texts: Iterable[str]) -> None:
        """Makes ready the conditions among `texts` that are not yet, in one compilation (as
        `Machines.advance_in` does for the transitions out of a phase)."""
        conditions = self._loaded.expressions.conditions
        missing = {text: conditions[text] for text in texts if text not in self.conditions}
        if missing:
            functions = self._codegen.functions(missing)
            for text, expression in missing.items():
                self.conditions[text] = functions.get(text) or expression.bind(self._resolve)

    def choices_in(self, phase: str) -> tuple[tuple[str, bool, Condition | None], ...]:
        """(id, once, condition or None) of each scenario choice that can be offered in `phase`
        (it names no phases, or the phase or one enclosing it), in the scenario's order; made
        once per phase, since the moves are listed at every decision."""
        found = self._choices_in.get(phase)
        if found is None:
            lineage = self.lineages[phase]
            found = self._choices_in[phase] = tuple(
                (cid, choice.once, self.conditions[choice.when] if choice.when is not None else None)
                for cid, choice in self._loaded.scenario.choices.items()
                if not choice.phases or not lineage.isdisjoint(choice.phases)
            )
        return found

    def _resolve(self, name: str) -> StateReader | Const:
        found = self._bound.get(name)
        if found is None:
            found = self._bound[name] = bound_reader(name, self._loaded)
        return found

    def reader(self, name: str) -> StateReader:
        """How to read `name` from a state (what `Turn.value` uses: `lookup`, without the lookup)."""
        found = self.readers.get(name)
        if found is None:
            bound = self._resolve(name)
            if isinstance(bound, Const):
                value = bound.value
                found = self.readers[name] = lambda state: value
            else:
                found = self.readers[name] = bound
        return found

    def target(self, name: str) -> Target:
        """Where `name` lives and how it is clamped (what `Turn.set` does with it)."""
        found = self.targets.get(name)
        if found is None:
            prefix, _, key = name.partition(".")
            if prefix in PERCENT_NAMES and key:
                found = Target(PARTY, key, prefix)
            elif prefix == "var" and key:
                spec = self._loaded.scenario.variables[key]
                found = Target(VAR, key, boolean=isinstance(spec.initial, bool), low=spec.min, high=spec.max)
            elif name == "circle":
                found = Target(CIRCLE, attr=name)
            elif name in _PLAIN_NAMES:
                found = Target(PLAIN, attr=name)
            else:
                found = Target(OTHER)
            self.targets[name] = found
        return found

    def _condition(self, text: str | None) -> Condition | None:
        return None if text is None else self.conditions[text]

    def _expression(self, text: str | None) -> Expression | None:
        return None if text is None else self._loaded.expressions.conditions[text]

    def _arriving(self) -> list[tuple[str, int | None, Message]]:
        """(id, arrival turn, message) of each message that arrives by itself, in order."""
        messages = self._loaded.scenario.messages.items()
        return [(mid, m.arrives_turn, m) for mid, m in messages if m.arrives_turn is not None or m.arrives_when is not None]

    def event_scan(self, turn: int, phase: str) -> tuple[tuple[TimedEvent, ...], Scan]:
        """`events_at(turn, phase)`, and the loop over them as one generator function
        (`Codegen.scan`, compiled the first time a list of events is met): it yields the index
        of each event whose turn has come (not fired yet if it fires once, and its condition
        holds); the chance, if any, is the caller's to draw."""
        key = (turn, phase)
        found = self._scan_at.get(key)
        if found is None:
            events = self.events_at(turn, phase)
            scan = self._event_scans.get(events)  # the same events at other turns or phases: the same scan
            if scan is None:
                tests = [("fired" if e.once else None, e.id, None, self._expression(self._when(e.id)), e.when) for e in events]
                scan = self._event_scans[events] = self._codegen.scan(tests)
            found = self._scan_at[key] = (events, scan)
        return found

    def _when(self, eid: str) -> str | None:
        return self._loaded.scenario.events[eid].when

    def events_at(self, turn: int, phase: str) -> tuple[TimedEvent, ...]:
        """The events that may fire on `turn` in `phase` (by its lineage), in scenario order;
        whether each does still depends on `once`, `when` and `chance`, checked as it comes."""
        key = (turn, phase)
        found = self._events_at.get(key)
        if found is None:
            lineage = self.lineages[phase]
            found = self._events_at[key] = tuple(
                event for event, phases, at in self._events if (not phases or lineage & phases) and (at is None or at == turn)
            )
        return found


def _combined(effect: Effect) -> Expression:
    """`target += value` (or -=) as the expression of the target's new value, `target + (value)`:
    what `combine` makes of the target's value and the value's, read in that order."""
    node = Arith(effect.operator[0], Name(effect.target), effect.value.node)
    return Expression(effect.text, effect.value.names | {effect.target}, node)


def as_number(result: Value) -> float:
    """A condition used as a number (an event's chance): anything but a number counts as 0."""
    if not isinstance(result, int | float):
        return 0.0
    return bounded(result) or 0.0  # NaN counts as 0; a huge int as 10^15, not an OverflowError


def _lineage(phases: dict[str, Phase], pid: str) -> set[str]:
    """The phase and every phase enclosing it."""
    lineage: set[str] = set()
    current: str | None = pid
    while current is not None and current not in lineage:
        lineage.add(current)
        current = phases[current].parent
    return lineage
