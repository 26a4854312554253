"""Rules for venues, formats, meetings and confidence-building steps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.debrief.decision import Decision
from game.debrief.rules.base import Rule
from game.debrief.rules.situation import WIDE_CIRCLE, in_the_know, names, no_incident_yet, number, recent_incident
from game.engine.verbs.offer_step import STEPS

FORMAT_WORDS = {
    "secret_meeting": "a secret meeting",
    "proximity_talks": "proximity talks",
    "technical_delegations": "talks between technical delegations",
    "leaders_meeting": "a leaders' meeting",
}


def venue_facts(d: Decision) -> Mapping[str, Any]:
    vid, fmt = d.target, d.mode
    venue = d.venue(vid)
    host = venue.territory
    guests = d.others(host) if host in d.scenario.parties else []
    refused = [pid for pid in guests if d.after.party(pid).venue_accepted is None]
    return {
        "venue": venue.name,
        "format": FORMAT_WORDS.get(fmt, fmt),
        "neutrality": number(venue.neutrality),
        "discretion": number(venue.discretion),
        "host": d.name(host) if host in d.scenario.parties else "",
        "guests": names(d, guests),
        "refused": names(d, refused),
        "strangers": names(d, [p.id for p in d.before.parties if p.consent == "none"]),
        "agreed": d.after.venue == vid and d.after.venue_format == fmt,
        "preconditions": "; ".join(pc for p in d.before.parties for pc in p.preconditions),
    }


def talks_facts(d: Decision) -> Mapping[str, Any]:
    venue = d.venue(d.before.venue) if d.before.venue else None
    fmt = d.before.venue_format or ""
    first = d.detail if d.mode == "first" else ""
    act = f"meeting:{d.before.venue}:{fmt}"
    absent = [p.id for p in d.before.parties if act not in p.agreed]
    return {
        "venue": venue.name if venue else "",
        "format": FORMAT_WORDS.get(fmt, fmt),
        "parties": names(d, d.parties()),
        "absent": names(d, absent),
        "circle": in_the_know(d.after.circle),
        "turns": d.before.back_channel_turns,
        "first": d.name(first) if first in d.scenario.parties else "",
        "escalation": number(d.before.escalation),
        "stallers": names(d, [p.id for p in d.before.parties if p.seems_to_stall]),
        "confidence": " and ".join(sorted({p.confidence for p in d.before.parties if p.seems_to_stall})),
    }


def step_words(d: Decision) -> str:
    """The step as a noun phrase ("an incident hotline"): the scenario's own `short`, else the engine's."""
    settings = d.scenario.verbs.get("offer_step")
    steps = dict(settings.steps) if settings is not None and settings.steps else STEPS
    step = steps.get(d.target)
    return step.short if step is not None else d.move.label[0].lower() + d.move.label[1:]


def step_facts(d: Decision) -> Mapping[str, Any]:
    return {
        "step": step_words(d),
        "strangers": names(d, [p.id for p in d.before.parties if p.consent == "none"]),
        "escalation": number(d.before.escalation),
    }


# -- venues ----------------------------------------------------------------------------------
def proposed_to_strangers(d: Decision) -> bool:
    """A party had not accepted the envoy at all"""
    return any(p.consent == "none" for p in d.before.parties)


def on_a_partys_soil(d: Decision) -> bool:
    """The venue lies on one party's territory"""
    return d.venue(d.target).territory in d.scenario.parties


def neutral_ground(d: Decision) -> bool:
    """The venue is on neither party's soil and seen as neutral (neutrality 50 or more)"""
    venue = d.venue(d.target)
    return venue.territory is None and venue.neutrality >= 50


def already_on_neutral_ground(d: Decision) -> bool:
    """A neutral venue had already been agreed"""
    vid = d.before.venue
    return vid is not None and d.venue(vid).territory is None and d.venue(vid).neutrality >= 50


def seen_as_partial_ground(d: Decision) -> bool:
    """The venue is on neither party's soil but seen as hardly neutral (neutrality under 50)"""
    venue = d.venue(d.target)
    return venue.territory is None and venue.neutrality < 50


def secret_format(d: Decision) -> bool:
    """The format was a secret meeting"""
    return d.mode == "secret_meeting"


def discreet_venue(d: Decision) -> bool:
    """The venue keeps meetings quiet (discretion 50 or more)"""
    return d.venue(d.target).discretion >= 50


def leaders_first(d: Decision) -> bool:
    """A leaders' meeting was proposed before the parties had met at any lower level"""
    return d.mode == "leaders_meeting" and d.before.meetings == 0


def preconditions_block_official_talks(d: Decision) -> bool:
    """A party had set public preconditions for official talks and no talks had been held"""
    return any(p.preconditions for p in d.before.parties) and d.before.meetings == 0 and d.before.channel != "official"


