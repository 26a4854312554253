"""The play screen: top bar, parties, map, situation and inbox, and the envoy's moves.

The only way this screen changes the game is `session.choose()`, after a confirmation. The
widgets are created once per layout (resize, settings) and their content is repainted only when
a turn passes or the trainee moves through the menu. The first layout is prepared off screen
over a few frames while the briefing stays up (`staged_build`). A turn's repaint starts on the
frame after the decision and is spread over a few frames, its panels prepared off screen in
small steps, a slice a frame, and shown all at once on the last (no frame shows half a turn); a
key or a click meanwhile finishes it first. Idle frames lay out the menus a key away, so a key
that opens one repaints the moves panel from cached text (`warm_up`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pygame

from game.authoring.watch import POLL_SECONDS
from game.engine.outcome import FiredEvent, Move
from game.frontends.gui.canvas import SCROLLBAR, prepare
from game.frontends.gui.focus import Stop
from game.frontends.gui.map_view import paint_map
from game.frontends.gui.moves_panel import MovesPanel
from game.frontends.gui.party_panel import paint_parties
from game.frontends.gui.scene import COSTLY, NEXT_FRAME, Host, Scene, Steps, in_slices
from game.frontends.gui.situation_panel import paint_situation
from game.frontends.gui.top_bar import paint_top_bar
from game.frontends.watching import LiveWatch

if TYPE_CHECKING:
    from game.frontends.gui.canvas import Canvas

WIDE_UNITS = 1000
"""Below this window width (in pixels at 100 % text) the play screen uses the compact layout."""
TABS = (("situation", "Situation"), ("parties", "Parties"), ("map", "Map"))
TAB_KEYS = {pygame.K_s: "situation", pygame.K_p: "parties", pygame.K_m: "map"}
EVENT_KINDS = {
    "leak": "LEAK",
    "incident": "INCIDENT",
    "spoiler": "SPOILER",
    "consent_withdrawn": "CONSENT WITHDRAWN",
    "approach": "APPROACH",
    "council": "COUNCIL",
    "news": "NEWS",
}
SHOWN_ERRORS = 8
"""An invalid save's dialog lists this many errors at most (`good-offices validate` lists all)."""
WARM_SLICE_S = 0.0015
"""An idle frame lays out menus ahead (`PlayScene.warm_up`) for about this long."""
DIGITS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)} | {getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)}


