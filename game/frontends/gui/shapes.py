"""Rounded rectangles for pygame_gui's widgets (buttons, the text field, tooltips), drawn in a
fraction of a millisecond instead of ten.

pygame_gui draws each state of a rounded widget (normal, hovered, selected, ...) at four times
its size and scales it down, which costs milliseconds a state for a wide button, and more at
large text sizes; its cache of shapes keeps only small ones. A widget redraws a state when it is
created (then one queued state a frame), when it is hovered, and its text field on every blink
of the cursor, so a screen of buttons used to take several frames of 10 to 50 ms to come up.

Here the corners alone are drawn that way, once per look (corner radii, border widths, colours),
on a tile a few pixels wide, and every widget of that look is assembled from the tile: the four
corners copied, the edges stretched (they are the same all along), the middle filled. The
result is the same shape, border and anti-aliased corners. `RoundedRectangleShape.redraw_state`
is wrapped once, by `use_tiles()` (the window calls it); a look this does not cover (a gradient, a filled bar) is drawn
by pygame_gui as before.
"""

from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.core.drawable_shapes.rounded_rect_drawable_shape import RoundedRectangleShape

AA = 4
"""The corners are drawn this many times larger, then scaled down (as pygame_gui does)."""
_TILES: dict[tuple[Any, ...], tuple[pygame.Surface, int]] = {}


def _tile(
    radii: tuple[int, ...], inner: tuple[int, ...], borders: tuple[int, int, int, int], border: pygame.Color, bg: pygame.Color
) -> tuple[pygame.Surface, int]:
    """A small picture of the shape, corners and all, and the size of its corner squares."""
    key = (radii, inner, borders, tuple(border), tuple(bg))
    found = _TILES.get(key)
    if found is not None:
        return found
    left, right, top, bottom = borders
    corner = max(*radii, 0) + max(borders) + 1
    size = 2 * corner + 1
    large = pygame.Surface((size * AA, size * AA), pygame.SRCALPHA)
    outer = large.get_rect()
    if max(borders) > 0:
        pygame.draw.rect(large, border, outer, 0, -1, *(r * AA for r in radii))
    # drawn over the border's fill: outside its rounded corners the border shows
    body = pygame.Rect(left * AA, top * AA, outer.width - (left + right) * AA, outer.height - (top + bottom) * AA)
    pygame.draw.rect(large, bg, body, 0, -1, *(r * AA for r in inner))
    tile = pygame.transform.smoothscale(large, (size, size))
    if len(_TILES) > 64:
        _TILES.clear()
    _TILES[key] = (tile, corner)
    return tile, corner


def assemble(size: tuple[int, int], tile: pygame.Surface, corner: int) -> pygame.Surface:
    """The shape at `size` from its tile: corners copied, edges and middle filled."""
    width, height = size
    out = pygame.Surface(size, pygame.SRCALPHA)
    c = min(corner, width // 2, height // 2)
    k = tile.get_width()
    mid_w, mid_h = width - 2 * c, height - 2 * c
    copy = pygame.BLEND_RGBA_MAX  # onto a clear surface: the tile's pixels as they are
    out.blit(tile, (0, 0), (0, 0, c, c), special_flags=copy)
    out.blit(tile, (width - c, 0), (k - c, 0, c, c), special_flags=copy)
    out.blit(tile, (0, height - c), (0, k - c, c, c), special_flags=copy)
    out.blit(tile, (width - c, height - c), (k - c, k - c, c, c), special_flags=copy)
    middle = k // 2
    for i in range(c):  # the straight edges: each line along them is of one colour
        if mid_w > 0:
            out.fill(tile.get_at((middle, i)), (c, i, mid_w, 1))
            out.fill(tile.get_at((middle, k - 1 - i)), (c, height - 1 - i, mid_w, 1))
        if mid_h > 0:
            out.fill(tile.get_at((i, middle)), (i, c, 1, mid_h))
            out.fill(tile.get_at((k - 1 - i, middle)), (width - 1 - i, c, 1, mid_h))
    if mid_w > 0 and mid_h > 0:
        out.fill(tile.get_at((middle, middle)), (c, c, mid_w, mid_h))
    return out


def _covered(shape: RoundedRectangleShape, state: str) -> bool:
    theming = shape.theming
    return (
        shape.containing_rect.width > 0
        and shape.containing_rect.height > 0
        and shape.base_surface is not None
        and "filled_bar" not in theming
        and "filled_bar_width_percentage" not in theming
        and isinstance(theming.get(f"{state}_bg"), pygame.Color)
        and isinstance(theming.get(f"{state}_border"), pygame.Color)
    )


def _fast_redraw_state(shape: RoundedRectangleShape, state: str, add_text: bool = True) -> None:
    """`RoundedRectangleShape.redraw_state`, the background assembled from a tile."""
    borders = shape.border_widths
    sides = (int(borders["left"]), int(borders["right"]), int(borders["top"]), int(borders["bottom"]))
    width, height = shape.click_area_shape.size  # inside the shadow, if any
    limit = min(width, height) // 2
    radii = tuple(min(max(int(r), 0), limit) for r in shape.shape_corner_radius)
    # the body's corners are scaled as pygame_gui scales them, by how much smaller the body is
    scale = min((width - sides[0] - sides[1]) / max(width, 1), (height - sides[2] - sides[3]) / max(height, 1))
    inner = tuple(max(int(r * scale), 0) for r in radii)
    tile, corner = _tile(radii, inner, sides, shape.theming[f"{state}_border"], shape.theming[f"{state}_bg"])
    assert shape.base_surface is not None  # `_covered`
    surface = shape.base_surface.copy()  # the shadow, if any
    at = (shape.shadow_width, shape.shadow_width)
    surface.blit(assemble((width, height), tile, corner), at, special_flags=pygame.BLEND_PREMULTIPLIED)
    shape.states[state].surface = surface
    cached = shape.states[state].cached_background_id
    if cached is not None:
        shape.shape_cache.remove_user_from_cache_item(cached)
        shape.states[state].cached_background_id = None
    shape.finalise_images_and_text(f"{state}_images", state, f"{state}_text", f"{state}_text_shadow", add_text)
    shape.states[state].has_fresh_surface = True
    shape.states[state].generated = True


def use_tiles() -> None:
    """Wrap pygame_gui's `RoundedRectangleShape.redraw_state` (once)."""
    if hasattr(RoundedRectangleShape, "_untiled_redraw_state"):
        return
    plain = RoundedRectangleShape.redraw_state

    def redraw_state(shape: RoundedRectangleShape, state_str: str, add_text: bool = True) -> None:
        if _covered(shape, state_str):
            _fast_redraw_state(shape, state_str, add_text)
        else:
            plain(shape, state_str, add_text)

    RoundedRectangleShape.redraw_state = redraw_state  # type: ignore[method-assign,assignment]
    RoundedRectangleShape._untiled_redraw_state = plain  # type: ignore[attr-defined]
