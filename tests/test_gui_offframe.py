"""What keeps slow work off the window's frames must not change what the player sees: the
debrief computed off the frame is the one computed here, a screen built over frames appears
whole (never half-built, never mixed with the one before) and gets the keys pressed meanwhile,
the spinner turns while the debrief is computed, and the rounded widgets drawn from tiles look
like pygame_gui's own. (Speed itself is in tools/bench_gui.py.)"""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.debrief import debrief_session  # noqa: E402
from game.engine.session import Session  # noqa: E402
from game.frontends.gui import driver, scene_debrief  # noqa: E402
from game.frontends.gui import scene as scene_module  # noqa: E402
from game.frontends.gui.app import App  # noqa: E402
from game.frontends.gui.offframe import OffFrame  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    window = App(settings_file=tmp_path / "config" / "settings.json", log_dir=tmp_path / "logs", seed=7, size=(1280, 720))
    yield window
    window.shutdown()


def _wait(work: OffFrame[object], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not work.done():
        assert time.monotonic() < deadline, "the work never finished"
        time.sleep(0.005)


def _in_child_only(parent: int) -> int:
    if os.getpid() != parent:
        os._exit(3)  # a child killed before it answers
    return 42


def _fails() -> None:
    raise ValueError("no such decision")


@pytest.mark.parametrize("fork", [True, False])
def test_work_off_the_frame_returns_its_result_or_raises_its_error(fork: bool) -> None:
    work = OffFrame(lambda: sum(range(1000)), fork=fork)
    _wait(work)
    assert work.result() == 499500
    failing = OffFrame(_fails, fork=fork)
    _wait(failing)
    with pytest.raises(ValueError, match="no such decision"):
        failing.result()


def test_a_child_that_dies_without_an_answer_is_replaced_by_a_thread() -> None:
    parent = os.getpid()
    work = OffFrame(lambda: _in_child_only(parent), fork=True)
    _wait(work)
    assert work.result() == 42


def test_a_cancelled_child_stops_at_once() -> None:
    work = OffFrame(lambda: time.sleep(30), fork=True)
    child = work._process
    assert child is not None and child.is_alive()
    work.cancel()
    child.join(timeout=5)
    assert not child.is_alive()


def _played(path: Path, decisions: int) -> Session:
    loaded, problems = load_scenario(path)
    assert loaded is not None, problems
    session = Session(loaded, seed=3, trainee="Ana")
    for _ in range(decisions):
        if session.is_over:
            break
        session.choose(next(iter(session.moves())).key)
    return session


def test_the_debrief_screen_shows_the_debrief_computed_off_the_frame_and_its_spinner_turns(
    app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slowly(session: Session) -> object:  # in the forked child: the window keeps drawing meanwhile
        time.sleep(0.6)
        return debrief_session(session)

    monkeypatch.setattr(scene_debrief, "debrief_session", slowly)
    session = _played(MINIMAL, 3)
    app.go("debrief", session=session, log_path=tmp_path / "run.jsonl")
    driver.settle(app, 2)
    scene = app.top
    assert isinstance(scene, scene_debrief.DebriefScene) and scene.spinner is not None
    looks = set()
    while not scene.ready:
        assert scene.spinner is None or scene.showing is not None or scene.debrief is None
        if scene.debrief is None:
            looks.add(pygame.image.tobytes(scene.spinner.image, "RGBA"))
        app.clock.tick(60)
        app.step()
    assert len(looks) > 3, "the spinner did not turn while the debrief was computed"
    assert scene.debrief == debrief_session(session)


def test_a_screen_built_over_frames_appears_whole_and_gets_the_keys_pressed_meanwhile(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scene_module, "SLICE_S", 0.0)  # a step a frame: the most frames a build can take
    app.go("title")
    driver.settle(app)
    app.open("name", entry=_entry())
    driver.settle(app)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
    for _ in range(5):  # the name: the briefing is on its way
        app.step()
        if app.coming is not None:
            break
    assert app.coming is not None and app.scene_names() == ["title", "name"]
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
    seen = []
    for _ in range(40):
        app.step()
        names = app.scene_names()
        seen.append(names[-1])
        root = app.manager.get_root_container()
        shown = {
            id(sprite) for sprite in app.manager.get_sprite_group().sprites() if sprite is not root and getattr(sprite, "visible", True)
        }
        assert shown <= {id(element) for scene in app.scenes for element in scene.ui}, (
            f"a widget of no screen on the stack is shown ({names})"
        )
        if names == ["play"] and app.coming is None:
            break
    assert seen[-1] == "play", f"the Enter pressed while the briefing was built did not begin: {seen}"
    assert seen.index("briefing") < seen.index("play")
    app.close_session()


def _entry():  # type: ignore[no-untyped-def]
    from game.frontends.gui.catalog import load_entry

    return load_entry(MINIMAL)


def test_rounded_widgets_drawn_from_tiles_look_like_pygame_guis_own(app: App) -> None:
    from pygame_gui.core.drawable_shapes.rounded_rect_drawable_shape import RoundedRectangleShape
    from pygame_gui.elements import UIButton

    tiled = RoundedRectangleShape.redraw_state
    plain = RoundedRectangleShape._untiled_redraw_state  # type: ignore[attr-defined]
    for size, kind in (((600, 44), None), ((900, 70), "#primary"), ((120, 36), "#bar_button")):
        button = UIButton(pygame.Rect((0, 0), size), "Continue", app.manager, object_id=kind)
        shape = button.drawable_shape
        for state in ("normal", "hovered", "selected", "disabled"):
            plain(shape, state)
            theirs = shape.states[state].surface.copy()
            tiled(shape, state)
            ours = shape.states[state].surface
            far = 0
            for x in range(0, size[0], 3):
                for y in range(size[1]):
                    a, b = theirs.get_at((x, y)), ours.get_at((x, y))
                    if max(abs(p - q) for p, q in zip(a, b, strict=True)) > 40:
                        far += 1
                        assert min(x, size[0] - 1 - x) < 12 and min(y, size[1] - 1 - y) < 12, (
                            f"{state} differs away from a corner at {x},{y}"
                        )
            assert far < 20, f"{size} {state}: {far} pixels differ"
        button.kill()


def test_a_log_that_cannot_be_replayed_says_so_on_the_debrief_screen(app: App, tmp_path: Path) -> None:
    import json

    from game.frontends.gui.begin import debrief
    from game.frontends.gui.scene_dialog import DialogScene
    from game.sessions import start_session

    loaded, problems = load_scenario(MINIMAL)
    assert loaded is not None, problems
    live = start_session(loaded, seed=3, trainee="Ana", log_dir=tmp_path / "logs")
    live.session.choose(next(iter(live.session.moves())).key)
    live.close()
    lines = live.log_path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header.update(scenario_id="nowhere_at_all", scenario_file=str(tmp_path / "gone.yaml"))
    live.log_path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n", encoding="utf-8")
    app.go("title")
    assert debrief(app, live.log_path)
    driver.until(app, lambda: isinstance(app.top, DialogScene))
    assert app.scene_names() == ["debrief", "dialog"]
    assert app.top.title == "This session cannot be debriefed"  # type: ignore[attr-defined]
    assert "nowhere_at_all" in app.top.body  # type: ignore[attr-defined]
    driver.press(app, pygame.K_RETURN)
    assert app.scene_names() == ["title"]


def test_resuming_replays_the_log_over_frames_while_the_title_stays_up(app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.frontends.gui import start
    from game.sessions import start_session

    loaded, problems = load_scenario(MINIMAL)
    assert loaded is not None, problems
    live = start_session(loaded, seed=3, trainee="Ana", log_dir=app.log_dir)
    for _ in range(4):
        live.session.choose(next(iter(live.session.moves())).key)
    live.close()
    monkeypatch.setattr(scene_module, "SLICE_S", 0.0)  # a step a frame
    start(app)
    driver.settle(app)
    app.top.focus.focus_key("button:Resume the session")
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
    frames = 0
    while app.scene_names() != ["play"] or app.coming is not None:
        app.step()
        frames += 1
        assert frames < 100, app.scene_names()
        if app.scene_names() != ["play"]:
            assert app.scene_names() == ["title"], "half a resume shown"
    assert frames > 4, "the replay was not spread over frames"
    assert app.live is not None and len(app.live.session.history) == 4
    app.close_session()


def test_the_picker_loads_its_scenarios_a_frame_each_over_the_title(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.frontends.gui import start
    from game.scenario.bundled import bundled_paths

    monkeypatch.setattr(scene_module, "SLICE_S", 0.0)
    start(app)
    driver.settle(app)
    app.top.focus.focus_key("button:New session")
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
    frames = 0
    while app.scene_names() != ["title", "picker"]:
        app.step()
        frames += 1
        assert frames < 50 and app.scene_names() == ["title"] or app.scene_names() == ["title", "picker"]
    assert frames > len(bundled_paths()), "the scenarios were not loaded a frame each"
    assert app.top.entries and all(entry.loaded is not None for entry in app.top.entries)  # type: ignore[attr-defined]
