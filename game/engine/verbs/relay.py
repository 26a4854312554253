"""Relay a message: verbatim, softened in tone, distorted in substance, withheld, or made public;
or, before delivering, agree a gentler wording with the sender, or ask it to reformulate.

Softening keeps the substance and spares the recipient's pride. Agreeing the gentler wording
with the sender first costs a turn, and then the message carries the sender's own approval.
Distorting or withholding may look helpful now, but it leaves a grievance the sender may
discover on any later turn. Publishing a private message exposes the sender and hands its
hardliners a cause. Safety and humanitarian warnings can be delivered even to a party that has
not accepted the envoy, through its permanent mission or liaison (see `engine/messages.py`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from game.engine.messages import (
    GENTLER,
    comparison,
    deliverable,
    liaison_words,
    record_delivery,
    through_liaison,
    tone_now,
    wording_now,
)
from game.engine.outcome import Move
from game.engine.turn import Turn
from game.engine.verbs.common import expose, one_rung_lower
from game.scenario.model import Message

VERB = "relay"
GROUP = "Messages"

MODES = ("verbatim", "softened", "agreed", "distorted", "agree_wording", "reformulate", "withhold", "publish")
DELIVERIES = ("verbatim", "softened", "agreed", "distorted")
DISCOVERY_WEIGHT = {"distorted": 1.0, "withhold": 0.6}
WAITING = ("wording_agreed", "reformulated", "reformulation_refused")
"""Statuses of a message still in the inbox after the envoy spoke to its sender about it."""

REFORMULATE_BASE = 0.3
"""Chance the sender agrees to reformulate: 0.3 + trust/100 - hardliner pressure/200, kept
between 0.05 and 0.95."""
AGREE_TRUST = 1.0
REFUSE_TRUST = -2.0


def moves(turn: Turn) -> list[Move]:
    found: list[Move] = []
    state, scenario = turn.state, turn.loaded.scenario
    for mid in state.inbox:
        message = scenario.messages[mid]
        # what the moves' words depend on, read from the state; the moves themselves are made
        # once for each such situation (a Move is never changed once made)
        via = None
        if deliverable(state, message):
            via = f" through {liaison_words(scenario, message.recipient)}" if through_liaison(state, message) else ""
        found.extend(
            _moves(
                mid,
                _Words(message.sender, message.summary, message.softened, message.distorted),
                turn.party_name(message.sender),
                turn.party_name(message.recipient),
                state.message_status.get(mid),
                tone_now(state, message, mid),
                wording_now(state, message, mid),
                comparison(state, scenario, mid),
                via,
            )
        )
    return found


@lru_cache(maxsize=1024)
def _moves(
    mid: str, message: _Words, sender: str, recipient: str, status: str | None, tone: str, wording: str, compare: str, via: str | None
) -> tuple[Move, ...]:
    """The relay moves of one message in one situation; `via` is None when it cannot be
    delivered now, else how it would go ('' directly, or through the recipient's liaison)."""
    options = _options(message, sender, recipient, status, tone, wording, compare, via)
    return tuple(Move(f"{VERB}:{mid}:{mode}", VERB, label, text, GROUP, message.party) for mode, label, text in options)


class _Words(NamedTuple):
    """What the moves' words take from a message (a key of `_moves`' cache)."""

    party: str
    summary: str
    softened: str | None
    distorted: str | None


def _options(
    message: _Words, sender: str, recipient: str, status: str | None, tone: str, wording: str, compare: str, via: str | None
) -> list[tuple[str, str, str]]:
    what = f"'{message.summary}'"
    options = []
    if via is not None:
        # an ordinary message needs the recipient's contact; a warning goes through its liaison
        exact = f"Pass {sender}'s message to {recipient}{via} exactly as worded ({tone} tone): \u201c{wording}\u201d"
        options.append(("verbatim", f"Deliver {what} word for word{via}", exact))
        if status == "wording_agreed" and message.softened:
            agreed = f"The gentler wording {sender} approved, same substance: \u201c{message.softened}\u201d"
            options.append(("agreed", f"Deliver {what} in the wording {sender} agreed{via}", agreed))
        elif message.softened and status != "reformulated":
            softer = f"Same substance, gentler words: \u201c{message.softened}\u201d"
            options.append(("softened", f"Deliver {what} in a softer tone{via}", softer))
        if message.distorted and not via:
            options.append(("distorted", f"Reword {what} to make it acceptable", f"Deliver this instead: \u201c{message.distorted}\u201d"))
    if status is None and message.softened:
        options.append(
            (
                "agree_wording",
                f"Agree a gentler wording of {what} with {sender} first",
                f"Show {sender} the gentler wording and ask it to approve it: \u201c{message.softened}\u201d. This takes the turn; "
                f"the message waits in the inbox, and delivered later it keeps its substance and carries {sender}'s approval.",
            )
        )
    if status is None and tone in ("hostile", "firm"):
        options.append(
            (
                "reformulate",
                f"Ask {sender} to reformulate {what}",
                f"Ask {sender} to put its {tone} message in gentler words of its own. It may agree or refuse, depending on its trust "
                "in you and on its hardliners. This takes the turn; the message waits in the inbox.",
            )
        )
    options.append(("withhold", f"Hold back {what}", f"Do not pass {sender}'s message on for now."))
    options.append(("publish", f"Make {what} public", f"Release {sender}'s message to the press."))
    return [(mode, label, f"{text}\n{compare}") for mode, label, text in options]


def apply(turn: Turn, move: Move) -> None:
    mid, mode = move.target, move.mode
    message = turn.loaded.scenario.messages[mid]
    if mode == "agree_wording":
        _agree_wording(turn, mid, message)
        return
    if mode == "reformulate":
        _reformulate(turn, mid, message)
        return
    sender, recipient = message.sender, message.recipient
    sender_name, recipient_name = turn.party_name(sender), turn.party_name(recipient)
    if mode in DELIVERIES:
        record_delivery(turn, mid, message)  # before the status changes: it reads whether the liaison carries it
    turn.state.inbox.remove(mid)
    turn.state.message_status[mid] = {"withhold": "withheld", "publish": "published"}.get(mode, mode)
    heard = f"{recipient_name} received '{message.summary}'"
    if mode == "verbatim":
        tone = tone_now(turn.state, message, mid)
        turn.adjust(f"trust.{sender}", 4, "the envoy carried the message faithfully")
        if tone == "hostile":
            turn.adjust(f"pressure.{recipient}", 8, "the hostile wording inflamed hardliners")
            turn.adjust("escalation", 4, "a hostile message delivered raw")
            turn.adjust(f"trust.{recipient}", -2, f"{recipient_name} resents being handed insults")
        elif tone == "firm":
            turn.adjust(f"pressure.{recipient}", 3, "firm wording stiffened the other side")
        turn.reply(recipient_name, f"We have received {sender_name}'s message: \u201c{wording_now(turn.state, message, mid)}\u201d")
        turn.apply_effects(list(message.on_delivered), heard)
    elif mode in ("softened", "agreed"):
        if mode == "agreed":
            turn.adjust(f"trust.{sender}", 4, "the envoy carried the wording it had approved")
        else:
            turn.adjust(f"trust.{sender}", 3, "the envoy carried the substance faithfully")
        turn.adjust(f"trust.{recipient}", 2, "the message arrived in a form that could be heard")
        turn.reply(recipient_name, f"We have received {sender_name}'s message: \u201c{message.softened}\u201d")
        turn.apply_effects(list(message.on_delivered), heard)
    elif mode == "distorted":
        turn.adjust(f"trust.{recipient}", 3, "the reworded message pleased the recipient")
        turn.state.parties[sender].grievance += DISCOVERY_WEIGHT["distorted"]
        turn.reply(recipient_name, f"We have received {sender_name}'s message: \u201c{message.distorted}\u201d")
        turn.apply_effects(list(message.on_distorted), f"{recipient_name} received a changed version of '{message.summary}'")
    elif mode == "withhold":
        turn.state.parties[sender].grievance += DISCOVERY_WEIGHT["withhold"]
        turn.adjust("escalation", 2, "a message that should have crossed did not")
        turn.narrate(f"You keep {sender_name}'s message to yourself.")
    else:
        turn.set_channel("public", f"the envoy published {sender_name}'s private message")
        expose(turn, sender, 25, f"{sender_name}'s private message became public")
        turn.adjust(f"trust.{sender}", -20, "the envoy exposed a private message")
        turn.set_consent(sender, one_rung_lower(turn, sender), f"{sender_name} pulled back after the exposure")
        turn.adjust("escalation", 6, "a private offer argued over in public")
        turn.adjust(f"pressure.{recipient}", 10, "the other side's hardliners seized on the text")
        turn.reply(sender_name, "That message was for your ears and theirs alone.")


def _agree_wording(turn: Turn, mid: str, message: Message) -> None:
    """The sender approves the gentler wording; the message waits for a later delivery."""
    sender_name = turn.party_name(message.sender)
    turn.state.message_status[mid] = "wording_agreed"
    turn.adjust(f"trust.{message.sender}", AGREE_TRUST, "the envoy asked it before changing the tone of its words")
    turn.reply(sender_name, f"We can accept those words: \u201c{message.softened}\u201d. The substance is ours.")


def reformulate_chance(turn: Turn, pid: str) -> float:
    party = turn.state.parties[pid]
    return min(max(REFORMULATE_BASE + party.trust / 100 - party.pressure / 200, 0.05), 0.95)


def _reformulate(turn: Turn, mid: str, message: Message) -> None:
    """The sender may put its message in gentler words itself (one tone gentler), or refuse."""
    sender, sender_name = message.sender, turn.party_name(message.sender)
    tone = tone_now(turn.state, message, mid)
    if turn.draw(f"reformulate:{mid}", reformulate_chance(turn, sender)):
        turn.state.message_status[mid] = "reformulated"
        turn.state.message_tone[mid] = GENTLER[tone]
        turn.reply(sender_name, f"Very well. Tell them this: \u201c{wording_now(turn.state, message, mid)}\u201d")
    else:
        turn.state.message_status[mid] = "reformulation_refused"
        turn.adjust(f"trust.{sender}", REFUSE_TRUST, f"{sender_name} was asked to take back its own words")
        turn.reply(sender_name, "Our words stand. Carry them as they are, or not at all.")
