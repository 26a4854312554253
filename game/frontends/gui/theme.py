"""Themes: pygame_gui theme JSON from the assets folder (`game.resources`), scaled to the chosen text size.

The same file carries a `palette` block of named colours that the custom-drawn widgets (meters,
ladders, the map) read, so a theme changes every pixel of the window, not only the stock widgets.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import pygame

from game.resources import asset

THEME_FILES = {False: "theme_calm.json", True: "theme_contrast.json"}


@cache
def _raw_theme(name: str) -> dict[str, Any]:
    text = asset(name).read_text(encoding="utf-8")
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


def _font_files_as_paths(font: dict[str, Any]) -> None:
    """The theme files name their fonts as resources of `game.assets`, which exists only once
    the game is installed; give pygame_gui each file's path in the assets folder instead, found
    by `game.resources` installed or not (a package it cannot import hangs its loader threads)."""
    for key in [key for key in font if key.endswith("_resource")]:
        resource = font[key]
        if isinstance(resource, dict) and resource.get("package") == "game.assets":
            del font[key]
            font[key.removesuffix("_resource") + "_path"] = str(asset(resource["resource"]))


def theme_data(high_contrast: bool, text_scale: float) -> dict[str, Any]:
    """The theme as pygame_gui reads it, every font size multiplied by `text_scale`."""
    data = copy.deepcopy(_raw_theme(THEME_FILES[high_contrast]))
    for block in data.values():
        if not isinstance(block, dict):
            continue
        font = block.get("font")
        if isinstance(font, dict):
            _font_files_as_paths(font)
            if "size" in font:
                font["size"] = str(round(int(font["size"]) * text_scale))
        misc = block.get("misc")
        if isinstance(misc, dict):
            if "title_bar_height" in misc:
                misc["title_bar_height"] = str(round(int(misc["title_bar_height"]) * text_scale))
            if "rect_width" in misc and misc["rect_width"] != "-1":
                misc["rect_width"] = str(round(int(misc["rect_width"]) * min(text_scale, 1.6)))
    return data


@dataclass(frozen=True)
class Palette:
    """Named colours of the current theme, for the widgets drawn by hand."""

    colours: dict[str, pygame.Color]
    high_contrast: bool

    def __getattr__(self, name: str) -> pygame.Color:
        try:
            return self.colours[name]
        except KeyError:
            raise AttributeError(name) from None

    def mix(self, a: str, b: str, amount: float) -> pygame.Color:
        """A colour between two palette entries (0 gives `a`, 1 gives `b`)."""
        return self.colours[a].lerp(self.colours[b], max(0.0, min(1.0, amount)))


def grade_colour(pal: Palette, grade: str) -> pygame.Color:
    return {"success": pal.good, "partial": pal.accent, "stalemate": pal.warn, "failure": pal.danger}.get(grade, pal.accent)


def palette(high_contrast: bool) -> Palette:
    raw = _raw_theme(THEME_FILES[high_contrast])["palette"]["colours"]
    return Palette({name: pygame.Color(value) for name, value in raw.items()}, high_contrast)
