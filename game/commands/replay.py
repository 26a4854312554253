"""`good-offices replay LOG [--scenario FILE]`: re-run a session log and verify it matches exactly."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.console import EXIT_ERRORS, EXIT_OK, print_diagnostics
from game.printable import shown


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "replay",
        help="re-run a log and verify it matches exactly",
        description="Play a session log's decisions again on its scenario and check that every outcome, event and draw "
        "matches the log exactly. Exit 0 when it does, 1 when it differs (GO0406) or the scenario changed (GO0407).",
    )
    parser.add_argument("log", type=Path, metavar="LOG", help="a session log (.jsonl) written by 'good-offices play'")
    parser.add_argument(
        "--scenario",
        type=Path,
        default=None,
        help="the scenario file, when it is not where the log says (default: the file named in the log, else the bundled scenario)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from game.diagnostics import has_errors
    from game.sessions import open_log_for_replay

    session, problems = open_log_for_replay(args.log, args.scenario)
    print_diagnostics(problems)
    if session is None or has_errors(problems):
        return EXIT_ERRORS
    state = "ended at " + session.state.ending if session.state.ending else "unfinished"
    print(f"{shown(str(args.log))}: replays exactly ({len(session.history)} decisions, {state})")
    return EXIT_OK
