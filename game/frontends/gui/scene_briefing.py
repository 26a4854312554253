"""The briefing: the situation, the envoy's role and mandate and who gave it, the objectives,
and the parties as the public knows them. Enter begins. The page is laid out over a few frames
while the name screen stays up (`staged_build`)."""

from __future__ import annotations

import pygame

from game.frontends.gui.canvas import SCROLLBAR, prepare
from game.frontends.gui.scene import NEXT_FRAME, Scene, Steps
from game.frontends.gui.sheet import Sheet
from game.frontends.presenter import MANDATE_WORDS, SOURCE_WORDS
from game.scenario.model import precondition_text

HOW_TO_PLAY = (
    "Each turn, choose one move on the right: a kind of move, then the choice inside it, then confirm. "
    "Number keys pick, Backspace goes back, Enter confirms; Tab and the arrows move between items. "
    "H shows the history of your decisions, Esc pauses. Hover over a term to see it explained."
)


class BriefingScene(Scene):
    name = "briefing"
    staged = True

    def staged_build(self) -> Steps:
        """The page is laid out off screen a section at a time (the name screen stays up)."""
        app = self.app
        pal = app.pal
        width, height = app.size
        button_h = app.fonts.line_height("body_b") + app.u(18)
        bar_h = button_h + app.u(28)
        column = min(width - 2 * app.u(24), app.u(820))
        left = (width - column) // 2
        page = pygame.Rect(left, 0, column, height - bar_h)
        sheet = self.sheet(page.width - SCROLLBAR - 4, 0)  # a canvas's view_width
        yield from self.paint(sheet, app.u(36))
        # a long page: a picture paints only the band it shows
        ready = prepare(page, pal, sheet.picture(page.height), sheet.regions, pal.panel)
        yield NEXT_FRAME  # the widgets, on a frame of their own
        self.page = self.add_canvas(page, background=pal.panel)
        self.page.show_prepared(ready)
        bar = self.add_canvas(pygame.Rect(0, height - bar_h, width, bar_h), background=pal.bar_bg)
        hint = Sheet(app.fonts, pal, width)
        hint.line_text(
            "small", "PgUp / PgDn or the wheel to scroll", pal.bar_muted, (app.u(24), (bar_h - app.fonts.line_height("small")) // 2)
        )
        bar.set_content(hint.paint(pal.bar_bg), [])
        label = "Begin  (Enter)"
        w = self.button_width(label)
        self.add_button(
            pygame.Rect(width - app.u(24) - w, height - bar_h + (bar_h - button_h) // 2, w, button_h),
            label,
            self.begin,
            kind="primary",
            layer=2,
        )
        self.focus.set(self.take_button_stops())

    def paint(self, sheet: Sheet, pad: int) -> Steps:
        """Lay the page out, yielding between its parts (a staged build's steps)."""
        pal = sheet.pal
        assert self.app.live is not None
        s = self.app.live.session.scenario
        x, width = pad, sheet.width - 2 * pad
        sheet.y = pad

        def heading(text: str) -> None:
            sheet.space(22)
            sheet.text("caps", text, pal.accent, x=x, width=width)
            sheet.space(4)

        sheet.text("caps", "BRIEFING", pal.muted, x=x, width=width)
        sheet.text("h1", s.title, pal.heading, x=x, width=width)
        sheet.space(10)
        sheet.text("body", s.briefing, pal.text, x=x, width=width)
        yield
        heading("YOUR ROLE")
        sheet.text("body", f"You are the {s.envoy.title}, acting for {s.envoy.represents}.", pal.text, x=x, width=width)
        heading("YOUR MANDATE")
        sheet.text(
            "body_b",
            f"{MANDATE_WORDS[s.envoy.mandate].capitalize()}, given by {SOURCE_WORDS[s.envoy.mandate_source]}",
            pal.text,
            x=x,
            width=width,
        )
        sheet.text("body", s.envoy.mandate_text, pal.text, x=x, width=width)
        yield
        heading("LEARNING OBJECTIVES")
        for objective in s.objectives:
            sheet.text("body", "\u2022 " + objective, pal.text, x=x + sheet.u(4), width=width - sheet.u(4))
            yield
        heading("THE PARTIES, AS THE PUBLIC KNOWS THEM")
        for party in s.parties.values():
            sheet.space(6)
            sheet.text("h3", party.name, pal.heading, x=x, width=width)
            sheet.text(
                "small", f"Led by {party.leader}" + (f" \u00b7 {party.capital}" if party.capital else ""), pal.muted, x=x, width=width
            )
            sheet.text("body", party.public_profile, pal.text, x=x, width=width)
            for condition in party.preconditions:
                sheet.text("body", "Precondition: " + precondition_text(condition), pal.text, x=x + sheet.u(4), width=width - sheet.u(4))
            yield
        heading("HOW TO PLAY")
        sheet.text("body", HOW_TO_PLAY, pal.text, x=x, width=width)
        sheet.y += pad

    def begin(self) -> None:
        self.app.go("play")

    def key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP, pygame.K_DOWN, pygame.K_UP):
            step = self.page.rect.height * 2 // 3 if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) else 48
            self.page.scroll_by(step if event.key in (pygame.K_PAGEDOWN, pygame.K_DOWN) else -step)
            return True
        return super().key(event)

    def default_action(self) -> bool:
        self.begin()
        return True
