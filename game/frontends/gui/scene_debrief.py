"""The debrief: the overall score, a chart of scores per principle, the hidden facts revealed,
and the findings decision by decision; one button writes the HTML report beside the log.

The debrief (the walk and the move search) is computed off the frame (`offframe.py`): until it
is there the screen says so, with a spinner that keeps turning; then the two panels are laid out
off screen, one a frame, and shown together."""

from __future__ import annotations

import math
import queue
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.debrief import debrief_session
from game.debrief.scoring import band
from game.engine.logfile import read_log
from game.engine.session import Session
from game.frontends.gui.begin import CannotDebrief, debrief_of_log
from game.frontends.gui.canvas import SCROLLBAR, Canvas, prepare
from game.frontends.gui.offframe import OffFrame
from game.frontends.gui.opener import open_file
from game.frontends.gui.scene import COSTLY, NEXT_FRAME, Host, Scene, Steps
from game.frontends.gui.sheet import Sheet, tip
from game.frontends.gui.text import Fonts
from game.frontends.gui.theme import grade_colour
from game.frontends.presenter import grade_words, term_tooltip
from game.logshelf import scenario_title

if TYPE_CHECKING:
    from game.debrief import Debrief

VERDICT_WORDS = {"honoured": "Honoured", "breached": "Breached", "missed": "Missed"}
SPINNER_DOTS = 10
SPINNER_TURN_S = 1.2
"""The spinner goes round once in this many seconds."""


