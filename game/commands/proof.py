"""`good-offices proof LOG [-o FILE]`: a session played by hand, turned into a move file.

The move file holds the log's seed and moves, a comment header naming the scenario, the
trainee and the ending, and `expect:` the ending, so that `good-offices endings` replays it as
a proof. The moves are played again on the scenario as it is now: a move that is no longer on
offer is reported at its line of the log and nothing is written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.console import EXIT_ERRORS, EXIT_OK, complain, print_diagnostics

if TYPE_CHECKING:
    from game.authoring.movefile import MoveFile
    from game.scenario.model import Scenario


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "proof",
        help="turn a session log into a move file (seed, moves, expected ending)",
        description="Turn a session played by hand into a move file: its seed, its moves and, when it ended, the ending it "
        "reached as 'expect:', so 'good-offices endings --move-files' checks it still gets there.",
    )
    parser.add_argument("log", type=Path, metavar="LOG", help="a session log (.jsonl)")
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="write to FILE (default: print it on the screen)")
    parser.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (default: an existing FILE is kept and nothing is written)"
    )
    parser.add_argument(
        "--scenario", type=Path, default=None, help="the scenario file, when it is not where the log says (default: the file the log names)"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from game.authoring.editor import installed_path, modeline, with_modeline
    from game.authoring.movefile import log_moves, move_file_text, play_moves
    from game.diagnostics import has_errors, warning
    from game.engine.logfile import read_log
    from game.engine.logscenario import scenario_for_log
    from game.scenario import codes

    contents, problems = read_log(args.log)
    print_diagnostics(problems)
    if contents is None or has_errors(problems):
        return EXIT_ERRORS
    moves = log_moves(contents)
    loaded, found = scenario_for_log(contents, args.scenario)
    print_diagnostics(found)
    if loaded is None:
        return EXIT_ERRORS
    if loaded.sha256 != contents.header.get("scenario_sha256"):
        changed = f"{loaded.file} has changed since this session was played; its moves are checked against the file as it is now"
        hint = "the move file is for the scenario as it is now; pass the version played with --scenario to check against that one"
        print_diagnostics([warning(codes.LOG_SCENARIO_CHANGED, changed, moves.file, 1, 1, hint)])
    played = play_moves(loaded, moves)
    if played.problem is not None:
        print_diagnostics([played.problem])
        complain(f"no move file written: the log's moves no longer play on {loaded.file}")
        return EXIT_ERRORS
    reached = played.session.state.ending
    if moves.expect is not None and reached != moves.expect:
        now = f"'{reached}'" if reached else "no ending"
        differs = f"the session ended at '{moves.expect}', but on the scenario as it is now its moves reach {now}"
        hint = "the move file expects the ending the moves reach now; check the scenario's changes if that is not intended"
        print_diagnostics([warning(codes.LOG_MISMATCH, differs, moves.file, moves.expect_line, 1, hint)])
    text = move_file_text(
        loaded, moves.seed, moves.moves, expect=reached, comments=_header(loaded.scenario, contents.header, moves, reached)
    )
    if installed_path("move").is_file():  # the editor checks the file against the schema `schema --install` put there
        text = with_modeline(text, modeline("move"))
    return _write(text, args.output, args.force)


def _header(scenario: Scenario, header: dict[str, Any], moves: MoveFile, reached: str | None) -> tuple[str, ...]:
    ending = "unfinished (no expect: the moves do not reach an ending)"
    if reached is not None:
        phase = scenario.phases.phases[reached]
        grade = phase.ending.grade if phase.ending else ""
        ending = f"{reached} [{grade}] {phase.title}"
    started = str(header.get("started") or "")
    return (
        f"Scenario: {scenario.title} ({scenario.id})",
        f"Trainee: {moves.trainee or '(no name)'}" + (f", started {started}" if started else ""),
        f"Ending: {ending}, after {len(moves.moves)} decisions",
        f"From the session log {os.path.basename(moves.file)}, by good-offices proof",
    )


def _write(text: str, output: Path | None, force: bool) -> int:
    from game.diagnostics import shown

    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    if output.exists() and not force:
        print(f"{shown(os.fspath(output))}: already exists; nothing written (pass --force to replace it)", file=sys.stderr)
        return EXIT_ERRORS
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{shown(os.fspath(output))}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"wrote {shown(os.fspath(output))}")
    return EXIT_OK
