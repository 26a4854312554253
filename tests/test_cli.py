"""The `good-offices` command: exit codes 0 / 1 / 2, one located line per problem, and never a
traceback, whatever is typed or piped in."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game import __version__
from game.cli import main
from game.scenario.bundled import bundled_paths

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = Path(__file__).parent / "invalid"
MINIMAL = FIXTURES / "minimal.yaml"
LOCATED = re.compile(r"^.+:\d+:\d+: GO\d{4} (error|warning): \S")


def cli(*args: str, stdin: str = "", env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess, its stdin a pipe (like `printf '1\\n' | good-offices ...`)."""
    result = subprocess.run(
        [sys.executable, "-m", "game", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=cwd,
        encoding="utf-8",
        errors="replace",
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout
    return result


def last_line(text: str) -> str:
    """The last message line: a diagnostic's hint and source excerpt below it are indented."""
    return [line for line in text.strip().splitlines() if not line.startswith(" ")][-1]


# -- list, validate, schema (in process: quicker) ---------------------------------------------------------


def test_list_names_every_bundled_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    for path in bundled_paths():
        assert re.search(rf"^{re.escape(path.stem)} +(introductory|intermediate|advanced) +\d+ min  \S", out, re.M), out


def test_validate_a_good_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(MINIMAL), str(FIXTURES / "strait.yaml")]) == 0
    captured = capsys.readouterr()
    assert f"{MINIMAL}: ok (minimal; 5 phases)" in captured.out
    assert captured.err == ""


def test_validate_bundled_scenarios_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    for path in bundled_paths():
        assert main(["validate", str(path)]) == 0, capsys.readouterr().err


def test_validate_errors_exit_1_with_located_lines(capsys: pytest.CaptureFixture[str]) -> None:
    path = INVALID / "GO0204_unknown_transition_target.yaml"
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    problems = [line for line in captured.err.splitlines() if not line.startswith(" ")]  # hints and source excerpts are indented
    assert problems and all(LOCATED.match(line) for line in problems), captured.err
    assert problems[0].startswith(f"{path}:76:15: GO0204 error: 'dael' is not a declared phase")
    assert "    hint: did you mean 'deal'?" in captured.err
    assert f"{path}: 2 errors, 0 warnings" in captured.out


def test_validate_a_folder_checks_every_yaml_in_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL.read_text())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_text("title: [")
    (tmp_path / "notes.txt").write_text("not a scenario")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "a.yaml: ok" in out and "b.yml: 1 error," in out and "notes" not in out


def test_validate_missing_file_is_go0001_and_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "genva.yaml")]) == 1
    assert re.search(r"genva\.yaml: GO0001 error: cannot open the file", capsys.readouterr().err)


def test_validate_an_empty_folder_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    assert "no .yaml files in this folder" in capsys.readouterr().err


def test_validate_without_a_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["validate"])
    assert stop.value.code == 2
    assert last_line(capsys.readouterr().err) == "good-offices: the following arguments are required: PATH"


def test_schema_to_a_file_is_json_schema_draft_2020_12(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "scenario.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {target}"
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object" and "parties" in schema["properties"] and "Party" in schema["$defs"]
    assert {"format", "id", "title", "parties", "phases"} <= set(schema["required"])


def test_schema_to_the_screen_is_the_same_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    main(["schema", "-o", str(tmp_path / "s.json")])
    assert printed == json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))


