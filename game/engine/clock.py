"""What happens between decisions: time passes, tension drifts, secrets leak, messages arrive,
deadlines pass, events fire, and hidden harm (a distorted or withheld message) may come to light."""

from __future__ import annotations

from operator import attrgetter

from game.engine.compiled import as_number
from game.engine.consent import message_act
from game.engine.messages import arrive, check_deadlines
from game.engine.outcome import FiredEvent
from game.engine.turn import Turn
from game.engine.verbs.common import backlash, disclosure_backlash, expose, one_rung_lower

LEAK_BASE = 2.0
LEAK_PER_INSIDER = 1.5
ENDLESS_AFTER = 5
"""Turns in a back channel after which it starts to look like an endless game."""
INDIRECT_LAPSE = 3
"""Turns without a message crossing after which an indirect channel has lapsed."""
CHANNEL_DRIFT = {"none": 0.0, "indirect": -0.5, "proximity": -1.5, "back_channel": -1.0, "official": -2.0, "public": 1.0}
"""What each channel does to escalation every turn: any working line lowers the risk of
miscalculation, talks more than messages; talks argued over in public feed the hardliners."""
DISCOVERY_CHANCE = 0.25
NEAR_MISS_MARGIN = 0.15
_PRESSURE = attrgetter("pressure")


def tick(turn: Turn) -> None:
    state = turn.state
    state.turn += 1
    if state.channel.state == "indirect":  # the steps below that do nothing on most turns are not called then
        _lapse_indirect(turn)
    _drift_escalation(turn)
    if state.channel.state == "back_channel" or state.leak_risk:
        _back_channel_risk(turn)
    else:
        state.back_channel_turns = 0
    _discoveries(turn)
    check_deadlines(turn)
    _arrivals(turn)
    _events(turn)
    state.escalation_trail.append(state.escalation)


def _drift_escalation(turn: Turn) -> None:
    state = turn.state
    drift = turn.loaded.scenario.clock.escalation_per_turn
    drift += CHANNEL_DRIFT[state.channel.state]
    average_pressure = sum(map(_PRESSURE, state.parties.values())) / len(state.parties)
    drift += (average_pressure - 50) / 25
    if drift:
        turn.adjust("escalation", drift, "time passed" if drift > 0 else "contacts between the parties eased tension")


def _lapse_indirect(turn: Turn) -> None:
    state = turn.state
    if state.minimal_line is not None:  # a line kept open during a suspension does not lapse
        return
    if state.channel.state == "indirect" and state.turn - state.last_traffic > INDIRECT_LAPSE:
        label = turn.loaded.scenario.clock.turn_label
        turn.set_channel("none", f"no message has crossed for {INDIRECT_LAPSE} {label}s")


def _back_channel_risk(turn: Turn) -> None:
    state = turn.state
    if state.channel.state != "back_channel":
        state.back_channel_turns = 0
        if state.leak_risk:
            # halve, down to zero (not forever smaller fractions, each one a logged change)
            turn.set("leak_risk", state.leak_risk / 2 if state.leak_risk >= 1 else 0.0, "no secret channel to leak")
        return
    state.back_channel_turns += 1
    growth = (LEAK_BASE + LEAK_PER_INSIDER * state.circle) * _discretion_factor(turn)
    if state.back_channel_turns > ENDLESS_AFTER:
        growth += 4
        turn.adjust("escalation", 1, "a back channel with no end in sight frustrates both camps")
    turn.adjust("leak_risk", growth, "secrets get harder to keep with time and with each person who knows")
    state.leak_peak = max(state.leak_peak, state.leak_risk)
    probability = state.leak_risk / 100
    leaked = turn.draw("leak", probability)
    if not leaked and probability > 0 and turn.outcome.draws[-1].roll < probability + NEAR_MISS_MARGIN:
        state.near_misses.append(f"turn {state.turn}: the back channel nearly leaked (risk {state.leak_risk:.0f}%)")
    if leaked:
        _leak(turn)


