"""Move files: one play of a scenario as a seed and the list of its move keys.

An instructor writes them by hand (with `good-offices moves` to see the keys on offer), or
turns a session played by hand into one (`good-offices proof LOG`). They prove endings
(`good-offices endings`) and are the project's golden transcripts:

    scenario: quiet_channel          # optional: the scenario id the moves are for
    seed: 1
    expect: official_talks_open      # optional: the ending the moves must reach
    moves:
      - "approach:korvat"
      - "approach:selenne"

`expect` may also be a mapping with an `ending` key (the golden transcripts add a grade and
state checks there, which only the project's tests read). A session log (`.jsonl`) can stand
in for a move file wherever one is read: its seed and decisions are the same thing.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.diagnostics import Diagnostic, error, has_errors, shown
from game.engine.logfile import LogContents, read_log
from game.engine.machines import Machines
from game.engine.session import MoveNotAvailable, Session, moves_on_offer
from game.scenario import codes
from game.scenario.loader import LoadedScenario
from game.scenario.yaml_source import YamlDocument, read_yaml_file


@dataclass(frozen=True)
class MoveFile:
    """What a move file (or a session log) says; `places` holds the (line, column) of each move."""

    file: str
    seed: int
    moves: tuple[str, ...]
    places: tuple[tuple[int, int], ...]
    scenario: str | None = None
    expect: str | None = None
    expect_line: int = 1
    trainee: str = ""
    from_log: bool = False

    def item(self, index: int) -> str:
        """How a message names the move at `index`: a log's decision, or a file's list item."""
        return f"decision {index + 1}" if self.from_log else f"item {index + 1} of 'moves'"

    def place(self, index: int) -> tuple[int, int]:
        return self.places[index] if 0 <= index < len(self.places) else (1, 1)

    @property
    def name(self) -> str:
        """The file as a table shows it: its folder and its name."""
        path = Path(self.file)
        return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


@dataclass
class Played:
    """The session after the moves were played, and the first problem on the way, if any."""

    session: Session
    problem: Diagnostic | None
    keys: list[str]
    """The keys played, as the log records them ('wait' written for 'wait:' is 'wait:' here)."""


def is_log(path: Path) -> bool:
    """A session log rather than a YAML move file: by its name, else by its first byte."""
    if path.suffix == ".jsonl":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(1) == b"{"
    except OSError:
        return False


def read_moves(path: Path) -> tuple[MoveFile | None, list[Diagnostic]]:
    """A move file or a session log, whichever `path` is."""
    if path.is_dir():
        hint = "give a move file (.yaml) or a session log (.jsonl)"
        return None, [error(codes.FILE_UNREADABLE, "this is a folder, not a move file or a session log", os.fspath(path), hint=hint)]
    return moves_of_log(path) if is_log(path) else read_move_file(path)


def read_move_file(path: Path) -> tuple[MoveFile | None, list[Diagnostic]]:
    document, problems = read_yaml_file(path)
    if document is None or has_errors(problems):
        return None, problems
    file = os.fspath(path)
    shape = _shape_problems(document, file)
    if shape:
        return None, problems + shape
    data: Any = document.data
    source = document.source
    scenario = data.get("scenario")
    if scenario is not None and not isinstance(scenario, str):
        where = source.nearest(("scenario",))
        message = f"'scenario' should be a scenario id, not {_shown(scenario)}"
        return None, problems + [error(codes.WRONG_TYPE, message, file, where.line, where.col, "e.g. 'scenario: quiet_channel'")]
    expect = data.get("expect")
    if isinstance(expect, dict):
        expect = expect.get("ending")
    where = source.nearest(("expect",))
    if expect is not None and not isinstance(expect, str):
        message = f"'expect' should be the id of the ending the moves must reach, not {_shown(expect)}"
        hint = "e.g. 'expect: shared_well', or a mapping with 'ending: shared_well'"
        return None, problems + [error(codes.WRONG_TYPE, message, file, where.line, where.col, hint)]
    moves = data["moves"]
    places = tuple((source.nearest(("moves", i)).line, source.nearest(("moves", i)).col) for i in range(len(moves)))
    return MoveFile(file, data["seed"], tuple(moves), places, scenario, expect, where.line), problems


def _shape_problems(document: YamlDocument, file: str) -> list[Diagnostic]:
    """A move file is a mapping with 'seed' (a whole number) and 'moves' (a list of move keys);
    each problem is reported where it is, in words that say what YAML made of the line."""
    data: Any = document.data
    source = document.source
    found: list[Diagnostic] = []
    for key, what, example in (("seed", "a whole number", "seed: 1"), ("moves", "a list of move keys", "moves:\n  - wait")):
        if key not in data:
            found.append(error(codes.MISSING_FIELD, f"a move file needs '{key}' ({what})", file, 1, 1, f"add '{example}'"))
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


def moves_of_log(path: Path) -> tuple[MoveFile | None, list[Diagnostic]]:
    """A session log read as a move file."""
    contents, problems = read_log(path)
    if contents is None or has_errors(problems):
        return None, problems
    return log_moves(contents), problems


def log_moves(contents: LogContents) -> MoveFile:
    """A log's seed, its decisions' moves and their lines, its scenario, trainee and ending."""
    places = tuple((contents.line_numbers[contents.records.index(d)], 1) for d in contents.decisions)
    ending = contents.end.get("ending") if contents.end else None
    return MoveFile(
        contents.file,
        int(contents.header["seed"]),
        tuple(contents.moves),
        places,
        str(contents.header.get("scenario_id")),
        ending if isinstance(ending, str) else None,
        contents.line_numbers[-1] if contents.line_numbers else 1,
        " ".join(str(contents.header.get("trainee", "")).split()),
        from_log=True,
    )


def scenario_problem(loaded: LoadedScenario, moves: MoveFile) -> Diagnostic | None:
    """A move file that names another scenario than the one it is played on."""
    if moves.scenario is None or moves.scenario == loaded.scenario.id:
        return None
    return error(
        codes.LOG_SCENARIO_CHANGED,
        f"this {'session log' if moves.from_log else 'move file'} is for scenario '{moves.scenario}', not '{loaded.scenario.id}'",
        moves.file,
        1,
        1,
        f"play them on scenario '{moves.scenario}', or write 'scenario: {loaded.scenario.id}' if the moves are meant for this one",
    )


def play_moves(
    loaded: LoadedScenario, moves: MoveFile, *, seed: int | None = None, upto: int | None = None, machines: Machines | None = None
) -> Played:
    """Play the moves (the first `upto` of them) with the file's seed or another; stop at the
    first move that is not on offer, or that comes after the game has ended. A key with nothing
    after its verb may be written without its colon ('wait' for 'wait:')."""
    session = Session(loaded, seed=moves.seed if seed is None else seed, machines=machines)
    keys = moves.moves if upto is None else moves.moves[:upto]
    played: list[str] = []
    for index, key in enumerate(keys):
        line, col = moves.place(index)
        if session.is_over:
            message = f"the game ended at '{session.state.ending}' before {moves.item(index)} ('{key}')"
            return Played(session, error(codes.LOG_MISMATCH, message, moves.file, line, col, "remove the moves after the ending"), played)
        offered = [move.key for move in session.moves()]
        if key not in offered and f"{key}:" in offered:
            key = f"{key}:"
        try:
            session.choose(key)
        except MoveNotAvailable:
            message = f"{moves.item(index)}, '{key}', is not on offer at that point"
            return Played(session, error(codes.LOG_MISMATCH, message, moves.file, line, col, moves_on_offer(offered)), played)
        played.append(key)
    return Played(session, None, played)


def expectation_problem(loaded: LoadedScenario, moves: MoveFile, played: Played) -> Diagnostic | None:
    """The file expects an ending that is not one of the scenario's, or that the moves miss."""
    if moves.expect is None or played.problem is not None:
        return None
    phases = loaded.scenario.phases.phases
    if moves.expect not in phases or phases[moves.expect].ending is None:
        endings = ", ".join(pid for pid, phase in phases.items() if phase.ending is not None)
        return error(
            codes.UNKNOWN_PHASE,
            f"'expect: {moves.expect}' is not an ending of {loaded.scenario.id}",
            moves.file,
            moves.expect_line,
            1,
            f"the endings: {endings}",
        )
    reached = played.session.state.ending
    if reached == moves.expect:
        return None
    what = f"reach '{reached}'" if reached else f"end on turn {played.session.state.turn} without reaching an ending"
    return error(
        codes.LOG_MISMATCH,
        f"the moves {what}, not '{moves.expect}' as expected",
        moves.file,
        moves.expect_line,
        1,
        "change the moves (or the seed), or correct 'expect:' if the scenario now ends this way on purpose",
    )


def yaml_key(key: str) -> str:
    """A move key as a double-quoted YAML string (JSON's quoting is valid YAML)."""
    return json.dumps(key, ensure_ascii=False)


def move_file_text(
    loaded: LoadedScenario, seed: int, moves: list[str] | tuple[str, ...], *, expect: str | None = None, comments: tuple[str, ...] = ()
) -> str:
    """A move file: comment lines, then scenario, seed, expect and the moves, one a line."""
    lines = [f"# {shown(' '.join(comment.split()))}" for comment in comments]
    lines += [f"scenario: {loaded.scenario.id}", f"seed: {seed}"]
    if expect is not None:
        lines.append(f"expect: {expect}")
    lines.append("moves:" if moves else "moves: []")
    lines += [f"  - {yaml_key(key)}" for key in moves]
    return "\n".join(lines) + "\n"
