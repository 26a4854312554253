"""Read a file that someone else may have planted: regular files only, never blocking, bounded.

Scenario files, logs and the settings file are untrusted. Checking a path's type and then
opening it leaves a gap in which the path can become a FIFO (the open then blocks forever) or a
link to a device (`/dev/zero` reads until memory runs out). Here the file is opened first,
without blocking, and the opened descriptor is checked, so what is read is what was checked;
reading stops one byte past the limit, so an endless file costs no more than the limit.

A new log is created exclusively and without following links, so a link planted at a
predictable name in a shared folder is refused instead of written through.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO


class NotARegularFile(OSError):
    """The path is a folder, a pipe, a device or a socket: nothing a reader should open."""


class TooLarge(OSError):
    """The file is larger than the reader accepts."""


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The file's bytes; raises NotARegularFile, TooLarge or another OSError."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            what = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file"
            raise NotARegularFile(0, what, os.fspath(path))
        chunks: list[bytes] = []
        size = 0
        # the first read asks for the size the file has, and one byte more to meet its end at
        # once; the rest (a file that grew) in smaller reads. Each read sets aside all it asks
        # for, and a class reads a thousand logs of a few kilobytes
        want = min(status.st_size + 1, 1 << 20)
        while size <= limit:
            chunk = os.read(fd, min(want, limit + 1 - size))
            want = 1 << 16
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise TooLarge(0, f"larger than {limit // 1024} KiB", os.fspath(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


def create_exclusive(path: str | os.PathLike[str]) -> IO[str]:
    """A new text file opened for appending; fails if anything (a file, a link) is already there."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o644)
    return os.fdopen(fd, "a", encoding="utf-8", newline="\n")


def open_existing_for_append(path: str | os.PathLike[str]) -> IO[str]:
    """An existing regular file (not a link) opened for appending, to resume a session."""
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotARegularFile(0, "not a regular file", os.fspath(path))
    os.set_blocking(fd, True)
    return os.fdopen(fd, "a", encoding="utf-8", newline="\n")


def describe(exc: OSError) -> str:
    """The reason in a few words, for a one-line message."""
    return exc.strerror or str(exc)


__all__ = ["NotARegularFile", "TooLarge", "create_exclusive", "describe", "open_existing_for_append", "read_regular", "Path"]
