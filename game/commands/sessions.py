"""`good-offices sessions`: the session logs in the log folder, one line each, and tidying up.

Reads each log's records without replaying it, so a folder of hundreds of logs lists at once;
a file that is not a readable log is listed with the reason, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.diagnostics import shown
from game.sessions import SessionLine, default_log_dir, survey
from game.words import count


def sessions_command(args: argparse.Namespace) -> int:
    folder: Path = args.log_dir or default_log_dir()
    if not folder.is_dir():
        print(f"No sessions yet: {shown(str(folder))} does not exist.")
        return 0
    lines = survey(folder)
    readable = [s for s in lines if not s.problem]
    readable.sort(key=lambda s: s.started, reverse=True)
    broken = [s for s in lines if s.problem]
    if args.prune:
        return _prune(readable)
    if not lines:
        print(f"No sessions in {shown(str(folder))}.")
        return 0
    print(f"{'started':<20} {'scenario':<20} {'trainee':<18} {'decisions':>9}  ending / log")
    for s in readable:
        print(f"{s.started[:19]:<20} {s.scenario[:20]:<20} {shown(s.trainee)[:18]:<18} {s.decisions:>9}  {s.ending}  {shown(str(s.path))}")
    for s in broken:
        print(f"{'':<20} {'':<20} {'':<18} {'':>9}  not a readable log ({shown(s.problem)}): {shown(str(s.path))}")
    unfinished = [s for s in readable if s.ending == "unfinished" and s.decisions]
    if unfinished:
        print(f"\nResume one with: good-offices play --resume LOG   ({count(len(unfinished), 'unfinished session')})")
    return 0


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
            print(f"good-offices: cannot remove {shown(str(s.path))}: {exc.strerror or exc}", file=sys.stderr)
    print(f"Removed {count(removed, 'empty session log')}; sessions with decisions are kept.")
    return 0 if removed == len(empty) else 1
