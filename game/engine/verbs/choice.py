"""The scenario's own choices: offered where and while the author says, judged by the
author's annotations."""

from __future__ import annotations

from functools import lru_cache

from game.engine.outcome import Move
from game.engine.turn import Turn

VERB = "choice"
GROUP = "Options in this situation"


def moves(turn: Turn) -> list[Move]:
    state = turn.state
    chosen = state.chosen
    choices = turn.loaded.scenario.choices
    found = []
    for cid, once, when in turn.machines.compiled.choices_in(state.phase.state):  # offered in this phase, in order
        if once and cid in chosen:
            continue
        if when is not None and not when(state):
            continue
        choice = choices[cid]
        found.append(_move(cid, choice.label, choice.description))
    return found


@lru_cache(maxsize=1024)
def _move(cid: str, label: str, description: str) -> Move:
    """Made once per choice, not at every listing (a Move is never changed once made)."""
    return Move(f"{VERB}:{cid}", VERB, label, description, GROUP)


def apply(turn: Turn, move: Move) -> None:
    cid = move.target
    choice = turn.loaded.scenario.choices[cid]
    turn.state.chosen.add(cid)
    turn.apply_effects(list(choice.effects), choice.label)
    if choice.reply:
        turn.narrate(choice.reply)
