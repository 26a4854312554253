"""Whether a terminal can show a text as written: the one test for scenario text and log headers."""

from __future__ import annotations

import re
import unicodedata

SPOOFING = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2060\ufeff")
"""Zero-width characters and bidirectional overrides and isolates."""


def unprintable(text: str) -> str | None:
    """Why a terminal cannot show `text` as written, or None: a control character (an escape
    sequence in a title can retitle a window, clear a screen or write the clipboard), or an
    invisible formatting character that reorders or hides what is shown (right-to-left
    overrides, zero-width spaces). Newlines and tabs are plain text."""
    found = _UNPRINTABLE.search(text)  # every scenario text is checked as the file loads
    if found is None:
        return None
    char = found.group()
    if unicodedata.category(char) == "Cc":
        return f"contains the control character U+{ord(char):04X}; write plain text"
    return f"contains the invisible formatting character U+{ord(char):04X}, which can disguise what is shown"


_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(SPOOFING)) + "]")
"""The control characters (Unicode category Cc: U+0000-U+001F and U+007F-U+009F, a set the
standard keeps fixed) other than newline and tab, and the SPOOFING characters."""


def shown(text: str) -> str:
    """Text safe to print as one line of a terminal: control and invisible formatting characters
    (a newline in a file name, an escape sequence quoted from a file) are written as escapes, so a
    diagnostic stays one `file:line:col` line and cannot drive the terminal. Here rather than in
    `game.diagnostics` so that the commands print paths without importing what a diagnostic needs."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text)
