"""`good-offices play`: pick the scenario and the front end, start or resume the logged session."""

from __future__ import annotations

import sys

from game.console import EXIT_ERRORS, EXIT_INTERRUPTED, EXIT_USAGE, complain, load_named, print_diagnostics
from game.frontends.options import PlayOptions
from game.frontends.terminal.play import TerminalPlay
from game.scenario.bundled import bundled_paths
from game.sessions import LiveSession, default_log_dir, new_seed, resume_session, start_session

__all__ = ["play", "play_in_terminal", "play_in_window"]


def play(options: PlayOptions) -> int:
    if not options.text:
        return play_in_window(options)
    return play_in_terminal(options)


def play_in_window(options: PlayOptions) -> int:
    """The game window; pygame is imported only here, so `--text` works without a display."""
    from game.frontends.gui import run_window

    return run_window(options)


def play_in_terminal(options: PlayOptions) -> int:
    live = _open_session(options)
    if live is None:
        return EXIT_ERRORS if options.scenario or options.resume else EXIT_USAGE
    try:
        confirm = options.confirm or ("risky" if sys.stdin.isatty() else "none")
        play = TerminalPlay(live.session, str(live.log_path), sys.stdin, sys.stdout, confirm=confirm)
        return play.run(show_briefing=options.resume is None)
    except KeyboardInterrupt:
        print(f"\ngood-offices: interrupted; every decision made so far is in {live.log_path}", file=sys.stderr)
        print(f"Resume with: good-offices play --resume {live.log_path} --text", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        live.close()


def _open_session(options: PlayOptions) -> LiveSession | None:
    if options.resume is not None:
        try:
            live, problems = resume_session(options.resume)
        except OSError as exc:
            complain(f"cannot continue writing {options.resume}: {exc.strerror or exc}; the log is unchanged")
            return None
        print_diagnostics(problems)
        if live is not None:
            print(f"Resuming {live.log_path} after {len(live.session.history)} decisions.")
        return live
    name = options.scenario
    if name is None:
        print("Name a scenario to play. Bundled scenarios:", file=sys.stderr)
        for bundled in bundled_paths():
            print(f"  {bundled.stem}", file=sys.stderr)
        print("Example: good-offices play " + (bundled_paths()[0].stem if bundled_paths() else "PATH") + " --text", file=sys.stderr)
        return None
    loaded = load_named(name)
    if loaded is None:
        return None
    seed = options.seed if options.seed is not None else new_seed()
    log_dir = options.log_dir or default_log_dir()
    try:
        return start_session(loaded, seed=seed, trainee=options.trainee or "trainee", log_dir=log_dir)
    except FileExistsError:
        complain(f"cannot start a new session log in {log_dir}: too many logs of this second already")
        return None
    except OSError as exc:
        complain(f"cannot write the session log in {log_dir}: {exc.strerror or exc}")
        return None
