"""What the window's frame economy must never cost: a picture that differs from a full redraw,
a flip for nothing, a decision lost to a killed game, a wrong Resume button on the title screen,
or the scenario loader imported before the first frame. (Speed itself is in tools/bench_gui.py.)
"""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.engine.logfile import LogWriter, read_log  # noqa: E402
from game.frontends.gui import driver, start  # noqa: E402
from game.frontends.gui.app import App  # noqa: E402
from game.frontends.gui.scene_dialog import DialogScene  # noqa: E402
from game.frontends.gui.scene_play import PlayScene  # noqa: E402
from game.logshelf import newest_unfinished  # noqa: E402
from game.scenario.bundled import bundled_paths  # noqa: E402
from game.sessions import resume_session  # noqa: E402

ROOT = Path(__file__).parent.parent
MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


class Checked:
    """Wraps `app.step`: after every frame, the window must show what a full redraw shows."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.frames = 0
        self.kinds: set[str] = set()
        self._step = app.step
        self._plan = app.changes.plan
        app.step = self.step  # type: ignore[method-assign]
        app.changes.plan = self.plan  # type: ignore[method-assign]

    def plan(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        chosen = self._plan(*args, **kwargs)
        self.kinds.add(chosen.kind)
        return chosen

    def step(self, dt: float = 1 / 60) -> bool:
        running = self._step(dt)
        shown = self.app.screen.copy()
        full = self.app.screen.copy()
        full.fill((255, 0, 255))  # nothing of the shown frame may survive into the reference
        self.app.draw(full)
        assert pygame.image.tobytes(shown, "RGB") == pygame.image.tobytes(full, "RGB"), (
            f"frame {self.app.frames} differs from a full redraw on {self.app.scene_names()}"
        )
        self.frames += 1
        return running


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    window = App(settings_file=tmp_path / "config" / "settings.json", log_dir=tmp_path / "logs", seed=7, size=(1280, 720))
    yield window
    window.shutdown()


def _play_turns(app: App, turns: int) -> None:
    for _ in range(turns):
        driver.dismiss_dialogs(app)
        if not isinstance(app.top, PlayScene):
            return
        for move in app.top.session.moves():
            try:
                driver.menu_path(app, move.key)
            except LookupError:
                continue
            driver.choose(app, move.key)
            break
        driver.settle(app, 3)


def test_every_frame_equals_a_full_redraw_through_turns_dialogs_drawers_and_text_sizes(app: App) -> None:
    checked = Checked(app)
    scenario = bundled_paths()[0] if bundled_paths() else MINIMAL
    driver.start_new(app, scenario, "Ana")
    _play_turns(app, 3)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(200, 300), rel=(1, 1), buttons=(0, 0, 0)))
    driver.settle(app, 50)  # a hover ring, then a tooltip
    driver.press(app, pygame.K_h)  # the history drawer over the play screen
    driver.settle(app)
    driver.press(app, pygame.K_ESCAPE)
    driver.press(app, pygame.K_TAB)
    app.apply_settings(app.settings.with_changes(text_size=200))
    driver.settle(app)
    _play_turns(app, 3)
    app.apply_settings(app.settings.with_changes(text_size=100, high_contrast=True))
    driver.settle(app)
    _play_turns(app, 2)
    assert checked.frames > 50
    assert {"full", "rects", "none", "over", "restore"} <= checked.kinds, checked.kinds


class Pictures:
    """Wraps `app.step`: the pictures the window showed, one per change (a frame that shows
    what the one before showed adds nothing)."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.shown: list[bytes] = []
        self._step = app.step
        app.step = self.step  # type: ignore[method-assign]

    def step(self, dt: float = 1 / 60) -> bool:
        running = self._step(dt)
        picture = pygame.image.tobytes(self.app.screen, "RGB")
        if not self.shown or self.shown[-1] != picture:
            self.shown.append(picture)
        return running

    def changes_during(self, action) -> int:  # type: ignore[no-untyped-def]
        self.shown = [pygame.image.tobytes(self.app.screen, "RGB")]
        action()
        driver.settle(self.app, 30)
        return len(self.shown) - 1


def test_a_turn_a_dialog_and_a_drawer_built_over_frames_never_show_half_built(app: App) -> None:
    """The turn's panels, an event dialog and the history drawer are prepared over several
    frames: the window shows the picture before, then the finished one, and nothing between."""
    scenario = bundled_paths()[0] if bundled_paths() else MINIMAL
    driver.start_new(app, scenario, "Ana")
    driver.settle(app, 5)
    pictures = Pictures(app)
    driver.dismiss_dialogs(app)
    assert pictures.changes_during(lambda: driver.press(app, pygame.K_h)) == 1
    assert pictures.changes_during(lambda: driver.press(app, pygame.K_ESCAPE)) == 1
    session = app.top.session  # type: ignore[attr-defined]
    for turn in range(6):
        move = next(m.key for m in session.moves() if _reachable(app, m.key))
        for number in driver.menu_path(app, move):
            driver.digit(app, number)
        before = len(session.history)
        changes = pictures.changes_during(lambda: driver.press(app, pygame.K_RETURN))
        assert len(session.history) == before + 1
        # the turn shown whole, then its first event dialog if it had one
        assert changes == (2 if isinstance(app.top, DialogScene) else 1), f"turn {turn + 1}: {changes} pictures"
        while isinstance(app.top, DialogScene):  # the next dialog shown whole, or the play screen back
            assert pictures.changes_during(lambda: driver.press(app, pygame.K_RETURN)) == 1
        if not isinstance(app.top, PlayScene):
            break


