"""`play --watch` in the window (SDL's dummy driver): a save rebuilds the play screen on the
replayed session, a removed move is named where the replay stopped, an invalid save shows its
errors in a dialog over the same session."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402
from test_watch import MOVES, broken, kept_moves, original, tea_removed  # noqa: E402

from game.authoring.watch import POLL_SECONDS  # noqa: E402
from game.frontends.gui import driver  # noqa: E402
from game.frontends.gui.app import App  # noqa: E402
from game.frontends.gui.scene_dialog import DialogScene  # noqa: E402
from game.frontends.gui.scene_play import PlayScene  # noqa: E402
from game.sessions import open_log_for_replay  # noqa: E402

FRAME = 1 / 60


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "valleys.yaml"
    path.write_text(original(), encoding="utf-8")
    return path


@pytest.fixture
def app(tmp_path: Path, scenario_file: Path) -> Iterator[App]:
    window = App(settings_file=tmp_path / "config" / "settings.json", log_dir=tmp_path / "logs", seed=7, watch=True)
    driver.start_new(window, scenario_file, "Ada")
    for key in MOVES[:2]:
        driver.choose(window, key)
        driver.dismiss_dialogs(window)
    assert isinstance(window.top, PlayScene) and [o.move.key for o in window.top.session.history] == MOVES[:2]
    yield window
    window.shutdown()


def save_and_wait(app: App, path: Path, text: str) -> None:
    """Save the file, then let the window run long enough to look at it."""
    path.write_text(text, encoding="utf-8")
    for _ in range(round(POLL_SECONDS / FRAME) + 3):
        app.step(FRAME)


def test_a_save_that_keeps_the_moves_rebuilds_the_play_screen_at_the_same_point(app: App, scenario_file: Path) -> None:
    before = app.top
    save_and_wait(app, scenario_file, kept_moves(original()))
    dialog = app.top
    assert isinstance(dialog, DialogScene) and dialog.name == "watch"
    assert dialog.kicker == "SCENARIO RELOADED" and dialog.title == "Replayed to the same point"
    assert "the 2 moves made so far replayed to the same point" in dialog.body
    driver.press(app, pygame.K_RETURN)
    play = app.top
    assert isinstance(play, PlayScene) and play is not before
    assert play.session.scenario.parties["upper"].leader == "Reeve Amara"
    assert [o.move.key for o in play.session.history] == MOVES[:2]
    assert app.live is not None and app.live.session is play.session
    driver.choose(app, "wait:")
    replayed, problems = open_log_for_replay(app.live.log_path)
    assert replayed is not None, [p.render() for p in problems]
    assert [o.move.key for o in replayed.history] == MOVES, "the fresh log goes on with the decisions after the rebuild"


def test_a_save_that_removes_a_move_names_it_and_the_screen_stands_before_it(app: App, scenario_file: Path) -> None:
    save_and_wait(app, scenario_file, tea_removed(original()))
    dialog = app.top
    assert isinstance(dialog, DialogScene) and dialog.title == "The replay stopped"
    assert "move 2, 'Share tea with both delegations' (choice:share_tea), is no longer on offer" in dialog.body
    driver.press(app, pygame.K_RETURN)
    play = app.top
    assert isinstance(play, PlayScene) and [o.move.key for o in play.session.history] == ["approach:upper"]
    with pytest.raises(LookupError):
        driver.menu_path(app, "choice:share_tea")


def test_an_invalid_save_shows_the_errors_and_keeps_the_session(app: App, scenario_file: Path) -> None:
    play = app.top
    assert isinstance(play, PlayScene)
    session, state = play.session, play.session.state.copy()
    save_and_wait(app, scenario_file, broken(original()))
    dialog = app.top
    assert isinstance(dialog, DialogScene) and dialog.kicker == "SCENARIO NOT RELOADED"
    line = original().splitlines().index("  turns: 12") + 1
    assert f"valleys.yaml:{line}:" in dialog.body
    driver.press(app, pygame.K_RETURN)
    assert app.top is play and play.session is session and session.state == state
    driver.choose(app, "wait:")
    driver.dismiss_dialogs(app)
    assert [o.move.key for o in session.history] == MOVES, "play goes on on the version before"
    save_and_wait(app, scenario_file, original())
    assert isinstance(app.top, DialogScene) and app.top.title == "Replayed to the same point", "the fixed file is reloaded"
