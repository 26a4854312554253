"""Proof that every ending of a scenario can be reached in play, not only on paper.

The validator already checks that every ending is connected to the start; whether the
conditions on the way can all hold is another matter. Two kinds of witness answer it:

- simulated playouts: seeded sessions played by a mix of careful and careless envoys (each
  decision is either the careful envoy's move, `game/debrief/policy.py`, or a random one);
- transcripts the author writes: a seed and a list of moves, the same YAML as the project's
  golden tests (`scenario`, `seed`, `moves`), replayed exactly.

Everything is seeded, so the same call always finds the same witnesses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.debrief.policy import careful_move
from game.diagnostics import Diagnostic, error
from game.engine.machines import Machines, build_machines
from game.engine.session import MoveNotAvailable, Session
from game.scenario import codes
from game.scenario.loader import LoadedScenario
from game.scenario.yaml_source import read_yaml_file

CARELESSNESS = (0.0, 0.05, 0.15, 0.3, 0.6, 1.0)
"""Share of random decisions in successive playouts: from a careful envoy to a random one."""
DECISION_LIMIT = 400


@dataclass(frozen=True)
class Witness:
    """A seed and moves that reach an ending; `source` is 'search' or the transcript's path."""

    ending: str
    seed: int
    moves: tuple[str, ...]
    source: str


def endings_of(loaded: LoadedScenario) -> list[str]:
    return [pid for pid, phase in loaded.scenario.phases.phases.items() if phase.ending is not None]


def search(loaded: LoadedScenario, *, playouts: int = 200, seed: int = 0) -> dict[str, Witness]:
    """Play up to `playouts` seeded sessions; the first witness of each ending, by ending id."""
    wanted = set(endings_of(loaded))
    rng = random.Random(f"endings:{seed}")
    machines = build_machines(loaded)
    found: dict[str, Witness] = {}
    for number in range(playouts):
        if wanted <= set(found):
            break
        game_seed = rng.randrange(1_000_000)
        carelessness = CARELESSNESS[number % len(CARELESSNESS)]
        ending, moves = _playout(loaded, machines, game_seed, carelessness, rng)
        if ending is not None and ending not in found:
            found[ending] = Witness(ending, game_seed, moves, "search")
    return found


def _playout(
    loaded: LoadedScenario, machines: Machines, seed: int, carelessness: float, rng: random.Random
) -> tuple[str | None, tuple[str, ...]]:
    session = Session(loaded, seed=seed, machines=machines)
    chosen: list[str] = []
    for _ in range(DECISION_LIMIT):
        if session.is_over:
            break
        moves = session.moves()
        move = rng.choice(moves) if rng.random() < carelessness else careful_move(loaded, session.state, moves)
        session.choose(move)
        chosen.append(move.key)
    return session.state.ending, tuple(chosen)


def read_transcript(path: Path, loaded: LoadedScenario) -> tuple[Witness | None, list[Diagnostic]]:
    """Replay a transcript file; the witness of the ending it reaches, or located problems."""
    document, problems = read_yaml_file(path)
    file = str(path)
    if document is None:
        return None, problems
    data: Any = document.data
    seed, moves = data.get("seed"), data.get("moves")
    if not isinstance(seed, int) or isinstance(seed, bool) or not isinstance(moves, list) or not all(isinstance(m, str) for m in moves):
        where = document.source.nearest(("moves",))
        return None, [
            error(
                codes.WRONG_TYPE,
                "a transcript needs 'seed' (a whole number) and 'moves' (a list of move keys)",
                file,
                where.line,
                where.col,
            )
        ]
    named = data.get("scenario")
    if named is not None and named != loaded.scenario.id:
        where = document.source.nearest(("scenario",))
        return None, [
            error(
                codes.LOG_SCENARIO_CHANGED,
                f"this transcript is for scenario '{named}', not '{loaded.scenario.id}'",
                file,
                where.line,
                where.col,
            )
        ]
    session = Session(loaded, seed=seed)
    for index, key in enumerate(moves):
        where = document.source.nearest(("moves", index))
        if session.is_over:
            return None, [
                error(
                    codes.LOG_MISMATCH,
                    f"the game ended at '{session.state.ending}' before move {index + 1}",
                    file,
                    where.line,
                    where.col,
                    "remove the moves after the ending",
                )
            ]
        try:
            session.choose(key)
        except MoveNotAvailable:
            on_offer = ", ".join(m.key for m in session.moves()[:8])
            return None, [
                error(
                    codes.LOG_MISMATCH,
                    f"move {index + 1} '{key}' is not on offer at that point",
                    file,
                    where.line,
                    where.col,
                    f"on offer then: {on_offer}, ...",
                )
            ]
    if session.state.ending is None:
        where = document.source.nearest(("moves",))
        return None, [
            error(codes.LOG_MISMATCH, f"the moves end on turn {session.state.turn} without reaching an ending", file, where.line, where.col)
        ]
    return Witness(session.state.ending, seed, tuple(moves), file), []
