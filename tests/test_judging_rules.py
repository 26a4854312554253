"""The rules table: every rule well formed and sourced, the doc current, no rule contradicting
another, and no verdict that depends on what the envoy could not know."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from game.debrief.judging import judge_move, make_decision, public_scenario, to_findings
from game.debrief.rules import RULES
from game.debrief.rules.document import document
from game.debrief.wording import catalogue as wording
from game.engine.session import Session
from game.principles import bibliography, catalogue
from game.scenario.loader import LoadedScenario, load_scenario

ROOT = Path(__file__).parent.parent
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))


def _load(path: Path) -> LoadedScenario:
    loaded, problems = load_scenario(path)
    assert loaded is not None, problems
    return loaded


def test_every_rule_names_a_known_principle_source_and_message() -> None:
    principles, sources, words = catalogue(), bibliography(), wording()
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)), "rule ids are unique"
    for rule in RULES:
        assert rule.principle in principles, rule.id
        assert rule.source in sources, rule.id
        assert rule.message in words, rule.id
        assert rule.notes, f"{rule.id} says where it comes from"


def test_every_predicate_says_its_condition_in_words() -> None:
    for rule in RULES:
        for predicate in rule.when + rule.unless:
            assert predicate.__doc__ and predicate.__doc__.strip(), f"{rule.id}: {predicate.__name__} has no words"


def test_the_judging_document_is_current() -> None:
    assert (ROOT / "docs" / "judging.md").read_text(encoding="utf-8") == document(), (
        "regenerate: python -m game.debrief.rules.document > docs/judging.md"
    )


def _decisions(loaded: LoadedScenario, seed: int):  # type: ignore[no-untyped-def]
    """Every decision of a seeded random playthrough, as the debrief builds it."""
    session = Session(loaded, seed=seed)
    chooser = random.Random(seed)
    previous = None
    while not session.is_over and session.state.decisions < 40:
        before = session.state.copy()
        offered = tuple(session.moves())
        outcome = session.choose(chooser.choice(offered))
        previous = make_decision(loaded, session.state.decisions, before, session.state, outcome, offered, previous)
        yield previous


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_no_two_rules_give_opposite_verdicts_on_one_principle_for_one_decision(path: Path) -> None:
    loaded = _load(path)
    for seed in range(60):
        for decision in _decisions(loaded, seed):
            verdicts = defaultdict(set)
            for j in judge_move(decision):
                verdicts[j.principle].add("honoured" if j.verdict == "honoured" else "against")
            clash = {p: v for p, v in verdicts.items() if len(v) > 1}
            assert not clash, f"seed {seed}, {decision.move.key}: {clash}"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_finding_renders_in_words(path: Path) -> None:
    loaded = _load(path)
    for seed in range(30):
        for decision in _decisions(loaded, seed):
            for finding in to_findings(decision, judge_move(decision)):
                assert "{" not in finding.explanation and finding.explanation[:1].isupper()
                assert finding.source and finding.source_id in bibliography()


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_verdicts_do_not_change_when_only_hidden_truth_differs(path: Path) -> None:
    loaded = _load(path)
    flipped = loaded.scenario.model_copy(
        update={
            "parties": {
                pid: party.model_copy(update={"faith": "good" if party.faith == "bad" else "bad", "hidden_intentions": "Else."})
                for pid, party in loaded.scenario.parties.items()
            }
        }
    )
    assert public_scenario(flipped) == public_scenario(loaded.scenario)
    for seed in range(30):
        for decision in _decisions(loaded, seed):
            other = replace(decision, scenario=flipped)
            assert judge_move(other) == judge_move(decision), decision.move.key
