"""The game window, driven headless through the real event queue, a frame at a time.

A whole scenario is played with key presses only; the log the window writes must equal the log
the terminal front end writes for the same seed and the same moves.
"""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import io  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pygame_gui  # noqa: E402
import pytest  # noqa: E402

from game.engine.session import Session  # noqa: E402
from game.frontends.gui import driver, start  # noqa: E402
from game.frontends.gui.app import App  # noqa: E402
from game.frontends.gui.scene_play import PlayScene  # noqa: E402
from game.frontends.terminal.play import TerminalPlay  # noqa: E402
from game.scenario.bundled import bundled_paths  # noqa: E402
from game.scenario.loader import LoadedScenario, load_scenario  # noqa: E402
from game.sessions import start_session, unfinished_logs  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal.yaml"
MINIMAL_MOVES = [
    "approach:upper",
    "approach:lower",
    "relay:sluice_offer:softened",
    "approach:upper",
    "propose_venue:mill:secret_meeting",
    "offer_step:hotline",
]


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    window = App(settings_file=tmp_path / "config" / "settings.json", log_dir=tmp_path / "logs", seed=7)
    yield window
    window.shutdown()


def loaded(path: Path) -> LoadedScenario:
    result, problems = load_scenario(path)
    assert result is not None, problems
    return result


def records(path: Path) -> list[dict]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        record.pop("started", None)
        found.append(record)
    return found


def terminal_log(scenario: Path, seed: int, trainee: str, keys: list[str], folder: Path) -> Path:
    """Play the same moves in the terminal front end, by their numbers, and return its log."""
    shadow = Session(loaded(scenario), seed=seed)
    numbers = []
    for key in keys:
        numbers.append(str([m.key for m in shadow.moves()].index(key) + 1))
        shadow.choose(key)
    live = start_session(loaded(scenario), seed=seed, trainee=trainee, log_dir=folder)
    stdin = io.StringIO("\n".join(numbers) + "\n")
    TerminalPlay(live.session, str(live.log_path), stdin, io.StringIO()).run()
    live.close()
    return live.log_path


def play_to_end(app: App, rng: random.Random, chosen: list[str], scenes: set[str], limit: int = 80) -> None:
    for _ in range(limit):
        scenes.update(app.scene_names())
        driver.dismiss_dialogs(app)
        if not isinstance(app.top, PlayScene):
            return
        moves = [m.key for m in app.top.session.moves() if "publish" not in m.key]
        options = [k for k in moves if _reachable(app, k)]
        key = rng.choice(options)
        driver.choose(app, key)
        chosen.append(key)
    raise AssertionError("no ending reached")


def _reachable(app: App, key: str) -> bool:
    try:
        driver.menu_path(app, key)
    except LookupError:
        return False
    return True


def test_minimal_scenario_through_the_window_matches_the_terminal_log(app: App, tmp_path: Path) -> None:
    driver.start_new(app, MINIMAL, "Ana")
    seen = {*app.scene_names()}
    assert app.top.name == "play"
    chosen: list[str] = []
    for key in MINIMAL_MOVES:
        seen.update(app.scene_names())
        driver.dismiss_dialogs(app)
        driver.choose(app, key)
        chosen.append(key)
    seen.update(app.scene_names())
    play_to_end(app, random.Random(3), chosen, seen)
    seen.update(app.scene_names())
    assert app.top.name == "ending"
    assert {"play", "event", "ending"} <= seen
    log = next((tmp_path / "logs").glob("*.jsonl"))
    assert records(log)[0]["trainee"] == "Ana"
    assert records(log) == records(terminal_log(MINIMAL, 7, "Ana", chosen, tmp_path / "terminal"))
    driver.press(app, pygame.K_RETURN)
    driver.until(app, lambda: getattr(app.top, "ready", False))  # the debrief is computed off the frame
    assert app.top.name == "debrief"
    app.top.write_report()  # type: ignore[attr-defined]
    assert log.with_suffix(".html").is_file()


