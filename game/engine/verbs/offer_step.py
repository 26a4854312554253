"""Offer a confidence-building or humanitarian step: small, early, and aimed at preventing
miscalculation rather than settling the dispute."""

from __future__ import annotations

from game.engine.outcome import Move
from game.engine.turn import Turn
from game.engine.verbs.common import consent_at_least

VERB = "offer_step"
GROUP = "Confidence building"

STEPS = {
    "hotline": ("Propose an incident hotline between the militaries", "A direct line so that an incident at the line of contact is not mistaken for an attack."),
    "humanitarian": ("Propose a humanitarian pause and exchange of detainees", "A short pause for aid convoys and the return of detainees, with no political conditions."),
}


def moves(turn: Turn) -> list[Move]:
    return [Move(f"{VERB}:{step}", VERB, label, text, GROUP) for step, (label, text) in STEPS.items() if step not in turn.state.steps]


def apply(turn: Turn, move: Move) -> None:
    step = move.key.split(":")[1]
    refusing = [pid for pid in turn.state.parties if not consent_at_least(turn, pid, "contact")]
    if refusing:
        for pid in refusing:
            turn.reply(turn.party_name(pid), "We have accepted no intermediary; we will not answer proposals through one.")
        return
    turn.state.steps.add(step)
    turn.adjust("escalation", -6, "a practical step reduced the risk of miscalculation")
    for pid in turn.state.parties:
        turn.adjust(f"trust.{pid}", 3, "a step with no political price")
        turn.adjust(f"pressure.{pid}", -3, "a visible humanitarian gain quiets hardliners")
    turn.narrate("Both sides accept. " + STEPS[step][1])
