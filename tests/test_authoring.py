"""The instructor's tools: see a scenario's structure, and prove every ending reachable in play."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.authoring.endings import endings_of, margin, read_transcript, search
from game.authoring.movefile import move_file_text
from game.authoring.structure import mermaid, outline
from game.engine.session import MoveNotAvailable, Session
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
        "a move file needs 'moves' (a list of move keys)",
    ]
    assert all(p.hint for p in problems)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, timeout=300, cwd=ROOT)


def test_the_endings_command_says_which_endings_are_proven_and_exits_accordingly(tmp_path):
    proven = _cli("endings", "quiet_channel", "--playouts", "0", "--transcripts", str(PROOFS), "--logs", str(tmp_path))
    assert proven.returncode == 0, proven.stdout + proven.stderr
    assert proven.stdout.count("\n  reached      ") == 7
    assert len(list(tmp_path.glob("quiet_channel-*.jsonl"))) == 7
    bundled = _cli("endings", "quiet_channel", "--playouts", "0")
    assert bundled.returncode == 0, "the proofs shipped beside a scenario are read without asking"
    assert "quiet_channel.proofs/managed_leak_success.yaml" in bundled.stdout
    unproven = _cli("endings", str(FIXTURES / "minimal.yaml"), "--playouts", "0")
    assert unproven.returncode == 1 and unproven.stdout.count("NOT REACHED") == 3 and "Traceback" not in unproven.stderr
    assert "progress" not in unproven.stderr
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


def test_endings_reports_every_move_file_even_several_for_one_ending(tmp_path):
    """Ten seed variants of one proof: ten lines in the table, each with its own result."""
    loaded = _load(ROOT / "scenarios" / "quiet_channel.yaml")
    witness, _ = read_transcript(PROOFS / "principled_success.yaml", loaded)
    assert witness is not None
    for seed in range(1, 11):
        (tmp_path / f"variant_{seed:02}.yaml").write_text(
            move_file_text(loaded, seed, witness.moves, expect="official_talks_open"), encoding="utf-8"
        )
    shown = _cli("endings", "quiet_channel", "--playouts", "0", "--margin", "3", "--transcripts", str(tmp_path))
    rows = [line.split() for line in shown.stdout.splitlines() if "/variant_" in line]
    assert len(rows) == 10
    for row in rows:
        seed = int(row[0][-7:-5])
        session = Session(loaded, seed=seed)
        reached = "-"
        try:
            for key in witness.moves:
                session.choose(key)
            reached = session.state.ending or "-"
        except MoveNotAvailable:
            pass
        assert row[2] == reached and row[-1] == ("ok" if reached == "official_talks_open" else "FAILED"), row
    assert shown.returncode == (0 if all(row[-1] == "ok" for row in rows) else 1)
    success = next(line for line in shown.stdout.splitlines() if line.startswith("  reached      official_talks_open"))
    assert f"{3 + sum(row[-1] == 'ok' for row in rows)} move files" in success


def test_endings_shows_each_routes_moves_margin_and_score_range_and_writes_them_as_move_files(tmp_path):
    loaded = _load(FIXTURES / "minimal.yaml")
    shown = _cli("endings", str(FIXTURES / "minimal.yaml"), "--playouts", "60", "--margin", "5", "--write-proofs", str(tmp_path))
    found = search(loaded, playouts=60, seed=0)
    for ending, witness in found.items():
        assert f"  {ending}: seed {witness.seed}, {len(witness.moves)} decisions, holds with " in shown.stdout
        assert " ".join(witness.moves) in " ".join(shown.stdout.split()), "the route's moves, in order (wrapped)"
        written, problems = read_transcript(tmp_path / f"{ending}.yaml", loaded)
        assert problems == [] and written is not None and written.ending == ending
    deal = next(line for line in shown.stdout.splitlines() if line.startswith("  reached      deal"))
    low, high = (int(n) for n in deal.rsplit("scores ", 1)[1].split("-"))
    assert 0 <= low <= high <= 100 and "of 60 simulated sessions" in deal
    again = _cli("endings", str(FIXTURES / "minimal.yaml"), "--playouts", "60", "--write-proofs", str(tmp_path))
    assert "already exists; kept as it is" in again.stderr


def test_the_margin_counts_the_other_seeds_a_route_still_reaches_its_ending_with():
    loaded = _load(FIXTURES / "minimal.yaml")
    witness = search(loaded, playouts=60, seed=0)["deal"]
    held = margin(loaded, witness, 8)
    assert 0 <= held <= 8
    rng_seeds = []
    import random

    rng = random.Random(f"margin:{witness.seed}")
    while len(rng_seeds) < 8:
        candidate = rng.randrange(1_000_000)
        if candidate != witness.seed and candidate not in rng_seeds:
            rng_seeds.append(candidate)
    reached = 0
    for seed in rng_seeds:
        session = Session(loaded, seed=seed)
        try:
            for key in witness.moves:
                if not session.is_over:
                    session.choose(key)
        except MoveNotAvailable:
            continue
        reached += session.state.ending == "deal"
    assert held == reached


def test_the_endings_progress_bar_shows_on_a_terminal_only():
    from processes import stderr_at_a_terminal

    piped = _cli("endings", str(FIXTURES / "minimal.yaml"), "--playouts", "40")
    assert piped.stderr == "", "no progress bar when stderr is a pipe"
    code, shown = stderr_at_a_terminal(["endings", str(FIXTURES / "minimal.yaml"), "--playouts", "40"])
    assert code == 1
    assert b"simulated sessions" in shown and b"/40 " in shown


def _nested_valleys(tmp_path: Path):
    """The minimal fixture with its two playing phases inside a parent 'dispute' (which owns the
    way to the clash), and its storm only in 'talking'."""
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    edits = {
        "    standoff:\n      title: Standoff\n": "    standoff:\n      title: Standoff\n      parent: dispute\n",
        "    talking:\n      title: Talking\n": "    talking:\n      title: Talking\n      parent: dispute\n",
        "    deal:\n": "    dispute:\n      title: The water dispute\n      description: Everything before an ending.\n"
        "      transitions:\n        - to: clash\n          when: escalation >= 100\n    deal:\n",
        "    at_turn: 4\n": "    at_turn: 4\n    phases: [talking]\n",
    }
    for old, new in edits.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "nested.yaml"
    path.write_text(text, encoding="utf-8")
    return _load(path)


def test_the_outline_shows_each_choices_condition_and_each_events_phases(tmp_path):
    text = outline(_nested_valleys(tmp_path))
    assert "  agree_share: in talking; when var.offer_known\n" in text
    assert "  storm [incident]: turn 4; only in talking\n" in text
    assert "  standoff (inside dispute): Standoff\n" in text and "      \u2192 clash  when escalation >= 100 (from dispute)\n" in text


def test_the_mermaid_diagram_draws_a_parent_phase_as_a_composite_state_entered_at_the_start(tmp_path):
    diagram = mermaid(_nested_valleys(tmp_path))
    assert diagram.startswith("stateDiagram-v2\n    [*] --> dispute\n")
    block = diagram.split("    state dispute {\n", 1)[1].split("\n    }\n", 1)[0]
    assert block.splitlines() == [
        "        [*] --> standoff",
        '        state "Standoff" as standoff',
        '        state "Talking" as talking',
    ]
    assert "    dispute --> clash : escalation >= 100\n" in diagram, "a parent's transition leaves the composite"
    assert diagram.count(" as standoff\n") == 1, "each state is declared once"
    flat = mermaid(_load(FIXTURES / "minimal.yaml"))
    assert "{" not in flat, "a scenario without nested phases has no composite state"


def test_endings_never_writes_a_log_over_an_existing_one(tmp_path):
    """A session log may be someone's only record of a session: --logs keeps it and says so."""
    kept = tmp_path / "harbour_crossing-crossing_reopened.jsonl"
    kept.write_text("a trainee's session\n", encoding="utf-8")
    run = _cli("endings", "harbour_crossing", "--playouts", "0", "--logs", str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert kept.read_text(encoding="utf-8") == "a trainee's session\n"
    assert f"{kept}: already exists; kept as it is" in run.stderr
    others = set(tmp_path.glob("harbour_crossing-*.jsonl")) - {kept}
    assert others and f"Session logs of the routes: {len(others)} written in" in run.stdout


def test_endings_says_in_one_line_when_it_cannot_write_the_routes(tmp_path):
    occupied = tmp_path / "a_file"
    occupied.write_text("not a folder", encoding="utf-8")
    for option in ("--logs", "--write-proofs"):
        refused = _cli("endings", "quiet_channel", "--playouts", "10", "--margin", "1", option, str(occupied))
        assert refused.returncode == 1 and "Traceback" not in refused.stderr, option
        assert f"{occupied}: cannot" in refused.stderr, option
    assert occupied.read_text(encoding="utf-8") == "not a folder"
