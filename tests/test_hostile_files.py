"""Files someone else may have planted: FIFOs, devices, links and huge files are answered with a
one-line message, never a hang, a memory blow-up or a write through a link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.engine.logfile import LogWriter, read_log
from game.frontends.gui.settings import Settings, load_settings
from game.scenario import codes
from game.scenario.yaml_source import read_yaml_file
from game.sessions import start_session, unfinished_logs

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def test_a_fifo_as_scenario_log_or_settings_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "planted.jsonl"
    os.mkfifo(fifo)
    document, problems = read_yaml_file(fifo)
    assert document is None and problems[0].code == codes.FILE_UNREADABLE and "not a regular file" in problems[0].message
    contents, problems = read_log(fifo)
    assert contents is None and problems[0].code == codes.LOG_UNREADABLE and "not a session log" in problems[0].message
    assert load_settings(fifo) == Settings()
    assert unfinished_logs(tmp_path) == []


def test_a_link_to_an_endless_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.jsonl"
    link.symlink_to("/dev/zero")
    contents, problems = read_log(link)
    assert contents is None and "not a session log" in problems[0].message
    settings = tmp_path / "settings.json"
    settings.symlink_to("/dev/zero")
    assert load_settings(settings) == Settings()


def test_a_huge_log_is_refused_after_reading_no_more_than_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    with big.open("wb") as handle:
        handle.truncate(30 * 1024 * 1024)
    contents, problems = read_log(big)
    assert contents is None and "more than a session log can be" in problems[0].message


def test_deeply_nested_settings_fall_back_to_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("[" * 50_000 + "]" * 50_000)
    assert load_settings(path) == Settings()


def test_a_new_log_never_writes_through_a_planted_link(tmp_path: Path, minimal) -> None:
    victim = tmp_path / "someone_elses_file.txt"
    victim.write_text("precious")
    logs = tmp_path / "logs"
    logs.mkdir()
    live = start_session(minimal, seed=1, trainee="A", log_dir=logs)
    live.session.choose(live.session.moves()[0])
    planted = live.log_path  # a log that exists: a new session must never take it over
    live.close()
    with pytest.raises(FileExistsError):
        LogWriter(planted, new=True)
    link = logs / "planted.jsonl"
    link.symlink_to(victim)
    with pytest.raises(FileExistsError):
        LogWriter(link, new=True)
    with pytest.raises(OSError):
        LogWriter(link)  # continuing a log never follows a link either
    assert victim.read_text() == "precious"


def test_control_characters_in_scenario_text_are_refused_with_their_place(tmp_path: Path) -> None:
    from conftest import MINIMAL

    from game.scenario.loader import load_scenario_text

    text = MINIMAL.read_text(encoding="utf-8").replace("title: The Two Valleys", 'title: "The Two \\e]0;X\\a Valleys"', 1)
    loaded, problems = load_scenario_text(text, "esc.yaml")
    assert loaded is None
    (problem,) = [p for p in problems if p.is_error]
    assert problem.code == codes.INVALID_VALUE and "control character U+001B" in problem.message
    assert "\x1b" not in problem.render() and "\x07" not in problem.render()


def test_a_diagnostic_stays_one_line_whatever_the_file_name() -> None:
    from game.diagnostics import error

    rendered = error(codes.FILE_UNREADABLE, "cannot open the file", "a\nb\x1b.yaml", 3, 4).render()
    assert "\n" not in rendered and "\x1b" not in rendered and rendered.startswith("a\\u000ab\\u001b.yaml:3:4: GO0001")


def test_a_full_disk_during_play_says_what_happened_and_where_the_log_is(minimal) -> None:
    import errno
    import io

    from game.engine.session import Session
    from game.frontends.terminal.play import TerminalPlay

    records: list[dict] = []

    def sink(record: dict) -> None:
        if record.get("type") == "decision" and record.get("n", 0) >= 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        records.append(record)

    session = Session(minimal, seed=1, sink=sink)
    out = io.StringIO()
    code = TerminalPlay(session, "/logs/game.jsonl", io.StringIO("1\n1\n1\n"), out).run()
    text = out.getvalue()
    assert code == 1 and "Traceback" not in text
    assert "could not be saved (No space left on device)" in text
    assert "Every decision before it is in /logs/game.jsonl" in text
    assert "good-offices play --resume /logs/game.jsonl --text" in text
    assert [r["n"] for r in records if r["type"] == "decision"] == [1]


@pytest.mark.parametrize("name, value", [("trainee", "\u001b]0;PWNED\u0007"), ("started", "2026\u202e"), ("trainee", 7)])
def test_a_log_header_with_control_characters_is_refused_on_its_line(tmp_path: Path, name: str, value: object) -> None:
    import json

    header = {"type": "header", "log_format": 1, "scenario_id": "minimal", "seed": 1, "trainee": "Ama", name: value}
    log = tmp_path / "tampered.jsonl"
    log.write_text(json.dumps(header) + "\n", encoding="utf-8")
    contents, problems = read_log(log)
    assert contents is None
    assert problems[0].line == 1 and f"the header's {name}" in problems[0].message
    assert "\u001b" not in problems[0].render() and "\u202e" not in problems[0].render()
