"""`good-offices debrief LOG... [--format text|md|html|json] [-o FILE] [--class] [--anonymous]`.

One log gives one debrief. Several logs give one debrief each (text, Markdown and JSON one
after another; HTML needs -o FOLDER, one file per log). `--class`, or any folder among the
arguments, gives one class report. Exit codes: 0 done, 1 bad input (each problem printed as
`file:line:col: CODE severity: message`), 2 usage. A class report is still written when some
logs are bad, and the exit code is then 1 so scripts notice.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from game.console import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, complain, emit, print_diagnostics, write_report

if TYPE_CHECKING:
    from game.debrief.classentry import ClassEntry
    from game.debrief.model import Debrief
    from game.diagnostics import Diagnostic

T = TypeVar("T")

LOG_SUFFIXES = (".jsonl", ".log")
EXTENSIONS = {"text": ".txt", "md": ".md", "html": ".html", "json": ".json"}


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "debrief",
        help="judge a finished session (or a class of them) against the principles",
        description="Judge each decision of a session against the principles of good offices, with scores, the reveal of "
        "what was hidden and a review by search; or, with --class or a folder, one report for a whole class.",
    )
    parser.add_argument(
        "logs", nargs="+", type=Path, metavar="LOG", help="session logs, or folders of them (a folder gives a class report)"
    )
    parser.add_argument(
        "--format", choices=("text", "md", "html", "json"), default="text", help="text (the default), Markdown, HTML or JSON"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="write the report to FILE (default: print it on the screen); for several logs as HTML, a folder for one report each",
    )
    parser.add_argument("--class", dest="as_class", action="store_true", help="one report for the whole class")
    parser.add_argument("--anonymous", action="store_true", help="in a class report, hide trainees' names")
    parser.add_argument(
        "--scenario",
        type=Path,
        default=None,
        help="the scenario file, when it is not where the log says (default: the file named in the log, else the bundled scenario)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from game.debrief.classrun import class_entries, debrief_logs
    from game.debrief.review import FULL, REDUCED

    fmt: str = args.format
    paths, problems, saw_folder = collect_logs([Path(p) for p in args.logs])
    print_diagnostics(problems)
    if not paths:
        complain("no session logs to debrief", command="debrief")
        return EXIT_ERRORS
    as_class = bool(args.as_class) or saw_folder
    if not as_class and len(paths) > 1 and fmt == "html" and (args.output is None or not args.output.is_dir()):
        complain("several logs as HTML need -o FOLDER (one report each), or --class for one class report", command="debrief")
        return EXIT_USAGE
    failed = len(problems)
    # a class is debriefed on every core (classrun.py), in the order of the logs; one debrief
    # at a time otherwise, since each full review already uses the cores
    # a progress bar on a terminal only, and only for several logs: a pipe or a file gets none
    from tqdm import tqdm

    quiet = len(paths) < 2 or not sys.stderr.isatty()
    with tqdm(total=len(paths), unit="log", desc="debrief", file=sys.stderr, disable=quiet, leave=False) as bar:
        if as_class:  # what the class report keeps of each debrief (classentry.py)
            entries = class_entries(paths, args.scenario, search=REDUCED, progress=bar.update)
        else:
            answers = debrief_logs(paths, args.scenario, search=FULL, workers=1, progress=bar.update)
    if as_class:
        kept, refused = _made(entries)
        return _write_class(args, kept, failed + refused)
    debriefs, refused = _made(answers)
    failed += refused
    if not debriefs:
        return EXIT_ERRORS
    if args.anonymous:
        debriefs = [d.anonymised(f"Trainee {i}") for i, d in enumerate(debriefs, start=1)]
    status = _write_single(args, fmt, debriefs)
    return status if status != EXIT_OK else (EXIT_ERRORS if failed else EXIT_OK)


def _made(answers: list[tuple[T | None, list[Diagnostic]]]) -> tuple[list[T], int]:
    """What was made of the logs (debriefs or class entries), each log's diagnostics printed on
    the way, and how many logs could not be debriefed."""
    made: list[T] = []
    for made_of_one, found in answers:
        print_diagnostics(found)
        if made_of_one is not None:
            made.append(made_of_one)
    return made, len(answers) - len(made)


def collect_logs(arguments: list[Path]) -> tuple[list[Path], list[Diagnostic], bool]:
    """Files as given; folders expanded to the logs inside them, in name order."""
    from game.diagnostics import error
    from game.scenario import codes

    paths: list[Path] = []
    problems: list[Diagnostic] = []
    saw_folder = False
    for argument in arguments:
        if argument.is_dir():
            saw_folder = True
            found = sorted(p for p in argument.rglob("*") if p.is_file() and p.suffix in LOG_SUFFIXES)
            if not found:
                problems.append(
                    error(
                        codes.LOG_UNREADABLE,
                        "no session logs (.jsonl) in this folder",
                        str(argument),
                        hint="give the folder the logs were saved in; 'good-offices sessions' lists them",
                    )
                )
            paths.extend(found)
        elif argument.is_file():
            paths.append(argument)
        else:
            problems.append(
                error(
                    codes.LOG_UNREADABLE,
                    "no such file or folder",
                    str(argument),
                    hint="check the spelling of the path; 'good-offices sessions' lists the logs",
                )
            )
    return paths, problems, saw_folder


def _single_renderer(fmt: str) -> Callable[[Debrief], str]:
    from game.debrief.html import render_html
    from game.debrief.jsonout import to_json
    from game.debrief.text import render_markdown, render_text

    renderers: dict[str, Callable[[Debrief], str]] = {
        "text": render_text,
        "md": render_markdown,
        "html": render_html,
        "json": lambda d: _dump(to_json(d)),
    }
    return renderers[fmt]


def _write_single(args: argparse.Namespace, fmt: str, debriefs: list[Debrief]) -> int:
    from game.debrief.html import render_html
    from game.debrief.jsonout import to_json

    output: Path | None = args.output
    if fmt == "html" and len(debriefs) > 1 and output is not None:
        for d in debriefs:
            name = Path(d.log_file).stem if d.log_file else d.trainee.replace(" ", "-")
            status = write_report(output / f"{name}.html", render_html(d))
            if status != EXIT_OK:
                return status
        return EXIT_OK
    if fmt == "json":
        data: Any = to_json(debriefs[0]) if len(debriefs) == 1 else [to_json(d) for d in debriefs]
        return emit(output, _dump(data))
    render = _single_renderer(fmt)
    separator = "\n" + ("-" * 92 if fmt == "text" else "---") + "\n\n"
    return emit(output, separator.join(render(d) for d in debriefs))


def _write_class(args: argparse.Namespace, entries: list[ClassEntry], failed: int) -> int:
    from game.debrief.classreport import class_report
    from game.debrief.classtext import render_class_markdown, render_class_text
    from game.debrief.html import render_class_html
    from game.debrief.jsonout import class_to_json
    from game.words import count

    notes = []
    if failed:
        verb = "was" if failed == 1 else "were"
        notes.append(f"{count(failed, 'log')} could not be debriefed and {verb} left out; the messages printed with this report say why.")
    if not entries:
        return EXIT_ERRORS
    report = class_report(entries, anonymous=bool(args.anonymous), notes=notes)
    if len(report.cohorts) > 1:
        complain(f"note: {report.notes[0]}", command="debrief")
    renderers: dict[str, Callable[[], str]] = {
        "text": lambda: render_class_text(report),
        "md": lambda: render_class_markdown(report),
        "html": lambda: render_class_html(report),
        "json": lambda: _dump(class_to_json(report)),
    }
    status = emit(args.output, renderers[args.format]())
    return status if status != EXIT_OK else (EXIT_ERRORS if failed else EXIT_OK)


def _dump(data: Any) -> str:
    import json

    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
