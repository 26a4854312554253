"""A modal card over the current screen: an event that just happened, or a question.

The scrim under the card takes every click, so nothing behind it can be pressed; Enter takes the
first button, Esc the last.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.frontends.gui.canvas import prepare
from game.frontends.gui.scene import NEXT_FRAME, Host, Scene, Steps
from game.frontends.gui.sheet import Sheet


class DialogScene(Scene):
    name = "dialog"
    overlay = True
    staged = True
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

    def staged_build(self) -> Steps:
        """The card laid out and composed off screen, a step at a time, then the widgets made at
        once from it; shown on the frame after that (`shown_next_frame`), so an event opens
        within a frame's budget however long its text."""
        app = self.app
        pal = app.pal
        width, height = app.size
        window = pygame.Rect(0, 0, width, height)
        # first, at the start of a frame: the scrim over the whole window is made once per size
        scrim_ready = prepare(window, pal, pygame.Surface((1, 1), pygame.SRCALPHA), [], pal.scrim)
        card_w = min(width - app.u(80), app.u(640))
        pad = app.u(28)
        button_h = app.fonts.line_height("body_b") + app.u(18)
        sheet = Sheet(app.fonts, pal, card_w, pad)
        self.paint(sheet)
        yield
        room = height - app.u(60) - button_h - pad * 2
        card_h = min(sheet.height(), room)
        total = card_h + button_h + pad
        card_rect = pygame.Rect((width - card_w) // 2, (height - total) // 2, card_w, card_h)
        backing_rect = pygame.Rect(card_rect.x, card_rect.y, card_w, total)
        card_ready = prepare(card_rect, pal, sheet.paint(pal.panel), sheet.regions, pal.panel)
        yield
        backing_ready = prepare(backing_rect, pal, self._frame(card_w, total), [], pal.panel)
        yield NEXT_FRAME  # the widgets, on a frame of their own
        self.add_canvas(window, background=pal.scrim, layer=1, blocking=True).show_prepared(scrim_ready)
        self.add_canvas(backing_rect, background=pal.panel, layer=2).show_prepared(backing_ready)
        self.card = self.add_canvas(card_rect, background=pal.panel, layer=3)
        self.card.show_prepared(card_ready)
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
