"""Sessions on disk: where logs live, starting a logged session, finding and resuming one.

This sits above the core: it touches the file system and the wall clock (for the start time
written in the header), which the engine itself never does. What the window's title screen
needs before any of that (the log folder, the newest unfinished log) is in `game.logshelf`,
re-exported here.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import unicodedata
from collections.abc import Generator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.diagnostics import Diagnostic, error, has_errors
from game.engine.logfile import LogWriter, read_log
from game.engine.logscenario import scenario_for_log
from game.engine.replay import replay, replay_steps, run_steps
from game.engine.session import Session
from game.logshelf import default_log_dir, scenario_title, unfinished_logs
from game.scenario import codes
from game.scenario.bundled import find_bundled
from game.scenario.loader import LoadedScenario


def resolve_scenario(name: str) -> Path | None:
    """A bundled id, or a path to a file."""
    bundled = find_bundled(name)
    if bundled is not None:
        return bundled
    path = Path(name)
    return path.resolve() if path.exists() else None


def new_seed() -> int:
    return secrets.randbelow(1_000_000)


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _slug(text: str) -> str:
    """The trainee's name as part of a file name: accents on Latin letters dropped ("Élodie
    Dupré" -> "elodie-dupre": NFKD splits a letter from its accent), letters of other scripts
    kept as they are ("Алексей"), anything else one "-"."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue  # the accent of a Latin letter
        kept.append(char)
    plain = unicodedata.normalize("NFC", "".join(kept)).casefold()
    return re.sub(r"[\W_]+", "-", plain).strip("-")[:30] or "trainee"


@dataclass
class LiveSession:
    """A session and the log it writes to."""

    session: Session
    writer: LogWriter
    log_path: Path

    def close(self) -> None:
        """Close the log; a session quit before its first decision leaves no log behind (there
        is nothing to resume or debrief in it)."""
        self.writer.close()
        if not self.session.history:
            with contextlib.suppress(OSError):
                self.log_path.unlink()


def start_session(loaded: LoadedScenario, *, seed: int, trainee: str, log_dir: Path) -> LiveSession:
    started = now_text()
    stamp = started.replace(":", "").replace("-", "")[:15]
    first = log_dir / f"{loaded.scenario.id}-{_slug(trainee)}-{stamp}-{seed}.jsonl"
    path = first
    for counter in range(2, 1000):
        try:
            writer = LogWriter(path, new=True)
            break
        except FileExistsError:  # a log of the same second, or something planted: never reuse it
            path = first.with_name(f"{first.stem}-{counter}.jsonl")
    else:
        writer = LogWriter(path, new=True)  # raises FileExistsError: the caller reports it
    session = Session(loaded, seed=seed, trainee=trainee, started=started, sink=writer)
    return LiveSession(session, writer, path)


def open_log_for_replay(log: Path, scenario_override: Path | None = None) -> tuple[Session | None, list[Diagnostic]]:
    contents, problems = read_log(log)
    if contents is None or has_errors(problems):
        return None, problems
    loaded, scenario_problems = scenario_for_log(contents, scenario_override)
    problems += scenario_problems
    if loaded is None:
        return None, problems
    session, replay_problems = replay(loaded, contents)
    return session, problems + replay_problems


def resume_session(log: Path, scenario_override: Path | None = None) -> tuple[LiveSession | None, list[Diagnostic]]:
    return run_steps(resume_session_steps(log, scenario_override))


def resume_session_steps(
    log: Path, scenario_override: Path | None = None
) -> Generator[None, None, tuple[LiveSession | None, list[Diagnostic]]]:
    """`resume_session` in steps (the log read, its scenario loaded, then a decision replayed at
    a time): yields between them, returns what `resume_session` returns."""
    contents, problems = read_log(log)
    if contents is None or has_errors(problems):
        return None, problems
    if contents.finished:
        return None, problems + [
            error(
                codes.LOG_FINISHED,
                "this session has already ended; there is nothing to resume",
                os.fspath(log),
                1,
                1,
                "start a new session with 'good-offices play', or debrief this one",
            )
        ]
    yield
    loaded, scenario_problems = scenario_for_log(contents, scenario_override)
    problems += scenario_problems
    if loaded is None:
        return None, problems
    unlogged: list[dict[str, Any]] = []
    session, replay_problems = yield from replay_steps(loaded, contents, unlogged=unlogged)
    problems += replay_problems
    if session is None:
        return None, problems
    yield
    writer = LogWriter(log, truncate_to=contents.sound_bytes)
    for record in unlogged:  # what the interrupted session had no time to write
        writer(record)
    session.attach_sink(writer)
    return LiveSession(session, writer, Path(log)), problems


@dataclass(frozen=True)
class SessionLine:
    """One log as a list shows it, read without replaying the session."""

    path: Path
    scenario: str
    trainee: str
    started: str
    decisions: int
    ending: str
    problem: str = ""
    scenario_file: str = ""

    @property
    def empty(self) -> bool:
        return not self.problem and self.decisions == 0 and self.ending == "unfinished"

    @property
    def finished(self) -> bool:
        return not self.problem and self.ending != "unfinished"


def survey(folder: Path) -> list[SessionLine]:
    """Every *.jsonl in the folder, by file name; a file that is not a readable log is listed
    with the reason."""
    return [session_line(path) for path in sorted(folder.glob("*.jsonl"))]


def session_line(path: Path) -> SessionLine:
    """One log as a list shows it (a file that is not a readable log: with the reason)."""
    contents, problems = read_log(path)
    if contents is None or has_errors(problems):
        reason = next((p.message for p in problems if p.is_error), "not a session log")
        return SessionLine(path, "?", "?", "", 0, "", reason)
    header = contents.header
    ending = str(contents.end.get("ending", "ended")) if contents.end else "unfinished"
    return SessionLine(
        path,
        str(header.get("scenario_id", "?")),
        str(header.get("trainee", "")),
        str(header.get("started", "")),
        len(contents.decisions),
        ending,
        scenario_file=str(header.get("scenario_file") or ""),
    )


__all__ = [
    "LiveSession",
    "SessionLine",
    "default_log_dir",
    "new_seed",
    "now_text",
    "open_log_for_replay",
    "resolve_scenario",
    "resume_session",
    "scenario_title",
    "session_line",
    "start_session",
    "survey",
    "unfinished_logs",
]
