"""The session log's records: versioned JSON objects, one per line. The log is the save file.

Record types, in order: one `header`; then `event` records of the opening (n = 0); for each
decision a `decision` record followed by its `event` records; an `end` record at an ending.
docs/log-format.md documents every field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the log reader imports LOG_FORMAT from here, and must stay light (window start-up)
    from game.engine.outcome import EndingReached, Outcome
    from game.engine.state import GameState

LOG_FORMAT = 1


def snapshot(state: GameState) -> dict[str, Any]:
    """The visible state after a decision, for timelines; enough to draw a debrief chart."""
    from game.engine.outcome import _round

    return {
        "turn": state.turn,
        "phase": state.phase.state,
        "escalation": _round(state.escalation),
        "leak_risk": _round(state.leak_risk),
        "channel": state.channel.state,
        "mandate": state.mandate.state,
        "inbox": list(state.inbox),
        "parties": {
            pid: {"trust": _round(p.trust), "consent": p.consent.state, "exposure": _round(p.exposure), "pressure": _round(p.pressure)}
            for pid, p in state.parties.items()
        },
    }


def decision_record(number: int, outcome: Outcome, state: GameState) -> dict[str, Any]:
    return {
        "type": "decision",
        "n": number,
        "turn": outcome.turn,
        "move": outcome.move.key,
        "verb": outcome.move.verb,
        "label": outcome.move.label,
        "phase_before": outcome.phase_before,
        "phase_after": outcome.phase_after,
        "changes": [change.to_json() for change in outcome.changes],
        "replies": [reply.to_json() for reply in outcome.replies],
        "arrivals": list(outcome.arrivals),
        "draws": [draw.to_json() for draw in outcome.draws],
        "state": snapshot(state),
    }


def event_records(number: int, outcome: Outcome) -> list[dict[str, Any]]:
    return [{"type": "event", "n": number, "turn": outcome.turn, **event.to_json()} for event in outcome.events]


def end_record(ending: EndingReached, state: GameState) -> dict[str, Any]:
    return {"type": "end", "ending": ending.phase, "grade": ending.grade, "turn": state.turn, "decisions": state.decisions}
