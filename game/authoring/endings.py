"""Proof that every ending of a scenario can be reached in play, not only on paper.

The validator already checks that every ending is connected to the start; whether the
conditions on the way can all hold is another matter. Two kinds of witness answer it:

- simulated playouts: seeded sessions played by a mix of careful and careless envoys (each
  decision is either the careful envoy's move, `game/debrief/policy.py`, or a random one);
- move files the author writes (`game/authoring/movefile.py`): a seed and a list of moves, the
  same YAML as the project's golden tests, replayed exactly.

Each route's margin (how many other seeds the same moves still lead to the same ending) and
the debrief scores of the playouts that reach an ending tell the author how robust a proof is.

Everything is seeded, so the same call always finds the same witnesses.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.authoring.movefile import MoveFile, Played, expectation_problem, play_moves, read_move_file, scenario_problem
from game.debrief.build import walk
from game.debrief.policy import careful_move
from game.diagnostics import Diagnostic, error
from game.engine.machines import Machines, build_machines
from game.engine.session import Session, moves_on_offer
from game.scenario import codes
from game.scenario.loader import LoadedScenario

CARELESSNESS = (0.0, 0.05, 0.15, 0.3, 0.6, 1.0)
"""Share of random decisions in successive playouts: from a careful envoy to a random one."""
DECISION_LIMIT = 400


@dataclass
class Row:
    """One move file's line in `good-offices endings`' table: what it reached, how many other
    seeds its moves still reach that with, its debrief score, and whether it did what it expects."""

    moves: MoveFile | None
    file: str
    reached: str | None = None
    held: int | None = None
    score: int | None = None
    ok: bool = False


@dataclass(frozen=True)
class Witness:
    """A seed and moves that reach an ending; `source` is 'search' or the move file's path."""

    ending: str
    seed: int
    moves: tuple[str, ...]
    source: str


@dataclass
class Tally:
    """What simulated play found of one ending: the first playout that reached it (its route),
    how many playouts reached it, and their debrief scores."""

    witness: Witness
    playouts: int = 0
    scores: list[int] = field(default_factory=list)


def endings_of(loaded: LoadedScenario) -> list[str]:
    return [pid for pid, phase in loaded.scenario.phases.phases.items() if phase.ending is not None]


def search(loaded: LoadedScenario, *, playouts: int = 200, seed: int = 0) -> dict[str, Witness]:
    """Play `playouts` seeded sessions; the first witness of each ending, by ending id."""
    return {ending: tally.witness for ending, tally in survey(loaded, playouts=playouts, seed=seed, scored=False).items()}


def survey(
    loaded: LoadedScenario,
    *,
    playouts: int = 200,
    seed: int = 0,
    scored: bool = True,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Tally]:
    """Play `playouts` seeded sessions and tally them by ending (in the order first reached);
    `progress` is told after each playout, `scored` adds each playout's debrief score."""
    rng = random.Random(f"endings:{seed}")
    machines = build_machines(loaded)
    found: dict[str, Tally] = {}
    for number in range(playouts):
        game_seed = rng.randrange(1_000_000)
        carelessness = CARELESSNESS[number % len(CARELESSNESS)]
        ending, moves = _playout(loaded, machines, game_seed, carelessness, rng)
        if ending is not None:
            tally = found.setdefault(ending, Tally(Witness(ending, game_seed, moves, "search")))
            tally.playouts += 1
            if scored:
                score = route_score(loaded, game_seed, moves, machines)
                if score is not None:
                    tally.scores.append(score)
        if progress is not None:
            progress(number + 1)
    return found


def route_score(loaded: LoadedScenario, seed: int, moves: tuple[str, ...], machines: Machines | None = None) -> int | None:
    """The debrief's overall score of a play (without its search for better moves)."""
    return walk(loaded, seed, "", list(moves), machines=machines, suggest=False, brief=True).overall


def margin(loaded: LoadedScenario, witness: Witness, others: int, machines: Machines | None = None) -> int:
    """Of `others` other seeds (drawn from the witness's own), how many the same moves still
    lead to the same ending: a route that needs its one lucky seed is a thin proof."""
    rng = random.Random(f"margin:{witness.seed}")
    seeds: list[int] = []
    while len(seeds) < others:
        candidate = rng.randrange(1_000_000)
        if candidate != witness.seed and candidate not in seeds:
            seeds.append(candidate)
    route = MoveFile(witness.source, witness.seed, witness.moves, ())
    return sum(play_moves(loaded, route, seed=other, machines=machines).session.state.ending == witness.ending for other in seeds)


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
    """Replay a move file; the witness of the ending it reaches, or located problems (a move
    not on offer, no ending reached, an `expect:` the moves miss)."""
    moves, problems = read_move_file(path)
    if moves is None:
        return None, problems
    wrong = scenario_problem(loaded, moves)
    if wrong is not None:
        return None, problems + [wrong]
    played = play_moves(loaded, moves)
    missed = played.problem or expectation_problem(loaded, moves, played) or no_ending_problem(moves, played)
    if missed is not None:
        return None, problems + [missed]
    return Witness(played.session.state.ending or "", moves.seed, tuple(played.keys), moves.file), problems


def no_ending_problem(moves: MoveFile, played: Played) -> Diagnostic | None:
    """Every move played, and the game goes on: reported at the last move."""
    if played.problem is not None or played.session.state.ending is not None:
        return None
    line, col = moves.place(len(moves.moves) - 1)
    return error(
        codes.LOG_MISMATCH,
        f"the moves end on turn {played.session.state.turn} without reaching an ending",
        moves.file,
        line,
        col,
        "add the moves that lead on to an ending; " + moves_on_offer([m.key for m in played.session.moves()]),
    )
