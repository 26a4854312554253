"""Authoring figures, discovered by tools/bench.py (every tools/bench_*.py with METRICS).

    python tools/bench_authoring.py      the figures alone

- playtest_<id>_cpu_s: `good-offices playtest <id>` as the command runs it by default (200
  sessions per policy and per proof, the proofs read from the bundled `<id>.proofs/`), in one
  process (`--jobs 1`); CPU seconds, which a shared machine does not inflate (on an idle
  machine, the wall-clock time too). Budget 60 s: an instructor waits for it.
- playtest_<id>_jobs2_s: the same over two worker processes (`--jobs 2`); wall-clock seconds,
  so on a machine shared with other work it gains less than on an idle one.
- watch_reload_ms: `play --watch` after a save: the file hashed, validated and loaded, the
  session rebuilt and the 15 moves of harbour_crossing's principled proof replayed, a fresh log
  written (`LiveWatch.poll`); median of seven, wall-clock milliseconds. Budget 500 ms: the
  author sees the change at once.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.authoring.playtest import playtest, read_proofs  # noqa: E402
from game.commands.endings import transcript_files  # noqa: E402
from game.scenario.bundled import bundled_paths, find_bundled  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402

SESSIONS = 200
RUNS = 7


def playtest_seconds(scenario: Path, jobs: int) -> float:
    """CPU seconds of this process with one job; wall-clock seconds with more (the work is in
    the workers)."""
    loaded, problems = load_scenario(scenario)
    assert loaded is not None, problems
    proofs = read_proofs(loaded, transcript_files(loaded, None))
    clock = time.process_time if jobs == 1 else time.perf_counter
    started = clock()
    playtest(loaded, sessions=SESSIONS, base_seed=1, proofs=proofs, jobs=jobs)
    return clock() - started


def watch_reload_ms() -> float:
    from game.frontends.watching import LiveWatch
    from game.sessions import start_session

    source = find_bundled("harbour_crossing")
    assert source is not None
    text = source.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        scenario = Path(folder) / "harbour_crossing.yaml"
        scenario.write_text(text, encoding="utf-8")
        loaded, _ = load_scenario(scenario)
        assert loaded is not None
        proof = next(p for p in read_proofs(loaded, [source.parent / "harbour_crossing.proofs" / "principled_success.yaml"]))
        assert proof.ending is not None, proof.problem
        live = start_session(loaded, seed=proof.seed, trainee="bench", log_dir=Path(folder) / "logs")
        for key in proof.moves[:-1]:
            live.session.choose(key)
        watch = LiveWatch(live)
        times = []
        for run in range(RUNS):
            scenario.write_text(text + f"\n# saved {run}\n", encoding="utf-8")
            started = time.perf_counter()
            reload = watch.poll()
            times.append(time.perf_counter() - started)
            assert reload is not None and reload.kind == "replayed", reload
        watch.live.close()
    return statistics.median(times) * 1000


def _metrics() -> dict[str, tuple[Callable[[], float], float | None, str]]:
    found: dict[str, tuple[Callable[[], float], float | None, str]] = {}
    for path in bundled_paths():
        found[f"playtest_{path.stem}_cpu_s"] = (lambda p=path: playtest_seconds(p, 1), 60.0, "s")
        found[f"playtest_{path.stem}_jobs2_s"] = (lambda p=path: playtest_seconds(p, 2), 60.0, "s")
    found["watch_reload_ms"] = (watch_reload_ms, 500.0, "ms")
    return found


METRICS = _metrics()

if __name__ == "__main__":
    for name, (measure, budget, unit) in METRICS.items():
        print(f"{name:<36} {measure():8.1f} {unit}   (budget {budget} {unit})", flush=True)
