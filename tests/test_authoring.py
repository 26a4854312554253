"""The instructor's tools: see a scenario's structure, and prove every ending reachable in play."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.authoring.endings import endings_of, read_transcript, search
from game.authoring.structure import mermaid, outline
from game.engine.session import Session
from game.scenario.bundled import bundled_paths
from game.scenario.codes import LOG_MISMATCH, WRONG_TYPE
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
PROOFS = ROOT / "scenarios" / "quiet_channel.proofs"


def _load(path: Path):
    loaded, problems = load_scenario(path)
    assert loaded is not None, problems
    return loaded


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_the_outline_names_every_phase_transition_and_ending(path):
    loaded = _load(path)
    text = outline(loaded)
    phases = loaded.scenario.phases.phases
    for pid, phase in phases.items():
        assert pid in text
        if phase.ending is not None:
            assert f"{pid} [{phase.ending.grade}]" in text
    assert "(when time runs out)" in text and "(when escalation reaches 100)" in text
    arrows = sum(len(p.transitions) for p in phases.values() if p.ending is None)
    assert text.count("\u2192 ") >= arrows


def test_the_mermaid_diagram_has_the_start_every_edge_and_every_ending():
    loaded = _load(FIXTURES / "minimal.yaml")
    diagram = mermaid(loaded)
    assert diagram.startswith("stateDiagram-v2\n    [*] --> standoff\n")
    assert "    standoff --> talking : meetings >= 1\n" in diagram
    assert "    talking --> deal : after agree_share\n" in diagram
    for ending in ("deal", "drift", "clash"):
        assert f"    {ending} --> [*]\n" in diagram
    assert '[success]" as deal' in diagram


def test_simulated_play_finds_the_reachable_endings_and_each_witness_replays():
    loaded = _load(FIXTURES / "minimal.yaml")
    found = search(loaded, playouts=120, seed=0)
    # 'clash' needs escalation 100, but from 30 at +2 a turn over 12 turns no play gets there:
    # the graph check accepts it, only play shows it is out of reach.
    assert set(found) == {"deal", "drift"}
    assert set(endings_of(loaded)) - set(found) == {"clash"}
    for ending, witness in found.items():
        session = Session(loaded, seed=witness.seed)
        for key in witness.moves:
            session.choose(key)
        assert session.state.ending == ending


def test_the_search_is_deterministic():
    loaded = _load(FIXTURES / "minimal.yaml")
    assert search(loaded, playouts=30, seed=5) == search(loaded, playouts=30, seed=5)


def test_the_authors_transcripts_prove_the_endings_search_does_not_find():
    loaded = _load(ROOT / "scenarios" / "quiet_channel.yaml")
    reached = set()
    for path in sorted((PROOFS).glob("*.yaml")):
        witness, problems = read_transcript(path, loaded)
        assert witness is not None, problems
        reached.add(witness.ending)
    assert reached == set(endings_of(loaded))


def test_a_transcript_with_a_move_not_on_offer_points_at_that_move(tmp_path):
    loaded = _load(FIXTURES / "minimal.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: minimal\nseed: 1\nmoves:\n  - approach:upper\n  - convene:talks\n", encoding="utf-8")
    witness, problems = read_transcript(bad, loaded)
    assert witness is None
    assert [(p.code, p.line) for p in problems] == [(LOG_MISMATCH, 5)]
    assert problems[0].message == "item 2 of 'moves', 'convene:talks', is not on offer at that point"
    assert problems[0].hint.startswith("on offer then (20): ") and problems[0].hint.endswith(", wait:"), "all of them, none cut off"


def test_a_transcript_move_written_with_a_colon_is_explained_at_its_line(tmp_path):
    loaded = _load(FIXTURES / "minimal.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: minimal\nseed: 1\nmoves:\n  - approach:upper\n  - wait:\n  - approach: lower\n", encoding="utf-8")
    witness, problems = read_transcript(bad, loaded)
    assert witness is None
    assert [(p.code, p.line, p.col) for p in problems] == [(WRONG_TYPE, 5, 5), (WRONG_TYPE, 6, 5)]
    assert problems[0].message == "item 2 of 'moves' is written as 'wait:', which YAML reads as a mapping, not as a move"
    assert problems[0].hint == "write the move key with no ': ' in it: '- wait'"
    assert problems[1].hint == "write the move key with no ': ' in it: '- approach:lower'"


def test_a_transcript_may_write_a_move_with_nothing_after_its_verb_without_the_colon(tmp_path):
    loaded = _load(FIXTURES / "minimal.yaml")
    proof = tmp_path / "drift.yaml"
    proof.write_text("scenario: minimal\nseed: 1\nmoves:\n" + "  - wait\n" * 12, encoding="utf-8")
    witness, problems = read_transcript(proof, loaded)
    assert problems == [] and witness is not None and witness.ending == "drift"
    assert witness.moves[0] == "wait:", "the witness keeps the key the log records"


def test_a_transcript_without_seed_or_moves_says_which(tmp_path):
    loaded = _load(FIXTURES / "minimal.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: minimal\nseed: one\n", encoding="utf-8")
    _, problems = read_transcript(bad, loaded)
    assert sorted(p.message for p in problems) == [
        "'seed' should be a whole number, not the text 'one'",
        "a transcript needs 'moves' (a list of move keys)",
    ]
    assert all(p.hint for p in problems)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, timeout=300, cwd=ROOT)


def test_the_endings_command_says_which_endings_are_proven_and_exits_accordingly(tmp_path):
    proven = _cli("endings", "quiet_channel", "--playouts", "0", "--transcripts", str(PROOFS), "--logs", str(tmp_path))
    assert proven.returncode == 0, proven.stdout + proven.stderr
    assert proven.stdout.count("reached      ") == 7
    assert len(list(tmp_path.glob("quiet_channel-*.jsonl"))) == 7
    bundled = _cli("endings", "quiet_channel", "--playouts", "0")
    assert bundled.returncode == 0, "the proofs shipped beside a scenario are read without asking"
    assert "quiet_channel.proofs/managed_leak_success.yaml" in bundled.stdout
    unproven = _cli("endings", str(FIXTURES / "minimal.yaml"), "--playouts", "0")
    assert unproven.returncode == 1 and unproven.stdout.count("NOT REACHED") == 3 and "Traceback" not in unproven.stderr
    assert _cli("endings", "quiet_channel", "--playouts", "-3").returncode == 2


def test_the_structure_command_prints_the_outline_or_the_diagram():
    text = _cli("structure", "harbour_crossing")
    assert text.returncode == 0 and "Phases" in text.stdout
    diagram = _cli("structure", "harbour_crossing", "--format", "mermaid")
    assert diagram.returncode == 0 and diagram.stdout.startswith("stateDiagram-v2")
    missing = _cli("structure", "no_such_scenario")
    assert missing.returncode == 1 and "neither a bundled scenario" in missing.stderr


def test_the_transcript_in_the_authoring_guide_proves_the_worked_examples_success(tmp_path):
    import re

    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(scenario: worked_example\n.*?)```", guide, re.S)
    assert block is not None
    transcript = tmp_path / "proof.yaml"
    transcript.write_text(block.group(1), encoding="utf-8")
    witness, problems = read_transcript(transcript, _load(ROOT / "docs" / "examples" / "worked_example.yaml"))
    assert problems == [] and witness is not None and witness.ending == "shared_well"
