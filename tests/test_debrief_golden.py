"""A golden debrief per bundled scenario: a scripted run, written as a log, debriefed to JSON
and compared with the stored file. `UPDATE_GOLDEN=1 pytest tests/test_debrief_golden.py`
rewrites the stored files after a deliberate change (review the diff before committing).

The run is the one in tests/golden_debrief/scripts.json for the scenario, or, for a scenario
without a script yet, the deterministic careful envoy of `play_expertly`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from game.debrief import debrief_log, to_json
from game.debrief.scripted import play_expertly, play_script
from game.scenario.bundled import bundled_paths
from game.scenario.loader import load_scenario

GOLDEN = Path(__file__).parent / "golden_debrief"
SCRIPTS = json.loads((GOLDEN / "scripts.json").read_text(encoding="utf-8"))
REFERENCE = {"seed": 1, "trainee": "Reference run", "started": "2025-01-01T09:00:00+00:00"}


def _first_difference(stored: Any, fresh: Any, where: str = "$") -> str | None:
    if type(stored) is not type(fresh):
        return f"{where}: {stored!r} != {fresh!r}"
    if isinstance(stored, dict):
        for key in sorted(set(stored) | set(fresh)):
            if key not in stored or key not in fresh:
                return f"{where}.{key}: only in {'the stored file' if key in stored else 'the new debrief'}"
            found = _first_difference(stored[key], fresh[key], f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(stored, list):
        for index, (a, b) in enumerate(zip(stored, fresh, strict=False)):
            found = _first_difference(a, b, f"{where}[{index}]")
            if found:
                return found
        return None if len(stored) == len(fresh) else f"{where}: {len(stored)} items stored, {len(fresh)} now"
    return None if stored == fresh else f"{where}: {stored!r} != {fresh!r}"


def test_there_are_bundled_scenarios():
    assert bundled_paths(), "no bundled scenarios found"


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_golden_debrief(path: Path, tmp_path: Path):
    loaded, problems = load_scenario(path)
    assert loaded is not None, "\n".join(p.render() for p in problems)
    sid = loaded.scenario.id
    log = tmp_path / f"{sid}.jsonl"
    spec = SCRIPTS.get(sid)
    if spec is not None:
        session = play_script(loaded, spec["moves"], seed=spec["seed"], trainee=spec["trainee"], log=log, started=spec["started"])
        assert len(session.history) == len(spec["moves"]), f"the scripted run for {sid} no longer plays through: update scripts.json"
    else:
        play_expertly(loaded, log=log, **REFERENCE)
    debrief, problems = debrief_log(log)
    assert debrief is not None, "\n".join(p.render() for p in problems)
    fresh = json.loads(json.dumps(to_json(debrief), ensure_ascii=False))
    stored_path = GOLDEN / f"{sid}.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        stored_path.write_text(json.dumps(fresh, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert stored_path.exists(), f"no golden debrief for {sid}: run UPDATE_GOLDEN=1 pytest {Path(__file__).name}"
    stored = json.loads(stored_path.read_text(encoding="utf-8"))
    difference = _first_difference(stored, fresh)
    assert difference is None, f"{sid}: the debrief changed at {difference} (UPDATE_GOLDEN=1 to accept a deliberate change)"


def test_every_script_names_a_bundled_scenario():
    bundled = {p.stem for p in bundled_paths()}
    assert set(SCRIPTS) <= bundled, set(SCRIPTS) - bundled
