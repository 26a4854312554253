"""`good-offices schema [-o FILE]`: the scenario format's JSON Schema, for editors that complete YAML."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.console import EXIT_ERRORS, EXIT_OK
from game.diagnostics import shown


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser("schema", help="print the scenario format's JSON Schema")
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="write to FILE instead of the screen")
    return parser


def run(args: argparse.Namespace) -> int:
    from game.scenario.jsonschema import scenario_json_schema

    text = json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{shown(str(args.output))}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"wrote {shown(str(args.output))}")
    return EXIT_OK
