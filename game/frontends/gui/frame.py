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
compares the two pixel for pixel). Two common changes cost less still: a dialog or a drawer
opening adds sprites on top of an unchanged picture, so only they are painted, over what the
window already shows; when they go and nothing under them changed meanwhile, the picture kept
when they came is put back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass
class Plan:
    """How to bring the window up to date.

    kind: "none" (nothing changed: no drawing, no flip), "full" (draw everything, flip),
    "rects" (repaint these rectangles from the background up), "over" (the only change is new
    sprites on top of an unchanged picture: paint just those, from `first` on, over what the
    window shows), "restore" (sprites on top went away and what lies under them is unchanged:
    put back the picture kept when they came)."""

    kind: str
    rects: list[pygame.Rect] = field(default_factory=list)
    first: int = 0
    under: pygame.Surface | None = None


class FrameChanges:
    """Remembers the last frame presented and works out what the next one changes."""

    def __init__(self) -> None:
        self.entries: dict[int, Entry] = {}
        self.backdrop: tuple[object, ...] | None = None
        self.stale = True
        self.presented = 0
        """Frames sent to the display (flips and partial updates); unchanged frames are not."""
        self._buffer: pygame.Surface | None = None
        self.kept: tuple[dict[int, Entry], pygame.Surface] | None = None
        """A copy of the window with the sprites it showed: taken on the first idle frame after
        a change (or when sprites are laid on top, if none is kept), dropped as soon as one of
        those sprites changes; when the sprites laid on top go, it is put back ("restore")."""

    def _copy(self, screen: pygame.Surface) -> pygame.Surface:
        """The window's picture, copied into the one surface kept for it (allocating 3.6 MB a
        time costs more than the copy: fresh memory is faulted in page by page). There is only
        ever one kept picture, and a "restore" has put it back before the next one is taken."""
        buffer = self._buffer
        if (
            buffer is None
            or buffer.get_size() != screen.get_size()
            or buffer.get_bitsize() != screen.get_bitsize()
            or screen.get_flags() & pygame.SRCALPHA
        ):
            buffer = self._buffer = screen.copy()
        else:
            buffer.blit(screen, (0, 0))
        return buffer

    def invalidate(self) -> None:
        """The next frame is drawn and sent whole (a new window, an expose event)."""
        self.stale = True
        self.kept = None

    def plan(self, screen: pygame.Surface, backdrop: tuple[object, ...], visible: list[list[Any]], *, idle: bool = True) -> Plan:
        """`idle`: the frame has done next to nothing so far, so it may copy the window's
        picture for an overlay to come (a frame busy preparing a screen leaves that to a later
        one: the copy costs more than a millisecond, and several while a forked child shares
        the window's memory)."""
        entries: dict[int, Entry] = {}
        for data in visible:
            image, rect = data[0], data[1]
            width, height = image.get_size()
            entries[id(data)] = (id(image), (rect.x, rect.y, width, height), data[3])
        touched = set(_touched)
        _touched.clear()
        backdrop = (id(screen), screen.get_size(), *backdrop)
        old = self.entries
        self.entries = entries
        if self.kept is not None and any(key in touched or entries.get(key) != entry for key, entry in self.kept[0].items()):
            self.kept = None  # something under the sprites on top changed: the kept picture is stale
        if self.stale or backdrop != self.backdrop:
            self.stale = False
            self.backdrop = backdrop
            self.kept = None
            return Plan("full")
        if entries == old and not touched & entries.keys():
            if self.kept is None and idle:  # an idle frame keeps the picture, for an overlay to come
                self.kept = (entries, self._copy(screen))
            return Plan("none")
        window = screen.get_rect()
        keys, old_keys = list(entries), list(old)
        unchanged = all(entries.get(key) == entry and key not in touched for key, entry in old.items())
        if unchanged and keys[: len(old_keys)] == old_keys:  # only additions, all on top
            added = [pygame.Rect(entries[key][1]) for key in keys[len(old_keys) :]]
            rects = _merge(added, window)
            if rects is None:
                rects = [window]
            if self.kept is None or self.kept[0] != old:
                self.kept = (old, self._copy(screen))
            return Plan("over", rects, first=len(old_keys))
        if self.kept is not None and entries == self.kept[0] and not touched & entries.keys():
            gone = [pygame.Rect(entry[1]) for key, entry in old.items() if key not in entries]
            under = self.kept[1]
            self.kept = None
            return Plan("restore", _merge(gone, window) or [window], under=under)
        kept_new = [key for key in keys if key in old]
        kept_old = [key for key in old_keys if key in entries]
        if kept_new != kept_old:  # the layers were reordered
            return Plan("full")
        dirty: list[pygame.Rect] = []
        for key, entry in entries.items():
            before = old.get(key)
            if before is None or before != entry or key in touched:
                dirty.append(pygame.Rect(entry[1]))
            if before is not None and before[1] != entry[1]:
                dirty.append(pygame.Rect(before[1]))
        dirty += [pygame.Rect(entry[1]) for key, entry in old.items() if key not in entries]
        rects = _merge(dirty, window)
        return Plan("full") if rects is None else Plan("rects", rects)


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
