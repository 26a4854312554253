"""Advise a principal on the size of the back channel's circle: narrow it, or widen it.

Who knows of a secret channel is each leader's decision, not the envoy's; the envoy can only
advise. Narrowing (fewer people on that side in the know) cuts the circle and slows the growth
of the leak risk. Widening (briefing the cabinet) raises the circle and the leak risk, but
prepares the ground at home: if the channel becomes known, that party's backlash (exposure and
hardliner pressure, and its share of the escalation) is smaller (`common.CABINET_RELIEF`).

Offered only while a back channel exists, to each party that has accepted at least contact,
once per party and kind of advice (narrowing only while more than one person knows). The party
decides with a seeded draw that depends on its trust in the envoy and on its hardliners.
"""

from __future__ import annotations

from game.engine.outcome import Change, Move
from game.engine.turn import Turn
from game.engine.verbs.common import consent_at_least

VERB = "advise_circle"
GROUP = "Back channel"

NARROW_CUT = 1
NARROW_LEAK = 3.0
WIDEN_GROWTH = 2
WIDEN_LEAK = 3.0


def narrow_chance(trust: float, pressure: float) -> float:
    """0.3 + trust/200, less (pressure - 60)/200 when hardliners insist on being told; 0.1 to 0.9."""
    return min(max(0.3 + trust / 200 - max(pressure - 60, 0) / 200, 0.1), 0.9)


def widen_chance(trust: float, pressure: float) -> float:
    """0.3 + trust/200 - pressure/250: a leader with strong hardliners fears its own cabinet; 0.1 to 0.9."""
    return min(max(0.3 + trust / 200 - pressure / 250, 0.1), 0.9)


def moves(turn: Turn) -> list[Move]:
    state = turn.state
    if state.channel.state != "back_channel":
        return []
    found = []
    for pid, party in state.parties.items():
        if not consent_at_least(turn, pid, "contact"):
            continue
        name, leader = turn.party_name(pid), turn.loaded.scenario.parties[pid].leader
        if "narrow" not in party.circle_advice and state.circle > 1:
            found.append(
                Move(
                    f"{VERB}:{pid}:narrow",
                    VERB,
                    f"Advise {name} to narrow its circle",
                    f"Suggest to {leader} that fewer people on {name}'s side know of the channel. The decision is {leader}'s.",
                    GROUP,
                    pid,
                )
            )
        if "widen" not in party.circle_advice:
            found.append(
                Move(
                    f"{VERB}:{pid}:widen",
                    VERB,
                    f"Advise {name} to brief its cabinet",
                    f"Suggest that {leader} bring the cabinet in: more people know, but the ground at home is prepared "
                    f"for the day the contacts come out. The decision is {leader}'s.",
                    GROUP,
                    pid,
                )
            )
    return found


def apply(turn: Turn, move: Move) -> None:
    pid, advice = move.target, move.mode
    party = turn.state.parties[pid]
    name = turn.party_name(pid)
    chance = narrow_chance if advice == "narrow" else widen_chance
    accepted = turn.draw(f"circle:{pid}:{advice}", chance(party.trust, party.pressure))
    answer = "accepted" if accepted else "declined"
    party.circle_advice[advice] = answer
    turn.outcome.changes.append(Change(f"circle_advice.{pid}", "", f"{advice}:{answer}", f"{name} {answer} the envoy's advice to {advice}"))
    if not accepted:
        turn.reply(name, "Who knows on our side is for us to decide. We will keep things as they are.")
        return
    if advice == "narrow":
        cut = min(NARROW_CUT, turn.state.circle - 1)
        if cut > 0:
            turn.adjust("circle", -cut, f"{name} narrowed the circle of people in the know")
        turn.adjust("leak_risk", -NARROW_LEAK, f"{name} keeps the channel to fewer people")
        turn.reply(name, "Fewer of ours will know. The fewer, the safer.")
    else:
        party.cabinet_briefed = True
        turn.outcome.changes.append(Change(f"cabinet_briefed.{pid}", False, True, f"{name} briefed its cabinet on the channel"))
        turn.adjust("circle", WIDEN_GROWTH, f"{name} brought its cabinet into the secret")
        turn.adjust("leak_risk", WIDEN_LEAK, "more people know of the channel")
        turn.reply(name, "The cabinet has been told. If this comes out, they will not hear of it from the press.")
