"""Rules for analysis, public words, substance, waiting, and what a turn revealed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.debrief.decision import Decision
from game.debrief.rules.base import Rule, Severity
from game.debrief.rules.situation import (
    CRISIS,
    WARNING_KINDS,
    a_request_was_unanswered,
    a_warning_was_waiting,
    after_a_withdrawal,
    escalation_climbing,
    idle_streak,
    in_the_know,
    initiative_on_offer,
    message_kind,
    messages_sitting,
    names,
    number,
    option,
    previous_withdrawal,
    unanswered_request,
    warnings_waiting,
)

ENDLESS_AFTER = 5
"""Turns of secret contacts after which carrying on in secret, rather than preparing the move to an
official track, is the endless game the back-channel literature warns of."""


def facts(d: Decision) -> Mapping[str, Any]:
    pid = d.party
    return {
        "party": d.name(pid) if pid in d.scenario.parties else "",
        "parties": names(d, d.parties()),
        "escalation": number(d.before.escalation),
        "meetings": d.before.meetings,
        "streak": idle_streak(d),
        "label": d.scenario.clock.turn_label,
        "warnings": ", ".join(f"'{d.message(m).summary}'" for m in warnings_waiting(d)),
        "sitting": ", ".join(f"'{d.message(m).summary}'" for m in messages_sitting(d)),
        "requesters": names(d, unanswered_request(d)),
        "withdrawn": d.name(previous_withdrawal(d)) if previous_withdrawal(d) else "",
        "consent_after": d.after.party(pid).consent.replace("_", " ") if pid in d.scenario.parties else "",
        "turns": d.before.back_channel_turns,
        "circle": in_the_know(d.before.circle),
        "silent": f"{d.after.turn - d.before.last_traffic - 1} {d.scenario.clock.turn_label}s",
    }


def before_talks(d: Decision) -> bool:
    """No talks had been held yet"""
    return d.before.meetings == 0


def under_good_offices_only(d: Decision) -> bool:
    """The mandate covered good offices only"""
    return d.before.mandate != "mediation"


def mediation_after_talks(d: Decision) -> bool:
    """The parties had authorised mediation and had met at least once"""
    return d.before.mandate == "mediation" and d.before.meetings > 0


def mediation_before_talks(d: Decision) -> bool:
    """The parties had authorised mediation but had not met yet"""
    return d.before.mandate == "mediation" and d.before.meetings == 0


def without_experts(d: Decision) -> bool:
    """The standby experts had not been consulted"""
    return "standby_experts" not in d.before.consulted


def contacts_public(d: Decision) -> bool:
    """The contacts were in the open and this was the first quiet turn since"""
    return d.before.channel == "public" and d.before.waits_in_a_row == 0


def idle_for_three(d: Decision) -> bool:
    """This was at least the third turn in a row without an initiative, while initiatives were on offer"""
    return idle_streak(d) >= 3 and initiative_on_offer(d)


def while_suspended(d: Decision) -> bool:
    """The envoy had suspended good offices"""
    return d.before.suspended is not None


def line_kept_through_suspension(d: Decision) -> bool:
    """Good offices were suspended with a minimal line kept open"""
    return d.before.suspended is not None and d.before.minimal_line is not None


def crisis_while_idle(d: Decision) -> bool:
    """Escalation stood at 60 or more and initiatives were on offer"""
    return d.before.escalation >= CRISIS and initiative_on_offer(d)


def climbing_while_idle(d: Decision) -> bool:
    """Escalation had been climbing and initiatives were on offer"""
    return escalation_climbing(d) and initiative_on_offer(d)


def agreed_meeting_waiting(d: Decision) -> bool:
    """Every party had agreed a meeting that had not been convened"""
    return d.before.venue is not None and any(m.verb == "convene" and m.target == "talks" for m in d.offered) and d.before.meetings == 0


def back_channel_unprepared(d: Decision) -> bool:
    """A secret channel was running and the parties had not agreed their public lines for its disclosure"""
    return d.before.channel == "back_channel" and not d.before.disclosure_prepared


def channel_lapsed(d: Decision) -> bool:
    """The only channel, messages through the envoy, lapsed during this turn for want of traffic"""
    return d.before.channel == "indirect" and d.after.channel == "none"


def traffic_on_offer(d: Decision) -> bool:
    """A move that carries something between the parties (a shuttle, a message, a minimal line) was on offer"""
    deliveries = ("verbatim", "softened", "agreed")
    return any(
        (m.verb == "convene" and m.target == "shuttle") or m.verb == "keep_line" or (m.verb == "relay" and m.mode in deliveries)
        for m in d.offered
    )


def endless_secret(d: Decision) -> bool:
    """A secret channel had run more than five turns, no official meeting was agreed and waiting, and this move neither led towards official talks nor tested a party"""  # noqa: E501
    if d.before.channel != "back_channel" or d.before.back_channel_turns <= ENDLESS_AFTER:
        return False
    if d.verb in ("raise_stalling", "suspend", "prepare_disclosure") or official_meeting_waiting(d):
        return False
    if d.verb == "propose_venue":
        return d.mode == "secret_meeting"
    if d.verb == "convene":
        return d.target == "talks" and d.before.venue_format == "secret_meeting"
    return True


def official_meeting_waiting(d: Decision) -> bool:
    """Every party had agreed a meeting in an official format, not yet held: the move out of the
    back channel was under way, and the moves that prepare that session (an offer carried, a
    stalling party pressed) are part of it, not the endless game."""
    fmt, venue = d.before.venue_format, d.before.venue
    if venue is None or fmt in (None, "secret_meeting"):
        return False
    act = f"meeting:{venue}:{fmt}"
    return all(act in p.agreed for p in d.before.parties)


def endless_severity(d: Decision) -> Severity | None:
    """Major the first turn the channel runs past five; minor each turn after, so the finding
    counts every turn it lasts without one long channel outweighing everything else."""
    return "major" if d.before.back_channel_turns == ENDLESS_AFTER + 1 else None


def a_message_was_sitting(d: Decision) -> bool:
    """A message the envoy could deliver had waited three turns or more, and this move was not its delivery"""
    return bool(messages_sitting(d)) and d.verb != "relay"


def warning_waiting_meanwhile(d: Decision) -> bool:
    """A safety or humanitarian warning could be delivered, and this move did something else
    (another message carried first included: the warnings go first)"""
    if d.verb == "relay" and message_kind(d, d.target) in WARNING_KINDS:
        return False
    return d.verb not in ("approach", "offer_step", "keep_line", "wait") and a_warning_was_waiting(d)


PRACTICE = "seed-000-practice"

# fmt: off
# The rule tables keep one rule to a few lines, as written, so a table reads like the document
# it becomes (docs/judging.md); ruff format would spread each rule over a dozen.
RULES: tuple[Rule, ...] = (
    Rule("probe-before-commitments", ("probe",), "good_faith", "honoured", "major", "probe.before_talks", "seed-002-testing",
         when=(before_talks,), facts=facts,
         notes="Seed 002: test the waters and whether the other side negotiates in good faith before real commitments."),
    Rule("probe-later", ("probe",), "good_faith", "honoured", "minor", "probe.later", "seed-000-useful",
         unless=(before_talks,), facts=facts,
         notes="Seed 000, when useful: good offices reach their limit with a party that uses talks to gain time."),
    Rule("probe-knowing", ("probe",), "preparedness", "honoured", "minor", "probe.knowing", "guidance-2012-preparedness",
         facts=facts, notes="Guidance 2012, preparedness: knowing the parties before acting."),
    Rule("consult-analysts", ("consult",), "preparedness", "honoured", "major", "consult.analysts", "guidance-2012-preparedness",
         when=(option("analysts"),), facts=facts, notes="Guidance 2012, preparedness: analysis and support for early action."),
    Rule("consult-experts", ("consult",), "preparedness", "honoured", "major", "consult.experts", "standby-2008",
         when=(option("standby_experts"),), facts=facts,
         notes="Standby Team of Mediation Experts (2008): specialists deployed on short notice."),
    Rule("statement-restraint", ("public_statement",), "impartiality", "honoured", "minor", "statement.restraint",
         "guidance-2012-impartiality", when=(option("restraint"),), facts=facts,
         notes="Guidance 2012, impartiality: even-handed in word as in deed."),
    Rule("statement-announce", ("public_statement",), "discretion", "breached", "critical", "statement.announce", "seed-000-advantages",
         when=(option("announce"),), facts=facts,
         notes="Seed 000, advantages: public negotiation hardens positions, and a leader may reject in public what they "
         "would explore in private; announcing without the parties' agreement takes that choice from them."),
    Rule("statement-blame", ("public_statement",), "impartiality", "breached", "critical", "statement.blame", "guidance-2012-impartiality",
         when=(option("blame"),), facts=facts, notes="Guidance 2012, impartiality; seed 000, limits: being seen as partial."),
    Rule("statement-blame-judge", ("public_statement",), "ownership", "breached", "major", "statement.blame_judge",
         "guidance-2012-ownership", when=(option("blame"),), facts=facts,
         notes="Guidance 2012, national ownership: the third party does not pass judgement on the merits (as at Geneva in 1988, "
         "where the Secretary-General's representative stayed out of the role of judge; that case is not cited for public "
         "statements, so the Guidance is)."),
    Rule("statement-announce-unprepared", ("public_statement",), "backchannel", "breached", "major", "statement.announce_unprepared",
         "seed-002-revelation", when=(option("announce"), back_channel_unprepared), facts=facts,
         notes="Seed 002, revelation: a secret channel revealed by surprise draws backlash and mobilises spoilers; "
         "revealing it before the parties had their public lines is that surprise. Replaces a rule that judged the "
         "decision during which a leak was drawn: a chance draw is not the decision's doing."),
    Rule("formula-overstep", ("propose_formula",), "mandate", "breached", "critical", "formula.overstep", "seed-000-limits",
         when=(under_good_offices_only,), facts=facts,
         notes="Seed 000, limits: proposing solutions before the parties authorise that role."),
    Rule("formula-overstep-ownership", ("propose_formula",), "ownership", "breached", "major", "formula.not_theirs",
         "guidance-2012-ownership", when=(under_good_offices_only,), facts=facts,
         notes="Guidance 2012, national ownership: the parties own the process and its outcome; the third party does not "
         "impose terms. (Not Hague I art. 6: that a proposal is advice and never binds says nothing of whose terms they are.)"),
    Rule("formula-too-soon", ("propose_formula",), "timing", "breached", "major", "formula.too_soon", PRACTICE,
         when=(mediation_before_talks,), facts=facts,
         notes="Seed 000, practice: a broader agreement comes after the channel works."),
    Rule("formula-in-role", ("propose_formula",), "mandate", "honoured", "major", "formula.in_role", "seed-000-mediation",
         when=(mediation_after_talks,), facts=facts,
         notes="Seed 000, good offices and mediation: a mediator may suggest compromise formulas, and the role becomes "
         "mediation when the parties authorise the third party to address the merits."),
    Rule("formula-improvised", ("propose_formula",), "preparedness", "breached", "minor", "formula.improvised", "standby-2008",
         when=(without_experts,), facts=facts, notes="Standby Team (2008): specialists on cease-fires, power sharing, resources."),
    Rule("wait-warning-due", ("wait",), "timing", "missed", "major", "wait.warning_due", PRACTICE,
         when=(a_warning_was_waiting,), facts=facts,
         notes="Seed 000, practice: a channel may begin with humanitarian messages and urgent military measures."),
    Rule("wait-request-unanswered", ("wait",), "timing", "missed", "major", "wait.request_unanswered", "ga-43-51",
         when=(a_request_was_unanswered,), facts=facts, notes="GA Res. 43/51: respond swiftly when states approach the Secretary-General."),
    Rule("wait-climbing", ("wait",), "timing", "missed", "minor", "wait.climbing", "seed-001-prevention",
         when=(climbing_while_idle,), unless=(a_warning_was_waiting, crisis_while_idle, line_kept_through_suspension), facts=facts,
         notes="Seed 001, preventive diplomacy: act to keep disputes from escalating, early rather than in reaction. "
         "(Hague I art. 2 binds the disputing states to seek good offices, not the envoy to act.)"),
    Rule("wait-crisis", ("wait",), "timing", "missed", "major", "wait.crisis", "seed-001-prevention",
         when=(crisis_while_idle,), unless=(a_warning_was_waiting, line_kept_through_suspension), facts=facts,
         notes="Seed 001, preventive diplomacy: act to discourage violence at critical moments. A crisis already near the "
         "brink needs no rising trend to make waiting a missed chance (wait-climbing alone missed a wait at 72/100). "
         "Not while good offices are suspended with a minimal line open: that is the practice, judged when chosen."),
    Rule("wait-meeting-waiting", ("wait",), "timing", "missed", "minor", "wait.meeting_waiting", PRACTICE,
         when=(agreed_meeting_waiting,), facts=facts, notes="Seed 000, practice: the envoy arranges timing, place and format."),
    Rule("wait-after-withdrawal", ("wait",), "channel", "missed", "minor", "wait.after_withdrawal", PRACTICE,
         when=(after_a_withdrawal,), facts=facts,
         notes="Seed 000, practice: good offices keep a channel active even when a settlement is far off. "
         "Waiting lets the chance to go back pass: missed, like every other wait rule, not breached."),
    Rule("wait-public-storm", ("wait",), "discretion", "honoured", "minor", "wait.public_storm", "seed-000-advantages",
         when=(contacts_public,), facts=facts, notes="Seed 000, advantages: public negotiation hardens positions; "
         "a quiet turn adds no exposure before the next step."),
    Rule("wait-too-passive", ("wait",), "mandate", "missed", "minor", "wait.too_passive", "seed-000-limits",
         when=(idle_for_three,), unless=(while_suspended,), facts=facts,
         notes="Seed 000, limits: an envoy who stays too passive cannot get past the first barrier. Not while good offices "
         "are suspended: the pause was the envoy's decision, judged when it was taken."),
)

ANY_VERB = (
    "approach", "relay", "propose_venue", "convene", "probe", "consult", "offer_step", "public_statement",
    "propose_formula", "request_mandate", "wait", "choice", "suspend", "keep_line", "advise_circle",
    "prepare_disclosure", "raise_stalling",
)

SILENT_VERBS = ("wait", "consult", "public_statement", "probe")
"""Moves that carry nothing between the parties: waiting, the envoy's own analysis, words to the
press, a private probe of one side. Every other move puts something to both parties (an
approach, a venue or a step proposed, advice on the circle, raising stalling, a proposal) or
carries something between them, and is judged by its own rules; a scenario's own choices are
judged by their author's annotations."""

