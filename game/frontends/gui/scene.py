"""Scenes: one screen each, kept on a stack (push an overlay, pop it, replace the screen).

A scene builds its widgets for the window's current size in `build()` and kills them in
`clear()`; the app calls `rebuild()` on resize and on a settings change, never per frame.
`draw()` paints only what lies under the widgets and never changes game state.

Scenes never import each other: they move by name (`app.go("debrief", ...)` replaces the
screen, `app.open("settings")` lays a scene over it), and the app builds the scene from the one
registry in `scenes.py`. A scene sees the app only through the `Host` protocol below, so this
module does not import `app.py`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pygame
import pygame_gui
from pygame_gui.core import UIElement
from pygame_gui.elements import UIButton

from game.frontends.gui.canvas import Canvas
from game.frontends.gui.focus import FocusRing, Stop
from game.frontends.gui.sheet import Sheet

if TYPE_CHECKING:
    from game.frontends.gui.settings import Settings
    from game.frontends.gui.text import Fonts
    from game.frontends.gui.theme import Palette
    from game.sessions import LiveSession


SLICE_S = 0.003
"""A staged build works this long on a frame (it stops at the first point past it), so the frame
keeps room for the rest of its work."""


NEXT_FRAME = True
"""What a staged build yields before a costly step (a map's labels placed, every widget made):
that step starts a frame of its own instead of ending one begun by others."""
COSTLY = "costly"
"""What a staged build yields before a step of a millisecond or more (a panel painted or
composed): that step starts a frame of its own unless the frame's slice has barely begun, so
no frame runs one costly step on top of a slice's worth of others."""
Steps = Iterator[Any]
"""A staged build: a bare `yield` between small steps, `yield COSTLY` before a step of a
millisecond or more, `yield NEXT_FRAME` before one that must start a frame."""


def in_slices(steps: Iterator[Any], slice_s: float = SLICE_S) -> Generator[None, None, Any]:
    """`steps` (small ones) grouped into slices of about `slice_s`: yields once per slice;
    returns what `steps` returned."""
    began = time.perf_counter()
    while True:
        try:
            mark = next(steps)
        except StopIteration as done:
            return done.value
        spent = time.perf_counter() - began
        if mark is NEXT_FRAME or spent >= slice_s or (mark is COSTLY and spent >= slice_s / 3):
            yield
            began = time.perf_counter()


class Host(Protocol):
    """The window as a scene sees it (`app.App` is the one implementation)."""

    settings: Settings
    settings_file: Path
    log_dir: Path
    seed: int | None
    live: LiveSession | None
    trainee: str | None
    watching: bool
    notice: str
    fonts: Fonts
    pal: Palette
    manager: pygame_gui.UIManager
    screen: pygame.Surface
    scenes: list[Scene]
    frames: int

    @property
    def size(self) -> tuple[int, int]: ...
    @property
    def top(self) -> Scene: ...
    def u(self, pixels: float) -> int: ...
    def go(self, name: str, /, **details: Any) -> Scene: ...
    def prepare(self, steps: Generator[Any, None, Callable[[], object] | None]) -> None: ...
    def open(self, name: str, /, **details: Any) -> Scene: ...
    def push(self, scene: Scene) -> None: ...
    def pop(self) -> None: ...
    def apply_settings(self, new: Settings) -> None: ...
    def remember(self, **changes: object) -> None: ...
    def close_session(self) -> None: ...
    def quit(self) -> None: ...


class Scene:
    name = "scene"
    overlay = False
    staged = False
    """Built in steps (`staged_build`), one a frame, when a key or a click changes the screen to
    this one: the screen before stays up meanwhile and the new one is shown whole (`App.go`)."""
    shown_next_frame = False
    """An overlay built on one frame and shown on the next (`App.open`), so no frame both builds
    it and paints it (a dialog or drawer opens within one frame's budget)."""

    def __init__(self, app: Host) -> None:
        self.app = app
        self.ui: list[UIElement] = []
        self.actions: dict[UIElement, Callable[[], None]] = {}
        self.focus = FocusRing()
        self.hidden = False
        self.base = 0
        """Layer of this scene's widgets: each scene on the stack draws above the ones below."""

    # -- life cycle ----------------------------------------------------------------------------
    def enter(self) -> None:
        self.build()

    def exit(self) -> None:
        self.clear()

    def resume(self) -> None:
        """The overlay above was popped; this scene is on top again."""

    def build(self) -> None:
        """Create the widgets for `self.app.size` (a staged scene: all its steps at once)."""
        if self.staged:
            for _ in self.staged_build():
                pass

    def staged_build(self) -> Steps:
        """`build()` in small steps (a block of text laid out, a panel painted off screen),
        yielding between them; the window runs as many as fit in a slice of a frame
        (`in_slices`). The steps before the last create no widget: the last creates them all,
        from what the others prepared, and the screen changes on that frame alone. A scene that
        is not staged builds in one step."""
        self.build()
        yield from ()

    def rebuild_in_steps(self) -> Iterator[None]:
        """`rebuild()` over several frames: the old widgets stay on screen while the new content
        is prepared, a step a frame; the frame of the last step replaces them whole."""
        old = self.ui
        self.ui, self.actions, self.focus = [], {}, FocusRing()
        self._pending_stops.clear()
        try:
            for _ in in_slices(self.staged_build()):
                assert not self.ui, f"{self.name}: a step before the last created a widget"
                yield
        finally:  # also when dropped half way (a resize rebuilds at once, the screen is left)
            for element in old:
                element.kill()
        if self.hidden:
            self.set_hidden(True)

    def clear(self) -> None:
        for element in self.ui:
            element.kill()
        self.ui = []
        self.actions = {}
        self.focus = FocusRing()

    def rebuild(self) -> None:
        index, key = self.focus.index, self.focus.current.key if self.focus.current else None
        self.clear()
        self.build()
        self.restore_focus(index, key)
        if self.hidden:
            self.set_hidden(True)

    def set_hidden(self, hidden: bool) -> None:
        """Hide the widgets while a full screen is pushed over this one (shown again on return)."""
        self.hidden = hidden
        for element in self.ui:
            if hidden:
                element.hide()
            else:
                element.show()

    def restore_focus(self, index: int, key: str | None = None) -> None:
        """Focus the stop that had it before a rebuild: the same key if it is still there (the
        "Larger" button stays focused when "Smaller" appears before it), else the same place."""
        keys = [stop.key for stop in self.focus.stops]
        if key not in keys:
            key = keys[index] if 0 <= index < len(keys) else None
        if key is not None and (self.focus.current is None or self.focus.current.key != key):
            self.focus.focus_key(key)

    # -- input -----------------------------------------------------------------------------------
    def key(self, event: pygame.event.Event) -> bool:
        """A key press no widget took; returns True when the scene used it."""
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        if event.key == pygame.K_TAB:
            self.focus.move(-1 if shift else 1)
            return True
        if event.key in (pygame.K_DOWN, pygame.K_RIGHT):
            self.focus.move(1)
            return True
        if event.key in (pygame.K_UP, pygame.K_LEFT):
            self.focus.move(-1)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return self.focus.activate() or self.default_action()
        if event.key == pygame.K_ESCAPE:
            return self.escape()
        return False

    def default_action(self) -> bool:
        """Enter with nothing focused."""
        return False

    def escape(self) -> bool:
        return False

    def ui_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.actions:
            self.actions[event.ui_element]()

    def update(self, dt: float) -> None:
        """Per-frame work; small by design (no widget rebuilds here)."""

    def draw(self, surface: pygame.Surface) -> None:
        if not self.overlay:
            surface.fill(self.app.pal.bg)

    # -- helpers ---------------------------------------------------------------------------------
    def add_button(
        self,
        rect: pygame.Rect,
        text: str,
        action: Callable[[], None],
        *,
        kind: str | None = None,
        tooltip: str | None = None,
        layer: int = 1,
        focus: bool = True,
    ) -> UIButton:
        button = UIButton(
            rect,
            text,
            self.app.manager,
            tool_tip_text=tooltip,
            starting_height=self.base + layer,
            object_id=f"#{kind}" if kind else None,
        )
        self.ui.append(button)
        self.actions[button] = action
        if focus:
            self._pending_stops.append(Stop(f"button:{text}", action, button=button))
        return button

    def add_canvas(self, rect: pygame.Rect, *, layer: int = 1, **kwargs: object) -> Canvas:
        canvas = Canvas(rect, self.app.manager, self.app.pal, layer=self.base + layer, **kwargs)  # type: ignore[arg-type]
        self.ui.append(canvas)
        return canvas

    def sheet(self, width: int, pad: float = 0) -> Sheet:
        return Sheet(self.app.fonts, self.app.pal, width, self.app.u(pad))

    def button_width(self, text: str) -> int:
        return self.app.fonts.width("body_b", text) + self.app.u(36)

    @property
    def _pending_stops(self) -> list[Stop]:
        if not hasattr(self, "_stops_buffer"):
            self._stops_buffer: list[Stop] = []
        return self._stops_buffer

    def take_button_stops(self) -> list[Stop]:
        stops = list(self._pending_stops)
        self._pending_stops.clear()
        return stops