class PlayScene(Scene):
    name = "play"
    staged = True

    def __init__(self, app: Host, *, show_opening: bool = True, watch: LiveWatch | None = None) -> None:
        super().__init__(app)
        assert app.live is not None
        self.session = app.live.session
        self.watch = watch or (LiveWatch(app.live) if app.watching else None)
        """With `play --watch`: the scenario file, looked at twice a second while this screen is on top."""
        self.unlooked = 0.0
        self.events: list[FiredEvent] = list(self.session.opening.events) if show_opening else []
        self.path: list[int] = []
        self.panel: MovesPanel | None = None
        self.tab = "situation"
        self.tabs: Canvas | None = None
        self.compact = False
        self.dialog_frame: int | None = None
        self.bar_compact = False
        self.turn_steps: Iterator[None] | None = None
        """The repaint of the last turn, while it is being prepared (a slice a frame)."""
        self.turn_chosen = -1
        """The frame on which the last decision was made (its repaint starts on the next)."""
        self.painted = -1
        """The frame on which the moves panel was last repainted."""
        self.warming: Iterator[None] | None = None
        self.warmed: tuple[MovesPanel, int, tuple[int, ...]] | None = None
        """The menus one key away laid out on idle frames (`MovesPanel.warm_up`), and for which
        menu and place in it."""

    # -- layout ----------------------------------------------------------------------------------
    def build(self) -> None:
        if self.turn_steps is not None:  # a new layout paints the turn whole
            self.turn_steps = None
            self.dialog_frame = self.app.frames + 1
        super().build()

    def staged_build(self) -> Steps:
        """The layout and every panel are prepared off screen, a step at a time, then the widgets
        are made at once from them (the briefing, or the last turn, stays up meanwhile)."""
        app = self.app
        width, height = app.size
        gap = app.u(12)
        self.compact = width / app.fonts.scale < WIDE_UNITS
        for short, bar_compact in ((False, False), (True, False), (True, True)):
            if self.compact and not bar_compact:
                continue
            buttons = [
                ("History" if short else "History  (H)", self.open_history, "Every decision so far (H)"),
                ("Menu" if short else "Menu  (Esc)", self.open_pause, "Pause, settings, save and quit (Esc)"),
            ]
            self.reserve = sum(self.button_width(label) for label, _, _ in buttons) + gap * (len(buttons) + 1)
            self.bar_compact = bar_compact
            bar = self.sheet(width)
            paint_top_bar(bar, self.session, reserve=self.reserve, compact=bar_compact)
            bar_h = bar.height()
            yield
            if len({r.rect.y for r in bar.regions}) <= 2 and not bar_compact:
                break
        bar_rect = pygame.Rect(0, 0, width, bar_h)
        bar_painted = yield from bar.paint_steps(app.pal.bar_bg)
        yield COSTLY
        bar_ready = prepare(bar_rect, app.pal, bar_painted, bar.regions, app.pal.bar_bg)
        yield
        top = bar_h + gap
        body_h = height - top - gap
        if self.compact:
            right_w = max(round(width * 0.44), 300)
            main_w = width - 3 * gap - right_w
            tabs_h = self.tab_layout(main_w)[1]
            tabs_rect = pygame.Rect(gap, top, main_w, tabs_h)
            area = pygame.Rect(gap, top + tabs_h + app.u(6), main_w, body_h - tabs_h - app.u(6))
            parties_rect = map_rect = situation_rect = area
        else:
            left_w = max(250, min(round(width * 0.24), 340))
            right_w = max(300, min(round(width * 0.30), 430))
            centre_x = gap + left_w + gap
            centre_w = width - centre_x - gap - right_w - gap
            parties_rect = pygame.Rect(gap, top, left_w, body_h)
            map_h = max(150, min(round(body_h * 0.40), 300))
            map_rect = pygame.Rect(centre_x, top, centre_w, map_h)
            situation_top = top + map_h + gap
            situation_rect = pygame.Rect(centre_x, situation_top, centre_w, height - situation_top - gap)
        parties = self.sheet(parties_rect.width - SCROLLBAR - 4)  # a canvas's view_width
        paint_parties(parties, self.session)
        parties_painted = yield from parties.paint_steps(None)
        yield COSTLY
        parties_ready = prepare(parties_rect, app.pal, parties_painted, parties.regions)
        yield NEXT_FRAME  # placing the map's labels takes a frame's share of its own
        map_sheet = self.sheet(map_rect.width)
        map_layout = paint_map(map_sheet, self.session, map_rect.height)
        map_painted = yield from map_sheet.paint_steps(None)
        yield COSTLY
        map_ready = prepare(map_rect, app.pal, map_painted, map_sheet.regions)
        yield
        situation = self.sheet(situation_rect.width - SCROLLBAR - 4, 0)
        yield from paint_situation(situation, self.session)
        situation_painted = yield from situation.paint_steps(None)
        yield COSTLY
        situation_ready = prepare(situation_rect, app.pal, situation_painted, situation.regions)
        yield
        moves_rect = pygame.Rect(width - gap - right_w, top, right_w, body_h)
        panel = MovesPanel(self.session, None, lambda w: self.sheet(w), self.choose)
        panel.path = list(self.path)
        moves_painted, moves_regions = yield from panel.layout_steps((moves_rect.width - SCROLLBAR - 4, moves_rect.height))
        yield COSTLY
        moves_ready = prepare(moves_rect, app.pal, moves_painted, moves_regions)
        yield NEXT_FRAME  # every widget, on a frame of its own
        # the widgets, all on this last step, from what the steps before prepared
        self.bar = self.add_canvas(bar_rect, background=app.pal.bar_bg)
        self.bar.show_prepared(bar_ready)
        button_h = app.fonts.line_height("body_b") + app.u(14)
        first_row = app.fonts.line_height("h3") + (0 if self.bar_compact else app.fonts.line_height("caps")) + app.u(18)
        x = width - gap
        for label, action, tooltip in reversed(buttons):
            w = self.button_width(label)
            x -= w
            self.add_button(
                pygame.Rect(x, max(app.u(6), (first_row - button_h) // 2), w, button_h), label, action, kind="bar_button", tooltip=tooltip
            )
            x -= gap
        if self.compact:
            self.tabs = self.add_canvas(tabs_rect, on_click=self.click_tab)
        else:
            self.tabs = None
        self.parties = self.add_canvas(parties_rect)
        self.map = self.add_canvas(map_rect)
        self.situation = self.add_canvas(situation_rect, on_click=self.click_situation)
        self.moves = self.add_canvas(moves_rect, on_click=self.click_move)
        self.moves.show_prepared(moves_ready)
        panel.attach(self.moves)
        self.panel = panel
        self.warming = None
        self.parties.show_prepared(parties_ready)
        self.map_layout = map_layout
        self.map.show_prepared(map_ready)
        self.situation.show_prepared(situation_ready)
        self.show_tab(self.tab)
        self.paint_moves(painted=True)
        if self.events and self.dialog_frame is None:  # the opening's dialogs, from the next frame on
            self.dialog_frame = self.app.frames + 1

    def show_tab(self, tab: str) -> None:
        """In the compact layout one of situation, parties and map fills the left side."""
        self.tab = tab
        if self.tabs is None:
            return
        for name, canvas in (("situation", self.situation), ("parties", self.parties), ("map", self.map)):
            if name == tab:
                canvas.show()
            else:
                canvas.hide()
        sheet = self.sheet(self.tabs.rect.width)
        pal = sheet.pal
        places, height = self.tab_layout(self.tabs.rect.width)
        for (name, _), (rect, text) in zip(TABS, places, strict=True):
            w = rect.width
            active = name == tab
            sheet.box(rect, pal.panel if active else pal.bg, radius=6)
            sheet.box(rect, pal.accent if active else pal.border, radius=6, border=2 if active else 1)
            sheet.text("body_b", text, pal.accent if active else pal.muted, x=rect.x, width=w, align="center", y=rect.y + sheet.u(8))
            sheet.region(rect, key=f"tab:{name}")
        self.tabs.set_content(sheet.paint(None, height), sheet.regions)

    def tab_layout(self, width: int) -> tuple[list[tuple[pygame.Rect, str]], int]:
        """Where the tabs go: with their key in the label if that fits, on two rows if need be."""
        fonts = self.app.fonts
        row_h = fonts.line_height("body_b") + self.app.u(16)
        gap = self.app.u(6)
        for with_keys in (True, False):
            texts = [f"{label} ({label[0]})" if with_keys else label for _, label in TABS]
            widths = [fonts.width("body_b", t) + self.app.u(24) for t in texts]
            if sum(widths) + gap * (len(widths) - 1) <= width:
                break
        places, x, y = [], 0, 0
        for text, w in zip(texts, widths, strict=True):
            if x and x + w > width:
                x, y = 0, y + row_h + gap
            places.append((pygame.Rect(x, y, min(w, width), row_h), text))
            x += w + gap
        return places, y + row_h

    def click_tab(self, key: str) -> None:
        if key.startswith("tab:"):
            self.finish_turn()
            self.show_tab(key.split(":", 1)[1])
            self.paint_moves()

    def turn_repaint(self) -> Steps:
        """The repaint after a decision in small steps (a panel laid out, painted, composed off
        screen), grouped a slice a frame by `step_turn`; the last step shows them all at once.
        The top bar growing taller rebuilds the layout, in steps too."""
        bar = self.sheet(self.app.size[0])
        paint_top_bar(bar, self.session, reserve=self.reserve, compact=self.bar_compact)
        if bar.height() > self.bar.rect.height:  # a taller bar moves every panel: a new layout, over frames
            index, key = self.focus.index, self.focus.current.key if self.focus.current else None
            for _ in self.rebuild_in_steps():  # already in slices: each one a frame
                yield NEXT_FRAME
            self.restore_focus(index, key)
            return
        # a shorter one keeps the bar's height (no layout change, no jump), so the layout is
        # rebuilt at most as often as the bar grows
        yield
        bar_painted = yield from bar.paint_steps(self.app.pal.bar_bg, self.bar.rect.height)
        yield COSTLY
        shows: list[Callable[[], None]] = [self.bar.stage(bar_painted, bar.regions)]
        yield
        parties = self.sheet(self.parties.view_width)
        paint_parties(parties, self.session)
        parties_painted = yield from parties.paint_steps(None)
        yield COSTLY
        shows.append(self.parties.stage(parties_painted, parties.regions))
        yield COSTLY  # placing the map's labels (when they moved)
        map_sheet = self.sheet(self.map.rect.width)
        map_layout = paint_map(map_sheet, self.session, self.map.rect.height)
        map_painted = yield from map_sheet.paint_steps(None)
        yield COSTLY
        shows.append(self.map.stage(map_painted, map_sheet.regions))
        yield
        situation = self.sheet(self.situation.view_width, 0)
        yield from paint_situation(situation, self.session)
        situation_painted = yield from situation.paint_steps(None)
        yield COSTLY
        shows.append(self.situation.stage(situation_painted, situation.regions, keep_scroll=False))
        yield
        assert self.panel is not None
        shows.append((yield from self.panel.stage()))
        yield NEXT_FRAME  # shown together, on a frame of their own
        for show in shows:
            show()
        self.map_layout = map_layout
        self.show_tab(self.tab)
        self.paint_moves(painted=True)

    def finish_turn(self) -> None:
        """Show the last turn's repaint now (before a key or a click acts on the screen)."""
        while self.turn_steps is not None:
            self.step_turn()

    def step_turn(self) -> None:
        if self.turn_steps is not None and next(self.turn_steps, StopIteration) is StopIteration:
            self.turn_steps = None
            # the frame between the repaint and the dialog keeps the picture the dialog covers
            # (frame.py), so neither frame does both
            self.dialog_frame = self.app.frames + 2

    def paint_moves(self, *, painted: bool = False) -> None:
        """Repaint the moves panel (unless `painted`: shown already) and take its focus stops."""
        assert self.panel is not None
        self.painted = self.app.frames  # a frame that repaints the panel lays out nothing ahead
        if not painted:
            self.panel.paint()
        self.path = list(self.panel.path)
        stops = [
            Stop(key, self._click_action(self.moves, key), canvas=self.moves)
            for key in self.moves.action_keys()
            if key != "back" or self.panel.chosen is None
        ]
        if self.tabs is not None:
            stops += [Stop(key, self._click_action(self.tabs, key), canvas=self.tabs) for key in self.tabs.action_keys()]
        if self.tabs is None or self.tab == "situation":
            stops += [Stop(key, self._click_action(self.situation, key), canvas=self.situation) for key in self.situation.action_keys()]
        stops += [s for s in self.focus.stops if s.button is not None] or self.take_button_stops()
        self.focus.set(stops)

    def _click_action(self, canvas, key: str):  # type: ignore[no-untyped-def]
        return lambda: canvas.on_click(key)

    # -- acting ----------------------------------------------------------------------------------
    def click_move(self, key: str) -> None:
        assert self.panel is not None
        self.finish_turn()
        self.panel.click(key)
        if self.app.top is self and not self.session.is_over and self.panel is not None:
            self.paint_moves()

    def click_situation(self, key: str) -> None:
        if not key.startswith("inbox:") or self.panel is None:
            return
        self.finish_turn()
        message = self.session.scenario.messages[key.split(":", 1)[1]]
        self.panel.open_path(["Messages", message.summary])
        self.paint_moves()

    def choose(self, move: Move) -> None:
        try:
            outcome = self.session.choose(move.key)
        except OSError as exc:  # a full disk, a vanished folder: the earlier decisions are in the log
            self._cannot_save(exc)
            return
        self.path = []
        self.tab = "situation"
        assert self.panel is not None
        self.panel.refresh()
        self.events = list(outcome.events)
        self.dialog_frame = None
        self.turn_steps = in_slices(self.turn_repaint())
        self.turn_chosen = self.app.frames  # the repaint starts on the next frame: this one played the turn

    def update(self, dt: float) -> None:
        if self.watch is not None and self.turn_steps is None:
            self.unlooked += dt
            if self.unlooked >= POLL_SECONDS:
                self.unlooked = 0.0
                if self.follow():
                    return
        if self.turn_chosen != self.app.frames:
            self.step_turn()
        # The dialogs of a decision open on the frame after its repaint, so no frame does both.
        if self.dialog_frame is not None and self.app.frames >= self.dialog_frame and self.app.top is self:
            self.dialog_frame = None
            self.next_dialog()
        elif self.turn_steps is None and self.dialog_frame is None and self.app.top is self and self.painted != self.app.frames:
            self.warm_up()

    def warm_up(self) -> None:
        """On an idle frame, a slice of laying out the menus one key away, so the key that
        opens one repaints the panel from cached text; started again whenever the menu moves."""
        if self.panel is None or self.session.is_over:
            return
        place = (self.panel, self.panel.serial, tuple(self.panel.path))
        if place != self.warmed:
            self.warmed = place
            self.warming = in_slices(self.panel.warm_up(self.moves.view_width), WARM_SLICE_S)
        if self.warming is not None and next(self.warming, StopIteration) is StopIteration:
            self.warming = None

    def follow(self) -> bool:
        """Look at the watched file; after a save, a dialog says what happened. A valid file
        replaces this screen with one on the rebuilt session; an invalid one keeps it. Returns
        True when this screen was replaced."""
        assert self.watch is not None
        try:
            reload = self.watch.poll()
        except OSError as exc:  # the fresh log could not be written
            self._cannot_save(exc)
            return False
        if reload is None:
            return False
        if reload.session is None:
            errors = [p.render() for p in reload.problems if p.is_error]
            shown = errors[:SHOWN_ERRORS] + ([f"... and {len(errors) - SHOWN_ERRORS} more"] if len(errors) > SHOWN_ERRORS else [])
            self.app.open(
                "dialog",
                kicker="SCENARIO NOT RELOADED",
                title="The saved file has errors",
                body="\n".join([reload.summary(), "", *shown]),
                buttons=[("Keep playing", lambda: None)],
                name="watch",
            )
            return False
        self.app.live = self.watch.live
        scene = self.app.go("play", show_opening=False, watch=self.watch)
        assert isinstance(scene, PlayScene)
        self.app.open(
            "dialog",
            kicker="SCENARIO RELOADED",
            title="Replayed to the same point" if reload.kind == "replayed" else "The replay stopped",
            body=f"{reload.summary()}\n\nA fresh session log, with the moves replayed: {self.watch.live.log_path}",
            buttons=[("Continue", scene.next_dialog)],
            name="watch",
        )
        return True

    def next_dialog(self) -> None:
        if self.events:
            self._event_dialog(self.events.pop(0))
        elif self.session.is_over:
            self.app.go("ending")

    def _cannot_save(self, exc: OSError) -> None:
        where = self.app.live.log_path if self.app.live is not None else "the session log"
        self.app.open(
            "dialog",
            kicker="NOT SAVED",
            title="This decision could not be saved",
            body=f"{exc.strerror or exc}. Every decision before it is in {where}. Free some space, then start the game again: "
            "it offers to resume, or use good-offices play --resume with that file.",
            buttons=[("Quit", self.app.quit)],
        )

    def _event_dialog(self, event: FiredEvent) -> None:
        self.app.open(
            "dialog",
            kicker=EVENT_KINDS.get(event.kind, event.kind.upper()),
            title=event.title,
            body=event.text,
            buttons=[("Continue", self.next_dialog)],
            name="event",
        )

    def open_history(self) -> None:
        self.app.open("history", session=self.session)

    def open_glossary(self) -> None:
        self.app.open("glossary")

    def open_pause(self) -> None:
        self.app.open("pause")

    # -- keys ------------------------------------------------------------------------------------
    def key(self, event: pygame.event.Event) -> bool:
        assert self.panel is not None
        self.finish_turn()
        if event.key in DIGITS:
            if self.panel.open(DIGITS[event.key] - 1):
                self.paint_moves()
            return True
        if event.key == pygame.K_BACKSPACE:
            if self.panel.back():
                self.paint_moves()
            return True
        if event.key == pygame.K_h:
            self.open_history()
            return True
        if event.key == pygame.K_g:
            self.open_glossary()
            return True
        if event.key in TAB_KEYS and self.tabs is not None:
            self.show_tab(TAB_KEYS[event.key])
            self.paint_moves()
            return True
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.situation.scroll_by(self.situation.rect.height * 2 // 3 * (1 if event.key == pygame.K_PAGEDOWN else -1))
            return True
        return super().key(event)

    def default_action(self) -> bool:
        return self.panel is not None and self.panel.confirm()

    def escape(self) -> bool:
        if self.panel is not None and self.panel.back():
            self.paint_moves()
        else:
            self.open_pause()
        return True
