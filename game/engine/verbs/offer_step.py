"""Offer a confidence-building or humanitarian step: small, early, and aimed at preventing
miscalculation rather than settling the dispute."""

from __future__ import annotations

from game.engine.outcome import Move
from game.engine.turn import Turn
from game.engine.verbs.common import consent_at_least
from game.engine.verbs.judgement import Judgement, Situation, moved, number
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
    return [
        Move(f"{VERB}:{sid}", VERB, step.label, step.description, GROUP)
        for sid, step in steps_of(turn.loaded).items()
        if sid not in turn.state.steps
    ]


def apply(turn: Turn, move: Move) -> None:
    step = move.key.split(":")[1]
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


# -- debrief judgement ---------------------------------------------------------------------------
_EASED = "a practical step reduced the risk of miscalculation"


def judge(s: Situation) -> list[Judgement]:
    what = steps_of(s.loaded)[s.move.key.split(":")[1]].short
    refusing = [pid for pid in s.all_parties() if s.consent(pid) == "none"]
    if refusing:
        return [
            Judgement(
                "consent",
                "breached",
                1,
                f"You proposed {what} through a channel {s.names(refusing)} had never "
                f"accepted; it would not answer an intermediary it had not agreed to.",
                "seed-000-limits",
            )
        ]
    early = s.before.meetings == 0 or s.before.escalation >= 50
    when = (
        f"before any talks (escalation {number(s.before.escalation)})"
        if s.before.meetings == 0
        else f"with escalation at {number(s.before.escalation)}"
    )
    found = [
        Judgement(
            "timing",
            "honoured",
            2 if early else 1,
            f"You offered {what} {when}: a small, practical step first; {moved('escalation', s.delta('escalation', _EASED))}.",
            "seed-000-practice",
        )
    ]
    found.append(
        Judgement(
            "channel",
            "honoured",
            1,
            f"{what[0].upper()}{what[1:]} lowers the risk that an incident is mistaken for an attack, whatever happens to the talks.",
            "seed-000-practice",
        )
    )
    return found