def _discretion_factor(turn: Turn) -> float:
    """A discreet venue slows the growth of leak risk (x0.75 at full discretion, x1.25 at none)."""
    if turn.state.venue is None:
        return 1.0
    return 1.25 - turn.loaded.scenario.venues[turn.state.venue].discretion / 200


def _leak(turn: Turn) -> None:
    scenario = turn.loaded.scenario
    authored = next(
        (
            eid
            for eid, event in scenario.events.items()
            if event.kind == "leak"
            and eid not in turn.state.fired
            and event.chance is None
            and event.at_turn is None
            and event.when is None
        ),
        None,
    )
    if authored is not None:
        _fire(turn, authored)
    else:
        turn.state.events_seen.append((turn.state.turn, "leak", "leak"))
        turn.outcome.events.append(FiredEvent("leak", "The back channel leaks", "Reports of secret contacts appear in the press.", "leak"))
    turn.set_channel("public", "the secret contacts leaked")
    for pid, party in turn.state.parties.items():
        # public lines agreed beforehand and a briefed cabinet soften the blow (verbs/common.py)
        expose(turn, pid, 30 * backlash(turn, pid), "the secret contacts became public")
        turn.adjust(f"trust.{pid}", -2 if party.lines_prepared else -5, "the envoy's channel failed to stay secret")
    turn.adjust("escalation", 6 * disclosure_backlash(turn), "hardliners react to the revelation")
    if turn.state.disclosure_prepared:
        turn.narrate("Both governments answer the press with the lines they agreed beforehand.")


def _discoveries(turn: Turn) -> None:
    for pid, party in turn.state.parties.items():
        if party.grievance <= 0:
            continue
        if turn.draw(f"discovery:{pid}", DISCOVERY_CHANCE * party.grievance):
            name = turn.party_name(pid)
            party.grievance = 0.0
            turn.adjust(f"trust.{pid}", -25, f"{name} learned its message had not been passed on as sent")
            turn.set_consent(pid, one_rung_lower(turn, pid), f"{name} no longer trusts the envoy's relay")
            turn.reply(name, "Our message never reached them as we sent it. Why should we trust your channel?")


def _arrivals(turn: Turn) -> None:
    state = turn.state
    compiled = turn.machines.compiled
    for index in compiled.arrival_scan(state):  # each message not arrived yet that is due, or whose condition holds
        mid = compiled.arrivals[index][0]
        state.arrived.add(mid)
        state.inbox.append(mid)
        message = turn.loaded.scenario.messages[mid]
        arrive(turn, mid)
        asked = f"{turn.party_name(message.sender)} asked the envoy to carry '{message.summary}'"
        turn.agree(message.sender, message_act(mid), asked, note=False)
        turn.outcome.arrivals.append(mid)


def opening(turn: Turn) -> None:
    """Before the first decision: messages and events due on the first turn."""
    _arrivals(turn)
    _events(turn)
    turn.state.escalation_trail[-1] = turn.state.escalation


def _events(turn: Turn) -> None:
    """Each event that can fire now (by turn and phase: see `Compiled.events_at`), in order."""
    state = turn.state
    events, scan = turn.machines.compiled.event_scan(state.turn, state.phase.state)
    for index in scan(state):  # each event not fired yet (if it fires once) whose condition holds, in order
        eid, _, _, chance = events[index]
        if chance is not None and not turn.draw(f"event:{eid}", as_number(chance(state))):
            continue
        _fire(turn, eid)


def _fire(turn: Turn, eid: str) -> None:
    event = turn.loaded.scenario.events[eid]
    turn.state.fired.add(eid)
    turn.state.events_seen.append((turn.state.turn, eid, event.kind))
    turn.outcome.events.append(FiredEvent(eid, event.title, event.text, event.kind))
    turn.apply_effects(event.effects, event.title)  # only read
