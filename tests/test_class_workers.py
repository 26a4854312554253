"""A class debriefed in worker processes: the same report, byte for byte, as one process gives;
a tampered log still refused with the same message as a replay gives; and when no worker can
be had, or one dies, the logs are debriefed here instead, with the same result."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.debrief import class_report, class_to_json, classrun, debrief_log, render_class_html, render_class_markdown, render_class_text
from game.debrief.classentry import class_entry
from game.debrief.scripted import write_class
from game.diagnostics import Diagnostic
from game.engine.logfile import read_log
from game.engine.replay import replay
from game.scenario import codes
from game.scenario.loader import LoadedScenario

CLASS_SIZE = 24


@pytest.fixture(scope="module")
def class_folder(minimal: LoadedScenario, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("class")
    write_class(minimal, folder, CLASS_SIZE)
    return folder


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for a class of a few dozen logs (normally kept for larger classes)."""
    monkeypatch.setattr(classrun, "MIN_PER_WORKER", 2)


def reports(answers: list[tuple[object, list[Diagnostic]]]) -> list[str]:
    debriefs = [d for d, _ in answers if d is not None]
    report = class_report(debriefs)  # type: ignore[arg-type]
    problems = "\n".join(p.render() for _, found in answers for p in found)
    return [
        render_class_text(report),
        render_class_markdown(report),
        render_class_html(report),
        json.dumps(class_to_json(report)),
        problems,
    ]


def logs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.jsonl"))


