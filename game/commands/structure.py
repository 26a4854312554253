"""`good-offices structure SCENARIO [--format text|mermaid]`: phases, transitions and endings."""

from __future__ import annotations

import argparse
import sys

from game.console import EXIT_ERRORS, EXIT_OK, load_named


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "structure",
        help="show a scenario's phases, transitions and endings",
        description="Show a scenario's phases, the transitions between them with their conditions, and its endings, as an "
        "outline or as a Mermaid state diagram.",
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="a bundled scenario id (see 'good-offices list') or a path to a scenario file")
    parser.add_argument(
        "--format", choices=("text", "mermaid"), default="text", help="an outline (text, the default), or a Mermaid state diagram"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from game.authoring.structure import mermaid, outline

    loaded = load_named(args.scenario)
    if loaded is None:
        return EXIT_ERRORS
    sys.stdout.write(outline(loaded) if args.format == "text" else mermaid(loaded))
    return EXIT_OK
