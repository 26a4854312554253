"""Work done off the frame: a computation too long for one frame (the debrief, with its move
search) runs beside the window, which keeps drawing, and each frame only asks whether it is done.

Where a process can be forked (Linux, the BSDs, macOS) the work runs in a forked child: it
shares nothing with the window's frames, not even the interpreter's lock, and sends its result
back pickled through a pipe. Elsewhere, or when the child dies without an answer (killed, out of
memory), the same work runs in a thread of this process. An exception raised by the work is
raised again by `result()`, in the window, as if the work had run there.

`cancel()` stops the child at once (a screen left before its work was done); a window killed
outright leaves its child to finish the work, then exit, its answer unread.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")

with contextlib.suppress(ImportError):
    # what a fork needs, imported with this module (by the window in the background at start-up)
    # rather than on the frame that forks: 8 ms once
    import multiprocessing.popen_fork  # noqa: F401


def _in_child(work: Callable[[], Any], answer: Connection) -> None:
    try:
        reply: tuple[bool, Any] = (True, work())
    except BaseException as exc:  # the window raises it again
        reply = (False, exc)
    try:
        answer.send(reply)
    except Exception as exc:  # an answer that cannot be pickled: say so in words
        answer.send((False, RuntimeError(f"the work's answer could not be sent back: {exc}")))
    finally:
        answer.close()


class OffFrame(Generic[T]):
    """`work()` running off the frame, started at once; `done()` is cheap enough for every frame."""

    def __init__(self, work: Callable[[], T], *, fork: bool | None = None) -> None:
        self._work = work
        self._reply: tuple[bool, Any] | None = None
        self._process: Any = None
        self._pipe: Connection | None = None
        self._thread: threading.Thread | None = None
        if fork is None:
            fork = "fork" in multiprocessing.get_all_start_methods()
        if fork:
            try:
                self._fork()
                return
            except OSError:  # no process to be had here: a thread does it
                self._close()
        self._start_thread()

    def _fork(self) -> None:
        context = multiprocessing.get_context("fork")
        mine, theirs = context.Pipe(duplex=False)
        self._pipe = mine
        # not a daemon: the work may start processes of its own (the debrief's search workers)
        self._process = context.Process(target=_in_child, args=(self._work, theirs), name="good-offices-offframe")
        self._process.start()
        theirs.close()

    def _start_thread(self) -> None:
        def run() -> None:
            try:
                self._reply = (True, self._work())
            except BaseException as exc:
                self._reply = (False, exc)

        self._thread = threading.Thread(target=run, name="good-offices-offframe", daemon=True)
        self._thread.start()

    def done(self) -> bool:
        """True once the result (or the work's exception) is there."""
        if self._reply is not None:
            return True
        if self._pipe is not None:
            try:
                if self._pipe.poll():
                    self._reply = self._pipe.recv()
                    self._close()
                    return True
            except Exception:  # the child died without an answer, or it cannot be read: the work runs here
                self._close()
                self._start_thread()
                return False
            if not self._process.is_alive() and not self._pipe.poll():
                self._close()
                self._start_thread()
            return False
        return False

    def result(self) -> T:
        """The work's result; raises what the work raised. Call once `done()` is True."""
        assert self._reply is not None, "the work is not done"
        ok, value = self._reply
        if not ok:
            raise value
        result: T = value
        return result

    def cancel(self) -> None:
        """Stop the work: the child is ended now; a thread's result is dropped."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=1.0)  # SIGTERM ends it at once; reaped here, not left a zombie
        self._close()
        self._thread = None

    def _close(self) -> None:
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._process is not None:
            self._process.join(timeout=0 if self._process.is_alive() else None)
            self._process = None
