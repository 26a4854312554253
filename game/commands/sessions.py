"""`good-offices sessions`: the session logs in the log folder, one line each, and tidying up.

Reads each log's records without replaying it, so a folder of hundreds of logs lists at once;
a file that is not a readable log is listed with the reason, never a traceback.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from game.commands.folderhelp import FolderHelp
from game.console import EXIT_ERRORS, EXIT_OK, complain
from game.printable import shown
from game.words import count

if TYPE_CHECKING:
    from game.sessions import SessionLine


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "sessions",
        formatter_class=FolderHelp,
        help="list the session logs: scenario, trainee, date, decisions, ending",
        description="List the session logs in a folder: when each started, its scenario, trainee, decisions and ending, "
        "and which can be resumed with 'good-offices play --resume LOG'.",
    )
    parser.add_argument("--log-dir", type=Path, default=None, help="the folder of logs (default: {log_folder})")
    parser.add_argument("--prune", action="store_true", help="delete the logs of sessions quit before their first decision")
    return parser


def run(args: argparse.Namespace) -> int:
    from game.sessions import default_log_dir, survey

    folder: Path = args.log_dir or default_log_dir()
    if not folder.is_dir():
        print(f"No sessions yet: {shown(str(folder))} does not exist.")
        return EXIT_OK
    lines = survey(folder)
    readable = [s for s in lines if not s.problem]
    readable.sort(key=lambda s: s.started, reverse=True)
    broken = [s for s in lines if s.problem]
    if args.prune:
        return _prune(readable)
    if not lines:
        print(f"No sessions in {shown(str(folder))}.")
        return EXIT_OK
    print(f"{'started':<20} {'scenario':<20} {'trainee':<18} {'decisions':>9}  ending / log")
    for s in readable:
        print(f"{s.started[:19]:<20} {s.scenario[:20]:<20} {shown(s.trainee)[:18]:<18} {s.decisions:>9}  {s.ending}  {shown(str(s.path))}")
    for s in broken:
        print(f"{'':<20} {'':<20} {'':<18} {'':>9}  not a readable log ({shown(s.problem)}): {shown(str(s.path))}")
    unfinished = [s for s in readable if s.ending == "unfinished" and s.decisions]
    if unfinished:
        print(f"\nResume one with: good-offices play --resume LOG   ({count(len(unfinished), 'unfinished session')})")
    return EXIT_OK


def _prune(readable: list[SessionLine]) -> int:
    """Delete the logs of sessions that ended before their first decision: nothing to resume or
    debrief. Logs with decisions are never deleted."""
    empty = [s for s in readable if s.empty]
    removed = 0
    for s in empty:
        try:
            s.path.unlink()
            removed += 1
        except OSError as exc:
            complain(f"cannot remove {shown(str(s.path))}: {exc.strerror or exc}")
    print(f"Removed {count(removed, 'empty session log')}; sessions with decisions are kept.")
    return EXIT_OK if removed == len(empty) else EXIT_ERRORS
