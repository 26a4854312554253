"""What every command and front end says on the terminal: exit codes, problems, and scenarios by name.

This module sits below `game/cli.py`, the subcommands in `game/commands/` and the front ends in
`game/frontends/`, and above the core, so none of them imports another to print a diagnostic
or set an exit code. It imports nothing at the top but the standard library's lightest modules: `good-offices --help`
and `list` load it, and what a function needs is imported in that function.

Exit codes: 0 success, 1 the input had errors (or a replay did not match), 2 usage errors,
130 interrupted (Ctrl+C), the shell's convention.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from game.printable import shown

if TYPE_CHECKING:
    from game.diagnostics import Diagnostic
    from game.scenario.loader import LoadedScenario

__all__ = [
    "EXIT_ERRORS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "PROG",
    "complain",
    "find_scenario",
    "load_named",
    "load_scenario_at",
    "print_diagnostics",
]

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130
PROG = "good-offices"


def print_diagnostics(problems: Iterable[Diagnostic]) -> None:
    """Each problem as its located `file:line:col: CODE severity: message` line on stderr, then
    the line of the file it points at with a caret under the column, and its hint."""
    from game.excerpts import source_lines

    lines: dict[str, list[str] | None] = {}
    for problem in problems:
        if problem.file not in lines:
            lines[problem.file] = source_lines(problem.file)
        text = lines[problem.file]
        source_line = text[problem.line - 1] if text is not None and 0 < problem.line <= len(text) else None
        print(problem.render(source_line), file=sys.stderr)


def complain(message: str, *, command: str = "") -> None:
    """One line on stderr naming the program (and the subcommand, when given): `good-offices: ...`.
    A newline or an escape in the message (from a file name) is written as an escape, as in
    diagnostics, so it stays one line and cannot drive the terminal."""
    who = f"{PROG} {command}" if command else PROG
    print(f"{who}: {shown(message)}", file=sys.stderr)


def find_scenario(name: str) -> Path | None:
    """A bundled scenario id or a path to an existing file; when it is neither, say so and give None."""
    from game.sessions import resolve_scenario

    path = resolve_scenario(name)
    if path is None:
        complain(f"'{name}' is neither a bundled scenario id nor an existing file (see 'good-offices list')")
    return path


def load_scenario_at(path: Path) -> LoadedScenario | None:
    """The scenario in `path`, with every problem printed. The one policy for warnings: they are
    shown and the scenario is used; an error (which the loader never lets through) gives None."""
    from game.scenario.loader import load_scenario

    loaded, problems = load_scenario(path)
    print_diagnostics(problems)
    return loaded


def load_named(name: str) -> LoadedScenario | None:
    """A scenario by bundled id or path, with its problems printed; None when it does not load."""
    path = find_scenario(name)
    return None if path is None else load_scenario_at(path)


def emit(output: Path | None, text: str) -> int:
    """A report on the screen, or written to `output` (then 'wrote FILE' on stderr); a file that
    cannot be written is one line and EXIT_ERRORS."""
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    return write_report(output, text)


def write_report(path: Path, text: str) -> int:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{shown(str(path))}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"wrote {shown(str(path))}", file=sys.stderr)
    return EXIT_OK
