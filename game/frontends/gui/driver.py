"""Scripted input for the window: what the tests, the screenshots and the benchmark use to
play through the real event queue, a frame at a time, exactly as a keyboard user would."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.frontends.gui.app import App


def headless() -> None:
    """Render to memory only (call before the App is created)."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"


def press(app: App, key: int, text: str = "", *, mod: int = 0, frames: int = 2) -> None:
    """One key press (down, up, and the typed text if any), then a few frames."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=text, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=text, scancode=0))
    if text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    for _ in range(frames):
        app.step()
    arrive(app)


def type_text(app: App, text: str) -> None:
    for char in text:
        key = pygame.key.key_code(char.lower()) if char.isalnum() else pygame.K_SPACE if char == " " else 0
        press(app, key, char, frames=1)


def clear_field(app: App) -> None:
    """Select all the text of the focused field and delete it."""
    press(app, pygame.K_a, mod=pygame.KMOD_CTRL, frames=1)
    press(app, pygame.K_BACKSPACE, frames=1)


def settle(app: App, frames: int = 3) -> None:
    for _ in range(frames):
        app.step()
    arrive(app)


def digit(app: App, number: int) -> None:
    press(app, getattr(pygame, f"K_{number}"), str(number))


def menu_path(app: App, move_key: str) -> list[int]:
    """The numbers to press on the play screen to reach `move_key` (1-based, each at most 9)."""
    from game.frontends.gui.scene_play import PlayScene

    scene = app.top
    assert isinstance(scene, PlayScene) and scene.panel is not None, f"not on the play screen: {app.scene_names()}"

    def search(entries, trail):  # type: ignore[no-untyped-def]
        for index, entry in enumerate(entries):
            if entry.move is not None and entry.move.key == move_key:
                return [*trail, index + 1]
            found = search(entry.children, [*trail, index + 1])
            if found:
                return found
        return None

    path = search(scene.panel.menu, [])
    if path is None:
        raise LookupError(f"move '{move_key}' is not on offer now")
    if any(number > 9 for number in path):
        raise LookupError(f"move '{move_key}' is past the ninth entry of a menu")
    return path


def choose(app: App, move_key: str) -> None:
    """Choose a move with the keyboard: its numbers through the menu, then Enter to confirm
    (and the frames that show the new turn)."""
    for number in menu_path(app, move_key):
        digit(app, number)
    press(app, pygame.K_RETURN)
    settle_turn(app)


def settle_turn(app: App, limit: int = 20) -> None:
    """Frames until the play screen shows the turn just played (its repaint takes a few) and
    its first event dialog, if any, is open."""
    for _ in range(limit):
        if getattr(app.top, "turn_steps", None) is None and getattr(app.top, "dialog_frame", None) is None:
            break
        app.step()
    arrive(app)  # the screen the turn led to (the ending), if any


def dismiss_dialogs(app: App, limit: int = 20) -> list[str]:
    """Press Enter on every event dialog on top; returns their titles."""
    from game.frontends.gui.scene_dialog import DialogScene

    seen = []
    while limit and isinstance(app.top, DialogScene):
        seen.append(app.top.title)
        press(app, pygame.K_RETURN)
        limit -= 1
    return seen


def start_new(app: App, scenario: Path, trainee: str) -> None:
    """From nothing to the play screen: scenario given, name typed, briefing read."""
    from game.frontends.gui import start
    from game.frontends.gui.catalog import load_entry

    entry = load_entry(scenario)
    assert entry.loaded is not None, entry.problem
    start(app, entry=entry)
    settle(app)
    clear_field(app)
    type_text(app, trainee)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    settle(app)


def until(app: App, condition: Callable[[], bool], *, seconds: float = 60.0) -> None:
    """Frames, at the window's pace, until `condition()` holds (work done off the frame, such as
    the debrief, takes its time); fails after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"still waiting after {seconds} s, on {app.scene_names()}"
        app.clock.tick(60)
        app.step()


def arrive(app: App, limit: int = 2000) -> None:
    """Frames until the screen that a key or a click called for is built and shown."""
    while app.coming is not None and limit:
        app.step()
        limit -= 1
