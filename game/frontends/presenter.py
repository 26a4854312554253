"""Words and numbers for the screen, shared by the terminal and the window front ends.

Only what the trainee may see passes through here: hardliner pressure, leak risk and hidden
intentions stay out of play screens (analysts and probing reveal them in the narrative).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.outcome import Change, Outcome
from game.engine.session import Session

CONSENT_WORDS = {"none": "no consent", "contact": "contact", "good_offices": "good offices", "mediation": "mediation"}
CHANNEL_WORDS = {"none": "no channel", "back_channel": "back channel", "official": "official talks", "public": "in public"}
MANDATE_WORDS = {"good_offices": "good offices", "mediation": "mediation"}
SOURCE_WORDS = {
    "parties": "the parties",
    "secretary_general": "the Secretary-General",
    "security_council": "the Security Council",
    "general_assembly": "the General Assembly",
    "regional_organisation": "a regional organisation",
    "friendly_state": "a friendly state",
}
HIDDEN_PREFIXES = ("pressure.", "leak_risk", "circle", "var.")


def is_visible(change: Change) -> bool:
    return not change.name.startswith(HIDDEN_PREFIXES)


def describe_change(session: Session, change: Change) -> str:
    name, before, after = change.name, change.before, change.after
    prefix, _, key = name.partition(".")
    parties = session.scenario.parties
    if prefix in ("trust", "exposure") and key in parties:
        delta = float(after) - float(before)
        return f"{parties[key].name} {prefix} {delta:+.0f} (now {float(after):.0f}): {change.reason}"
    if prefix == "consent" and key in parties:
        return f"{parties[key].name} consent: {CONSENT_WORDS[str(before)]} \u2192 {CONSENT_WORDS[str(after)]}: {change.reason}"
    if name == "escalation":
        return f"Escalation {float(after) - float(before):+.0f} (now {float(after):.0f}): {change.reason}"
    if name == "channel":
        return f"Channel: {CHANNEL_WORDS[str(before)]} \u2192 {CHANNEL_WORDS[str(after)]}: {change.reason}"
    if name == "mandate":
        return f"Mandate: {MANDATE_WORDS[str(before)]} \u2192 {MANDATE_WORDS[str(after)]}: {change.reason}"
    if name == "phase":
        phases = session.scenario.phases.phases
        return f"The situation moves on: {phases[str(after)].title}"
    if name == "venue":
        return f"Venue agreed: {change.reason}"
    if name == "meetings":
        return f"Meetings held: {after}"
    if prefix == "probed":
        return f"You now know more of {parties[key].name}'s intentions"
    if prefix == "consulted":
        return "Preparation: " + change.reason
    return f"{name}: {before} \u2192 {after} ({change.reason})"


def visible_changes(session: Session, outcome: Outcome) -> list[str]:
    return [describe_change(session, c) for c in outcome.changes if is_visible(c)]


@dataclass(frozen=True)
class PartyView:
    id: str
    name: str
    leader: str
    trust: float
    consent: str
    exposure: float
    preconditions: tuple[str, ...]
    probed: bool
    intentions: str
    red_lines: tuple[str, ...]


def party_views(session: Session) -> list[PartyView]:
    views = []
    for pid, spec in session.scenario.parties.items():
        state = session.state.parties[pid]
        views.append(
            PartyView(
                pid, spec.name, spec.leader, state.trust, CONSENT_WORDS[state.consent.state], state.exposure,
                tuple(spec.preconditions), state.probed,
                spec.hidden_intentions if state.probed else "",
                tuple(spec.red_lines) if state.probed else (),
            )
        )
    return views


def clock_text(session: Session) -> str:
    clock = session.scenario.clock
    turn = min(session.state.turn, clock.turns)
    return f"{clock.turn_label.capitalize()} {turn} of {clock.turns}"


def mandate_text(session: Session) -> str:
    envoy = session.scenario.envoy
    return f"{MANDATE_WORDS[session.state.mandate.state]} (from {SOURCE_WORDS[envoy.mandate_source]})"


def inbox_lines(session: Session) -> list[str]:
    lines = []
    for mid in session.state.inbox:
        message = session.scenario.messages[mid]
        sender = session.scenario.parties[message.sender].name
        recipient = session.scenario.parties[message.recipient].name
        lines.append(f"{message.summary} \u2014 from {sender} to {recipient}")
    return lines


def grade_words(grade: str) -> str:
    return {"success": "Success", "partial": "Partial success", "stalemate": "Stalemate", "failure": "Failure"}[grade]
