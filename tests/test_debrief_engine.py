"""The debrief's machinery: stronger moves by search, scores, the reveal, the timeline,
reproducibility, and the API the GUI codes against."""

from __future__ import annotations

import copy
import math
from dataclasses import fields
from pathlib import Path

import pytest

from game.debrief import Debrief, Finding, debrief_log, debrief_session, to_json
from game.debrief.model import Alternative, MoveReview, TimelinePoint, severity_of
from game.debrief.scoring import capped_by, conduct_score, overall_score, principle_scores
from game.debrief.scripted import play_randomly, play_script
from game.principles import principle_ids
from game.scenario.loader import LoadedScenario, load_scenario

FIXTURES = Path(__file__).parent / "fixtures"
BOTH_CONTACT = ["approach:upper", "approach:lower"]
CONVENE_TOO_SOON = [*BOTH_CONTACT, "propose_venue:mill:proximity_talks", "convene:talks"]
DISTORTED = [*BOTH_CONTACT, "relay:sluice_offer:distorted"]


@pytest.fixture(scope="module")
def minimal() -> LoadedScenario:
    loaded, problems = load_scenario(FIXTURES / "minimal.yaml")
    assert loaded is not None, problems
    return loaded


@pytest.fixture(scope="module")
def channel() -> LoadedScenario:
    loaded, problems = load_scenario(FIXTURES / "debrief_channel.yaml")
    assert loaded is not None, problems
    return loaded


def _finding(decision: int, principle: str, verdict: str, weight: int) -> Finding:
    severity = severity_of(weight)
    return Finding(
        decision,
        decision,
        "k",
        "label",
        principle,
        principle,
        verdict,
        weight,
        severity,
        "x",
        "s",
        "charter-33",
        None,  # type: ignore[arg-type]
    )


# -- API shape -------------------------------------------------------------------------------
def test_public_dataclasses_have_the_agreed_fields():
    assert [f.name for f in fields(Finding)] == [
        "decision",
        "turn",
        "move_key",
        "move_label",
        "principle",
        "principle_name",
        "verdict",
        "weight",
        "severity",
        "explanation",
        "source",
        "source_id",
        "stronger",
        "rule",
        "message",
        "params",
    ]
    assert [f.name for f in fields(Alternative)] == ["decision", "move_key", "move_label", "text", "margin", "expected", "instead_of"]
    assert [f.name for f in fields(MoveReview)][:10] == [
        "decision",
        "move_key",
        "expected",
        "best",
        "best_key",
        "best_label",
        "loss",
        "classification",
        "stronger",
        "endings",
    ]
    names = [f.name for f in fields(Debrief)]
    for wanted in (
        "scenario_id",
        "scenario_title",
        "trainee",
        "seed",
        "ending",
        "overall",
        "scores",
        "findings",
        "reveal",
        "timeline",
        "decisions",
    ):
        assert wanted in names
    assert {"decision", "turn", "escalation", "trust", "move_label"} <= {f.name for f in fields(TimelinePoint)}


def test_a_debrief_of_a_live_unfinished_session(minimal):
    session = play_script(minimal, ["approach:upper"], seed=5, trainee="Ines")
    d = debrief_session(session)
    assert d.trainee == "Ines" and d.seed == 5 and d.decisions == 1 and d.ending is None
    assert set(d.scores) == set(principle_ids())
    assert d.scores["consent"] is not None and d.scores["mandate"] is None
    assert [p.decision for p in d.timeline] == [0, 1]
    assert d.timeline[1].move_label == "Offer good offices to Upper Valley"
    assert set(d.timeline[1].trust) == {"upper", "lower"}


# -- stronger moves ----------------------------------------------------------------------------
def test_a_weak_move_gets_a_stronger_move_found_by_search(minimal):
    d = debrief_session(play_script(minimal, DISTORTED, seed=1))
    alternative = d.alternative_for(3)
    assert alternative is not None and alternative.move_key != "relay:sluice_offer:distorted"
    found = d.findings_for(3)
    assert all(f.stronger == alternative.text for f in found)
    assert alternative.text.startswith(alternative.move_label)
    assert "simulated continuations" in alternative.text and "instead of" in alternative.text
    review = d.review_for(3)
    assert review is not None and review.stronger == alternative and review.loss >= alternative.margin


def test_the_stronger_move_is_reproducible(minimal):
    first = debrief_session(play_script(minimal, DISTORTED, seed=1))
    second = debrief_session(play_script(minimal, DISTORTED, seed=1))
    assert first.alternatives and first.alternatives == second.alternatives and first.reviews == second.reviews


