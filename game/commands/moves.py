"""`good-offices moves SCENARIO [--after PROOF_OR_LOG]`: the move keys on offer at one point of a
play, printed as YAML list items (quoted, with the move's label as a comment) to paste into a
move file. Without `--after`, the moves at the start; with it, after the file's moves."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.console import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, complain, load_named, print_diagnostics

if TYPE_CHECKING:
    from game.engine.outcome import Move


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "moves",
        help="list the move keys on offer, quoted for pasting into a move file",
        description="List every move key on offer at the start of a session, or after the moves of a move file or session "
        "log, each quoted as a YAML list item to paste into a move file.",
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="a bundled scenario id or a path to a scenario file")
    parser.add_argument(
        "--after",
        type=Path,
        default=None,
        metavar="PROOF_OR_LOG",
        help="first play the moves of this move file or session log (default: list the moves of the first turn)",
    )
    parser.add_argument(
        "--upto", type=int, default=None, metavar="N", help="with --after, play only its first N moves (default: all of them)"
    )
    parser.add_argument("--seed", type=int, default=1, help="without --after, the session's seed (default 1)")
    return parser


def run(args: argparse.Namespace) -> int:
    from game.authoring.movefile import MoveFile, play_moves, read_moves, scenario_problem
    from game.diagnostics import shown

    if args.upto is not None and (args.upto < 0 or args.after is None):
        complain("--upto takes a number of moves, 0 or more, and needs --after")
        return EXIT_USAGE
    loaded = load_named(args.scenario)
    if loaded is None:
        return EXIT_ERRORS
    if args.after is None:
        moves = MoveFile("", args.seed, (), ())
        where = "at the start"
    else:
        found, problems = read_moves(args.after)
        print_diagnostics(problems)
        if found is None:
            return EXIT_ERRORS
        moves = found
        mismatch = scenario_problem(loaded, moves)
        if mismatch is not None:
            print_diagnostics([mismatch])
            return EXIT_ERRORS
        count = len(moves.moves) if args.upto is None else min(args.upto, len(moves.moves))
        where = f"after {count} of the {len(moves.moves)} moves of {shown(moves.name)}"
    played = play_moves(loaded, moves, upto=args.upto)
    if played.problem is not None:
        print_diagnostics([played.problem])
        return EXIT_ERRORS
    session = played.session
    state = session.state
    s = loaded.scenario
    if session.is_over:
        complain(f"the game has ended at '{state.ending}' {where}: no move is on offer")
        return EXIT_ERRORS
    offered = session.moves()
    print(f"# {s.title} ({s.id}), seed {moves.seed}, {where}")
    print(
        f"# {s.clock.turn_label} {state.turn} of {s.clock.turns}, phase {state.phase.state}, escalation {round(state.escalation)};"
        f" {len(offered)} moves on offer:"
    )
    sys.stdout.write(listing(offered))
    return EXIT_OK


def listing(moves: list[Move]) -> str:
    """The moves as YAML list items under a comment per group, each with its label as a comment."""
    from game.authoring.movefile import yaml_key

    width = max((len(yaml_key(m.key)) for m in moves), default=0)
    lines: list[str] = []
    group = None
    for move in moves:
        if move.group != group:
            group = move.group
            lines.append(f"# {group}")
        lines.append(f"- {yaml_key(move.key):<{width}}  # {' '.join(move.label.split())}")
    return "\n".join(lines) + "\n"
