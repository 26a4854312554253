"""Offer a confidence-building or humanitarian step: small, early, and aimed at preventing
miscalculation rather than settling the dispute."""

from __future__ import annotations

from functools import lru_cache

from game.engine.outcome import Move
from game.engine.turn import Turn
from game.engine.verbs.common import consent_at_least
from game.scenario.loader import LoadedScenario
from game.scenario.model import Step

VERB = "offer_step"
GROUP = "Confidence building"

STEPS = {
    "hotline": Step(
        label="Propose an incident hotline between the militaries",
        description="A direct line so that an incident at the line of contact is not mistaken for an attack.",
        short="an incident hotline",
    ),
    "humanitarian": Step(
        label="Propose a humanitarian pause and exchange of detainees",
        description="A short pause for aid convoys and the return of detainees, with no political conditions.",
        short="a humanitarian pause",
    ),
}
"""The engine's own steps, used unless the scenario lists its own under `verbs: offer_step: steps`."""


def steps_of(loaded: LoadedScenario) -> dict[str, Step]:
    settings = loaded.scenario.verbs.get("offer_step")
    return dict(settings.steps) if settings is not None and settings.steps else STEPS


def moves(turn: Turn) -> list[Move]:
    taken = turn.state.steps
    return [_move(sid, step.label, step.description) for sid, step in steps_of(turn.loaded).items() if sid not in taken]


@lru_cache(maxsize=1024)
def _move(sid: str, label: str, description: str) -> Move:
    """Made once per step, not at every listing (a Move is never changed once made)."""
    return Move(f"{VERB}:{sid}", VERB, label, description, GROUP)


def apply(turn: Turn, move: Move) -> None:
    step = move.target
    refusing = [pid for pid in turn.state.parties if not consent_at_least(turn, pid, "contact")]
    if refusing:
        for pid in refusing:
            turn.reply(turn.party_name(pid), "We have accepted no intermediary; we will not answer proposals through one.")
        return
    turn.state.steps.add(step)
    spec = steps_of(turn.loaded)[step]
    turn.adjust("escalation", -6, "a practical step reduced the risk of miscalculation")
    for pid in turn.state.parties:
        turn.adjust(f"trust.{pid}", 3, "a step with no political price")
        turn.adjust(f"pressure.{pid}", -3, "a visible humanitarian gain quiets hardliners")
    turn.apply_effects(list(spec.effects), spec.label)
    turn.narrate(spec.accepted or "Both sides accept. " + spec.description)