# -- meetings --------------------------------------------------------------------------------
def shuttle(d: Decision) -> bool:
    """The envoy shuttled between the capitals"""
    return d.target == "shuttle"


def talks(d: Decision) -> bool:
    """The envoy convened the agreed meeting"""
    return d.target == "talks"


def someone_never_agreed(d: Decision) -> bool:
    """A party had not agreed to this meeting (or had taken its agreement back)"""
    act = f"meeting:{d.before.venue}:{d.before.venue_format}"
    return any(act not in p.agreed for p in d.before.parties)


def first_meeting_unprepared(d: Decision) -> bool:
    """These were the first talks; the envoy had not consulted, not probed, and carried fewer than two messages"""
    carried = len(d.before.message_delivered)
    return d.before.meetings == 0 and not d.before.consulted and not any(p.probed for p in d.before.parties) and carried < 2


def secret_meeting_now(d: Decision) -> bool:
    """The meeting was a secret one"""
    return d.before.venue_format == "secret_meeting" and d.before.channel in ("none", "indirect", "back_channel", "proximity")


def wide_circle(d: Decision) -> bool:
    """More than four people knew of the secret contacts after the meeting"""
    return d.after.circle > WIDE_CIRCLE


def out_of_the_back_channel(d: Decision) -> bool:
    """A secret channel was running and the meeting moved the parties to an official or proximity format"""
    return d.before.channel == "back_channel" and d.before.venue_format != "secret_meeting"


def stalling_unraised(d: Decision) -> bool:
    """A party seemed to stall (medium confidence or more) and the envoy had not raised it with that party"""
    return any(p.seems_to_stall and p.stalling_raised == 0 for p in d.before.parties)


def one_side_seen_asking(d: Decision) -> bool:
    """The envoy let one party be seen to ask first"""
    return d.mode == "first"


def open_format_invited_together(d: Decision) -> bool:
    """An open format, with both delegations invited at the same moment"""
    return d.target == "talks" and d.mode != "first" and d.before.venue_format not in (None, "secret_meeting")


# -- steps -----------------------------------------------------------------------------------
def step_to_strangers(d: Decision) -> bool:
    """A party had not accepted the envoy at all"""
    return any(p.consent == "none" for p in d.before.parties)


def before_any_talks(d: Decision) -> bool:
    """No talks had been held yet"""
    return d.before.meetings == 0


PRACTICE = "seed-000-practice"

# fmt: off
# The rule tables keep one rule to a few lines, as written, so a table reads like the document
# it becomes (docs/judging.md); ruff format would spread each rule over a dozen.
VENUE_RULES: tuple[Rule, ...] = (
    Rule("venue-strangers", ("propose_venue",), "consent", "breached", "minor", "venue.strangers", "guidance-2012-consent",
         when=(proposed_to_strangers,), facts=venue_facts,
         notes="Guidance 2012, consent: the envoy acts only for parties that accepted a role."),
    Rule("venue-their-soil", ("propose_venue",), "face", "breached", "major", "venue.their_soil", PRACTICE,
         when=(on_a_partys_soil,), facts=venue_facts,
         notes="Seed 000, practice: a neutral space, so neither side appears to enter the other's political territory."),
    Rule("venue-neutral", ("propose_venue",), "face", "honoured", "minor", "venue.neutral", PRACTICE,
         when=(neutral_ground,), unless=(already_on_neutral_ground,), facts=venue_facts,
         notes="Seed 000, practice: a neutral space where the delegations meet, so neither side appears to enter the other's "
         "political territory. (Not Portsmouth 1905: the seed's passage on it says nothing of the venue.)"),
    Rule("venue-partial-ground", ("propose_venue",), "face", "breached", "minor", "venue.partial_ground", PRACTICE,
         when=(seen_as_partial_ground,), facts=venue_facts,
         notes="Seed 000, practice: the venue's symbolism can block the first conversation."),
    Rule("venue-secret-discreet", ("propose_venue",), "discretion", "honoured", "minor", "venue.secret_discreet", "seed-000-advantages",
         when=(secret_format, discreet_venue), facts=venue_facts,
         notes="Seed 000, advantages: discretion lets leaders test exits before exposure."),
    Rule("venue-secret-indiscreet", ("propose_venue",), "discretion", "breached", "minor", "venue.secret_indiscreet", "seed-000-advantages",
         when=(secret_format,), unless=(discreet_venue,), facts=venue_facts,
         notes="Seed 000, advantages: discretion is the method's strength; a watched venue spends it."),
    Rule("venue-secret-bypasses-preconditions", ("propose_venue",), "backchannel", "honoured", "major", "venue.secret_preconditions",
         "seed-002-preconditions", when=(secret_format, preconditions_block_official_talks), facts=venue_facts,
         notes="Seed 002: back channels let negotiators explore without meeting preconditions first."),
    Rule("venue-leaders-first", ("propose_venue",), "timing", "breached", "minor", "venue.leaders_first", PRACTICE,
         when=(leaders_first,), facts=venue_facts,
         notes="Seed 000, practice: modest signals and practical measures before a broader agreement."),
)

