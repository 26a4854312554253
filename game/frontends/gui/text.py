"""Fonts, word wrapping and a cache of rendered lines.

Rendering text is the costly part of drawing a frame, so every line is rendered once per
(style, text, colour), every text is wrapped once per (style, text, width) and every width
measured once per (style, text); all three are reused across frames and turns until the text
size or theme changes (a new `Fonts`).
"""

from __future__ import annotations

import itertools
from functools import cache
from typing import Any

import pygame

from game.resources import asset

# style: (file, size at 100 %)
STYLES: dict[str, tuple[str, int]] = {
    "body": ("Inter-Regular.otf", 15),
    "body_b": ("Inter-SemiBold.otf", 15),
    "italic": ("Inter-Italic.otf", 15),
    "small": ("Inter-Regular.otf", 13),
    "small_b": ("Inter-SemiBold.otf", 13),
    "caps": ("Inter-SemiBold.otf", 12),
    "h3": ("Inter-SemiBold.otf", 16),
    "h2": ("NotoSerif-Bold.ttf", 19),
    "h1": ("NotoSerif-Bold.ttf", 25),
    "number": ("Inter-SemiBold.otf", 21),
    "title": ("NotoSerif-Bold.ttf", 46),
}


SEPARATORS = (("/", "\\"), ("-", "_", "."))
"""Where a word too long for a line (a path, a file name) is broken: after a folder, else
between the parts of a name, else anywhere."""


@cache
def _font(file: str, size: int) -> pygame.font.Font:
    return pygame.font.Font(str(asset(file)), size)


class Fonts:
    """The window's fonts at one text size, with a cache of rendered lines."""

    def __init__(self, scale: float) -> None:
        self.scale = scale
        self.space = 1 + (scale - 1) * 0.5
        """Spacing grows with the text, but more slowly, so large text keeps room to breathe."""
        self._cache: dict[tuple[str, str, tuple[int, ...]], pygame.Surface] = {}
        self._wrapped: dict[tuple[str, str, int], tuple[str, ...]] = {}
        self._widths: dict[tuple[str, str], int] = {}

    def preload(self) -> None:
        for style in STYLES:
            self.font(style).size("Ag")

    def font(self, style: str) -> pygame.font.Font:
        file, size = STYLES[style]
        return _font(file, max(8, round(size * self.scale)))

    def line_height(self, style: str) -> int:
        return self.font(style).get_linesize()

    def width(self, style: str, text: str) -> int:
        key = (style, text)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) > 20000:
                _forget_older_half(self._widths)
            width = self._widths[key] = self.font(style).size(text)[0]
        return width

    def render(self, style: str, text: str, colour: pygame.Color) -> pygame.Surface:
        key = (style, text, tuple(colour))
        surface = self._cache.get(key)
        if surface is None:
            if len(self._cache) > 4000:
                _forget_older_half(self._cache)
            surface = self.font(style).render(text, True, colour)
            self._cache[key] = surface
        return surface

    def wrap(self, style: str, text: str, width: int) -> tuple[str, ...]:
        """Lines of `text` no wider than `width`; paragraphs split on newlines; long words broken."""
        key = (style, text, width)
        lines = self._wrapped.get(key)
        if lines is None:
            if len(self._wrapped) > 4000:
                _forget_older_half(self._wrapped)
            lines = self._wrapped[key] = tuple(self._wrap(style, text, width))
        return lines

    def _wrap(self, style: str, text: str, width: int) -> list[str]:
        """Lines measured from the widths of their words (each measured once, then cached), a
        whole line measured only when the sum is too close to call; every line is checked at
        the end, and a text whose estimate was wrong is wrapped again measuring every try."""
        width = max(width, 20)
        lines = self._wrap_by_words(style, text, width)
        if all(self.width(style, line) <= width for line in lines):
            return lines
        return self._wrap_exactly(style, text, width)

    def _wrap_by_words(self, style: str, text: str, width: int) -> list[str]:
        font = self.font(style)
        space = self.width(style, " ")
        lines: list[str] = []
        for paragraph in text.split("\n"):
            current, current_w, words = "", 0, 0
            for word in paragraph.split(" "):
                word_w = self.width(style, word)
                if current:
                    guess = current_w + space + word_w
                    slack = words + 2  # rounding and kerning: a pixel or so a word
                    if guess + slack <= width:
                        fits = True
                    elif guess - slack > width:
                        fits = False
                    else:
                        guess = font.size(f"{current} {word}")[0]
                        fits = guess <= width
                    if fits:
                        current, current_w, words = f"{current} {word}", guess, words + 1
                        continue
                    lines.append(current)
                current, current_w, words = word, word_w, 1
                while font.size(current)[0] > width and len(current) > 1:
                    cut = _joint(current, _longest_prefix(font, current, width))
                    lines.append(current[:cut])
                    current = current[cut:]
                    current_w = self.width(style, current)
            lines.append(current)
        return lines

    def _wrap_exactly(self, style: str, text: str, width: int) -> list[str]:
        font = self.font(style)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            words = paragraph.split(" ")
            current = ""
            for word in words:
                candidate = word if not current else f"{current} {word}"
                if font.size(candidate)[0] <= width:
                    current = candidate
                    continue
                if current:
                    lines.append(current)
                current = word
                while font.size(current)[0] > width and len(current) > 1:
                    cut = _longest_prefix(font, current, width)
                    cut = _joint(current, cut)
                    lines.append(current[:cut])
                    current = current[cut:]
            lines.append(current)
        return lines

    def fit(self, style: str, text: str, width: int) -> str:
        """`text`, shortened with an ellipsis if it is wider than `width` (for one-line labels)."""
        if self.width(style, text) <= width:
            return text
        font = self.font(style)
        cut = _longest_prefix(font, text + "\u2026", width) - 1
        return text[: max(cut, 1)].rstrip() + "\u2026"


def _forget_older_half(cache: dict[Any, Any]) -> None:
    """Drop the half of a full cache that was put in first (a dict keeps insertion order): what
    the current turn and screen use stays."""
    for key in list(itertools.islice(cache, len(cache) // 2)):
        del cache[key]


def _joint(word: str, cut: int) -> int:
    for marks in SEPARATORS:
        joint = max(word.rfind(mark, 0, cut) for mark in marks)
        if joint > 0:
            return joint + 1
    return cut


def _longest_prefix(font: pygame.font.Font, text: str, width: int) -> int:
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if font.size(text[:middle])[0] <= width:
            low = middle
        else:
            high = middle - 1
    return low
