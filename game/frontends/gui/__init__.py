"""The game window (pygame-ce + pygame_gui): the only package that imports pygame.

`run_window(options)` is what `good-offices play` calls without `--text`. Importing this package
changes nothing in the process; the window sets what pygame reads when it starts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.frontends.gui.catalog import CatalogEntry
    from game.frontends.options import PlayOptions
    from game.sessions import LiveSession

NO_DISPLAY = "good-offices: no display is available for the game window ({reason}); play in the terminal with --text"


def run_window(options: PlayOptions) -> int:
    from game.console import EXIT_ERRORS, print_diagnostics
    from game.sessions import resume_session

    start_live: LiveSession | None = None
    folder: str | None = None
    entry: CatalogEntry | None = None
    if options.resume is not None:
        start_live, problems = resume_session(options.resume)
        print_diagnostics(problems)
        if start_live is None:
            return EXIT_ERRORS
    elif options.scenario:
        candidate = Path(options.scenario)
        if candidate.is_dir():
            folder = str(candidate.resolve())
        else:
            entry = _entry(options.scenario)
            if entry is None:
                return EXIT_ERRORS
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        from game.frontends.gui.app import App, NoDisplay
    except ImportError as exc:  # pragma: no cover - a broken install
        print(f"good-offices: the game window needs pygame-ce and pygame_gui ({exc}); play in the terminal with --text", file=sys.stderr)
        if start_live is not None:
            start_live.close()
        return EXIT_ERRORS
    try:
        app = App(log_dir=options.log_dir, seed=options.seed, trainee=options.trainee)
    except NoDisplay as exc:
        print(NO_DISPLAY.format(reason=str(exc).strip().rstrip(".") or "no video device"), file=sys.stderr)
        if start_live is not None:
            start_live.close()
        return EXIT_ERRORS
    try:
        start(app, live=start_live, folder=folder, entry=entry, trainee=options.trainee)
        return app.run()
    except Exception as exc:  # a bug: report it where a desktop user can find it, then stop
        return crashed(app, exc)
    finally:
        app.shutdown()


def _entry(name: str) -> CatalogEntry | None:
    """The scenario named on the command line, loaded as the terminal loads it (same messages)."""
    from game.console import find_scenario, load_scenario_at
    from game.frontends.gui.catalog import CatalogEntry

    path = find_scenario(name)
    loaded = None if path is None else load_scenario_at(path)
    return None if path is None or loaded is None else CatalogEntry(path, loaded)


def crashed(app, exc: Exception) -> int:  # type: ignore[no-untyped-def]
    """Write the crash report, then say where on a last screen (or the system's message box)."""
    from game.console import EXIT_ERRORS
    from game.frontends.gui.crash import crash_words, last_resort, write_crash_report

    live = app.live
    report = write_crash_report(exc, live)
    words = crash_words(report, live.log_path if live is not None else None)
    print(f"good-offices: the window stopped on an unexpected error. {words}", file=sys.stderr)
    try:
        app.close_session()
        while app.scenes:
            app.pop()
        app.open("dialog", kicker="SOMETHING WENT WRONG", title="The game stopped on an error", body=words, buttons=[("Quit", app.quit)])
        app.running = True
        app.run()
    except Exception:  # the window itself is broken
        last_resort(words)
    return EXIT_ERRORS


def start(app, *, live=None, folder=None, entry=None, trainee=None) -> None:  # type: ignore[no-untyped-def]
    """Put the first screen on the stack: play (resume), the briefing (a scenario and a name
    given), name (a scenario given), picker (a folder given), or title. The title screen alone
    imports no scenario loader nor engine (its first frame comes sooner)."""
    if trainee:
        app.trainee = trainee
        app.remember(trainee=trainee)
    if live is not None:
        app.live = live
        app.go("play", show_opening=False)
        return
    app.go("title")
    if folder is not None:
        app.open("picker", folder=folder)
    elif entry is not None:
        if app.trainee:
            from game.frontends.gui.begin import begin_new

            begin_new(app, entry, app.trainee)
        else:
            app.open("name", entry=entry)


__all__ = ["run_window", "start", "crashed", "NO_DISPLAY"]
