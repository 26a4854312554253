"""Move files made easy to write: `moves` lists the keys on offer, `proof` turns a session log
into a move file, and `expect:` makes `endings` check the ending each file reaches."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from game.authoring.endings import read_transcript, search
from game.authoring.movefile import move_file_text, read_move_file
from game.debrief.scripted import play_script
from game.engine.session import Session
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
PRINCIPLED = ROOT / "scenarios" / "quiet_channel.proofs" / "principled_success.yaml"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, timeout=300, cwd=ROOT)


def _load(path: Path):
    loaded, problems = load_scenario(path)
    assert loaded is not None, problems
    return loaded


def _deal_route():
    """A seed and moves that reach the minimal fixture's 'deal' ending (its choice agree_share)."""
    witness = search(_load(FIXTURES / "minimal.yaml"), playouts=60, seed=0)["deal"]
    assert "choice:agree_share" in witness.moves
    return witness


def test_moves_at_the_start_are_every_key_on_offer_as_pasteable_yaml():
    shown = _cli("moves", "quiet_channel")
    assert shown.returncode == 0, shown.stderr
    listed = yaml.safe_load(shown.stdout)
    expected = [m.key for m in Session(_load(ROOT / "scenarios" / "quiet_channel.yaml"), seed=1).moves()]
    assert listed == expected
    assert "wait:" in listed, "a key ending in ':' must stay a string once pasted, not become a mapping"
    assert '- "approach:korvat"' in shown.stdout and "# Offer good offices to Korvat" in shown.stdout


def test_moves_after_a_move_file_continue_it(tmp_path):
    shown = _cli("moves", "quiet_channel", "--after", str(PRINCIPLED), "--upto", "5")
    assert shown.returncode == 0, shown.stderr
    assert "after 5 of the 23 moves" in shown.stdout
    listed = yaml.safe_load(shown.stdout)
    original, _ = read_move_file(PRINCIPLED)
    assert original is not None
    assert original.moves[5] in listed, "the move the proof plays next is among those on offer"
    loaded = _load(ROOT / "scenarios" / "quiet_channel.yaml")
    extended = tmp_path / "extended.yaml"
    extended.write_text(move_file_text(loaded, original.seed, [*original.moves[:5], listed[-1]]), encoding="utf-8")
    again = _cli("moves", "quiet_channel", "--after", str(extended))
    assert again.returncode == 0 and "after 6 of the 6 moves" in again.stdout


def test_moves_after_an_ended_play_or_a_bad_move_fail_with_one_located_line(tmp_path):
    ended = _cli("moves", "quiet_channel", "--after", str(PRINCIPLED))
    assert ended.returncode == 1 and "has ended at 'official_talks_open'" in ended.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text('seed: 1\nmoves:\n  - "approach:korvat"\n  - "convene:nowhere"\n', encoding="utf-8")
    refused = _cli("moves", "quiet_channel", "--after", str(bad))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert f"{bad}:4:" in refused.stderr and "item 2 of 'moves', 'convene:nowhere', is not on offer" in refused.stderr
    other = _cli("moves", "harbour_crossing", "--after", str(PRINCIPLED))
    assert other.returncode == 1 and "this move file is for scenario 'quiet_channel', not 'harbour_crossing'" in other.stderr
    assert _cli("moves", "quiet_channel", "--upto", "3").returncode == 2
    folder = _cli("moves", "quiet_channel", "--after", str(tmp_path))
    assert folder.returncode == 1 and "not a move file or a session log" in folder.stderr


def _log(tmp_path: Path, scenario: Path, moves, seed: int, name: str = "ana.jsonl") -> Path:
    log = tmp_path / name
    play_script(_load(scenario), list(moves), seed=seed, trainee="Ana Ruiz", log=log, started="2026-12-03T07:00:00")
    return log


def test_moves_after_a_session_log(tmp_path):
    original, _ = read_move_file(PRINCIPLED)
    assert original is not None
    log = _log(tmp_path, ROOT / "scenarios" / "quiet_channel.yaml", original.moves[:6], original.seed)
    shown = _cli("moves", "quiet_channel", "--after", str(log))
    assert shown.returncode == 0, shown.stderr
    assert original.moves[6] in yaml.safe_load(shown.stdout)


