"""Canvas: a pygame_gui element that shows a painted Sheet, scrolls it, and reports clicks.

It follows pygame_gui's contract (process_event / update / drawn by the manager), so it
layers, hovers and consumes clicks like any stock widget. Its image is recomposed only when the
content, the scroll position, the hovered region or the keyboard focus changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame
from pygame_gui.core import UIElement
from pygame_gui.core.interfaces import IUIManagerInterface

from game.frontends.gui.sheet import Picture, Region
from game.frontends.gui.theme import Palette

SCROLLBAR = 6


_PLAIN: dict[tuple[tuple[int, int], tuple[int, ...]], pygame.Surface] = {}


def _plain(size: tuple[int, int], colour: tuple[int, ...]) -> pygame.Surface:
    """A surface of one colour (a scrim, a stripe), made once per size and colour."""
    key = (size, colour)
    if key not in _PLAIN:
        if len(_PLAIN) > 32:
            _PLAIN.clear()
        surface = pygame.Surface(size, pygame.SRCALPHA)
        surface.fill(pygame.Color(colour).premul_alpha())  # as `premul_alpha()` would make it, in one pass
        _PLAIN[key] = surface
    return _PLAIN[key]


@dataclass(frozen=True)
class Prepared:
    """Content composed off screen for a canvas that does not exist yet (`prepare`)."""

    size: tuple[int, int]
    background: pygame.Color | None
    content: pygame.Surface | Picture
    regions: list[Region]
    image: pygame.Surface
    scroll: int = 0


def prepare(
    rect: pygame.Rect,
    pal: Palette,
    content: pygame.Surface | Picture,
    regions: list[Region],
    background: pygame.Color | None = None,
    *,
    at_end: bool = False,
) -> Prepared:
    """What a canvas of `rect` would show of `content`, unscrolled (or scrolled to its end),
    nothing hovered or focused: a staged build composes its panels with this, a step each,
    before making the canvases."""
    size = (max(rect.width, 1), max(rect.height, 1))
    scroll = max(0, content.get_height() - size[1]) if at_end else 0
    return Prepared(size, background, content, regions, compose(size, pal, background, content, regions, scroll, None, None), scroll)


def compose(
    size: tuple[int, int],
    pal: Palette,
    background: pygame.Color | None,
    content: pygame.Surface | Picture,
    regions: list[Region],
    scroll: int,
    hover_key: str | None,
    focus_key: str | None,
) -> pygame.Surface:
    """A canvas's image: its background, the visible band of its content, the hover and focus
    rings, the scroll bar."""
    if not regions and content.get_height() <= 1 and background is not None:
        return _plain(size, tuple(background))
    image = pygame.Surface(size, pygame.SRCALPHA)
    if background is not None:
        image.fill(background)
    if isinstance(content, Picture):
        content.paint_onto(image, scroll)
    else:
        image.blit(content, (0, -scroll))
    hover = next((r for r in regions if r.key == hover_key), None) if hover_key is not None else None
    if hover is not None and hover_key != focus_key:
        pygame.draw.rect(image, pal.accent, hover.rect.move(0, -scroll), 1, border_radius=6)
    focus = next((r for r in regions if r.key == focus_key), None) if focus_key is not None else None
    if focus is not None:
        pygame.draw.rect(image, pal.focus, focus.rect.move(0, -scroll).inflate(4, 4), 3, border_radius=10)
    if content.get_height() > size[1]:
        _draw_scrollbar(image, pal, content.get_height(), scroll)
    image.premul_alpha_ip()
    return image


def _draw_scrollbar(image: pygame.Surface, pal: Palette, total: int, scroll: int) -> None:
    width, height = image.get_size()
    track = pygame.Rect(width - SCROLLBAR - 2, 2, SCROLLBAR, height - 4)
    pygame.draw.rect(image, pal.track, track, border_radius=SCROLLBAR // 2)
    thumb_h = max(24, round(track.height * height / total))
    thumb_y = track.y + round((track.height - thumb_h) * scroll / max(total - height, 1))
    pygame.draw.rect(image, pal.muted, (track.x, thumb_y, SCROLLBAR, thumb_h), border_radius=SCROLLBAR // 2)


class Canvas(UIElement):
    def __init__(
        self,
        rect: pygame.Rect,
        manager: IUIManagerInterface,
        pal: Palette,
        *,
        background: pygame.Color | None = None,
        layer: int = 1,
        on_click: Callable[[str], None] | None = None,
        blocking: bool = False,
        tooltip_width: int | None = None,
    ) -> None:
        super().__init__(pygame.Rect(rect), manager, None, starting_height=layer, layer_thickness=1, element_id=["canvas"])
        self.pal = pal
        self.background = background
        self.on_click = on_click
        self.blocking = blocking
        self.tooltip_width = tooltip_width
        self.content: pygame.Surface | Picture = pygame.Surface((1, 1), pygame.SRCALPHA)
        self.regions: list[Region] = []
        self.scroll = 0
        self.focus_key: str | None = None
        self.hover_key: str | None = None
        self._tip_region: Region | None = None
        self._tip_time = 0.0
        self._drag: int | None = None
        self._dirty = True
        self._set_image(pygame.Surface((1, 1), pygame.SRCALPHA))

    # -- content -------------------------------------------------------------------------------
    def set_content(self, content: pygame.Surface | Picture, regions: list[Region], *, keep_scroll: bool = True) -> None:
        self.content = content
        self.regions = regions
        if not keep_scroll:
            self.scroll = 0
        self.scroll = self._clamped(self.scroll)
        self._kill_tip()
        self._dirty = True

    def place(self, rect: pygame.Rect) -> None:
        """Move and resize (the owner paints new content for the new width afterwards)."""
        self.set_relative_position(rect.topleft)
        self.set_dimensions(rect.size)
        self._dirty = True

    @property
    def view_width(self) -> int:
        """The width content should be painted at, leaving room for the scroll bar."""
        return self.rect.width - SCROLLBAR - 4

    def max_scroll(self) -> int:
        return max(0, self.content.get_height() - self.rect.height)

    def scroll_by(self, pixels: int) -> None:
        new = self._clamped(self.scroll + pixels)
        if new != self.scroll:
            self.scroll = new
            self._kill_tip()
            self._dirty = True

    def scroll_to(self, pixels: int) -> None:
        self.scroll_by(pixels - self.scroll)

    def set_focus(self, key: str | None) -> None:
        if key != self.focus_key:
            self.focus_key = key
            self._dirty = True
            region = self.region_of(key)
            if region is not None:
                self.reveal(region.rect)

    def reveal(self, rect: pygame.Rect) -> None:
        margin = 8
        if rect.top - margin < self.scroll:
            self.scroll_to(rect.top - margin)
        elif rect.bottom + margin > self.scroll + self.rect.height:
            self.scroll_to(rect.bottom + margin - self.rect.height)

    def region_of(self, key: str | None) -> Region | None:
        if key is None:
            return None
        return next((r for r in self.regions if r.key == key), None)

    def action_keys(self) -> list[str]:
        return [r.key for r in self.regions if r.key is not None]

    # -- pygame_gui contract ---------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL and self.hovered and self.max_scroll():
            self.scroll_by(-event.y * 48)
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self._drag is not None:
            self._drag = None
            return True
        if event.type == pygame.MOUSEMOTION and self._drag is not None:
            self._drag_to(event.pos[1])
            return True
        if event.type != pygame.MOUSEBUTTONDOWN or event.button not in (1, 3):
            return False
        if not self.rect.collidepoint(event.pos):
            return False
        local = (event.pos[0] - self.rect.x, event.pos[1] - self.rect.y + self.scroll)
        if self.max_scroll() and event.pos[0] >= self.rect.right - SCROLLBAR - 6:
            self._drag = event.pos[1]
            self._drag_to(event.pos[1])
            return True
        for region in reversed(self.regions):
            if region.key is not None and region.rect.collidepoint(local) and event.button == 1:
                if self.on_click is not None:
                    self.on_click(region.key)
                return True
        if self.blocking and self.on_click is not None and event.button == 1:
            self.on_click("")
        return self.blocking or self.background is not None

    def while_hovering(self, time_delta: float, mouse_pos: pygame.math.Vector2 | tuple[float, float]) -> None:
        local = (int(mouse_pos[0]) - self.rect.x, int(mouse_pos[1]) - self.rect.y + self.scroll)
        under = None
        for region in reversed(self.regions):
            if region.rect.collidepoint(local) and (region.key is not None or region.tooltip):
                under = region
                break
        hover_key = under.key if under is not None else None
        if hover_key != self.hover_key:
            self.hover_key = hover_key
            self._dirty = True
        if under is not self._tip_region:
            self._kill_tip()
            self._tip_region = under
            self._tip_time = 0.0
        elif under is not None and under.tooltip and self.tool_tip is None:
            self._tip_time += time_delta
            if self._tip_time > 0.5:
                top = self.rect.y + under.rect.y - self.scroll
                self.tool_tip = self.ui_manager.create_tool_tip(
                    text=under.tooltip,
                    position=(int(mouse_pos[0]), top + under.rect.height // 2),
                    hover_distance=(0, under.rect.height // 2 + 4),
                    parent_element=self,
                    object_id=None,
                    wrap_width=self.tooltip_width,
                )

    def on_unhovered(self) -> None:
        self._kill_tip()
        self._tip_region = None
        if self.hover_key is not None:
            self.hover_key = None
            self._dirty = True

    def update(self, time_delta: float) -> None:
        super().update(time_delta)
        if self._dirty:
            self._compose()

    def kill(self) -> None:
        self._kill_tip()
        super().kill()

    def hide(self) -> None:
        """A hidden canvas is no longer hovered, so nothing else would take its tooltip away."""
        self.on_unhovered()
        super().hide()

    # -- drawing ---------------------------------------------------------------------------------
    def _compose(self) -> None:
        self._dirty = False
        self._show_image(self._image_for(self.content, self.regions, self.scroll))

    def stage(self, content: pygame.Surface | Picture, regions: list[Region], *, keep_scroll: bool = True) -> Callable[[], None]:
        """Compose new content now, off screen; the call returned shows it, cheaply, on a later
        frame (a turn's panels are prepared one a frame and shown together)."""
        scroll = max(0, min(self.scroll if keep_scroll else 0, content.get_height() - self.rect.height))
        looks = (self.hover_key, self.focus_key, self.rect.size)
        image = self._image_for(content, regions, scroll)

        def show() -> None:
            self.content, self.regions, self.scroll = content, regions, scroll
            self._kill_tip()
            if (self.hover_key, self.focus_key, self.rect.size) == looks:
                self._dirty = False
                self._show_image(image)
            else:  # hovered or focused elsewhere meanwhile: compose again
                self._dirty = True

        return show

    def _show_image(self, image: pygame.Surface) -> None:
        """pygame_gui's `_set_image` copies the surface; a canvas's image is its own (or a shared
        plain one nobody draws on), so it is shown as it is, unless the element is clipped."""
        if self.get_image_clipping_rect() is None:
            self.image = image
            self._pre_clipped_image = None
        else:
            self._set_image(image)

    def _image_for(self, content: pygame.Surface | Picture, regions: list[Region], scroll: int) -> pygame.Surface:
        size = (max(self.rect.width, 1), max(self.rect.height, 1))
        return compose(size, self.pal, self.background, content, regions, scroll, self.hover_key, self.focus_key)

    def show_prepared(self, prepared: Prepared) -> None:
        """Show content composed off screen (`prepare`) as it is, unless this canvas's size,
        hover or focus asks for another picture (then it is composed again)."""
        self.content, self.regions, self.scroll = prepared.content, prepared.regions, prepared.scroll
        self._kill_tip()
        if prepared.size == self.rect.size and self.hover_key is None and self.focus_key is None and prepared.background == self.background:
            self._dirty = False
            self._show_image(prepared.image)
        else:
            self._dirty = True

    def _drag_to(self, screen_y: int) -> None:
        fraction = (screen_y - self.rect.y) / max(self.rect.height, 1)
        self.scroll_to(round(fraction * self.max_scroll()))

    def _clamped(self, value: int) -> int:
        return max(0, min(value, self.max_scroll()))

    def _kill_tip(self) -> None:
        if self.tool_tip is not None:
            self.tool_tip.kill()
            self.tool_tip = None
