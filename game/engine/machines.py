"""The `transitions` machines that drive a session, built once per scenario.

The machines are shared: the positions they move are `LadderPosition` objects inside a
GameState, passed to `Event.trigger(position, ...)`. That keeps a GameState plain data (cheap
to copy when the debrief simulates alternatives) while every ladder move still goes through a
declared transition, so an impossible move (mediation consent from no contact) cannot happen.
All machines use `auto_transitions=False`: only the transitions written here exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from transitions import EventData, Machine

from game.engine.compiled import Compiled
from game.engine.state import GameState, LadderPosition
from game.scenario import collector
from game.scenario.loader import LoadedScenario
from game.scenario.names import CHANNEL_LEVELS, CONSENT_LEVELS, MANDATE_LEVELS
from game.scenario.structure import effective_transitions

ConditionCheck = Callable[[str], bool]
"""Given an authored condition text, whether it holds now; passed as the trigger's argument."""


def _ladder(levels: tuple[str, ...], up: str, down: str) -> Machine:
    machine = Machine(model=None, states=list(levels), initial=levels[0], auto_transitions=False)
    for lower, higher in zip(levels, levels[1:], strict=False):
        machine.add_transition(up, lower, higher)
        machine.add_transition(down, higher, lower)
    return machine


def consent_machine() -> Machine:
    """none → contact → good_offices → mediation; one rung at a time, or withdrawn at once."""
    machine = _ladder(CONSENT_LEVELS, "grant", "reduce")
    machine.add_transition("withdraw", list(CONSENT_LEVELS[1:]), "none")
    return machine


CHANNEL_SOURCES: dict[str, tuple[str, ...]] = {
    "none": ("indirect", "proximity", "back_channel", "official", "public"),
    "indirect": ("none", "proximity", "back_channel", "official", "public"),
    "proximity": ("none", "indirect", "back_channel", "public"),
    "back_channel": ("none", "indirect", "proximity"),
    "official": ("none", "indirect", "proximity", "back_channel", "public"),
    "public": ("none", "indirect", "proximity", "back_channel", "official"),
}
"""Where each channel can be reached from. A secret track cannot open once contacts are official
or public (there is nothing left to keep secret); proximity talks are not a step down from
official ones. Every other move follows the traffic."""


def channel_machine() -> Machine:
    """One trigger per target, `to_<level>`, from the sources above."""
    machine = Machine(model=None, states=list(CHANNEL_LEVELS), initial="none", auto_transitions=False)
    for target, sources in CHANNEL_SOURCES.items():
        machine.add_transition(f"to_{target}", list(sources), target)
    return machine


def mandate_machine() -> Machine:
    machine = Machine(model=None, states=list(MANDATE_LEVELS), initial="good_offices", auto_transitions=False)
    machine.add_transition("widen", "good_offices", "mediation")
    machine.add_transition("narrow", "mediation", "good_offices")
    return machine


def phase_machine(loaded: LoadedScenario) -> Machine:
    """The authored phases; `advance(check, last_move, taken)` takes the first transition whose
    `when` holds and whose `on` (if any) names the verb or choice just used."""
    phases = loaded.scenario.phases.phases
    machine = Machine(model=None, states=list(phases), initial=loaded.scenario.phases.start, auto_transitions=False, send_event=True)
    authored: list[tuple[str, str, Any]] = []
    for pid in phases:
        for owner, index in effective_transitions(phases, pid):
            transition = phases[owner].transitions[index]
            reason = transition.note or (f"{transition.when}" if transition.when else f"after {transition.on}" if transition.on else "")
            authored.append((pid, transition.to, [_condition(transition.when, transition.on, reason)]))
    add_transitions(machine, "advance", authored)
    # the clock's endings leave every phase that is not an ending
    open_phases = [pid for pid in phases if phases[pid].ending is None]
    clock = loaded.scenario.clock
    for trigger, ending in (("time_out", clock.on_timeout), ("boil_over", clock.on_escalation), ("withdraw", withdrawal_ending(loaded))):
        add_transitions(machine, trigger, [(pid, ending, None) for pid in open_phases])
    return machine


