"""`good-offices playtest`: endings reached per policy, their debrief scores, proofs under other seeds."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from game.authoring.playtest import (
    CARELESS,
    POLICIES,
    PRINCIPLED,
    PROCESSES,
    PROOF_PREFIX,
    RANDOM,
    UNFINISHED,
    EndingLine,
    PlaytestReport,
    Proof,
    ProofLine,
    Scores,
    playtest,
    read_proofs,
)
from game.authoring.playtest_report import render_html, render_text, to_json
from game.cli import main
from game.commands.endings import transcript_files
from game.debrief.scoring import FAILURE_CAP
from game.scenario.bundled import find_bundled
from game.scenario.loader import LoadedScenario, load_scenario

SESSIONS = 8


@pytest.fixture(scope="module")
def harbour() -> LoadedScenario:
    path = find_bundled("harbour_crossing")
    assert path is not None
    loaded, problems = load_scenario(path)
    assert loaded is not None, problems
    return loaded


@pytest.fixture(scope="module")
def proofs(harbour: LoadedScenario) -> list[Proof]:
    return read_proofs(harbour, transcript_files(harbour, None))


@pytest.fixture(scope="module")
def report(harbour: LoadedScenario, proofs: list[Proof]) -> PlaytestReport:
    return playtest(harbour, sessions=SESSIONS, base_seed=1, proofs=proofs, jobs=1)


def test_every_policy_plays_every_seed_once_and_each_ending_counts_them(report: PlaytestReport, proofs: list[Proof]) -> None:
    assert report.policies == POLICIES + tuple(PROOF_PREFIX + p.name for p in proofs)
    for policy in report.policies:
        assert sum(line.reached[policy] for line in report.endings) == SESSIONS, policy
    ids = [line.ending for line in report.endings]
    assert ids[-1] == UNFINISHED
    assert set(ids[:-1]) == {"crossing_reopened", "crew_home", "frozen_strait", "shots_at_skerra", "envoy_withdrawn", "persona_non_grata"}
    reached = {line.ending for line in report.endings if line.total(report.policies)}
    assert "crossing_reopened" in reached, "the careful envoy or the success proofs reach the success ending"


def test_score_ranges_come_from_the_debrief_and_follow_the_grades(report: PlaytestReport) -> None:
    for line in report.endings:
        total = line.total(report.policies)
        if line.ending == UNFINISHED or not total:
            assert line.scores is None
            continue
        scores = line.scores
        assert scores is not None and scores.count == total
        assert 0 <= scores.low <= scores.median <= scores.high <= 100
        for policy, own in line.by_policy.items():
            assert own.count == line.reached[policy]
            assert scores.low <= own.low and own.high <= scores.high
        if line.grade == "failure":
            assert scores.high <= FAILURE_CAP, "a failure ending is capped in the debrief's overall score"
    best = {line.grade: line.scores.high for line in report.endings if line.scores}
    assert best["success"] > best["failure"]


def test_each_proof_holds_under_its_own_seed(harbour: LoadedScenario, proofs: list[Proof]) -> None:
    for proof in proofs:
        own = playtest(harbour, sessions=1, base_seed=proof.seed, proofs=[proof], jobs=1)
        line = own.proofs[0]
        assert (line.held, line.seeds) == (1, 1), proof.name
        assert next(e for e in own.endings if e.ending == proof.ending).reached[PROOF_PREFIX + proof.name] == 1


def test_proof_robustness_counts_holds_stops_and_other_endings(harbour: LoadedScenario, proofs: list[Proof]) -> None:
    principled = next(p for p in proofs if p.name == "principled_success")
    broken = Proof("broken", "broken.yaml", 1, (*principled.moves[:2], "convene:nowhere", *principled.moves[3:]), principled.ending)
    report = playtest(harbour, sessions=5, base_seed=10, proofs=[principled, broken], jobs=1)
    good, bad = report.proofs
    assert good.held + sum(good.elsewhere.values()) + sum(good.stopped.values()) == good.seeds == 5
    assert (bad.held, bad.seeds, bad.stopped) == (0, 5, {"move 3 'convene:nowhere'": 5})
    assert next(e for e in report.endings if e.ending == UNFINISHED).reached[PROOF_PREFIX + "broken"] == 5


def test_a_proof_that_does_not_replay_is_reported_not_played(harbour: LoadedScenario, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: harbour_crossing\nseed: 1\nmoves:\n- convene:nowhere\n", encoding="utf-8")
    (proof,) = read_proofs(harbour, [bad])
    assert proof.ending is None and "convene:nowhere" in proof.problem and "bad.yaml:4" in proof.problem
    report = playtest(harbour, sessions=2, proofs=[proof], jobs=1)
    assert report.policies == POLICIES
    assert render_text(report).count("bad: not played") == 1


def test_the_table_names_every_ending_policy_and_proof(report: PlaytestReport) -> None:
    text = render_text(report)
    assert f"{SESSIONS} sessions per policy, seeds 1-{SESSIONS}" in text
    for line in report.endings[:-1]:
        assert f"{line.ending}: " in text
    assert "Principled" in text and "Careless" in text and "Random" in text and "Proofs" in text
    row = next(t for t in text.splitlines() if t.startswith("crossing_reopened"))
    numbers = [int(n) for n in row.split("success")[1].split()[:4]]
    line = report.endings[0]
    assert numbers == [line.reached[PRINCIPLED], line.reached[CARELESS], line.reached[RANDOM], line.total(report.proof_policies)]
    for proof in report.proofs:
        assert f"{proof.name} (proves {proof.ending}, written for seed {proof.own_seed}): holds on {proof.held} of {SESSIONS} seeds" in text


def test_json_holds_the_same_counts_scores_and_proofs(report: PlaytestReport) -> None:
    data = json.loads(json.dumps(to_json(report)))
    assert data["format"] == "good-offices-playtest" and data["sessions"] == SESSIONS and data["base_seed"] == 1
    assert [e["id"] for e in data["endings"]] == [line.ending or None for line in report.endings]
    for entry, line in zip(data["endings"], report.endings, strict=True):
        assert entry["reached"] == line.reached
        if line.scores is not None:
            assert (entry["scores"]["min"], entry["scores"]["max"]) == (line.scores.low, line.scores.high)
    assert [(p["name"], p["held"], p["seeds"]) for p in data["proofs"]] == [(p.name, p.held, p.seeds) for p in report.proofs]


def test_html_is_one_escaped_self_contained_page() -> None:
    hostile = PlaytestReport(
        "x",
        "<script>alert(1)</script> & Co",
        "0" * 64,
        3,
        1,
        (*POLICIES, PROOF_PREFIX + "p"),
        [
            EndingLine("e", "<b>Peace</b>", "success", {p: 1 for p in POLICIES} | {PROOF_PREFIX + "p": 3}, Scores(6, 80, 85.5, 90), {}, {}),
            EndingLine(UNFINISHED, "No ending reached", "", {p: 2 for p in POLICIES} | {PROOF_PREFIX + "p": 0}, None, {}, {}),
        ],
        [ProofLine("p", "/x/<i>p</i>.yaml", "e", 1, 3, 3, {}, {})],
    )
    html = render_html(hostile)
    assert "<script>" not in html and "<b>Peace" not in html and "<i>p" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html and "&lt;b&gt;Peace&lt;/b&gt;" in html
    assert "80 / 85.5 / 90" in html and "3 of 3" in html
    assert "<style>" in html and "http" not in html.split("</style>")[0], "styles inline, nothing fetched"


def test_same_arguments_same_report_and_two_jobs_equal_one(harbour: LoadedScenario, proofs: list[Proof]) -> None:
    few = proofs[:2]
    first = to_json(playtest(harbour, sessions=12, base_seed=3, proofs=few, jobs=1))
    assert to_json(playtest(harbour, sessions=12, base_seed=3, proofs=few, jobs=1)) == first
    if "fork" in multiprocessing.get_all_start_methods():
        assert to_json(playtest(harbour, sessions=12, base_seed=3, proofs=few, jobs=2)) == first
        assert PROCESSES == [2], "the sessions were played in two worker processes"
    assert to_json(playtest(harbour, sessions=12, base_seed=4, proofs=few, jobs=1)) != first, "the base seed matters"


def test_the_command_prints_the_table_and_writes_json_and_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_json, out_html = tmp_path / "p.json", tmp_path / "p.html"
    code = main(["playtest", "harbour_crossing", "--sessions", "3", "--jobs", "1", "--json", str(out_json), "--html", str(out_html)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Playtest of The Harbour Crossing (harbour_crossing): 3 sessions per policy, seeds 1-3" in captured.out
    assert "\r" not in captured.err, "no progress bar when stderr is not a terminal"
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["sessions"] == 3 and len(data["proofs"]) == 9
    assert "<title>Playtest: The Harbour Crossing</title>" in out_html.read_text(encoding="utf-8")
    assert main(["playtest", "harbour_crossing", "--sessions", "3", "--jobs", "1", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == data


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["playtest", "harbour_crossing", "--sessions", "0"], 2, "--sessions: give a number from 1 to"),
        (["playtest", "harbour_crossing", "--jobs", "two"], 2, "--jobs: 'two' is not a whole number"),
        (["playtest", "no_such_scenario"], 1, "neither a bundled scenario"),
        (["playtest", "harbour_crossing", "--sessions", "1", "-o", "/no/such/folder/x.txt"], 1, "cannot write"),
    ],
)
def test_bad_arguments_are_one_clear_line(args: list[str], code: int, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    try:
        got = main(args)
    except SystemExit as exc:
        got = exc.code
    assert got == code
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
