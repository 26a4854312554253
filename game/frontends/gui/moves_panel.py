"""The envoy's moves as a menu: groups (Move.group), then the choices inside them (which
message and how to relay it, which venue and which format), then a confirmation that shows the
move's plain description. Numbers pick an entry, Backspace goes back, Enter confirms.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from typing import Any

import pygame

from game.engine.outcome import Move
from game.engine.session import Session
from game.frontends.gui.canvas import Canvas
from game.frontends.gui.scene import COSTLY
from game.frontends.gui.sheet import Region, Sheet, tip
from game.frontends.presenter import MenuEntry, move_menu, term_tooltip

WARM_LIMIT = 300
"""Menus laid out ahead at most, per turn and place in the menu (`MovesPanel.warm_up`)."""
GROUP_TERMS = {
    "Consent": "consent",
    "Messages": "fidelity",
    "Venue and format": "face",
    "Talks": "channel",
    "Confidence building": "timing",
    "Analysis": "preparedness",
    "Public words": "discretion",
    "Mandate": "mandate",
    "Substance": "ownership",
    "Time": "timing",
}


class MovesPanel:
    def __init__(
        self, session: Session, canvas: Canvas | None, sheet_for: Callable[[int], Sheet], on_choose: Callable[[Move], None]
    ) -> None:
        """`canvas`: where the panel is shown; None while a staged build prepares it (`attach`)."""
        self.session = session
        self._canvas = canvas
        self.sheet_for = sheet_for
        self.on_choose = on_choose
        self.menu: list[MenuEntry] = []
        self.path: list[int] = []
        self.serial = 0
        """Counts the menus shown (a new one each turn)."""
        self.refresh()

    @property
    def canvas(self) -> Canvas:
        assert self._canvas is not None, "the moves panel is not attached to a canvas yet"
        return self._canvas

    def attach(self, canvas: Canvas) -> None:
        self._canvas = canvas

    # -- state ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """New moves (a turn has passed): back to the top of the menu."""
        self.menu = move_menu(self.session)
        self.path = []
        self.serial += 1

    @property
    def entries(self) -> list[MenuEntry]:
        return self._entries_at(self.path)

    def _entries_at(self, path: list[int]) -> list[MenuEntry]:
        entries = self.menu
        for index in path:
            entries = list(entries[index].children)
        return entries

    @property
    def chosen(self) -> MenuEntry | None:
        """The entry whose move is waiting for confirmation, if any."""
        return self._chosen_at(self.path)

    def _chosen_at(self, path: list[int]) -> MenuEntry | None:
        entry = self._opened(path)
        return entry if entry is not None and entry.move is not None else None

    def open(self, index: int) -> bool:
        if self.chosen is not None or not 0 <= index < len(self.entries):
            return False
        self.path.append(index)
        return True

    def back(self) -> bool:
        if not self.path:
            return False
        self.path.pop()
        return True

    def open_path(self, labels: list[str]) -> None:
        """Open the menu along entry labels (e.g. a click on an inbox message)."""
        self.path = []
        for label in labels:
            found = next((i for i, e in enumerate(self.entries) if e.label == label), None)
            if found is None:
                return
            self.path.append(found)

    def confirm(self) -> bool:
        entry = self.chosen
        if entry is None or entry.move is None:
            return False
        self.on_choose(entry.move)
        return True

    def click(self, key: str) -> None:
        if key == "back":
            self.back()
        elif key == "confirm":
            self.confirm()
        elif key.startswith("entry:"):
            self.open(int(key.split(":")[1]))

    def keys(self) -> list[str]:
        return self.canvas.action_keys()

    # -- painting --------------------------------------------------------------------------------
    def paint(self) -> None:
        self.canvas.set_content(*self.layout(), keep_scroll=False)

    def stage(self) -> Generator[Any, None, Callable[[], None]]:
        """`paint()` laid out and composed off screen, a step an entry; returns (as the
        generator's value) the call that shows it (`Canvas.stage`)."""
        painted, regions = yield from self.layout_steps()
        yield COSTLY
        return self.canvas.stage(painted, regions, keep_scroll=False)

    def layout(self, size: tuple[int, int] | None = None) -> tuple[pygame.Surface, list[Region]]:
        """The panel's picture and its regions, as the menu stands, for content `size` (by
        default its canvas's view width and height)."""
        steps = self.layout_steps(size)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                laid: tuple[pygame.Surface, list[Region]] = done.value
                return laid

    def layout_steps(self, size: tuple[int, int] | None = None) -> Generator[Any, None, tuple[pygame.Surface, list[Region]]]:
        """`layout()` in steps (an entry laid out, a part painted)."""
        width, height = size or (self.canvas.view_width, self.canvas.rect.height)
        sheet = self.sheet_for(width)
        yield from self._lay_out(sheet, list(self.path))
        painted = yield from sheet.paint_steps(sheet.pal.bg, height)
        return painted, sheet.regions

    def warm_up(self, width: int, limit: int = WARM_LIMIT) -> Iterator[None]:
        """Lay out, a step an entry, the menus that keys can open from the one open now, nearest
        first (at most `limit`), and throw the sheets away: their texts are then wrapped and
        rendered (`Fonts` keeps both), so a key that opens one repaints the panel from caches,
        even when keys come quickly one after another. For idle frames."""
        waiting = [list(self.path)]
        laid = 0
        while waiting and laid < limit:
            path = waiting.pop(0)
            if self._chosen_at(path) is not None:
                continue
            for index in range(min(len(self._entries_at(path)), 9)):
                yield from self._lay_out(self.sheet_for(width), [*path, index])
                waiting.append([*path, index])
                laid += 1

    def _lay_out(self, sheet: Sheet, path: list[int]) -> Iterator[None]:
        self._header(sheet, path)
        yield
        chosen = self._chosen_at(path)
        if chosen is not None and chosen.move is not None:
            self._confirmation(sheet, chosen.move)
            return
        entries = self._entries_at(path)
        for index, entry in enumerate(entries):
            self._entry(sheet, index, entry, top_level=not path)
            yield
        if not entries:
            sheet.text("body", "No moves are open now.", sheet.pal.muted)

    def _header(self, sheet: Sheet, path: list[int]) -> None:
        pal = sheet.pal
        if not path:
            sheet.text("caps", "YOUR MOVES", pal.muted)
            sheet.text("small", "Pick a kind of move with its number, or Tab and Enter.", pal.muted)
            sheet.space(10)
            return
        trail, entries = [], self.menu
        for index in path:
            trail.append(entries[index].label)
            entries = list(entries[index].children)
        top = sheet.y
        sheet.text("small_b", "\u2039 Back  (Backspace)", pal.accent)
        back_rect = pygame.Rect(
            sheet.pad, top - sheet.u(4), sheet.fonts.width("small_b", "\u2039 Back  (Backspace)") + sheet.u(12), sheet.y - top + sheet.u(8)
        )
        sheet.region(back_rect, key="back")
        sheet.space(6)
        sheet.text("caps", " \u203a ".join(t.upper() for t in trail[:-1]) or "YOUR MOVES", pal.muted)
        sheet.text("h2", trail[-1], pal.heading)
        opened = self._opened(path)
        if opened is not None and opened.intro and self._chosen_at(path) is None:
            # a message's original wording and substance, to compare with each way of relaying it
            sheet.space(4)
            sheet.text("small", opened.intro, pal.text)
        sheet.space(10)

    def _opened(self, path: list[int]) -> MenuEntry | None:
        entries, entry = self.menu, None
        for index in path:
            entry = entries[index]
            entries = list(entry.children)
        return entry

    def _entry(self, sheet: Sheet, index: int, entry: MenuEntry, *, top_level: bool) -> None:
        fonts, pal = sheet.fonts, sheet.pal
        pad = sheet.u(10)
        top = sheet.y
        under = sheet.mark()
        number_w = fonts.width("small_b", "9") + sheet.u(14)
        text_x = sheet.pad + pad + number_w + sheet.u(8)
        arrow_w = fonts.width("h3", "\u203a") + pad if entry.move is None else 0
        text_w = sheet.width - sheet.pad - text_x - pad - arrow_w
        sheet.y += pad
        sheet.text("body_b", entry.label, pal.text, x=text_x, width=text_w)
        if entry.detail:
            sheet.text("small", entry.detail, pal.muted, x=text_x, width=text_w)
        sheet.y += pad
        card = pygame.Rect(sheet.pad, top, sheet.inner, sheet.y - top)
        sheet.box(card, pal.panel, radius=8, at=under)
        sheet.box(card, pal.border, radius=8, border=1)
        if index < 9:
            chip = pygame.Rect(sheet.pad + pad, top + pad, number_w, fonts.line_height("small_b") + sheet.u(4))
            sheet.box(chip, pal.accent_soft, radius=6)
            sheet.line_text(
                "small_b",
                str(index + 1),
                pal.accent,
                (chip.x + (number_w - fonts.width("small_b", str(index + 1))) // 2, chip.y + sheet.u(2)),
            )
        if entry.move is None:
            arrow = fonts.render("h3", "\u203a", pal.muted)
            sheet.line_text("h3", "\u203a", pal.muted, (card.right - pad - arrow.get_width(), card.centery - arrow.get_height() // 2))
        tooltip = None
        if top_level and entry.label in GROUP_TERMS:
            tooltip = tip(term_tooltip(GROUP_TERMS[entry.label]))
        sheet.region(card, key=f"entry:{index}", tooltip=tooltip)
        sheet.space(8)

    def _confirmation(self, sheet: Sheet, move: Move) -> None:
        fonts, pal = sheet.fonts, sheet.pal
        pad = sheet.u(14)
        top = sheet.y
        under = sheet.mark()
        x, width = sheet.pad + pad, sheet.inner - 2 * pad
        sheet.y += pad
        sheet.text("caps", "YOU ARE ABOUT TO", pal.muted, x=x, width=width)
        sheet.space(2)
        sheet.text("h3", move.label, pal.heading, x=x, width=width)
        sheet.space(8)
        sheet.text("body", move.description, pal.text, x=x, width=width)
        sheet.space(14)
        height = fonts.line_height("body_b") + sheet.u(16)
        confirm_w = fonts.width("body_b", "Confirm  (Enter)") + sheet.u(32)
        back_w = fonts.width("body_b", "Back") + sheet.u(32)
        confirm = pygame.Rect(x, sheet.y, min(confirm_w, width), height)
        back = pygame.Rect(confirm.right + sheet.u(10), sheet.y, back_w, height)
        if back.right > x + width:
            back.topleft = (x, confirm.bottom + sheet.u(8))
        sheet.box(confirm, pal.accent, radius=6)
        sheet.text("body_b", "Confirm  (Enter)", pal.on_accent, x=confirm.x, width=confirm.width, align="center", y=confirm.y + sheet.u(8))
        sheet.box(back, pal.panel, radius=6)
        sheet.box(back, pal.border, radius=6, border=1)
        sheet.text("body_b", "Back", pal.text, x=back.x, width=back.width, align="center", y=back.y + sheet.u(8))
        sheet.region(confirm, key="confirm")
        sheet.region(back, key="back")
        sheet.y = back.bottom + pad
        card = pygame.Rect(sheet.pad, top, sheet.inner, sheet.y - top)
        sheet.box(card, pal.panel, radius=8, at=under)
        sheet.box(card, pal.accent, radius=8, border=2)
