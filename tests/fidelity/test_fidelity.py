"""The fidelity corpus: what a trainer in preventive diplomacy expects the debrief to say.

Each case in `cases/*.yaml` is a short scenario, a scripted run (moves and seed) and, for ONE
decision in it, the findings a trainer expects (`expect`: principle, verdict, and where it matters
severity, rule and words of the explanation) and the findings a trainer would reject (`absent`),
with the passage of the source texts the expectation comes from and why. The scenarios are
small fixtures in `scenarios/` (or `fixtures/<name>` for tests/fixtures, `bundled/<id>` for
scenarios/). A case fails when the rules table says something else: either the table is wrong
(fix the rule, keep the case) or the case is (fix the case, and say why in its `why`).

Run one file or one case: `pytest tests/fidelity -k consent`.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.debrief import debrief_session
from game.debrief.model import Finding
from game.debrief.rules import RULES
from game.debrief.scripted import play_script
from game.principles import bibliography, principle_ids
from game.scenario.loader import LoadedScenario, load_scenario

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
CASE_KEYS = {"id", "scenario", "seed", "moves", "decision", "expect", "absent", "source_passage", "why", "ends"}
REQUIRED = {"id", "scenario", "seed", "moves", "expect", "source_passage", "why"}
FINDING_KEYS = {"principle", "verdict", "severity", "rule", "says", "source"}
VERDICTS = {"honoured", "breached", "missed"}
SEVERITIES = {"minor", "major", "critical"}
SITUATIONS_EACH = 3
"""Every principle honoured, and breached or missed, in at least this many different situations."""


def load_cases() -> list[dict[str, Any]]:
    cases = []
    for path in sorted((HERE / "cases").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            case["file"] = path.name
            cases.append(case)
    return cases


CASES = load_cases()


def scenario_path(name: str) -> Path:
    if name.startswith("fixtures/"):
        return ROOT / "tests" / "fixtures" / f"{name.removeprefix('fixtures/')}.yaml"
    if name.startswith("bundled/"):
        return ROOT / "scenarios" / f"{name.removeprefix('bundled/')}.yaml"
    return HERE / "scenarios" / f"{name}.yaml"


@cache
def scenario(name: str) -> LoadedScenario:
    loaded, problems = load_scenario(scenario_path(name))
    assert loaded is not None, "\n".join(p.render() for p in problems)
    return loaded


@cache
def findings_of(name: str, seed: int, moves: tuple[str, ...]) -> tuple[tuple[Finding, ...], int, bool]:
    """Every finding of a scripted run, how many moves were played, and whether it ended."""
    session = play_script(scenario(name), list(moves), seed=seed)
    return tuple(debrief_session(session, suggest=False).findings), len(session.history), session.is_over


def matches(finding: Finding, want: dict[str, Any]) -> bool:
    return (
        finding.principle == want["principle"]
        and finding.verdict == want.get("verdict", finding.verdict)
        and finding.severity == want.get("severity", finding.severity)
        and finding.rule == want.get("rule", finding.rule)
        and finding.source_id == want.get("source", finding.source_id)
    )


def show(found: list[Finding]) -> str:
    return "\n".join(f"  {f.principle} {f.verdict} {f.severity} [{f.rule}]: {f.explanation}" for f in found) or "  (no finding)"


# -- the corpus is well formed -------------------------------------------------------------------
def test_every_case_is_well_formed() -> None:
    ids = [case.get("id") for case in CASES]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    principles, rules = set(principle_ids()), {rule.id for rule in RULES}
    for case in CASES:
        where = f"{case['file']}: {case.get('id')}"
        assert set(case) >= REQUIRED, f"{where}: missing {REQUIRED - set(case)}"
        assert set(case) - {"file"} <= CASE_KEYS, f"{where}: unknown keys {set(case) - CASE_KEYS - {'file'}}"
        assert scenario_path(case["scenario"]).exists(), where
        assert case["moves"] and all(isinstance(m, str) for m in case["moves"]), where
        assert 1 <= case.get("decision", len(case["moves"])) <= len(case["moves"]), where
        assert str(case["source_passage"]).strip() and str(case["why"]).strip(), where
        assert case["expect"] or case.get("absent"), f"{where}: a case expects a finding, or rejects one"
        for want in [*(case["expect"] or []), *case.get("absent", [])]:
            assert set(want) <= FINDING_KEYS, f"{where}: {want}"
            assert want["principle"] in principles, f"{where}: {want}"
            assert want.get("verdict", "honoured") in VERDICTS and want.get("severity", "minor") in SEVERITIES, f"{where}: {want}"
            assert want.get("rule", next(iter(rules))) in rules or str(want.get("rule")).startswith("choice:"), f"{where}: {want}"
            assert want.get("source", "charter-33") in bibliography(), f"{where}: {want}"
        for want in case["expect"] or []:
            assert "verdict" in want, f"{where}: an expected finding names its verdict"


def coverage() -> dict[tuple[str, str], set[str]]:
    """principle, 'honoured' or 'against' -> the ids of the cases expecting it."""
    table: dict[tuple[str, str], set[str]] = {}
    for case in CASES:
        for want in case["expect"] or []:
            side = "honoured" if want["verdict"] == "honoured" else "against"
            table.setdefault((want["principle"], side), set()).add(case["id"])
    return table


def test_every_principle_is_honoured_and_breached_in_at_least_three_situations() -> None:
    table = coverage()
    short = {
        (principle, side): len(table.get((principle, side), set()))
        for principle in principle_ids()
        for side in ("honoured", "against")
        if len(table.get((principle, side), set())) < SITUATIONS_EACH
    }
    assert not short, f"principles judged in fewer than {SITUATIONS_EACH} situations: {short}"


def test_the_corpus_has_at_least_eighty_cases() -> None:
    assert len(CASES) >= 80


# -- the rules table says what a trainer would ---------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=[f"{c['file'].removesuffix('.yaml')}:{c['id']}" for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    moves = tuple(case["moves"])
    found, played, over = findings_of(case["scenario"], int(case["seed"]), moves)
    assert played == len(moves), f"the run stopped after {played} of {len(moves)} moves (an ending was reached)"
    assert over == bool(case.get("ends", False)), "the run should end on its last move" if case.get("ends") else "the run ended"
    decision = case.get("decision", len(moves))
    here = [f for f in found if f.decision == decision]
    for want in case["expect"] or []:
        hits = [f for f in here if matches(f, want)]
        assert hits, f"expected {want} at decision {decision} ({moves[decision - 1]}), found:\n{show(here)}"
        for words in want.get("says", []):
            assert any(words in f.explanation for f in hits), f"{words!r} not in:\n{show(hits)}"
    for unwanted in case.get("absent", []):
        hits = [f for f in here if matches(f, unwanted)]
        assert not hits, f"a trainer would reject {unwanted} at decision {decision}, found:\n{show(hits)}"