def test_a_new_text_size_or_contrast_is_shown_whole_after_the_old_look(app: App) -> None:
    """A change of look rebuilds every screen (the play screen's alone takes tens of
    milliseconds): it is built over frames behind the old picture, which the window keeps, and
    shown whole; input that came meanwhile reaches the new look."""
    scenario = bundled_paths()[0] if bundled_paths() else MINIMAL
    driver.start_new(app, scenario, "Ana")
    driver.settle(app, 5)
    driver.dismiss_dialogs(app)
    pictures = Pictures(app)

    def clicked(**changes: object) -> None:  # as the settings screen's buttons do, within a frame
        app._in_frame = True
        try:
            app.apply_settings(app.settings.with_changes(**changes))
        finally:
            app._in_frame = False

    before = pygame.image.tobytes(app.screen, "RGB")
    pictures.shown = [before]
    clicked(text_size=200, high_contrast=True)
    behind = 0
    while app.coming is not None and behind < 100:
        app.step()
        behind += 1
        if app.coming is not None:
            assert pictures.shown == [before], "a frame showed the look half built"
    assert behind >= 2, "the new look was built in one frame"
    driver.settle(app, 30)
    assert len(pictures.shown) == 2 and pictures.shown[-1] != before
    full = app.screen.copy()
    app.draw(full)
    assert pygame.image.tobytes(full, "RGB") == pictures.shown[-1], "the look shown is the finished one"
    assert pictures.changes_during(lambda: clicked(text_size=100, high_contrast=False)) == 1


def _reachable(app: App, move: str) -> bool:
    try:
        driver.menu_path(app, move)
    except LookupError:
        return False
    return True


def test_typing_in_a_field_shows_every_letter(app: App) -> None:
    """pygame_gui's text field draws into the image it shows: the frame must still see it."""
    checked = Checked(app)
    start(app)
    driver.settle(app)
    driver.press(app, pygame.K_RETURN)  # New session: the scenario list, then a name
    app.open("name", entry=_entry())
    driver.settle(app)
    driver.type_text(app, "Ana Lima")
    driver.settle(app, 40)  # the cursor blinks
    assert checked.frames > 20


def _entry():  # type: ignore[no-untyped-def]
    from game.frontends.gui.catalog import load_entry

    return load_entry(MINIMAL)


