"""`good-offices list [--check]`: the bundled scenarios, one heading and summary each."""

from __future__ import annotations

import argparse
import shutil
import textwrap
from pathlib import Path

from game.console import EXIT_ERRORS, EXIT_OK


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "list",
        help="list the bundled scenarios",
        description="List the scenarios that ship with the game: id, difficulty, expected minutes, title and summary. "
        "Play one with 'good-offices play ID'.",
    )
    parser.add_argument("--check", action="store_true", help="also validate each one in full, and name any that does not load (exit 1)")
    return parser


def run(args: argparse.Namespace) -> int:
    from game.scenario.bundled import bundled_paths
    from game.scenario.header import read_header

    width = min(shutil.get_terminal_size((100, 24)).columns, 110)
    failed = 0
    for path in bundled_paths():
        header, reason = read_header(path)
        problem = reason if header is None else (_first_problem(path) if args.check else "")
        if header is None or problem:
            failed += 1
            print(f"{path.stem:<24} (does not load: {problem})")
            continue
        print(f"{header.id:<24} {header.difficulty:<13} {header.expected_minutes:>3} min  {header.title}")
        print(textwrap.fill(header.summary, width, initial_indent=" " * 25, subsequent_indent=" " * 25))
    return EXIT_ERRORS if failed else EXIT_OK


def _first_problem(path: Path) -> str:
    from game.scenario.loader import load_scenario

    loaded, problems = load_scenario(path)
    return "" if loaded is not None else (problems[0].render() if problems else "unknown problem")
