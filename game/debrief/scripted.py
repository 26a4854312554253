"""Scripted and simulated sessions, written as real logs: for golden debriefs, tests, the
benchmark and for an instructor who wants a sample class report before the first class."""

from __future__ import annotations

import os
import random
from pathlib import Path

from game.engine.logfile import LogWriter
from game.engine.session import Session
from game.scenario.loader import LoadedScenario


def play_script(
    loaded: LoadedScenario,
    keys: list[str],
    *,
    seed: int = 1,
    trainee: str = "",
    log: str | os.PathLike[str] | None = None,
    started: str = "",
) -> Session:
    """Play the moves in order (each must be on offer), writing the log if a path is given."""
    writer = _fresh_writer(log)
    try:
        session = Session(loaded, seed=seed, trainee=trainee, started=started, sink=writer)
        for key in keys:
            if session.is_over:
                break
            session.choose(key)
        return session
    finally:
        if writer is not None:
            writer.close()


def play_randomly(
    loaded: LoadedScenario, *, seed: int, trainee: str, log: str | os.PathLike[str] | None = None, style: int = 0, limit: int = 200
) -> Session:
    """A simulated trainee: seeded choices, leaning to verbs that `style` favours, so a class of
    them differs the way real classes do (some patient, some hasty, some careless)."""
    rng = random.Random(f"trainee:{seed}:{style}")
    favoured = _STYLES[style % len(_STYLES)]
    writer = _fresh_writer(log)
    try:
        session = Session(loaded, seed=seed, trainee=trainee, started="", sink=writer)
        for _ in range(limit):
            if session.is_over:
                break
            moves = session.moves()
            weights = [4.0 if any(m.key.startswith(f) for f in favoured) else 1.0 for m in moves]
            session.choose(rng.choices(moves, weights)[0])
        return session
    finally:
        if writer is not None:
            writer.close()


def play_expertly(
    loaded: LoadedScenario,
    *,
    seed: int = 1,
    trainee: str = "",
    log: str | os.PathLike[str] | None = None,
    started: str = "",
    limit: int = 200,
) -> Session:
    """A simulated careful envoy: at each decision, the move of the review's continuation
    policy (`policy.py`: a fixed order of priorities a careful envoy follows). Deterministic; a
    reference run for a scenario that has no scripted one, and a sanity check that good conduct
    can win."""
    from game.debrief.policy import play_carefully

    writer = _fresh_writer(log)
    try:
        session = Session(loaded, seed=seed, trainee=trainee, started=started, sink=writer)
        play_carefully(session, limit)
        return session
    finally:
        if writer is not None:
            writer.close()


def _fresh_writer(log: str | os.PathLike[str] | None) -> LogWriter | None:
    """A writer on an empty file (a log is never appended to by a new session)."""
    if log is None:
        return None
    Path(log).unlink(missing_ok=True)
    return LogWriter(log, new=True)


_STYLES = (
    ("approach", "relay:", "propose_venue", "convene", "choice"),
    ("probe", "consult", "offer_step", "approach", "choice"),
    ("public_statement", "propose_formula", "relay:", "wait"),
    ("choice", "convene", "request_mandate", "approach"),
)


def write_class(loaded: LoadedScenario, folder: str | os.PathLike[str], size: int, *, base_seed: int = 100) -> list[Path]:
    """`size` simulated sessions of one scenario, each written as a log in `folder`."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(size):
        path = target / f"{loaded.scenario.id}-trainee-{i + 1:03d}.jsonl"
        play_randomly(loaded, seed=base_seed + i, trainee=f"Trainee {i + 1:03d}", log=path, style=i)
        paths.append(path)
    return paths