def test_no_stronger_move_is_suggested_when_the_chosen_one_was_as_good(minimal):
    d = debrief_session(play_script(minimal, ["approach:upper"], seed=1))
    assert d.alternative_for(1) is None
    assert all(f.stronger is None for f in d.findings)


def test_the_suggested_move_breaches_nothing_itself(minimal):
    d = debrief_session(play_randomly(minimal, seed=11, trainee="x", style=2))
    assert d.alternatives, "a careless simulated trainee should leave room for stronger moves"
    for alternative in d.alternatives:
        before = d.timeline[alternative.decision - 1]
        assert alternative.move_key != d.timeline[alternative.decision].move_key
        assert before.decision == alternative.decision - 1


def test_judging_alternatives_leaves_the_trainees_game_untouched(minimal):
    session = play_script(minimal, CONVENE_TOO_SOON, seed=1)
    snapshot = session.state.copy()
    debrief_session(session)
    assert session.state == snapshot


def test_the_engines_fast_copy_equals_a_deep_copy(minimal, channel):
    for loaded in (minimal, channel):
        session = play_randomly(loaded, seed=4, trainee="x", limit=9)
        copied = session.state.copy()
        assert copied == copy.deepcopy(session.state)
        assert copied.parties["east" if "east" in copied.parties else "upper"] is not next(iter(session.state.parties.values()))
        copied.parties[next(iter(copied.parties))].consent.state = "mediation"
        copied.chosen.add("something")
        assert copied != session.state


# -- scores ------------------------------------------------------------------------------------
def test_principle_scores_follow_the_documented_formula():
    scores = principle_scores(
        [
            _finding(1, "consent", "honoured", 2),
            _finding(2, "fidelity", "breached", 3),
            _finding(3, "timing", "missed", 2),
            _finding(4, "face", "honoured", 2),
            _finding(5, "face", "breached", 2),
        ]
    )
    h = 6 * (1 - math.exp(-2 / 6))  # two honoured weight, saturated: 1.70
    assert scores["consent"] == round(100 * (h + 0.5) / (h + 1)) == 81
    assert scores["fidelity"] == 13  # 100 * 0.5 / (3 + 1), a critical breach (capped at 35 anyway)
    assert scores["timing"] == 25  # 100 * 0.5 / (2/2 + 1)
    assert scores["face"] == round(100 * (h + 0.5) / (h + 2 + 1)) == 47
    assert scores["mandate"] is None


def test_one_honoured_finding_shows_green_and_one_breach_red():
    from game.debrief.scoring import band

    assert band(principle_scores([_finding(1, "consent", "honoured", 1)])["consent"] or 0) == "good"
    assert band(principle_scores([_finding(1, "consent", "breached", 1)])["consent"] or 0) == "poor"
    assert band(principle_scores([_finding(1, "consent", "missed", 1)])["consent"] or 0) == "poor"


def test_routine_credit_saturates_and_cannot_hide_a_critical_breach():
    routine = [_finding(n, "fidelity", "honoured", 2) for n in range(1, 30)]
    scores = principle_scores([*routine, _finding(30, "fidelity", "breached", 3)])
    assert scores["fidelity"] == 35  # a critical breach keeps the principle red
    many = principle_scores([_finding(n, "consent", "honoured", 1) for n in range(1, 200)])["consent"]
    assert many is not None and many < 95  # credit has diminishing returns: 100 is never reached
    findings = [*(_finding(n, "consent", "honoured", 2) for n in range(1, 40)), _finding(40, "fidelity", "breached", 3)]
    conduct = conduct_score(findings, principle_scores(findings))
    assert conduct is not None and conduct < 70  # forty routine honours do not outweigh one distortion


def test_the_overall_score_weighs_in_the_ending_and_caps():
    assert overall_score(80, None) == 80
    assert overall_score(80, "success") == 88  # 60% conduct, 40% the ending
    assert overall_score(80, "partial") == 76
    assert overall_score(100, "failure") == 35  # an ending in failure caps the score
    assert overall_score(95, "success", critical=True) == 30  # a critical breach caps it lower still
    assert overall_score(95, None, critical=True) == 30
    assert overall_score(95, "failure", critical=True) == 30
    assert overall_score(20, "failure", critical=True) == 16  # below both caps the blend stands: a cap never raises
    assert overall_score(95, "success", critical=True, broken_relay=True) == 20  # a broken relay ranks below every other breach
    assert overall_score(60, "failure", critical=True, broken_relay=True) == 20
    assert capped_by(95, "success", critical=True, broken_relay=True) == "a message distorted or a warning withheld"
    assert capped_by(95, "success", critical=True) == "a critical breach"
    assert capped_by(95, "failure", critical=True) == "a critical breach"  # the lower cap is the one that holds
    assert capped_by(100, "failure") == "an ending in failure"
    assert capped_by(20, "failure", critical=True) is None  # below both caps: no cap held it down
    assert capped_by(80, "success") is None
    assert overall_score(None, "stalemate") == 40
    assert overall_score(None, None) is None  # unfinished with nothing judged: no score


