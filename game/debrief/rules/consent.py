"""Rules for winning and keeping consent, and for asking before taking on substance."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.debrief.decision import Decision
from game.debrief.rules.base import Rule, Severity
from game.debrief.rules.situation import (
    CONSENT_WORDS,
    after_a_withdrawal,
    first_contact,
    names,
    no_incident_yet,
    number,
    previous_withdrawal,
    short_of_crisis,
)

SIDELINED_GAP = 3
"""Contacts with one side this many more than with the other read as favouring it."""


def facts(d: Decision) -> Mapping[str, Any]:
    pid = d.party
    before, after = d.before.party(pid), d.after.party(pid)
    others = d.others(pid)
    least = min((d.before.party(o).contacts for o in others), default=0)
    if after.consent != before.consent:
        result = f"it accepted {CONSENT_WORDS[after.consent]}"
    elif after.trust > before.trust:
        result = f"it was not ready yet, but its trust rose to {number(after.trust)}"
    else:
        result = "it was not ready yet"
    return {
        "party": d.name(pid),
        "result": result,
        "trust": number(before.trust),
        "trust_after": number(after.trust),
        "consent": CONSENT_WORDS[before.consent],
        "consent_after": CONSENT_WORDS[after.consent],
        "accepted": after.consent != before.consent,
        "reply": (d.said_by(pid) or [""])[-1],
        "escalation": number(d.before.escalation),
        "count": before.contacts + 1,
        "others": names(d, [o for o in others if d.before.party(o).contacts == least]),
        "least": least,
        "parties": names(d, d.parties()),
        "label": d.scenario.clock.turn_label,
        "request": request.summary if (request := d.scenario.parties[pid].request) is not None else "",
    }


def at(level: str):  # type: ignore[no-untyped-def]
    def check(d: Decision) -> bool:
        return d.before.party(d.party).consent == level

    check.__doc__ = f"The party's consent was '{level.replace('_', ' ')}'"
    check.__name__ = f"consent_was_{level}"
    return check


def above_contact(d: Decision) -> bool:
    """The party had accepted good offices or more"""
    return d.before.party(d.party).consent in ("good_offices", "mediation")


def it_asked_for_help(d: Decision) -> bool:
    """The party had asked for help and this was the envoy's first answer"""
    party = d.before.party(d.party)
    return party.requested_help and party.contacts == 0


def no_day_lost_waiting(d: Decision) -> bool:
    """No earlier decision had been spent waiting"""
    earlier = d.previous
    while earlier is not None:
        if earlier.verb == "wait":
            return False
        earlier = earlier.previous
    return True


def back_to_the_one_who_pulled_back(d: Decision) -> bool:
    """The envoy turned to the party that had just pulled back its consent"""
    return previous_withdrawal(d) == d.party


def lopsided(d: Decision) -> bool:
    """After this approach the party had seen the envoy at least three times more than another party"""
    mine = d.before.party(d.party).contacts + 1
    return any(mine - d.before.party(o).contacts >= SIDELINED_GAP for o in d.others(d.party))


def evening_out(d: Decision) -> bool:
    """The party had seen the envoy at least twice less than another party"""
    mine = d.before.party(d.party).contacts
    return any(d.before.party(o).contacts - mine >= 2 for o in d.others(d.party))


def every_party_at_good_offices(d: Decision) -> bool:
    """Every party had already accepted good offices"""
    return all(p.consent in ("good_offices", "mediation") for p in d.before.parties)


def major_when_next_rung(d: Decision) -> Severity | None:
    """major when every party had already accepted good offices"""
    return "major" if every_party_at_good_offices(d) else None


def granted(d: Decision) -> bool:
    """The parties authorised the envoy to mediate"""
    return d.after.mandate == "mediation" and d.before.mandate != "mediation"


