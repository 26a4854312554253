"""Problems found in untrusted input, as values rather than exceptions.

Every loader and checker returns a list of `Diagnostic` instead of raising, so
an instructor sees all the problems in a file at once. Each code is stable and
documented in docs/errors.md.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from game.printable import shown

__all__ = ["Diagnostic", "Severity", "error", "excerpt", "has_errors", "shown", "sort_key", "warning"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One located problem: `file:line:col: CODE severity: message`, plus an optional hint."""

    code: str
    severity: Severity
    message: str
    file: str
    line: int = 0
    col: int = 0
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        file = shown(self.file)
        if self.line <= 0:
            return file
        return f"{file}:{self.line}:{max(self.col, 1)}"

    def render(self, source_line: str | None = None) -> str:
        """The one parseable line first (`file:line:col: CODE severity: message`); then, given
        the text of the line it points at, that line with a caret under the column, as compilers
        show it; then the hint."""
        text = f"{self.location()}: {self.code} {self.severity.value}: {shown(self.message)}"
        if source_line is not None and self.line > 0:
            text += "\n" + excerpt(source_line, self.line, self.col)
        if self.hint:
            text += f"\n    hint: {shown(self.hint)}"
        return text


EXCERPT_WIDTH = 100
"""Characters of a long line shown around the column, so a 4 000-character text stays one line."""


def excerpt(source_line: str, line: int, col: int) -> str:
    """Two lines: ` 17 |   turns: 14.5` and `    |          ^`, the caret under column `col`
    (1-based, in characters) however wide the characters before it are drawn."""
    index = max(col, 1) - 1
    start = max(0, index - EXCERPT_WIDTH // 2) if len(source_line) > EXCERPT_WIDTH else 0
    shown_line = source_line[start : start + EXCERPT_WIDTH]
    before = ("\u2026" if start else "") + shown(shown_line[: index - start].replace("\t", " "))
    text = before + shown(shown_line[index - start :].replace("\t", " "))
    if start + EXCERPT_WIDTH < len(source_line):
        text += "\u2026"
    number = f"{line:>5}"
    return f"{number} | {text.rstrip()}\n{' ' * len(number)} | {' ' * _width(before)}^"


def _width(text: str) -> int:
    """Terminal columns `text` takes: East Asian wide characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def error(code: str, message: str, file: str, line: int = 0, col: int = 0, hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, file, line, col, hint)


def warning(code: str, message: str, file: str, line: int = 0, col: int = 0, hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, file, line, col, hint)


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.file, diagnostic.line, diagnostic.col, diagnostic.code)
