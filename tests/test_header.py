"""A scenario's header, read from the top of the event stream (`game/scenario/header.py`), is the
one the project's reader finds in the whole file, or that reader's own answer: for every YAML
file in the repository, for edited copies of the bundled scenarios, and for hostile ones."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from game.scenario import header, yaml_source
from game.scenario.bundled import bundled_paths
from game.scenario.header import ScenarioHeader, read_header

ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted(p for folder in ("scenarios", "tests", "game") for p in (ROOT / folder).rglob("*.yaml"))


def test_the_limits_are_the_readers() -> None:
    assert header.MAX_BYTES == yaml_source.MAX_BYTES and header.MAX_SCALAR == yaml_source.MAX_SCALAR


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_gets_the_answer_of_the_full_reader(path: Path) -> None:
    assert read_header(path) == header._read_in_full(path)


def test_the_pure_python_parser_gives_the_same_headers(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = {path: read_header(path) for path in YAML_FILES}
    monkeypatch.setattr(header, "_Parser", yaml.SafeLoader)  # where PyYAML was built without libyaml
    assert {path: read_header(path) for path in YAML_FILES} == expected


def test_the_bundled_headers_are_read_without_the_full_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: object) -> None:
        raise AssertionError(f"{path} was read in full")

    monkeypatch.setattr(header, "_read_in_full", refuse)
    for path in bundled_paths():
        found, reason = read_header(path)
        assert found is not None and found.id == path.stem and reason == "", path


EDITS = [
    ("title: The Quiet Channel\n", "title: !!str The Quiet Channel\n"),
    ("title: The Quiet Channel\n", "title: &t The Quiet Channel\n"),
    ("title: The Quiet Channel\n", "title: The Quiet Channel\ntitle: Again\n"),
    ("title: The Quiet Channel\n", "title: 'The Quiet Channel'\n"),
    ("title: The Quiet Channel\n", "title: 12\n"),
    ("title: The Quiet Channel\n", "title: yes\n"),
    ("title: The Quiet Channel\n", "title: ''\n"),
    ("title: The Quiet Channel\n", "title: [a, b]\n"),
    ("title: The Quiet Channel\n", "title:\n"),
    ("title: The Quiet Channel\n", "title: x\n\ttab: 1\n"),
    ("title: The Quiet Channel\n", "title: \x07bell\n"),
    ("title: The Quiet Channel\n", "title: The Quiet Channel\n<<: {x: 1}\n"),
    ("title: The Quiet Channel\n", "title: The Quiet Channel\n1: one\n"),
    ("title: The Quiet Channel\n", "title: The Quiet Channel\n? [a]\n: b\n"),
    ("expected_minutes: 45\n", "expected_minutes: 012\n"),
    ("expected_minutes: 45\n", "expected_minutes: 0x2d\n"),
    ("expected_minutes: 45\n", "expected_minutes: 4_5\n"),
    ("expected_minutes: 45\n", "expected_minutes: '45'\n"),
    ("expected_minutes: 45\n", "expected_minutes: 45.0\n"),
    ("expected_minutes: 45\n", "expected_minutes: true\n"),
    ("expected_minutes: 45\n", "expected_minutes: 0\n"),
    ("expected_minutes: 45\n", "expected_minutes: 1234567890123\n"),
    ("expected_minutes: 45\n", ""),
    ("id: quiet_channel\n", ""),
    ("id: quiet_channel\n", "id: quiet_channel\n---\nid: second\n"),
    ("format: 2\n", "--- !!map\nformat: 2\n"),
    ("approach: {effects: &discipline", "approach: {effects: &discipline &again"),
]


@pytest.mark.parametrize(("old", "new"), EDITS)
def test_an_edited_file_gets_the_answer_of_the_full_reader(old: str, new: str, tmp_path: Path) -> None:
    text = (ROOT / "scenarios" / "quiet_channel.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "quiet_channel.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert read_header(path) == header._read_in_full(path)


@pytest.mark.parametrize(
    ("old", "new"),
    [("format: 2\n", "format: 2\nnotes: *nowhere\n"), ("  start: ", "  start: x\n  start: ")],
)
def test_a_problem_away_from_the_header_is_left_to_a_full_validation(old: str, new: str, tmp_path: Path) -> None:
    text = (ROOT / "scenarios" / "quiet_channel.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "quiet_channel.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert header._read_in_full(path)[0] is None
    found, reason = read_header(path)
    assert found is not None and found.title == "The Quiet Channel" and reason == ""


def test_a_header_is_read_from_a_folder_a_missing_file_or_a_huge_one_as_the_reader_says(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    huge.write_text("id: x\ntitle: y\nsummary: z\ndifficulty: advanced\nnotes: " + "a" * (header.MAX_BYTES + 1) + "\n", encoding="utf-8")
    for path in (tmp_path, tmp_path / "missing.yaml", huge):
        found, reason = read_header(path)
        assert found is None and reason and (found, reason) == header._read_in_full(path)


def test_a_header_is_its_five_values() -> None:
    path = ROOT / "scenarios" / "quiet_channel.yaml"
    assert read_header(path) == (ScenarioHeader("quiet_channel", "The Quiet Channel", read_header(path)[0].summary, "advanced", 45), "")
