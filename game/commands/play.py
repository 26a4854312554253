"""`good-offices play [SCENARIO] [--text] ...`: the arguments, checked; the front ends do the rest.

The arguments become a typed `PlayOptions` here, so the window and the terminal never see
argparse. A bad trainee name is a usage error before any log exists.
"""

from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path

from game.commands.folderhelp import FolderHelp

TRAINEE_MAX = 80


def trainee_name(text: str) -> str:
    """A name that can be written in a log and shown on any terminal: UTF-8 text without control
    characters, at most 80 characters. Anything else is a usage error, before a log exists."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise argparse.ArgumentTypeError("the name is not valid UTF-8 text (check the terminal's encoding)") from exc
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text):
        raise argparse.ArgumentTypeError("the name contains control or invisible formatting characters")
    name = " ".join(text.split())
    if not name or len(name) > TRAINEE_MAX:
        raise argparse.ArgumentTypeError(f"give a name of 1 to {TRAINEE_MAX} characters")
    return name


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "play",
        formatter_class=FolderHelp,
        help="play a scenario (a window, or the terminal with --text)",
        description="Play a scenario in the game window, or in the terminal with --text. Every decision is written to the "
        "session log as it is made (default folder: {log_folder}), so a session can be resumed with --resume and "
        "debriefed with 'good-offices debrief LOG'. The window keeps its settings in {settings_folder}.",
    )
    parser.add_argument(
        "scenario", nargs="?", metavar="SCENARIO", help="a bundled scenario id (see 'good-offices list') or a path to a scenario file"
    )
    parser.add_argument("--text", action="store_true", help="play in the terminal instead of a window (the default is the window)")
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        help="the session's random seed: same seed and choices, same game (default: a new one, written in the log)",
    )
    parser.add_argument(
        "--trainee",
        type=trainee_name,
        default=None,
        help="the trainee's name, written in the log and its file name (default: the window asks; the terminal leaves it out)",
    )
    parser.add_argument("--log-dir", type=Path, default=None, help="the folder the session log is written to (default: {log_folder})")
    parser.add_argument(
        "--confirm",
        choices=("all", "risky", "none"),
        default=None,
        help="in the terminal, ask before every move, before moves that cannot be undone (the default at a keyboard), or never "
        "(the default when the moves come through a pipe)",
    )
    parser.add_argument(
        "--resume",
        type=Path,
        default=None,
        metavar="LOG",
        help="continue an unfinished session from its log, whose scenario it plays (default: a new session)",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="for authors: on each save of the scenario file, reload it and replay the moves made so far (default: read it once)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from game.frontends.launch import play
    from game.frontends.options import PlayOptions

    return play(PlayOptions.from_args(args))
