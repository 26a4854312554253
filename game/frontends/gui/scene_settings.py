"""Settings: text size (100-200 %), high contrast, full screen; remembered between runs."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.frontends.gui.scene import Host, Scene
from game.frontends.gui.settings import TEXT_SIZES


class SettingsScene(Scene):
    name = "settings"
    overlay = True

    def __init__(self, app: Host) -> None:
        super().__init__(app)

    def rows(self) -> list[tuple[str, str, list[tuple[str, Callable[[], None]]]]]:
        s = self.app.settings
        index = TEXT_SIZES.index(s.text_size)
        size_buttons = []
        if index > 0:
            size_buttons.append(("Smaller", lambda: self.change(text_size=TEXT_SIZES[index - 1])))
        if index < len(TEXT_SIZES) - 1:
            size_buttons.append(("Larger", lambda: self.change(text_size=TEXT_SIZES[index + 1])))
        return [
            (f"Text size: {s.text_size}%", "All text in the window, from 100% to 200%.", size_buttons),
            (
                "High contrast: " + ("on" if s.high_contrast else "off"),
                "Black background, bright text, strong outlines.",
                [("Turn off" if s.high_contrast else "Turn on", lambda: self.change(high_contrast=not s.high_contrast))],
            ),
            (
                "Full screen: " + ("on" if s.fullscreen else "off"),
                "Use the whole screen instead of a window.",
                [("Turn off" if s.fullscreen else "Turn on", lambda: self.change(fullscreen=not s.fullscreen))],
            ),
        ]

    def build(self) -> None:
        app = self.app
        pal = app.pal
        width, height = app.size
        self.add_canvas(pygame.Rect(0, 0, width, height), background=pal.scrim, layer=1, blocking=True)
        pad = app.u(28)
        gap = app.u(12)
        button_h = app.fonts.line_height("body_b") + app.u(16)
        card_w = min(width - app.u(60), app.u(720))
        rows = self.rows()
        buttons_w = max(sum(self.button_width(label) + gap for label, _ in buttons) for _, _, buttons in rows)
        buttons_w = max(buttons_w, self.button_width("Smaller") + self.button_width("Larger") + 2 * gap)
        text_w = card_w - 2 * pad - buttons_w
        stacked = text_w < card_w * 0.4
        if stacked:
            text_w = card_w - 2 * pad
        for brief in (False, True):
            sheet, placements, done_y = self._layout(card_w, pad, text_w, stacked, button_h, rows, brief)
            if sheet.height() <= height - app.u(12):
                break
        card_h = sheet.y
        card = pygame.Rect((width - card_w) // 2, max((height - card_h) // 2, app.u(6)), card_w, card_h)

        def frame(surface: pygame.Surface) -> None:
            pygame.draw.rect(surface, pal.border, surface.get_rect(), 1, border_radius=6)
            pygame.draw.rect(surface, pal.accent, (0, 0, card_w, max(4, app.u(5))))

        sheet.draw(frame)
        self.card = self.add_canvas(card, background=pal.panel, layer=2)
        self.card.set_content(sheet.paint(pal.panel, card_h), [])
        for y, buttons in placements:
            x = card.x + (pad if stacked else card_w - pad - sum(self.button_width(b) + gap for b, _ in buttons) + gap)
            for label, action in buttons:
                w = self.button_width(label)
                self.add_button(pygame.Rect(x, card.y + y, w, button_h), label, action, layer=3)
                x += w + gap
        done = "Done  (Esc)"
        self.add_button(
            pygame.Rect(card.right - pad - self.button_width(done), card.y + done_y, self.button_width(done), button_h),
            done,
            self.close,
            kind="primary",
            layer=3,
        )
        self.focus.set(self.take_button_stops())
        if self.focus.current is None:  # a keyboard user lands on the first setting
            self.focus.move(1)

    def _layout(self, card_w, pad, text_w, stacked, button_h, rows, brief):  # type: ignore[no-untyped-def]
        """The card's text, and where the buttons go; `brief` leaves out the explanations."""
        pal = self.app.pal
        sheet = self.sheet(card_w, 0)
        sheet.y = pad
        sheet.text("h1", "Settings", pal.heading, x=pad, width=card_w - 2 * pad)
        if not brief:
            sheet.text("small", f"Saved in {self.app.settings_file}", pal.muted, x=pad, width=card_w - 2 * pad)
        sheet.space(14 if not brief else 6)
        placements = []
        for label, description, buttons in rows:
            sheet.rule()
            sheet.space(12 if not brief else 6)
            top = sheet.y
            sheet.text("body_b", label, pal.text, x=pad, width=text_w)
            if not brief:
                sheet.text("small", description, pal.muted, x=pad, width=text_w)
            if stacked:
                sheet.space(8)
                placements.append((sheet.y, buttons))
                sheet.y += button_h
            else:
                placements.append((top + (sheet.y - top - button_h) // 2, buttons))
                if sheet.y - top < button_h:
                    placements[-1] = (top, buttons)
                sheet.y = max(sheet.y, top + button_h)
            sheet.space(12 if not brief else 6)
        sheet.rule()
        sheet.space(16 if not brief else 8)
        done_y = sheet.y
        sheet.y += button_h + pad
        return sheet, placements, done_y

    def change(self, **changes: object) -> None:
        self.app.apply_settings(self.app.settings.with_changes(**changes))

    def close(self) -> None:
        if self.app.top is self:
            self.app.pop()

    def escape(self) -> bool:
        self.close()
        return True
