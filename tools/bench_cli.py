"""Command start-up figures, discovered by tools/bench.py (every tools/bench_*.py with METRICS).

- cli_help_ms: `good-offices --help`, a whole process, median of seven runs. Budget 100 ms.
- cli_list_ms: `good-offices list` (the bundled scenarios' headers), median of seven runs.
  Budget 100 ms.

Wall-clock time of a child process (`python -m game`), as a user waits for it; compare with
`python -c pass` on the same machine to see the interpreter's own share.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7


def _median_ms(*args: str) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


METRICS: dict[str, tuple[Callable[[], float], float | None, str]] = {
    "cli_help_ms": (lambda: _median_ms("--help"), 100.0, "ms"),
    "cli_list_ms": (lambda: _median_ms("list"), 100.0, "ms"),
}

if __name__ == "__main__":
    for name, (measure, budget, unit) in METRICS.items():
        print(f"{name:<14} {measure():8.1f} {unit}   (budget {budget} {unit})")
