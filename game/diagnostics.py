"""Problems found in untrusted input, as values rather than exceptions.

Every loader and checker returns a list of `Diagnostic` instead of raising, so
an instructor sees all the problems in a file at once. Each code is stable and
documented in docs/errors.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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

    def render(self) -> str:
        text = f"{self.location()}: {self.code} {self.severity.value}: {shown(self.message)}"
        if self.hint:
            text += f"\n    hint: {shown(self.hint)}"
        return text


def shown(text: str) -> str:
    """Text safe to print as one line of a terminal: control and invisible formatting characters
    (a newline in a file name, an escape sequence quoted from a file) are written as escapes, so a
    diagnostic stays one `file:line:col` line and cannot drive the terminal."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text)


def error(code: str, message: str, file: str, line: int = 0, col: int = 0, hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, file, line, col, hint)


def warning(code: str, message: str, file: str, line: int = 0, col: int = 0, hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, file, line, col, hint)


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.file, diagnostic.line, diagnostic.col, diagnostic.code)
