"""Relay a message: verbatim, softened in tone, distorted in substance, withheld, or made public.

Softening keeps the substance and spares the recipient's pride. Distorting or withholding may
look helpful now, but it leaves a grievance the sender may discover on any later turn.
Publishing a private message exposes the sender and hands its hardliners a cause.
"""

from __future__ import annotations

from game.engine.outcome import Move
from game.engine.turn import Turn
from game.engine.verbs.common import expose, one_rung_lower

VERB = "relay"
GROUP = "Messages"

MODES = ("verbatim", "softened", "distorted", "withhold", "publish")
DISCOVERY_WEIGHT = {"distorted": 1.0, "withhold": 0.6}


def moves(turn: Turn) -> list[Move]:
    found = []
    for mid in turn.state.inbox:
        message = turn.loaded.scenario.messages[mid]
        sender, recipient = turn.party_name(message.sender), turn.party_name(message.recipient)
        options = [
            ("verbatim", f"Deliver '{message.summary}' word for word", f"Pass {sender}'s message to {recipient} exactly as worded ({message.tone} tone)."),
        ]
        if message.softened:
            options.append(("softened", f"Deliver '{message.summary}' in a softer tone", f"Same substance, gentler words: \u201c{message.softened}\u201d"))
        if message.distorted:
            options.append(("distorted", f"Reword '{message.summary}' to make it acceptable", f"Deliver this instead: \u201c{message.distorted}\u201d"))
        options.append(("withhold", f"Hold back '{message.summary}'", f"Do not pass {sender}'s message on for now."))
        options.append(("publish", f"Make '{message.summary}' public", f"Release {sender}'s message to the press."))
        found += [Move(f"{VERB}:{mid}:{mode}", VERB, label, text, GROUP, message.sender) for mode, label, text in options]
    return found


def apply(turn: Turn, move: Move) -> None:
    _, mid, mode = move.key.split(":")
    message = turn.loaded.scenario.messages[mid]
    sender, recipient = message.sender, message.recipient
    sender_name, recipient_name = turn.party_name(sender), turn.party_name(recipient)
    turn.state.inbox.remove(mid)
    turn.state.message_status[mid] = {"withhold": "withheld", "publish": "published"}.get(mode, mode)
    if mode == "verbatim":
        turn.adjust(f"trust.{sender}", 4, "the envoy carried the message faithfully")
        if message.tone == "hostile":
            turn.adjust(f"pressure.{recipient}", 8, "the hostile wording inflamed hardliners")
            turn.adjust("escalation", 4, "a hostile message delivered raw")
            turn.adjust(f"trust.{recipient}", -2, f"{recipient_name} resents being handed insults")
        elif message.tone == "firm":
            turn.adjust(f"pressure.{recipient}", 3, "firm wording stiffened the other side")
        turn.reply(recipient_name, f"We have received {sender_name}'s message: \u201c{message.original}\u201d")
        turn.apply_effects(list(message.on_delivered), f"{recipient_name} received '{message.summary}'")
    elif mode == "softened":
        turn.adjust(f"trust.{sender}", 3, "the envoy carried the substance faithfully")
        turn.adjust(f"trust.{recipient}", 2, "the message arrived in a form that could be heard")
        turn.reply(recipient_name, f"We have received {sender_name}'s message: \u201c{message.softened}\u201d")
        turn.apply_effects(list(message.on_delivered), f"{recipient_name} received '{message.summary}'")
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

