"""The play screen's map as a picture on its own, drawn off screen: what `good-offices map`
saves, so an instructor can check a scenario's map picture and venue positions without a
display, and what the tests measure the label placement on."""

from __future__ import annotations

import os

import pygame

from game.engine.session import Session
from game.frontends.gui.map_view import MapLayout, paint_map
from game.frontends.gui.sheet import Sheet
from game.frontends.gui.text import Fonts
from game.frontends.gui.theme import palette
from game.scenario.loader import LoadedScenario


def start_offscreen() -> None:
    """Pygame with the dummy video driver: no window, no display needed."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pygame.display.init()
    pygame.font.init()
    if pygame.display.get_surface() is None:
        pygame.display.set_mode((1, 1))


def map_picture(
    loaded: LoadedScenario, size: tuple[int, int], *, text_size: int = 100, high_contrast: bool = False
) -> tuple[pygame.Surface, MapLayout]:
    """The map as the play screen draws it at the start of a session (pygame must be started)."""
    fonts = Fonts(text_size / 100)
    pal = palette(high_contrast)
    session = Session(loaded, seed=0)
    sheet = Sheet(fonts, pal, size[0])
    layout = paint_map(sheet, session, size[1])
    return sheet.paint(pal.bg, size[1]), layout
