"""The debrief's search workers stop when the debrief that started them is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from game.debrief.scripted import play_script
from game.scenario.loader import load_scenario

ROOT = Path(__file__).parent.parent
PROOF = ROOT / "scenarios" / "harbour_crossing.proofs" / "principled_success.yaml"

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads child processes from /proc")


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(child) for child in (task / "children").read_text().split()}
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_exit_when_the_debrief_is_killed(tmp_path: Path) -> None:
    loaded, problems = load_scenario(ROOT / "scenarios" / "harbour_crossing.yaml")
    assert loaded is not None, problems
    proof = yaml.safe_load(PROOF.read_text(encoding="utf-8"))
    log = tmp_path / "run.jsonl"
    play_script(loaded, proof["moves"], seed=proof["seed"], trainee="Ada", log=log)
    debrief = subprocess.Popen([sys.executable, "-m", "game", "debrief", str(log)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        workers: set[int] = set()
        for _ in range(600):  # until the search has started its workers (or the debrief is done)
            workers = _children(debrief.pid)
            if len(workers) >= 2 or debrief.poll() is not None:
                break
            time.sleep(0.02)
        if len(workers) < 2:
            pytest.skip("the debrief finished before its workers could be seen")
        os.kill(debrief.pid, signal.SIGKILL)
        debrief.wait()
        for _ in range(100):  # a worker checks for its parent every second
            if not any(_alive(worker) for worker in workers):
                break
            time.sleep(0.1)
        assert not any(_alive(worker) for worker in workers), "search workers went on after their debrief was killed"
    finally:
        if debrief.poll() is None:
            debrief.kill()
            debrief.wait()
