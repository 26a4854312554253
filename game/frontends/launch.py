"""`good-offices play`: pick the scenario and the front end, start or resume the logged session."""

from __future__ import annotations

import argparse
import sys

from game.cli import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, load_named, print_diagnostics
from game.frontends.terminal.play import TerminalPlay
from game.frontends.watching import LiveWatch
from game.scenario.bundled import bundled_paths
from game.sessions import LiveSession, default_log_dir, new_seed, resume_session, start_session


def play_command(args: argparse.Namespace) -> int:
    if not args.text:
        return play_in_window(args)
    return play_in_terminal(args)


def play_in_window(args: argparse.Namespace) -> int:
    """The game window; pygame is imported only here, so `--text` works without a display."""
    from game.frontends.gui import run_window

    return run_window(args)


def play_in_terminal(args: argparse.Namespace) -> int:
    live = _open_session(args)
    if live is None:
        return EXIT_ERRORS if args.scenario or args.resume else EXIT_USAGE
    watch = LiveWatch(live) if getattr(args, "watch", False) else None
    if watch is not None:
        print(f"Watching {watch.file}: save it to reload the scenario and replay the moves made so far.")
    try:
        confirm = args.confirm or ("risky" if sys.stdin.isatty() else "none")
        play = TerminalPlay(live.session, str(live.log_path), sys.stdin, sys.stdout, confirm=confirm, watch=watch)
        return play.run(show_briefing=args.resume is None)
    except KeyboardInterrupt:
        print(f"\ngood-offices: interrupted; every decision made so far is in {live.log_path}", file=sys.stderr)
        print(f"Resume with: good-offices play --resume {live.log_path} --text", file=sys.stderr)
        return 130
    finally:
        (watch.live if watch is not None else live).close()


def _open_session(args: argparse.Namespace) -> LiveSession | None:
    if args.resume is not None:
        try:
            live, problems = resume_session(args.resume)
        except OSError as exc:
            print(f"good-offices: cannot continue writing {args.resume}: {exc.strerror or exc}; the log is unchanged", file=sys.stderr)
            return None
        print_diagnostics(problems)
        if live is not None:
            print(f"Resuming {live.log_path} after {len(live.session.history)} decisions.")
        return live
    name = args.scenario
    if name is None:
        print("Name a scenario to play. Bundled scenarios:", file=sys.stderr)
        for bundled in bundled_paths():
            print(f"  {bundled.stem}", file=sys.stderr)
        print("Example: good-offices play " + (bundled_paths()[0].stem if bundled_paths() else "PATH") + " --text", file=sys.stderr)
        return None
    loaded = load_named(name)
    if loaded is None:
        return None
    seed = args.seed if args.seed is not None else new_seed()
    log_dir = args.log_dir or default_log_dir()
    try:
        return start_session(loaded, seed=seed, trainee=args.trainee or "trainee", log_dir=log_dir)
    except FileExistsError:
        print(f"good-offices: cannot start a new session log in {log_dir}: too many logs of this second already", file=sys.stderr)
        return None
    except OSError as exc:
        print(f"good-offices: cannot write the session log in {log_dir}: {exc.strerror or exc}", file=sys.stderr)
        return None


__all__ = ["play_command", "EXIT_OK"]
