"""The session log is the save file: what it holds, how a crash is survived, and how an edited
log or a changed scenario is caught (docs/log-format.md)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from game import __version__
from game.diagnostics import Severity
from game.engine.logfile import LogWriter, parse_log, read_log
from game.scenario import codes
from game.scenario.loader import load_scenario
from game.sessions import open_log_for_replay, resume_session, start_session, unfinished_logs

FIXTURES = Path(__file__).parent / "fixtures"
MOVES = ["approach:north", "approach:south", "wait:", "relay:seizure_note:softened", "approach:north", "approach:south"]


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    """A private copy of the rich fixture, so a test may change it."""
    target = tmp_path / "scenarios" / "strait.yaml"
    target.parent.mkdir()
    shutil.copy(FIXTURES / "strait.yaml", target)
    return target


def record_session(scenario_file: Path, log_dir: Path, moves=MOVES, seed: int = 7, trainee: str = "Ada Lovelace") -> Path:
    loaded, problems = load_scenario(scenario_file)
    assert loaded is not None, problems
    live = start_session(loaded, seed=seed, trainee=trainee, log_dir=log_dir)
    try:
        for key in moves:
            live.session.choose(key)
    finally:
        live.close()
    return live.log_path


def lines_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def replays(path: Path) -> tuple[object, list]:
    session, problems = open_log_for_replay(path)
    return session, problems


# -- what a log holds ---------------------------------------------------------------------------


def test_header_names_the_scenario_its_version_the_seed_and_the_trainee(scenario_file: Path, tmp_path: Path) -> None:
    path = record_session(scenario_file, tmp_path / "logs")
    header = lines_of(path)[0]
    assert header["type"] == "header" and header["log_format"] == 1
    assert header["scenario_id"] == "strait"
    assert header["scenario_file"] == str(scenario_file)
    assert header["scenario_sha256"] == hashlib.sha256(scenario_file.read_bytes()).hexdigest()
    assert header["seed"] == 7 and header["trainee"] == "Ada Lovelace"
    assert header["game_version"] == __version__
    started = datetime.fromisoformat(header["started"])
    assert started.utcoffset() is not None and started.utcoffset().total_seconds() == 0
    assert path.name.startswith("strait-ada-lovelace-") and path.name.endswith("-7.jsonl")


def test_one_line_per_decision_with_its_events_and_an_end_line(scenario_file: Path, tmp_path: Path) -> None:
    moves = ["wait:"] * 20
    path = record_session(scenario_file, tmp_path / "logs", moves=moves)
    raw = path.read_bytes()
    assert raw.endswith(b"\n") and b"\r" not in raw
    records = lines_of(path)
    decisions = [r for r in records if r["type"] == "decision"]
    assert [d["n"] for d in decisions] == list(range(1, 21))
    assert [d["move"] for d in decisions] == moves
    assert all(
        {"turn", "verb", "label", "phase_before", "phase_after", "changes", "replies", "arrivals", "draws", "state"} <= set(d)
        for d in decisions
    )
    events = [r for r in records if r["type"] == "event"]
    assert any(e["id"] == "storm" and e["n"] == 2 for e in events)
    assert all(set(e) == {"type", "n", "turn", "id", "title", "kind"} for e in events)
    for event in events:  # each event line follows its decision's line
        index = records.index(event)
        previous = next(r for r in reversed(records[:index]) if r["type"] != "event")
        assert previous["type"] == "header" if event["n"] == 0 else previous["n"] == event["n"]
    assert records[-1] == {"type": "end", "ending": "stalemate", "grade": "stalemate", "turn": 21, "decisions": 20}
    assert [r["type"] for r in records].count("end") == 1


def test_the_log_keeps_draws_and_the_visible_state(scenario_file: Path, tmp_path: Path) -> None:
    path = record_session(scenario_file, tmp_path / "logs")
    decision = next(r for r in lines_of(path) if r["type"] == "decision")
    assert all(set(d) == {"what", "p", "roll"} for d in decision["draws"])
    assert decision["state"]["parties"]["north"]["consent"] == "contact"
    assert set(decision["state"]) == {"turn", "phase", "escalation", "leak_risk", "channel", "mandate", "inbox", "parties"}


def test_each_line_is_on_disk_as_soon_as_it_is_chosen(scenario_file: Path, tmp_path: Path) -> None:
    loaded, _ = load_scenario(scenario_file)
    live = start_session(loaded, seed=1, trainee="t", log_dir=tmp_path)
    try:
        live.session.choose("wait:")
        assert [r["type"] for r in lines_of(live.log_path)][-1] in ("decision", "event")
        assert sum(r["type"] == "decision" for r in lines_of(live.log_path)) == 1
    finally:
        live.close()


def test_two_sessions_started_in_the_same_second_get_two_logs(scenario_file: Path, tmp_path: Path) -> None:
    loaded, _ = load_scenario(scenario_file)
    first = start_session(loaded, seed=1, trainee="t", log_dir=tmp_path)
    second = start_session(loaded, seed=1, trainee="t", log_dir=tmp_path)
    first.close()
    second.close()
    assert first.log_path != second.log_path


# -- replay -------------------------------------------------------------------------------------------


def test_a_log_replays_exactly(scenario_file: Path, tmp_path: Path) -> None:
    path = record_session(scenario_file, tmp_path / "logs")
    session, problems = replays(path)
    assert problems == [] and session is not None
    assert [o.move.key for o in session.history] == MOVES


@pytest.mark.parametrize(
    ("target", "edit"),
    [
        ("move", lambda r: {**r, "move": "approach:south"}),
        ("move", lambda r: {**r, "move": "fly:to_the_moon"}),
        ("value", lambda r: {**r, "state": {**r["state"], "escalation": 99}}),
        ("value", lambda r: {**r, "changes": [{**r["changes"][0], "after": "mediation"}, *r["changes"][1:]]}),
        ("value", lambda r: {**r, "draws": []}),
        ("value", lambda r: {**r, "label": "I did something else"}),
    ],
)
def test_a_tampered_decision_fails_replay_naming_its_line(scenario_file: Path, tmp_path: Path, target: str, edit) -> None:
    path = record_session(scenario_file, tmp_path / "logs")
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if '"n":3' in line and '"decision"' in line) + 1
    record = json.loads(lines[number - 1])
    lines[number - 1] = json.dumps(edit(record), separators=(",", ":"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    session, problems = replays(path)
    assert session is None
    assert [(p.code, p.severity, p.line) for p in problems] == [(codes.LOG_MISMATCH, Severity.ERROR, number)]
    assert problems[0].render().startswith(f"{path}:{number}:1: GO0406 error: ")


def test_a_deleted_event_line_fails_replay(scenario_file: Path, tmp_path: Path) -> None:
    path = record_session(scenario_file, tmp_path / "logs", moves=["wait:"] * 5)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    storm = next(i for i, line in enumerate(lines) if '"id":"storm"' in line)
    path.write_text("".join(lines[:storm] + lines[storm + 1 :]), encoding="utf-8")
    _, problems = replays(path)
    assert [(p.code, p.line) for p in problems] == [(codes.LOG_MISMATCH, storm + 1)]


def test_an_extra_record_at_the_end_fails_replay(scenario_file: Path, tmp_path: Path) -> None:
    path = record_session(scenario_file, tmp_path / "logs")
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"type": "event", "n": 6, "turn": 6, "id": "storm", "title": "x", "kind": "news"}) + "\n")
    _, problems = replays(path)
    assert [p.code for p in problems] == [codes.LOG_MISMATCH]


def test_a_changed_scenario_file_fails_with_go0407(scenario_file: Path, tmp_path: Path) -> None:
    path = record_session(scenario_file, tmp_path / "logs")
    scenario_file.write_text(scenario_file.read_text().replace("trust: 50", "trust: 51"), encoding="utf-8")
    session, problems = replays(path)
    assert session is None
    assert [(p.code, p.line) for p in problems] == [(codes.LOG_SCENARIO_CHANGED, 1)]
    live, problems = resume_session(path)
    assert live is None and codes.LOG_SCENARIO_CHANGED in [p.code for p in problems]


def test_a_log_of_another_scenario_fails_with_go0407(scenario_file: Path, tmp_path: Path) -> None:
    path = record_session(scenario_file, tmp_path / "logs")
    session, problems = open_log_for_replay(path, FIXTURES / "minimal.yaml")
    assert session is None and [p.code for p in problems] == [codes.LOG_SCENARIO_CHANGED]
    assert "of scenario 'strait', but" in problems[0].message and "minimal.yaml is scenario 'minimal'" in problems[0].message


def test_a_missing_scenario_is_go0408(scenario_file: Path, tmp_path: Path) -> None:
    path = record_session(scenario_file, tmp_path / "logs")
    scenario_file.unlink()
    session, problems = replays(path)
    assert session is None and [p.code for p in problems] == [codes.LOG_SCENARIO_MISSING]
    assert "--scenario" in problems[0].hint


def test_a_moved_scenario_can_be_named_on_the_command_line(scenario_file: Path, tmp_path: Path) -> None:
    path = record_session(scenario_file, tmp_path / "logs")
    moved = tmp_path / "elsewhere.yaml"
    scenario_file.rename(moved)
    session, problems = open_log_for_replay(path, moved)
    assert session is not None and problems == []


# -- damage -----------------------------------------------------------------------------------------


def cut_points(raw: bytes) -> list[int]:
    """After every whole line but the header, and in the middle of every line."""
    ends = [i + 1 for i, byte in enumerate(raw) if byte == ord("\n")]
    starts = [0, *ends[:-1]]
    return sorted({*ends[1:], *((s + e) // 2 for s, e in zip(starts[1:], ends[1:], strict=True))})


def test_a_log_cut_anywhere_resumes_appends_cleanly_and_replays_exactly(scenario_file: Path, tmp_path: Path) -> None:
    original = record_session(scenario_file, tmp_path / "logs", moves=["wait:", "wait:", "approach:north", "wait:"])
    raw = original.read_bytes()
    for cut in cut_points(raw):
        path = tmp_path / f"cut-{cut}.jsonl"
        path.write_bytes(raw[:cut])
        live, problems = resume_session(path)
        assert live is not None, (cut, [p.render() for p in problems])
        mid_line = raw[cut - 1 : cut] != b"\n"
        assert [p.code for p in problems] == ([codes.LOG_CUT_OFF] if mid_line else []), cut
        assert all(p.severity is Severity.WARNING for p in problems)
        kept = len(live.session.history)
        try:
            for key in ("wait:", "approach:south"):
                live.session.choose(key)
        finally:
            live.close()
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n") and all(json.loads(line) for line in text.splitlines()), "no half line is left behind"
        session, problems = replays(path)
        assert problems == [], (cut, [p.render() for p in problems])
        assert len(session.history) == kept + 2
        assert raw.startswith(path.read_bytes()[: len(raw[:cut].rsplit(b"\n", 1)[0])]), "what was kept is untouched"


def test_a_cut_between_a_decision_and_its_events_writes_the_missing_events(scenario_file: Path, tmp_path: Path) -> None:
    path = record_session(scenario_file, tmp_path / "logs", moves=["wait:", "wait:", "wait:"])
    full = path.read_text(encoding="utf-8")
    lines = full.splitlines(keepends=True)
    storm = next(i for i, line in enumerate(lines) if '"id":"storm"' in line)
    path.write_text("".join(lines[:storm]), encoding="utf-8")
    live, problems = resume_session(path)
    assert live is not None and problems == []
    live.close()
    following = next(i for i in range(storm, len(lines)) if '"type":"decision"' in lines[i])
    assert path.read_text(encoding="utf-8") == "".join(lines[:following]), "the lost event lines are written again"


def test_a_last_line_cut_before_its_newline_is_kept_and_the_next_line_starts_fresh(scenario_file: Path, tmp_path: Path) -> None:
    path = record_session(scenario_file, tmp_path / "logs", moves=["wait:", "wait:"])
    path.write_bytes(path.read_bytes()[:-1])
    live, problems = resume_session(path)
    assert live is not None and problems == [] and len(live.session.history) == 2
    live.session.choose("wait:")
    live.close()
    assert [r["n"] for r in lines_of(path) if r["type"] == "decision"] == [1, 2, 3]
    assert replays(path)[1] == []


def test_log_writer_never_glues_a_record_to_a_partial_line(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_text('{"type":"header"}')
    writer = LogWriter(path)
    writer({"type": "event"})
    writer.close()
    assert path.read_text() == '{"type":"header"}\n{"type":"event"}\n'


def test_a_damaged_line_in_the_middle_is_go0402(scenario_file: Path, tmp_path: Path) -> None:
    path = record_session(scenario_file, tmp_path / "logs")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2][:30] + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    contents, problems = read_log(path)
    assert [(p.code, p.line, p.severity) for p in problems] == [(codes.LOG_BAD_LINE, 3, Severity.ERROR)]
    assert resume_session(path)[0] is None and replays(path)[0] is None


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", codes.LOG_NO_HEADER),
        (b"hello\n", codes.LOG_NO_HEADER),
        (b'{"type":"decision","n":1,"move":"wait:"}\n', codes.LOG_NO_HEADER),
        (b'{"type":"header","log_format":2,"seed":1,"scenario_id":"x"}\n', codes.LOG_UNSUPPORTED),
        (b'{"type":"header","log_format":1,"seed":"one","scenario_id":"x"}\n', codes.LOG_BAD_LINE),
        (b'{"type":"header","log_format":1,"seed":1,"scenario_id":"x"}\n{"type":"decision","n":2,"move":"wait:"}\n', codes.LOG_BAD_LINE),
        (b'{"type":"header","log_format":1,"seed":1,"scenario_id":"x"}\n{"type":"gossip"}\n', codes.LOG_BAD_LINE),
        (b'{"type":"header","log_format":1,"seed":1,"scenario_id":"x"}\n{"type":"end"}\n{"type":"event"}\n', codes.LOG_BAD_LINE),
        (b"\xff\xfe{}\n", codes.LOG_NO_HEADER),
        (b"[" * 100000 + b"\n", codes.LOG_NO_HEADER),
        (b'{"type":"header","log_format":1,"seed":NaN,"scenario_id":"x"}\n', codes.LOG_NO_HEADER),
        (
            b'{"type":"header","log_format":1,"seed":1,"scenario_id":"x"}\n{"type":"decision","n":1,"move":"wait:","p":Infinity}\n'
            b'{"type":"end"}\n',
            codes.LOG_BAD_LINE,
        ),
    ],
)
def test_logs_that_are_not_logs_are_named_as_such(raw: bytes, code: str) -> None:
    contents, problems = parse_log(raw, "x.jsonl")
    assert code in [p.code for p in problems], [p.render() for p in problems]


def test_an_unreadable_log_is_go0401(tmp_path: Path) -> None:
    contents, problems = read_log(tmp_path / "missing.jsonl")
    assert contents is None and [p.code for p in problems] == [codes.LOG_UNREADABLE]
    assert read_log(tmp_path)[1][0].code == codes.LOG_UNREADABLE


def test_a_finished_session_is_not_resumed(scenario_file: Path, tmp_path: Path) -> None:
    path = record_session(scenario_file, tmp_path / "logs", moves=["wait:"] * 20)
    live, problems = resume_session(path)
    assert live is None and [p.code for p in problems] == [codes.LOG_FINISHED]
    assert replays(path)[1] == [], "but it still replays"


def test_unfinished_logs_are_found_newest_first(scenario_file: Path, tmp_path: Path) -> None:
    import os

    logs = tmp_path / "logs"
    older = record_session(scenario_file, logs, moves=["wait:"])
    finished = record_session(scenario_file, logs, moves=["wait:"] * 20)
    newer = record_session(scenario_file, logs, moves=["wait:", "wait:"], seed=8)
    (logs / "junk.jsonl").write_text("not a log\n")
    os.utime(older, (1_000_000, 1_000_000))
    assert unfinished_logs(logs) == [newer, older]
    assert finished not in unfinished_logs(logs)
    assert unfinished_logs(tmp_path / "nowhere") == []


# -- the command ------------------------------------------------------------------------------------


def run_replay(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", "replay", *args], capture_output=True, text=True, timeout=60)


def test_replay_command_exit_codes(scenario_file: Path, tmp_path: Path) -> None:
    path = record_session(scenario_file, tmp_path / "logs")
    good = run_replay(str(path))
    assert good.returncode == 0, good.stderr
    assert f"{path}: replays exactly (6 decisions, unfinished)" in good.stdout
    text = path.read_text(encoding="utf-8")
    assert text.count('"move":"approach:south"') == 2
    path.write_text(text.replace('"move":"approach:south"', '"move":"wait:"', 1), encoding="utf-8")
    bad = run_replay(str(path))
    assert bad.returncode == 1
    assert ": GO0406 error: " in bad.stderr and "Traceback" not in bad.stderr
    missing = run_replay(str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 1 and "GO0401" in missing.stderr and "Traceback" not in missing.stderr


def test_a_logged_move_not_on_offer_lists_every_move_that_was(scenario_file: Path, tmp_path: Path) -> None:
    path = record_session(scenario_file, tmp_path / "logs")
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if '"n":3' in line and '"decision"' in line) + 1
    lines[number - 1] = json.dumps({**json.loads(lines[number - 1]), "move": "fly:to_the_moon"}, separators=(",", ":"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = replays(path)
    assert problems[0].message == "decision 3: 'fly:to_the_moon' is not available now"
    listed = problems[0].hint.split("on offer then (", 1)[1]
    count, keys = listed.split("): ", 1)
    assert len(keys.split(", ")) == int(count) and keys.endswith("wait:"), "every move, none cut off"


def test_resuming_in_steps_yields_between_decisions_and_resumes_the_same_session(scenario_file: Path, tmp_path: Path) -> None:
    from game.sessions import resume_session_steps

    log = record_session(scenario_file, tmp_path / "logs")
    decisions = len(read_log(log)[0].decisions)  # type: ignore[union-attr]
    steps = resume_session_steps(log)
    yielded = 0
    while True:
        try:
            next(steps)
            yielded += 1
        except StopIteration as done:
            stepped, problems = done.value
            break
    assert yielded > decisions and stepped is not None and not problems
    history = [o.move.key for o in stepped.session.history]
    stepped.close()
    whole, problems = resume_session(log)
    assert whole is not None and not problems
    assert [o.move.key for o in whole.session.history] == history
    assert whole.session.state == stepped.session.state
    whole.close()
