"""Reading and writing session logs on disk.

Writing hands every line to the operating system before the call returns, so a killed program
loses nothing already chosen; the fsync that makes it survive a power cut follows in a
background thread, off the window's frame (a game waits for no disk). Reading never
raises: a damaged line is a diagnostic naming the file and line, and a last line cut off by a
crash is dropped with a warning, so the session still resumes.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from game.diagnostics import Diagnostic, error, warning
from game.engine.logformat import LOG_FORMAT
from game.printable import unprintable
from game.safefile import NotARegularFile, TooLarge, create_exclusive, describe, open_existing_for_append, read_regular
from game.scenario import codes

MAX_LOG_BYTES = 20 * 1024 * 1024
MAX_LINE_CHARS = 200_000


HEADER_TEXTS = ("scenario_id", "trainee", "started", "game_version")
"""Header fields the game writes from checked text: control characters in them mean tampering.
The scenario file's path may hold any character a file name can; it is escaped when shown."""


@dataclass
class LogContents:
    file: str
    header: dict[str, Any] = field(default_factory=dict)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    end: dict[str, Any] | None = None
    records: list[dict[str, Any]] = field(default_factory=list)
    line_numbers: list[int] = field(default_factory=list)
    sound_bytes: int = 0
    """Length of the file up to the end of its last sound line; a resume truncates to it."""

    @property
    def moves(self) -> list[str]:
        return [str(d.get("move", "")) for d in self.decisions]

    @property
    def finished(self) -> bool:
        return self.end is not None


class _Syncer:
    """fsyncs a file in a background thread whenever asked, coalescing requests that pile up;
    `close()` waits for the last one. An error is kept for the writer to raise on its next call."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._asked = 0
        self._done = 0
        self._closing = False
        self.error: OSError | None = None
        self._lock = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="log-fsync", daemon=True)
        self._thread.start()

    def request(self) -> None:
        with self._lock:
            self._asked += 1
            self._lock.notify_all()

    def _run(self) -> None:
        while True:
            with self._lock:
                while self._asked == self._done and not self._closing:
                    self._lock.wait()
                if self._asked == self._done:
                    return
                target = self._asked
            try:
                os.fsync(self._fd)
            except OSError as exc:
                self.error = exc
            with self._lock:
                self._done = target
                self._lock.notify_all()

    def wait(self) -> None:
        """Until every line asked for so far is on the disk."""
        with self._lock:
            while self._done < self._asked and self._thread.is_alive():
                self._lock.wait(0.1)

    def close(self) -> None:
        with self._lock:
            self._closing = True
            self._lock.notify_all()
        self._thread.join()


class LogWriter:
    """Appends one JSON record per line, written through to the OS as written, synced to the
    disk in a background thread (`_Syncer`).

    `LogWriter(path, new=True)` starts a new log and refuses a path where anything already is
    (a file, or a link planted in a shared folder: it is never written through). Without
    `new`, an existing log is continued (a resume), never through a link, and a missing one is
    created the same exclusive way."""

    def __init__(self, path: str | os.PathLike[str], *, truncate_to: int | None = None, new: bool = False) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if new or not os.path.lexists(self.path):
            self._handle: IO[str] = create_exclusive(self.path)
        else:
            self._handle = open_existing_for_append(self.path)
            if truncate_to is not None:
                self._handle.flush()
                os.ftruncate(self._handle.fileno(), truncate_to)
            if _ends_without_newline(self.path):  # a last record cut just before its "\n"
                self._handle.write("\n")
                self._handle.flush()
        self._syncer = _Syncer(self._handle.fileno())

    def __call__(self, record: dict[str, Any]) -> None:
        if self._syncer.error is not None:  # the disk refused an earlier line: say so now
            error, self._syncer.error = self._syncer.error, None
            raise error
        self._handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n")
        self._handle.flush()  # in the OS now: a killed program loses nothing
        self._syncer.request()

    def sync(self) -> None:
        """Wait until every line written so far is on the disk."""
        self._syncer.wait()

    def close(self) -> None:
        if self._handle.closed:
            return
        self._syncer.close()
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError:
            pass
        finally:
            self._handle.close()


def _ends_without_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        if handle.seek(0, os.SEEK_END) == 0:
            return False
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) != b"\n"


def read_log(path: str | os.PathLike[str]) -> tuple[LogContents | None, list[Diagnostic]]:
    file = os.fspath(path)
    try:
        raw = read_regular(file, MAX_LOG_BYTES)
    except TooLarge:
        too_big = f"the file is more than {MAX_LOG_BYTES // 1024 // 1024} MiB, more than a session log can be"
        return None, [error(codes.LOG_UNREADABLE, too_big, file, hint="check that the path names a session log (.jsonl), not another file")]
    except NotARegularFile as exc:
        hint = "give the path of a .jsonl log"
        return None, [error(codes.LOG_UNREADABLE, f"this is {describe(exc)}, not a session log", file, hint=hint)]
    except OSError as exc:
        hint = "check the log's name and folder; 'good-offices sessions' lists the logs"
        return None, [error(codes.LOG_UNREADABLE, f"cannot read the log: {describe(exc)}", file, hint=hint)]
    return parse_log(raw, file)


def parse_log(raw: bytes, file: str) -> tuple[LogContents | None, list[Diagnostic]]:
    contents = LogContents(file)
    problems: list[Diagnostic] = []
    lines = raw.split(b"\n")
    offset = 0
    for number, line in enumerate(lines, start=1):
        is_last = number == len(lines)
        line_end = offset + len(line) + (0 if is_last else 1)
        if not line.strip():
            offset = line_end
            continue
        record = _decode(line)
        if record is None:
            if is_last or all(not rest.strip() for rest in lines[number:]):
                problems.append(
                    warning(
                        codes.LOG_CUT_OFF,
                        "the last line was cut off (the session was interrupted); it is dropped",
                        file,
                        number,
                        1,
                        "nothing to do: resume the session and make the last decision again",
                    )
                )
            else:
                problems.append(
                    error(
                        codes.LOG_BAD_LINE,
                        "this line is not a log record (damaged or edited by hand)",
                        file,
                        number,
                        1,
                        "logs are written by the program; restore the file from a copy",
                    )
                )
            break
        problem = _place(contents, record, file, number)
        if problem is not None:
            problems.append(problem)
            break
        contents.records.append(record)
        contents.line_numbers.append(number)
        contents.sound_bytes = line_end
        offset = line_end
    if not contents.header and not any(p.code == codes.LOG_UNSUPPORTED for p in problems):
        problems.append(
            error(
                codes.LOG_NO_HEADER,
                "the file does not start with a Good Offices log header",
                file,
                1,
                1,
                "pass a .jsonl file written by 'good-offices play'",
            )
        )
        return None, problems
    return contents, problems


def _not_json(constant: str) -> None:
    """NaN and Infinity: Python's json reads them, but they are not JSON and no log holds them."""
    raise ValueError(f"{constant} is not a JSON number")