MEETING_RULES: tuple[Rule, ...] = (
    Rule("convene-shuttle", ("convene",), "channel", "honoured", "minor", "convene.shuttle", PRACTICE,
         when=(shuttle,), facts=talks_facts,
         notes="Seed 000, practice: the mere existence of communication reduces the risk of miscalculation."),
    Rule("convene-uninvited", ("convene",), "consent", "breached", "critical", "convene.uninvited", "guidance-2012-consent",
         when=(talks, someone_never_agreed), facts=talks_facts,
         notes="Guidance 2012, consent: the process rests on each party's consent, and acting beyond it loses the party. "
         "(Not UN Charter art. 33(1): it is about choosing the means of settlement, not about attending one meeting.)"),
    Rule("convene-agreed", ("convene",), "consent", "honoured", "minor", "convene.agreed", "guidance-2012-consent",
         when=(talks,), unless=(someone_never_agreed,), facts=talks_facts,
         notes="Guidance 2012, consent: each party agreed this meeting's venue and format."),
    Rule("convene-unprepared", ("convene",), "preparedness", "breached", "minor", "convene.unprepared", "guidance-2012-preparedness",
         when=(talks, first_meeting_unprepared), unless=(someone_never_agreed,), facts=talks_facts,
         notes="Guidance 2012, preparedness: knowledge of the parties before the process."),
    Rule("convene-small-circle", ("convene",), "backchannel", "honoured", "minor", "convene.small_circle", "oslo-1993",
         when=(talks, secret_meeting_now), unless=(wide_circle, someone_never_agreed), facts=talks_facts,
         notes="Oslo 1993: talks begun in secret in a small circle, testing intentions."),
    Rule("convene-wide-circle", ("convene",), "backchannel", "breached", "major", "convene.wide_circle", "seed-002-spoilers",
         when=(talks, secret_meeting_now, wide_circle), unless=(someone_never_agreed,), facts=talks_facts,
         notes="Seed 002, spoilers: secrecy shields a deal from spoilers only for a while; each person added to the "
         "circle shortens that while (the game's reading)."),
    Rule("convene-official-track", ("convene",), "backchannel", "honoured", "major", "convene.official_track", "oslo-1993",
         when=(talks, out_of_the_back_channel), unless=(someone_never_agreed,), facts=talks_facts,
         notes="Oslo 1993: secret talks moved onto an official track."),
    Rule("convene-stalling-unraised", ("convene",), "good_faith", "breached", "major", "convene.stalling_unraised", "seed-000-useful",
         when=(talks, stalling_unraised), unless=(someone_never_agreed,), facts=talks_facts,
         notes="Seed 000, when useful: good offices reach their limit when a side uses talks to gain time; a meeting "
         "granted without raising it serves that aim."),
    Rule("convene-seen-asking", ("convene",), "face", "breached", "major", "convene.seen_asking", PRACTICE,
         when=(one_side_seen_asking,), unless=(someone_never_agreed,), facts=talks_facts,
         notes="Seed 000, practice: good offices preserve the appearance of equality when one side avoids approaching first. "
         "Not for a meeting a party never agreed: it does not take place, and its own rule judges it."),
    Rule("convene-simultaneous", ("convene",), "face", "honoured", "minor", "convene.simultaneous", PRACTICE,
         when=(open_format_invited_together,), unless=(someone_never_agreed,), facts=talks_facts,
         notes="Seed 000, practice: neither side is seen to approach the other first."),
)

STEP_RULES: tuple[Rule, ...] = (
    Rule("step-strangers", ("offer_step",), "consent", "breached", "minor", "step.strangers", "guidance-2012-consent",
         when=(step_to_strangers,), facts=step_facts,
         notes="Guidance 2012, consent: a party that accepted no intermediary does not answer one."),
    Rule("step-after-incident", ("offer_step",), "timing", "honoured", "major", "step.after_incident", PRACTICE,
         when=(recent_incident,), unless=(step_to_strangers,), facts=step_facts,
         notes="Seed 000, practice: urgent military measures and humanitarian messages first."),
    Rule("step-early", ("offer_step",), "timing", "honoured", "minor", "step.early", PRACTICE,
         when=(before_any_talks, no_incident_yet), unless=(step_to_strangers,), facts=step_facts,
         notes="Seed 000, practice: modest signals before a broader agreement."),
    Rule("step-line", ("offer_step",), "channel", "honoured", "minor", "step.line", PRACTICE,
         unless=(step_to_strangers,), facts=step_facts,
         notes="Seed 000, practice: a working channel reduces the risk of miscalculation."),
)
# fmt: on

RULES = VENUE_RULES + MEETING_RULES + STEP_RULES
