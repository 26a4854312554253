"""Hostile input meets every output (issue 10, items 2-8, checked again).

Each test puts one planted thing in a scenario, a log, an argument or a file name and checks
what the user sees: a refusal on one located line, or output with nothing in it that can drive
the terminal (ESC starts escape sequences that retitle a window or write the clipboard, BEL
rings), reorder text (bidirectional overrides) or hide it (zero-width characters).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINIMAL

from game.debrief.scripted import play_script
from game.scenario import codes
from game.scenario.loader import load_scenario, load_scenario_text
from game.scenario.schema_check import MAX_REPORTED
from game.scenario.yaml_source import read_yaml_file

ESCAPES = "\x1b]0;owned\x07\x1b[2J"
"""A window title change, a bell and a screen clear: what a file's YAML escapes ("\\e", "\\a")
can put in a text."""
DRIVES_THE_TERMINAL = ("\x1b", "\x07", "\u202e", "\u200b")


def run(*args: str | bytes, env: dict[str, str], stdin: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "game", *args], input=stdin.encode(), capture_output=True, env=env, cwd=cwd, timeout=180)


def clean(output: bytes) -> bool:
    text = output.decode("utf-8", "replace")
    return not any(char in text for char in DRIVES_THE_TERMINAL) and "Traceback" not in text


# -- item 2: escapes from YAML in any text of a scenario -----------------------------------------------


def _string_leaves(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _string_leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _string_leaves(value, (*path, index))
    elif isinstance(data, str):
        yield path


def _with(data: Any, path: tuple[Any, ...], suffix: str) -> Any:
    copy = json.loads(json.dumps(data))
    holder = copy
    for part in path[:-1]:
        holder = holder[part]
    holder[path[-1]] = holder[path[-1]] + suffix
    return copy


MINIMAL_DATA = read_yaml_file(MINIMAL)[0].data  # PyYAML's own loader would read the key 'on' as true
MINIMAL_DATA["clock"]["turn_label"] = "day"  # optional strings too
MINIMAL_DATA["$schema"] = "../scenario.schema.json"
TEXT_PLACES = list(_string_leaves(MINIMAL_DATA))


@pytest.mark.parametrize("suffix", [ESCAPES, "\u202eslav", "a\u200bb"], ids=["esc-bel", "bidi-override", "zero-width"])
def test_no_text_of_a_scenario_takes_escapes_or_invisible_formatting(suffix: str) -> None:
    """Every string in the file (titles, texts, the turn label, expressions, paths) in turn."""
    accepted = []
    for path in TEXT_PLACES:
        text = yaml.safe_dump(_with(MINIMAL_DATA, path, suffix), allow_unicode=False)  # ESC is written as "\e"
        loaded, problems = load_scenario_text(text, "planted.yaml")
        if loaded is not None:
            accepted.append(".".join(map(str, path)))
        assert all(clean(p.render().encode()) for p in problems)
    assert accepted == [], f"accepted with {suffix!r} in: {accepted}"


def test_the_turn_label_and_an_expression_were_the_places_left(tmp_path: Path) -> None:
    """They reached the terminal's status line and `structure` before."""
    text = MINIMAL.read_text(encoding="utf-8").replace("clock:\n  turns: 12", 'clock:\n  turns: 12\n  turn_label: "d\\e]0;X\\aay"')
    loaded, problems = load_scenario_text(text, "label.yaml")
    assert loaded is None and any(p.code == codes.INVALID_VALUE and "U+001B" in p.message for p in problems)
    text = MINIMAL.read_text(encoding="utf-8").replace("when: meetings >= 1", 'when: "meetings >= 1 or var.offer_known == \\"\\e[2J\\""')
    loaded, problems = load_scenario_text(text, "expr.yaml")
    assert loaded is None and any("U+001B" in p.message for p in problems)


def test_escapes_planted_in_a_log_reach_no_output(tmp_path: Path, cli_env: dict[str, str]) -> None:
    """A log edited by hand: the trainee's name is printed by sessions, replay and debrief."""
    loaded, _ = load_scenario(MINIMAL)
    assert loaded is not None
    logs = tmp_path / "logs"
    logs.mkdir()
    log = logs / "planted.jsonl"
    play_script(loaded, ["approach:upper", "approach:lower"], seed=1, trainee="Ana", log=log)
    lines = log.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["trainee"] = "Ana" + ESCAPES + "\u202e"
    log.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n", encoding="utf-8")
    for args in (["sessions", "--log-dir", str(logs)], ["replay", str(log)], ["debrief", str(log)], ["debrief", "--class", str(log)]):
        result = run(*args, env=cli_env)
        assert clean(result.stdout) and clean(result.stderr), (args, result.stdout[-400:], result.stderr[-400:])


