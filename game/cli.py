"""The `good-offices` command: parse arguments, call the core, print diagnostics, set exit codes.

Exit codes: 0 success, 1 the input had errors (or a replay did not match), 2 usage errors.
No traceback reaches the user for bad input; each problem is one located line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from game import __version__
from game.diagnostics import Diagnostic, has_errors, shown
from game.words import count

if TYPE_CHECKING:
    from game.scenario.loader import LoadedScenario

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"good-offices: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


TRAINEE_MAX = 80


def trainee_name(text: str) -> str:
    """A name that can be written in a log and shown on any terminal: UTF-8 text without control
    characters, at most 80 characters. Anything else is a usage error, before a log exists."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise argparse.ArgumentTypeError("the name is not valid UTF-8 text (check the terminal's encoding)") from exc
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text):
        raise argparse.ArgumentTypeError("the name contains control or invisible formatting characters")
    name = " ".join(text.split())
    if not name or len(name) > TRAINEE_MAX:
        raise argparse.ArgumentTypeError(f"give a name of 1 to {TRAINEE_MAX} characters")
    return name


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="good-offices", description="Play a crisis as a third-party envoy, then debrief every decision.")
    parser.add_argument("--version", action="version", version=f"good-offices {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    listing = commands.add_parser("list", help="list the bundled scenarios")
    listing.add_argument("--check", action="store_true", help="also validate each one in full")

    validate = commands.add_parser("validate", help="check scenario files and report every problem")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders of them")

    play = commands.add_parser("play", help="play a scenario (a window, or the terminal with --text)")
    play.add_argument("scenario", nargs="?", metavar="SCENARIO", help="a bundled scenario id or a path to a scenario file")
    play.add_argument("--text", action="store_true", help="play in the terminal instead of a window")
    play.add_argument("--seed", type=int, default=None, help="the session's random seed (same seed and choices, same game)")
    play.add_argument("--trainee", type=trainee_name, default=None, help="the trainee's name, written in the log")
    play.add_argument("--log-dir", type=Path, default=None, help="where the session log is written")
    play.add_argument(
        "--confirm",
        choices=("all", "risky", "none"),
        default=None,
        help="in the terminal, ask before every move, before moves that cannot be undone (the default at a keyboard), or never "
        "(the default when the moves come through a pipe)",
    )
    play.add_argument("--resume", type=Path, default=None, metavar="LOG", help="continue an unfinished session from its log")

    sessions = commands.add_parser("sessions", help="list the session logs: scenario, trainee, date, decisions, ending")
    sessions.add_argument("--log-dir", type=Path, default=None, help="the folder of logs (default: your user data folder)")
    sessions.add_argument("--prune", action="store_true", help="delete the logs of sessions quit before their first decision")

    replay = commands.add_parser("replay", help="re-run a log and verify it matches exactly")
    replay.add_argument("log", type=Path, metavar="LOG")
    replay.add_argument("--scenario", type=Path, default=None, help="the scenario file, when it is not where the log says")

    schema = commands.add_parser("schema", help="print the scenario format's JSON Schema")
    schema.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="write to FILE instead of the screen")

    structure = commands.add_parser("structure", help="show a scenario's phases, transitions and endings")
    structure.add_argument("scenario", metavar="SCENARIO", help="a bundled scenario id or a path to a scenario file")
    structure.add_argument("--format", choices=("text", "mermaid"), default="text", help="an outline, or a Mermaid state diagram")

    debrief = commands.add_parser("debrief", help="judge a finished session (or a class of them) against the principles")
    debrief.add_argument("logs", nargs="+", type=Path, metavar="LOG", help="session logs, or folders of them")
    debrief.add_argument("--format", choices=("text", "md", "html", "json"), default="text")
    debrief.add_argument("-o", "--output", type=Path, default=None, metavar="FILE")
    debrief.add_argument("--class", dest="as_class", action="store_true", help="one report for the whole class")
    debrief.add_argument("--anonymous", action="store_true", help="in a class report, hide trainees' names")
    debrief.add_argument("--scenario", type=Path, default=None, help="the scenario file, when it is not where the log says")
    from game.commands import endings, moves, proof
    from game.commands import map as map_command

    for module in (map_command, moves, proof, endings):
        module.add_parser(commands)
    return parser


