"""Warnings for things declared that can never matter (GO0308-GO0311): each fires on the slip it
names, and stays silent on the legitimate patterns next to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import codes
from game.scenario.bundled import bundled_paths
from game.scenario.loader import load_scenario, load_scenario_text

MINIMAL_TEXT = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
USAGE_CODES = {codes.INERT_CHOICE, codes.UNREAD_VARIABLE, codes.FIXED_CONDITION, codes.EVENT_NEVER_FIRES}
CALM = "  call_for_calm:\n    label: Call for calm\n    description: A public appeal.\n"


def warnings(*edits: tuple[str, str]) -> list[tuple[str, str]]:
    text = MINIMAL_TEXT
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    loaded, found = load_scenario_text(text, "s.yaml")
    assert loaded is not None, [p.render() for p in found]
    return [(p.code, p.message) for p in found if p.code in USAGE_CODES]


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_the_bundled_scenarios_draw_none_of_these_warnings(path: Path) -> None:
    _, found = load_scenario(path)
    assert [p.render() for p in found if p.code in USAGE_CODES] == []


def test_the_minimal_fixture_draws_none() -> None:
    assert warnings() == []


def test_a_choice_with_no_effect_offered_everywhere_changes_nothing() -> None:
    found = warnings(("events:\n", f"{CALM}events:\n"))
    assert found == [
        (
            codes.INERT_CHOICE,
            "choice 'call_for_calm' changes nothing: it has no effects, no condition reads chosen.call_for_calm, "
            "and no transition has 'on: call_for_calm'",
        )
    ]


@pytest.mark.parametrize(
    "reaction",
    [
        ("    description: A public appeal.\n", "    description: A public appeal.\n    effects: ['escalation -= 2']\n"),
        ("    when: var.offer_known\n", "    when: var.offer_known or chosen.call_for_calm\n"),
        ("          on: agree_share\n", "          on: agree_share\n        - to: drift\n          on: call_for_calm\n"),
    ],
    ids=["effects", "read-as-chosen", "transition"],
)
def test_a_choice_something_reacts_to_is_not_reported(reaction: tuple[str, str]) -> None:
    assert warnings(("events:\n", f"{CALM}    phases: [talking]\nevents:\n"), reaction) == []


def test_a_transition_in_a_parent_phase_reacts_in_the_phases_nested_in_it() -> None:
    nested = MINIMAL_TEXT.replace("    talking:\n      title: Talking\n", "    talking:\n      parent: process\n      title: Talking\n")
    nested = nested.replace(
        "    deal:\n",
        "    process:\n      title: Process\n      description: Talks.\n      transitions: [{to: drift, on: call_for_calm}]\n    deal:\n",
    )
    nested = nested.replace("events:\n", f"{CALM}    phases: [talking]\nevents:\n")
    loaded, found = load_scenario_text(nested)
    assert loaded is not None, [p.render() for p in found]
    assert [p.render() for p in found if p.code in USAGE_CODES] == []


def test_a_variable_only_set_records_a_fact_and_is_not_reported() -> None:
    found = warnings(
        ("variables:\n", "variables:\n  noted: {initial: false, description: x}\n"),
        ('effects: ["escalation += 5"]', 'effects: ["escalation += 5", "var.noted = true"]'),
    )
    assert found == []


def test_a_condition_on_a_variable_that_an_effect_changes_is_not_fixed() -> None:
    assert (
        warnings(("        - to: talking\n          when: meetings >= 1\n", "        - to: talking\n          when: var.offer_known\n"))
        == []
    )


def test_a_condition_on_a_variable_nothing_changes_is_reported_where_it_is_read() -> None:
    found = warnings(
        ("variables:\n", "variables:\n  settled: {initial: 2, description: x}\n"),
        ("        - to: talking\n          when: meetings >= 1\n", "        - to: talking\n          when: var.settled > 2\n"),
    )
    assert found == [
        (
            codes.FIXED_CONDITION,
            "this condition reads var.settled, which no effect ever changes: it stays 2, so the condition never changes",
        )
    ]


def test_an_event_limited_to_a_reachable_phase_or_its_parent_may_fire() -> None:
    assert warnings(("    at_turn: 4\n", "    at_turn: 4\n    phases: [talking]\n")) == []


def test_an_event_limited_to_an_unreachable_phase_is_reported() -> None:
    lonely = "    lonely:\n      title: Lonely\n      description: Nobody comes here.\n      transitions: [{to: drift}]\n    deal:\n"
    text = MINIMAL_TEXT.replace("    deal:\n", lonely).replace("    at_turn: 4\n", "    at_turn: 4\n    phases: [lonely, clash]\n")
    _, found = load_scenario_text(text)
    never = [p.message for p in found if p.code == codes.EVENT_NEVER_FIRES]
    assert never == [
        "event 'storm' is limited to phases 'lonely' and 'clash', where the game never is while events fire "
        "(an ending, or a phase no transition reaches)"
    ]


def test_a_chance_read_from_a_variable_no_effect_changes_is_a_named_constant() -> None:
    found = warnings(
        ("variables:\n", "variables:\n  storm_rate: {initial: 0.2, description: How often storms come}\n"),
        ("    at_turn: 4\n", "    chance: var.storm_rate\n"),
    )
    assert found == []
