"""The `good-offices` command: the parser, one module per subcommand, and `main()`.

Each subcommand lives in `game/commands/<name>.py` with `add_parser(commands)` and
`run(args) -> int`; add one by writing such a module and naming it in `COMMANDS`. Exit codes,
diagnostic printing and scenario lookup are in `game/console.py`, below this module and the
front ends. No traceback reaches the user for bad input; each problem is one located line.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

from game import __version__
from game.commands import (
    completion,
    debrief,
    endings,
    listing,
    moves,
    new,
    play,
    playtest,
    proof,
    replay,
    schema,
    sessions,
    structure,
    validate,
)
from game.commands import map as map_command
from game.console import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, PROG

__all__ = ["COMMANDS", "build_parser", "main"]

# In the order `good-offices --help` lists them.
COMMANDS = (
    listing,
    new,
    validate,
    play,
    sessions,
    replay,
    schema,
    structure,
    moves,
    proof,
    endings,
    playtest,
    debrief,
    map_command,
    completion,
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{PROG}: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Play a crisis as a third-party envoy, then debrief every decision.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.set_defaults(program_parser=parser)  # for `completion`, which describes the whole program
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        command.add_parser(commands).set_defaults(run=command.run)
    return parser


def _tolerate_encodings() -> None:
    """A console that cannot show '→' or 'è' (a cp1252 or ASCII terminal) gets a '?' instead of
    a traceback, and typed bytes it cannot decode are read as replacement characters."""
    for stream in (sys.stdin, sys.stdout):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]


def main(argv: Sequence[str] | None = None) -> int:
    _tolerate_encodings()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        status: int = args.run(args)
        return status
    except KeyboardInterrupt:
        kept = "; the session log keeps every decision made so far" if args.command == "play" else ""
        print(f"\n{PROG}: interrupted{kept}.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
