"""Helpers for tests that watch the game as a process: its worker processes, and what it writes
to a terminal."""

from __future__ import annotations

import os
import select
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def children(pid: int) -> set[int]:
    """The child processes of `pid`, from /proc (Linux)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(child) for child in (task / "children").read_text().split()}
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def workers_left_after_a_kill(command: list[str]) -> set[int]:
    """Starts `command`, waits until it has at least two child processes, kills it with SIGKILL
    and gives its children up to ten seconds to notice (they check every second); the ones
    still alive then. Skips the test when the command ends before its workers can be seen."""
    if not Path("/proc/self/task").exists():
        pytest.skip("reads child processes from /proc")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        workers: set[int] = set()
        for _ in range(600):
            workers = children(process.pid)
            if len(workers) >= 2 or process.poll() is not None:
                break
            time.sleep(0.02)
        if len(workers) < 2:
            pytest.skip("the command finished before its workers could be seen")
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        for _ in range(100):
            if not any(alive(worker) for worker in workers):
                break
            time.sleep(0.1)
        return {worker for worker in workers if alive(worker)}
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def stderr_at_a_terminal(argv: list[str]) -> tuple[int, bytes]:
    """Runs `python -m game ARGV` with its stderr on a pseudo-terminal 100 columns wide; its
    exit code and all it wrote there."""
    fcntl = pytest.importorskip("fcntl")
    pty = pytest.importorskip("pty")
    termios = pytest.importorskip("termios")
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "game", *argv], stdout=subprocess.DEVNULL, stderr=follower, cwd=ROOT)
    os.close(follower)
    shown = b""
    while select.select([leader], [], [], 120)[0]:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=120)
    os.close(leader)
    return process.returncode, shown
