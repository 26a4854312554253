"""A drawer over the right of the screen with a scrolling list: the base of the history and the
glossary. Esc, its own key or a click outside closes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.frontends.gui.canvas import SCROLLBAR, prepare
from game.frontends.gui.scene import NEXT_FRAME, Host, Scene, Steps

if TYPE_CHECKING:
    from game.frontends.gui.sheet import Sheet


class DrawerScene(Scene):
    overlay = True
    staged = True
    shown_next_frame = True
    title = ""
    toggle_key: int | None = None
    start_at_end = False

    def __init__(self, app: Host) -> None:
        super().__init__(app)

    def staged_build(self) -> Steps:
        """The list laid out off screen, a few entries a step, and its visible part composed;
        then the widgets made at once from it, and shown on the next frame (`shown_next_frame`):
        the drawer opens within a frame's budget however long the list."""
        app = self.app
        pal = app.pal
        width, height = app.size
        window = pygame.Rect(0, 0, width, height)
        # first, at the start of a frame: the scrim over the whole window is made once per size
        scrim_ready = prepare(window, pal, pygame.Surface((1, 1), pygame.SRCALPHA), [], pal.scrim)
        drawer_w = min(width - app.u(120), max(app.u(520), width * 2 // 5))
        x = width - drawer_w
        pad = app.u(22)
        head_h = app.fonts.line_height("h1") + app.u(30)
        head_rect = pygame.Rect(x, 0, drawer_w, head_h)
        list_rect = pygame.Rect(x, head_h, drawer_w, height - head_h)
        sheet = self.sheet(drawer_w, 0)
        sheet.y = app.u(16)
        sheet.text("h1", self.title, pal.heading, x=pad, width=drawer_w - 2 * pad)
        head_ready = prepare(head_rect, pal, sheet.paint(pal.panel), [], pal.panel)
        yield
        body = self.sheet(list_rect.width - SCROLLBAR - 4, 0)  # a canvas's view_width
        yield from self.paint(body, pad) or ()
        # long: a picture paints only the band it shows
        list_ready = prepare(list_rect, pal, body.picture(list_rect.height), body.regions, pal.panel, at_end=self.start_at_end)
        yield NEXT_FRAME  # the widgets, on a frame of their own
        scrim = self.add_canvas(window, background=pal.scrim, layer=1, blocking=True, on_click=lambda _: self.close())
        scrim.show_prepared(scrim_ready)
        self.add_canvas(head_rect, background=pal.panel, layer=2).show_prepared(head_ready)
        close = "Close  (Esc)"
        button_h = app.fonts.line_height("body_b") + app.u(14)
        self.add_button(
            pygame.Rect(width - pad - self.button_width(close), (head_h - button_h) // 2, self.button_width(close), button_h),
            close,
            self.close,
            layer=3,
        )
        self.list = self.add_canvas(list_rect, background=pal.panel, layer=2)
        self.list.show_prepared(list_ready)
        self.focus.set(self.take_button_stops())

    def paint(self, sheet: Sheet, pad: int) -> Steps | None:
        """Lay the list out on `sheet`; a long one yields between entries (a staged build's steps)."""
        raise NotImplementedError

    def close(self) -> None:
        if self.app.top is self:
            self.app.pop()

    def key(self, event: pygame.event.Event) -> bool:
        if self.toggle_key is not None and event.key == self.toggle_key:
            self.close()
            return True
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP, pygame.K_DOWN, pygame.K_UP):
            step = self.list.rect.height * 2 // 3 if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) else 48
            self.list.scroll_by(step if event.key in (pygame.K_PAGEDOWN, pygame.K_DOWN) else -step)
            return True
        return super().key(event)

    def escape(self) -> bool:
        self.close()
        return True
