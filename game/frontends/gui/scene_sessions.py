"""Past sessions: every log in the log folder, newest first (scenario, trainee, date,
decisions, ending); an unfinished one can be resumed, a finished one debriefed. Reads each
log's records without replaying it, as `good-offices sessions` does."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.frontends.gui.begin import debrief, resume
from game.frontends.gui.focus import Stop
from game.frontends.gui.scene import Host, Scene
from game.sessions import SessionLine, scenario_title, survey
from game.words import count

DIGITS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}


def ending_words(line: SessionLine, titles: dict[str, str] | None = None) -> str:
    if line.problem:
        return "Not a readable log: " + line.problem
    if not line.finished:
        return "Unfinished"
    return "Ended: " + (titles or {}).get(line.ending, line.ending.replace("_", " ").replace("-", " "))


def ending_titles(line: SessionLine, cache: dict[str, dict[str, str]]) -> dict[str, str]:
    """The endings' titles in the log's scenario (loaded once per file), or none if it is gone."""
    from game.scenario.bundled import find_bundled
    from game.scenario.loader import load_scenario

    path = Path(line.scenario_file) if line.scenario_file and Path(line.scenario_file).is_file() else find_bundled(line.scenario)
    key = str(path)
    if key not in cache:
        loaded = load_scenario(path)[0] if path is not None else None
        phases = loaded.scenario.phases.phases if loaded is not None and loaded.scenario.id == line.scenario else {}
        cache[key] = {pid: phase.title for pid, phase in phases.items() if phase.ending is not None}
    return cache[key]


def date_words(started: str) -> str:
    """'2026-12-02T21:38:39+00:00' -> '2026-12-02 21:38 UTC' (the log keeps UTC)."""
    if len(started) < 16:
        return started or "date unknown"
    return f"{started[:10]} {started[11:16]}" + (" UTC" if started.endswith(("+00:00", "Z")) else "")


class SessionsScene(Scene):
    name = "sessions"

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        found = survey(app.log_dir) if app.log_dir.is_dir() else []
        readable = sorted((s for s in found if not s.problem and not s.empty), key=lambda s: s.started, reverse=True)
        self.lines: list[SessionLine] = readable + [s for s in found if s.problem]
        titles: dict[str, str] = {}
        self.titles = [scenario_title(s.scenario, s.scenario_file, titles) if not s.problem else s.path.name for s in self.lines]
        endings: dict[str, dict[str, str]] = {}
        self.endings = [ending_words(s, ending_titles(s, endings) if s.finished else None) for s in self.lines]
        self.selected = 0

    def build(self) -> None:
        app = self.app
        pal = app.pal
        width, height = app.size
        margin = max(app.u(24), width // 30)
        head = self.sheet(width - 2 * margin)
        head.text("h1", "Past sessions", pal.heading)
        unfinished = sum(1 for s in self.lines if not s.problem and not s.finished)
        head.text(
            "small",
            f"{count(len(self.lines), 'session')} in {app.log_dir}; {count(unfinished, 'unfinished session')} can be resumed.",
            pal.muted,
        )
        top = margin
        self.add_canvas(pygame.Rect(margin, top, width - 2 * margin, head.height())).set_content(head.paint(None), [])
        top += head.height() + app.u(14)
        button_h = app.fonts.line_height("body_b") + app.u(18)
        bottom = height - margin - button_h - app.u(14)
        self.list = self.add_canvas(pygame.Rect(margin, top, width - 2 * margin, bottom - top), on_click=self.click)
        x = width - margin
        self.action_button = None
        line = self.current
        if line is not None and not line.problem:
            label = "See the debrief" if line.finished else "Resume"
            w = self.button_width(label)
            x -= w
            rect = pygame.Rect(x, height - margin - button_h, w, button_h)
            self.action_button = self.add_button(rect, label, self.accept, kind="primary")
            x -= app.u(10)
        w = self.button_width("Back  (Esc)")
        self.add_button(pygame.Rect(x - w, height - margin - button_h, w, button_h), "Back  (Esc)", self.back)
        self.paint()

    @property
    def current(self) -> SessionLine | None:
        return self.lines[self.selected] if 0 <= self.selected < len(self.lines) else None

    def paint(self) -> None:
        sheet = self.sheet(self.list.view_width)
        pal = sheet.pal
        pad = sheet.u(12)
        for index, (line, title) in enumerate(zip(self.lines, self.titles, strict=True)):
            top = sheet.y
            under = sheet.mark()
            sheet.y += pad
            x, width = pad + sheet.u(6), sheet.width - 2 * pad - sheet.u(6)
            number = f"{index + 1}. " if index < 9 else ""
            who = f" \u00b7 {line.trainee}" if line.trainee and not line.problem else ""
            sheet.text("body_b", f"{number}{title}{who}", pal.heading if not line.problem else pal.text, x=x, width=width)
            if line.problem:
                sheet.text("small", ending_words(line), pal.danger, x=x, width=width)
            else:
                facts = f"{date_words(line.started)} \u00b7 {count(line.decisions, 'decision')} \u00b7 {self.endings[index]}"
                sheet.text("small", facts, pal.muted if line.finished else pal.accent, x=x, width=width)
            sheet.text("small", str(line.path), pal.muted, x=x, width=width)
            sheet.y += pad
            card = pygame.Rect(0, top, sheet.width, sheet.y - top)
            chosen = index == self.selected
            sheet.box(card, pal.accent_soft if chosen else pal.panel, radius=8, at=under)
            sheet.box(card, pal.accent if chosen else pal.border, radius=8, border=2 if chosen else 1)
            sheet.region(card, key=f"log:{index}")
            sheet.space(8)
        if not self.lines:
            sheet.text("body", "No session yet. Each session you start is listed here.", pal.muted)
        self.list.set_content(sheet.paint(None), sheet.regions)
        buttons = [s for s in self.focus.stops if s.button is not None] or self.take_button_stops()
        stops = [Stop(f"log:{i}", self._pick(i), canvas=self.list, on_focus=self._select(i)) for i in range(len(self.lines))]
        self.focus.set(stops + buttons)

    def _select(self, index: int):  # type: ignore[no-untyped-def]
        def run() -> None:
            if index != self.selected:
                before = self.current
                self.selected = index
                if before is not None and (before.finished, bool(before.problem)) == (self.current.finished, bool(self.current.problem)):  # type: ignore[union-attr]
                    self.paint()
                else:  # the action button changes
                    self.rebuild()

        return run

    def _pick(self, index: int):  # type: ignore[no-untyped-def]
        return lambda: self.click(f"log:{index}", accept=True)

    def click(self, key: str, accept: bool = False) -> None:
        if not key.startswith("log:"):
            return
        index = int(key.split(":")[1])
        if index == self.selected or accept:
            self.selected = index
            self.accept()
            return
        self._select(index)()

    def accept(self) -> None:
        line = self.current
        if line is None or line.problem:
            return
        if line.finished:
            debrief(self.app, line.path)
        else:
            resume(self.app, line.path)

    def back(self) -> None:
        self.app.pop()

    def key(self, event: pygame.event.Event) -> bool:
        if event.key in DIGITS and DIGITS[event.key] <= len(self.lines):
            self.focus.focus_key(f"log:{DIGITS[event.key] - 1}")
            return True
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.list.scroll_by(self.list.rect.height * 2 // 3 * (1 if event.key == pygame.K_PAGEDOWN else -1))
            return True
        return super().key(event)

    def default_action(self) -> bool:
        self.accept()
        return True

    def escape(self) -> bool:
        self.back()
        return True