def add_transitions(machine: Machine, trigger: str, transitions: list[tuple[str, str, Any]]) -> None:
    """`machine.add_transition(trigger, source, dest, conditions=conditions)` for each (source,
    dest, conditions), in order, with the same result. The first goes through `add_transition`,
    which makes the trigger; each other is made as `add_transition` makes it (one `transition_cls`
    added to the trigger's event) without its checks for wildcards, `State` objects and models,
    which a machine of plain state names and no model does not need: they were a third of
    building a 1,000-phase scenario's machines (tests check the result against `add_transition`)."""
    if not transitions:
        return
    source, dest, conditions = transitions[0]
    machine.add_transition(trigger, source, dest, conditions=conditions)
    event = machine.events[trigger]
    for source, dest, conditions in transitions[1:]:
        event.add_transition(machine.transition_cls(source, dest, conditions=conditions))


def withdrawal_ending(loaded: LoadedScenario) -> str:
    """Where the game goes when the envoy ends good offices: `clock.on_withdrawal`, or else
    `clock.on_timeout` (the crisis runs on without the envoy)."""
    clock = loaded.scenario.clock
    return clock.on_withdrawal or clock.on_timeout


class Guard:
    """The condition of one authored phase transition: its `on` (the verb or choice that must
    have just been used, if any) and its `when` (an authored condition text, if any), with the
    reason logged when it is taken. The phase machine calls it as a `transitions` condition;
    `Machines.advance` reads the same object from the machine's transition table."""

    __slots__ = ("when", "on", "reason")

    def __init__(self, when: str | None, on: str | None, reason: str) -> None:
        self.when, self.on, self.reason = when, on, reason

    def allows(self, check: ConditionCheck, last_move: str) -> bool:
        return (self.on is None or self.on == last_move) and (self.when is None or check(self.when))

    def __call__(self, event: EventData) -> bool:
        check, last_move, taken = event.args
        if self.allows(check, last_move):
            taken.append(self.reason)
            return True
        return False


def _condition(when: str | None, on: str | None, reason: str) -> Guard:
    return Guard(when, on, reason)


Step = tuple[str, Guard | None]
"""One transition out of a state, in a machine's table: its destination and its guard (None:
the transition is always taken)."""
PlannedStep = tuple[str, str | None, Callable[[GameState], object] | None, str]
"""A step of `advance` made ready for a state: destination, `on`, the condition's function, reason."""
Table = dict[str, dict[str, tuple[Step, ...]]]
"""trigger -> source state -> the transitions `transitions` would try, in its order."""


def transition_table(machine: Machine) -> Table:
    """Every transition of `machine`, read from the machine itself, as plain data.

    Firing a trigger through `transitions` costs several microseconds (an EventData, a partial,
    callback lists, debug logging), about as much as the rest of a quiet turn; the engine moves
    its positions by this table instead (`Machines.step`, `Machines.advance`), so the machines
    stay the one definition of every ladder and phase graph. The engine's machines have no
    callbacks, so taking a transition is only setting the position's `state`; a transition may
    carry at most one condition, a `Guard` (tests check the table against the machines' own
    triggers)."""
    callbacks = [machine.before_state_change, machine.after_state_change, machine.prepare_event, machine.finalize_event]
    callbacks += [hook for state in machine.states.values() for hook in (state.on_enter, state.on_exit)]
    if any(callbacks) or machine.on_exception or machine.has_queue:
        raise ValueError("the machine has callbacks or a queue, which its transition table cannot say")
    table: Table = {}
    for trigger, event in machine.events.items():
        rows: dict[str, tuple[Step, ...]] = {}
        for source, transitions in event.transitions.items():
            steps: list[Step] = []
            for transition in transitions:
                conditions = transition.conditions
                guard = conditions[0].func if conditions else None
                plain = not (transition.prepare or transition.before or transition.after) and transition.dest
                guarded = guard is None or (isinstance(guard, Guard) and conditions[0].target is True)
                if not plain or len(conditions) > 1 or not guarded:
                    raise ValueError(f"the transition {trigger}: {source} -> {transition.dest} does more than its table can say")
                steps.append((str(transition.dest), cast(Guard | None, guard)))
            rows[source] = tuple(steps)
        table[trigger] = rows
    return table