# -- item 3: planted files -------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_scenario_that_is_a_link_to_an_endless_device_is_refused(tmp_path: Path, cli_env: dict[str, str]) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    loaded, problems = load_scenario(link)
    assert loaded is None and problems[0].code == codes.FILE_UNREADABLE and "not a regular file" in problems[0].message
    result = run("validate", str(link), env=cli_env)
    assert result.returncode == 1 and b"GO0001" in result.stderr


def test_a_deeply_nested_line_inside_a_log_is_a_damaged_line(tmp_path: Path) -> None:
    from game.engine.logfile import read_log

    loaded, _ = load_scenario(MINIMAL)
    assert loaded is not None
    log = tmp_path / "deep.jsonl"
    play_script(loaded, ["approach:upper", "approach:lower"], seed=1, trainee="Ana", log=log)
    lines = log.read_text(encoding="utf-8").splitlines()
    lines.insert(1, "[" * 100_000 + "]" * 100_000)
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    contents, problems = read_log(log)
    assert [(p.code, p.line) for p in problems if p.is_error] == [(codes.LOG_BAD_LINE, 2)]


# -- item 5: a name that is not UTF-8 -------------------------------------------------------------------


def test_a_trainee_name_that_is_not_utf8_is_refused_on_one_line(tmp_path: Path, cli_env: dict[str, str]) -> None:
    env = {**cli_env, "LC_ALL": "C.UTF-8"}
    result = run(b"play", str(MINIMAL).encode(), b"--text", b"--trainee", b"\xc9lodie\xff", b"--log-dir", str(tmp_path).encode(), env=env)
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert (
        result.stderr.strip().splitlines()[-1]
        == b"good-offices: argument --trainee: the name is not valid UTF-8 text (check the terminal's encoding)"
    )
    assert not list(tmp_path.glob("*.jsonl"))


# -- item 7: a flood of unknown keys ----------------------------------------------------------------------


def test_twenty_thousand_unknown_keys_give_a_hundred_lines_and_a_count(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "venues:\n  mill:\n", "venues:\n  mill:\n" + "".join(f"    junk{i}: 1\n" for i in range(20_000)), 1
    )
    path = tmp_path / "flood.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_scenario(path)
    assert loaded is None
    unknown = [p for p in problems if p.code == codes.UNKNOWN_KEY]
    [rest] = [p for p in problems if p.code == codes.TOO_MANY_PROBLEMS]
    assert len(unknown) <= MAX_REPORTED and len(problems) <= MAX_REPORTED + 5
    assert f"and {20_000 - len(unknown)} more problems" in rest.message


# -- item 8: both files named, newlines in file names, invisible characters in titles ------------------------


def test_a_changed_scenario_names_the_log_and_the_scenario_file(tmp_path: Path) -> None:
    from game.sessions import open_log_for_replay

    scenario = tmp_path / "valleys.yaml"
    scenario.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    loaded, _ = load_scenario(scenario)
    assert loaded is not None
    log = tmp_path / "session.jsonl"
    play_script(loaded, ["approach:upper"], seed=1, trainee="Ana", log=log)
    scenario.write_text(scenario.read_text(encoding="utf-8").replace("trust: 45", "trust: 46"), encoding="utf-8")
    session, problems = open_log_for_replay(log, scenario)
    assert session is None
    [problem] = problems
    line = problem.render().splitlines()[0]
    assert problem.code == codes.LOG_SCENARIO_CHANGED and line.startswith(f"{log}:1:1: GO0407") and str(scenario) in line


@pytest.mark.skipif(os.name == "nt", reason="file names cannot hold a newline on Windows")
def test_a_newline_or_escape_in_a_file_name_stays_on_one_escaped_line(tmp_path: Path, cli_env: dict[str, str]) -> None:
    good = tmp_path / "two\nlines\x1b[2J.yaml"
    good.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "bad\nname.yaml"
    bad.write_text("title: [", encoding="utf-8")
    for args in (["validate", str(good)], ["validate", str(bad)], ["validate", str(tmp_path)], ["structure", str(good)]):
        result = run(*args, env=cli_env)
        assert clean(result.stdout) and clean(result.stderr), (args, result.stdout, result.stderr)
        for line in (result.stdout + result.stderr).decode().splitlines():
            assert not line.startswith(("lines", "name.yaml")), f"a file name was split over two lines: {line!r}"
    out = tmp_path / "out\nput.json"
    result = run("schema", "-o", str(out), env=cli_env)
    assert result.returncode == 0 and b"out\\u000aput.json" in result.stdout + result.stderr


def test_titles_with_invisible_formatting_are_refused_with_their_place() -> None:
    for char in ("\u202e", "\u2066", "\u200b", "\ufeff"):
        text = MINIMAL.read_text(encoding="utf-8").replace("title: The Two Valleys", f'title: "The Two {char}Valleys"', 1)
        loaded, problems = load_scenario_text(text, "title.yaml")
        assert loaded is None
        [problem] = [p for p in problems if p.is_error]
        assert problem.line == 4 and f"U+{ord(char):04X}" in problem.message and "disguise" in problem.message
