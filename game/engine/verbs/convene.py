"""Convene the parties at the agreed venue, or shuttle between them.

Talks need every party's consent to that meeting: a party that accepted the venue and format
has consented to it; convening a side that never agreed (or took its agreement back) is an
announcement it must publicly refuse. A secret meeting opens a back channel and widens the
circle of people who know; proximity talks put the delegations in separate rooms; the other
formats put the talks on an official track.

Open formats are convened by simultaneous invitations (`convene:talks`), so that neither side is
seen to ask first; the envoy may instead let one party be seen to ask first
(`convene:talks:first:<party>`), a loss of face for it (exposure 10, scaled by its sensitivity)
that eases the other side's hardliners (pressure -2): a choice worth making only where the
scenario rewards it (`asked_first.<party>`). A secret meeting is never announced, so it has no
invitations to send or to publish. The conduct of each delegation at the table adds one
observation of its faith to the envoy's evidence (`evidence.py`).
"""

from __future__ import annotations

from game.engine.consent import meeting_act
from game.engine.evidence import observe_faith
from game.engine.outcome import Change, Move
from game.engine.turn import Turn
from game.engine.verbs.common import all_consent_at_least, bad_faith, expose, one_rung_lower, others
from game.engine.verbs.propose_venue import FORMATS

VERB = "convene"
GROUP = "Talks"


def moves(turn: Turn) -> list[Move]:
    found = []
    if all_consent_at_least(turn, "contact"):
        found.append(
            Move(
                f"{VERB}:shuttle",
                VERB,
                "Shuttle between the parties",
                "Travel between the capitals carrying positions by hand; no meeting, no cameras.",
                GROUP,
            )
        )
    if turn.state.venue and turn.state.venue_format:
        venue = turn.loaded.scenario.venues[turn.state.venue]
        fmt = turn.state.venue_format
        words = FORMATS[fmt][0]
        if fmt == "secret_meeting":  # never announced: no invitations to send, or to publish
            found.append(
                Move(
                    f"{VERB}:talks",
                    VERB,
                    f"Convene {words} in {venue.name}",
                    "No invitations are sent and nothing is announced: the few who know are told in person.",
                    GROUP,
                )
            )
            return found
        found.append(
            Move(
                f"{VERB}:talks",
                VERB,
                f"Convene {words} in {venue.name}, inviting both at once",
                f"Send simultaneous invitations to {venue.name}, so that neither side is seen to ask first.",
                GROUP,
            )
        )
        for pid in turn.state.parties:
            name = turn.party_name(pid)
            found.append(
                Move(
                    f"{VERB}:talks:first:{pid}",
                    VERB,
                    f"Convene {words} in {venue.name}, with {name} seen to ask first",
                    f"Let {name} be seen to request the meeting: a loss of face for it at home, which its adversary's camp will enjoy.",
                    GROUP,
                    pid,
                )
            )
    return found


def apply(turn: Turn, move: Move) -> None:
    if move.target == "shuttle":
        _shuttle(turn)
    else:
        _talks(turn, move.detail if move.mode == "first" else None)


def _shuttle(turn: Turn) -> None:
    turn.note_traffic("the envoy carries positions between the capitals")
    for pid in turn.state.parties:
        turn.adjust(f"trust.{pid}", 2, "the envoy carried positions in person")
    turn.adjust("escalation", -2, "a working line between capitals lowers the risk of miscalculation")
    turn.narrate("You shuttle between the capitals. Positions are clearer; no one has had to be seen talking.")


FIRST_FACE = 10
"""Exposure for the party seen to ask first (scaled by its sensitivity, as any exposure)."""
FIRST_RELIEF = 2
"""Hardliner pressure eased on the other side, which sees its adversary come asking."""


def _talks(turn: Turn, first: str | None = None) -> None:
    state = turn.state
    act = meeting_act(state.venue or "", state.venue_format or "")
    absent = [pid for pid in state.parties if act not in state.parties[pid].agreed]
    if absent:
        for pid in absent:
            name = turn.party_name(pid)
            turn.adjust(f"trust.{pid}", -10, f"{name} was invited to talks it never agreed to")
            turn.set_consent(pid, one_rung_lower(turn, pid), f"{name} refused to be summoned")
            turn.reply(name, "We never agreed to these talks. Our chair will stay empty.")
        turn.adjust("escalation", 3, "a failed meeting is a public setback")
        return
    fmt = state.venue_format or "proximity_talks"
    venue = turn.loaded.scenario.venues[state.venue or ""]
    state.meetings += 1
    relief = 8.0 + (4.0 if "standby_experts" in state.consulted else 0.0)
    if fmt != "secret_meeting":
        # an open meeting in a place that means something counts for more (x0.8 to x1.2)
        relief *= 0.8 + venue.symbolic_weight / 250
    if any(bad_faith(turn, pid) for pid in state.parties):
        relief /= 2
    turn.outcome.changes.append(Change("meetings", state.meetings - 1, state.meetings, "the parties met"))
    turn.adjust("escalation", -relief, "the parties are talking")
    for pid in state.parties:
        turn.adjust(f"trust.{pid}", 4, "the envoy brought the sides together on equal terms")
    if fmt == "secret_meeting" and state.channel.state not in ("official", "public"):
        turn.set_channel("back_channel", "a secret meeting opened a back channel")
        turn.adjust("circle", 2, "more people now know of the secret contacts")
        turn.adjust("leak_risk", 5, "every secret meeting is one more chance to be seen")
        if venue.symbolic_weight >= 60:
            turn.adjust("leak_risk", venue.symbolic_weight / 20, f"{venue.name} is a place people watch")
    elif fmt == "secret_meeting":
        turn.narrate("The contacts are no longer secret; the meeting is reported like any other.")
    elif fmt == "proximity_talks":
        if state.channel.state != "official":
            turn.set_channel("proximity", "the delegations met in separate rooms, with the envoy between them")
    else:
        turn.set_channel("official", "the talks put contact on an official track")
    turn.note_traffic("the parties met")
    turn.narrate(f"The delegations meet in {venue.name} ({FORMATS[fmt][0]}). Meeting {state.meetings}.")
    if first is not None and fmt != "secret_meeting":
        _asked_first(turn, first)
    for pid in state.parties:  # the conduct of each delegation at the table is evidence (evidence.py)
        seen = observe_faith(turn, pid, "meeting")
        turn.narrate(f"At the table, {turn.party_name(pid)} shows {seen.reading[0].lower()}{seen.reading[1:]}.")


def _asked_first(turn: Turn, pid: str) -> None:
    name = turn.party_name(pid)
    party = turn.state.parties[pid]
    if not party.asked_first:
        party.asked_first = True
        turn.outcome.changes.append(Change(f"asked_first.{pid}", False, True, f"{name} was seen to ask first for the meeting"))
    expose(turn, pid, FIRST_FACE, f"{name} was seen to ask first for the meeting")
    for other in others(turn, pid):
        turn.adjust(f"pressure.{other}", -FIRST_RELIEF, f"{turn.party_name(other)}'s camp saw its adversary come asking")