def test_a_bundled_scenario_plays_to_an_ending_and_matches_the_terminal_log(app: App, tmp_path: Path) -> None:
    scenario = bundled_paths()[0]
    driver.start_new(app, scenario, "Bea")
    chosen: list[str] = []
    play_to_end(app, random.Random(5), chosen, set())
    assert app.top.name == "ending"
    log = next((tmp_path / "logs").glob("*.jsonl"))
    assert records(log) == records(terminal_log(scenario, 7, "Bea", chosen, tmp_path / "terminal"))


def test_the_title_picker_name_and_briefing_take_the_keyboard(app: App, tmp_path: Path) -> None:
    start(app)
    driver.settle(app)
    assert app.scene_names() == ["title"]
    driver.press(app, pygame.K_TAB)
    driver.press(app, pygame.K_RETURN)
    assert app.top.name == "picker"
    driver.press(app, pygame.K_ESCAPE)
    assert app.scene_names() == ["title"]
    driver.press(app, pygame.K_RETURN)  # the focus stayed on "New session"
    assert app.top.entries, "the picker lists the bundled scenarios"  # type: ignore[attr-defined]
    driver.press(app, pygame.K_1, "1")
    driver.press(app, pygame.K_RETURN)
    assert app.top.name == "name"
    driver.type_text(app, "Chen Wei")
    driver.press(app, pygame.K_RETURN)
    assert app.top.name == "briefing"
    assert app.live is not None and app.live.session.trainee == "Chen Wei"
    assert app.settings.trainee == "Chen Wei"


def test_closing_mid_game_loses_nothing_and_the_next_start_offers_to_resume(tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    first = App(settings_file=settings, log_dir=tmp_path / "logs", seed=7)
    driver.start_new(first, MINIMAL, "Ana")
    for key in MINIMAL_MOVES[:2]:
        driver.choose(first, key)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert first.step() is False
    first.shutdown()
    assert len(unfinished_logs(tmp_path / "logs")) == 1
    second = App(settings_file=settings, log_dir=tmp_path / "logs", seed=7)
    try:
        start(second)
        driver.settle(second)
        assert second.top.unfinished  # type: ignore[attr-defined]
        driver.press(second, pygame.K_TAB)
        driver.press(second, pygame.K_RETURN)
        assert second.top.name == "play"
        assert [o.move.key for o in second.top.session.history] == MINIMAL_MOVES[:2]  # type: ignore[attr-defined]
        session = second.top.session  # type: ignore[attr-defined]
        driver.choose(second, MINIMAL_MOVES[2])
        assert len(session.history) == 3
    finally:
        second.shutdown()


def test_draw_never_changes_the_game_state(app: App) -> None:
    driver.start_new(app, MINIMAL, "Ana")
    driver.choose(app, MINIMAL_MOVES[0])
    session = app.live.session  # type: ignore[union-attr]
    before = session.state.copy()
    for _ in range(5):
        app.draw()
    assert session.state == before


def test_menu_navigation_backspace_escape_and_history(app: App) -> None:
    driver.start_new(app, MINIMAL, "Ana")
    scene = app.top
    assert isinstance(scene, PlayScene) and scene.panel is not None
    driver.digit(app, 1)
    assert scene.panel.path == [0]
    driver.press(app, pygame.K_BACKSPACE)
    assert scene.panel.path == []
    driver.digit(app, 1)
    driver.press(app, pygame.K_ESCAPE)
    assert scene.panel.path == [] and app.top is scene
    driver.press(app, pygame.K_h, "h")
    assert app.top.name == "history"
    driver.press(app, pygame.K_ESCAPE)
    driver.press(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    driver.press(app, pygame.K_RETURN)
    assert app.top is scene
    assert not scene.session.history


def test_tab_moves_the_focus_and_enter_opens_it(app: App) -> None:
    driver.start_new(app, MINIMAL, "Ana")
    scene = app.top
    assert isinstance(scene, PlayScene) and scene.panel is not None
    driver.press(app, pygame.K_TAB)
    assert scene.moves.focus_key == "entry:0"
    driver.press(app, pygame.K_DOWN)
    assert scene.moves.focus_key == "entry:1"
    driver.press(app, pygame.K_RETURN)
    assert scene.panel.path == [1]


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1600, 900)])
@pytest.mark.parametrize("text_size", [100, 200])
def test_every_play_widget_stays_inside_the_window(app: App, size: tuple[int, int], text_size: int) -> None:
    driver.start_new(app, MINIMAL, "Ana")
    app.resize(size)
    app.apply_settings(app.settings.with_changes(text_size=text_size))
    driver.settle(app)
    window = pygame.Rect((0, 0), app.size)
    for element in app.top.ui:
        assert window.contains(element.rect), (element, element.rect)


