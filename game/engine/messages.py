"""Messages as the envoy handles them: their kind, their deadline, their wording now, and the
record of when each arrived and when (if ever) it reached its recipient.

Safety and humanitarian warnings can always be delivered: a party that has not accepted the
envoy still keeps a permanent mission or a military liaison, and a warning about a missile test
or the wounded goes through it. Ordinary messages wait until the recipient accepts contact.

The record is plain facts in `GameState` (`message_due`, `message_delivered`, `message_late`,
`message_overdue`, `via_liaison`), so the debrief can read lateness and withholding.
"""

from __future__ import annotations

from game.engine.state import GameState
from game.engine.turn import Turn
from game.scenario.model import Message, Scenario
from game.scenario.names import CONSENT_LEVELS

WARNING_KINDS = ("safety", "humanitarian")
DEFAULT_LIAISON = "its permanent mission"
GENTLER = {"hostile": "firm", "firm": "neutral", "neutral": "neutral", "conciliatory": "conciliatory"}
"""The tone a reformulated message takes: one step gentler."""

DELIVERED_MODES = ("verbatim", "softened", "agreed", "distorted")
WARNING_IN_TIME = -2.0
"""Escalation when a safety or humanitarian warning reaches the other side in time."""
OVERDUE_TRUST = -3.0
"""Sender's trust when its message's deadline passes while it still waits in the inbox."""
OVERDUE_SAFETY_ESCALATION = 2.0
"""Escalation when a safety warning's deadline passes undelivered."""


def is_warning(message: Message) -> bool:
    return message.kind in WARNING_KINDS


def has_contact(state: GameState, pid: str) -> bool:
    return CONSENT_LEVELS.index(state.parties[pid].consent.state) >= 1


def deliverable(state: GameState, message: Message) -> bool:
    """Ordinary messages need the recipient's contact; warnings go through its liaison."""
    return is_warning(message) or has_contact(state, message.recipient)


def through_liaison(state: GameState, message: Message) -> bool:
    """Whether a delivery now would go through the recipient's liaison, not the envoy's contact."""
    return is_warning(message) and not has_contact(state, message.recipient)


def liaison_words(scenario: Scenario, pid: str) -> str:
    """'its permanent mission in New York', or the default wording."""
    return scenario.parties[pid].liaison or DEFAULT_LIAISON


def due_by(state: GameState, message: Message, mid: str) -> int | None:
    """The last turn a delivery is in time, or None (no deadline, or not arrived yet)."""
    if message.deliver_within is None or mid not in state.message_due:
        return None
    return state.message_due[mid] + message.deliver_within


def tone_now(state: GameState, message: Message, mid: str) -> str:
    return state.message_tone.get(mid, message.tone)


def wording_now(state: GameState, message: Message, mid: str) -> str:
    """The sender's words as they stand: the original, or its own reformulation (which is the
    `softened` text when the author wrote one)."""
    if mid in state.message_tone and message.softened:
        return message.softened
    return message.original


def comparison(state: GameState, scenario: Scenario, mid: str) -> str:
    """The original wording and the substance, shown beside every way of relaying a message so
    the trainee can compare 'softened, substance kept' with what the sender said."""
    message = scenario.messages[mid]
    lines = [f"Original ({message.tone} tone): \u201c{message.original}\u201d"]
    if mid in state.message_tone:
        sender = scenario.parties[message.sender].name
        lines.append(f"As {sender} reworded it ({tone_now(state, message, mid)} tone): \u201c{wording_now(state, message, mid)}\u201d")
    lines.append(f"Substance (what it offers or demands): {message.substance}")
    return "\n".join(lines)


def arrive(turn: Turn, mid: str) -> None:
    turn.state.message_due[mid] = turn.state.turn


def record_delivery(turn: Turn, mid: str, message: Message) -> None:
    """The message reached its recipient now: note the turn, lateness, the liaison, the traffic."""
    state = turn.state
    sender, recipient = turn.party_name(message.sender), turn.party_name(message.recipient)
    liaison = through_liaison(state, message)
    state.message_delivered[mid] = state.turn
    limit = due_by(state, message, mid)
    late = limit is not None and state.turn > limit
    if late:
        state.message_late.add(mid)
    if liaison:
        state.via_liaison.add(mid)
        turn.note_traffic(f"{sender}'s warning reached {recipient} through {liaison_words(turn.loaded.scenario, message.recipient)}")
    else:
        turn.note_traffic(f"{sender}'s message reached {recipient} through the envoy")
    if is_warning(message) and not late:
        turn.adjust("escalation", WARNING_IN_TIME, f"a {message.kind} warning reached {recipient} in time")


def check_deadlines(turn: Turn) -> None:
    """Each turn: a message whose deadline has just passed undelivered becomes overdue."""
    state = turn.state
    for mid, message, within in turn.machines.compiled.deadlines:  # only messages with a deadline, in order
        arrived = state.message_due.get(mid)
        if arrived is None or state.turn <= arrived + within or mid in state.message_delivered or mid in state.message_overdue:
            continue
        state.message_overdue.add(mid)
        sender, recipient = turn.party_name(message.sender), turn.party_name(message.recipient)
        if mid in state.inbox:
            turn.adjust(f"trust.{message.sender}", OVERDUE_TRUST, f"{sender}'s message '{message.summary}' was not delivered in time")
        if message.kind == "safety":
            turn.adjust("escalation", OVERDUE_SAFETY_ESCALATION, f"a safety warning did not reach {recipient} in time")