def test_a_proof_written_from_a_log_replays_to_the_same_ending(tmp_path):
    witness = _deal_route()
    log = _log(tmp_path, FIXTURES / "minimal.yaml", witness.moves, witness.seed)
    proof = tmp_path / "deal.yaml"
    made = _cli("proof", str(log), "-o", str(proof))
    assert made.returncode == 0, made.stderr
    text = proof.read_text(encoding="utf-8")
    assert "# Scenario: The Two Valleys (minimal)" in text and "# Trainee: Ana Ruiz" in text and "# Ending: deal [success]" in text
    data = yaml.safe_load(text)
    assert data["seed"] == witness.seed and data["moves"] == list(witness.moves) and data["expect"] == "deal"
    replayed, problems = read_transcript(proof, _load(FIXTURES / "minimal.yaml"))
    assert problems == [] and replayed is not None and replayed.ending == "deal"
    proven = _cli("endings", str(FIXTURES / "minimal.yaml"), "--playouts", "0", "--transcripts", str(proof))
    assert "deal.yaml" in proven.stdout and " ok" in proven.stdout

    kept = _cli("proof", str(log), "-o", str(proof))
    assert kept.returncode == 1 and "already exists" in kept.stderr
    assert _cli("proof", str(log), "-o", str(proof), "--force").returncode == 0
    printed = _cli("proof", str(log))
    assert printed.returncode == 0 and yaml.safe_load(printed.stdout)["moves"] == list(witness.moves)


def test_a_proof_of_an_unfinished_session_expects_nothing(tmp_path):
    witness = _deal_route()
    log = _log(tmp_path, FIXTURES / "minimal.yaml", witness.moves[:3], witness.seed)
    made = _cli("proof", str(log))
    assert made.returncode == 0, made.stderr
    assert "expect" not in yaml.safe_load(made.stdout) and "# Ending: unfinished" in made.stdout


def test_a_log_with_a_move_no_longer_offered_is_refused_at_its_line(tmp_path):
    scenario = tmp_path / "valleys.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", scenario)
    witness = _deal_route()
    log = _log(tmp_path, scenario, witness.moves, witness.seed)
    scenario.write_text(scenario.read_text(encoding="utf-8").replace("agree_share", "sign_share"), encoding="utf-8")
    line = 1 + [json.loads(text).get("move") for text in log.read_text(encoding="utf-8").splitlines()].index("choice:agree_share")
    proof = tmp_path / "proof.yaml"
    refused = _cli("proof", str(log), "-o", str(proof))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert (
        f"{log}:{line}:" in refused.stderr
        and f"decision {witness.moves.index('choice:agree_share') + 1}, 'choice:agree_share', is not on offer" in refused.stderr
    )
    assert "choice:sign_share" in refused.stderr, "the hint names what is on offer instead"
    assert "has changed since this session was played" in refused.stderr
    assert not proof.exists()
    after = _cli("moves", str(scenario), "--after", str(log))
    assert after.returncode == 1 and f"{log}:{line}:" in after.stderr


def test_proof_of_a_file_that_is_not_a_log_is_one_line(tmp_path):
    junk = tmp_path / "junk.jsonl"
    junk.write_text("not a log\n", encoding="utf-8")
    refused = _cli("proof", str(junk))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr and str(junk) in refused.stderr


def _transcript(tmp_path: Path, name: str, seed: int, moves, expect) -> Path:
    path = tmp_path / name
    body = {"scenario": "minimal", "seed": seed, "moves": list(moves)}
    if expect is not None:
        body["expect"] = expect
    path.write_text(yaml.safe_dump(body), encoding="utf-8")
    return path


