"""Preconditions met in play: written as {text, until}, a precondition leaves the party card and
the envoy's knowledge once its condition holds; a plain text precondition is always shown."""

from __future__ import annotations

from pathlib import Path

from game.engine.knowledge import knowledge, open_preconditions
from game.engine.session import Session
from game.frontends.presenter import party_views
from game.scenario import codes
from game.scenario.loader import LoadedScenario, load_scenario_text

FIXTURES = Path(__file__).parent / "fixtures"
PLAIN = "    preconditions: [The sluices must open first]\n"


def _variant(preconditions: str) -> tuple[LoadedScenario | None, list]:
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    assert PLAIN in text
    return load_scenario_text(text.replace(PLAIN, preconditions), "variant.yaml", FIXTURES)


MET_AFTER_CONTACT = (
    "    preconditions:\n"
    "      - text: The sluices must open first\n"
    "        until: consent.upper >= contact\n"
    "      - Nobody speaks of the dam's owner\n"
)


def test_a_plain_precondition_is_always_shown():
    loaded, problems = _variant(PLAIN)
    assert loaded is not None, problems
    session = Session(loaded, seed=1)
    session.choose("approach:upper")
    assert open_preconditions(session.state, loaded, "lower") == ("The sluices must open first",)


def test_a_precondition_with_until_is_shown_until_its_condition_holds():
    loaded, problems = _variant(MET_AFTER_CONTACT)
    assert loaded is not None, [p.render() for p in problems]
    session = Session(loaded, seed=1)
    before = knowledge(session.state, loaded).party("lower").preconditions
    assert before == ("The sluices must open first", "Nobody speaks of the dam's owner")
    session.choose("approach:upper")
    assert session.state.parties["upper"].consent.state == "contact"
    assert knowledge(session.state, loaded).party("lower").preconditions == ("Nobody speaks of the dam's owner",)
    lower = next(v for v in party_views(session) if v.id == "lower")
    assert lower.preconditions == ("Nobody speaks of the dam's owner",)


def test_an_until_condition_is_checked_like_any_other():
    loaded, problems = _variant("    preconditions:\n      - text: The sluices must open first\n        until: var.sluices_opne\n")
    assert loaded is None
    [problem] = [p for p in problems if p.code == codes.UNKNOWN_NAME]
    assert "var.sluices_opne" in problem.message and problem.line == 37
    loaded, problems = _variant("    preconditions:\n      - {text: The sluices must open first, until: meetings >=}\n")
    assert loaded is None and [p.code for p in problems] == [codes.EXPRESSION_SYNTAX]