def test_settings_change_is_remembered_and_a_corrupt_file_falls_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = tmp_path / "settings.json"
    window = App(settings_file=settings, log_dir=tmp_path / "logs")
    try:
        window.apply_settings(window.settings.with_changes(text_size=150, high_contrast=True))
    finally:
        window.shutdown()
    saved = json.loads(settings.read_text())
    assert saved["text_size"] == 150 and saved["high_contrast"] is True
    settings.write_text("{ not json")
    window = App(settings_file=settings, log_dir=tmp_path / "logs")
    window.shutdown()
    assert window.settings.text_size == 100
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "using the defaults" in err


def test_picker_lists_files_that_do_not_load_with_their_first_error(app: App) -> None:
    from game.frontends.gui.scene_picker import PickerScene

    start(app)
    app.push(PickerScene(app, str(Path(__file__).parent / "invalid")))
    driver.settle(app)
    broken = [e for e in app.top.entries if e.loaded is None]  # type: ignore[attr-defined]
    assert broken and all(e.problem.split(" ")[0] in ("line", "GO0001") or "GO" in e.problem for e in broken)


def test_open_folder_adds_its_scenarios_and_escape_closes_the_dialog(app: App, tmp_path: Path) -> None:
    from game.frontends.gui.scene_picker import PickerScene

    start(app)
    app.push(PickerScene(app))
    driver.settle(app)
    picker = app.top
    bundled = len(picker.entries)  # type: ignore[attr-defined]
    picker.open_folder()  # type: ignore[attr-defined]
    driver.settle(app)
    assert picker.dialog is not None and picker.dialog.alive()  # type: ignore[attr-defined]
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode=""))
    driver.settle(app)
    assert picker.dialog is None and app.top is picker, "Esc closes the dialog, not the picker"  # type: ignore[attr-defined]

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "valleys.yaml").write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    picker.open_folder()  # type: ignore[attr-defined]
    pygame.event.post(pygame.event.Event(pygame_gui.UI_FILE_DIALOG_PATH_PICKED, text=str(folder), ui_element=picker.dialog))  # type: ignore[attr-defined]
    driver.settle(app)
    driver.until(app, lambda: picker.showing is None)  # type: ignore[attr-defined]  # the folder's files load a frame each
    titles = [e.title for e in picker.entries]  # type: ignore[attr-defined]
    assert len(titles) == bundled + 1 and "The Two Valleys" in titles
    assert app.settings.scenario_folder == str(folder), "the folder is remembered for next time"


def test_the_glossary_opens_with_g_and_explains_every_principle(app: App) -> None:
    from game.frontends.presenter import glossary
    from game.principles import catalogue

    driver.start_new(app, MINIMAL, "Ana")
    assert app.top.name == "play"
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_g, mod=0, unicode="g"))
    driver.settle(app)
    assert app.top.name == "glossary"
    terms = [term for term, _ in glossary()]
    assert {p.name for p in catalogue().values()} <= set(terms) and "Consent ladder" in terms
    assert app.top.list.max_scroll() > 0, "the list scrolls rather than being cut off"  # type: ignore[attr-defined]
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_g, mod=0, unicode="g"))
    driver.settle(app)
    assert app.top.name == "play", "G closes it again"


