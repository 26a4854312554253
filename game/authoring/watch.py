"""Watch a scenario file while it is played: on each save, validate it, rebuild the session and
replay the moves made so far to the same point (as Inky replays the choices).

Both front ends use this: the terminal between lines, the window between frames. Detection is
plain polling of the file's content hash, twice a second, so touching a file without changing
it (or an editor's save of the same text) rebuilds nothing.

A rebuild ends one of three ways (`Reload.kind`):

- "replayed": the file is valid and every move made so far is still on offer; the new session
  stands at the same decision;
- "stopped": the file is valid but a move made earlier is no longer on offer (or the game now
  ends before it): the new session stands just before that move, which `Reload` names;
- "invalid": the file has errors; no session is built and the caller keeps the one it has.

The session log is the caller's business: `open_sink` is called only once the new version
has loaded, before the first record of the new session, so a front end can start a fresh log
then (see `game/frontends/watching.py`) and keep the old one when the file is invalid.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from game.diagnostics import Diagnostic, has_errors
from game.engine.session import MoveNotAvailable, Session, Sink
from game.safefile import NotARegularFile, TooLarge, read_regular
from game.scenario.loader import LoadedScenario, load_scenario
from game.scenario.yaml_source import MAX_BYTES
from game.words import count

ReloadKind = Literal["replayed", "stopped", "invalid"]
POLL_SECONDS = 0.5
"""How often the front ends look at the file."""


class FileWatch:
    """Tells when a file's content has changed since it was last looked at.

    Each look reads and hashes the file: a scenario is tens of kilobytes, so this costs
    microseconds, and unlike comparing modification times it cannot miss a quick second save
    of the same size on a file system that keeps times to the second."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._digest = self._hash()

    def _hash(self) -> str | None:
        try:
            return hashlib.sha256(read_regular(self.path, MAX_BYTES)).hexdigest()
        except (TooLarge, NotARegularFile) as exc:  # a change all the same: the loader will say what is wrong
            return f"unreadable: {exc}"
        except OSError:
            return None

    def changed(self) -> bool:
        """True once per change of content. A file that is missing or unreadable (an editor
        between writing its temporary copy and renaming it over the original) is not a
        change: the next look finds the saved file."""
        digest = self._hash()
        if digest is None or digest == self._digest:
            return False
        self._digest = digest
        return True


@dataclass(frozen=True)
class Reload:
    kind: ReloadKind
    file: str
    session: Session | None
    """The rebuilt session ("replayed" and "stopped"); None when the file is invalid."""
    problems: list[Diagnostic] = field(default_factory=list)
    """The file's errors ("invalid") or warnings."""
    replayed: int = 0
    total: int = 0
    """Moves made before the save."""
    stop_move: str = ""
    """The key of the first move that could not be replayed ("stopped")."""
    stop_label: str = ""
    ended: str = ""
    """The title of the ending the new version reaches before all moves were replayed."""

    @property
    def name(self) -> str:
        return Path(self.file).name

    def summary(self) -> str:
        """One sentence for the front ends."""
        if self.kind == "invalid":
            errors = sum(p.is_error for p in self.problems)
            return (
                f"{self.name} was saved with {count(errors, 'error')}: the session goes on with the version before. "
                "Fix the file and save it again."
            )
        if self.kind == "replayed":
            return f"{self.name} was saved: reloaded, and the {count(self.total, 'move')} made so far replayed to the same point."
        number = self.replayed + 1
        if self.ended:
            return (
                f"{self.name} was saved: the game now ends ('{self.ended}') after move {self.replayed}, so "
                f"{count(self.total - self.replayed, 'later move')} could not be replayed. Stopped there."
            )
        return (
            f"{self.name} was saved: move {number}, '{self.stop_label}' ({self.stop_move}), is no longer on offer. "
            f"Replayed the {count(self.replayed, 'move')} before it and stopped there."
        )


def rebuild(file: str | os.PathLike[str], old: Session, *, open_sink: Callable[[LoadedScenario], Sink] | None = None) -> Reload:
    """Load `file` again and replay `old`'s moves on a new session with the same seed and trainee."""
    name = os.fspath(file)
    loaded, problems = load_scenario(name)
    if loaded is None or has_errors(problems):
        return Reload("invalid", name, None, problems, total=len(old.history))
    sink = open_sink(loaded) if open_sink is not None else None
    session = Session(loaded, seed=old.seed, trainee=old.trainee, started=str(old.header.get("started", "")), sink=sink)
    total = len(old.history)
    for number, outcome in enumerate(old.history, start=1):
        if session.is_over:
            ending = session.ending
            return Reload("stopped", name, session, problems, number - 1, total, ended=ending.title if ending else "")
        try:
            session.choose(outcome.move.key)
        except MoveNotAvailable:
            return Reload("stopped", name, session, problems, number - 1, total, outcome.move.key, outcome.move.label)
    return Reload("replayed", name, session, problems, total, total)


class ScenarioWatch:
    """A scenario file followed during play: `check(session)` rebuilds when it was saved."""

    def __init__(self, file: str | os.PathLike[str]) -> None:
        self.file = FileWatch(file)

    def check(self, session: Session, *, open_sink: Callable[[LoadedScenario], Sink] | None = None) -> Reload | None:
        """None while the file is unchanged; otherwise the rebuild (see `Reload`)."""
        if not self.file.changed():
            return None
        return rebuild(self.file.path, session, open_sink=open_sink)
