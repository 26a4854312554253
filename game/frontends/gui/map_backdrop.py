"""A scenario's own map picture (`map_image`), drawn behind the schematic map.

The file comes with an untrusted scenario, so it is checked before it is decoded (a size and
pixel limit, the validator's guarantee that it lies inside the scenario's folder), and any
failure to read it simply leaves the drawn map without a picture.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pygame

from game.scenario.loader import LoadedScenario

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 4096 * 4096


def backdrop_path(loaded: LoadedScenario) -> Path | None:
    image = loaded.scenario.map_image
    if image is None or loaded.folder is None:
        return None
    path = (loaded.folder / image).resolve()
    return path if path.is_relative_to(loaded.folder.resolve()) and path.is_file() else None


def backdrop(loaded: LoadedScenario, size: tuple[int, int]) -> pygame.Surface | None:
    """The picture scaled to cover `size` (cropped, never stretched), or None."""
    path = backdrop_path(loaded)
    if path is None or size[0] <= 0 or size[1] <= 0:
        return None
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        return None
    return _scaled(str(path), stamp, size)


@lru_cache(maxsize=8)
def _scaled(path: str, stamp: int, size: tuple[int, int]) -> pygame.Surface | None:
    picture = _read(path, stamp)
    if picture is None:
        return None
    width, height = picture.get_size()
    scale = max(size[0] / width, size[1] / height)
    scaled = pygame.transform.smoothscale(picture, (max(1, round(width * scale)), max(1, round(height * scale))))
    crop = pygame.Rect(0, 0, *size)
    crop.center = scaled.get_rect().center
    return scaled.subsurface(crop.clip(scaled.get_rect())).copy()


@lru_cache(maxsize=4)
def _read(path: str, stamp: int) -> pygame.Surface | None:
    del stamp  # part of the cache key: a changed file is read again
    try:
        if os.path.getsize(path) > MAX_BYTES:
            return None
        picture = pygame.image.load(path)
    except (pygame.error, OSError, ValueError, MemoryError):
        return None
    width, height = picture.get_size()
    if width * height > MAX_PIXELS or width == 0 or height == 0:
        return None
    return picture.convert() if pygame.display.get_surface() is not None else picture
