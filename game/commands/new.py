"""`good-offices new PATH [--from SCENARIO]`: a valid, commented scenario to start from.

Writes the scenario file and its `.proofs` folder (one move file per ending), installs the
editor schemas if needed and points the files' first lines at them. Never overwrites: if any
file it would write exists, it writes nothing and says so on one line (exit 1).
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
from pathlib import Path

from game.console import EXIT_ERRORS, EXIT_OK, find_scenario
from game.printable import shown


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "new",
        help="write a starter scenario (and the proofs of its endings) to edit",
        description="Write a commented, valid starter scenario (two parties, three endings, a venue choice, a message, an "
        "event, a mandate trap) with a proofs folder holding one move file per ending, and a first line that lets your "
        "editor check it against the installed schema. Existing files are never overwritten.",
    )
    parser.add_argument("path", type=Path, metavar="PATH", help="the scenario file to write (NAME.yaml), or a folder to create for it")
    parser.add_argument(
        "--from",
        dest="source",
        default=None,
        metavar="SCENARIO",
        help="copy this scenario (a bundled id such as harbour_crossing, or a file) and its proofs (default: the starter)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from game.authoring import editor
    from game.authoring.starter import STARTER, CannotCopy, new_files, proofs_folder, target_file

    source = STARTER
    if args.source is not None:
        found = find_scenario(args.source)  # says why when it is neither a bundled id nor a file
        if found is None:
            return EXIT_ERRORS
        if not found.is_file():
            print(f"{shown(str(found))}: is a folder; give the scenario's .yaml file", file=sys.stderr)
            return EXIT_ERRORS
        source = found
    target = target_file(args.path)
    for existing in (target, proofs_folder(target)):
        if existing.exists():
            print(f"{shown(str(existing))}: already exists; nothing written (choose another name, or move it away first)", file=sys.stderr)
            return EXIT_ERRORS
    try:
        files = new_files(target, source, editor.modeline("scenario"), editor.modeline("move"))
    except CannotCopy as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERRORS
    if files.picture is not None and files.picture[1].exists():
        print(f"{shown(str(files.picture[1]))}: already exists; nothing written (the copy's map picture would replace it)", file=sys.stderr)
        return EXIT_ERRORS
    schema_note = _install_schemas()
    try:
        for path, text in (files.scenario, *files.proofs):
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as handle:  # 'x': never replace a file made meanwhile
                handle.write(text)
        if files.picture is not None:
            files.picture[1].parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(*files.picture)
    except OSError as exc:
        print(f"{shown(str(getattr(exc, 'filename', None) or target))}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    _report(target, files.scenario_id, [path.name for path, _ in files.proofs], schema_note)
    return EXIT_OK


def _install_schemas() -> str:
    from game.authoring import editor

    try:
        editor.install_schemas()
    except OSError as exc:
        return f"could not install the editor schemas ({exc.strerror or exc}); run 'good-offices schema --install' to retry"
    return f"editor checking: the first lines point at the schemas in {shown(str(editor.schema_folder()))}"


def _report(target: Path, scenario_id: str, proofs: list[str], schema_note: str) -> None:
    from game.authoring.starter import proofs_folder

    print(f"wrote {shown(str(target))} (id {scenario_id})")
    if proofs:
        print(f"wrote {shown(str(proofs_folder(target)))}/ ({len(proofs)} move files proving its endings: {shown(', '.join(proofs))})")
    print(schema_note)
    quoted = shown(shlex.quote(str(target)))
    print(
        "Next:\n"
        f"  good-offices validate {quoted}      # check it after every change\n"
        f"  good-offices play {quoted} --text   # play it\n"
        f"  good-offices endings {quoted}       # replay the proofs: is every ending still reachable?"
    )
