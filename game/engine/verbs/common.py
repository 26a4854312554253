"""Small readings shared by the verbs: who the other parties are, who is ready for what."""

from __future__ import annotations

from game.engine.outcome import Move
from game.engine.turn import Turn
from game.scenario.names import CONSENT_LEVELS

# -- suspension of good offices ------------------------------------------------------------------
WHILE_SUSPENDED: dict[str, str] = {
    "suspend": "resume good offices, or end them",
    "keep_line": "keep a humanitarian or technical line open",
    "wait": "wait",
    "relay": "deliver safety and humanitarian messages only",
}
"""The verbs on offer while good offices are suspended, and what each may still do: the one
place that says what a suspension leaves open. Every other verb, and the scenario's own
choices, wait for the envoy to resume."""
SAFETY_KINDS = ("safety", "humanitarian")
"""Message kinds that are always deliverable, even while good offices are suspended."""
SAFETY_MODES = ("verbatim", "softened", "agreed", "withhold")
"""What the envoy may do with such a message while suspended: deliver it, or hold it."""


def suspended(turn: Turn) -> bool:
    """Whether the envoy's good offices are suspended (quietly or publicly) now."""
    return turn.state.suspended is not None


def allowed_while_suspended(turn: Turn, move: Move) -> bool:
    """Whether `move` stays on offer during a suspension. A relayed message stays only if the
    scenario marks it as a safety or humanitarian message (its `kind`), and only to be
    delivered or held, never published or reworded."""
    if move.verb not in WHILE_SUSPENDED:
        return False
    if move.verb != "relay":
        return True
    message = turn.loaded.scenario.messages.get(move.target)
    return message is not None and message.kind in SAFETY_KINDS and move.mode in SAFETY_MODES


# -- disclosure of a secret channel --------------------------------------------------------------
LINES_RELIEF = 0.5
"""A party that agreed public lines suffers half the exposure when the contacts become known."""
CABINET_RELIEF = 0.7
"""A party whose cabinet was briefed suffers 0.7 of the exposure and pressure."""


def backlash(turn: Turn, pid: str) -> float:
    """How much of a disclosure's usual fallout (exposure, pressure) reaches a party: 1.0, less
    for public lines agreed beforehand and for a cabinet already in the know."""
    party = turn.state.parties[pid]
    factor = 1.0
    if party.lines_prepared:
        factor *= LINES_RELIEF
    if party.cabinet_briefed:
        factor *= CABINET_RELIEF
    return factor


def disclosure_backlash(turn: Turn) -> float:
    """The average backlash over the parties: scales the escalation a disclosure causes."""
    parties = turn.state.parties
    return sum(backlash(turn, pid) for pid in parties) / len(parties)


_RANK = {level: rank for rank, level in enumerate(CONSENT_LEVELS)}


def consent_at_least(turn: Turn, pid: str, level: str) -> bool:
    return _RANK[turn.state.parties[pid].consent.state] >= _RANK[level]


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
