"""Messages an instructor can act on without guessing: literals where an expression is expected,
YAML's yes/no words explained, whole numbers written 14.0, texts broken by an unquoted ': ',
list items counted from 1, and no second error caused by the first."""

from __future__ import annotations

from pathlib import Path

from game.scenario import codes
from game.scenario.loader import load_scenario_text

MINIMAL_TEXT = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")


def load(*edits: tuple[str, str]):
    text = MINIMAL_TEXT
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return load_scenario_text(text, "s.yaml")


def test_an_expression_may_be_a_literal_number_or_true_false() -> None:
    loaded, found = load(
        ("    at_turn: 4\n", "    chance: 0.1\n"),
        ("    when: var.offer_known\n", "    when: true\n"),
    )
    assert loaded is not None, [p.render() for p in found]
    assert loaded.scenario.events["storm"].chance == "0.1"
    assert loaded.scenario.choices["agree_share"].when == "true"


def test_a_tiny_probability_is_not_written_with_an_exponent() -> None:
    loaded, found = load(("    at_turn: 4\n", "    chance: 0.00001\n"))
    assert loaded is not None, [p.render() for p in found]
    assert loaded.scenario.events["storm"].chance == "0.00001"


def test_a_refused_chance_is_one_error_not_also_never_fires() -> None:
    _, found = load(("    at_turn: 4\n", "    chance: [0.1]\n"))
    assert [p.code for p in found] == [codes.WRONG_TYPE], [p.render() for p in found]
    assert "should be an expression (text, a number or true/false), not a list" in found[0].message


def test_a_misspelt_trigger_is_one_error_not_also_never_fires() -> None:
    _, found = load(("    at_turn: 4\n", "    at_trun: 4\n"))
    assert [p.code for p in found] == [codes.UNKNOWN_KEY], [p.render() for p in found]


def test_yaml_yes_no_words_are_true_false_where_true_false_is_asked() -> None:
    for word, expected in (("no", False), ("yes", True), ("off", False), ("On", True)):
        loaded, found = load(("    when: var.offer_known\n", f"    when: var.offer_known\n    once: {word}\n"))
        assert loaded is not None, [p.render() for p in found]
        assert loaded.scenario.choices["agree_share"].once is expected


def test_a_yes_no_word_where_text_is_asked_is_that_word() -> None:
    loaded, found = load(("    trust: 45\n", "    trust: 45\n    capital: Yes\n    red_lines: [no, Off]\n"))
    assert loaded is not None, [p.render() for p in found]
    assert loaded.scenario.parties["upper"].capital == "Yes"
    assert loaded.scenario.parties["upper"].red_lines == ["no", "Off"]


def test_a_yes_no_word_where_a_number_is_asked_says_how_yaml_read_it() -> None:
    _, found = load(("turns: 12", "turns: Yes"))
    assert [p.message for p in found] == ["'clock.turns' should be a whole number, not Yes (read as true)"]
    assert found[0].hint.startswith("YAML reads Yes as true/false. How many turns")


def test_a_whole_number_written_with_a_decimal_point_is_that_number() -> None:
    loaded, found = load(("turns: 12", "turns: 14.0"))
    assert loaded is not None, [p.render() for p in found]
    assert loaded.scenario.clock.turns == 14 and isinstance(loaded.scenario.clock.turns, int)


def test_a_fraction_where_a_whole_number_is_asked_is_refused() -> None:
    _, found = load(("turns: 12", "turns: 14.5"))
    assert [p.message for p in found] == ["'clock.turns' should be a whole number, not the number 14.5"]


def test_an_unquoted_colon_in_a_list_of_texts_is_explained() -> None:
    for old, new, field in (
        ("objectives: [Win both parties' consent before convening]", "objectives:\n  - Win both: consent", "item 1 of 'objectives'"),
        (
            "preconditions: [The sluices must open first]",
            "preconditions: [The sluices: open first]",
            "item 1 of 'parties.lower.preconditions'",
        ),
    ):
        _, found = load((old, new))
        assert len(found) == 1, [p.render() for p in found]
        assert found[0].code == codes.WRONG_TYPE
        assert found[0].message.startswith(f"{field} is read as a 'key: value' pair")
        assert "put the whole text in quotes" in found[0].hint


