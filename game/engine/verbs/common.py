"""Small readings shared by the verbs: who the other parties are, who is ready for what."""

from __future__ import annotations

from game.engine.turn import Turn
from game.scenario.names import CONSENT_LEVELS


def consent_at_least(turn: Turn, pid: str, level: str) -> bool:
    return CONSENT_LEVELS.index(turn.state.parties[pid].consent.state) >= CONSENT_LEVELS.index(level)


def all_consent_at_least(turn: Turn, level: str) -> bool:
    return all(consent_at_least(turn, pid, level) for pid in turn.state.parties)


def others(turn: Turn, pid: str) -> list[str]:
    return [other for other in turn.state.parties if other != pid]


def bad_faith(turn: Turn, pid: str) -> bool:
    return turn.loaded.scenario.parties[pid].faith == "bad"


def sensitivity(turn: Turn, pid: str) -> float:
    return turn.loaded.scenario.parties[pid].exposure_sensitivity / 100.0


def verb_enabled(turn: Turn, verb: str) -> bool:
    settings = turn.loaded.scenario.verbs.get(verb)  # type: ignore[call-overload]
    return settings is None or settings.enabled


def tuned_effects(turn: Turn, verb: str) -> list[str]:
    settings = turn.loaded.scenario.verbs.get(verb)  # type: ignore[call-overload]
    return list(settings.effects) if settings is not None else []


def expose(turn: Turn, pid: str, amount: float, reason: str) -> None:
    """Public exposure hurts in proportion to the party's sensitivity, and feeds its hardliners."""
    weight = 0.5 + sensitivity(turn, pid)
    turn.adjust(f"exposure.{pid}", amount * weight, reason)
    turn.adjust(f"pressure.{pid}", amount * weight * 0.4, reason)


def one_rung_lower(turn: Turn, pid: str) -> str:
    index = CONSENT_LEVELS.index(turn.state.parties[pid].consent.state)
    return CONSENT_LEVELS[max(index - 1, 0)]


def phase_lineage(turn: Turn) -> set[str]:
    """The current phase and every phase enclosing it."""
    return set(turn.machines.compiled.lineages[turn.state.phase.state])