def elide_middle(fonts: Fonts, style: str, text: str, width: int) -> str:
    """`text` on one line of `width`, its middle replaced by an ellipsis if need be (a path keeps
    its start and its file name)."""
    if fonts.width(style, text) <= width:
        return text
    keep = len(text)
    while keep > 2:
        keep -= 1
        head, tail = text[: keep // 3], text[len(text) - (keep - keep // 3) :]
        if fonts.width(style, f"{head}\u2026{tail}") <= width:
            return f"{head}\u2026{tail}"
    return fonts.fit(style, text, width)


def _heading(log: Path) -> str:
    """The scenario's title and the trainee, from a log's header (the log is replayed later)."""
    contents, _ = read_log(log)
    header = contents.header if contents is not None else {}
    title = scenario_title(str(header.get("scenario_id", "")), str(header.get("scenario_file") or "")) if header else log.name
    return f"{title} \u00b7 {header.get('trainee') or 'trainee'}"


class DebriefScene(Scene):
    name = "debrief"
    staged = True

    def __init__(self, app: Host, session: Session | None, log_path: Path) -> None:
        """`session`: the one just played; None: the session is replayed from its log."""
        super().__init__(app)
        self.session = session
        self.log_path = log_path
        self.heading = f"{session.scenario.title} \u00b7 {session.trainee}" if session is not None else _heading(log_path)
        self.debrief: Debrief | None = None
        self.report = ""
        self.report_path: Path | None = None
        self.problems: queue.SimpleQueue[str] = queue.SimpleQueue()
        self.work: OffFrame[Debrief] | None = None
        self.showing: Iterator[None] | None = None
        """The debrief's panels being laid out, one a frame, while the spinner stays up."""
        self.spin = 0.0
        self.spinner: Canvas | None = None
        self.failed = False

    @property
    def ready(self) -> bool:
        """The debrief is computed and shown."""
        return self.debrief is not None and self.showing is None

    def update(self, dt: float) -> None:
        if not self.problems.empty():  # the browser could not be opened (from the opener's thread)
            self.report = self.problems.get()
            self.rebuild()
        if self.showing is not None:
            if next(self.showing, StopIteration) is StopIteration:
                self.showing = None
            return
        if self.debrief is not None or self.failed:
            return
        if self.work is None:  # from the frame after the first: that one shows the waiting screen
            work = partial(debrief_session, self.session) if self.session is not None else partial(debrief_of_log, self.log_path)
            self.work = OffFrame(work)
            return  # the fork is this frame's work: the spinner turns from the next
        elif self.work.done():
            done, self.work = self.work, None
            try:
                self.debrief = done.result()
            except CannotDebrief as exc:
                self.cannot(str(exc))
                return
            self.showing = self.rebuild_in_steps()
        self.spin = (self.spin + dt / SPINNER_TURN_S) % 1.0
        self.paint_spinner()

    def cannot(self, problem: str) -> None:
        """The log could not be replayed: no debrief, a dialog says why."""
        self.failed = True
        self.app.open(
            "dialog",
            kicker="CANNOT DEBRIEF",
            title="This session cannot be debriefed",
            body=f"{self.log_path}: {problem}",
            buttons=[("Return to the title screen", self.to_title)],
        )

    def rebuild(self) -> None:
        self.showing = None  # a new layout lays out the debrief at once
        super().rebuild()

    def exit(self) -> None:
        if self.work is not None:
            self.work.cancel()
            self.work = None
        self.showing = None
        super().exit()

    def staged_build(self) -> Steps:
        app = self.app
        pal = app.pal
        width, height = app.size
        gap = app.u(16)
        button_h = app.fonts.line_height("body_b") + app.u(18)
        foot_h = button_h + app.u(24)
        head = self.sheet(width, 0)
        head.y = app.u(14)
        head.text("caps", "DEBRIEF", pal.bar_muted, x=gap, width=width - 2 * gap)
        head.text("h2", self.heading, pal.bar_text, x=gap, width=width - 2 * gap)
        head.space(12)
        top = head.height() + gap
        body_h = height - top - foot_h
        if self.debrief is None:
            self._head_and_foot(head, foot_h)
            self.build_waiting(pygame.Rect(gap, top, width - 2 * gap, body_h))
            return
        left_w = max(app.u(300), min(width * 2 // 5, app.u(460)))
        scores_rect = pygame.Rect(gap, top, left_w, body_h - gap)
        x = gap + left_w + gap
        findings_rect = pygame.Rect(x, top, width - x - gap, body_h - gap)
        view = scores_rect.width - SCROLLBAR - 4  # a canvas's view_width
        scores = self.sheet(view, 20)
        yield from self.paint_scores(scores, self.debrief)
        scores_painted = yield from scores.paint_steps(pal.panel, scores_rect.height)
        yield COSTLY
        scores_ready = prepare(scores_rect, pal, scores_painted, scores.regions, pal.panel)
        yield
        findings = self.sheet(findings_rect.width - SCROLLBAR - 4, 20)
        yield from self.paint_findings(findings, self.debrief)
        yield COSTLY
        # a long list: a picture paints only the band it shows
        findings_ready = prepare(findings_rect, pal, findings.picture(findings_rect.height), findings.regions, pal.panel)
        yield NEXT_FRAME  # the widgets, on a frame of their own
        foot = self._head_and_foot(head, foot_h)
        self.scores = self.add_canvas(scores_rect, background=pal.panel)
        self.scores.show_prepared(scores_ready)
        self.findings = self.add_canvas(findings_rect, background=pal.panel)
        self.findings.show_prepared(findings_ready)
        bx = width - gap
        buttons = [("Write the HTML report", self.write_report, "primary"), ("Return to the title screen", self.to_title, None)]
        if self.report_path is not None:
            buttons[0] = ("Open the report", self.open_report, "primary")
        for label, action, kind in buttons:
            w = self.button_width(label)
            bx -= w
            self.add_button(pygame.Rect(bx, height - foot_h + (foot_h - button_h) // 2, w, button_h), label, action, kind=kind, layer=2)
            bx -= app.u(10)
        note = Sheet(app.fonts, pal, width)
        if self.report:  # on two lines at most: the path loses its middle rather than run into the buttons
            room = max(bx - 2 * gap, app.u(120))
            said, _, path = self.report.partition(": ") if self.report_path is not None else (self.report, "", "")
            note.text("small", said + (":" if path else ""), pal.bar_text, x=gap, width=room, y=app.u(6))
            if path:
                second = app.u(6) + app.fonts.line_height("small")
                note.line_text("small", elide_middle(app.fonts, "small", path, room), pal.bar_text, (gap, second))
        foot.set_content(note.paint(pal.bar_bg, foot_h), [])  # the note sits at y, so its height is the bar's
        self.focus.set(self.take_button_stops())

    def _head_and_foot(self, head: Sheet, foot_h: int) -> Canvas:
        width, height = self.app.size
        pal = self.app.pal
        self.add_canvas(pygame.Rect(0, 0, width, head.height()), background=pal.bar_bg).set_content(head.paint(pal.bar_bg), [])
        return self.add_canvas(pygame.Rect(0, height - foot_h, width, foot_h), background=pal.bar_bg)

    def build_waiting(self, area: pygame.Rect) -> None:
        """What the screen shows while the debrief is being computed: what is going on, and a
        spinner that turns as long as it goes on."""
        pal = self.app.pal
        size = self.app.u(40)
        wait = self.sheet(area.width - size - self.app.u(16))
        wait.text("h2", "Preparing the debrief\u2026", pal.heading)
        wait.text("body", "Every decision is being weighed against the principles, and stronger moves looked for.", pal.muted)
        self.spinner = self.add_canvas(pygame.Rect(area.x, area.y + self.app.u(2), size, size))
        self.add_canvas(pygame.Rect(area.x + size + self.app.u(16), area.y, area.width - size - self.app.u(16), area.height)).set_content(
            wait.paint(None), []
        )
        self.paint_spinner()

    def paint_spinner(self) -> None:
        if self.spinner is None or not self.spinner.alive():
            return
        pal = self.app.pal
        size = self.spinner.rect.width
        surface = pygame.Surface((size, size), pygame.SRCALPHA)
        centre = pygame.Vector2(size / 2, size / 2)
        radius = size / 2 - max(3, size // 8)
        lead = int(self.spin * SPINNER_DOTS)
        for dot in range(SPINNER_DOTS):
            behind = (lead - dot) % SPINNER_DOTS  # 0: the leading dot
            angle = 2 * math.pi * dot / SPINNER_DOTS - math.pi / 2
            at = centre + pygame.Vector2(math.cos(angle), math.sin(angle)) * radius
            colour = pal.accent.lerp(pal.track, min(1.0, behind / (SPINNER_DOTS - 2)))
            pygame.draw.aacircle(surface, colour, at, max(2, size // 12) if behind else max(3, size // 9))
        self.spinner.set_content(surface, [])

    def paint_scores(self, sheet: Sheet, d: Debrief) -> Steps:
        """Lay out the scores, yielding between principles (a staged build's steps)."""
        pal, fonts = sheet.pal, sheet.fonts
        band_colours = {"good": pal.good, "fair": pal.warn, "poor": pal.danger}
        colour = grade_colour(pal, d.grade or "")
        sheet.text("caps", "OUTCOME", pal.muted)
        sheet.text("h2", (d.ending.title if d.ending else "Unfinished"), pal.heading)
        if d.grade:
            sheet.text("body_b", grade_words(d.grade), colour)
        sheet.space(12)
        sheet.text("caps", "OVERALL", pal.muted)
        if d.overall is None:
            sheet.text("h2", "Unfinished", pal.heading)
            sheet.text("small", "No decision judged yet, so no score.", pal.muted)
        else:
            top = sheet.y
            sheet.text("title", str(d.overall), band_colours[band(d.overall)], advance=False)
            sheet.line_text(
                "body",
                "/ 100",
                pal.muted,
                (
                    sheet.pad + fonts.width("title", str(d.overall)) + sheet.u(8),
                    top + fonts.line_height("title") - fonts.line_height("body") - sheet.u(8),
                ),
            )
            sheet.y = top + fonts.line_height("title")
            if d.capped_by:
                sheet.text("small", f"Capped by {d.capped_by} (conduct {d.conduct}).", pal.muted)
        sheet.space(16)
        sheet.text("caps", "SCORES PER PRINCIPLE", pal.muted)
        sheet.space(6)
        names = d.principle_names
        label_w = min(max((fonts.width("small", names.get(p, p)) for p in d.scores), default=0) + sheet.u(12), sheet.inner // 2)
        bar_h = max(8, sheet.u(10))
        for pid, score in d.scores.items():
            name = names.get(pid, pid)
            top = sheet.y
            rect = sheet.text("small", name, pal.text, width=label_w - sheet.u(8))
            bar_x = sheet.pad + label_w
            bar_w = sheet.inner - label_w - fonts.width("small_b", "100") - sheet.u(8)
            bar_y = top + (fonts.line_height("small") - bar_h) // 2
            sheet.box(pygame.Rect(bar_x, bar_y, bar_w, bar_h), pal.track, radius=bar_h // 2)
            if score is None:
                sheet.line_text("small", "not tested", pal.muted, (bar_x + sheet.u(6), top))
            else:
                fill = band_colours[band(score)]
                sheet.box(pygame.Rect(bar_x, bar_y, max(bar_h, round(bar_w * score / 100)), bar_h), fill, radius=bar_h // 2)
                text = str(score)
                sheet.line_text("small_b", text, pal.text, (sheet.pad + sheet.inner - fonts.width("small_b", text), top))
            sheet.y = max(sheet.y, rect.bottom) + sheet.u(6)
            sheet.region(pygame.Rect(sheet.pad, top, sheet.inner, sheet.y - top), tooltip=tip(term_tooltip(pid)))
            yield
        if d.reveal:
            sheet.space(14)
            sheet.text("caps", "WHAT YOU COULD NOT SEE", pal.muted)
            sheet.space(4)
            for fact in d.reveal:
                sheet.text("small", "\u2022 " + fact, pal.text)
                sheet.space(4)
                yield

    def paint_findings(self, sheet: Sheet, d: Debrief) -> Steps:
        """Lay out the findings, yielding between them (a staged build's steps)."""
        pal = sheet.pal
        colours = {"honoured": pal.good, "breached": pal.danger, "missed": pal.warn}
        sheet.text("caps", "DECISION BY DECISION", pal.muted)
        sheet.space(4)
        if d.summary:
            sheet.text("italic", d.summary, pal.text)
            sheet.space(8)
        label = d.turn_label.upper()
        timeline = {p.decision: p for p in d.timeline}
        for number in range(1, d.decisions + 1):
            found = d.findings_for(number)
            point = timeline.get(number)
            sheet.rule()
            sheet.space(10)
            turn = found[0].turn if found else (point.turn if point else 0)
            move = found[0].move_label if found else (point.move_label if point else "")
            sheet.text("caps", f"DECISION {number} \u00b7 {label} {turn}", pal.muted)
            sheet.text("body_b", move, pal.heading)
            sheet.space(4)
            if not found:
                sheet.text("small", "No principle was at stake in this decision.", pal.muted)
            indent = sheet.pad + sheet.u(14)
            for finding in found:
                chip_top = sheet.y
                verdict = VERDICT_WORDS[finding.verdict]
                head = f"{verdict} \u00b7 {finding.principle_name} \u00b7 {finding.severity}"
                sheet.text("small_b", head, colours[finding.verdict], x=indent)
                sheet.box(
                    pygame.Rect(sheet.pad, chip_top + sheet.u(3), max(3, sheet.u(4)), sheet.y - chip_top - sheet.u(4)),
                    colours[finding.verdict],
                    radius=2,
                )
                sheet.text("small", finding.explanation, pal.text, x=indent)
                if finding.source:
                    sheet.text("small", finding.source, pal.muted, x=indent)
                if finding.stronger:
                    sheet.text("small", "Stronger: " + finding.stronger, pal.accent, x=indent)
                sheet.space(6)
                yield
            sheet.space(6)

    def write_report(self) -> None:
        """Write the report beside the log, then say where it is and offer to open it."""
        if self.debrief is None:
            return
        from game.debrief import render_html

        target = self.log_path.with_suffix(".html")
        try:
            target.write_text(render_html(self.debrief), encoding="utf-8")
        except OSError as exc:
            self.report = f"Could not write the report: {exc.strerror or exc}"
            self.report_path = None
            self.rebuild()
            return
        self.report = f"Report written: {target}"
        self.report_path = target
        self.rebuild()
        self.app.open(
            "dialog",
            kicker="REPORT WRITTEN",
            title="The HTML report is ready",
            body=f"It is saved beside the session log, in {target}. It opens in any web browser and needs no network.",
            buttons=[("Open it in the browser", self.open_report), ("Close", lambda: None)],
        )

    def open_report(self) -> None:
        if self.report_path is not None:
            open_file(self.report_path, self.problems)

    def to_title(self) -> None:
        self.app.go("title")

    def key(self, event: pygame.event.Event) -> bool:
        if self.ready and event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP, pygame.K_DOWN, pygame.K_UP):
            step = self.findings.rect.height * 2 // 3 if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) else 48
            self.findings.scroll_by(step if event.key in (pygame.K_PAGEDOWN, pygame.K_DOWN) else -step)
            return True
        return super().key(event)
