"""The scenario picker: bundled scenarios and any folder the trainee opens, with the details
of the one selected; files that do not load are listed with their first error. The files are
loaded over frames (`staged_build`, a slice of a frame each) while the screen before stays up."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.windows import UIFileDialog

from game.frontends.gui.begin import begin_new
from game.frontends.gui.catalog import CatalogEntry, catalog_files, load_entry
from game.frontends.gui.focus import Stop
from game.frontends.gui.scene import NEXT_FRAME, Host, Scene, Steps

DIGITS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}


class PickerScene(Scene):
    name = "picker"
    staged = True

    def __init__(self, app: Host, folder: str | None = None) -> None:
        super().__init__(app)
        if folder is not None:
            app.remember(scenario_folder=folder)
        self.entries: list[CatalogEntry] = []
        self.loaded = False
        """The files are loaded (by the first build, a file a step)."""
        self.selected = 0
        self.dialog: UIFileDialog | None = None
        self.showing: Iterator[None] | None = None
        """A folder just opened, its files being loaded while the list before stays up."""

    def update(self, dt: float) -> None:
        if self.showing is not None and next(self.showing, StopIteration) is StopIteration:
            self.showing = None

    def staged_build(self) -> Steps:
        if not self.loaded:
            entries = []
            for path, bundled in catalog_files(self.app.settings.scenario_folder):
                entries.append(load_entry(path, bundled=bundled))
                yield  # a slice of a frame holds one scenario, or several small files
            self.entries, self.loaded = entries, True
            self.selected = next((i for i, e in enumerate(self.entries) if e.loaded is not None), 0)
            yield NEXT_FRAME
        app = self.app
        pal = app.pal
        width, height = app.size
        margin = max(app.u(24), width // 30)
        head = self.sheet(width - 2 * margin)
        head.text("h1", "Choose a scenario", pal.heading)
        folder = app.settings.scenario_folder
        head.text(
            "small", "Bundled scenarios" + (f", and those in {folder}" if folder else ", or open a folder of your own") + ".", pal.muted
        )
        top = margin
        self.add_canvas(pygame.Rect(margin, top, width - 2 * margin, head.height())).set_content(head.paint(None), [])
        top += head.height() + app.u(14)
        button_h = app.fonts.line_height("body_b") + app.u(18)
        bottom = height - margin - button_h - app.u(14)
        list_w = max(app.u(260), min(width * 2 // 5, app.u(440)))
        self.list = self.add_canvas(pygame.Rect(margin, top, list_w, bottom - top), on_click=self.click)
        detail_x = margin + list_w + app.u(16)
        self.detail = self.add_canvas(pygame.Rect(detail_x, top, width - margin - detail_x, bottom - top), background=pal.panel)
        x = width - margin
        for label, action, kind in (("Continue", self.accept, "primary"), ("Back", self.back, None)):
            w = self.button_width(label)
            x -= w
            self.add_button(pygame.Rect(x, height - margin - button_h, w, button_h), label, action, kind=kind)
            x -= app.u(10)
        self.add_button(
            pygame.Rect(margin, height - margin - button_h, self.button_width("Open folder\u2026"), button_h),
            "Open folder\u2026",
            self.open_folder,
            tooltip="Add the scenario files (.yaml) of a folder to this list",
        )
        self.paint()

    def paint(self) -> None:
        self.paint_list()
        self.paint_detail()
        buttons = [s for s in self.focus.stops if s.button is not None] or self.take_button_stops()
        stops = [Stop(f"entry:{i}", self._pick(i), canvas=self.list, on_focus=self._select(i)) for i in range(len(self.entries))]
        self.focus.set(stops + buttons)

    def paint_list(self) -> None:
        sheet = self.sheet(self.list.view_width)
        pal = sheet.pal
        pad = sheet.u(12)
        for index, entry in enumerate(self.entries):
            top = sheet.y
            under = sheet.mark()
            sheet.y += pad
            x, width = pad + sheet.u(6), sheet.width - 2 * pad - sheet.u(6)
            sheet.text(
                "body_b",
                f"{index + 1}. {entry.title}" if index < 9 else entry.title,
                pal.heading if entry.loaded else pal.text,
                x=x,
                width=width,
            )
            if entry.loaded is not None:
                s = entry.loaded.scenario
                where = "bundled" if entry.bundled else entry.path.parent.name
                sheet.text(
                    "small",
                    f"{s.difficulty.capitalize()} \u00b7 about {s.expected_minutes} min \u00b7 {where}",
                    pal.muted,
                    x=x,
                    width=width,
                )
            else:
                sheet.text("small", "Does not load: " + entry.problem, pal.danger, x=x, width=width)
            sheet.y += pad
            card = pygame.Rect(0, top, sheet.width, sheet.y - top)
            chosen = index == self.selected
            sheet.box(card, pal.accent_soft if chosen else pal.panel, radius=8, at=under)
            sheet.box(card, pal.accent if chosen else pal.border, radius=8, border=2 if chosen else 1)
            sheet.region(card, key=f"entry:{index}")
            sheet.space(8)
        if not self.entries:
            sheet.text("body", "No scenario found. Open a folder of scenario files.", pal.muted)
        self.list.set_content(sheet.paint(None), sheet.regions)

    def paint_detail(self) -> None:
        sheet = self.sheet(self.detail.view_width, 24)
        pal = sheet.pal
        if not self.entries:
            self.detail.set_content(sheet.paint(pal.panel), [])
            return
        entry = self.entries[self.selected]
        if entry.loaded is None:
            sheet.text("h1", entry.path.name, pal.heading)
            sheet.space(8)
            sheet.text("body_b", "This file does not load.", pal.danger)
            sheet.text("body", entry.problem, pal.text)
            sheet.space(8)
            sheet.text("small", f"Check it with: good-offices validate {entry.path}", pal.muted)
            self.detail.set_content(sheet.paint(pal.panel), [], keep_scroll=False)
            return
        s = entry.loaded.scenario
        sheet.text("h1", s.title, pal.heading)
        sheet.space(6)
        sheet.text("body", s.summary, pal.text)
        sheet.space(14)
        for label, value in (
            ("DIFFICULTY", s.difficulty.capitalize()),
            ("EXPECTED LENGTH", f"About {s.expected_minutes} minutes"),
            ("YOUR ROLE", s.envoy.title),
            ("PARTIES", ", ".join(p.name for p in s.parties.values())),
        ):
            sheet.text("caps", label, pal.muted)
            sheet.text("body", value, pal.text)
            sheet.space(8)
        sheet.text("caps", "LEARNING OBJECTIVES", pal.muted)
        for objective in s.objectives:
            sheet.text("body", "\u2022 " + objective, pal.text, x=sheet.pad + sheet.u(4))
        sheet.space(12)
        sheet.text("small", str(entry.path), pal.muted)
        self.detail.set_content(sheet.paint(pal.panel), [], keep_scroll=False)

    # -- actions ---------------------------------------------------------------------------------
    def _select(self, index: int):  # type: ignore[no-untyped-def]
        def run() -> None:
            if index != self.selected:
                self.selected = index
                self.paint_list()
                self.paint_detail()

        return run

    def _pick(self, index: int):  # type: ignore[no-untyped-def]
        return lambda: self.click(f"entry:{index}", accept=True)

    def click(self, key: str, accept: bool = False) -> None:
        if not key.startswith("entry:"):
            return
        index = int(key.split(":")[1])
        if index == self.selected or accept:
            self.selected = index
            self.accept()
            return
        self._select(index)()

    def accept(self) -> None:
        if not self.entries or self.entries[self.selected].loaded is None:
            return
        entry = self.entries[self.selected]
        if self.app.trainee:  # named on the command line: not asked again
            begin_new(self.app, entry, self.app.trainee)
        else:
            self.app.open("name", entry=entry)

    def back(self) -> None:
        self.app.pop()

    def open_folder(self) -> None:
        width, height = self.app.size
        rect = pygame.Rect(0, 0, min(width - 40, self.app.u(720)), min(height - 40, self.app.u(520)))
        rect.center = (width // 2, height // 2)
        start = self.app.settings.scenario_folder or str(Path.home())
        self.dialog = UIFileDialog(
            rect,
            self.app.manager,
            "Open a folder of scenarios",
            initial_file_path=start,
            allow_picking_directories=True,
            allow_existing_files_only=True,
        )
        self.ui.append(self.dialog)

    def ui_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED:
            path = Path(event.text)
            folder = path if path.is_dir() else path.parent
            self.app.remember(scenario_folder=str(folder))
            self.loaded = False
            self.dialog = None
            self.showing = self.rebuild_in_steps()
            return
        super().ui_event(event)

    def key(self, event: pygame.event.Event) -> bool:
        if self.dialog is not None and self.dialog.alive():
            if event.key == pygame.K_ESCAPE:
                self.dialog.kill()
                self.dialog = None
                return True
            return False
        if event.key in DIGITS and DIGITS[event.key] <= len(self.entries):
            self.focus.focus_key(f"entry:{DIGITS[event.key] - 1}")
            return True
        return super().key(event)

    def default_action(self) -> bool:
        self.accept()
        return True

    def escape(self) -> bool:
        self.back()
        return True
