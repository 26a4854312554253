"""A card of stacked buttons over the current screen: the pause menu, and other short choices."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.frontends.gui.scene import Host, Scene

Item = tuple[str, Callable[[], None], str | None]


class MenuScene(Scene):
    overlay = True

    def __init__(self, app: Host, title: str, subtitle: str, items: list[Item], *, name: str = "menu") -> None:
        super().__init__(app)
        self.name = name
        self.title = title
        self.subtitle = subtitle
        self.items = items

    def build(self) -> None:
        app = self.app
        pal = app.pal
        width, height = app.size
        self.add_canvas(pygame.Rect(0, 0, width, height), background=pal.scrim, layer=1, blocking=True)
        pad = app.u(28)
        gap = app.u(10)
        button_h = app.fonts.line_height("body_b") + app.u(18)
        widest = max(self.button_width(label) for label, _, _ in self.items)
        # one column if it fits the window's height, then without the subtitle, then two columns
        # (only if every label fits its half)
        for columns, subtitle in ((1, True), (1, False), (2, True), (2, False)):
            card_w = min(width - app.u(60), max(app.u(420), columns * widest + (columns - 1) * gap + 2 * pad))
            sheet = self.sheet(card_w, 0)
            sheet.y = pad
            sheet.text("h1", self.title, pal.heading, x=pad, width=card_w - 2 * pad)
            if self.subtitle and subtitle:
                sheet.space(4)
                sheet.text("body", self.subtitle, pal.muted, x=pad, width=card_w - 2 * pad)
            sheet.space(18)
            text_h = sheet.y
            rows = -(-len(self.items) // columns)
            card_h = text_h + rows * (button_h + gap) - gap + pad
            labels_fit = columns == 1 or widest <= (card_w - 2 * pad - gap) // 2
            if card_h <= height - 2 * app.u(10) and labels_fit:
                break
        card = pygame.Rect((width - card_w) // 2, max((height - card_h) // 2, app.u(10)), card_w, card_h)
        backing = self.add_canvas(card, background=pal.panel, layer=2)

        def frame(surface: pygame.Surface) -> None:
            pygame.draw.rect(surface, pal.border, surface.get_rect(), 1, border_radius=6)
            pygame.draw.rect(surface, pal.accent, (0, 0, card_w, max(4, app.u(5))))

        sheet.draw(frame)
        backing.set_content(sheet.paint(pal.panel, card_h), [])
        column_w = (card_w - 2 * pad - (columns - 1) * gap) // columns
        for number, (label, action, tooltip) in enumerate(self.items):
            row, column = divmod(number, columns)
            rect = pygame.Rect(card.x + pad + column * (column_w + gap), card.y + text_h + row * (button_h + gap), column_w, button_h)
            self.add_button(rect, label, action, kind="primary" if number == 0 else None, tooltip=tooltip, layer=3)
        self.focus.set(self.take_button_stops())
        self.focus.move(1)

    def escape(self) -> bool:
        self.app.pop()
        return True
