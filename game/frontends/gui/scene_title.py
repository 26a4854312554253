"""The title screen: resume the newest unfinished session, start a new one, the list of past
sessions, settings, quit.

It is the window's first frame, so it imports nothing heavy: the unfinished session is found by
`game.logshelf` (log lines and scenario headers only); the scenario loader and the engine are
imported when a session is resumed or started."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from game import __version__
from game.frontends.gui.canvas import prepare
from game.frontends.gui.scene import COSTLY, NEXT_FRAME, Host, Scene, Steps
from game.frontends.gui.sheet import Sheet
from game.logshelf import describe_log, has_logs, newest_unfinished

TAGLINE = "A training simulation for third-party envoys"
INTRO = (
    "Two parties are on the edge of conflict. You are the envoy trusted to carry their words. "
    "Win their consent, choose where and how they meet, relay faithfully, stay within your mandate "
    "\u2014 then see every decision weighed against the principles of good offices."
)
KEYS = "Keyboard: Tab or arrows to move, Enter to choose, number keys for moves, Esc to go back."


class TitleScene(Scene):
    name = "title"
    staged = True

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        newest = newest_unfinished(app.log_dir)
        self.unfinished: list[Path] = [newest] if newest is not None else []
        self.resume_text = describe_log(newest) if newest is not None else ""
        self.has_logs = has_logs(app.log_dir)

    def staged_build(self) -> Steps:
        """The picture, the words and the footer painted and composed off screen, a step each
        (the screen before stays up), then the widgets made at once from them."""
        app = self.app
        pal = app.pal
        width, height = app.size
        left = max(app.u(40), width // 12)
        column = min(app.u(600), width - 2 * left)
        with_art = width - left - column >= width * 0.25
        art_ready = None
        if not with_art:
            column = width - 2 * left
        else:
            art_sheet = Sheet(app.fonts, pal, width)
            art_sheet.draw(self._art)
            art_painted = art_sheet.paint(None, height)
            yield COSTLY
            art_ready = prepare(pygame.Rect(0, 0, width, height), pal, art_painted, [])
            yield
        items: list[tuple[str, Callable[[], None], str | None]] = []
        if self.unfinished:
            items.append(("Resume the session", self.resume_unfinished, "Continue where you left it: every decision was saved"))
        items += [
            ("New session", self.new_session, "Choose a scenario and begin"),
        ]
        if self.has_logs:
            items.append(("Past sessions", self.sessions, "Every session on this computer: resume one, or see its debrief"))
        items += [
            ("Settings", self.settings, "Text size, high contrast, full screen"),
            ("Quit", self.app.quit, None),
        ]
        button_h = app.fonts.line_height("body_b") + app.u(18)
        gap = app.u(10)
        footer = Sheet(app.fonts, pal, width - 2 * left)
        footer.text("small", f"{KEYS}   \u00b7   version {__version__}", pal.muted)
        room = height - footer.height() - app.u(40) - len(items) * (button_h + gap)
        for detail in (2, 1, 0):
            sheet = self._intro(column, detail)
            if sheet.height() <= room:
                break
        total = sheet.height() + len(items) * (button_h + gap)
        top = max(app.u(16), (height - footer.height() - app.u(16) - total) // 2)
        intro_rect = pygame.Rect(left, top, column, sheet.height())
        yield COSTLY
        intro_ready = prepare(intro_rect, pal, sheet.paint(None), [])
        foot_rect = pygame.Rect(left, height - footer.height() - app.u(16), width - 2 * left, footer.height())
        yield
        foot_ready = prepare(foot_rect, pal, footer.paint(None), [])
        yield NEXT_FRAME  # the widgets, on a frame of their own
        if art_ready is not None:
            self.add_canvas(pygame.Rect(0, 0, width, height)).show_prepared(art_ready)
        self.add_canvas(intro_rect).show_prepared(intro_ready)
        y = top + sheet.height()
        for number, (label, action, tooltip) in enumerate(items):
            self.add_button(pygame.Rect(left, y, column, button_h), label, action, kind="primary" if number == 0 else None, tooltip=tooltip)
            y += button_h + gap
        self.add_canvas(foot_rect).show_prepared(foot_ready)
        self.focus.set(self.take_button_stops())

    def _intro(self, column: int, detail: int) -> Sheet:
        """The title and its words: all of them (2), without the paragraph (1), the title alone (0)."""
        pal = self.app.pal
        sheet = Sheet(self.app.fonts, pal, column)
        sheet.text("title", "Good Offices", pal.heading)
        if detail >= 1:
            sheet.text("h2", TAGLINE, pal.accent)
        if detail >= 2:
            sheet.space(14)
            sheet.text("body", INTRO, pal.text)
        sheet.space(20)
        if self.unfinished:
            sheet.text("caps", "UNFINISHED SESSION", pal.muted)
            sheet.text("body_b", self.resume_text, pal.text)
            sheet.space(8)
        return sheet

    def _art(self, surface: pygame.Surface) -> None:
        pal = self.app.pal
        width, height = surface.get_size()
        centre_y = height // 2
        a = (int(width * 0.70), int(centre_y - height * 0.08))
        b = (int(width * 0.90), int(centre_y + height * 0.12))
        venue = ((a[0] + b[0]) // 2 - int(width * 0.02), centre_y + int(height * 0.22))
        for radius_step in range(5, 0, -1):
            radius = int(min(width, height) * 0.06 * radius_step)
            colour = pal.bg.lerp(pal.map_grid, 0.25 + 0.1 * (5 - radius_step))
            pygame.draw.circle(surface, colour, a, radius, 1)
            pygame.draw.circle(surface, colour, b, radius, 1)
        for start, end in ((a, venue), (b, venue)):
            pygame.draw.line(surface, pal.map_line, start, end, 1)
        direction = pygame.Vector2(b) - pygame.Vector2(a)
        length = direction.length()
        direction = direction.normalize()
        travelled = 0.0
        while travelled < length:
            p1 = pygame.Vector2(a) + direction * travelled
            p2 = pygame.Vector2(a) + direction * min(travelled + 12, length)
            pygame.draw.line(surface, pal.accent, p1, p2, 3)
            travelled += 24
        for point, colour in ((a, pal.party1), (b, pal.party2)):
            pygame.draw.circle(surface, pal.panel, point, 16)
            pygame.draw.circle(surface, colour, point, 12)
        square = pygame.Rect(0, 0, 14, 14)
        square.center = venue
        pygame.draw.rect(surface, pal.good, square, border_radius=2)

    def resume_unfinished(self) -> None:
        from game.frontends.gui.begin import resume

        resume(self.app, self.unfinished[0])

    def new_session(self) -> None:
        self.app.open("picker")

    def sessions(self) -> None:
        self.app.open("sessions")

    def settings(self) -> None:
        self.app.open("settings")
