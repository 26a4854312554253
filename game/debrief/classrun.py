"""Debrief many logs at once (a class report), on every core there is for it.

Each log is debriefed independently (`debrief_log`), so the logs are split into contiguous
chunks and handed to worker processes, and the answers are put back in the order of the logs:
the debriefs and every diagnostic are the same, in the same order, as one process gives, and so
is any report made from them. Workers are forked from this process after it has debriefed the
first log, so they start with its scenario loaded and everything else a debrief reads once
already read, and need nothing sent but the paths; each keeps its copy of the `ScenarioCache`.
Where processes cannot be had (no fork on this platform, or the system refuses one) or a worker
dies, the logs it did not answer for are debriefed here instead.

`class_entries` is the same for a class report: each worker sends back only what the report
keeps of a debrief (`classentry.py`), which costs a fraction of a whole debrief to send.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from game.debrief.classentry import ClassEntry, class_entry
from game.debrief.logs import ScenarioCache, debrief_log
from game.debrief.model import Debrief
from game.debrief.review import REDUCED, SearchSettings
from game.diagnostics import Diagnostic
from game.scenario import collector

Answer = tuple[Debrief | None, list[Diagnostic]]
EntryAnswer = tuple[ClassEntry | None, list[Diagnostic]]
_Answer = tuple[Any, list[Diagnostic]]

MAX_WORKERS = 4
MIN_PER_WORKER = 16
"""Fewer logs than this per worker are debriefed in this process: forking and sending the
debriefs back would cost more than it saves."""
CHUNKS_PER_WORKER = 4
"""Each worker gets a few chunks, so one that drew slow logs does not keep the rest waiting."""

WORKER_CPU: list[float] = []
"""CPU seconds of each worker of the last `debrief_logs` that used workers (for tools/bench_debrief.py)."""


@dataclass(frozen=True)
class _Job:
    override: Path | None
    suggest: bool
    search: SearchSettings
    entries: bool = False
    """Answer with class entries (`class_entry`) instead of whole debriefs."""


_JOB: _Job | None = None
_CACHE: ScenarioCache | None = None


def debrief_logs(
    paths: Sequence[str | os.PathLike[str]],
    scenario_override: str | os.PathLike[str] | None = None,
    *,
    suggest: bool = True,
    search: SearchSettings = REDUCED,
    cache: ScenarioCache | None = None,
    workers: int | None = None,
    progress: Callable[[int], object] | None = None,
) -> list[Answer]:
    """`debrief_log` of each path, in order. `workers`: how many processes (None: one per core,
    at most MAX_WORKERS; 1: all here). `cache` serves the logs debriefed in this process.
    `progress(n)` is told each time n more logs are done (for a progress bar)."""
    job = _Job(Path(scenario_override) if scenario_override is not None else None, suggest, search)
    return cast(list[Answer], _answers(job, paths, cache, workers, progress))


def class_entries(
    paths: Sequence[str | os.PathLike[str]],
    scenario_override: str | os.PathLike[str] | None = None,
    *,
    suggest: bool = True,
    search: SearchSettings = REDUCED,
    cache: ScenarioCache | None = None,
    workers: int | None = None,
    progress: Callable[[int], object] | None = None,
) -> list[EntryAnswer]:
    """As `debrief_logs`, with the class entry of each debrief (what `class_report` keeps of it)
    in place of the debrief, and the same diagnostics."""
    job = _Job(Path(scenario_override) if scenario_override is not None else None, suggest, search, entries=True)
    return cast(list[EntryAnswer], _answers(job, paths, cache, workers, progress))


def _answers(
    job: _Job,
    paths: Sequence[str | os.PathLike[str]],
    cache: ScenarioCache | None,
    workers: int | None,
    progress: Callable[[int], object] | None,
) -> list[_Answer]:
    done = progress if progress is not None else _ignore
    cache = cache if cache is not None else ScenarioCache()
    count = _worker_count(workers, len(paths))
    answers: list[_Answer | None] = [None] * len(paths)
    if count > 1:
        # the first log here first: the workers are forked with its scenario loaded and its
        # machines built, and with the rules, words and principles read, instead of each
        # worker doing all that again
        answers[0] = _one(job, paths[0], cache)
        done(1)
        _in_workers(job, list(paths), count, answers, cache, done)
    for index, answer in enumerate(answers):
        if answer is None:  # no workers, or one died before answering for this log
            answers[index] = _one(job, paths[index], cache)
            done(1)
    return [answer for answer in answers if answer is not None]


def _worker_count(wanted: int | None, logs: int) -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if wanted is None:
        wanted = min(_cores(), MAX_WORKERS)
    return max(1, min(wanted, logs // MIN_PER_WORKER))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _one(job: _Job, path: str | os.PathLike[str], cache: ScenarioCache) -> _Answer:
    # a debrief makes many objects and keeps few; the debriefs already made are many and
    # long-lived, so each collection in the middle of one would walk them all again
    with collector.paused():
        # a class entry needs no words for what was honoured, nor the reveal (`build.walk`)
        debrief, found = debrief_log(path, job.override, suggest=job.suggest, search=job.search, cache=cache, brief=job.entries)
        if job.entries and debrief is not None:
            return class_entry(debrief), found
        return debrief, found


def _ignore(_: int) -> None:
    pass


def _in_workers(
    job: _Job,
    paths: list[str | os.PathLike[str]],
    count: int,
    answers: list[_Answer | None],
    cache: ScenarioCache,
    done: Callable[[int], object],
) -> None:
    """Fill in the answers still missing, from worker processes that start with a copy of `cache`."""
    size = -(-(len(paths) - 1) // (count * CHUNKS_PER_WORKER))
    starts = range(1, len(paths), size)
    cpu: dict[int, float] = {}
    collecting, freezing = gc.isenabled(), gc.get_freeze_count() == 0
    # What this process holds when the workers are forked is shared with them until either side
    # writes to it, and a collection writes to every object it walks: frozen, the collector
    # walks none of it, here or in the workers, which then copy only what they change. The
    # answers that come back are all kept, so no collection runs here while they come. (What
    # a caller froze itself stays frozen.)
    gc.disable()
    if freezing:
        gc.freeze()
    try:
        pool = ProcessPoolExecutor(
            count, mp_context=multiprocessing.get_context("fork"), initializer=_adopt, initargs=(job, cache, os.getpid(), collecting)
        )
    except (OSError, NotImplementedError):  # no processes to be had: all of it here
        _thaw(collecting, freezing)
        return
    try:
        futures: list[tuple[int, Future[tuple[list[_Answer], int, float]]]] = []
        for start in starts:
            futures.append((start, pool.submit(_chunk, paths[start : start + size])))
        for start, future in futures:
            try:
                found, pid, seconds = future.result()
            except BrokenProcessPool:  # a worker died (killed, out of memory): its logs are done here
                continue
            answers[start : start + len(found)] = found
            done(len(found))
            cpu[pid] = max(cpu.get(pid, 0.0), seconds)
    except OSError:  # the pool could not start its workers
        pass
    finally:
        pool.shutdown(cancel_futures=True)
        _thaw(collecting, freezing)
    WORKER_CPU[:] = list(cpu.values())


def _thaw(collecting: bool, freezing: bool) -> None:
    if freezing:
        gc.unfreeze()
    if collecting:
        gc.enable()


def _adopt(job: _Job, cache: ScenarioCache, parent: int, collecting: bool) -> None:
    """Runs first in each worker; `cache` is the parent's, copied by the fork (never sent).
    The collector runs between debriefs, as in the parent, if it ran there (`collecting`)."""
    global _JOB, _CACHE
    _JOB, _CACHE = job, cache
    if collecting:
        gc.enable()
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose class report was killed stops within a second (as the review's workers
    do, review.py) instead of debriefing on for nobody."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _chunk(paths: list[str | os.PathLike[str]]) -> tuple[list[_Answer], int, float]:
    """The answers, this worker's pid, and the CPU seconds it has spent so far (a forked
    process starts counting at zero)."""
    assert _JOB is not None and _CACHE is not None
    found = [_one(_JOB, path, _CACHE) for path in paths]
    return found, os.getpid(), time.process_time()
