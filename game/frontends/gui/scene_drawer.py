"""A drawer over the right of the screen with a scrolling list: the base of the history and the
glossary. Esc, its own key or a click outside closes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.frontends.gui.scene import Host, Scene

if TYPE_CHECKING:
    from game.frontends.gui.sheet import Sheet


class DrawerScene(Scene):
    overlay = True
    shown_next_frame = True
    title = ""
    toggle_key: int | None = None
    start_at_end = False

    def __init__(self, app: Host) -> None:
        super().__init__(app)

    def build(self) -> None:
        app = self.app
        pal = app.pal
        width, height = app.size
        scrim = self.add_canvas(
            pygame.Rect(0, 0, width, height), background=pal.scrim, layer=1, blocking=True, on_click=lambda _: self.close()
        )
        scrim.set_content(pygame.Surface((1, 1), pygame.SRCALPHA), [])
        drawer_w = min(width - app.u(120), max(app.u(520), width * 2 // 5))
        x = width - drawer_w
        pad = app.u(22)
        head_h = app.fonts.line_height("h1") + app.u(30)
        header = self.add_canvas(pygame.Rect(x, 0, drawer_w, head_h), background=pal.panel, layer=2)
        sheet = self.sheet(drawer_w, 0)
        sheet.y = app.u(16)
        sheet.text("h1", self.title, pal.heading, x=pad, width=drawer_w - 2 * pad)
        header.set_content(sheet.paint(pal.panel), [])
        close = "Close  (Esc)"
        button_h = app.fonts.line_height("body_b") + app.u(14)
        self.add_button(
            pygame.Rect(width - pad - self.button_width(close), (head_h - button_h) // 2, self.button_width(close), button_h),
            close,
            self.close,
            layer=3,
        )
        self.list = self.add_canvas(pygame.Rect(x, head_h, drawer_w, height - head_h), background=pal.panel, layer=2)
        body = self.sheet(self.list.view_width, 0)
        self.paint(body, pad)
        self.list.set_content(body.picture(self.list.rect.height), body.regions)  # long: painted as shown
        if self.start_at_end:
            self.list.scroll_to(self.list.max_scroll())
        self.focus.set(self.take_button_stops())

    def paint(self, sheet: Sheet, pad: int) -> None:
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
