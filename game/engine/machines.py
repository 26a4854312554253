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
from typing import Any

from transitions import EventData, Machine

from game.engine.compiled import Compiled
from game.engine.state import LadderPosition
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
    for pid in phases:
        for owner, index in effective_transitions(phases, pid):
            transition = phases[owner].transitions[index]
            reason = transition.note or (f"{transition.when}" if transition.when else f"after {transition.on}" if transition.on else "")
            machine.add_transition("advance", pid, transition.to, conditions=[_condition(transition.when, transition.on, reason)])
        if phases[pid].ending is None:
            machine.add_transition("time_out", pid, loaded.scenario.clock.on_timeout)
            machine.add_transition("boil_over", pid, loaded.scenario.clock.on_escalation)
            machine.add_transition("withdraw", pid, withdrawal_ending(loaded))
    return machine


def withdrawal_ending(loaded: LoadedScenario) -> str:
    """Where the game goes when the envoy ends good offices: `clock.on_withdrawal`, or else
    `clock.on_timeout` (the crisis runs on without the envoy)."""
    clock = loaded.scenario.clock
    return clock.on_withdrawal or clock.on_timeout


def _condition(when: str | None, on: str | None, reason: str) -> Callable[[EventData], bool]:
    def holds(event: EventData) -> bool:
        check, last_move, taken = event.args
        if on is not None and on != last_move:
            return False
        if when is None or check(when):
            taken.append(reason)
            return True
        return False

    return holds


@dataclass
class Machines:
    consent: Machine
    channel: Machine
    mandate: Machine
    phase: Machine
    phase_guards: dict[str, tuple[tuple[str | None, str | None], ...]] = field(default_factory=dict)
    """Per phase, the (when, on) of every transition out of it, in order: most turns no transition
    holds, and checking that directly is cheaper than a `transitions` trigger that finds nothing."""
    compiled: Compiled = field(kw_only=True)
    """The scenario's conditions, events and messages made ready for play, built with the machines."""

    def move(self, machine: Machine, trigger: str, position: LadderPosition, *args: Any) -> bool:
        """Fire `trigger` on `position`; False (and no change) where the ladder has no such step."""
        event = machine.events.get(trigger)
        if event is None or position.state not in event.transitions:
            return False
        return bool(event.trigger(position, *args))


def build_machines(loaded: LoadedScenario) -> Machines:
    phases = loaded.scenario.phases.phases
    guards = {
        pid: tuple((phases[owner].transitions[i].when, phases[owner].transitions[i].on) for owner, i in effective_transitions(phases, pid))
        for pid in phases
    }
    return Machines(consent_machine(), channel_machine(), mandate_machine(), phase_machine(loaded), guards, compiled=Compiled(loaded))