def test_endings_reports_each_move_file_against_its_expectation(tmp_path):
    witness = _deal_route()
    folder = tmp_path / "proofs"
    folder.mkdir()
    _transcript(folder, "a_deal.yaml", witness.seed, witness.moves, "deal")
    _transcript(folder, "b_mapping.yaml", witness.seed, witness.moves, {"ending": "deal", "grade": "success"})
    _transcript(folder, "c_no_expect.yaml", witness.seed, witness.moves, None)
    checked = _cli("endings", str(FIXTURES / "minimal.yaml"), "--playouts", "0", "--transcripts", str(folder))
    rows = {line.split()[0]: line.split() for line in checked.stdout.splitlines() if line.strip().startswith("proofs/")}
    assert rows["proofs/a_deal.yaml"][1:3] == ["deal", "deal"] and rows["proofs/a_deal.yaml"][-1] == "ok"
    assert rows["proofs/b_mapping.yaml"][-1] == "ok"
    assert rows["proofs/c_no_expect.yaml"][1:3] == ["-", "deal"] and rows["proofs/c_no_expect.yaml"][-1] == "ok"
    assert checked.returncode == 1, "'drift' and 'clash' are still unproven"

    wrong = _transcript(folder, "d_wrong.yaml", witness.seed, witness.moves, "drift")
    missed = _cli("endings", str(FIXTURES / "minimal.yaml"), "--playouts", "0", "--transcripts", str(wrong))
    assert missed.returncode == 1
    row = next(line.split() for line in missed.stdout.splitlines() if "d_wrong.yaml" in line)
    assert row[1:3] == ["drift", "deal"] and row[-1] == "FAILED"
    assert f"{wrong}:" in missed.stderr and "reach 'deal', not 'drift' as expected" in missed.stderr

    longer = _transcript(tmp_path, "f_longer.yaml", witness.seed, [*witness.moves, "wait:"], "deal")
    left_over = _cli("endings", str(FIXTURES / "minimal.yaml"), "--playouts", "0", "--transcripts", str(longer))
    row = next(line.split() for line in left_over.stdout.splitlines() if "f_longer.yaml" in line)
    assert row[1:3] == ["deal", "deal"] and row[-1] == "FAILED" and "remove the moves after the ending" in left_over.stderr

    unknown = _transcript(tmp_path, "e_unknown.yaml", witness.seed, witness.moves, "paradise")
    named = _cli("endings", str(FIXTURES / "minimal.yaml"), "--playouts", "0", "--transcripts", str(unknown))
    assert named.returncode == 1 and "'expect: paradise' is not an ending of minimal" in named.stderr

    escape = _transcript(tmp_path, "g_escape.yaml", witness.seed, witness.moves, "\x1b]0;owned\x07deal")
    quoted = _cli("endings", str(FIXTURES / "minimal.yaml"), "--playouts", "0", "--transcripts", str(escape))
    assert "\x1b" not in quoted.stdout + quoted.stderr and "\\u001b]0;owned\\u0007deal" in quoted.stdout


def test_endings_passes_when_every_expectation_holds_and_every_ending_is_reached(tmp_path):
    proven = _cli("endings", "quiet_channel", "--playouts", "0", "--margin", "2")
    assert proven.returncode == 0, proven.stdout + proven.stderr
    assert proven.stdout.count(" ok\n") == len(list((ROOT / "scenarios" / "quiet_channel.proofs").glob("*.yaml")))


def test_a_proof_points_the_editor_at_the_move_schema_once_it_is_installed(tmp_path):
    import os

    witness = _deal_route()
    log = _log(tmp_path, FIXTURES / "minimal.yaml", witness.moves, witness.seed)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}

    def proof() -> str:
        made = subprocess.run([sys.executable, "-m", "game", "proof", str(log)], capture_output=True, text=True, cwd=ROOT, env=env)
        assert made.returncode == 0, made.stderr
        return made.stdout

    assert not proof().startswith("# yaml-language-server:"), "no line pointing at a schema that is not there"
    installed = subprocess.run([sys.executable, "-m", "game", "schema", "--install"], capture_output=True, text=True, cwd=ROOT, env=env)
    assert installed.returncode == 0, installed.stderr
    first, _, rest = proof().partition("\n")
    assert first.startswith("# yaml-language-server: $schema=file://") and first.endswith("/move.schema.json")
    assert yaml.safe_load(rest)["moves"] == list(witness.moves)
