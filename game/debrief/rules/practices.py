"""Rules for the practices of a long process: suspending and ending good offices, keeping a
minimal line, managing a back channel's circle and its disclosure, and naming stalling."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.debrief.decision import Decision
from game.debrief.rules.base import Rule, Severity
from game.debrief.rules.situation import WIDE_CIRCLE, in_the_know, names, number, option


def facts(d: Decision) -> Mapping[str, Any]:
    pid = d.target if d.target in d.scenario.parties else ""
    stallers = [p.id for p in d.before.parties if p.seems_to_stall]
    return {
        "party": d.name(pid) if pid else "",
        "parties": names(d, d.parties()),
        "stallers": names(d, stallers),
        "confidence": " and ".join(sorted({d.before.party(p).confidence for p in stallers})) or "no",
        "line": d.target,
        "circle": in_the_know(d.before.circle),
        "circle_after": d.after.circle,
        "turns": d.before.back_channel_turns,
        "escalation": number(d.before.escalation),
    }


def someone_seems_to_stall(d: Decision) -> bool:
    """The evidence leaned towards stalling for some party, with at least medium confidence"""
    return any(p.seems_to_stall for p in d.before.parties)


def stalling_sure(d: Decision) -> bool:
    """The evidence leaned towards stalling for some party, with high confidence"""
    return any(p.leaning == "bad" and p.confidence == "high" for p in d.before.parties)


def suspending(d: Decision) -> bool:
    """The envoy suspended good offices (quietly or publicly)"""
    return d.target in ("quiet", "public")


def the_party_seems_to_stall(d: Decision) -> bool:
    """The evidence about this party leaned towards stalling"""
    return d.before.party(d.target).leaning == "bad"


def nothing_observed(d: Decision) -> bool:
    """Nothing observed of this party pointed to stalling"""
    return d.before.party(d.target).leaning != "bad"


def advising_narrow(d: Decision) -> bool:
    """The envoy advised the party to narrow the circle"""
    return d.mode == "narrow"


def advising_widen(d: Decision) -> bool:
    """The envoy advised the party to widen the circle (brief more of its own leadership)"""
    return d.mode == "widen"


def circle_wide(d: Decision) -> bool:
    """More than four people knew of the secret channel"""
    return d.before.circle > WIDE_CIRCLE


def channel_maturing(d: Decision) -> bool:
    """The secret channel had run more than three turns, or public lines for its disclosure were being prepared"""
    return d.before.back_channel_turns > 3 or d.before.disclosure_prepared or any(p.lines_prepared for p in d.before.parties)


def major_on_firm_evidence(d: Decision) -> Severity | None:
    """major once the evidence of stalling had at least medium confidence"""
    return "major" if d.before.party(d.target).seems_to_stall else None


def raised_facts(d: Decision) -> Mapping[str, Any]:
    party = d.before.party(d.target)
    return {**facts(d), "party": d.name(party.id), "confidence_party": party.confidence}


PRACTICE = "seed-000-practice"

# fmt: off
# The rule tables keep one rule to a few lines, as written, so a table reads like the document
# it becomes (docs/judging.md); ruff format would spread each rule over a dozen.
RULES: tuple[Rule, ...] = (
    Rule("suspend-on-stalling", ("suspend",), "good_faith", "honoured", "major", "suspend.on_stalling", "seed-000-useful",
         when=(suspending, someone_seems_to_stall), facts=facts,
         notes="Seed 000, when useful: the method reaches its limit with a party that talks to gain time, and the obstacle "
         "is then more than missing communication; suspending stops the process serving as cover."),
    Rule("suspend-walking-away", ("suspend",), "channel", "breached", "major", "suspend.walking_away", PRACTICE,
         when=(suspending,), unless=(someone_seems_to_stall,), facts=facts,
         notes="Seed 000, practice: the channel is kept active even when a settlement is far off."),
    Rule("suspend-in-public", ("suspend",), "discretion", "breached", "major", "suspend.in_public", "seed-000-advantages",
         when=(option("public"),), facts=facts,
         notes="Seed 000, advantages: what is said in public hardens positions; a quiet suspension leaves room to return."),
    Rule("suspend-quietly", ("suspend",), "discretion", "honoured", "minor", "suspend.quietly", "seed-000-advantages",
         when=(option("quiet"),), facts=facts,
         notes="Seed 000, advantages: discretion spares positions hardening in public; a suspension told to the parties in "
         "private names no culprit and leaves the way back open."),
    Rule("suspend-end-on-evidence", ("suspend",), "good_faith", "honoured", "major", "suspend.end_on_evidence", "seed-000-useful",
         when=(option("end"), stalling_sure), facts=facts,
         notes="Seed 000, when useful: the method cannot serve a party that uses it to gain time."),
    Rule("suspend-end-abandon", ("suspend",), "channel", "breached", "critical", "suspend.end_abandon", PRACTICE,
         when=(option("end"),), unless=(stalling_sure,), facts=facts,
         notes="Seed 000, practice: keep a channel active; ending the only channel without cause lets it lapse."),
    Rule("suspend-resume", ("suspend",), "channel", "honoured", "minor", "suspend.resume", PRACTICE,
         when=(option("resume"),), facts=facts,
         notes="Seed 000, practice: good offices keep a channel active even when a settlement is far off."),
    Rule("keep-line", ("keep_line",), "channel", "honoured", "major", "keep_line", PRACTICE,
         facts=facts, notes="Seed 000, practice: a channel may begin with humanitarian messages and urgent military measures, "
         "before any broader agreement."),
    Rule("circle-narrow-wide", ("advise_circle",), "backchannel", "honoured", "major", "circle.narrow", "oslo-1993",
         when=(advising_narrow, circle_wide), facts=facts,
         notes="Oslo 1993: a secret channel kept to a few people."),
    Rule("circle-narrow", ("advise_circle",), "backchannel", "honoured", "minor", "circle.narrow", "oslo-1993",
         when=(advising_narrow,), unless=(circle_wide,), facts=facts,
         notes="Oslo 1993: a secret channel kept to a few people."),
    Rule("circle-widen-before-disclosure", ("advise_circle",), "backchannel", "honoured", "minor", "circle.widen", "seed-002-revelation",
         when=(advising_widen, channel_maturing), facts=facts,
         notes="Seed 002, revelation: a back channel is kept even from much of a government's own elite, and when it "
         "becomes known critics react strongly; briefing one's own side first prepares for that. Whom to brief stays "
         "the party's decision (the game's reading, not the seed's)."),
    Rule("circle-widen-early", ("advise_circle",), "backchannel", "breached", "minor", "circle.widen_early", "seed-002-spoilers",
         when=(advising_widen,), unless=(channel_maturing,), facts=facts,
         notes="Seed 002, spoilers: secrecy shields a deal from spoilers only for a while; widening the circle before there "
         "is anything to prepare for shortens that while and gains nothing (the game's reading). "
         "(It used to be excused once the parties had met, which a back channel always has: it could never apply.)"),
    Rule("disclosure-prepared", ("prepare_disclosure",), "backchannel", "honoured", "major", "disclosure.prepared", "seed-002-revelation",
         facts=facts, notes="Seed 002: anticipate the backlash when secret talks become known."),
    Rule("stalling-raised", ("raise_stalling",), "good_faith", "honoured", "minor", "stalling.raised", "seed-000-useful",
         when=(the_party_seems_to_stall,), facts=raised_facts,
         upgrade=major_on_firm_evidence,
         notes="Seed 000, when useful: good offices reach their limit when a side uses talks to gain time; raising it in "
         "private, where the party can answer, is the game's first answer (the seed prescribes none). "
         "Major once the evidence is of at least medium confidence; on a single weak sign, minor."),
    Rule("stalling-unfounded", ("raise_stalling",), "impartiality", "breached", "minor", "stalling.unfounded", "guidance-2012-impartiality",
         when=(nothing_observed,), facts=lambda d: {**facts(d), "party": d.name(d.target)},
         notes="Guidance 2012, impartiality: accusing one side without grounds reads as taking the other's."),
)
# fmt: on
