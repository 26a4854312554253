"""What changed on screen since the last frame: a frame repaints and sends to the display only
those rectangles, and nothing at all when nothing changed.

Everything the window shows is the background of the bottom scene plus the pygame_gui sprites
drawn over it in layer order (`Scene.draw` paints nothing else), so a frame is described by the
background and, for every visible sprite, its image, where it is drawn and how it is blended.
Comparing that description with the last frame's gives the rectangles that changed: where a
sprite appeared, vanished, moved, or got another image. One thing cannot be seen from outside: a
widget that draws into the image it already shows (pygame_gui's text field does, for its
cursor) and assigns it again. The `GUISprite.image` setter is wrapped once, below, so such an
assignment marks the sprite as changed too.

Repainting a rectangle means filling it with the background and blitting every sprite clipped
to it, which is exactly what a full redraw leaves in that rectangle (tests/test_gui_frames.py
compares the two pixel for pixel).
"""

from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.core.layered_gui_group import GUISprite

FULL_SHARE = 0.6
"""When the changed rectangles cover more than this share of the window, one full flip is cheaper
than many small updates."""
MAX_RECTS = 8

_touched: set[int] = set()
"""ids of the blit data of sprites whose image was assigned since the last frame."""


def _watch_image_assignments() -> None:
    """Wrap pygame_gui's `GUISprite.image` setter (once) to note every assignment."""
    if getattr(GUISprite, "_assignments_watched", False):
        return
    plain: Any = GUISprite.image

    def assign(sprite: GUISprite, value: pygame.Surface | None) -> None:
        plain.fset(sprite, value)
        _touched.add(id(sprite.blit_data))

    GUISprite.image = property(plain.fget, assign, doc=plain.__doc__)  # type: ignore[method-assign,assignment]
    GUISprite._assignments_watched = True  # type: ignore[attr-defined]


_watch_image_assignments()

Entry = tuple[int, tuple[int, int, int, int], int]
"""id of the image, the rectangle it covers on screen, blend mode."""


class FrameChanges:
    """Remembers the last frame presented and works out what the next one changes."""

    def __init__(self) -> None:
        self.entries: dict[int, Entry] = {}
        self.order: list[int] = []
        self.backdrop: tuple[object, ...] | None = None
        self.stale = True
        self.presented = 0
        """Frames sent to the display (flips and partial updates); unchanged frames are not."""

    def invalidate(self) -> None:
        """The next frame is drawn and sent whole (a new window, an expose event)."""
        self.stale = True

    def changes(self, screen: pygame.Surface, backdrop: tuple[object, ...], visible: list[list[Any]]) -> list[pygame.Rect] | None:
        """The rectangles to repaint, [] when nothing changed, None when the whole window must be."""
        entries: dict[int, Entry] = {}
        order: list[int] = []
        for data in visible:
            image, rect = data[0], data[1]
            width, height = image.get_size()
            key = id(data)
            entries[key] = (id(image), (rect.x, rect.y, width, height), data[3])
            order.append(key)
        touched = set(_touched)
        _touched.clear()
        backdrop = (id(screen), screen.get_size(), *backdrop)
        old_entries, old_order = self.entries, self.order
        self.entries, self.order = entries, order
        if self.stale or backdrop != self.backdrop:
            self.stale = False
            self.backdrop = backdrop
            return None
        kept_new = [key for key in order if key in old_entries]
        kept_old = [key for key in old_order if key in entries]
        if kept_new != kept_old:  # the layers were reordered
            return None
        dirty: list[pygame.Rect] = []
        for key, entry in entries.items():
            old = old_entries.get(key)
            if old is None:
                dirty.append(pygame.Rect(entry[1]))
            elif old != entry or key in touched:
                dirty.append(pygame.Rect(entry[1]))
                if old[1] != entry[1]:
                    dirty.append(pygame.Rect(old[1]))
        dirty += [pygame.Rect(entry[1]) for key, entry in old_entries.items() if key not in entries]
        return _merge(dirty, screen.get_rect())


def _merge(rects: list[pygame.Rect], window: pygame.Rect) -> list[pygame.Rect] | None:
    """Overlapping rectangles joined, clipped to the window; None when a full flip is cheaper."""
    merged: list[pygame.Rect] = []
    for rect in rects:
        rect = rect.clip(window)
        if not rect.width or not rect.height:
            continue
        joined = True
        while joined:
            joined = False
            for other in merged:
                if other.colliderect(rect):
                    merged.remove(other)
                    rect = rect.union(other)
                    joined = True
                    break
        merged.append(rect)
    if len(merged) > MAX_RECTS:
        merged = [merged[0].unionall(merged[1:])]
    area = sum(rect.width * rect.height for rect in merged)
    if area > FULL_SHARE * window.width * window.height:
        return None
    return merged
