"""The ending: how the crisis ended, in the scenario's words, and where the parties stand."""

from __future__ import annotations

import pygame

from game.frontends.gui.canvas import prepare
from game.frontends.gui.scene import NEXT_FRAME, Host, Scene, Steps
from game.frontends.gui.theme import grade_colour
from game.frontends.presenter import grade_words, party_views


class EndingScene(Scene):
    name = "ending"
    staged = True

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        assert app.live is not None
        self.session = app.live.session
        self.log_path = app.live.log_path
        app.close_session()

    def staged_build(self) -> Steps:
        """The card is laid out off screen first (the last screen of play stays up meanwhile)."""
        app = self.app
        pal = app.pal
        width, height = app.size
        ending = self.session.ending
        assert ending is not None
        pad = app.u(36)
        button_h = app.fonts.line_height("body_b") + app.u(18)
        card_w = min(width - app.u(48), app.u(760))
        stripe = max(4, app.u(6))
        sheet = self.sheet(card_w - 10, 0)
        self.paint(sheet, pad)
        yield
        room = height - 2 * app.u(24) - button_h - app.u(16) - stripe
        card_h = min(sheet.height(), room)
        top = (height - card_h - stripe - button_h - app.u(16)) // 2
        card = pygame.Rect((width - card_w) // 2, top + stripe, card_w, card_h)
        ready = prepare(card, pal, sheet.paint(pal.panel, card_h), [], pal.panel)
        yield NEXT_FRAME  # the widgets, on a frame of their own
        self.add_canvas(pygame.Rect((width - card_w) // 2, top, card_w, stripe), background=grade_colour(pal, ending.grade))
        self.add_canvas(card, background=pal.panel).show_prepared(ready)
        x = card.right
        for label, action, kind in (
            ("See the debrief  (Enter)", self.debrief, "primary"),
            ("Return to the title screen", self.to_title, None),
        ):
            bw = self.button_width(label)
            x -= bw
            self.add_button(pygame.Rect(x, card.bottom + app.u(16), bw, button_h), label, action, kind=kind)
            x -= app.u(10)
        self.focus.set(self.take_button_stops())

    def paint(self, sheet, pad: int) -> None:  # type: ignore[no-untyped-def]
        pal = sheet.pal
        ending = self.session.ending
        assert ending is not None
        x, w = pad, sheet.width - 2 * pad
        sheet.y = pad
        colour = grade_colour(pal, ending.grade)
        sheet.text("caps", "THE END \u00b7 " + grade_words(ending.grade).upper(), colour, x=x, width=w)
        sheet.text("h1", ending.title, pal.heading, x=x, width=w)
        sheet.space(10)
        sheet.text("body", ending.outcome, pal.text, x=x, width=w)
        sheet.space(20)
        state = self.session.state
        stats = [
            ("DECISIONS", str(len(self.session.history))),
            ("MEETINGS HELD", str(state.meetings)),
            ("FINAL ESCALATION", f"{state.escalation:.0f}/100"),
        ]
        column = max(w // len(stats), 1)
        top = bottom = sheet.y
        for index, (label, value) in enumerate(stats):
            r1 = sheet.text("caps", label, pal.muted, x=x + index * column, width=column - sheet.u(8), y=top)
            r2 = sheet.text("number", value, pal.heading, x=x + index * column, width=column - sheet.u(8), y=r1.bottom)
            bottom = max(bottom, r2.bottom)
        sheet.y = bottom + sheet.u(18)
        sheet.text("caps", "WHERE THE PARTIES STAND", pal.muted, x=x, width=w)
        for view in party_views(self.session):
            sheet.text("body", f"{view.name}: trust {view.trust:.0f}, consent: {view.consent}", pal.text, x=x, width=w)
        sheet.space(18)
        sheet.text("small", f"Session log: {self.log_path}", pal.muted, x=x, width=w)
        sheet.y += pad

    def debrief(self) -> None:
        self.app.go("debrief", session=self.session, log_path=self.log_path)

    def to_title(self) -> None:
        self.app.go("title")

    def default_action(self) -> bool:
        self.debrief()
        return True
