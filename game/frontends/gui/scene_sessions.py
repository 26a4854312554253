"""Past sessions: every log in the log folder, newest first (scenario, trainee, date,
decisions, ending); an unfinished one can be resumed, a finished one debriefed. Reads each
log's records without replaying it, as `good-offices sessions` does.

The logs are read a slice of a frame at a time (`update`), the screen saying "Reading N of M
sessions…" meanwhile; the list is shown whole, on one frame, once they are all read. It is
painted as a `Picture` (only the visible cards, each time the canvas is composed), so moving
the selection in a long list stays within a frame too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame

from game.frontends.gui.begin import debrief, resume
from game.frontends.gui.focus import Stop
from game.frontends.gui.scene import NEXT_FRAME, Host, Scene, Steps, in_slices
from game.frontends.gui.sheet import Sheet
from game.sessions import SessionLine, scenario_title, session_line
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
        self.paths = sorted(app.log_dir.glob("*.jsonl")) if app.log_dir.is_dir() else []
        self.read = 0
        """How many of `paths` are read so far."""
        self.lines: list[SessionLine] = []
        self.titles: list[str] = []
        self.endings: list[str] = []
        self.facts: list[str] = []
        self.reading: Iterator[None] | None = in_slices(self.read_steps()) if self.paths else None
        """The logs being read, a slice a frame (`update`); None once the list is complete."""
        self.selected = 0

    def read_steps(self) -> Steps:
        """A log a step; a scenario's file is read (its title, its endings' titles) on a frame
        of its own; the lists are filled, sorted, at the end."""
        found: list[tuple[SessionLine, str, str, str]] = []
        titles: dict[str, str] = {}
        endings: dict[str, dict[str, str]] = {}
        loaded: set[str] = set()
        for path in self.paths:
            line = session_line(path)
            title, ending, facts = path.name, ending_words(line), ""
            if not line.problem:
                which = f"{line.scenario}\0{line.scenario_file}"
                if which not in titles:
                    yield NEXT_FRAME  # the scenario's header is read
                title = scenario_title(line.scenario, line.scenario_file, titles)
                if line.finished:
                    if which not in loaded:
                        loaded.add(which)
                        yield NEXT_FRAME  # the scenario is loaded (for its endings' titles)
                    ending = ending_words(line, ending_titles(line, endings))
                facts = f"{date_words(line.started)} \u00b7 {count(line.decisions, 'decision')} \u00b7 {ending}"
            found.append((line, title, ending, facts))
            # its card laid out on a scratch sheet: its lines are rendered (and cached) now, not
            # all on the frame that shows the list (60 ms for 200 logs)
            self.card(self.sheet(self.list.view_width), 9, line, title, facts)
            self.read += 1
            yield
        readable = sorted((f for f in found if not f[0].problem and not f[0].empty), key=lambda f: f[0].started, reverse=True)
        ordered = readable + [f for f in found if f[0].problem]
        self.lines = [f[0] for f in ordered]
        self.titles = [f[1] for f in ordered]
        self.endings = [f[2] for f in ordered]
        self.facts = [f[3] for f in ordered]
        yield NEXT_FRAME  # the list is shown on a frame of its own

    def update(self, dt: float) -> None:
        if self.reading is None:
            return
        if next(self.reading, StopIteration) is StopIteration:
            self.reading = None
            self.rebuild()  # the whole list, the action button: one frame
        else:
            self.head.set_content(self.header().paint(None), [])

    def header(self) -> Sheet:
        app = self.app
        pal = app.pal
        head = self.sheet(app.size[0] - 2 * self.margin)
        head.text("h1", "Past sessions", pal.heading)
        if self.reading is not None:
            head.text("small", f"Reading {self.read} of {count(len(self.paths), 'session')}\u2026", pal.muted)
        else:
            unfinished = sum(1 for s in self.lines if not s.problem and not s.finished)
            head.text(
                "small",
                f"{count(len(self.lines), 'session')} in {app.log_dir}; {count(unfinished, 'unfinished session')} can be resumed.",
                pal.muted,
            )
        return head

    @property
    def margin(self) -> int:
        return max(self.app.u(24), self.app.size[0] // 30)

    def build(self) -> None:
        app = self.app
        pal = app.pal
        width, height = app.size
        margin = self.margin
        head = self.header()
        top = margin
        self.head = self.add_canvas(pygame.Rect(margin, top, width - 2 * margin, head.height()))
        self.head.set_content(head.paint(None), [])
        top += head.height() + app.u(14)
        button_h = app.fonts.line_height("body_b") + app.u(18)
        bottom = height - margin - button_h - app.u(14)
        self.list = self.add_canvas(pygame.Rect(margin, top, width - 2 * margin, bottom - top), background=pal.bg, on_click=self.click)
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
        for index, (line, title) in enumerate(zip(self.lines, self.titles, strict=True)):
            self.card(sheet, index, line, title, self.facts[index], chosen=index == self.selected)
        if not self.lines and self.reading is None:
            sheet.text("body", "No session yet. Each session you start is listed here.", pal.muted)
        self.list.set_content(sheet.picture(), sheet.regions)
        buttons = [s for s in self.focus.stops if s.button is not None] or self.take_button_stops()
        stops = [Stop(f"log:{i}", self._pick(i), canvas=self.list, on_focus=self._select(i)) for i in range(len(self.lines))]
        self.focus.set(stops + buttons)

    def card(self, sheet: Sheet, index: int, line: SessionLine, title: str, facts: str, *, chosen: bool = False) -> None:
        """One log's card at the foot of `sheet`."""
        pal = sheet.pal
        pad = sheet.u(12)
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
            sheet.text("small", facts, pal.muted if line.finished else pal.accent, x=x, width=width)
        sheet.text("small", str(line.path), pal.muted, x=x, width=width)
        sheet.y += pad
        card = pygame.Rect(0, top, sheet.width, sheet.y - top)
        sheet.box(card, pal.accent_soft if chosen else pal.panel, radius=8, at=under)
        sheet.box(card, pal.accent if chosen else pal.border, radius=8, border=2 if chosen else 1)
        sheet.region(card, key=f"log:{index}")
        sheet.space(8)

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
