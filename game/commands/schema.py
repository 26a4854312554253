"""`good-offices schema [--move] [-o FILE] | --install`: the JSON Schemas editors check files with.

Without options it prints the scenario format's schema; `--move` the move files' (proofs').
`--install` writes both to the user data folder, where they stay put across upgrades, and says
which first line (modeline) and which VS Code setting point an editor at them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.console import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, complain
from game.printable import shown


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "schema",
        help="print the JSON Schema editors check scenarios with, or install it for every folder",
        description="Print the scenario format (or, with --move, the move-file format) as a JSON Schema (draft 2020-12), for "
        "editors that check and complete YAML; --install writes both to your user data folder, where they survive upgrades.",
    )
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="write to FILE (default: print it on the screen)")
    parser.add_argument(
        "--move", action="store_true", help="the schema of move files (proofs) instead of scenarios (default: the scenario schema)"
    )
    parser.add_argument(
        "--install",
        action="store_true",
        help="write both schemas to your user data folder and print the first line and editor setting that use them "
        "(default: print one schema, install nothing)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from game.authoring import editor

    if args.install:
        if args.output is not None:
            complain("--install writes to your user data folder; leave out -o", command="schema")
            return EXIT_USAGE
        return _install()
    text = editor.schema_text("move" if args.move else "scenario")
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


def _install() -> int:
    from game.authoring import editor

    try:
        installed = editor.install_schemas()
    except OSError as exc:
        print(f"{shown(str(editor.schema_folder()))}: cannot write the schemas: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    for item in installed:
        print(f"wrote {shown(str(item.path))}" if item.written else f"up to date: {shown(str(item.path))}")
    scenario, move = (editor.installed_path(kind).resolve().as_uri() for kind in ("scenario", "move"))
    print(
        "\nFirst line of a scenario file (any folder):\n"
        f"  {editor.modeline('scenario')}\n"
        "First line of a move file (a proof):\n"
        f"  {editor.modeline('move')}\n"
        "\nOr, in VS Code with the YAML extension, once for a whole folder of scenarios (settings.json;\n"
        "change 'scenarios' to the name of your folder):\n"
        '  "yaml.schemas": {\n'
        f'    "{scenario}": ["**/scenarios/*.yaml"],\n'
        f'    "{move}": ["**/*.proofs/*.yaml"]\n'
        "  }\n"
        "\nRun 'good-offices schema --install' again after upgrading Good Offices: the files are rewritten in place."
    )
    return EXIT_OK
