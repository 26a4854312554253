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
from game.engine.session import MoveNotAvailable, Session, moves_on_offer
from game.scenario import codes
from game.scenario.loader import LoadedScenario
from game.scenario.yaml_source import YamlDocument, read_yaml_file

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
    shape = _shape_problems(document, file)
    if shape:
        return None, shape
    seed, moves = data["seed"], list(data["moves"])
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
                f"replay it against scenario '{named}', or write 'scenario: {loaded.scenario.id}' if the moves are meant for this one",
            )
        ]
    session = Session(loaded, seed=seed)
    for index, key in enumerate(moves):
        where = document.source.nearest(("moves", index))
        item = f"item {index + 1} of 'moves'"
        if session.is_over:
            return None, [
                error(
                    codes.LOG_MISMATCH,
                    f"the game ended at '{session.state.ending}' before {item} ('{key}')",
                    file,
                    where.line,
                    where.col,
                    "remove the moves after the ending",
                )
            ]
        offered = {move.key for move in session.moves()}
        if key not in offered and f"{key}:" in offered:
            key = moves[index] = f"{key}:"  # 'wait:' may be written without the colon that YAML would misread
        try:
            session.choose(key)
        except MoveNotAvailable:
            return None, [
                error(
                    codes.LOG_MISMATCH,
                    f"{item}, '{key}', is not on offer at that point",
                    file,
                    where.line,
                    where.col,
                    moves_on_offer([m.key for m in session.moves()]),
                )
            ]
    if session.state.ending is None:
        where = document.source.nearest(("moves", len(moves) - 1) if moves else ("moves",))  # after the last move
        return None, [
            error(
                codes.LOG_MISMATCH,
                f"the moves end on turn {session.state.turn} without reaching an ending",
                file,
                where.line,
                where.col,
                "add the moves that lead on to an ending; " + moves_on_offer([m.key for m in session.moves()]),
            )
        ]
    return Witness(session.state.ending, seed, tuple(moves), file), []


def _shape_problems(document: YamlDocument, file: str) -> list[Diagnostic]:
    """A transcript is a mapping with 'seed' (a whole number) and 'moves' (a list of move keys);
    each problem is reported where it is, in words that say what YAML made of the line."""
    data: Any = document.data
    source = document.source
    found: list[Diagnostic] = []
    for key, what, example in (("seed", "a whole number", "seed: 1"), ("moves", "a list of move keys", "moves:\n  - wait")):
        if key not in data:
            found.append(error(codes.MISSING_FIELD, f"a transcript needs '{key}' ({what})", file, 1, 1, f"add '{example}'"))
    seed = data.get("seed")
    if "seed" in data and (not isinstance(seed, int) or isinstance(seed, bool)):
        where = source.nearest(("seed",))
        found.append(
            error(codes.WRONG_TYPE, f"'seed' should be a whole number, not {_shown(seed)}", file, where.line, where.col, "e.g. 'seed: 1'")
        )
    moves = data.get("moves")
    if "moves" in data and not isinstance(moves, list):
        where = source.nearest(("moves",))
        found.append(
            error(
                codes.WRONG_TYPE,
                f"'moves' should be a list of move keys, not {_shown(moves)}",
                file,
                where.line,
                where.col,
                "write each move on its own line under 'moves:', starting with '- ' (- approach:north)",
            )
        )
    for index, move in enumerate(moves if isinstance(moves, list) else []):
        if isinstance(move, str):
            continue
        where = source.nearest(("moves", index))
        item = f"item {index + 1} of 'moves'"
        if isinstance(move, dict) and len(move) == 1:
            ((key, value),) = move.items()
            written = f"{key}:" if value is None else f"{key}: {_plain(value)}"
            meant = key if value is None else f"{key}:{_plain(value)}"
            found.append(
                error(
                    codes.WRONG_TYPE,
                    f"{item} is written as '{written}', which YAML reads as a mapping, not as a move",
                    file,
                    where.line,
                    where.col,
                    f"write the move key with no ': ' in it: '- {meant}'",
                )
            )
            continue
        found.append(
            error(
                codes.WRONG_TYPE,
                f"{item} should be a move key such as 'approach:north', not {_shown(move)}",
                file,
                where.line,
                where.col,
                "write each move as its key, as the game records it in session logs",
            )
        )
    return found


def _plain(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    return "a list" if isinstance(value, list) else "a mapping"
