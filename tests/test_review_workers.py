"""The debrief's search workers stop when the debrief that started them is killed."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from processes import workers_left_after_a_kill

from game.debrief.scripted import play_script
from game.scenario.loader import load_scenario

ROOT = Path(__file__).parent.parent
PROOF = ROOT / "scenarios" / "harbour_crossing.proofs" / "principled_success.yaml"


def test_workers_exit_when_the_debrief_is_killed(tmp_path: Path) -> None:
    loaded, problems = load_scenario(ROOT / "scenarios" / "harbour_crossing.yaml")
    assert loaded is not None, problems
    proof = yaml.safe_load(PROOF.read_text(encoding="utf-8"))
    log = tmp_path / "run.jsonl"
    play_script(loaded, proof["moves"], seed=proof["seed"], trainee="Ada", log=log)
    left = workers_left_after_a_kill([sys.executable, "-m", "game", "debrief", str(log)])
    assert not left, "search workers went on after their debrief was killed"
