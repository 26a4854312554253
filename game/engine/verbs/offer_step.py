"""Offer a confidence-building or humanitarian step: small, early, and aimed at preventing
miscalculation rather than settling the dispute."""

from __future__ import annotations

from game.engine.outcome import Move
from game.engine.turn import Turn
from game.engine.verbs.common import consent_at_least
from game.engine.verbs.judgement import Judgement, Situation, moved, number

VERB = "offer_step"
GROUP = "Confidence building"

STEPS = {
    "hotline": (
        "Propose an incident hotline between the militaries",
        "A direct line so that an incident at the line of contact is not mistaken for an attack.",
    ),
    "humanitarian": (
        "Propose a humanitarian pause and exchange of detainees",
        "A short pause for aid convoys and the return of detainees, with no political conditions.",
    ),
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


# -- debrief judgement ---------------------------------------------------------------------------
_EASED = "a practical step reduced the risk of miscalculation"


def judge(s: Situation) -> list[Judgement]:
    step = s.move.key.split(":")[1]
    what = "an incident hotline" if step == "hotline" else "a humanitarian pause"
    refusing = [pid for pid in s.all_parties() if s.consent(pid) == "none"]
    if refusing:
        return [
            Judgement(
                "consent",
                "breached",
                1,
                f"You proposed {what} through a channel {s.names(refusing)} had never "
                f"accepted; it would not answer an intermediary it had not agreed to.",
                "Article 33",
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
            "Article 2(3)",
        )
    ]
    found.append(
        Judgement(
            "channel",
            "honoured",
            1,
            f"{what[0].upper()}{what[1:]} lowers the risk that an incident is mistaken for an attack, whatever happens to the talks.",
            "Cuban",
        )
    )
    return found
