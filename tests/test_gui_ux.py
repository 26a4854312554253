"""The window's first hour: the name given on the command line, past sessions, the report's
whereabouts, focus in settings, and the words on the title and pause screens."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import random  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402
from pygame_gui.elements import UIButton  # noqa: E402

from game.frontends.gui import driver, start  # noqa: E402
from game.frontends.gui.app import App  # noqa: E402
from game.frontends.gui.catalog import load_entry  # noqa: E402
from game.scenario.loader import LoadedScenario, load_scenario  # noqa: E402
from game.sessions import start_session  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal.yaml"


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    window = App(settings_file=tmp_path / "config" / "settings.json", log_dir=tmp_path / "logs", seed=7)
    yield window
    window.shutdown()


def loaded(path: Path) -> LoadedScenario:
    result, problems = load_scenario(path)
    assert result is not None, problems
    return result


def button_labels(scene) -> list[str]:  # type: ignore[no-untyped-def]
    return [element.text for element in scene.ui if isinstance(element, UIButton)]


def write_log(folder: Path, trainee: str, decisions: int | None, seed: int = 3) -> Path:
    """A session log with that many decisions, or played to its ending (None)."""
    live = start_session(loaded(MINIMAL), seed=seed, trainee=trainee, log_dir=folder)
    rng = random.Random(seed)
    made = 0
    while not live.session.is_over and (decisions is None or made < decisions):
        live.session.choose(rng.choice([m.key for m in live.session.moves()]))
        made += 1
    live.close()
    return live.log_path


# -- B: the name from the command line, and past sessions ----------------------------------------
def test_a_trainee_named_on_the_command_line_is_not_asked_again(app: App) -> None:
    start(app, entry=load_entry(MINIMAL), trainee="Dana Okafor")
    driver.settle(app)
    assert app.top.name == "briefing", app.scene_names()
    assert app.live is not None and app.live.session.trainee == "Dana Okafor"


def test_a_named_trainee_goes_from_the_picker_straight_to_the_briefing(app: App) -> None:
    start(app, trainee="Dana Okafor")
    driver.settle(app)
    app.open("picker", folder=str(FIXTURES))
    driver.settle(app)
    picker = app.top
    index = next(i for i, e in enumerate(picker.entries) if e.path.resolve() == MINIMAL.resolve())  # type: ignore[attr-defined]
    picker.focus.focus_key(f"entry:{index}")
    driver.press(app, pygame.K_RETURN)
    assert app.top.name == "briefing", app.scene_names()
    assert app.live is not None and app.live.session.trainee == "Dana Okafor"


def test_run_window_passes_the_trainee_through(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import game.frontends.gui as gui
    from game.frontends.gui import app as app_module

    seen: dict[str, object] = {}

    class Probe(App):
        def run(self) -> int:
            seen["trainee"] = self.live.session.trainee if self.live else None
            seen["screen"] = self.top.name
            return 0

    monkeypatch.setattr(app_module, "App", Probe)
    monkeypatch.setenv("GOOD_OFFICES_CONFIG_DIR", str(tmp_path / "config"))
    from game.frontends.options import PlayOptions

    assert gui.run_window(PlayOptions(scenario=str(MINIMAL), trainee="Dana", log_dir=tmp_path / "logs")) == 0
    assert seen == {"trainee": "Dana", "screen": "briefing"}


def test_past_sessions_lists_every_log_and_resumes_any_unfinished_one(app: App, tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    older = write_log(logs, "Ana", 2, seed=3)
    write_log(logs, "Ben", 1, seed=4)
    finished = write_log(logs, "Cleo", None, seed=5)
    (logs / "notes.jsonl").write_text("not a log\n", encoding="utf-8")
    start(app)
    driver.settle(app)
    title = app.top
    labels = button_labels(title)
    assert "Past sessions" in labels
    app.open("sessions")
    driver.until(app, lambda: app.top.reading is None)  # type: ignore[attr-defined]
    screen = app.top
    lines = screen.lines  # type: ignore[attr-defined]
    assert {line.trainee for line in lines if not line.problem} == {"Ana", "Ben", "Cleo"}
    assert any(line.problem for line in lines), "a file that is not a log is listed with why"
    assert screen.titles[0] == "The Two Valleys"  # type: ignore[attr-defined]
    finished_at = next(i for i, line in enumerate(lines) if line.path == finished)
    assert screen.endings[finished_at] == "Ended: Drift", "the ending by its title in the scenario"  # type: ignore[attr-defined]
    index = next(i for i, line in enumerate(lines) if line.path == older)
    screen.focus.focus_key(f"log:{index}")
    driver.settle(app)
    assert screen.action_button.text == "Resume"  # type: ignore[attr-defined]
    driver.press(app, pygame.K_RETURN)
    assert app.top.name == "play"
    assert app.live is not None and app.live.log_path == older and len(app.live.session.history) == 2
    app.close_session()

    app.go("title")
    app.open("sessions")
    driver.until(app, lambda: app.top.reading is None)  # type: ignore[attr-defined]
    screen = app.top
    index = next(i for i, line in enumerate(screen.lines) if line.path == finished)  # type: ignore[attr-defined]
    screen.focus.focus_key(f"log:{index}")
    driver.settle(app)
    assert screen.action_button.text == "See the debrief"  # type: ignore[attr-defined]
    driver.press(app, pygame.K_RETURN)
    driver.until(app, lambda: getattr(app.top, "ready", False))  # the debrief is computed off the frame
    assert app.top.name == "debrief"
    assert app.top.debrief is not None and app.top.debrief.trainee == "Cleo"  # type: ignore[attr-defined]


def test_past_sessions_are_read_over_frames_then_listed_every_one(app: App, tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    written = {write_log(logs, f"Trainee {i:02d}", None if i % 3 else 1, seed=i) for i in range(25)}
    start(app)
    driver.settle(app)
    app.open("sessions")
    screen = app.top
    assert screen.reading is not None and screen.lines == []  # type: ignore[attr-defined]
    assert screen.list.regions == [], "no card, and no 'No session yet', while the logs are read"  # type: ignore[attr-defined]
    driver.until(app, lambda: screen.reading is None)  # type: ignore[attr-defined]
    assert screen.read == 25 and {line.path for line in screen.lines} == written  # type: ignore[attr-defined]
    assert [r.key for r in screen.list.regions] == [f"log:{i}" for i in range(25)], "a card for every session"  # type: ignore[attr-defined]
    first = screen.lines[0]  # type: ignore[attr-defined]
    assert screen.action_button.text == ("See the debrief" if first.finished else "Resume")  # type: ignore[attr-defined]
    started = [line.started for line in screen.lines]  # type: ignore[attr-defined]
    assert started == sorted(started, reverse=True), "newest first"
    for _ in range(25):  # from no focus to the last card
        driver.press(app, pygame.K_DOWN, frames=1)
    assert screen.selected == 24  # type: ignore[attr-defined]


def test_the_title_names_the_unfinished_session_by_its_scenarios_title(app: App, tmp_path: Path) -> None:
    write_log(tmp_path / "logs", "Ana", 2)
    start(app)
    driver.settle(app)
    assert app.top.resume_text.startswith("The Two Valleys \u00b7 Ana \u00b7 2 decisions")  # type: ignore[attr-defined]


# -- C: the map's labels ------------------------------------------------------------------------
def _gap(a: pygame.Rect, b: pygame.Rect) -> float:
    dx = max(0, a.left - b.right, b.left - a.right)
    dy = max(0, a.top - b.bottom, b.top - a.bottom)
    return float((dx * dx + dy * dy) ** 0.5)


@pytest.mark.parametrize("scenario", ["harbour_crossing", "quiet_channel"])
@pytest.mark.parametrize("text_size", [100, 200])
@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
def test_every_map_marker_has_its_own_label_next_to_it_and_no_label_overlaps(
    app: App, scenario: str, text_size: int, size: tuple[int, int]
) -> None:
    from game.scenario.bundled import find_bundled

    path = find_bundled(scenario)
    assert path is not None
    app.resize(size)
    app.apply_settings(app.settings.with_changes(text_size=text_size))
    driver.start_new(app, path, "Ana")
    layout = app.top.map_layout  # type: ignore[attr-defined]
    line = app.fonts.line_height("small")
    assert set(layout.labels) == set(layout.markers), "every party and venue is labelled"
    assert len(layout.markers) == len(app.live.session.scenario.parties) + len(app.live.session.scenario.venues)  # type: ignore[union-attr]
    placed = list(layout.labels.items())
    for key, label in placed:
        assert layout.area.contains(label), (key, label)
        own = layout.markers[key]
        assert _gap(label, own) <= 1.5 * line, f"{key}'s label is {_gap(label, own):.0f}px from its marker"
        for other_key, marker in layout.markers.items():
            assert not label.colliderect(marker), f"{key}'s label covers {other_key}"
            if other_key != key:
                assert _gap(label, marker) > _gap(label, own), f"{key}'s label is nearer {other_key}"
        for chip in layout.chips:
            assert not label.colliderect(chip), f"{key}'s label covers the channel"
    for index, (key, label) in enumerate(placed):
        for other_key, other in placed[index + 1 :]:
            assert not label.colliderect(other), f"the labels of {key} and {other_key} overlap"


# -- C: tooltips, focus ---------------------------------------------------------------------------
def _open_tooltips(app: App) -> list:  # type: ignore[type-arg]
    from pygame_gui.elements import UITooltip

    return [element for element in app.manager.get_sprite_group().sprites() if isinstance(element, UITooltip) and element.alive()]


def test_a_tooltip_goes_when_its_tab_is_switched_away(app: App) -> None:
    app.resize((1280, 720))
    app.apply_settings(app.settings.with_changes(text_size=200))
    driver.start_new(app, MINIMAL, "Ana")
    driver.dismiss_dialogs(app)
    scene = app.top
    assert scene.tabs is not None, "the compact layout, with tabs"  # type: ignore[attr-defined]
    driver.press(app, pygame.K_p, "p")
    parties = scene.parties  # type: ignore[attr-defined]
    region = next(r for r in parties.regions if r.tooltip)
    point = (parties.rect.x + region.rect.centerx, parties.rect.y + region.rect.centery - parties.scroll)
    parties.while_hovering(0.1, point)
    parties.while_hovering(1.0, point)
    assert _open_tooltips(app), "the tooltip shows while hovered"
    driver.press(app, pygame.K_s, "s")
    driver.settle(app)
    assert not _open_tooltips(app), "no tooltip is left over the other tab or the moves"


def test_settings_open_with_the_first_setting_focused_and_larger_keeps_the_focus(app: App) -> None:
    start(app)
    driver.settle(app)
    app.open("settings")
    driver.settle(app)
    assert app.top.focus.current is not None and app.top.focus.current.key == "button:Larger"
    driver.press(app, pygame.K_RETURN)
    assert app.settings.text_size == 125
    assert app.top.focus.current.key == "button:Larger", "the focus stays on Larger, not on the Smaller that appeared"
    driver.press(app, pygame.K_RETURN)
    assert app.settings.text_size == 150 and app.top.focus.current.key == "button:Larger"


def _luminance(colour: pygame.Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def _contrast(a: pygame.Color, b: pygame.Color) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("label", ["Done  (Esc)", "Larger"])
def test_the_focus_ring_of_a_button_stands_out_from_its_fill(app: App, label: str) -> None:
    start(app)
    app.open("settings")
    driver.settle(app)
    app.top.focus.focus_key(f"button:{label}")
    driver.settle(app, 4)
    button = next(b for b in app.top.ui if isinstance(b, UIButton) and b.text == label)
    edge = app.screen.get_at((button.rect.centerx, button.rect.top + 3))  # under the widget's 2px shadow margin
    fill = app.screen.get_at((button.rect.x + 12, button.rect.centery))
    assert _contrast(edge, fill) >= 3, f"focus ring {edge} on {fill}: {_contrast(edge, fill):.1f}:1"


def test_a_long_path_wraps_after_its_folders_not_in_the_middle_of_a_name(app: App) -> None:
    folder = "/home/amina/.local/share/good-offices/logs/"
    name = "harbour_crossing-amina-diallo-20261202T214522-11.jsonl"
    lines = app.fonts.wrap("body", f"Saved in {folder}{name}", app.fonts.width("body", "x" * 40))
    assert lines[0] == "Saved in" and "".join(lines[1:]) == folder + name
    assert folder in lines, f"the folders stay on one line: {lines}"
    for line in lines[1:-1]:
        assert line[-1] in "/-_.", f"broken inside a word: {lines}"


# -- C: the HTML report ---------------------------------------------------------------------------
def _debrief_screen(app: App, tmp_path: Path):  # type: ignore[no-untyped-def]
    from game.frontends.gui.begin import debrief

    log = write_log(tmp_path / "logs", "Cleo", None)
    start(app)
    assert debrief(app, log)
    driver.until(app, lambda: getattr(app.top, "ready", False))  # the debrief is computed off the frame
    assert app.top.name == "debrief" and app.top.debrief is not None  # type: ignore[attr-defined]
    return app.top, log


def test_writing_the_report_says_where_it_is_and_opens_it_in_the_browser(app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from game.frontends.gui import opener

    opened: list[str] = []
    done = threading.Event()

    def fake_open(url: str) -> bool:
        opened.append(url)
        done.set()
        return True

    monkeypatch.setattr(opener.webbrowser, "open", fake_open)
    scene, log = _debrief_screen(app, tmp_path)
    scene.write_report()
    driver.settle(app)
    report = log.with_suffix(".html")
    assert report.is_file()
    assert app.top.name == "dialog" and str(report) in app.top.body  # type: ignore[attr-defined]
    driver.press(app, pygame.K_RETURN)  # "Open it in the browser"
    assert done.wait(10)
    assert opened == [report.resolve().as_uri()]
    assert app.top is scene and str(report) in scene.report
    assert "Open the report" in button_labels(scene)
    driver.settle(app)
    left_of_buttons = min(b.rect.x for b in scene.ui if isinstance(b, UIButton))
    bar = pygame.Rect(0, app.size[1] - 40, left_of_buttons, 30)
    colours = {tuple(app.screen.get_at((x, y))) for x in range(bar.x, bar.right, 3) for y in range(bar.y, bar.bottom, 2)}
    assert len(colours) > 3, "the footer shows the report's path, not an empty bar"


def test_a_browser_that_cannot_open_is_reported_on_screen_not_raised(app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    from game.frontends.gui import opener

    def broken(url: str) -> bool:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(opener.webbrowser, "open", broken)
    scene, log = _debrief_screen(app, tmp_path)
    scene.write_report()
    driver.press(app, pygame.K_ESCAPE)  # close the dialog
    thread = opener.open_file(log.with_suffix(".html"), scene.problems)
    thread.join(10)
    driver.settle(app)
    assert "could not locate runnable browser" in scene.report and str(log.with_suffix(".html")) in scene.report


# -- D: crash reports, the desktop entry and the icon --------------------------------------------
def _resume_args(tmp_path: Path, log: Path):  # type: ignore[no-untyped-def]
    from game.frontends.options import PlayOptions

    return PlayOptions(resume=log, log_dir=tmp_path / "logs")


def test_an_unexpected_error_writes_a_crash_report_and_says_where_on_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import game.frontends.gui as gui
    from game.frontends.gui import app as app_module
    from game.frontends.gui import crash

    log = write_log(tmp_path / "logs", "Ana", 2)
    before = log.read_bytes()
    monkeypatch.setattr(crash, "crash_dir", lambda: tmp_path / "crashes")
    monkeypatch.setenv("GOOD_OFFICES_CONFIG_DIR", str(tmp_path / "config"))
    shown: dict[str, str] = {}

    class Breaks(App):
        runs = 0

        def run(self) -> int:
            Breaks.runs += 1
            if Breaks.runs == 1:
                raise RuntimeError("boom in a scene")
            shown["screen"], shown["body"] = self.top.name, self.top.body  # type: ignore[attr-defined]
            return 0

    monkeypatch.setattr(app_module, "App", Breaks)
    assert gui.run_window(_resume_args(tmp_path, log)) == 1
    reports = list((tmp_path / "crashes").glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    for needed in ("RuntimeError: boom in a scene", "Traceback", "version:", "platform:", "scenario: minimal", str(log)):
        assert needed in text, needed
    assert shown["screen"] == "dialog" and str(reports[0]) in shown["body"] and str(log) in shown["body"]
    assert log.read_bytes() == before, "the session log is kept as it was"
    assert str(reports[0]) in capsys.readouterr().err


def test_when_the_window_cannot_show_the_error_the_last_resort_message_names_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import game.frontends.gui as gui
    from game.frontends.gui import app as app_module
    from game.frontends.gui import crash

    log = write_log(tmp_path / "logs", "Ana", 2)
    monkeypatch.setattr(crash, "crash_dir", lambda: tmp_path / "crashes")
    monkeypatch.setenv("GOOD_OFFICES_CONFIG_DIR", str(tmp_path / "config"))
    said: list[str] = []
    monkeypatch.setattr(crash, "last_resort", said.append)

    class AlwaysBreaks(App):
        def run(self) -> int:
            raise RuntimeError("the display is gone")

    monkeypatch.setattr(app_module, "App", AlwaysBreaks)
    assert gui.run_window(_resume_args(tmp_path, log)) == 1
    report = next((tmp_path / "crashes").glob("crash-*.txt"))
    assert len(said) == 1 and str(report) in said[0] and str(log) in said[0]


def test_the_desktop_entry_launches_the_window_with_the_shipped_icon() -> None:
    import configparser
    from importlib import resources

    assets = resources.files("game.assets")
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read_string(assets.joinpath("good-offices.desktop").read_text(encoding="utf-8"))
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "false"
    assert desktop["Exec"].split()[:2] == ["good-offices", "play"]
    assert desktop["Icon"] == "good-offices" and "Education" in desktop["Categories"].split(";")
    icon = pygame.image.load(str(assets.joinpath("good-offices.png")))
    assert icon.get_width() == icon.get_height() >= 128


def test_the_reports_path_in_the_footer_loses_its_middle_not_its_file_name(app: App) -> None:
    from game.frontends.gui.scene_debrief import elide_middle

    path = "/home/amina/.local/share/good-offices/logs/harbour_crossing-amina-diallo-20261202T214522-11.html"
    width = app.fonts.width("small", "x" * 30)
    short = elide_middle(app.fonts, "small", path, width)
    assert app.fonts.width("small", short) <= width
    assert short.startswith("/home") and short.endswith("-11.html") and "\u2026" in short
    assert elide_middle(app.fonts, "small", "/tmp/a.html", width) == "/tmp/a.html"
