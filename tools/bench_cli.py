"""Command start-up figures, discovered by tools/bench.py (every tools/bench_*.py with METRICS).

- cli_help_ms: `good-offices --help`, a whole process, median of seven runs. Budget 100 ms.
- cli_list_ms: `good-offices list` (the bundled scenarios' headers), median of seven runs.
  Budget 100 ms.
- cli_pass_ms: `python -c pass` on the same machine: the interpreter's own share of the above.

CPU time of the child process (user + system), as tools/bench.py measures CPU time: on a shared
machine other jobs inflate wall time at random, while CPU time stays put; on an idle machine
the two agree for these commands, which wait for nothing. `--wall` (via tools/bench.py) measures
wall time instead. The children run with bytecode caching allowed and one warm-up run first, as
an installed program runs (pip compiles the package's bytecode), even where the environment
sets PYTHONDONTWRITEBYTECODE.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
WALL = "--wall" in sys.argv


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _median_ms(*args: str) -> float:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, *args]
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True, env=env)  # bytecode written, files cached
    times = []
    for _ in range(RUNS):
        started, cpu = time.perf_counter(), _child_cpu()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - started if WALL else _child_cpu() - cpu)
    return statistics.median(times) * 1000


METRICS: dict[str, tuple[Callable[[], float], float | None, str]] = {
    "cli_help_ms": (lambda: _median_ms("-m", "game", "--help"), 100.0, "ms"),
    "cli_list_ms": (lambda: _median_ms("-m", "game", "list"), 100.0, "ms"),
    "cli_pass_ms": (lambda: _median_ms("-c", "pass"), None, "ms"),
}

if __name__ == "__main__":
    for name, (measure, budget, unit) in METRICS.items():
        print(f"{name:<14} {measure():8.1f} {unit}   (budget {budget} {unit})")