def test_range_problems_are_worded_with_the_allowed_range() -> None:
    _, found = load(("    neutrality: 80\n", "    neutrality: 80\n    map_position: [0.1, 0.2, 0.3]\n"))
    assert [p.message for p in found] == ["'venues.mill.map_position' has 3 items; a position is exactly two numbers, [x, y]"]
    _, found = load(("turns: 12", "turns: 2"))
    assert found[0].message == "'clock.turns' is 2, but it must be at least 4"
    assert found[0].hint.endswith("(allowed: 4 to 200)")


def test_list_items_are_counted_from_one_in_words() -> None:
    _, found = load(("          on: agree_share\n", "          on: agree_share\n        - {}\n"))
    assert any(p.message == "item 2 of 'phases.phases.talking.transitions' needs 'to'" for p in found), [p.render() for p in found]


def test_the_command_line_shows_the_source_line_with_a_caret_under_the_column(tmp_path: Path, capsys) -> None:
    from game.cli import main

    path = tmp_path / "s.yaml"
    path.write_text(MINIMAL_TEXT.replace("turns: 12", "turns: 14.5"), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    first, source, caret, hint = capsys.readouterr().err.splitlines()
    assert first == f"{path}:17:10: GO0103 error: 'clock.turns' should be a whole number, not the number 14.5"
    assert source == "   17 |   turns: 14.5"
    assert caret == "      |          ^"
    assert caret.index("^") == source.index("14.5"), "the caret stands under the value"
    assert hint.startswith("    hint: ")


def test_the_caret_allows_for_wide_characters_and_long_lines() -> None:
    from game.diagnostics import excerpt

    source, caret = excerpt("city: 日本語: x", 3, 10).splitlines()
    assert caret.index("^") == source.index(": x") + 3, "three wide characters take six columns"
    long_line = "briefing: " + "word " * 400 + "MARK" + " word" * 400
    source, caret = excerpt(long_line, 9, long_line.index("MARK") + 1).splitlines()
    assert len(source) < 120 and source[caret.index("^") :].startswith("MARK")


def test_the_format_line_reads_whole_numbers_and_refuses_true() -> None:
    loaded, found = load(("format: 2", "format: 2.0"))
    assert loaded is not None and loaded.scenario.format == 2, [p.render() for p in found]
    _, found = load(("format: 2", "format: 3.0"))
    assert [p.code for p in found] == [codes.UNSUPPORTED_FORMAT]
    _, found = load(("format: 2", "format: true"))
    assert [p.message for p in found] == ["'format' should be a whole number, not 'true'"]


def test_a_transcript_given_to_validate_is_named_as_such() -> None:
    loaded, found = load_scenario_text("scenario: minimal\nseed: 1\nmoves:\n  - wait\n", "proof.yaml")
    assert loaded is None
    assert [(p.code, p.line, p.message) for p in found] == [
        (codes.NOT_A_MAPPING, 3, "this file is a move file (it has 'seed' and 'moves'), not a scenario")
    ]


def test_a_refused_value_in_one_event_leaves_the_others_checked() -> None:
    second = "  flood:\n    title: A flood\n    text: The river rises.\n    kind: incident\n    at_turn: 5\n    chance: [0.5]\n"
    _, found = load(("    at_turn: 4\n", "\n"), ("events:\n", "events:\n" + second))
    codes_found = sorted((p.code, p.message.split(":")[0]) for p in found)
    assert (codes.WRONG_TYPE, "'events.flood.chance' should be an expression (text, a number or true/false), not a list") in [
        (p.code, p.message) for p in found
    ]
    assert (codes.MISSING_FIELD, "event 'storm' never fires") in codes_found, "the other event's own problem is still reported"


def test_a_refused_value_under_phases_leaves_the_start_checked() -> None:
    _, found = load(("  start: standoff", "  start: standof"), ("          when: meetings >= 1\n", "          when: [meetings]\n"))
    assert {p.code for p in found} == {codes.WRONG_TYPE, codes.UNKNOWN_PHASE}, [p.render() for p in found]
