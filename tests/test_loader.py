"""load_scenario as an instructor meets it: a good file loads clean, a bad one is answered with
every problem at once, sorted top to bottom, and nothing is ever raised."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from game.diagnostics import Severity
from game.scenario import codes
from game.scenario.bundled import bundled_paths, find_bundled
from game.scenario.loader import file_sha256, load_scenario, load_scenario_text

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL_TEXT = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def edited(*edits: tuple[str, str], text: str = MINIMAL_TEXT) -> str:
    for old, new in edits:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    return text


def problems_of(text: str, folder: Path | None = None) -> list[tuple[str, int]]:
    loaded, problems = load_scenario_text(text, "x.yaml", folder)
    assert loaded is None or not any(p.is_error for p in problems)
    return [(p.code, p.line) for p in problems]


# -- good files ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["minimal.yaml", "strait.yaml"])
def test_fixtures_load_without_any_diagnostic(name: str) -> None:
    loaded, problems = load_scenario(FIXTURES / name)
    assert problems == []
    assert loaded is not None
    assert loaded.file == str(FIXTURES / name)
    assert loaded.folder == FIXTURES
    assert loaded.sha256 == hashlib.sha256((FIXTURES / name).read_bytes()).hexdigest() == file_sha256(FIXTURES / name)


def test_every_bundled_scenario_loads_without_errors() -> None:
    for path in bundled_paths():
        loaded, problems = load_scenario(path)
        assert loaded is not None, f"{path.name}:\n" + "\n".join(p.render() for p in problems)
        assert not any(p.is_error for p in problems)
        assert loaded.scenario.id == path.stem, "bundled file names and ids are kept equal"
        assert find_bundled(path.stem) == path


def test_every_condition_and_effect_is_parsed_at_load_time(strait) -> None:
    s = strait.scenario
    conditions = [t.when for p in s.phases.phases.values() for t in p.transitions if t.when]
    conditions += [c.when for c in s.choices.values() if c.when]
    conditions += [e.when for e in s.events.values() if e.when] + [e.chance for e in s.events.values() if e.chance]
    conditions += [m.arrives_when for m in s.messages.values() if m.arrives_when]
    effects = [x for e in s.events.values() for x in e.effects] + [x for c in s.choices.values() for x in c.effects]
    effects += [x for m in s.messages.values() for x in (*m.on_delivered, *m.on_distorted)]
    effects += [x for v in s.verbs.values() for x in v.effects]
    assert conditions and effects
    assert set(conditions) <= set(strait.expressions.conditions)
    assert set(effects) <= set(strait.expressions.effects)


def test_text_and_bytes_load_alike_and_a_bom_is_fine() -> None:
    from_text, _ = load_scenario_text(MINIMAL_TEXT)
    from_bytes, _ = load_scenario_text(MINIMAL_TEXT.encode("utf-8"))
    with_bom, problems = load_scenario_text(b"\xef\xbb\xbf" + MINIMAL_TEXT.encode("utf-8"))
    assert from_text is not None and from_bytes is not None and with_bom is not None, problems
    assert from_text.scenario == from_bytes.scenario == with_bom.scenario
    assert from_text.sha256 == from_bytes.sha256 == hashlib.sha256(MINIMAL_TEXT.encode()).hexdigest()


def test_windows_line_endings_load(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(MINIMAL_TEXT.replace("\n", "\r\n").encode("utf-8"))
    loaded, problems = load_scenario(path)
    assert loaded is not None, problems


# -- the path itself ----------------------------------------------------------------------


def test_missing_file_is_go0001(tmp_path: Path) -> None:
    loaded, problems = load_scenario(tmp_path / "genva.yaml")
    assert loaded is None
    assert [(p.code, p.severity) for p in problems] == [(codes.FILE_UNREADABLE, Severity.ERROR)]
    assert "No such file" in problems[0].message and problems[0].hint


def test_folder_is_go0001(tmp_path: Path) -> None:
    _, problems = load_scenario(tmp_path)
    assert [p.code for p in problems] == [codes.FILE_UNREADABLE]
    assert "folder" in problems[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    _, problems = load_scenario(pipe)
    assert [p.code for p in problems] == [codes.FILE_UNREADABLE]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_is_go0001(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(MINIMAL_TEXT)
    path.chmod(0)
    try:
        _, problems = load_scenario(path)
    finally:
        path.chmod(0o644)
    assert [p.code for p in problems] == [codes.FILE_UNREADABLE]


# -- all problems at once -----------------------------------------------------------------

MANY_REFERENCE_PROBLEMS = [
    ("territory: lower", "territory: lowr"),  # GO0201
    ("venue_preferences: [mill]", "venue_preferences: [mil]"),  # GO0202
    ("    from: upper", "    from: uppr"),  # GO0201
    ('on_delivered: ["var.offer_known = true"]', 'on_delivered: ["var.ofer_known = true", "turn = 3"]'),  # GO0205 x2
    ("      transitions:\n        - to: talking", "      transitions:\n        - to: talkin"),  # GO0204
    ("when: meetings >= 1", "when: meetings => 1"),  # GO0207
    ("on: agree_share", "on: agree"),  # GO0212
    ("when: var.offer_known", "when: relayed.nothing"),  # GO0203
    ("principle: ownership", "principle: owner"),  # GO0206
    ('["escalation += 5"]', '["escalation += 5", "trust.nobody -= 1"]'),  # GO0201
]


def test_a_file_with_many_problems_reports_all_of_them_sorted_by_line() -> None:
    loaded, problems = load_scenario_text(edited(*MANY_REFERENCE_PROBLEMS), "many.yaml")
    assert loaded is None
    errors = [p for p in problems if p.is_error]
    assert len(errors) >= len(MANY_REFERENCE_PROBLEMS) + 1
    assert problems == sorted(problems, key=lambda p: (p.line, p.col, p.code))
    found = {p.code for p in errors}
    assert {"GO0201", "GO0202", "GO0203", "GO0204", "GO0205", "GO0206", "GO0207", "GO0212"} <= found
    assert len({p.line for p in errors}) >= 9, "each problem on its own line"


def test_many_schema_problems_are_reported_together() -> None:
    text = edited(
        ("difficulty: introductory", "difficulty: hard"),
        ("expected_minutes: 10", "expected_minutes: 1000"),
        ("  turns: 12", "  turns: twelve"),
        ("trust: 45", "trust: -5"),
        ("    name: the Old Mill", "    nmae: the Old Mill"),
        ("tone: hostile", "tone: rude"),
        ("      title: Drift\n", "      title: Drift\n      colour: grey\n"),
    )
    _, problems = load_scenario_text(text, "schema.yaml")
    assert [p.code for p in problems].count(codes.UNKNOWN_KEY) == 2
    assert {codes.INVALID_CHOICE, codes.OUT_OF_RANGE, codes.WRONG_TYPE, codes.MISSING_FIELD} <= {p.code for p in problems}
    assert len(problems) >= 8
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_yaml_errors_come_alone_because_nothing_after_them_can_be_trusted() -> None:
    text = edited(("title: The Two Valleys", "title: The Two Valleys\ntitle: Again"), ("trust: 45", "trust: 450"))
    _, problems = load_scenario_text(text)
    assert [p.code for p in problems] == [codes.DUPLICATE_KEY]


def test_warnings_and_errors_come_together() -> None:
    text = edited(("venue_preferences: [mill, lower_town]", "venue_preferences: [mill]"), ("territory: lower", "territory: lowr"))
    loaded, problems = load_scenario_text(text)
    assert loaded is None
    assert {(p.code, p.severity) for p in problems} == {(codes.UNUSED_VENUE, Severity.WARNING), (codes.UNKNOWN_PARTY, Severity.ERROR)}


# -- cross-checks that need no fixture file of their own ------------------------------------


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        ([("  offer_known: {initial: false,", "  offer_known: {initial: 5, min: 10, max: 1,")], codes.OUT_OF_RANGE),
        ([("  offer_known: {initial: false,", "  offer_known: {initial: 50, min: 0, max: 10,")], codes.OUT_OF_RANGE),
        ([("  offer_known: {initial: false,", "  offer_known: {initial: false, min: 0,")], codes.INVALID_VALUE),
        ([("    to: lower", "    to: upper")], codes.INVALID_VALUE),
        ([("  on_timeout: drift", "  on_timeout: standoff")], codes.INVALID_VALUE),
        ([("      title: Talking\n", "      title: Talking\n      parent: talking\n")], codes.INVALID_VALUE),
        ([("    at_turn: 4\n", "")], codes.MISSING_FIELD),
        ([("    at_turn: 4", "    at_turn: 40")], codes.OUT_OF_RANGE),
        ([("    arrives_turn: 2", "    arrives_turn: 2\n    arrives_when: relayed.sluice_offr")], codes.UNKNOWN_MESSAGE),
        ([('["escalation += 5"]', "[\"consent.upper = 'contact'\"]")], codes.WRONG_TYPE),
        ([('["escalation += 5"]', '["meetings += 1"]')], codes.UNKNOWN_NAME),
        ([('["escalation += 5"]', '["fired.storm = false"]')], codes.UNKNOWN_NAME),
        ([('["escalation += 5"]', '["escalation += bad_faith.upper + probed.lowr"]')], codes.UNKNOWN_PARTY),
        ([("when: var.offer_known", "when: venue.mil")], codes.UNKNOWN_VENUE),
        ([("when: var.offer_known", "when: offer_known")], codes.UNKNOWN_NAME),
    ],
)
def test_cross_checks(edits: list[tuple[str, str]], expected: str) -> None:
    found = problems_of(edited(*edits))
    assert expected in [code for code, _ in found], found


def test_a_bare_variable_name_hints_at_var_prefix() -> None:
    _, problems = load_scenario_text(edited(("when: var.offer_known", "when: offer_known")))
    assert "var.offer_known" in problems[0].hint


def test_parent_cycle_is_reported_once_per_phase() -> None:
    text = edited(
        ("      title: Talking\n", "      title: Talking\n      parent: standoff\n"),
        ("      title: Standoff\n", "      title: Standoff\n      parent: talking\n"),
    )
    found = problems_of(text)
    assert [code for code, _ in found].count(codes.INVALID_VALUE) == 2


def test_an_untriggered_leak_event_is_the_story_of_a_back_channel_leak() -> None:
    text = edited(("    kind: incident\n    at_turn: 4\n", "    kind: leak\n"))
    loaded, problems = load_scenario_text(text)
    assert loaded is not None, [p.render() for p in problems]


def test_nested_phases_inherit_transitions_for_the_structure_checks(strait) -> None:
    assert strait.scenario.phases.phases["talks"].parent == "process"  # 'process' itself is never entered


def test_trigger_words_that_yaml_reads_as_booleans_stay_keys() -> None:
    """`on:` is a YAML 1.1 boolean word; as a key it must stay the word 'on'."""
    loaded, _ = load_scenario_text(MINIMAL_TEXT)
    assert loaded is not None
    assert loaded.scenario.phases.phases["talking"].transitions[0].on == "agree_share"


# -- assets ---------------------------------------------------------------------------------


def with_map(image: str) -> str:
    return edited(("expected_minutes: 10\n", f"expected_minutes: 10\nmap_image: {image}\n"))


def test_asset_beside_the_scenario_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "valleys.png").write_bytes(b"\x89PNG\r\n")
    path = tmp_path / "s.yaml"
    path.write_text(with_map("maps/valleys.png"))
    loaded, problems = load_scenario(path)
    assert loaded is not None, problems


@pytest.mark.parametrize("image", ["../../etc/passwd", "/etc/passwd", "maps/../../outside.png", "..\\..\\x.png"])
def test_asset_leaving_the_folder_is_go0208(tmp_path: Path, image: str) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(b"x")
    path = folder / "s.yaml"
    path.write_text(with_map(f"'{image}'"))
    _, problems = load_scenario(path)
    expected = codes.ASSET_MISSING if "\\" in image and os.sep == "/" else codes.ASSET_OUTSIDE
    assert [p.code for p in problems] == [expected], [p.render() for p in problems]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_asset_symlink_pointing_outside_is_go0208(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("x")
    os.symlink(tmp_path / "secret.txt", folder / "map.png")
    path = folder / "s.yaml"
    path.write_text(with_map("map.png"))
    _, problems = load_scenario(path)
    assert [p.code for p in problems] == [codes.ASSET_OUTSIDE]


def test_assets_are_not_checked_without_a_folder() -> None:
    loaded, problems = load_scenario_text(with_map("../../etc/passwd"))
    assert loaded is not None and problems == []


def test_schema_mistakes_do_not_hide_reference_mistakes_in_the_same_run() -> None:
    """An instructor fixing a file should see every problem at once, not wave after wave."""
    path = Path(__file__).parent / "fixtures" / "hurried_instructor.yaml"
    loaded, problems = load_scenario(path)
    assert loaded is None
    found = {(p.code, p.line) for p in problems}
    schema = {("GO0107", 3), ("GO0105", 7), ("GO0104", 24), ("GO0102", 28), ("GO0103", 31)}
    references = {("GO0204", 17), ("GO0204", 18), ("GO0202", 26), ("GO0204", 43), ("GO0205", 44), ("GO0303", 45)}
    assert schema <= found
    assert references <= found
    assert not [p for p in problems if "placeholder" in (p.message + p.hint).lower()]
    hints = {p.line: p.hint for p in problems}
    assert hints[26] == "did you mean 'mill'?" and hints[43] == "did you mean 'deal'?"
