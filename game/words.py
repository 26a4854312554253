"""Counts and ordinals in words, at the edge: "1 person", "3 people", "2nd", "11th".

Which form a number takes comes from the CLDR plural rules through Babel (`plural_form` for
cardinals, `ordinal_form` for ordinals), and the number itself is formatted for the locale, so
"(1 people)", "turn(s)" and "3th" cannot happen. The words are English for now: the language
argument is there for the scenario's `language` later; a language we have no words for gets
the English ones (the rest of the text is English too).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

# Babel is imported when a word is first needed, not with this module: commands such as
# `good-offices list` import this module and may print no count at all. The words for a number
# never change, and Babel takes longer to format one than a debrief takes to judge a decision,
# so `count` and `ordinal` keep the words they made (a class report asks for the same few
# thousand times).

__all__ = ["count", "noun", "ordinal"]

DEFAULT_LANGUAGE = "en"

_ORDINAL_SUFFIXES: dict[str, dict[str, str]] = {
    "en": {"one": "st", "two": "nd", "few": "rd", "other": "th"},
}
"""Suffix per CLDR ordinal category, per language we have words for."""


@cache
def _locale(language: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(DEFAULT_LANGUAGE)


def _words_language(language: str) -> str:
    """The language whose words we print: the scenario's when we have them, else English."""
    base = language.replace("-", "_").split("_")[0].lower()
    return base if base in _ORDINAL_SUFFIXES else DEFAULT_LANGUAGE


def noun(n: int, one: str, other: str | None = None, *, language: str = DEFAULT_LANGUAGE) -> str:
    """The noun alone in the form the count n takes: noun(1, "turn") -> "turn", noun(2, "turn") -> "turns".

    `other` defaults to `one` + "s" (English); give it for irregular plurals ("person", "people").
    """
    form = _locale(_words_language(language)).plural_form(abs(n))
    return one if form == "one" else (other if other is not None else one + "s")


@lru_cache(maxsize=4096)
def count(n: int, one: str, other: str | None = None, *, language: str = DEFAULT_LANGUAGE) -> str:
    """A number and its noun: count(1, "person", "people") -> "1 person"; count(3, ...) -> "3 people"."""
    from babel.numbers import format_decimal

    words = _words_language(language)
    return f"{format_decimal(n, locale=_locale(words))} {noun(n, one, other, language=words)}"


@lru_cache(maxsize=4096)
def ordinal(n: int, *, language: str = DEFAULT_LANGUAGE) -> str:
    """1 -> "1st", 2 -> "2nd", 3 -> "3rd", 11 -> "11th", 21 -> "21st", 112 -> "112th"."""
    from babel.numbers import format_decimal

    words = _words_language(language)
    form = _locale(words).ordinal_form(abs(n))
    suffixes = _ORDINAL_SUFFIXES[words]
    return f"{format_decimal(n, locale=_locale(words))}{suffixes.get(form, suffixes['other'])}"
