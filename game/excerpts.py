"""The line of a file a diagnostic points at, read again only when the diagnostic is printed
(`game/console.py` shows it with a caret under the column)."""

from __future__ import annotations

from game.safefile import read_regular

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