def tamper(path: Path, edit) -> int:  # type: ignore[no-untyped-def]
    """Edit the record of decision 3 in place; its line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if '"n":3' in line and '"decision"' in line) + 1
    lines[number - 1] = json.dumps(edit(json.loads(lines[number - 1])), separators=(",", ":"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number


def test_workers_give_the_same_class_report_as_one_process(class_folder: Path) -> None:
    paths = logs(class_folder)
    serial = classrun.debrief_logs(paths, suggest=False, workers=1)
    parallel = classrun.debrief_logs(paths, suggest=False, workers=2)
    assert len(classrun.WORKER_CPU) == 2, "the class was not spread over two workers"
    assert [d.trainee for d, _ in parallel if d is not None] == [f"Trainee {i:03d}" for i in range(1, CLASS_SIZE + 1)]
    assert reports(parallel) == reports(serial)


@pytest.mark.parametrize("suggest", [False, True], ids=["no search", "reduced search"])
def test_class_entries_from_workers_give_the_report_whole_debriefs_give(class_folder: Path, suggest: bool) -> None:
    paths = logs(class_folder)
    debriefs = classrun.debrief_logs(paths, suggest=suggest, workers=1)
    entries = classrun.class_entries(paths, suggest=suggest, workers=2)
    assert len(classrun.WORKER_CPU) == 2, "the class was not spread over two workers"
    assert reports(entries) == reports(debriefs)
    hidden = [class_report([d for d, _ in answers if d is not None], anonymous=True) for answers in (debriefs, entries)]
    assert render_class_html(hidden[0]) == render_class_html(hidden[1])
    assert json.dumps(class_to_json(hidden[0])) == json.dumps(class_to_json(hidden[1]))


@pytest.mark.parametrize("suggest", [False, True], ids=["no search", "reduced search"])
def test_a_brief_debrief_gives_the_class_entry_a_full_debrief_gives(
    class_folder: Path, strait: LoadedScenario, tmp_path: Path, suggest: bool
) -> None:
    """What a class report's workers make (`brief`: no words for what was honoured, no reveal)
    is what the report would keep of a whole debrief, finding for finding."""
    paths = logs(class_folder)[:4] + write_class(strait, tmp_path, 4)
    for path in paths:
        full, _ = debrief_log(path, suggest=suggest)
        brief, _ = debrief_log(path, suggest=suggest, brief=True)
        assert full is not None and brief is not None
        assert class_entry(brief) == class_entry(full)
        assert [f for f in brief.findings if f.verdict != "honoured"] == [f for f in full.findings if f.verdict != "honoured"]
        assert (brief.scores, brief.conduct, brief.overall) == (full.scores, full.conduct, full.overall)


def test_the_collector_is_as_it_was_after_a_class_in_workers(class_folder: Path) -> None:
    """Workers are forked with this process's objects frozen (out of the collector's walks);
    afterwards they are thawed and the collector runs again, or stays paused if it was."""
    import gc

    for paused in (False, True):
        if paused:
            gc.disable()
        try:
            classrun.class_entries(logs(class_folder), suggest=False, workers=2)
            assert len(classrun.WORKER_CPU) == 2
            assert gc.isenabled() is not paused
            assert gc.get_freeze_count() == 0
        finally:
            gc.enable()


def test_the_class_command_prints_the_same_from_workers_as_from_one_process(
    class_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "class"
    shutil.copytree(class_folder, folder)
    (folder / "broken.jsonl").write_text("not a log\n", encoding="utf-8")
    printed = []
    for cores in (1, 2):
        monkeypatch.setattr(classrun, "_cores", lambda cores=cores: cores)
        code = main(["debrief", str(folder), "--format", "md"])
        printed.append((code, *capsys.readouterr()))
    assert printed[0] == printed[1]
    code, out, err = printed[0]
    assert code == 1 and f"# Class debrief: {CLASS_SIZE} sessions" in out
    assert f"{folder / 'broken.jsonl'}:1:1: GO0403 error" in err


@pytest.mark.parametrize(
    "edit",
    [
        lambda r: {**r, "move": "fly:to_the_moon"},
        lambda r: {**r, "state": {**r["state"], "escalation": 99}},
        lambda r: {**r, "label": "I did something else"},
        lambda r: {**r, "changes": r["changes"][1:]},
    ],
    ids=["unavailable move", "state", "label", "changes"],
)
def test_a_tampered_log_in_a_class_is_refused_with_the_message_a_replay_gives(
    class_folder: Path, tmp_path: Path, minimal: LoadedScenario, edit
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "class"
    shutil.copytree(class_folder, folder)
    victim = logs(folder)[5]
    line = tamper(victim, edit)
    contents, _ = read_log(victim)
    assert contents is not None
    _, by_replay = replay(minimal, contents)
    assert [(p.code, p.line) for p in by_replay] == [(codes.LOG_MISMATCH, line)]
    for workers in (1, 2):
        answers = classrun.debrief_logs(logs(folder), suggest=False, workers=workers)
        refused = [(i, found) for i, (debrief, found) in enumerate(answers) if debrief is None]
        assert refused == [(5, by_replay)]
        assert all(not found for debrief, found in answers if debrief is not None)


def test_without_worker_processes_the_class_is_debriefed_here(class_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = logs(class_folder)
    serial = classrun.debrief_logs(paths, suggest=False, workers=1)

    def refused(*args: object, **kwargs: object) -> object:
        raise OSError("no more processes")

    monkeypatch.setattr(classrun, "ProcessPoolExecutor", refused)
    assert reports(classrun.debrief_logs(paths, suggest=False, workers=2)) == reports(serial)


def test_when_a_worker_dies_its_logs_are_debriefed_here(class_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = logs(class_folder)
    serial = classrun.debrief_logs(paths, suggest=False, workers=1)
    parent = os.getpid()
    one = classrun._one
    victim = paths[len(paths) // 2]

    def dies_at_one_log(job: object, path: Path, cache: object) -> object:
        if os.getpid() != parent and path == victim:
            os._exit(1)  # a worker killed mid-class (out of memory, say)
        return one(job, path, cache)  # type: ignore[arg-type]

    monkeypatch.setattr(classrun, "_one", dies_at_one_log)
    assert reports(classrun.debrief_logs(paths, suggest=False, workers=2)) == reports(serial)


def test_class_workers_exit_when_the_class_report_is_killed(minimal: LoadedScenario, tmp_path: Path) -> None:
    from processes import workers_left_after_a_kill

    if classrun._cores() < 2:
        pytest.skip("one core: the class is debriefed in one process")
    write_class(minimal, tmp_path / "class", 80)  # enough for two workers at the usual MIN_PER_WORKER
    left = workers_left_after_a_kill([sys.executable, "-m", "game", "debrief", str(tmp_path / "class"), "--format", "json"])
    assert not left, "class workers went on after their report was killed"
