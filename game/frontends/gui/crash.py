"""When the window meets an unexpected error: a crash report in the user's log folder, and a
screen (or, failing that, the system's message box) that says where it is.

Started from a desktop launcher, the game has no terminal, so stderr alone would lose the
error. The session log is never touched here: every decision was flushed as it was made, and
the session can be resumed from it.
"""

from __future__ import annotations

import platform
import sys
import traceback
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from game import __version__
from game.paths import crash_folder


def crash_dir() -> Path:
    return crash_folder()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def crash_text(exc: BaseException, live: Any = None) -> str:
    lines = [
        "Good Offices crash report",
        f"time: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"version: {__version__}",
        f"python: {sys.version.split()[0]} ({sys.executable})",
        f"platform: {platform.platform()}",
        f"pygame-ce: {_version('pygame-ce')}, pygame_gui: {_version('pygame_gui')}",
    ]
    if live is not None:
        scenario = live.session.scenario
        lines.append(f"scenario: {scenario.id} ({scenario.title}), file {live.session.loaded.file}")
        lines.append(f"session log: {live.log_path} ({len(live.session.history)} decisions, all saved)")
    else:
        lines.append("session: none open")
    lines += ["", "".join(traceback.format_exception(exc)).rstrip(), ""]
    return "\n".join(lines)


def write_crash_report(exc: BaseException, live: Any = None, folder: Path | None = None) -> Path | None:
    """The report's path, or None when it cannot be written either (the words go to stderr)."""
    text = crash_text(exc, live)
    folder = folder or crash_dir()
    path = folder / f"crash-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}.txt"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError:
        sys.stderr.write(text)
        return None
    return path


def crash_words(report: Path | None, log: Path | None) -> str:
    said = f"A crash report was written to {report}." if report else "The crash report could not be saved; it was printed on stderr."
    if log is not None:
        said += f" Every decision so far is saved in {log}: start the game again to resume it."
    return said + " Please send the report to your instructor or to the project's issue tracker."


def last_resort(message: str) -> None:
    """The system's own message box, when the window can no longer draw; stderr at least."""
    print(f"good-offices: the window stopped on an unexpected error. {message}", file=sys.stderr)
    try:
        import pygame

        pygame.display.message_box("Good Offices stopped", message, message_type="error")
    except Exception:  # no display, an old pygame: stderr has it
        pass
