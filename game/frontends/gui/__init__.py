"""The game window (pygame-ce + pygame_gui): the only package that imports pygame.

`run_window(args)` is what `good-offices play` calls without `--text`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

NO_DISPLAY = "good-offices: no display is available for the game window ({reason}); play in the terminal with --text"


def run_window(args: argparse.Namespace) -> int:
    from game.cli import EXIT_ERRORS, print_diagnostics
    from game.diagnostics import has_errors
    from game.scenario.loader import load_scenario
    from game.sessions import resolve_scenario, resume_session

    start_live = None
    folder: str | None = None
    entry = None
    if args.resume is not None:
        start_live, problems = resume_session(args.resume)
        print_diagnostics(problems)
        if start_live is None:
            return EXIT_ERRORS
    elif args.scenario:
        candidate = Path(args.scenario)
        if candidate.is_dir():
            folder = str(candidate.resolve())
        else:
            path = resolve_scenario(args.scenario)
            if path is None:
                print(
                    f"good-offices: '{args.scenario}' is neither a bundled scenario id nor an existing file (see 'good-offices list')",
                    file=sys.stderr,
                )
                return EXIT_ERRORS
            loaded, problems = load_scenario(path)
            print_diagnostics(problems)
            if loaded is None or has_errors(problems):
                return EXIT_ERRORS
            from game.frontends.gui.catalog import CatalogEntry

            entry = CatalogEntry(path, loaded)
    try:
        from game.frontends.gui.app import App, NoDisplay
    except ImportError as exc:  # pragma: no cover - a broken install
        print(f"good-offices: the game window needs pygame-ce and pygame_gui ({exc}); play in the terminal with --text", file=sys.stderr)
        if start_live is not None:
            start_live.close()
        return EXIT_ERRORS
    try:
        app = App(log_dir=args.log_dir, seed=args.seed, trainee=args.trainee)
    except NoDisplay as exc:
        print(NO_DISPLAY.format(reason=str(exc).strip().rstrip(".") or "no video device"), file=sys.stderr)
        if start_live is not None:
            start_live.close()
        return EXIT_ERRORS
    try:
        start(app, live=start_live, folder=folder, entry=entry, trainee=args.trainee)
        return app.run()
    except Exception as exc:  # a bug: report it where a desktop user can find it, then stop
        return crashed(app, exc)
    finally:
        app.shutdown()


def crashed(app, exc: Exception) -> int:  # type: ignore[no-untyped-def]
    """Write the crash report, then say where on a last screen (or the system's message box)."""
    from game.cli import EXIT_ERRORS
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