def test_schema_to_an_unwritable_place_exits_1_on_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["schema", "-o", str(tmp_path / "no" / "such" / "folder" / "s.json")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "cannot write" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"good-offices {__version__}"


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "validate" in capsys.readouterr().out


# -- play through a pipe --------------------------------------------------------------------------------------


def logs_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.jsonl"))


def test_play_text_through_a_pipe_saves_at_end_of_input(tmp_path: Path, cli_env: dict[str, str]) -> None:
    result = cli(
        "play", str(MINIMAL), "--text", "--seed", "3", "--trainee", "Ada", "--log-dir", str(tmp_path), stdin="h\nabc\n999\n1\n", env=cli_env
    )
    assert result.returncode == 0, result.stderr
    [log] = logs_in(tmp_path)
    out = result.stdout
    assert "'abc' is not a move. Type a move's code, such as" in out and "'999' is not a move." in out
    assert out.count("Your move (") == 5
    assert f"Session saved: {log}" in out and f"Resume with: good-offices play --resume {log} --text" in out
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert records[0]["trainee"] == "Ada" and records[0]["seed"] == 3
    assert [r["n"] for r in records if r["type"] == "decision"] == [1]


def test_play_resume_continues_the_same_log(tmp_path: Path, cli_env: dict[str, str]) -> None:
    cli("play", str(MINIMAL), "--text", "--seed", "3", "--log-dir", str(tmp_path), stdin="1\n", env=cli_env)
    [log] = logs_in(tmp_path)
    result = cli("play", "--resume", str(log), "--text", stdin="2\nq\n", env=cli_env)
    assert result.returncode == 0, result.stderr
    assert f"Resuming {log} after 1 decisions." in result.stdout
    assert "You are:" not in result.stdout, "no second briefing"
    assert logs_in(tmp_path) == [log], "no new log"
    assert [json.loads(line)["n"] for line in log.read_text().splitlines() if '"decision"' in line] == [1, 2]
    assert cli("replay", str(log), env=cli_env).returncode == 0


def test_play_writes_to_the_default_log_folder(tmp_path: Path, cli_env: dict[str, str]) -> None:
    result = cli("play", str(MINIMAL), "--text", stdin="1\n", env=cli_env)
    assert result.returncode == 0
    assert len(list((tmp_path / "data").rglob("*.jsonl"))) == 1


def test_quitting_before_the_first_decision_leaves_no_log(tmp_path: Path, cli_env: dict[str, str]) -> None:
    result = cli("play", str(MINIMAL), "--text", stdin="q\n", env=cli_env)
    assert result.returncode == 0 and "No decision was made, so no session log is kept." in result.stdout
    assert not list((tmp_path / "data").rglob("*.jsonl"))


def test_sessions_lists_each_log_and_prunes_only_empty_ones(tmp_path: Path, cli_env: dict[str, str]) -> None:
    logs = tmp_path / "logs"
    assert cli("play", str(MINIMAL), "--text", "--log-dir", str(logs), "--trainee", "Ana", stdin="1\n", env=cli_env).returncode == 0
    [played] = list(logs.glob("*.jsonl"))
    empty = logs / "empty.jsonl"
    empty.write_text(played.read_text().splitlines()[0] + "\n")
    (logs / "notes.jsonl").write_text("not a log\n")
    listed = cli("sessions", "--log-dir", str(logs), env=cli_env)
    assert listed.returncode == 0, listed.stderr
    line = next(line for line in listed.stdout.splitlines() if str(played) in line)
    assert "minimal" in line and "Ana" in line and " 1  unfinished" in line
    assert "not a readable log" in listed.stdout and "notes.jsonl" in listed.stdout
    assert "Resume one with: good-offices play --resume LOG" in listed.stdout
    pruned = cli("sessions", "--log-dir", str(logs), "--prune", env=cli_env)
    assert pruned.returncode == 0 and "Removed 1 empty session log" in pruned.stdout
    assert sorted(p.name for p in logs.glob("*.jsonl")) == sorted([played.name, "notes.jsonl"])


def test_a_finished_session_cannot_be_resumed(tmp_path: Path, cli_env: dict[str, str]) -> None:
    from game.scenario.loader import load_scenario
    from game.sessions import start_session

    loaded, _ = load_scenario(MINIMAL)
    live = start_session(loaded, seed=1, trainee="t", log_dir=tmp_path)
    while not live.session.is_over:
        live.session.choose("wait:")
    live.close()
    result = cli("play", "--resume", str(live.log_path), "--text", env=cli_env)
    assert result.returncode == 1
    assert f"{live.log_path}:1:1: GO0409 error: this session has already ended" in result.stderr


def test_output_the_console_cannot_encode_does_not_crash(tmp_path: Path, cli_env: dict[str, str]) -> None:
    env = {**cli_env, "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0", "LC_ALL": "C"}
    result = cli("play", str(FIXTURES / "strait.yaml"), "--text", "--seed", "1", "--log-dir", str(tmp_path), stdin="\u00e9\n1\n", env=env)
    assert result.returncode == 0, result.stderr
    assert "is not a move" in result.stdout


# -- bad arguments: one line, exit 2 (usage) or 1 (input), never a traceback -------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["play", str(MINIMAL), "--text", "--seed", "x"], 2, "good-offices: argument --seed: invalid int value: 'x'"),
        (["frobnicate"], 2, "good-offices: argument COMMAND: invalid choice: 'frobnicate'"),
        (["play", "--text", "--speed", "3"], 2, "good-offices: unrecognized arguments: --speed"),
        (
            ["play", "no_such_scenario", "--text"],
            1,
            "good-offices: 'no_such_scenario' is neither a bundled scenario id nor an existing file",
        ),
        (["play", "nowhere/at/all.yaml", "--text"], 1, "is neither a bundled scenario id nor an existing file"),
        (["play", "--resume", "nowhere.jsonl", "--text"], 1, "nowhere.jsonl: GO0401 error: cannot read the log"),
        (["replay"], 2, "good-offices: the following arguments are required: LOG"),
        (["schema", "-o"], 2, "good-offices: argument -o/--output: expected one argument"),
    ],
)
def test_bad_arguments(args: list[str], code: int, message: str, cli_env: dict[str, str], tmp_path: Path) -> None:
    result = cli(*args, env=cli_env, cwd=tmp_path)
    assert result.returncode == code, result.stderr
    assert message in last_line(result.stderr)