@pytest.mark.parametrize("text_size", [100, 150, 200])
def test_the_pause_menu_fits_the_smallest_window_with_every_label_readable(app: App, text_size: int) -> None:
    driver.start_new(app, MINIMAL, "Ana")
    app.resize((1024, 600))
    app.apply_settings(app.settings.with_changes(text_size=text_size))
    driver.settle(app)
    driver.press(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    window = pygame.Rect((0, 0), app.size)
    buttons = [e for e in app.top.ui if isinstance(e, pygame_gui.elements.UIButton)]
    assert len(buttons) == 5
    for button in buttons:
        assert window.contains(button.rect), (button.text, button.rect)
        assert app.fonts.font("body").size(button.text)[0] <= button.rect.width, f"'{button.text}' is cut off"


def test_a_scenarios_map_image_is_drawn_behind_the_map_and_a_broken_one_is_ignored(app: App, tmp_path: Path) -> None:
    from game.frontends.gui.map_backdrop import backdrop

    folder = tmp_path / "pictured"
    folder.mkdir()
    picture = pygame.Surface((64, 32))
    picture.fill((200, 30, 30))
    pygame.image.save(picture, str(folder / "coast.png"))
    (folder / "valleys.yaml").write_text(MINIMAL.read_text(encoding="utf-8") + "map_image: coast.png\n", encoding="utf-8")
    scenario = loaded(folder / "valleys.yaml")
    cover = backdrop(scenario, (300, 100))
    assert cover is not None and cover.get_size() == (300, 100), "scaled to cover, cropped, never stretched"
    assert cover.get_at((150, 50))[:3] == (200, 30, 30)

    driver.start_new(app, folder / "valleys.yaml", "Ana")
    scene = app.top
    corner = scene.map.rect.move(12, 12).topleft  # type: ignore[attr-defined]
    red, green, _ = app.screen.get_at(corner)[:3]
    assert red > green + 40, "the picture shows through the wash"

    (folder / "coast.png").write_bytes(b"not a picture at all")
    assert backdrop(loaded(folder / "valleys.yaml"), (300, 100)) is None


def test_the_debrief_screen_of_a_session_with_no_decision_says_unfinished(app: App, tmp_path: Path) -> None:
    from game.frontends.gui.scene_debrief import DebriefScene

    session = Session(loaded(MINIMAL), seed=1, trainee="Ana")
    app.replace(DebriefScene(app, session, tmp_path / "empty.jsonl"))
    driver.until(app, lambda: getattr(app.top, "ready", False))  # the debrief is computed off the frame
    scene = app.top
    assert isinstance(scene, DebriefScene) and scene.debrief is not None
    assert scene.debrief.overall is None


def test_the_debrief_screen_says_when_a_cap_held_the_score_down(app: App, tmp_path: Path, monkeypatch) -> None:
    """A distorted message caps the score far below conduct and ending: the screen says why."""
    from game.debrief.scripted import play_script
    from game.frontends.gui.scene_debrief import DebriefScene
    from game.frontends.gui.sheet import Sheet

    written: list[str] = []
    draw = Sheet.text

    def recording(self, style, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        written.append(text)
        return draw(self, style, text, *args, **kwargs)

    monkeypatch.setattr(Sheet, "text", recording)
    moves = ["approach:upper", "approach:lower", "relay:sluice_offer:distorted"]
    session = play_script(loaded(MINIMAL), moves, seed=1, trainee="Ana")
    app.replace(DebriefScene(app, session, tmp_path / "capped.jsonl"))
    driver.until(app, lambda: getattr(app.top, "ready", False))
    scene = app.top
    assert isinstance(scene, DebriefScene) and scene.debrief is not None
    assert scene.debrief.capped_by == "a message distorted or a warning withheld"
    assert f"Capped by a message distorted or a warning withheld (conduct {scene.debrief.conduct})." in written


def test_a_decision_that_cannot_be_saved_says_so_and_names_the_log(app: App, tmp_path: Path) -> None:
    import errno

    driver.start_new(app, MINIMAL, "Ana")
    assert app.live is not None
    driver.dismiss_dialogs(app)
    writer = app.live.writer

    def full_disk(record: dict) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    app.live.session.attach_sink(full_disk)
    driver.choose(app, MINIMAL_MOVES[0])
    driver.settle(app, 2)
    assert app.top.name == "dialog"
    body = app.top.body  # type: ignore[attr-defined]
    assert "No space left on device" in body and str(app.live.log_path) in body
    app.live.session.attach_sink(writer)
