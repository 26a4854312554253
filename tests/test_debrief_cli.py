"""`good-offices debrief`: formats, output files, damaged logs, class reports, exit codes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from game.cli import main
from game.debrief import class_report, debrief_log
from game.debrief.scripted import play_script, write_class
from game.scenario.loader import LoadedScenario, load_scenario

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
MOVES = ["approach:upper", "approach:lower", "relay:sluice_offer:softened", "propose_venue:mill:proximity_talks", "convene:talks"]


def _load(path: Path) -> LoadedScenario:
    loaded, problems = load_scenario(path)
    assert loaded is not None, problems
    return loaded


@pytest.fixture(scope="module")
def minimal() -> LoadedScenario:
    return _load(FIXTURES / "minimal.yaml")


@pytest.fixture
def log(minimal, tmp_path) -> Path:
    path = tmp_path / "ada.jsonl"
    play_script(minimal, MOVES, seed=3, trainee="Ada Quill", log=path, started="2025-03-01T09:00:00+00:00")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["debrief", *argv])
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


# -- one log -------------------------------------------------------------------------------------
def test_text_is_the_default(capsys, log):
    code, out, err = run(capsys, str(log))
    assert code == 0, err
    assert out.startswith("DEBRIEF \u2014 The Two Valleys")
    assert "Ada Quill" in out and "DECISION BY DECISION" in out and "WHAT YOU COULD NOT SEE" in out


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_every_format_writes_to_a_file(capsys, log, tmp_path, fmt):
    target = tmp_path / f"report.{fmt}"
    code, out, err = run(capsys, str(log), "--format", fmt, "-o", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert out == ""
    if fmt == "json":
        data = json.loads(text)
        assert data["trainee"] == "Ada Quill" and data["decisions"] == 5 and len(data["timeline"]) == 6
        assert {f["verdict"] for f in data["findings"]} <= {"honoured", "breached", "missed"}
    elif fmt == "html":
        assert text.startswith("<!doctype html>") and text.count("<svg") >= 2 and "<script" not in text
    elif fmt == "md":
        assert text.startswith("# Debrief: The Two Valleys") and "## Scores by principle" in text


def test_a_missing_log_is_bad_input_without_a_traceback(capsys, tmp_path):
    code, out, err = run(capsys, str(tmp_path / "nope.jsonl"))
    assert code == 1 and out == ""
    assert f"{tmp_path / 'nope.jsonl'}: GO0401 error: no such file or folder" in err
    assert "Traceback" not in err


def test_a_file_that_is_not_a_log_is_bad_input(capsys, tmp_path):
    bogus = tmp_path / "notes.jsonl"
    bogus.write_text("hello\nworld\n", encoding="utf-8")
    code, _, err = run(capsys, str(bogus))
    assert code == 1 and "GO0403 error" in err and f"{bogus}:1:1:" in err


def test_a_cut_off_log_is_debriefed_up_to_its_last_sound_line(capsys, log):
    lines = log.read_bytes().split(b"\n")
    log.write_bytes(b"\n".join(lines[:-2]) + b"\n" + lines[-2][: len(lines[-2]) // 2])
    cut_line = len(lines) - 1
    code, out, err = run(capsys, str(log), "--format", "json")
    assert code == 0, err
    assert f"{log}:{cut_line}:1: GO0405 warning" in err
    data = json.loads(out)
    assert data["decisions"] >= 4 and data["warnings"] and "GO0405" in data["warnings"][0]


def test_a_log_damaged_in_the_middle_is_debriefed_before_the_damage(capsys, log):
    lines = log.read_text(encoding="utf-8").splitlines()
    decision_lines = [i for i, line in enumerate(lines) if '"type":"decision"' in line]
    damaged = decision_lines[2]
    lines[damaged] = "{this is not json"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, str(log), "--format", "json")
    assert code == 0, err
    assert f"{log}:{damaged + 1}:1: GO0402 warning" in err and "covers the 2 decisions" in err
    assert json.loads(out)["decisions"] == 2


def test_a_log_of_another_version_of_the_scenario_is_refused(capsys, log, tmp_path):
    changed = tmp_path / "minimal-v2.yaml"
    changed.write_text((FIXTURES / "minimal.yaml").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    code, out, err = run(capsys, str(log), "--scenario", str(changed))
    assert code == 1 and out == ""
    assert "GO0407 error" in err and "is not the version this session was played on" in err


def test_several_logs_as_html_need_a_folder_or_class(capsys, log, tmp_path, minimal):
    other = tmp_path / "bo.jsonl"
    play_script(minimal, MOVES[:2], seed=4, trainee="Bo", log=other)
    code, _, err = run(capsys, str(log), str(other), "--format", "html")
    assert code == 2 and "-o FOLDER" in err
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = run(capsys, str(log), str(other), "--format", "html", "-o", str(folder))
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == ["ada.html", "bo.html"]


def test_an_unknown_format_is_a_usage_error(capsys, log):
    code, _, err = run(capsys, str(log), "--format", "pdf")
    assert code == 2 and "invalid choice" in err


def test_the_installed_command_reports_bad_input_in_one_line(tmp_path, cli_env):
    missing = tmp_path / "missing.jsonl"
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "good-offices"), "debrief", str(missing)], capture_output=True, text=True, env=cli_env, timeout=120
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"{missing}: GO0401 error: no such file or folder"
    assert "Traceback" not in result.stderr


# -- class reports -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def class_folder(minimal, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("class")
    write_class(minimal, folder, 12)
    return folder


def test_a_folder_gives_a_class_report(capsys, class_folder):
    code, out, err = run(capsys, str(class_folder), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["kind"] == "class" and data["size"] == 12 and len(data["cohorts"]) == 1
    cohort = data["cohorts"][0]
    assert sum(e["count"] for e in cohort["endings"]) + cohort["unfinished"] == 12
    assert {p["key"] for p in cohort["principles"]} >= {"consent", "fidelity"}
    assert cohort["splits"] and all(abs(sum(m["share"] for m in s["moves"]) - 1) < 1e-3 for s in cohort["splits"])
    assert cohort["breaches"] and cohort["breaches"][0]["example"]["explanation"]
    assert [t["label"] for t in cohort["trainees"]] == [f"Trainee {i:03d}" for i in range(1, 13)]


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_class_reports_render_in_every_format(capsys, class_folder, fmt):
    code, out, err = run(capsys, str(class_folder), "--format", fmt)
    assert code == 0, err
    assert "Trainee 012" in out
    if fmt == "html":
        assert out.count("<svg") >= 2 and "<script" not in out


def test_anonymous_class_reports_hide_names_everywhere(capsys, minimal, tmp_path):
    for name in ("Zelda Marsh", "Yusuf Okonkwo"):
        play_script(minimal, MOVES[:3], seed=len(name), trainee=name, log=tmp_path / f"{name.split()[0].lower()}.jsonl")
    for fmt in ("text", "md", "html", "json"):
        code, out, err = run(capsys, str(tmp_path), "--class", "--anonymous", "--format", fmt)
        assert code == 0, err
        for secret in ("Zelda", "Yusuf", "zelda", "yusuf"):
            assert secret not in out
        assert "Trainee 1" in out and "Trainee 2" in out


def test_logs_of_other_scenarios_and_versions_are_kept_apart(capsys, minimal, tmp_path):
    channel = _load(FIXTURES / "debrief_channel.yaml")
    edited = tmp_path / "minimal.yaml"
    edited.write_text((FIXTURES / "minimal.yaml").read_text(encoding="utf-8") + "\n# second edition\n", encoding="utf-8")
    minimal_v2 = _load(edited)
    play_script(minimal, MOVES, seed=1, trainee="A", log=tmp_path / "a.jsonl")
    play_script(minimal, MOVES, seed=2, trainee="B", log=tmp_path / "b.jsonl")
    play_script(minimal_v2, MOVES, seed=3, trainee="C", log=tmp_path / "c.jsonl")
    play_script(channel, ["approach:east"], seed=4, trainee="D", log=tmp_path / "d.jsonl")
    code, out, err = run(capsys, *(str(tmp_path / f"{n}.jsonl") for n in "abcd"), "--class", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    cohorts = [(c["scenario"]["id"], c["size"]) for c in data["cohorts"]]
    assert cohorts[0] == ("minimal", 2) and sorted(cohorts[1:]) == [("debrief_channel", 1), ("minimal", 1)]
    assert data["notes"] and "never combined" in data["notes"][0]
    assert "never combined" in err
    shas = {c["scenario"]["sha256"] for c in data["cohorts"] if c["scenario"]["id"] == "minimal"}
    assert len(shas) == 2


def test_a_class_with_a_bad_log_still_reports_the_rest_and_exits_1(capsys, class_folder, tmp_path):
    bad = tmp_path / "broken.jsonl"
    bad.write_text("not a log\n", encoding="utf-8")
    code, out, err = run(capsys, str(class_folder), str(bad), "--format", "text")
    assert code == 1
    assert "CLASS DEBRIEF \u2014 12 sessions" in out and "1 log could not be debriefed and was left out" in out
    assert f"{bad}:1:1: GO0403 error" in err


def test_class_report_api_groups_debriefs(class_folder):
    debriefs = [debrief_log(p, suggest=False)[0] for p in sorted(class_folder.glob("*.jsonl"))]
    report = class_report([d for d in debriefs if d is not None], anonymous=True)
    assert report.size == 12 and report.anonymous
    assert all(t.label.startswith("Trainee ") for t in report.cohorts[0].trainees)


def test_a_class_report_shows_progress_on_a_terminal_only(class_folder, tmp_path):
    import sys

    from processes import stderr_at_a_terminal

    argv = ["debrief", str(class_folder), "--format", "html", "-o", str(tmp_path / "class.html")]
    piped = subprocess.run([sys.executable, "-m", "game", *argv], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert piped.returncode == 0 and "%|" not in piped.stderr and "/12 " not in piped.stderr, "no progress bar in a pipe"
    code, shown = stderr_at_a_terminal(argv)
    assert code == 0
    assert b"debrief:" in shown and b"/12 " in shown and b"%|" in shown, shown[-300:]


def test_a_scenario_file_edited_between_two_logs_of_a_class_is_read_again(log, tmp_path):
    """The cache of a class hashes a scenario file once while it stays as it was, and again
    (so the log is refused) once it is edited."""
    from game.debrief import ScenarioCache

    scenario = tmp_path / "minimal.yaml"
    scenario.write_text((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    cache = ScenarioCache()
    first, _ = debrief_log(log, scenario, suggest=False, cache=cache)
    again, _ = debrief_log(log, scenario, suggest=False, cache=cache)
    assert first is not None and again == first
    scenario.write_text(scenario.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited, problems = debrief_log(log, scenario, suggest=False, cache=cache)
    assert edited is None and [p.code for p in problems] == ["GO0407"]
