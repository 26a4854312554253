"""Convene the parties at the agreed venue, or shuttle between them.

Talks need every party's consent to good offices: convening a side that never agreed is an
announcement it must publicly refuse. A secret meeting opens a back channel and widens the
circle of people who know; the other formats put the talks on an official track.
"""

from __future__ import annotations

from game.engine.outcome import Change, Move
from game.engine.turn import Turn
from game.engine.verbs.common import all_consent_at_least, bad_faith, consent_at_least, one_rung_lower
from game.engine.verbs.propose_venue import FORMATS

VERB = "convene"
GROUP = "Talks"


def moves(turn: Turn) -> list[Move]:
    found = []
    if all_consent_at_least(turn, "contact"):
        found.append(Move(f"{VERB}:shuttle", VERB, "Shuttle between the parties",
                          "Travel between the capitals carrying positions by hand; no meeting, no cameras.", GROUP))
    if turn.state.venue and turn.state.venue_format:
        venue = turn.loaded.scenario.venues[turn.state.venue]
        words = FORMATS[turn.state.venue_format][0]
        found.append(Move(f"{VERB}:talks", VERB, f"Convene {words} in {venue.name}",
                          f"Invite both delegations at once to {venue.name}.", GROUP))
    return found


def apply(turn: Turn, move: Move) -> None:
    if move.key.endswith(":shuttle"):
        _shuttle(turn)
    else:
        _talks(turn)


def _shuttle(turn: Turn) -> None:
    for pid in turn.state.parties:
        turn.adjust(f"trust.{pid}", 2, "the envoy carried positions in person")
    turn.adjust("escalation", -2, "a working line between capitals lowers the risk of miscalculation")
    turn.narrate("You shuttle between the capitals. Positions are clearer; no one has had to be seen talking.")


def _talks(turn: Turn) -> None:
    state = turn.state
    absent = [pid for pid in state.parties if not consent_at_least(turn, pid, "good_offices")]
    if absent:
        for pid in absent:
            name = turn.party_name(pid)
            turn.adjust(f"trust.{pid}", -10, f"{name} was invited to talks it never agreed to")
            turn.set_consent(pid, one_rung_lower(turn, pid), f"{name} refused to be summoned")
            turn.reply(name, "We never agreed to these talks. Our chair will stay empty.")
        turn.adjust("escalation", 3, "a failed meeting is a public setback")
        return
    fmt = state.venue_format or "proximity_talks"
    state.meetings += 1
    relief = 8 + (4 if "standby_experts" in state.consulted else 0)
    if any(bad_faith(turn, pid) for pid in state.parties):
        relief /= 2
    turn.outcome.changes.append(Change("meetings", state.meetings - 1, state.meetings, "the parties met"))
    turn.adjust("escalation", -relief, "the parties are talking")
    for pid in state.parties:
        turn.adjust(f"trust.{pid}", 4, "the envoy brought the sides together on equal terms")
    if fmt == "secret_meeting":
        turn.set_channel("back_channel", "a secret meeting opened a back channel")
        turn.adjust("circle", 2, "more people now know of the secret contacts")
        turn.adjust("leak_risk", 5, "every secret meeting is one more chance to be seen")
    else:
        turn.set_channel("official", "the talks put contact on an official track")
    venue = turn.loaded.scenario.venues[state.venue or ""]
    turn.narrate(f"The delegations meet in {venue.name} ({FORMATS[fmt][0]}). Meeting {state.meetings}.")

