"""Relay a message: verbatim, softened in tone, distorted in substance, withheld, or made public.

Softening keeps the substance and spares the recipient's pride. Distorting or withholding may
look helpful now, but it leaves a grievance the sender may discover on any later turn.
Publishing a private message exposes the sender and hands its hardliners a cause.
"""

from __future__ import annotations

from game.engine.outcome import Move
from game.engine.turn import Turn
from game.engine.verbs.common import consent_at_least, expose, one_rung_lower
from game.engine.verbs.judgement import Judgement, Situation, moved, number, signed

VERB = "relay"
GROUP = "Messages"

MODES = ("verbatim", "softened", "distorted", "withhold", "publish")
DISCOVERY_WEIGHT = {"distorted": 1.0, "withhold": 0.6}


def moves(turn: Turn) -> list[Move]:
    found = []
    for mid in turn.state.inbox:
        message = turn.loaded.scenario.messages[mid]
        sender, recipient = turn.party_name(message.sender), turn.party_name(message.recipient)
        options = []
        if consent_at_least(turn, message.recipient, "contact"):
            # a party that has not accepted the envoy cannot be handed messages through it
            options.append(
                (
                    "verbatim",
                    f"Deliver '{message.summary}' word for word",
                    f"Pass {sender}'s message to {recipient} exactly as worded ({message.tone} tone).",
                )
            )
        if options and message.softened:
            options.append(
                (
                    "softened",
                    f"Deliver '{message.summary}' in a softer tone",
                    f"Same substance, gentler words: \u201c{message.softened}\u201d",
                )
            )
        if options and message.distorted:
            options.append(
                ("distorted", f"Reword '{message.summary}' to make it acceptable", f"Deliver this instead: \u201c{message.distorted}\u201d")
            )
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
    if mode in ("verbatim", "softened", "distorted"):
        turn.note_traffic(f"{sender_name}'s message reached {recipient_name} through the envoy")
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


# -- debrief judgement ---------------------------------------------------------------------------
def judge(s: Situation) -> list[Judgement]:
    _, mid, mode = s.move.key.split(":")
    message = s.loaded.scenario.messages[mid]
    sender, recipient = s.name(message.sender), s.name(message.recipient)
    what = f"{sender}'s message '{message.summary}'"
    if mode == "verbatim":
        found = [
            Judgement(
                "fidelity",
                "honoured",
                2,
                f"You delivered {what} to {recipient} word for word: the substance (\u201c{message.substance}\u201d) arrived intact.",
                "algiers-1981",
            )
        ]
        found.append(_ownership(s, sender))
        if message.tone == "hostile" and message.softened:
            found.append(
                Judgement(
                    "face",
                    "missed",
                    1,
                    f"The wording was hostile and a softer version with the same "
                    f"substance was at hand; delivered raw it raised escalation "
                    f"{signed(s.delta('escalation', 'a hostile message delivered raw'))} "
                    f"and stiffened {recipient}'s hardliners.",
                    "seed-000-practice",
                )
            )
        return found
    if mode == "softened":
        found = [
            Judgement(
                "fidelity",
                "honoured",
                2,
                f"You softened the tone of {what} and kept its substance "
                f"(\u201c{message.substance}\u201d); "
                f"{moved(recipient + chr(39) + 's trust', s.delta(f'trust.{message.recipient}', _HEARD))}.",
                "seed-000-practice",
            )
        ]
        found.append(_ownership(s, sender))
        if message.tone in ("hostile", "firm"):
            found.append(
                Judgement(
                    "face",
                    "honoured",
                    1,
                    f"The original was {message.tone}; the gentler wording let {recipient} receive it without losing face.",
                    "seed-000-practice",
                )
            )
        return found
    if mode == "distorted":
        gain = signed(s.delta(f"trust.{message.recipient}", "the reworded message pleased the recipient"))
        return [
            Judgement(
                "fidelity",
                "breached",
                3,
                f"You told {recipient} \u201c{message.distorted}\u201d, but {sender} had "
                f"offered only this: \u201c{message.substance}\u201d. It pleased "
                f"{recipient} (trust {gain}), and it changed the substance: once {sender} "
                f"finds out, your channel is worth nothing.",
                "algiers-1981",
            )
        ]
    if mode == "withhold":
        return [
            Judgement(
                "fidelity",
                "breached",
                2,
                f"You kept {what} from {recipient}. A message the envoy was asked to carry "
                f"and did not is a breach, and {sender} may learn of it on any later turn.",
                "algiers-1981",
            ),
            Judgement(
                "impartiality",
                "breached",
                2,
                f"By sitting on {sender}'s message you decided for {recipient} what it "
                f"would hear, and left {sender} believing it had been heard.",
                "guidance-2012-impartiality",
            ),
        ]
    exposed = number(s.after.parties[message.sender].exposure)
    return [
        Judgement(
            "discretion",
            "breached",
            3,
            f"You released {what} to the press. It was a private move; {sender}'s "
            f"exposure rose to {exposed}, {moved('its trust', s.delta(f'trust.{message.sender}', _EXPOSED))} "
            f"and it pulled back to "
            f"{s.consent_words(message.sender, 'after')}.",
            "seed-000-practice",
        )
    ]


_HEARD = "the message arrived in a form that could be heard"
_EXPOSED = "the envoy exposed a private message"


def _ownership(s: Situation, sender: str) -> Judgement:
    return Judgement(
        "ownership", "honoured", 1, f"The message travelled as {sender}'s own, with nothing of yours added.", "guidance-2012-ownership"
    )
