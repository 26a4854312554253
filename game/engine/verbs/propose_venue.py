"""Propose a venue and a format. Each party weighs neutrality, whose soil it is, discretion and
its own preferences; a venue on one side's territory asks the other to be seen coming to it."""

from __future__ import annotations

from game.engine.consent import meeting_act
from game.engine.outcome import Change, Move
from game.engine.turn import Turn
from game.engine.verbs.common import consent_at_least, others, sensitivity
from game.engine.verbs.judgement import Judgement, Situation, number

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
    found = []
    for vid, venue in turn.loaded.scenario.venues.items():
        for fmt in formats_now(turn):
            if turn.state.venue == vid and turn.state.venue_format == fmt:
                continue
            words, text = FORMATS[fmt]
            found.append(Move(f"{VERB}:{vid}:{fmt}", VERB, f"Propose {words} in {venue.name}", f"{text} {venue.description}", GROUP))
    return found


def apply(turn: Turn, move: Move) -> None:
    _, vid, fmt = move.key.split(":")
    venue = turn.loaded.scenario.venues[vid]
    accepted = [pid for pid in turn.state.parties if _accepts(turn, pid, vid, fmt)]
    for pid in turn.state.parties:
        turn.state.parties[pid].venue_accepted = f"{vid}:{fmt}" if pid in accepted else None
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
    if venue.territory in others(turn, pid):
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


# -- debrief judgement ---------------------------------------------------------------------------
def judge(s: Situation) -> list[Judgement]:
    _, vid, fmt = s.move.key.split(":")
    venue = s.loaded.scenario.venues[vid]
    words = FORMATS[fmt][0]
    agreed = s.after.venue == vid and s.after.venue_format == fmt
    found: list[Judgement] = []
    strangers = [pid for pid in s.all_parties() if s.consent(pid) == "none"]
    if strangers:
        found.append(
            Judgement(
                "consent",
                "breached",
                1,
                f"You proposed {words} in {venue.name} to {s.names(strangers)}, which had not accepted you as an intermediary.",
                "guidance-2012-consent",
            )
        )
    if venue.territory in s.before.parties:
        host = s.name(venue.territory)
        guests = s.others(venue.territory)
        refused = [pid for pid in guests if s.after.parties[pid].venue_accepted is None]
        answer = f"; {s.names(refused)} refused" if refused else ""
        found.append(
            Judgement(
                "face",
                "breached",
                2,
                f"{venue.name} is on {host}'s ground: {s.names(guests)} would have had to be seen coming to ask{answer}.",
                "seed-000-practice",
            )
        )
    elif venue.neutrality >= 50:
        if not _already_neutral(s):  # moving from one neutral venue to another changes nothing for face
            result = "both sides accepted" if agreed else "not every side accepted yet"
            found.append(
                Judgement(
                    "face",
                    "honoured",
                    2 if agreed else 1,
                    f"{venue.name} is neutral ground (neutrality "
                    f"{number(venue.neutrality)}/100), so neither side had to come to "
                    f"the other; {result}.",
                    "portsmouth-1905",
                )
            )
    else:
        found.append(
            Judgement(
                "face",
                "breached",
                1,
                f"{venue.name} is seen as hardly neutral (neutrality "
                f"{number(venue.neutrality)}/100); one side would appear to give "
                f"way by going there.",
                "seed-000-practice",
            )
        )
    if fmt == "secret_meeting":
        if venue.discretion >= 50:
            found.append(
                Judgement(
                    "discretion",
                    "honoured",
                    1,
                    f"A secret meeting in {venue.name} (discretion "
                    f"{number(venue.discretion)}/100) keeps the contacts quiet "
                    f"while the leaders test their options.",
                    "seed-000-practice",
                )
            )
        else:
            found.append(
                Judgement(
                    "discretion",
                    "breached",
                    1,
                    f"You chose {venue.name} for a secret meeting though it keeps "
                    f"little secret (discretion {number(venue.discretion)}/100).",
                    "seed-000-advantages",
                )
            )
    if fmt == "leaders_meeting":
        wary = [pid for pid in s.all_parties() if s.trust(pid) < LEADERS_TRUST]
        if wary:
            found.append(
                Judgement(
                    "timing",
                    "breached",
                    1,
                    "A leaders' meeting was premature: "
                    + ", ".join(f"{s.name(p)}'s trust was {number(s.trust(p))}" for p in wary)
                    + f", below the {LEADERS_TRUST} such a meeting needs.",
                    "seed-000-practice",
                )
            )
    return found


def _already_neutral(s: Situation) -> bool:
    """A neutral venue was already agreed before this proposal."""
    current = s.loaded.scenario.venues.get(s.before.venue or "")
    return current is not None and current.territory is None and current.neutrality >= 50
