"""Starting, resuming and debriefing a session from the window: the steps the title screen,
the sessions screen, the picker and the name screen share. A problem opens a dialog that says
what went wrong and where; it never raises."""

from __future__ import annotations

from collections.abc import Callable, Generator
from pathlib import Path
from typing import TYPE_CHECKING

from game.frontends.gui.catalog import CatalogEntry
from game.frontends.gui.scene import Host
from game.sessions import new_seed, open_log_for_replay, resume_session_steps, start_session

if TYPE_CHECKING:
    from game.debrief import Debrief


def _problem(app: Host, kicker: str, title: str, body: str) -> None:
    app.open("dialog", kicker=kicker, title=title, body=body, buttons=[("Close", lambda: None)])


def begin_new(app: Host, entry: CatalogEntry, trainee: str) -> bool:
    """A new logged session of the entry's scenario, then its briefing; False if the log
    cannot be written (a dialog says why)."""
    assert entry.loaded is not None
    seed = app.seed if app.seed is not None else new_seed()
    try:
        live = start_session(entry.loaded, seed=seed, trainee=trainee, log_dir=app.log_dir)
    except OSError as exc:
        _problem(app, "CANNOT START", "The session log cannot be written", f"{app.log_dir}: {exc.strerror or exc}")
        return False
    app.live = live
    app.go("briefing")
    return True


def resume(app: Host, log: Path) -> None:
    """The play screen of an unfinished session, where it was left: the log is replayed a few
    decisions a frame while the screen stays up (`App.prepare`)."""
    app.prepare(_resuming(app, log))


def _resuming(app: Host, log: Path) -> Generator[None, None, Callable[[], object]]:
    try:
        live, problems = yield from resume_session_steps(log)
    except OSError as exc:
        live, problems = None, []
        first = f"cannot continue writing it: {exc.strerror or exc}"
    else:
        first = next((p.message for p in problems if p.is_error), "the log could not be read")
    if live is None:
        return lambda: _problem(app, "CANNOT RESUME", "This session cannot be resumed", f"{log}: {first}")

    def play() -> None:
        app.live = live
        app.go("play", show_opening=False)

    return play


class CannotDebrief(Exception):
    """A log that cannot be replayed: its first error, in words."""


def debrief_of_log(log: Path) -> Debrief:
    """A session's debrief, replayed from its log (the debrief screen runs it off the frame)."""
    from game.debrief import debrief_session

    session, problems = open_log_for_replay(log)
    if session is None or any(p.is_error for p in problems):
        raise CannotDebrief(next((p.message for p in problems if p.is_error), "the log could not be read"))
    return debrief_session(session)


def debrief(app: Host, log: Path) -> bool:
    """The debrief of a session, replayed from its log off the frame while the debrief screen
    says so; a log that cannot be replayed is said there, in a dialog."""
    app.go("debrief", session=None, log_path=log)
    return True
