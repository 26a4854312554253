"""`good-offices validate PATH...`: every problem of each scenario file, one located line each."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.console import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, print_diagnostics
from game.printable import shown
from game.words import count


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "validate",
        help="check scenario files and report every problem",
        description="Check scenario files (YAML) and report every problem as 'file:line:col: CODE severity: message' with a "
        "hint. Exit 0 when every file loads (warnings allowed), 1 when one has errors. Every code is explained in docs/errors.md.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="scenario files, or folders (every .yaml in them, subfolders too)")
    return parser


def run(args: argparse.Namespace) -> int:
    from game.scenario.loader import load_scenario

    files = scenario_files([Path(raw) for raw in args.paths])
    if not files:
        return EXIT_USAGE
    failed = 0
    for path in files:
        loaded, problems = load_scenario(path)
        print_diagnostics(problems)
        errors = sum(p.is_error for p in problems)
        warnings = len(problems) - errors
        name = shown(str(path))
        if loaded is None:
            failed += 1
            print(f"{name}: {count(errors, 'error')}, {count(warnings, 'warning')}")
        else:
            print(
                f"{name}: ok ({loaded.scenario.id}; {count(len(loaded.scenario.phases.phases), 'phase')}"
                + (f"; {count(warnings, 'warning')})" if warnings else ")")
            )
    return EXIT_ERRORS if failed else EXIT_OK


def scenario_files(paths: list[Path]) -> list[Path]:
    """Files as given; folders expanded to their .yaml files (not an ending's proofs), in name order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in (".yaml", ".yml") and p.is_file() and not any(part.endswith(".proofs") for part in p.parts)
            )
            if not found:
                print(f"{shown(str(path))}: no .yaml files in this folder", file=sys.stderr)
            files.extend(found)
        else:
            files.append(path)
    return files
