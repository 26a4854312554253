"""Golden transcripts: recorded plays of the bundled scenarios that must keep ending the same way.

Each file in scenarios/<scenario_id>.proofs/<name>.yaml gives a seed, the list of move keys and
what the play must lead to (the same files prove the endings for `good-offices endings`):

    scenario: harbour_crossing
    seed: 1
    note: what this play shows, in one or two sentences
    moves: [approach:lauria, approach:vessany, ...]
    expect:
      ending: crossing_reopened        # the ending phase id
      grade: success
      state:                           # every key is optional
        escalation_below: 60
        escalation_at_least: 100
        decisions: 16
        meetings_at_least: 1
        channel: official
        consent: {lauria: good_offices}
        fired: [crew_freed]            # events that must have fired
        not_fired: [frigate_crosses]   # events that must not have fired
        variables: {crew_released: true}

Each transcript is played twice: once through a Session whose records go to a sink, and once
more from the log those records make on disk (read back with read_log, replayed with replay),
so a golden file also proves that a real session log of that play replays exactly.
Together the transcripts must reach every ending of every bundled scenario.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from game.engine.logfile import LogWriter, read_log
from game.engine.replay import replay
from game.engine.session import Session
from game.engine.state import GameState
from game.scenario.loader import LoadedScenario, load_scenario

ROOT = Path(__file__).parent.parent
SCENARIOS = ROOT / "scenarios"
TRANSCRIPTS = sorted(SCENARIOS.glob("*.proofs/*.yaml"))
STATE_KEYS = {
    "escalation_below",
    "escalation_at_least",
    "decisions",
    "meetings_at_least",
    "channel",
    "consent",
    "fired",
    "not_fired",
    "variables",
}

_loaded: dict[str, LoadedScenario] = {}


def _scenario(scenario_id: str) -> LoadedScenario:
    if scenario_id not in _loaded:
        loaded, problems = load_scenario(SCENARIOS / f"{scenario_id}.yaml")
        assert loaded is not None, "\n".join(p.render() for p in problems)
        _loaded[scenario_id] = loaded
    return _loaded[scenario_id]


def _read(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: a transcript is a mapping"
    assert set(data) <= {"scenario", "seed", "note", "moves", "expect"}, f"{path}: unknown keys {set(data)}"
    assert f"{data['scenario']}.proofs" == path.parent.name, f"{path}: 'scenario' must match the folder <id>.proofs"
    assert isinstance(data["seed"], int) and isinstance(data["moves"], list) and data["moves"]
    if isinstance(data["expect"], str):  # `expect: ENDING_ID`, as `good-offices proof` writes it
        data["expect"] = {"ending": data["expect"]}
    unknown = set(data["expect"].get("state", {})) - STATE_KEYS
    assert not unknown, f"{path}: unknown state expectations {sorted(unknown)}; known: {sorted(STATE_KEYS)}"
    return data


def _check_state(state: GameState, expected: dict[str, Any], where: str) -> None:
    if "escalation_below" in expected:
        assert state.escalation < expected["escalation_below"], f"{where}: escalation {state.escalation}"
    if "escalation_at_least" in expected:
        assert state.escalation >= expected["escalation_at_least"], f"{where}: escalation {state.escalation}"
    if "decisions" in expected:
        assert state.decisions == expected["decisions"], where
    if "meetings_at_least" in expected:
        assert state.meetings >= expected["meetings_at_least"], where
    if "channel" in expected:
        assert state.channel.state == expected["channel"], where
    for pid, level in expected.get("consent", {}).items():
        assert state.parties[pid].consent.state == level, f"{where}: consent of {pid}"
    for eid in expected.get("fired", []):
        assert eid in state.fired, f"{where}: event '{eid}' should have fired"
    for eid in expected.get("not_fired", []):
        assert eid not in state.fired, f"{where}: event '{eid}' should not have fired"
    for name, value in expected.get("variables", {}).items():
        assert state.variables[name] == value, f"{where}: var.{name} is {state.variables[name]!r}"


def test_transcripts_exist() -> None:
    assert TRANSCRIPTS, "no golden transcripts found"


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_transcript_plays_and_replays(path: Path, tmp_path: Path) -> None:
    data = _read(path)
    expect = data["expect"]
    loaded = _scenario(data["scenario"])

    records: list[dict[str, Any]] = []
    session = Session(loaded, seed=data["seed"], trainee="golden", sink=records.append)
    for number, key in enumerate(data["moves"], start=1):
        assert not session.is_over, f"the game ended before move {number} ({key})"
        session.choose(key)
    assert session.is_over, f"the game has not ended after {len(data['moves'])} moves"
    ending = session.ending
    assert ending is not None
    assert (ending.phase, ending.grade) == (expect["ending"], expect.get("grade", ending.grade))
    _check_state(session.state, expect.get("state", {}), "first play")

    log = tmp_path / "session.jsonl"
    writer = LogWriter(log)
    for record in records:
        writer(record)
    writer.close()
    contents, problems = read_log(log)
    assert contents is not None and not problems, [p.render() for p in problems]
    assert contents.moves == data["moves"]
    assert contents.end is not None and contents.end["ending"] == expect["ending"]
    replayed, problems = replay(loaded, contents)
    assert replayed is not None and not problems, [p.render() for p in problems]
    assert replayed.ending == ending
    _check_state(replayed.state, expect.get("state", {}), "replay from the log")


@pytest.mark.parametrize("scenario_file", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_ending_has_a_transcript(scenario_file: Path) -> None:
    loaded = _scenario(scenario_file.stem)
    endings = {pid for pid, phase in loaded.scenario.phases.phases.items() if phase.ending is not None}
    covered = {_read(path)["expect"]["ending"] for path in TRANSCRIPTS if path.parent.name == f"{scenario_file.stem}.proofs"}
    assert endings <= covered, f"endings without a golden transcript: {sorted(endings - covered)}"