_DECODER = json.JSONDecoder(parse_constant=_not_json)
"""One decoder for every line (`json.loads` with an option makes a new one each time)."""


def _decode(line: bytes) -> dict[str, Any] | None:
    if len(line) > MAX_LINE_CHARS:
        return None
    try:
        record = _DECODER.decode(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return record if isinstance(record, dict) and isinstance(record.get("type"), str) else None


_RESTORE = "logs are written by the program; restore the file from a copy"


def _place(contents: LogContents, record: dict[str, Any], file: str, number: int) -> Diagnostic | None:
    kind = record["type"]
    if not contents.header:
        if kind != "header":
            return error(
                codes.LOG_NO_HEADER,
                "the log does not start with a header line",
                file,
                number,
                1,
                "pass a .jsonl file written by 'good-offices play'",
            )
        if record.get("log_format") != LOG_FORMAT:
            return error(
                codes.LOG_UNSUPPORTED,
                f"log format {record.get('log_format')!r} is not one this program reads (it reads {LOG_FORMAT})",
                file,
                number,
                1,
                "open the log with the version of Good Offices that wrote it (its game_version is in the header), or update the program",
            )
        if not isinstance(record.get("seed"), int) or not isinstance(record.get("scenario_id"), str):
            return error(codes.LOG_BAD_LINE, "the header lacks a seed or a scenario id", file, number, 1, _RESTORE)
        for name in HEADER_TEXTS:
            value = record.get(name, "")
            problem = "is not text" if not isinstance(value, str) else unprintable(value)
            if problem:
                return error(codes.LOG_BAD_LINE, f"the header's {name} {problem}", file, number, 1, _RESTORE)
        contents.header = record
        return None
    if contents.end is not None:
        return error(codes.LOG_BAD_LINE, "a record follows the end of the session", file, number, 1, _RESTORE)
    if kind == "decision":
        if record.get("n") != len(contents.decisions) + 1 or not isinstance(record.get("move"), str):
            return error(codes.LOG_BAD_LINE, f"decision {record.get('n')!r} is out of order or has no move", file, number, 1, _RESTORE)
        contents.decisions.append(record)
    elif kind == "event":
        contents.events.append(record)
    elif kind == "end":
        ending = record.get("ending", "")
        problem = unprintable(ending) if isinstance(ending, str) else "is not text"
        if problem:
            return error(codes.LOG_BAD_LINE, f"the end record's ending {problem}", file, number, 1, _RESTORE)
        contents.end = record
    else:
        return error(codes.LOG_BAD_LINE, f"unknown record type '{kind}'", file, number, 1, _RESTORE)
    return None
