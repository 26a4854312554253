"""The debrief's words: one catalogue per language renders findings from ids and parameters.

Rules never hold sentences; they name a message id and give parameters. Counted words are
written by the catalogue too: a parameter `n` can be used as `{n_ordinal}` (3rd), or with a
noun as `{n_people}`, `{n_turns}` style suffixes listed in `NOUNS`. Plural and ordinal forms come
from `game.words` (Babel's CLDR rules), so "1 person", "2 people", "3rd", "21st" are right.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml

from game.words import count, ordinal

__all__ = ["NOUNS", "catalogue", "counted", "placeholders", "render"]

NOUNS: dict[str, tuple[str, str]] = {
    "people": ("person", "people"),
    "turns": ("turn", "turns"),
    "days": ("day", "days"),
    "weeks": ("week", "weeks"),
    "meetings": ("meeting", "meetings"),
    "times": ("time", "times"),
}


@cache
def catalogue(language: str = "en") -> dict[str, str]:
    name = f"{language}.yaml"
    folder = resources.files("game.debrief.wording")
    path = folder / name if (folder / name).is_file() else folder / "en.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def counted(n: int, singular: str, plural: str, language: str = "en") -> str:
    if singular == "time" and language == "en" and n in (1, 2):
        return "once" if n == 1 else "twice"
    return count(n, singular, plural, language=language)


def placeholders(message: str, language: str = "en") -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(catalogue(language)[message]) if field}


def render(message: str, params: Mapping[str, Any], language: str = "en", turn_label: str = "turn") -> str:
    template = catalogue(language)[message]
    return template.format_map(_Expanded(params, language, turn_label))


class _Expanded(dict[str, Any]):
    """Parameters, plus the counted and ordinal forms of every number, made on demand."""

    def __init__(self, params: Mapping[str, Any], language: str, turn_label: str) -> None:
        super().__init__(params)
        self.language = language
        self.turn_label = turn_label

    def __missing__(self, key: str) -> str:
        base, _, suffix = key.rpartition("_")
        if base in self and isinstance(self[base], int):
            n = self[base]
            if suffix == "ordinal":
                return ordinal(n, language=self.language)
            if suffix == "count" and base == "turns":
                return counted(n, self.turn_label, self.turn_label + "s", self.language)
            if suffix == "count":
                singular, plural = NOUNS.get(base, (base.rstrip("s"), base))
                return counted(n, singular, plural, self.language)
            if suffix in NOUNS:
                return counted(n, *NOUNS[suffix], self.language)
        raise KeyError(key)
