"""Keyboard focus: one ring of stops per scene, moved with Tab / Shift+Tab and the arrow keys.

A stop is either a stock button (shown focused through its theme's `selected` colours) or a
region of a Canvas (outlined in the theme's focus colour). Nothing is focused until the
keyboard is used, so a mouse user never sees a stray focus ring.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pygame_gui.elements import UIButton

from game.frontends.gui.canvas import Canvas


@dataclass
class Stop:
    key: str
    action: Callable[[], None]
    canvas: Canvas | None = None
    button: UIButton | None = None
    on_focus: Callable[[], None] | None = None


class FocusRing:
    def __init__(self) -> None:
        self.stops: list[Stop] = []
        self.index = -1

    def set(self, stops: list[Stop]) -> None:
        """New stops (after a rebuild); the focused key keeps its focus if it is still there."""
        key = self.current.key if self.current is not None else None
        self._show(False)
        self.stops = stops
        keys = [s.key for s in stops]
        self.index = keys.index(key) if key in keys else (-1 if self.index < 0 or not stops else 0)
        self._show(True)

    @property
    def current(self) -> Stop | None:
        return self.stops[self.index] if 0 <= self.index < len(self.stops) else None

    def move(self, step: int) -> None:
        if not self.stops:
            return
        self._show(False)
        if self.index < 0:
            self.index = 0 if step > 0 else len(self.stops) - 1
        else:
            self.index = (self.index + step) % len(self.stops)
        self._show(True)

    def focus_key(self, key: str) -> None:
        keys = [s.key for s in self.stops]
        if key in keys:
            self._show(False)
            self.index = keys.index(key)
            self._show(True)

    def activate(self) -> bool:
        stop = self.current
        if stop is None:
            return False
        stop.action()
        return True

    def _show(self, on: bool) -> None:
        stop = self.current
        if stop is None:
            return
        if stop.canvas is not None:
            stop.canvas.set_focus(stop.key if on else None)
        if on and stop.on_focus is not None:
            stop.on_focus()
        if stop.button is not None and stop.button.alive():
            if on:
                stop.button.select()
            else:
                stop.button.unselect()