def print_diagnostics(problems: Sequence[Diagnostic]) -> None:
    for problem in problems:
        print(problem.render(), file=sys.stderr)


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
        return _COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("\ngood-offices: interrupted; the session log keeps every decision made so far.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from game.scenario.bundled import bundled_paths
    from game.scenario.header import read_header

    width = min(shutil.get_terminal_size((100, 24)).columns, 110)
    failed = 0
    for path in bundled_paths():
        header, reason = read_header(path)
        problem = reason if header is None else (_first_problem(path) if args.check else "")
        if header is None or problem:
            failed += 1
            print(f"{path.stem:<24} (does not load: {problem})")
            continue
        print(f"{header.id:<24} {header.difficulty:<13} {header.expected_minutes:>3} min  {header.title}")
        print(textwrap.fill(header.summary, width, initial_indent=" " * 25, subsequent_indent=" " * 25))
    return EXIT_ERRORS if failed else EXIT_OK


def _first_problem(path: Path) -> str:
    from game.scenario.loader import load_scenario

    loaded, problems = load_scenario(path)
    return "" if loaded is not None else (problems[0].render() if problems else "unknown problem")


def _validate(args: argparse.Namespace) -> int:
    from game.scenario.loader import load_scenario

    files: list[Path] = []
    for raw in args.paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in (".yaml", ".yml") and p.is_file() and not any(part.endswith(".proofs") for part in p.parts)
            )
            if not found:
                print(f"{path}: no .yaml files in this folder", file=sys.stderr)
            files.extend(found)
        else:
            files.append(path)
    if not files:
        return EXIT_USAGE
    failed = 0
    for path in files:
        loaded, problems = load_scenario(path)
        print_diagnostics(problems)
        errors = sum(p.is_error for p in problems)
        warnings = len(problems) - errors
        name = shown(str(path))
        if loaded is None:
            failed += 1
            print(f"{name}: {count(errors, 'error')}, {count(warnings, 'warning')}")
        else:
            print(
                f"{name}: ok ({loaded.scenario.id}; {count(len(loaded.scenario.phases.phases), 'phase')}"
                + (f"; {count(warnings, 'warning')})" if warnings else ")")
            )
    return EXIT_ERRORS if failed else EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from game.scenario.jsonschema import scenario_json_schema

    text = json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{args.output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"wrote {args.output}")
    return EXIT_OK


def _play(args: argparse.Namespace) -> int:
    from game.frontends.launch import play_command

    return play_command(args)


def _replay(args: argparse.Namespace) -> int:
    from game.sessions import open_log_for_replay

    session, problems = open_log_for_replay(args.log, args.scenario)
    print_diagnostics(problems)
    if session is None or has_errors(problems):
        return EXIT_ERRORS
    state = "ended at " + session.state.ending if session.state.ending else "unfinished"
    print(f"{args.log}: replays exactly ({len(session.history)} decisions, {state})")
    return EXIT_OK


def _structure(args: argparse.Namespace) -> int:
    from game.authoring.structure import mermaid, outline

    loaded = load_named(args.scenario)
    if loaded is None:
        return EXIT_ERRORS
    sys.stdout.write(outline(loaded) if args.format == "text" else mermaid(loaded))
    return EXIT_OK


def load_named(name: str) -> LoadedScenario | None:
    """A scenario by bundled id or path, with its problems printed; None when it does not load."""
    from game.scenario.loader import load_scenario
    from game.sessions import resolve_scenario

    path = resolve_scenario(name)
    if path is None:
        print(f"good-offices: '{name}' is neither a bundled scenario id nor an existing file (see 'good-offices list')", file=sys.stderr)
        return None
    loaded, problems = load_scenario(path)
    print_diagnostics(problems)
    return loaded


def _debrief(args: argparse.Namespace) -> int:
    from game.commands.debrief import debrief_command

    return debrief_command(args)


def _sessions(args: argparse.Namespace) -> int:
    from game.commands.sessions import sessions_command

    return sessions_command(args)


def _map(args: argparse.Namespace) -> int:
    from game.commands.map import run

    return run(args)


def _module_command(name: str) -> Callable[[argparse.Namespace], int]:
    """The `run` of game/commands/<name>.py, imported only when that command runs."""

    def run(args: argparse.Namespace) -> int:
        from importlib import import_module

        return int(import_module(f"game.commands.{name}").run(args))

    return run


_COMMANDS = {
    "moves": _module_command("moves"),
    "proof": _module_command("proof"),
    "map": _map,
    "sessions": _sessions,
    "list": _list,
    "validate": _validate,
    "schema": _schema,
    "play": _play,
    "replay": _replay,
    "debrief": _debrief,
    "structure": _structure,
    "endings": _module_command("endings"),
}

if __name__ == "__main__":
    raise SystemExit(main())
