"""Wait: sometimes wise (after a leak, to let tempers cool), often a missed moment."""

from __future__ import annotations

from functools import lru_cache

from game.engine.outcome import Move
from game.engine.turn import Turn

VERB = "wait"
GROUP = "Time"


def moves(turn: Turn) -> list[Move]:
    return [_move(turn.loaded.scenario.clock.turn_label)]


@lru_cache(maxsize=64)
def _move(label: str) -> Move:
    """Made once per word for a turn, not at every listing (a Move is never changed once made)."""
    return Move(f"{VERB}:", VERB, f"Wait a {label}", "Take no initiative and watch how things develop.", GROUP)


def apply(turn: Turn, move: Move) -> None:
    if turn.state.channel.state == "public":
        for pid in turn.state.parties:
            turn.adjust(f"pressure.{pid}", -3, "a quiet spell lets the public storm pass")
    turn.narrate("You hold back and watch.")
