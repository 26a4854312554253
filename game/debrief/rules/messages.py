"""Rules for carrying messages: faithful in substance, adjusted in tone, delivered in time."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.debrief.decision import Decision
from game.debrief.rules.base import Rule, Severity
from game.debrief.rules.situation import deliverable, message_kind, number


def facts(d: Decision) -> Mapping[str, Any]:
    mid = d.target
    message = d.message(mid)
    recipient = message.recipient
    return {
        "sender": d.name(message.sender),
        "recipient": d.name(recipient),
        "summary": message.summary,
        "substance": message.substance,
        "tone": message.tone,
        "distorted": message.distorted or "",
        "exposure": number(d.after.party(message.sender).exposure),
        "consent_after": d.after.party(message.sender).consent.replace("_", " "),
        "waited": max(d.before.turn - (d.before.due_since(mid) or d.before.turn), 0),
    }


def hostile_with_softer_at_hand(d: Decision) -> bool:
    """The original was hostile and a gentler wording was within reach (a softer version, or asking the sender to reword it)"""
    mid = d.target
    tone = d.before.tone(mid, d.message(mid).tone)
    within_reach = ("softened", "agreed", "agree_wording", "reformulate")
    return tone == "hostile" and any(f"relay:{mid}:{mode}" in d.offered_keys() for mode in within_reach)


def harsh_original(d: Decision) -> bool:
    """The original was hostile or firm"""
    return d.before.tone(d.target, d.message(d.target).tone) in ("hostile", "firm")


def could_be_delivered(d: Decision) -> bool:
    """The message could have been delivered this turn"""
    return deliverable(d, d.target)


def a_warning(d: Decision) -> bool:
    """The message was a safety or humanitarian warning"""
    return message_kind(d, d.target) in ("safety", "humanitarian")


def critical_for_a_warning(d: Decision) -> Severity | None:
    """critical for a safety or humanitarian warning"""
    return "critical" if a_warning(d) else None


def delivered_late(d: Decision) -> bool:
    """The message reached its recipient after its deadline had passed"""
    return d.target in d.after.message_late and d.target not in d.before.message_late


def delivered_in_time_with_deadline(d: Decision) -> bool:
    """The message had a deadline and reached its recipient in time"""
    mid = d.target
    return d.message(mid).deliver_within is not None and mid in dict(d.after.message_delivered) and mid not in d.after.message_late


def recipient_had_not_accepted(d: Decision) -> bool:
    """The recipient had not accepted contact with the envoy"""
    return d.before.party(d.message(d.target).recipient).consent == "none"


PRACTICE = "seed-000-practice"

RULES: tuple[Rule, ...] = (
    Rule(
        "relay-verbatim-faithful",
        ("relay",),
        "fidelity",
        "honoured",
        "minor",
        "relay.verbatim.faithful",
        PRACTICE,
        option_field="mode",
        options=("verbatim",),
        facts=facts,
        notes="Seed 000, practice: the envoy transmits a message from one side to the other.",
    ),
    Rule(
        "relay-verbatim-raw",
        ("relay",),
        "face",
        "missed",
        "minor",
        "relay.verbatim.raw",
        PRACTICE,
        option_field="mode",
        options=("verbatim",),
        when=(hostile_with_softer_at_hand,),
        facts=facts,
        notes="Seed 000, practice: a message is adjusted to language acceptable to the other side.",
    ),
    Rule(
        "relay-softened-faithful",
        ("relay",),
        "fidelity",
        "honoured",
        "minor",
        "relay.softened.faithful",
        PRACTICE,
        option_field="mode",
        options=("softened",),
        facts=facts,
        notes="Seed 000, practice: adjust the language, transmit the substance.",
    ),
    Rule(
        "relay-softened-face",
        ("relay",),
        "face",
        "honoured",
        "minor",
        "relay.softened.face",
        PRACTICE,
        option_field="mode",
        options=("softened", "agreed"),
        when=(harsh_original,),
        facts=facts,
        notes="Seed 000, practice: a message is adjusted to language acceptable to the other side; "
        "the wording the sender approved is such language too.",
    ),
    Rule(
        "relay-agreed-wording",
        ("relay",),
        "fidelity",
        "honoured",
        "major",
        "relay.agreed.faithful",
        PRACTICE,
        option_field="mode",
        options=("agreed",),
        facts=facts,
        notes="Seed 000, practice: a message is adjusted to language the other side can accept and transmitted; "
        "the wording the sender approved is such an adjustment, with the substance unchanged.",
    ),
    Rule(
        "relay-agree-wording-ownership",
        ("relay",),
        "ownership",
        "honoured",
        "minor",
        "relay.agree_wording.ownership",
        "guidance-2012-ownership",
        option_field="mode",
        options=("agree_wording", "reformulate"),
        facts=facts,
        notes="Guidance 2012, national ownership: the words stay the parties' own.",
    ),
    Rule(
        "relay-distorted",
        ("relay",),
        "fidelity",
        "breached",
        "critical",
        "relay.distorted",
        PRACTICE,
        option_field="mode",
        options=("distorted",),
        facts=facts,
        notes="Seed 000, practice: only the language is adjusted; what is offered is the sender's.",
    ),
    Rule(
        "relay-withheld",
        ("relay",),
        "fidelity",
        "breached",
        "major",
        "relay.withheld",
        PRACTICE,
        option_field="mode",
        options=("withhold",),
        when=(could_be_delivered,),
        facts=facts,
        upgrade=critical_for_a_warning,
        notes="Seed 000, practice: the envoy receives one side's message and transmits it; holding back one that could be "
        "delivered breaks the relay, and a withheld warning defeats the safety messages a channel begins with.",
    ),
    Rule(
        "relay-withheld-partial",
        ("relay",),
        "impartiality",
        "breached",
        "major",
        "relay.withheld.partial",
        "guidance-2012-impartiality",
        option_field="mode",
        options=("withhold",),
        when=(could_be_delivered,),
        facts=facts,
        notes="Guidance 2012, impartiality: carrying one side's messages and sitting on the other's.",
    ),
    Rule(
        "relay-held-undeliverable",
        ("relay",),
        "consent",
        "honoured",
        "minor",
        "relay.held.undeliverable",
        "guidance-2012-consent",
        option_field="mode",
        options=("withhold",),
        unless=(could_be_delivered,),
        facts=facts,
        notes="Guidance 2012, consent: the envoy acts only as far as each party accepts; an ordinary message cannot be put to a "
        "recipient that has not accepted the envoy, so holding it until it does respects that.",
    ),
    Rule(
        "relay-published",
        ("relay",),
        "discretion",
        "breached",
        "critical",
        "relay.published",
        "seed-000-advantages",
        option_field="mode",
        options=("publish",),
        facts=facts,
        notes="Seed 000, advantages: discretion lets leaders explore in private what they would reject in public.",
    ),
    Rule(
        "relay-late",
        ("relay",),
        "timing",
        "breached",
        "major",
        "relay.late",
        PRACTICE,
        option_field="mode",
        options=("verbatim", "softened", "agreed", "distorted"),
        when=(delivered_late,),
        facts=facts,
        upgrade=critical_for_a_warning,
        notes="Seed 000, practice: urgent military measures and humanitarian messages come first, while they still matter.",
    ),
    Rule(
        "relay-in-time",
        ("relay",),
        "timing",
        "honoured",
        "minor",
        "relay.in_time",
        PRACTICE,
        option_field="mode",
        options=("verbatim", "softened", "agreed"),
        when=(delivered_in_time_with_deadline,),
        facts=facts,
        notes="Seed 000, practice: urgent messages first, while they can still prevent a miscalculation.",
    ),
    Rule(
        "relay-warning-through-mission",
        ("relay",),
        "channel",
        "honoured",
        "major",
        "relay.warning.mission",
        PRACTICE,
        option_field="mode",
        options=("verbatim", "softened", "agreed"),
        when=(a_warning, recipient_had_not_accepted),
        facts=facts,
        notes="Seed 000, practice: the channel may begin with humanitarian messages and urgent military measures.",
    ),
)
