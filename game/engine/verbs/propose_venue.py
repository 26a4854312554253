"""Propose a venue and a format. Each party weighs neutrality, whose soil it is, discretion and
its own preferences; a venue on one side's territory asks the other to be seen coming to it."""

from __future__ import annotations

from functools import lru_cache

from game.engine.consent import meeting_act
from game.engine.outcome import Change, Move
from game.engine.turn import Turn
from game.engine.verbs.common import consent_at_least, sensitivity

VERB = "propose_venue"
GROUP = "Venue and format"

FORMATS = {
    "secret_meeting": ("a secret meeting", "A discreet meeting of a few trusted people; nothing is announced."),
    "proximity_talks": ("proximity talks", "Delegations in separate rooms; the envoy walks between them."),
    "technical_delegations": ("talks between technical delegations", "Officials meet on practical matters under an official label."),
    "leaders_meeting": ("a leaders' meeting", "The leaders meet in person: high symbolism, high stakes."),
}
LEADERS_TRUST = 55


def formats_now(turn: Turn) -> list[str]:
    """The formats that make sense from the channel the parties have now: a secret or a
    proximity meeting while they only exchange messages, official formats once they talk."""
    channel = turn.state.channel.state
    if channel in ("none", "indirect"):
        return ["secret_meeting", "proximity_talks"]
    if channel == "proximity":
        return ["secret_meeting", "technical_delegations", "leaders_meeting"]
    if channel == "back_channel":
        return ["proximity_talks", "technical_delegations", "leaders_meeting"]
    return ["technical_delegations", "leaders_meeting"]


def moves(turn: Turn) -> list[Move]:
    state = turn.state
    formats = formats_now(turn)
    found = []
    for vid, venue in turn.loaded.scenario.venues.items():
        for fmt in formats:
            if state.venue == vid and state.venue_format == fmt and all_hold(turn, vid, fmt):
                continue  # agreed and still held by every party: nothing to propose
            found.append(_move(vid, fmt, venue.name, venue.description))
    return found


def all_hold(turn: Turn, vid: str, fmt: str) -> bool:
    """Every party still holds to this meeting (none took it back by narrowing its consent)."""
    act = meeting_act(vid, fmt)
    return all(act in party.agreed for party in turn.state.parties.values())


@lru_cache(maxsize=1024)
def _move(vid: str, fmt: str, name: str, description: str) -> Move:
    """The same venue and format make the same move: made once, not at every listing (a Move is
    never changed once made, so sessions can share it)."""
    words, text = FORMATS[fmt]
    return Move(f"{VERB}:{vid}:{fmt}", VERB, f"Propose {words} in {name}", f"{text} {description}", GROUP)


def apply(turn: Turn, move: Move) -> None:
    vid, fmt = move.target, move.mode
    venue = turn.loaded.scenario.venues[vid]
    parties = turn.state.parties
    accepted = [pid for pid in parties if _accepts(turn, pid, vid, fmt)]
    proposal = f"{vid}:{fmt}"
    for pid, party in parties.items():
        party.venue_accepted = proposal if pid in accepted else None
    for pid in accepted:
        turn.agree(pid, meeting_act(vid, fmt), f"{turn.party_name(pid)} agreed to {FORMATS[fmt][0]} in {venue.name}")
    if len(accepted) == len(turn.state.parties):
        turn.state.venue, turn.state.venue_format = vid, fmt
        turn.outcome.changes.append(Change("venue", None, f"{vid}:{fmt}", "every party accepted the venue and format"))
        turn.narrate(f"Both sides accept {FORMATS[fmt][0]} in {venue.name}.")


def _accepts(turn: Turn, pid: str, vid: str, fmt: str) -> bool:
    spec = turn.loaded.scenario.parties[pid]
    venue = turn.loaded.scenario.venues[vid]
    party = turn.state.parties[pid]
    name = spec.name
    if not consent_at_least(turn, pid, "contact"):
        turn.reply(name, "We have not accepted any intermediary. There is nothing to discuss.")
        return False
    if venue.territory != pid and venue.territory in turn.state.parties:  # on another party's ground
        turn.adjust(f"trust.{pid}", -8, f"{name} was asked to go to the other side's ground")
        turn.adjust(f"pressure.{pid}", 6, "going to the adversary's capital looks like surrender at home")
        turn.reply(name, f"Go to {venue.name}? That would be seen as coming to ask.")
        return False
    if fmt == "secret_meeting" and venue.discretion < 50 and sensitivity(turn, pid) > 0.6:
        turn.reply(name, f"{venue.name} is full of cameras. We cannot risk being seen.")
        return False
    if fmt == "leaders_meeting" and party.trust < LEADERS_TRUST:
        turn.reply(name, "A meeting of leaders now? It is far too soon.")
        return False
    first_time = vid not in party.venues_proposed
    party.venues_proposed.add(vid)
    if vid in spec.venue_preferences:
        if first_time:
            turn.adjust(f"trust.{pid}", 2, f"the envoy proposed a venue {name} likes")
        turn.reply(name, f"{venue.name} is acceptable to us.")
        return True
    if venue.territory == pid or venue.neutrality >= 50:
        turn.reply(name, f"We can accept {venue.name}.")
        return True
    turn.reply(name, f"We do not consider {venue.name} neutral.")
    return False
