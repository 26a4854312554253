"""A Sheet lays content out top to bottom at a fixed width, then paints it on one surface.

Widgets describe what they show on a Sheet (wrapped text, boxes, bars, regions that can be
clicked or hovered for a tooltip); the Canvas element shows the painted sheet and scrolls it.
Text is measured as it is added, so the height is known before anything is painted, and the
whole sheet is painted once per change, never per frame.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Generator
from dataclasses import dataclass

import pygame

from game.frontends.gui.text import Fonts
from game.frontends.gui.theme import Palette

Painter = Callable[[pygame.Surface], None]
PAINT_STEP = 40
"""Operations (a line of text, a box) painted in one step of `Sheet.paint_steps`."""


@dataclass(frozen=True)
class Region:
    """A part of a sheet: clickable when it has a key, explained when it has a tooltip."""

    rect: pygame.Rect
    key: str | None = None
    tooltip: str | None = None


class Sheet:
    def __init__(self, fonts: Fonts, pal: Palette, width: int, pad: int = 0) -> None:
        self.fonts = fonts
        self.pal = pal
        self.width = width
        self.pad = pad
        self.y = pad
        self.regions: list[Region] = []
        self._ops: list[tuple[int, object, object]] = []

    # -- measuring -----------------------------------------------------------------------------
    @property
    def inner(self) -> int:
        return self.width - 2 * self.pad

    def u(self, value: float) -> int:
        """A spacing in pixels that grows with the text size."""
        return round(value * self.fonts.space)

    def mark(self) -> int:
        """A point in the paint order, to put a background under what follows."""
        return len(self._ops)

    # -- adding --------------------------------------------------------------------------------
    def text(
        self,
        style: str,
        text: str,
        colour: pygame.Color | None = None,
        *,
        x: int | None = None,
        width: int | None = None,
        align: str = "left",
        advance: bool = True,
        y: int | None = None,
    ) -> pygame.Rect:
        """Wrapped text at the cursor (or at `y`); returns the rectangle it takes."""
        colour = colour or self.pal.text
        left = self.pad if x is None else x
        room = width if width is not None else self.width - self.pad - left
        top = self.y if y is None else y
        line_height = self.fonts.line_height(style)
        cursor = top
        for line in self.fonts.wrap(style, text, room):
            surface = self.fonts.render(style, line, colour)
            if align == "right":
                at = left + room - surface.get_width()
            elif align == "center":
                at = left + (room - surface.get_width()) // 2
            else:
                at = left
            self._ops.append((0, surface, (at, cursor)))
            cursor += line_height
        if advance and y is None:
            self.y = cursor
        return pygame.Rect(left, top, room, cursor - top)

    def line_text(self, style: str, text: str, colour: pygame.Color, pos: tuple[int, int], *, max_width: int | None = None) -> pygame.Rect:
        """One unwrapped line at a fixed position (shortened with an ellipsis past `max_width`)."""
        if max_width is not None:
            text = self.fonts.fit(style, text, max_width)
        surface = self.fonts.render(style, text, colour)
        self._ops.append((0, surface, pos))
        return pygame.Rect(pos, surface.get_size())

    def space(self, pixels: float) -> None:
        self.y += self.u(pixels)

    def box(self, rect: pygame.Rect, colour: pygame.Color, *, radius: int = 0, border: int = 0, at: int | None = None) -> None:
        """A filled (or outlined, with `border`) rectangle; `at` puts it under earlier content."""
        op = (1, (pygame.Rect(rect), colour), (radius, border))
        if at is None:
            self._ops.append(op)
        else:
            self._ops.insert(at, op)

    def draw(self, painter: Painter, *, at: int | None = None) -> None:
        op = (2, painter, None)
        if at is None:
            self._ops.append(op)
        else:
            self._ops.insert(at, op)

    def region(self, rect: pygame.Rect, key: str | None = None, tooltip: str | None = None) -> None:
        self.regions.append(Region(pygame.Rect(rect), key, tooltip))

    def rule(self, colour: pygame.Color | None = None) -> None:
        self.box(pygame.Rect(self.pad, self.y, self.inner, max(1, self.u(1))), colour or self.pal.border)
        self.y += max(1, self.u(1))

    # -- painting ------------------------------------------------------------------------------
    def height(self) -> int:
        return self.y + self.pad

    def paint(self, background: pygame.Color | None, min_height: int = 0) -> pygame.Surface:
        surface = pygame.Surface((max(self.width, 1), max(self.height(), min_height, 1)), pygame.SRCALPHA)
        if background is not None:
            surface.fill(background)
        self._paint_ops(surface, self._ops)
        return surface

    def paint_steps(self, background: pygame.Color | None, min_height: int = 0) -> Generator[None, None, pygame.Surface]:
        """`paint()` in steps of `PAINT_STEP` operations (a staged build's steps); returns the
        surface as the generator's value."""
        surface = pygame.Surface((max(self.width, 1), max(self.height(), min_height, 1)), pygame.SRCALPHA)
        if background is not None:
            surface.fill(background)
        for start in range(0, len(self._ops), PAINT_STEP):
            yield
            self._paint_ops(surface, self._ops[start : start + PAINT_STEP])
        return surface

    def picture(self, min_height: int = 0) -> Picture:
        """The sheet as content a canvas paints only the visible part of, each time it is
        composed: for a long list (the history) that is far cheaper than painting it whole.
        Its canvas must have an opaque background (the sheet is painted straight onto it)."""
        if any(kind == 2 for kind, _, _ in self._ops):
            raise ValueError("a sheet with painters is painted whole (their extent is unknown)")
        return Picture(self, max(self.height(), min_height, 1))

    @staticmethod
    def _paint_ops(surface: pygame.Surface, ops: list[tuple[int, object, object]], dy: int = 0) -> None:
        blits = []
        for kind, a, b in ops:
            if kind == 0:
                blits.append((a, (b[0], b[1] + dy) if dy else b))  # type: ignore[index]
                continue
            if blits:
                surface.blits(blits)  # type: ignore[arg-type]
                blits = []
            if kind == 1:
                rect, colour = a  # type: ignore[misc]
                radius, border = b  # type: ignore[misc]
                pygame.draw.rect(surface, colour, rect.move(0, dy), border, border_radius=radius)  # type: ignore[has-type]
            else:
                a(surface)  # type: ignore[operator]
        if blits:
            surface.blits(blits)  # type: ignore[arg-type]


class Picture:
    """A laid-out sheet that paints any horizontal band of itself on demand (see `Sheet.picture`)."""

    def __init__(self, sheet: Sheet, height: int) -> None:
        self.width = max(sheet.width, 1)
        self.height = height
        self._ops: list[tuple[int, int, tuple[int, object, object]]] = []
        for op in sheet._ops:
            kind, a, b = op
            if kind == 0:
                top = b[1]  # type: ignore[index]
                bottom = top + a.get_height()  # type: ignore[attr-defined]
            else:
                rect = a[0]  # type: ignore[index]
                top, bottom = rect.top, rect.bottom
            self._ops.append((top, bottom, op))

    def get_height(self) -> int:
        return self.height

    def get_width(self) -> int:
        return self.width

    def paint_onto(self, surface: pygame.Surface, scroll: int) -> None:
        """Paint the band that starts `scroll` pixels down at the top of `surface`."""
        bottom = scroll + surface.get_height()
        shown = [op for top, end, op in self._ops if end > scroll and top < bottom]
        Sheet._paint_ops(surface, shown, -scroll)


def tip(text: str) -> str:
    """Plain text made safe for a pygame_gui tooltip (which reads a small HTML subset)."""
    return html.escape(text, quote=False).replace("\n", "<br>")
