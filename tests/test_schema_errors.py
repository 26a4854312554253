"""The schema stage, as an instructor reads its messages: strict types (nothing silently
converted), the field named in dotted form, the field's own description as the hint, a
"did you mean" for misspelt keys and words, one line per problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import codes
from game.scenario.jsonschema import scenario_json_schema
from game.scenario.loader import load_scenario_text
from game.scenario.model import Scenario
from game.scenario.verbs import VERB_NAMES

MINIMAL_TEXT = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")


def problems(*edits: tuple[str, str]):
    text = MINIMAL_TEXT
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    loaded, found = load_scenario_text(text, "s.yaml")
    assert loaded is None, "expected the edit to make the file invalid"
    return found


def only(*edits: tuple[str, str]):
    found = problems(*edits)
    assert len(found) == 1, [p.render() for p in found]
    return found[0]


@pytest.mark.parametrize(
    ("old", "new", "code", "words"),
    [
        ("turns: 12", "turns: '12'", codes.WRONG_TYPE, "'clock.turns' should be a whole number, not the text '12'"),
        ("turns: 12", "turns: 12.5", codes.WRONG_TYPE, "whole number, not the number 12.5"),
        ("turns: 12", "turns: yes", codes.WRONG_TYPE, "whole number, not yes (read as true)"),
        ("trust: 45", "trust: true", codes.WRONG_TYPE, "'parties.upper.trust' should be a number"),
        ("title: The Two Valleys", "title:", codes.WRONG_TYPE, "'title' should be text, not nothing"),
        ("title: The Two Valleys", "title: 1984", codes.WRONG_TYPE, "not the number 1984"),
        ("title: The Two Valleys", "title: [a, b]", codes.WRONG_TYPE, "not a list"),
        ("format: 2", "format: '2'", codes.WRONG_TYPE, "'format' should be a whole number"),
        ("parties:\n", "parties:\n  third: 1\n", codes.WRONG_TYPE, "'parties.third' should be a mapping"),
        ("turns: 12", "turns: 2", codes.OUT_OF_RANGE, "'clock.turns' is 2, but it must be at least 4"),
        ("trust: 45", "trust: 100.5", codes.OUT_OF_RANGE, "'parties.upper.trust' is 100.5, but it must be at most 100"),
        ("expected_minutes: 10", "expected_minutes: 0", codes.OUT_OF_RANGE, "'expected_minutes'"),
        ("objectives: [Win both parties' consent before convening]", "objectives: []", codes.OUT_OF_RANGE, "it takes at least 1 item"),
        ("difficulty: introductory", "difficulty: Introductory", codes.INVALID_CHOICE, "'difficulty' is 'Introductory'"),
        ("tone: hostile", "tone: hostil", codes.INVALID_CHOICE, "'messages.sluice_offer.tone'"),
        ("  mandate: good_offices", "  mandate: arbitration", codes.INVALID_CHOICE, "'envoy.mandate'"),
        ("format: 2", "format: 7", codes.UNSUPPORTED_FORMAT, "this file is format 7; this program reads formats 1 and 2"),
        ("id: minimal", "id: Two Valleys", codes.INVALID_VALUE, "'id' 'Two Valleys' is not in the expected form"),
        ("  upper:\n    name", "  upper-valley:\n    name", codes.INVALID_VALUE, "'upper-valley' is not a valid id"),
        ("title: The Two Valleys", "title: ''", codes.INVALID_VALUE, "'title' is empty"),
    ],
)
def test_one_schema_problem_gives_one_located_message(old: str, new: str, code: str, words: str) -> None:
    problem = only((old, new))
    assert problem.code == code
    assert words in problem.message, problem.message
    line = next(number for number, text in enumerate(MINIMAL_TEXT.replace(old, new, 1).splitlines(), 1) if new.splitlines()[-1] in text)
    assert problem.line in (line, line - 1, line + 1), problem.render()


def test_hint_is_the_fields_own_description() -> None:
    problem = only(("trust: 45", "trust: 450"))
    assert problem.hint == Scenario.model_fields["parties"].annotation.__args__[1].model_fields["trust"].description


def test_misspelt_word_gets_a_did_you_mean() -> None:
    assert only(("tone: hostile", "tone: hostil")).hint == "did you mean 'hostile'?"
    assert only(("grade: failure", "grade: failur")).hint == "did you mean 'failure'?"


def test_word_with_no_close_match_lists_the_allowed_words() -> None:
    hint = only(("difficulty: introductory", "difficulty: hard")).hint
    assert "'introductory', 'intermediate' or 'advanced'" in hint


def test_unknown_key_points_at_the_key_and_suggests() -> None:
    found = problems(("    discretion: 70", "    discrection: 70"))
    problem = next(p for p in found if p.code == codes.UNKNOWN_KEY)
    assert (problem.line, problem.col) == (MINIMAL_TEXT.splitlines().index("    discretion: 70") + 1, 5)
    assert problem.hint == "did you mean 'discretion'?"
    assert problem.message == "unknown key 'discrection' in 'venues.mill'"


def test_unknown_key_with_no_close_match_lists_the_allowed_keys() -> None:
    problem = only(("    discretion: 70", "    wifi: 70"))
    assert problem.hint.startswith("allowed here: name, description, territory")


def test_unknown_key_deep_inside_lists_is_named_with_its_position() -> None:
    found = problems(("        - to: deal", "        - too: deal"))
    unknown = next(p for p in found if p.code == codes.UNKNOWN_KEY)
    assert unknown.message == "unknown key 'too' in item 1 of 'phases.phases.talking.transitions'"
    assert unknown.hint == "did you mean 'to'?"


def test_a_value_fitting_no_branch_of_a_union_is_one_message() -> None:
    problem = only(("  offer_known: {initial: false,", "  offer_known: {initial: maybe,"))
    assert problem.code == codes.WRONG_TYPE
    assert problem.message == "'variables.offer_known.initial' should be a number or true or false, not the text 'maybe'"


def test_unknown_verb_under_verbs_is_go0211() -> None:
    problem = only(("variables:\n", "verbs:\n  relai: {enabled: false}\nvariables:\n"))
    assert problem.code == codes.UNKNOWN_VERB
    assert problem.hint == "did you mean 'relay'?"


def test_known_verbs_can_be_tuned() -> None:
    text = MINIMAL_TEXT.replace(
        "variables:\n", "verbs:\n" + "".join(f"  {verb}: {{enabled: true}}\n" for verb in VERB_NAMES) + "variables:\n"
    )
    loaded, found = load_scenario_text(text)
    assert loaded is not None, found


def test_map_positions_are_written_as_yaml_lists() -> None:
    text = MINIMAL_TEXT.replace("    neutrality: 80\n", "    neutrality: 80\n    map_position: [0.5, 0.25]\n")
    loaded, found = load_scenario_text(text)
    assert loaded is not None, [p.render() for p in found]
    assert tuple(loaded.scenario.venues["mill"].map_position) == (0.5, 0.25)


@pytest.mark.parametrize(
    ("position", "code"),
    [
        ("[0.5, 2]", codes.OUT_OF_RANGE),
        ("[0.5]", codes.MISSING_FIELD),
        ("[0.1, 0.2, 0.3]", codes.OUT_OF_RANGE),
        ("['0.5', 0.5]", codes.WRONG_TYPE),
        ("[true, 0.5]", codes.WRONG_TYPE),
        ("centre", codes.WRONG_TYPE),
    ],
)
def test_bad_map_positions(position: str, code: str) -> None:
    problem = only(("    neutrality: 80\n", f"    neutrality: 80\n    map_position: {position}\n"))
    assert problem.code == code
    assert "map_position" in problem.message


def test_language_code_hint_is_about_languages() -> None:
    problem = only(("difficulty: introductory", "difficulty: introductory\nlanguage: english"))
    assert problem.code == codes.INVALID_VALUE
    assert "ids are" not in problem.hint and "Language" in problem.hint


def test_unsupported_format_stops_before_other_complaints() -> None:
    found = problems(("format: 2", "format: 3"), ("trust: 45", "trust: 450"), ("tone: hostile", "tone: rude"))
    assert [p.code for p in found] == [codes.UNSUPPORTED_FORMAT]


def test_missing_required_fields_name_the_enclosing_block() -> None:
    found = problems(("    leader: Mayor Bo\n", ""), ("    hidden_intentions: Would accept a staged opening.\n", ""))
    assert sorted(p.message for p in found) == ["'parties.lower' needs 'hidden_intentions'", "'parties.lower' needs 'leader'"]
    assert all(p.code == codes.MISSING_FIELD and p.hint for p in found)


def test_missing_top_level_fields_are_all_listed() -> None:
    loaded, found = load_scenario_text("format: 2\nid: empty\n")
    assert loaded is None
    missing = sorted(p.message.split("'")[1] for p in found if p.code == codes.MISSING_FIELD)
    assert missing == ["briefing", "clock", "difficulty", "envoy", "objectives", "parties", "phases", "summary", "title"]


def test_the_json_schema_describes_every_field() -> None:
    schema = scenario_json_schema()
    blocks = [("Scenario", schema), *schema["$defs"].items()]
    undescribed = [
        (name, field) for name, block in blocks for field, spec in block.get("properties", {}).items() if not spec.get("description")
    ]
    assert undescribed == []
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert "from" in schema["$defs"]["Message"]["properties"], "the schema uses the YAML key names"
