"""The overall score ranks runs as a trainer would, over every bundled proof transcript:
principled runs above careless ones, careless ones above runs that distort a message, blame a
party in public or end in failure, each tier by a clear margin.

Run with `-s` to see the table of scores.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from game.debrief import Debrief, debrief_session
from game.debrief.scoring import CRITICAL_CAP, FAILURE_CAP
from game.debrief.scripted import play_script
from game.scenario.loader import load_scenario

ROOT = Path(__file__).parent.parent
PROOFS = sorted((ROOT / "scenarios").glob("*.proofs/*.yaml"))
MARGIN = 10

PRINCIPLED = {
    "harbour_crossing/principled_success",
    "harbour_crossing/mandate_widened_success",
    "quiet_channel/principled_success",
    "quiet_channel/managed_leak_success",  # the leak is the channel's, handled by prepared public lines
    "quiet_channel/suspended_on_stalling",  # stalling raised, then a quiet suspension with a line kept open
}
CARELESS = {
    "harbour_crossing/cautious_stall",  # calm, but the crew question never carried forward
    "harbour_crossing/settled_for_release",  # the channel abandoned once the crew is free
    "harbour_crossing/lauria_asked_first",  # Lauria seen to ask first: no arrangement, only the crew
    "quiet_channel/never_probed",  # bad faith never tested: the endless game
    "quiet_channel/ended_on_stalling",  # a defensible stop on clear signs of stalling, but no talks
}
DAMAGING = {
    "harbour_crossing/careless",  # one-sided venues, the navy's notice ignored, a warning held back: shots fired
    "harbour_crossing/blamed_vessany",
    "harbour_crossing/distorted_counter",
    "harbour_crossing/walked_away",  # good offices ended without cause after an incident
    "quiet_channel/blamed_korvat",
    "quiet_channel/blunted_notice",
    "quiet_channel/distorted_offer",
    "quiet_channel/sloppy_channel",
}


def _name(path: Path) -> str:
    return f"{path.parent.name.removesuffix('.proofs')}/{path.stem}"


@cache
def _debriefs() -> dict[str, Debrief]:
    found = {}
    loaded = {}
    for path in PROOFS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        sid = data["scenario"]
        if sid not in loaded:
            loaded[sid] = load_scenario(ROOT / "scenarios" / f"{sid}.yaml")[0]
        found[_name(path)] = debrief_session(play_script(loaded[sid], data["moves"], seed=data["seed"]), suggest=False)
    return found


def test_every_proof_is_placed_in_a_tier():
    assert {_name(p) for p in PROOFS} == PRINCIPLED | CARELESS | DAMAGING


def test_the_tiers_are_ranked_with_a_clear_margin():
    scores = {name: d.overall for name, d in _debriefs().items()}
    print()
    for tier, names in (("principled", PRINCIPLED), ("careless", CARELESS), ("damaging", DAMAGING)):
        for name in sorted(names, key=lambda n: -(scores[n] or 0)):
            d = _debriefs()[name]
            print(f"{tier:<11} {name:<42} {d.grade or 'unfinished':<10} conduct {d.conduct!s:>4}  overall {d.overall!s:>4}")
    assert all(s is not None for s in scores.values())
    low_principled = min(scores[n] or 0 for n in PRINCIPLED)
    high_careless, low_careless = max(scores[n] or 0 for n in CARELESS), min(scores[n] or 0 for n in CARELESS)
    high_damaging = max(scores[n] or 0 for n in DAMAGING)
    assert low_principled >= high_careless + MARGIN
    assert low_careless >= high_damaging + MARGIN


@pytest.mark.parametrize("name", sorted(DAMAGING))
def test_a_critical_breach_or_a_failure_caps_the_score(name):
    d = _debriefs()[name]
    assert d.overall is not None
    if d.grade == "failure":
        assert d.overall <= FAILURE_CAP
    if any(f.critical_breach for f in d.findings):
        assert d.overall <= CRITICAL_CAP
    assert d.grade == "failure" or any(f.critical_breach for f in d.findings), "a damaging run fails or breaches critically"


def test_a_run_built_on_a_critical_breach_ranks_below_a_failure_reached_without_one():
    """The envoy answers for conduct: a distorted message or a party blamed in public buys no
    ending that lifts the run above a failure reached with defensible conduct."""
    debriefs = _debriefs()
    critical = {n: d for n, d in debriefs.items() if any(f.critical_breach for f in d.findings)}
    clean_failures = {n: d for n, d in debriefs.items() if d.grade == "failure" and n not in critical}
    assert critical and clean_failures
    assert {"harbour_crossing/distorted_counter", "quiet_channel/distorted_offer"} <= critical.keys()
    assert max(d.overall or 0 for d in critical.values()) < min(d.overall or 0 for d in clean_failures.values())
    for name, d in critical.items():
        assert d.capped_by == "a critical breach" or (d.overall or 0) < CRITICAL_CAP, name
