"""Small drawn indicators: a labelled meter, a ladder of rungs, a badge.

They draw on a Sheet at a given place and return the height they took, so a panel can stack
them; each can carry a tooltip region explaining the term it shows.
"""

from __future__ import annotations

import pygame

from game.frontends.gui.sheet import Sheet, tip
from game.frontends.gui.theme import Palette


def level_colour(pal: Palette, value: float, *, higher_is_better: bool) -> pygame.Color:
    if not higher_is_better:
        return pal.danger if value >= 60 else pal.warn if value >= 25 else pal.muted
    return pal.danger if value < 25 else pal.good if value >= 50 else pal.warn


def meter(
    sheet: Sheet,
    x: int,
    y: int,
    width: int,
    label: str,
    value: float,
    colour: pygame.Color,
    *,
    label_width: int,
    tooltip: str | None = None,
) -> int:
    """`label  [=====-----]  NN` on one row (label above when `label_width` is 0); returns the height."""
    fonts, pal = sheet.fonts, sheet.pal
    row = fonts.line_height("small")
    number = f"{value:.0f}"
    number_width = fonts.width("small_b", "100")
    top = y
    sheet.line_text("small", label, pal.muted, (x, y))
    if not label_width:
        y += row
    sheet.line_text("small_b", number, pal.text, (x + width - fonts.width("small_b", number), y))
    bar_x = x + label_width
    bar_w = max(width - label_width - number_width - sheet.u(10), 20)
    bar_h = max(6, sheet.u(8))
    bar_y = y + (row - bar_h) // 2
    filled = round(bar_w * max(0.0, min(value, 100.0)) / 100)
    sheet.box(pygame.Rect(bar_x, bar_y, bar_w, bar_h), pal.track, radius=bar_h // 2)
    if filled:
        sheet.box(pygame.Rect(bar_x, bar_y, max(filled, bar_h), bar_h), colour, radius=bar_h // 2)
    if tooltip:
        sheet.region(pygame.Rect(x, top, width, y + row - top), tooltip=tip(tooltip))
    return y + row - top


def ladder(
    sheet: Sheet,
    x: int,
    y: int,
    width: int,
    label: str,
    rungs: tuple[str, ...],
    current: str,
    words: dict[str, str],
    *,
    label_width: int,
    tooltip: str | None = None,
) -> int:
    """`label  o-o-o-o  word`: the rungs climbed so far filled; returns the height taken.

    With `label_width` 0 the label sits above the rungs; a word that does not fit beside the
    rungs goes on the line below them.
    """
    fonts, pal = sheet.fonts, sheet.pal
    row = fonts.line_height("small")
    top = y
    sheet.line_text("small", label, pal.muted, (x, y))
    if not label_width:
        y += row
    index = rungs.index(current) if current in rungs else 0
    radius = max(4, sheet.u(5))
    step = max(radius * 4, sheet.u(20))
    steps = len(rungs) - 1
    track_x = x + label_width + radius
    centre_y = y + row // 2
    last_x = track_x + step * (steps - 1)
    sheet.box(pygame.Rect(track_x, centre_y - 1, last_x - track_x, 2), pal.track)
    if index > 1:
        sheet.box(pygame.Rect(track_x, centre_y - 1, step * (index - 1), 2), pal.accent)
    for number in range(steps):
        cx = track_x + step * number

        def pip(surface: pygame.Surface, cx: int = cx, filled: bool = number < index, here: bool = number + 1 == index) -> None:
            size = radius + (1 if here else 0)
            pygame.draw.circle(surface, pal.accent if filled else pal.panel, (cx, centre_y), size)
            pygame.draw.circle(surface, pal.accent if filled else pal.muted, (cx, centre_y), size, 2)

        sheet.draw(pip)
    word = words.get(current, current)
    word_x = last_x + radius + sheet.u(10)
    if word_x + fonts.width("small_b", word) > x + width:
        y += row
        word_x = x + label_width
    sheet.line_text("small_b", word, pal.text, (word_x, y), max_width=x + width - word_x)
    if tooltip:
        sheet.region(pygame.Rect(x, top, width, y + row - top), tooltip=tip(tooltip))
    return y + row - top


def badge(sheet: Sheet, x: int, y: int, text: str, fill: pygame.Color, ink: pygame.Color, *, style: str = "small_b") -> pygame.Rect:
    """Text in a rounded pill; returns its rectangle."""
    pad_x, pad_y = sheet.u(8), sheet.u(3)
    width = sheet.fonts.width(style, text) + 2 * pad_x
    height = sheet.fonts.line_height(style) + 2 * pad_y
    rect = pygame.Rect(x, y, width, height)
    sheet.box(rect, fill, radius=height // 2)
    sheet.line_text(style, text, ink, (x + pad_x, y + pad_y))
    return rect
