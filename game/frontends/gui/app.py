"""The game window: one pygame display, one pygame_gui manager, a stack of scenes.

`step()` runs exactly one frame (events, update, draw) without waiting, so tests and the
benchmark drive the window frame by frame; `run()` is the same loop paced at 60 frames a second.
A frame repaints and sends to the display only the rectangles that changed, and nothing when
nothing did (frame.py). A key or a click that changes the screen to a staged one (`Scene.staged`)
builds it a step a frame while the screen before stays up, frozen, then shows it whole; the
input that comes meanwhile is kept for the new screen.
The session log is the save: closing the window at any moment loses nothing already chosen.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
import time
import warnings
from collections.abc import Callable, Generator, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game.frontends.gui.frame import FrameChanges
from game.frontends.gui.scene import Scene, in_slices
from game.frontends.gui.scenes import SCENES
from game.frontends.gui.settings import Settings, load_settings, save_settings, settings_path
from game.frontends.gui.shapes import use_tiles
from game.frontends.gui.text import Fonts
from game.frontends.gui.theme import palette, theme_data
from game.logshelf import default_log_dir
from game.resources import asset

if TYPE_CHECKING:
    from game.sessions import LiveSession

DEFAULT_SIZE = (1280, 720)
MINIMUM_SIZE = (1024, 600)
UI_EVENTS = {
    pygame_gui.UI_BUTTON_PRESSED,
    pygame_gui.UI_TEXT_ENTRY_FINISHED,
    pygame_gui.UI_TEXT_ENTRY_CHANGED,
    pygame_gui.UI_FILE_DIALOG_PATH_PICKED,
    pygame_gui.UI_WINDOW_CLOSE,
}


HEADLESS_DRIVERS = ("offscreen", "dummy")
IDLE_S = 0.001
"""A frame that has worked less than this before drawing is idle (`FrameChanges.plan`)."""


class NoDisplay(RuntimeError):
    """No screen to open a window on (a server, an SSH session without X forwarding)."""


def check_display() -> None:
    """On Linux and the BSDs, a window needs X11 or Wayland; say so before SDL probes (and
    prints its own noise) when neither is there. An explicit SDL_VIDEODRIVER is trusted."""
    if os.environ.get("SDL_VIDEODRIVER"):
        return
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            raise NoDisplay("neither DISPLAY nor WAYLAND_DISPLAY is set")


class App:
    def __init__(
        self,
        *,
        settings_file: Path | None = None,
        log_dir: Path | None = None,
        seed: int | None = None,
        size: tuple[int, int] | None = None,
        trainee: str | None = None,
        scenes: Mapping[str, Callable[..., Scene]] = SCENES,
        watch: bool = False,
    ) -> None:
        self.registry = scenes
        self.watching = watch
        """`play --watch`: the play screen follows the scenario file (reloads it on each save)."""
        self.trainee = trainee
        """The name given on the command line: the window then does not ask for it."""
        self.settings_file = settings_file or settings_path()
        self.settings: Settings = load_settings(self.settings_file)
        self.log_dir = log_dir or default_log_dir()
        self.seed = seed
        self.live: LiveSession | None = None
        self.notice = ""
        self.scenes: list[Scene] = []
        self.running = True
        self.frames = 0
        self.changes = FrameChanges()
        self.showing: list[Scene] = []
        """Overlays opened on the last frame, to be shown on this one (`Scene.shown_next_frame`)."""
        self.coming: tuple[Scene | None, Iterator[None]] | None = None
        """A staged screen being built, a slice a frame, to replace every scene once built; or
        (no scene) work behind a key that must be done here, a slice a frame (`prepare`)."""
        self.laying = False
        """The screen on its way is laid over the others (`open`), not in their place (`go`)."""
        self.held: list[pygame.event.Event] = []
        """Input that came while a screen was being built, for that screen."""
        self._in_frame = False
        self._began = 0.0
        self.frozen = False
        """The window keeps its picture as it is (a new look being built behind it: `_restyle`)."""
        os.environ.setdefault("SDL_VIDEO_WINDOW_POS", "centered")
        check_display()
        try:
            pygame.display.init()
            if pygame.display.get_driver() == "x11":
                # SDL draws an X11 window through OpenGL by default, re-sending the whole window
                # on every update; without a GPU (Mesa's software GL: VMs, remote desktops, Xvfb)
                # that costs several ms a frame, however little changed. X11's own shared-memory
                # path sends only the changed rectangles. Read when the window is created.
                os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
            if pygame.display.get_driver() in HEADLESS_DRIVERS and os.environ.get("SDL_VIDEODRIVER") != pygame.display.get_driver():
                pygame.display.quit()
                raise NoDisplay("only an off-screen video driver was found")
            pygame.font.init()
            self.screen = self._open_window(size or DEFAULT_SIZE)
        except pygame.error as exc:
            raise NoDisplay(str(exc) or "no video device") from None
        pygame.display.set_caption("Good Offices")
        with contextlib.suppress(pygame.error, OSError):
            pygame.display.set_icon(pygame.image.load(str(asset("good-offices.png"))))
        pygame.key.set_repeat(400, 40)
        self.clock = pygame.time.Clock()
        use_tiles()  # pygame_gui's rounded widgets drawn from tiles: a screen of buttons comes up in a frame
        self._style()

    # -- window and style ----------------------------------------------------------------------
    def _open_window(self, size: tuple[int, int]) -> pygame.Surface:
        self.changes.invalidate()
        if self.settings.fullscreen and os.environ.get("SDL_VIDEODRIVER") != "dummy":
            screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            size = (max(size[0], MINIMUM_SIZE[0]), max(size[1], MINIMUM_SIZE[1]))
            screen = pygame.display.set_mode(size, pygame.RESIZABLE)
            with warnings.catch_warnings():  # the only way to reach the display's window in 2.5
                warnings.simplefilter("ignore", DeprecationWarning)
                with contextlib.suppress(AttributeError, pygame.error):
                    pygame.Window.from_display_module().minimum_size = MINIMUM_SIZE
        return screen

    def _style(self) -> None:
        scale = self.settings.text_scale
        self.fonts = Fonts(scale)
        self.pal = palette(self.settings.high_contrast)
        self.manager = pygame_gui.UIManager(
            self.screen.get_size(), theme_data(self.settings.high_contrast, scale), enable_live_theme_updates=False
        )
        self.fonts.preload()  # a font loaded on first use would stall the frame that needs it

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    def u(self, pixels: float) -> int:
        """A spacing that grows (gently) with the text size."""
        return round(pixels * self.fonts.space)

    def apply_settings(self, new: Settings) -> None:
        old, self.settings = self.settings, new
        problem = save_settings(new, self.settings_file)
        if problem:
            self.notice = problem
        if (old.text_size, old.high_contrast, old.fullscreen) == (new.text_size, new.high_contrast, new.fullscreen):
            return
        self.arrive()
        if old.fullscreen != new.fullscreen:
            self.screen = self._open_window(DEFAULT_SIZE)
        self.prepare(self._restyle())

    def _restyle(self) -> Generator[Any, None, None]:
        """Every scene rebuilt in the new look, a slice a frame, behind the picture of the old
        one (`frozen`), then shown whole: the new theme alone takes about 25 ms, and the play
        screen's rebuild about 45 more, too much for one frame."""
        focused = [(scene.focus.index, scene.focus.current.key if scene.focus.current else None) for scene in self.scenes]
        self.frozen = True
        try:
            for scene in self.scenes:
                scene.clear()
            self._style()
            yield
            for scene, (index, key) in zip(self.scenes, focused, strict=True):
                yield from scene.staged_build()
                scene.restore_focus(index, key)
                if scene.hidden:
                    scene.set_hidden(True)
        finally:
            self.frozen = False
            self.changes.invalidate()

    def remember(self, **changes: object) -> None:
        """Remember a value (trainee name, scenario folder) without touching the look."""
        self.settings = self.settings.with_changes(**changes)
        save_settings(self.settings, self.settings_file)

    def resize(self, size: tuple[int, int]) -> None:
        self.arrive()
        size = (max(size[0], MINIMUM_SIZE[0]), max(size[1], MINIMUM_SIZE[1]))
        if size != self.screen.get_size():
            self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.changes.invalidate()
        self.manager.set_window_resolution(size)
        for scene in list(self.scenes):
            scene.rebuild()

    # -- the scene stack -------------------------------------------------------------------------
    def go(self, name: str, /, **details: Any) -> Scene:
        """Change screen: every scene on the stack goes, the named one takes its place. Within
        a frame (a key, a click) a staged scene is built over the next frames first."""
        scene = self.registry[name](self, **details)
        if scene.staged and self._in_frame:
            self.arrive()
            scene.base = 0
            self.coming = (scene, in_slices(scene.staged_build()))  # its first slice on the next frame
            self.laying = False
        else:
            self.replace(scene)
        return scene

    def prepare(self, steps: Generator[Any, None, Callable[[], object] | None]) -> None:
        """Work behind a key that must be done in this process (a log replayed to resume it),
        a slice a frame while the screen stays up, frozen, and input is held; the callable it
        returns then runs (it changes the screen, or says what went wrong). Outside a frame
        (a test, the start) it is all done at once."""
        self.arrive()
        self.coming = (None, in_slices(steps))
        self.laying = False
        if not self._in_frame:
            self.arrive()

    def _build_coming(self) -> None:
        """One slice of the screen being built or of the work prepared; after the last, the
        screen replaces every scene (the work: what it returned runs)."""
        assert self.coming is not None
        scene, steps = self.coming
        try:
            next(steps)
        except StopIteration as done:
            self.coming = None
            if scene is None:
                if done.value is not None:
                    done.value()
                return
            if self.laying:  # over the scenes there (`open`)
                self.laying = False
                if not scene.overlay:
                    for below in self.scenes:
                        below.set_hidden(True)
            else:  # in place of every scene (`go`)
                while self.scenes:
                    self.scenes.pop().exit()
            self.scenes.append(scene)
            if scene.shown_next_frame and not scene.hidden:  # its widgets made on this frame, shown on the next
                scene.set_hidden(True)
                self.showing.append(scene)
            return
        assert scene is None or not scene.ui, f"{scene.name}: a step before the last created a widget"

    def arrive(self) -> None:
        """Finish building the screen on its way now (before the stack changes otherwise)."""
        while self.coming is not None:
            self._build_coming()

    def open(self, name: str, /, **details: Any) -> Scene:
        """Lay the named scene over the current one (a dialog, a drawer, a menu, the next step).
        Within a frame a staged scene is built over the next frames first."""
        scene = self.registry[name](self, **details)
        if scene.staged and self._in_frame:
            self.arrive()
            scene.base = len(self.scenes) * 10
            self.coming = (scene, in_slices(scene.staged_build()))
            self.laying = True
            return scene
        self.push(scene)
        if scene.shown_next_frame and not scene.hidden:
            scene.set_hidden(True)
            self.showing.append(scene)
        return scene

    @property
    def top(self) -> Scene:
        return self.scenes[-1]

    def push(self, scene: Scene) -> None:
        self.arrive()
        if self.scenes and not scene.overlay:
            for below in self.scenes:
                below.set_hidden(True)
        scene.base = len(self.scenes) * 10
        self.scenes.append(scene)
        scene.enter()

    def pop(self) -> None:
        self.arrive()
        gone = self.scenes.pop()
        gone.exit()
        if not self.scenes:
            return
        if not gone.overlay:
            base = len(self.scenes) - 1
            while base > 0 and self.scenes[base].overlay:
                base -= 1
            for scene in self.scenes[base:]:
                scene.set_hidden(False)
        self.top.resume()

    def replace(self, scene: Scene) -> None:
        """Replace every scene (the screen changes; overlays above it go too)."""
        self.arrive()
        while self.scenes:
            self.scenes.pop().exit()
        self.push(scene)

    def scene_names(self) -> list[str]:
        return [scene.name for scene in self.scenes]

    # -- the loop --------------------------------------------------------------------------------
    def step(self, dt: float = 1 / 60) -> bool:
        """One frame: handle waiting events, update, draw. Returns False once the app has quit."""
        if self.frames == 1:  # the first frame is up: import the other screens in the background
            self._import_scenes()
        for scene in self.showing:  # opened on the last frame: shown on this one
            if scene in self.scenes[self._base_index() :] and scene.hidden:
                scene.set_hidden(False)
        self.showing.clear()
        self._in_frame = True
        self._began = time.perf_counter()
        try:
            waiting = self.coming is not None  # a screen on its way before this frame's input
            events = pygame.event.get()
            if self.coming is None and self.held:  # the input that came while the screen was built
                events, self.held = self.held + events, []
            for event in events:
                if self.coming is not None and event.type not in (pygame.QUIT, pygame.VIDEORESIZE):
                    self.held.append(event)
                    continue
                self._dispatch(event)
                if not self.running:
                    return False
            if self.coming is not None:  # the screen before stays as it was meanwhile
                if waiting:  # not on the frame of the key that called for it: that did its own work
                    self._build_coming()
            elif self.scenes:
                self.top.update(dt)
        finally:
            self._in_frame = False
        self.manager.update(dt)
        self.present()
        self.frames += 1
        return self.running

    def _import_scenes(self) -> None:
        import_all = getattr(self.registry, "import_all", None)
        if import_all is not None:
            threading.Thread(target=self._import_and_freeze, args=(import_all,), name="import-scenes").start()

    @staticmethod
    def _import_and_freeze(import_all: Callable[[], None]) -> None:
        """Import every screen's modules, then take what is alive (modules, classes, fonts: kept
        for good) out of the cyclic collector's sight: otherwise its next full collection walks
        it all, 20-25 ms on one frame early in play."""
        import_all()
        gc.freeze()

    def present(self) -> None:
        """Repaint what changed since the last frame and send only that to the display."""
        if self.frozen:
            return
        visible = self.manager.get_sprite_group().visible
        idle = time.perf_counter() - self._began < IDLE_S
        plan = self.changes.plan(self.screen, self._backdrop(), visible, idle=idle)
        if plan.kind == "none":
            return
        if plan.kind == "full":
            self.draw()
        elif plan.kind == "restore":
            assert plan.under is not None
            for rect in plan.rects:
                self.screen.blit(plan.under, rect, rect)
        else:
            for rect in plan.rects:
                self.screen.set_clip(rect)
                if plan.kind == "over":
                    self.screen.blits(visible[plan.first :])  # type: ignore[arg-type]
                else:
                    self.draw()
            self.screen.set_clip(None)
        if plan.kind == "full" or sum(r.width * r.height for r in plan.rects) > 0.6 * self.screen.get_width() * self.screen.get_height():
            pygame.display.flip()
        else:
            pygame.display.update(plan.rects)
        self.changes.presented += 1

    def _backdrop(self) -> tuple[object, ...]:
        """What the scenes paint under the widgets: the background colour of the bottom scene."""
        return (tuple(self.pal.bg), self._base_index(), not self.scenes or not self.scenes[self._base_index()].overlay)

    def _base_index(self) -> int:
        base = len(self.scenes) - 1
        while base > 0 and self.scenes[base].overlay:
            base -= 1
        return base

    def run(self) -> int:
        while self.running:
            dt = self.clock.tick(60) / 1000.0
            self.step(dt)
        return 0

    def draw(self, surface: pygame.Surface | None = None) -> None:
        """Paint the whole frame (within the surface's clip) on the window or on `surface`."""
        surface = surface or self.screen
        if not self.scenes:
            surface.fill(self.pal.bg)
        for scene in self.scenes[self._base_index() :]:
            scene.draw(surface)
        self.manager.draw_ui(surface)

    def _dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.VIDEOEXPOSE, pygame.WINDOWRESTORED):
            self.changes.invalidate()  # the system may have lost what the window showed
            return
        consumed = self.manager.process_events(event)
        if not self.scenes:
            return
        if event.type == pygame.KEYDOWN and not consumed:
            typing = any(isinstance(element, UITextEntryLine) and element.is_focused for element in self.top.ui)
            if not typing or event.key in (pygame.K_TAB, pygame.K_ESCAPE):
                self.top.key(event)
        elif event.type in UI_EVENTS:
            self.top.ui_event(event)

    def close_session(self) -> None:
        if self.live is not None:
            self.live.close()
            self.live = None

    def quit(self) -> None:
        self.close_session()
        self.running = False

    def shutdown(self) -> None:
        self.coming = None
        while self.scenes:  # a scene's work off the frame stops with it
            self.scenes.pop().exit()
        self.close_session()
        pygame.display.quit()