RULES: tuple[Rule, ...] = (
    Rule(
        "approach-offer",
        ("approach",),
        "consent",
        "honoured",
        "minor",
        "approach.offer",
        "seed-000-practice",
        when=(at("none"),),
        unless=(back_to_the_one_who_pulled_back,),
        facts=facts,
        notes="Seed 000, practice: the process begins when the parties accept some role for the third party, formally or in practice.",
    ),
    Rule(
        "approach-widen",
        ("approach",),
        "consent",
        "honoured",
        "minor",
        "approach.widen",
        "guidance-2012-consent",
        when=(at("contact"),),
        unless=(back_to_the_one_who_pulled_back,),
        facts=facts,
        notes="Guidance 2012, consent: acceptance can be partial and widened step by step.",
    ),
    Rule(
        "approach-after-withdrawal",
        ("approach",),
        "consent",
        "honoured",
        "major",
        "approach.after_withdrawal",
        "guidance-2012-consent",
        when=(back_to_the_one_who_pulled_back,),
        facts=facts,
        notes="Guidance 2012, consent: consent can be withdrawn; the envoy notices and responds.",
    ),
    Rule(
        "approach-answer-request",
        ("approach",),
        "timing",
        "honoured",
        "major",
        "approach.answer_request",
        "ga-43-51",
        when=(it_asked_for_help, no_day_lost_waiting),
        facts=facts,
        notes="GA Res. 43/51: when states concerned approach the Secretary-General, he should respond swiftly. "
        "An answer that came only after the envoy had sat out turns is not swift (those turns were judged as missed).",
    ),
    Rule(
        "approach-early",
        ("approach",),
        "timing",
        "honoured",
        "minor",
        "approach.early",
        "seed-000-advantages",
        when=(first_contact, no_incident_yet, short_of_crisis),
        unless=(it_asked_for_help,),
        facts=facts,
        notes="Seed 000, advantages: good offices can begin early, before a crisis becomes irreversible. "
        "Not once escalation stands at 60 or more: a first contact then is not early, whatever has been reported.",
    ),
    Rule(
        "approach-keep-informed",
        ("approach",),
        "channel",
        "honoured",
        "minor",
        "approach.keep_informed",
        "seed-000-practice",
        when=(above_contact, after_a_withdrawal),
        facts=facts,
        notes="Seed 000, practice: good offices keep a channel active even when a settlement is far off; a setback is such a time.",
    ),
    Rule(
        "approach-lopsided",
        ("approach",),
        "impartiality",
        "breached",
        "major",
        "approach.lopsided",
        "guidance-2012-impartiality",
        when=(lopsided,),
        facts=facts,
        notes="Guidance 2012, impartiality: balanced contact and equal treatment; seed 000, limits: being seen as partial.",
    ),
    Rule(
        "approach-even-out",
        ("approach",),
        "impartiality",
        "honoured",
        "minor",
        "approach.even_out",
        "guidance-2012-impartiality",
        when=(evening_out,),
        facts=facts,
        notes="Guidance 2012, impartiality: balanced contact.",
    ),
    Rule(
        "mandate-asked",
        ("request_mandate",),
        "mandate",
        "honoured",
        "minor",
        "mandate.asked",
        "seed-000-limits",
        facts=lambda d: {"parties": names(d, d.parties())},
        upgrade=major_when_next_rung,
        notes="Seed 000, limits: proposing solutions before the parties authorise that role is overstepping; asking first is not. "
        "Major when every party had accepted good offices (mediation is then the next rung); minor when a party had "
        "accepted contact only, since consent is widened a rung at a time (Guidance 2012, consent).",
    ),
    Rule(
        "mandate-granted-consent",
        ("request_mandate",),
        "consent",
        "honoured",
        "minor",
        "mandate.granted",
        "charter-33",
        when=(granted,),
        facts=lambda d: {"parties": names(d, d.parties())},
        notes="UN Charter art. 33(1): the parties choose the means; a wider role rests on their choice.",
    ),
)
