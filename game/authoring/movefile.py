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
from game.engine.session import MoveNotAvailable, Session
from game.scenario import codes
from game.scenario.loader import LoadedScenario
from game.scenario.yaml_source import read_yaml_file

SHOWN_ON_OFFER = 8
"""How many of the moves on offer a 'not on offer' message names."""


@dataclass(frozen=True)
class MoveFile:
    """What a move file (or a session log) says; `lines` holds the line of each move."""

    file: str
    seed: int
    moves: tuple[str, ...]
    lines: tuple[int, ...]
    scenario: str | None = None
    expect: str | None = None
    expect_line: int = 1
    trainee: str = ""

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
    played: int
    """How many of the file's moves were played before the problem (all of them without one)."""

    @property
    def ending(self) -> str | None:
        return self.session.state.ending if self.problem is None else None


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
    data: Any = document.data
    seed, moves = data.get("seed"), data.get("moves")
    if not isinstance(seed, int) or isinstance(seed, bool) or not isinstance(moves, list) or not all(isinstance(m, str) for m in moves):
        where = document.source.nearest(("moves",) if isinstance(seed, int) else ("seed",))
        message = "a move file needs 'seed' (a whole number) and 'moves' (a list of move keys)"
        return None, [error(codes.WRONG_TYPE, message, file, where.line, where.col)]
    scenario = data.get("scenario")
    if scenario is not None and not isinstance(scenario, str):
        where = document.source.nearest(("scenario",))
        return None, [error(codes.WRONG_TYPE, "'scenario' is a scenario id", file, where.line, where.col)]
    expect = data.get("expect")
    if isinstance(expect, dict):
        expect = expect.get("ending")
    if expect is not None and not isinstance(expect, str):
        where = document.source.nearest(("expect",))
        message = "'expect' is the id of the ending the moves must reach (or a mapping with 'ending')"
        return None, [error(codes.WRONG_TYPE, message, file, where.line, where.col)]
    lines = tuple(document.source.nearest(("moves", index)).line for index in range(len(moves)))
    return (
        MoveFile(file, seed, tuple(moves), lines, scenario, expect, document.source.nearest(("expect",)).line),
        problems,
    )


def moves_of_log(path: Path) -> tuple[MoveFile | None, list[Diagnostic]]:
    """A session log read as a move file."""
    contents, problems = read_log(path)
    if contents is None or has_errors(problems):
        return None, problems
    return log_moves(contents), problems


def log_moves(contents: LogContents) -> MoveFile:
    """A log's seed, its decisions' moves and their lines, its scenario, trainee and ending."""
    lines = tuple(contents.line_numbers[contents.records.index(d)] for d in contents.decisions)
    ending = contents.end.get("ending") if contents.end else None
    return MoveFile(
        contents.file,
        int(contents.header["seed"]),
        tuple(contents.moves),
        lines,
        str(contents.header.get("scenario_id")),
        ending if isinstance(ending, str) else None,
        contents.line_numbers[-1] if contents.line_numbers else 1,
        " ".join(str(contents.header.get("trainee", "")).split()),
    )


def scenario_problem(loaded: LoadedScenario, moves: MoveFile) -> Diagnostic | None:
    """A move file that names another scenario than the one it is played on."""
    if moves.scenario is None or moves.scenario == loaded.scenario.id:
        return None
    return error(
        codes.LOG_SCENARIO_CHANGED,
        f"these moves are for scenario '{moves.scenario}', not '{loaded.scenario.id}'",
        moves.file,
        1,
        1,
    )


def play_moves(
    loaded: LoadedScenario, moves: MoveFile, *, seed: int | None = None, upto: int | None = None, machines: Machines | None = None
) -> Played:
    """Play the moves (the first `upto` of them) with the file's seed or another; stop at the
    first move that is not on offer, or that comes after the game has ended."""
    session = Session(loaded, seed=moves.seed if seed is None else seed, machines=machines)
    keys = moves.moves if upto is None else moves.moves[:upto]
    for index, key in enumerate(keys):
        line = moves.lines[index] if index < len(moves.lines) else 1
        if session.is_over:
            problem = error(
                codes.LOG_MISMATCH,
                f"the game ended at '{session.state.ending}' before move {index + 1} '{key}'",
                moves.file,
                line,
                1,
                "remove the moves after the ending",
            )
            return Played(session, problem, index)
        try:
            session.choose(key)
        except MoveNotAvailable:
            offered = [m.key for m in session.moves()]
            more = ", ..." if len(offered) > SHOWN_ON_OFFER else ""
            problem = error(
                codes.LOG_MISMATCH,
                f"move {index + 1} '{key}' is not on offer at that point",
                moves.file,
                line,
                1,
                f"on offer then: {', '.join(offered[:SHOWN_ON_OFFER])}{more} (see 'good-offices moves SCENARIO --after FILE')",
            )
            return Played(session, problem, index)
    return Played(session, None, len(keys))


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
    return error(codes.LOG_MISMATCH, f"the moves {what}, not '{moves.expect}' as expected", moves.file, moves.expect_line, 1)


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