@dataclass
class Machines:
    consent: Machine
    channel: Machine
    mandate: Machine
    phase: Machine
    compiled: Compiled = field(kw_only=True)
    """The scenario's conditions, events and messages made ready for play, built with the machines."""
    tables: dict[str, Table] = field(init=False, repr=False)
    """Each machine's `transition_table`, by machine name (consent, channel, mandate, phase)."""

    def __post_init__(self) -> None:
        self._plans: dict[str, tuple[PlannedStep, ...]] = {}
        self.tables = {name: transition_table(getattr(self, name)) for name in ("consent", "channel", "mandate", "phase")}

    def step(self, machine: str, trigger: str, position: LadderPosition) -> bool:
        """Fire `trigger` on `position` by the machine's table (a ladder's steps have no guard,
        so the first transition is the one taken); False (and no change) where the machine has
        no such step from the position's state."""
        steps = self.tables[machine].get(trigger, {}).get(position.state)
        if not steps:
            return False
        dest, guard = steps[0]
        if guard is not None:
            raise ValueError(f"'{trigger}' of the {machine} machine has guards: use `advance`")
        position.state = dest
        return True

    def advance(self, position: LadderPosition, check: ConditionCheck, last_move: str) -> str | None:
        """The phase machine's `advance` trigger: take the first authored transition out of the
        phase whose `on` matches the last move and whose `when` holds; its reason, or None."""
        for dest, guard in self.tables["phase"]["advance"].get(position.state, ()):
            if guard is None or guard.allows(check, last_move):
                position.state = dest
                return "" if guard is None else guard.reason
        return None

    def advance_in(self, state: GameState, last_move: str) -> str | None:
        """`advance` of the state's phase, each guard's condition read by its function in
        `compiled.conditions` (what `Turn.holds` reads) without going through `Turn.holds`."""
        position = state.phase
        plan = self._plans.get(position.state)
        if plan is None:
            rows = self.tables["phase"]["advance"].get(position.state, ())
            self.compiled.prepare(guard.when for _, guard in rows if guard is not None and guard.when is not None)  # in one go
            conditions = self.compiled.conditions
            steps: list[PlannedStep] = []
            for dest, guard in rows:
                if guard is None:
                    steps.append((dest, None, None, ""))
                else:
                    steps.append((dest, guard.on, None if guard.when is None else conditions[guard.when], guard.reason))
            plan = self._plans[position.state] = tuple(steps)
        for dest, on, condition, reason in plan:
            if (on is None or on == last_move) and (condition is None or condition(state)):
                position.state = dest
                return reason
        return None

    def move(self, machine: Machine, trigger: str, position: LadderPosition, *args: Any) -> bool:
        """Fire `trigger` on `position` through `transitions` itself; False (and no change) where
        the ladder has no such step. Play uses the tables (`step`, `advance`) instead; this is
        what they are checked against."""
        event = machine.events.get(trigger)
        if event is None or position.state not in event.transitions:
            return False
        return bool(event.trigger(position, *args))


_RECENT: dict[int, Machines] = {}
_RECENT_SIZE = 8


def machines_for(loaded: LoadedScenario) -> Machines:
    """The machines of `loaded`, built once and shared by the sessions that do not bring their own.

    Building compiles the scenario's conditions (a few milliseconds), and a replay, a resume or
    a class debrief makes a session per log; the machines hold no game state (positions live in
    each GameState, and what `Compiled` fills in as it goes is the same for every session), so
    sharing them changes nothing but the time. The last few scenarios are kept, by identity."""
    found = _RECENT.get(id(loaded))
    if found is not None and found.compiled.loaded is loaded:
        return found
    found = build_machines(loaded)
    while len(_RECENT) >= _RECENT_SIZE:
        del _RECENT[next(iter(_RECENT))]
    _RECENT[id(loaded)] = found
    return found


def build_machines(loaded: LoadedScenario) -> Machines:
    with collector.paused():  # many objects, nothing to collect yet: as for loading (collector.py)
        return Machines(consent_machine(), channel_machine(), mandate_machine(), phase_machine(loaded), compiled=Compiled(loaded))