def test_unchanged_frames_are_not_drawn_nor_sent_to_the_display(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    driver.start_new(app, MINIMAL, "Ana")
    driver.dismiss_dialogs(app)
    driver.settle(app, 5)
    sent: list[str] = []
    monkeypatch.setattr(pygame.display, "flip", lambda: sent.append("flip"))
    monkeypatch.setattr(pygame.display, "update", lambda *rects: sent.append("update"))
    before = app.changes.presented
    driver.settle(app, 30)
    assert sent == [] and app.changes.presented == before
    driver.press(app, pygame.K_1)  # a menu opens: something changes, and is sent
    assert sent and app.changes.presented > before


def test_the_log_is_synced_off_the_thread_that_writes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced_on: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced_on.append(threading.current_thread().name)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    writer = LogWriter(tmp_path / "log.jsonl", new=True)
    writer({"type": "header"})
    assert (tmp_path / "log.jsonl").read_text(encoding="utf-8") == '{"type":"header"}\n'  # in the OS at once
    writer.sync()
    assert synced_on and threading.main_thread().name not in synced_on
    writer.close()


KILLED = """
import os, signal, sys
from pathlib import Path
from game.scenario.loader import load_scenario
from game.sessions import start_session
loaded, _ = load_scenario(Path(sys.argv[1]))
live = start_session(loaded, seed=3, trainee="Ana", log_dir=Path(sys.argv[2]))
move = live.session.moves()[0].key
live.session.choose(move)
print(move, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_game_killed_right_after_a_confirmed_move_loses_nothing(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", KILLED, str(MINIMAL), str(tmp_path)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == -9, done.stderr
    chosen = done.stdout.strip()
    log = next(tmp_path.glob("*.jsonl"))
    contents, problems = read_log(log)
    assert contents is not None and contents.moves == [chosen], problems
    live, problems = resume_session(log)
    assert live is not None, problems
    assert [outcome.move.key for outcome in live.session.history] == [chosen]
    live.close()


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_the_light_unfinished_check_agrees_with_resuming(tmp_path: Path) -> None:
    """The title screen's check (log lines only) offers exactly the newest log the engine can
    resume, whatever else lies in the folder."""
    from game.diagnostics import has_errors
    from game.scenario.loader import load_scenario
    from game.sessions import open_log_for_replay, start_session

    loaded, _ = load_scenario(MINIMAL)
    assert loaded is not None
    logs = tmp_path / "logs"
    made: list[Path] = []

    def session(decisions: int, *, finish: bool = False) -> Path:
        live = start_session(loaded, seed=len(made), trainee="Ana", log_dir=logs)
        for _ in range(decisions):
            if live.session.is_over:
                break
            live.session.choose(live.session.moves()[0].key)
        while finish and not live.session.is_over:
            live.session.choose(live.session.moves()[-1].key)
        live.close()
        made.append(live.log_path)
        return live.log_path

    def agree() -> None:
        newest_first = sorted(logs.glob("*.jsonl"), key=lambda p: p.stat().st_mtime, reverse=True)
        resumable = []
        for path in newest_first:  # the engine's verdict: replayed whole, not at an ending
            replayed, problems = open_log_for_replay(path)
            if replayed is not None and not has_errors(problems) and not replayed.is_over:
                resumable.append(path)
        assert newest_unfinished(logs) == (resumable[0] if resumable else None)

    assert newest_unfinished(logs) is None
    older = session(2)
    agree()
    time.sleep(0.01)
    session(1, finish=True)  # newer, but finished
    agree()
    time.sleep(0.01)
    cut = session(2)
    cut.write_bytes(cut.read_bytes() + b'{"type":"decis')  # a crash mid-line: still resumable
    agree()
    time.sleep(0.01)
    damaged = session(3)
    lines = damaged.read_text(encoding="utf-8").splitlines()
    _write(damaged, [lines[0], "not json", *lines[2:]])  # damaged inside: not resumable
    agree()
    time.sleep(0.01)
    _write(logs / "notes.jsonl", ["hello"])
    (logs / "empty.jsonl").write_bytes(b"")
    agree()
    assert newest_unfinished(logs) == cut
    cut.unlink()
    agree()
    assert newest_unfinished(logs) == older


STARTUP = """
import json, sys, tempfile
from pathlib import Path
from game.frontends.gui import start
from game.frontends.gui.app import App
app = App(log_dir=Path(sys.argv[1]), settings_file=Path(tempfile.mkdtemp()) / "settings.json")
start(app)
app.step()
heavy = [name for name in ("game.scenario.loader", "pydantic", "game.engine.session", "game.engine.state") if name in sys.modules]
print(json.dumps({"scenes": app.scene_names(), "heavy": heavy, "resume": bool(app.top.unfinished)}))
app.shutdown()
"""


def test_the_title_screen_is_up_before_the_scenario_loader_is_imported(tmp_path: Path) -> None:
    from game.scenario.loader import load_scenario
    from game.sessions import start_session

    loaded, _ = load_scenario(MINIMAL)
    assert loaded is not None
    live = start_session(loaded, seed=1, trainee="Ana", log_dir=tmp_path)
    live.session.choose(live.session.moves()[0].key)
    live.close()
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    done = subprocess.run([sys.executable, "-c", STARTUP, str(tmp_path)], capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown == {"scenes": ["title"], "heavy": [], "resume": True}


def test_a_sheet_painted_in_steps_is_the_same_picture(app: App) -> None:
    from game.frontends.gui.sheet import Sheet

    sheet = Sheet(app.fonts, app.pal, 300, 8)
    for number in range(60):  # more operations than one step paints
        sheet.text("small", f"line {number}: some words to wrap across the width of the sheet", app.pal.text)
        sheet.box(pygame.Rect(4, sheet.y, 100, 3), app.pal.accent, radius=1)
    steps = sheet.paint_steps(app.pal.panel, 900)
    count = 0
    while True:
        try:
            next(steps)
            count += 1
        except StopIteration as done:
            stepped = done.value
            break
    assert count > 2
    whole = sheet.paint(app.pal.panel, 900)
    assert pygame.image.tobytes(stepped, "RGBA") == pygame.image.tobytes(whole, "RGBA")


def test_idle_frames_lay_out_the_menus_a_key_away_and_leave_the_menu_as_it_is(app: App) -> None:
    scenario = bundled_paths()[0] if bundled_paths() else MINIMAL
    driver.start_new(app, scenario, "Ana")
    driver.dismiss_dialogs(app)
    driver.settle(app, 120)
    scene = app.top
    assert isinstance(scene, PlayScene) and scene.panel is not None
    assert scene.panel.path == [] and scene.path == []
    rendered, wrapped = len(app.fonts._cache), len(app.fonts._wrapped)
    for index, entry in enumerate(scene.panel.menu[:9]):  # what each digit key would show
        scene.panel.path = [index]
        scene.panel.layout()
        scene.panel.path = []
        assert (len(app.fonts._cache), len(app.fonts._wrapped)) == (rendered, wrapped), f"{entry.label}: text not laid out ahead"
