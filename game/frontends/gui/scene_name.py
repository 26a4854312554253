"""Who is playing: the trainee's name (remembered), written in the log and on the debrief.

While the name is typed, an idle frame compiles the scenario's machines (`machines_for` keeps
them), so the frame of Enter only opens the log and the session."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game.engine.machines import machines_for
from game.frontends.gui.begin import begin_new
from game.frontends.gui.catalog import CatalogEntry
from game.frontends.gui.scene import Host, Scene

COMPILE_ON_FRAME = 6


class NameScene(Scene):
    name = "name"

    def __init__(self, app: Host, entry: CatalogEntry) -> None:
        super().__init__(app)
        self.entry = entry
        self.typed = app.settings.trainee
        self.shown = 0
        """Frames this screen has been up: the sixth compiles the machines (the first few draw
        the buttons' other looks, a frame each)."""

    def build(self) -> None:
        app = self.app
        pal = app.pal
        width, height = app.size
        pad = app.u(32)
        card_w = min(width - app.u(60), app.u(620))
        sheet = self.sheet(card_w, 0)
        sheet.y = pad
        assert self.entry.loaded is not None
        sheet.text("caps", self.entry.loaded.scenario.title.upper(), pal.accent, x=pad, width=card_w - 2 * pad)
        sheet.text("h1", "Who is playing?", pal.heading, x=pad, width=card_w - 2 * pad)
        sheet.space(6)
        sheet.text(
            "body",
            "Your name is written in the session log and on the debrief report, so your instructor can find your run.",
            pal.text,
            x=pad,
            width=card_w - 2 * pad,
        )
        sheet.space(16)
        entry_h = app.fonts.line_height("body") + app.u(22)
        entry_y = sheet.y
        sheet.y += entry_h + app.u(20)
        button_h = app.fonts.line_height("body_b") + app.u(18)
        buttons_y = sheet.y
        sheet.y += button_h + pad
        card = pygame.Rect((width - card_w) // 2, max(app.u(10), (height - sheet.y) // 2), card_w, sheet.y)

        def frame(surface: pygame.Surface) -> None:
            pygame.draw.rect(surface, pal.border, surface.get_rect(), 1, border_radius=6)
            pygame.draw.rect(surface, pal.accent, (0, 0, card_w, max(4, app.u(5))))

        sheet.draw(frame)
        self.add_canvas(card, background=pal.panel).set_content(sheet.paint(pal.panel, card.height), [])
        self.field = UITextEntryLine(
            pygame.Rect(card.x + pad, card.y + entry_y, card_w - 2 * pad, entry_h), app.manager, placeholder_text="Your name"
        )
        self.field.length_limit = 60
        self.field.change_layer(self.base + 2)
        self.field.set_text(self.typed)
        self.ui.append(self.field)
        x = card.right - pad
        for label, action, kind in (("Continue", self.accept, "primary"), ("Back", self.back, None)):
            w = self.button_width(label)
            x -= w
            self.add_button(pygame.Rect(x, card.y + buttons_y, w, button_h), label, action, kind=kind, layer=2)
            x -= app.u(10)
        self.focus.set(list(reversed(self.take_button_stops())))
        app.manager.set_focus_set(self.field)
        self.field.edit_position = len(self.typed)

    def update(self, dt: float) -> None:
        self.shown += 1
        if self.shown == COMPILE_ON_FRAME and self.entry.loaded is not None:
            machines_for(self.entry.loaded)

    def ui_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.field:
            self.typed = self.field.get_text()
        elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.field:
            self.accept()
        else:
            super().ui_event(event)

    def accept(self) -> None:
        if self.app.top is not self:
            return
        name = " ".join(self.field.get_text().split())[:60] or "trainee"
        self.app.remember(trainee=name)
        begin_new(self.app, self.entry, name)

    def back(self) -> None:
        self.app.pop()

    def default_action(self) -> bool:
        self.accept()
        return True

    def escape(self) -> bool:
        self.back()
        return True
