"""Consult analysts or the standby experts: preparation that costs a turn and pays later.

Analysts read the parties (their pressure at home, how close a leak is, and one observation
each of whether a party seems to be stalling, with noise: `evidence.py`); standby experts on
cease-fires, power-sharing and the like make the next round of talks more productive.
"""

from __future__ import annotations

from game.engine.evidence import assess, observe_faith
from game.engine.outcome import Change, Move
from game.engine.turn import Turn

VERB = "consult"
GROUP = "Analysis"

TOPICS = {
    "analysts": (
        "Ask political analysts for an assessment",
        "Desk officers assess each side's domestic pressure and the risk that contacts leak.",
    ),
    "standby_experts": (
        "Call in the standby mediation experts",
        "Specialists on cease-fires, power-sharing and related issues join your team for the next talks.",
    ),
}


_MOVES = {topic: Move(f"{VERB}:{topic}", VERB, label, text, GROUP) for topic, (label, text) in TOPICS.items()}
"""Made once (a Move is never changed once made)."""


def moves(turn: Turn) -> list[Move]:
    return [move for topic, move in _MOVES.items() if topic not in turn.state.consulted]


def apply(turn: Turn, move: Move) -> None:
    topic = move.target
    turn.state.consulted.add(topic)
    turn.outcome.changes.append(Change(f"consulted.{topic}", False, True, "the envoy prepared"))
    if topic == "analysts":
        for pid, party in turn.state.parties.items():
            mood = (
                "very high" if party.pressure >= 70 else "high" if party.pressure >= 50 else "moderate" if party.pressure >= 30 else "low"
            )
            turn.narrate(f"Analysts: hardliner pressure in {turn.party_name(pid)} is {mood} ({party.pressure:.0f}/100).")
        turn.narrate(f"Analysts: the risk that secret contacts leak this turn is about {turn.state.leak_risk:.0f}%.")
        for pid, party in turn.state.parties.items():
            evidence = observe_faith(turn, pid, "analysts")
            seen = evidence.reading[0].lower() + evidence.reading[1:]
            turn.narrate(f"Analysts on {turn.party_name(pid)}: {seen}. Your reading so far: {assess(party).words}.")
    else:
        turn.narrate("The standby experts arrive. Your next talks will be better prepared.")
