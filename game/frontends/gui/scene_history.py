"""The history drawer: every decision so far, with what it did. H or Esc closes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.engine.session import Session
from game.frontends.gui.scene import Scene
from game.frontends.presenter import outcome_lines

if TYPE_CHECKING:
    from game.frontends.gui.app import App

KIND_COLOURS = {"reply": "muted", "change": "accent", "event": "warn", "arrival": "accent"}


class HistoryScene(Scene):
    name = "history"
    overlay = True

    def __init__(self, app: App, session: Session) -> None:
        super().__init__(app)
        self.session = session

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
        sheet.text("h1", "Decisions so far", pal.heading, x=pad, width=drawer_w - 2 * pad)
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
        self.list.set_content(body.paint(pal.panel, self.list.rect.height), body.regions)
        self.list.scroll_to(self.list.max_scroll())
        self.focus.set(self.take_button_stops())

    def paint(self, sheet, pad: int) -> None:  # type: ignore[no-untyped-def]
        pal = sheet.pal
        x, width = pad, sheet.width - 2 * pad
        label = self.session.scenario.clock.turn_label.capitalize()
        if not self.session.history:
            sheet.text("body", "No decision yet. Each move you confirm is listed here with what it did.", pal.muted, x=x, width=width)
        for number, outcome in enumerate(self.session.history, start=1):
            sheet.rule()
            sheet.space(10)
            sheet.text("caps", f"DECISION {number} \u00b7 {label.upper()} {outcome.turn}", pal.muted, x=x, width=width)
            sheet.text("body_b", outcome.move.label, pal.heading, x=x, width=width)
            sheet.space(4)
            dot = max(5, sheet.u(6))
            for kind, text in outcome_lines(self.session, outcome):
                top = sheet.y
                style = "italic" if kind == "reply" else "small"
                sheet.text(style if kind != "reply" else "small", text, pal.text, x=x + sheet.u(16), width=width - sheet.u(16))
                mid = top + sheet.fonts.line_height("small") // 2 - dot // 2
                sheet.box(pygame.Rect(x + sheet.u(2), mid, dot, dot), getattr(pal, KIND_COLOURS[kind]), radius=dot // 2)
                sheet.space(2)
            sheet.space(10)

    def close(self) -> None:
        if self.app.top is self:
            self.app.pop()

    def key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_h:
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