TURN_RULES: tuple[Rule, ...] = (
    Rule("turn-message-sitting", ANY_VERB, "fidelity", "missed", "minor", "turn.message_sitting", PRACTICE,
         when=(a_message_was_sitting,), facts=facts,
         notes="Seed 000, practice: the envoy receives a message and transmits it; one that sits for turns while other "
         "things are done is carried late, or not at all (the domain brief: delayed or withheld)."),
    Rule("turn-warning-waiting", ANY_VERB, "timing", "missed", "major", "turn.warning_waiting", PRACTICE,
         when=(warning_waiting_meanwhile,), facts=facts,
         notes="Seed 000, practice: humanitarian messages and urgent military measures come first. Waiting has its own rule; "
         "approaches and small steps are judged on timing by theirs; another message carried first is a miss."),
    Rule("turn-channel-lapsed", SILENT_VERBS, "channel", "missed", "major", "turn.channel_lapsed", PRACTICE,
         when=(channel_lapsed, traffic_on_offer), facts=facts,
         notes="Seed 000, practice: the mere existence of communication reduces the risk of miscalculation; domain brief: "
         "letting the only channel lapse breaks the principle. The lapse is the engine's fixed rule the trainee sees "
         "(an indirect channel carrying nothing for three turns), not a chance draw. Not for moves that engage the parties "
         "(an approach, a step), the suspension's own moves or a scenario's choices, which their own rules judge."),
    Rule("turn-endless-game", ANY_VERB, "backchannel", "breached", "minor", "turn.endless", "seed-002-testing",
         when=(endless_secret,), facts=facts, upgrade=endless_severity,
         notes="Seed 002: a back channel must not become an endless game that avoids the hard step."),
)
# fmt: on
