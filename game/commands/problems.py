"""Printing diagnostics for a person at a terminal: each with the line of the file it points at
and a caret under the column. Shared by every command, below `game/cli.py`."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from game.diagnostics import Diagnostic
from game.safefile import read_regular


def print_diagnostics(problems: Sequence[Diagnostic]) -> None:
    """Each problem with the line of the file it points at, a caret under the column."""
    lines: dict[str, list[str] | None] = {}
    for problem in problems:
        if problem.file not in lines:
            lines[problem.file] = source_lines(problem.file)
        text = lines[problem.file]
        source_line = text[problem.line - 1] if text is not None and 0 < problem.line <= len(text) else None
        print(problem.render(source_line), file=sys.stderr)


EXCERPT_FILE_LIMIT = 16 * 1024 * 1024


def source_lines(file: str) -> list[str] | None:
    """The lines of a file a diagnostic names, counted as its reader counted them (YAML's line
    breaks for a scenario or transcript, newlines for a JSON-lines log); None when it cannot be
    read (a text given on the command line, a file gone since)."""
    from game.scenario.yaml_source import LINE_BREAK  # the YAML reader only when there is a file to show

    try:
        text = read_regular(file, EXCERPT_FILE_LIMIT).decode("utf-8", "replace").removeprefix("\ufeff")
    except (OSError, ValueError):
        return None
    return text.split("\n") if file.endswith(".jsonl") else LINE_BREAK.split(text)