def test_an_unfinished_session_with_no_decision_has_no_score(minimal):
    from game.debrief import render_html, render_markdown, render_text, to_json
    from game.engine.session import Session

    d = debrief_session(Session(minimal, seed=1, trainee="x"), suggest=False)
    assert d.overall is None and d.conduct is None and d.decisions == 0
    assert "Overall score: unfinished" in render_text(d)
    assert "**Overall score: unfinished**" in render_markdown(d)
    assert "Unfinished: no decision judged yet" in render_html(d)
    assert to_json(d)["overall"] is None


def test_a_clean_success_scores_higher_than_a_careless_failure(minimal):
    good = debrief_session(
        play_script(
            minimal,
            [
                "approach:upper",
                "approach:lower",
                "relay:sluice_offer:softened",
                "propose_venue:mill:proximity_talks",
                "offer_step:hotline",
                "offer_step:humanitarian",
                "approach:upper",
                "approach:lower",
            ],
            seed=2,
        ),
        suggest=False,
    )
    bad = debrief_session(
        play_script(
            minimal,
            ["public_statement:blame:lower", "propose_formula:terms", "approach:upper", "approach:lower", "relay:sluice_offer:publish"],
            seed=2,
        ),
        suggest=False,
    )
    assert good.overall > bad.overall + 30


# -- reveal and timeline -----------------------------------------------------------------------
def test_the_reveal_tells_faith_intentions_red_lines_leaks_and_grievances(channel):
    keys = [
        "approach:east",
        "approach:west",
        "approach:east",
        "approach:west",
        "propose_venue:inn:secret_meeting",
        "convene:talks",
        *["wait:"] * 6,
    ]
    session = play_script(channel, keys, seed=3)
    d = debrief_session(session, suggest=False)
    text = "\n".join(d.reveal)
    assert "East Town was negotiating in good faith" in text
    assert "Wants the ferry running again by summer." in text and "No tolls collected by West Town" in text
    assert "You never probed it." in text
    assert session.state.leak_peak > 20
    assert f"leak risk peaked at {session.state.leak_peak:.0f}%" in text
    harmed = debrief_session(
        play_script(channel, ["approach:east", "approach:west", "relay:fare_offer:distorted", *["wait:"] * 8], seed=3), suggest=False
    )
    assert any("East offers to share the fares" in line and "passed on as sent" in line for line in harmed.reveal)


def test_the_reveal_includes_event_reveals_and_the_scenarios_notes():
    loaded, _ = load_scenario(FIXTURES / "strait.yaml")
    assert loaded is not None
    session = play_randomly(loaded, seed=2, trainee="x", limit=12)
    d = debrief_session(session, suggest=False)
    fired = [e for o in session.history for e in o.events if e.id in loaded.scenario.events and loaded.scenario.events[e.id].reveal]
    for event in fired:
        assert any(str(loaded.scenario.events[event.id].reveal) in line for line in d.reveal)
    for note in loaded.scenario.debrief.reveal:
        assert note in d.reveal


def test_the_timeline_follows_every_decision(minimal):
    session = play_script(minimal, CONVENE_TOO_SOON, seed=1)
    d = debrief_session(session, suggest=False)
    assert len(d.timeline) == d.decisions + 1
    assert d.timeline[-1].escalation == round(session.state.escalation, 1)
    assert d.timeline[-1].trust["lower"] == round(session.state.parties["lower"].trust, 1)


# -- reproducibility ---------------------------------------------------------------------------
def test_the_same_log_always_gives_the_same_debrief(minimal, tmp_path):
    log = tmp_path / "run.jsonl"
    play_script(minimal, CONVENE_TOO_SOON, seed=9, trainee="Ada", log=log, started="2025-01-01T00:00:00+00:00")
    first, problems = debrief_log(log)
    second, _ = debrief_log(log)
    assert first is not None and not problems
    assert to_json(first) == to_json(second)
    live = debrief_session(play_script(minimal, CONVENE_TOO_SOON, seed=9, trainee="Ada"))
    assert first.findings == live.findings and first.scores == live.scores and first.alternatives == live.alternatives
