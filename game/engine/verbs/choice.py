"""The scenario's own choices: offered where and while the author says, judged by the
author's annotations."""

from __future__ import annotations

from functools import lru_cache

from game.engine.outcome import Move
from game.engine.turn import Turn

VERB = "choice"
GROUP = "Options in this situation"


def moves(turn: Turn) -> list[Move]:
    lineage = turn.machines.compiled.lineages[turn.state.phase.state]  # the phase and every phase enclosing it
    chosen = turn.state.chosen
    found = []
    for cid, choice in turn.loaded.scenario.choices.items():
        if choice.once and cid in chosen:
            continue
        if choice.phases and lineage.isdisjoint(choice.phases):
            continue
        if not turn.holds(choice.when):
            continue
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
