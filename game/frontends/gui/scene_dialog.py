"""A modal card over the current screen: an event that just happened, or a question.

The scrim under the card takes every click, so nothing behind it can be pressed; Enter takes the
first button, Esc the last.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.frontends.gui.scene import Host, Scene
from game.frontends.gui.sheet import Sheet


class DialogScene(Scene):
    name = "dialog"
    overlay = True
    shown_next_frame = True

    def __init__(
        self, app: Host, kicker: str, title: str, body: str, buttons: list[tuple[str, Callable[[], None]]], *, name: str = "dialog"
    ) -> None:
        super().__init__(app)
        self.name = name
        self.kicker = kicker
        self.title = title
        self.body = body
        self.buttons = buttons

    def build(self) -> None:
        app = self.app
        width, height = app.size
        self.add_canvas(pygame.Rect(0, 0, width, height), background=app.pal.scrim, layer=1, blocking=True)
        card_w = min(width - app.u(80), app.u(640))
        pad = app.u(28)
        button_h = app.fonts.line_height("body_b") + app.u(18)
        sheet = Sheet(app.fonts, app.pal, card_w, pad)
        self.paint(sheet)
        room = height - app.u(60) - button_h - pad * 2
        card_h = min(sheet.height(), room)
        total = card_h + button_h + pad
        card_rect = pygame.Rect((width - card_w) // 2, (height - total) // 2, card_w, card_h)
        backing = self.add_canvas(pygame.Rect(card_rect.x, card_rect.y, card_w, total), background=app.pal.panel, layer=2)
        backing.set_content(self._frame(card_w, total), [])
        self.card = self.add_canvas(card_rect, background=app.pal.panel, layer=3)
        self.card.set_content(sheet.paint(app.pal.panel), sheet.regions)
        x = card_rect.right - pad
        for label, action in reversed(self.buttons):
            w = self.button_width(label)
            x -= w
            rect = pygame.Rect(x, card_rect.bottom, w, button_h)
            self.add_button(rect, label, self._closing(action), kind="primary" if label == self.buttons[0][0] else None, layer=4)
            x -= app.u(10)
        stops = self.take_button_stops()
        stops.reverse()
        self.focus.set(stops)

    def _frame(self, width: int, height: int) -> pygame.Surface:
        surface = pygame.Surface((width, height), pygame.SRCALPHA)
        surface.fill(self.app.pal.panel)
        pygame.draw.rect(surface, self.app.pal.border, surface.get_rect(), 1, border_radius=4)
        pygame.draw.rect(surface, self.app.pal.accent, (0, 0, width, max(4, self.app.u(5))))
        return surface

    def paint(self, sheet: Sheet) -> None:
        pal = sheet.pal
        sheet.space(6)
        if self.kicker:
            sheet.text("caps", self.kicker, pal.accent)
            sheet.space(4)
        sheet.text("h1", self.title, pal.heading)
        sheet.space(10)
        sheet.text("body", self.body, pal.text)

    def _closing(self, action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            if self.app.scenes and self.app.top is self:
                self.app.pop()
            action()

        return run

    def key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.card.scroll_by(self.card.rect.height // 2 * (1 if event.key == pygame.K_PAGEDOWN else -1))
            return True
        return super().key(event)

    def default_action(self) -> bool:
        self._closing(self.buttons[0][1])()
        return True

    def escape(self) -> bool:
        self._closing(self.buttons[-1][1])()
        return True