def test_play_without_a_scenario_lists_the_bundled_ones(cli_env: dict[str, str]) -> None:
    result = cli("play", "--text", env=cli_env)
    assert result.returncode == 2
    assert result.stderr.startswith("Name a scenario to play.")
    for path in bundled_paths():
        assert f"  {path.stem}\n" in result.stderr


def test_play_an_invalid_scenario_shows_its_problems(cli_env: dict[str, str], tmp_path: Path) -> None:
    result = cli("play", str(INVALID / "GO0101_unknown_key.yaml"), "--text", "--log-dir", str(tmp_path), env=cli_env)
    assert result.returncode == 1
    assert ":40:5: GO0101 error: unknown key 'nmae'" in result.stderr
    assert logs_in(tmp_path) == [], "no log for a game that never started"


def test_play_with_an_unusable_log_folder_exits_1(cli_env: dict[str, str], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("play", str(MINIMAL), "--text", "--log-dir", str(blocker / "logs"), env=cli_env)
    assert result.returncode == 1
    assert last_line(result.stderr).startswith(f"good-offices: cannot write the session log in {blocker / 'logs'}")


def test_play_a_folder_instead_of_a_file(cli_env: dict[str, str], tmp_path: Path) -> None:
    result = cli("play", str(tmp_path), "--text", env=cli_env)
    assert result.returncode == 1 and "GO0001 error: this is a folder" in result.stderr


def test_validate_through_the_installed_command(tmp_path: Path, cli_env: dict[str, str]) -> None:
    command = Path(sys.executable).parent / "good-offices"
    if not command.exists():
        pytest.skip("the console script is not installed in this environment")
    result = subprocess.run(
        [str(command), "validate", str(INVALID / "GO0009_python_tag.yaml")], capture_output=True, text=True, env=cli_env, timeout=60
    )
    assert result.returncode == 1
    assert ":3:11: GO0009 error: the tag !!python/object/apply:os.system is not allowed" in result.stderr


def test_list_check_validates_each_bundled_scenario_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--check"]) == 0
    out = capsys.readouterr().out
    assert "does not load" not in out and "harbour_crossing" in out
