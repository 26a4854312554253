"""The history drawer: every decision so far, with what it did. H or Esc closes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.engine.session import Session
from game.frontends.gui.scene import Host, Steps
from game.frontends.gui.scene_drawer import DrawerScene
from game.frontends.presenter import outcome_lines

if TYPE_CHECKING:
    from game.frontends.gui.sheet import Sheet

KIND_COLOURS = {"reply": "muted", "change": "accent", "event": "warn", "arrival": "accent"}


class HistoryScene(DrawerScene):
    name = "history"
    title = "Decisions so far"
    toggle_key = pygame.K_h
    start_at_end = True

    def __init__(self, app: Host, session: Session) -> None:
        super().__init__(app)
        self.session = session

    def paint(self, sheet: Sheet, pad: int) -> Steps:
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
                sheet.text("small", text, pal.text, x=x + sheet.u(16), width=width - sheet.u(16))
                mid = top + sheet.fonts.line_height("small") // 2 - dot // 2
                sheet.box(pygame.Rect(x + sheet.u(2), mid, dot, dot), getattr(pal, KIND_COLOURS[kind]), radius=dot // 2)
                sheet.space(2)
            sheet.space(10)
            yield
