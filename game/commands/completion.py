"""`good-offices completion bash|zsh|tcsh`: a script that completes the command in a shell.

The script is generated from the program's own parser by shtab, so every subcommand, option and
choice completes as `--help` lists it, and arguments that name files or folders complete paths.
"""

from __future__ import annotations

import argparse
import sys

from game.console import EXIT_OK

SHELLS = ("bash", "zsh", "tcsh")
FOLDER_METAVARS = ("DIR", "LOG_DIR", "FOLDER")
FILE_METAVARS = ("FILE", "LOG", "SCENARIO", "PATH")

INSTALL = (
    "Install it once: bash: good-offices completion bash > ~/.local/share/bash-completion/completions/good-offices; "
    "zsh: good-offices completion zsh > ~/.zfunc/_good-offices, with 'fpath+=~/.zfunc' before 'compinit' in ~/.zshrc; "
    "tcsh: good-offices completion tcsh > ~/.good-offices.tcsh and 'source ~/.good-offices.tcsh' in ~/.tcshrc."
)


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh or tcsh)",
        description="Print a script that completes good-offices' subcommands, options, choices and file names. " + INSTALL,
    )
    parser.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    return parser


def run(args: argparse.Namespace) -> int:
    import shtab

    parser: argparse.ArgumentParser = args.program_parser
    for action in _actions(parser):
        metavar = action.metavar if isinstance(action.metavar, str) else (action.dest or "").upper()
        if metavar in FOLDER_METAVARS:
            action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
        elif metavar in FILE_METAVARS or action.dest in ("output", "resume", "scenario", "logs", "paths", "log"):
            action.complete = shtab.FILE  # type: ignore[attr-defined]
    sys.stdout.write(shtab.complete(parser, shell=args.shell))
    return EXIT_OK


def _actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """Every argument of the program and of its subcommands."""
    found: list[argparse.Action] = []
    for action in parser._actions:
        found.append(action)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found.extend(_actions(sub))
    return found
