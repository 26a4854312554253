"""Debrief benchmarks, discovered by tools/bench.py (every tools/bench_*.py with METRICS).

METRICS maps a name to (function, budget, unit); each function sets up its inputs outside the
timed part and returns the measured value.

- debrief_ms: one scripted session log of a bundled scenario (the longest: 21 decisions of The
  Quiet Channel), debriefed from the file with the full review by search (scenario loaded, log
  read and replayed, every decision judged and reviewed by search in two worker processes) and
  rendered in all four formats. Median of five runs, in milliseconds. Budget 1,500 ms on a
  2-core machine. Measured as this process's CPU time plus the CPU time of the busiest worker:
  what the debrief takes on an idle 2-core machine, which the shared machines the benchmark
  runs on cannot show as wall time.
- debrief_cpu_ms: the same debrief, all CPU time counted (this process and every worker).
- debrief_wall_ms: the same debrief by the wall clock (inflated by other jobs on a busy machine).
- debrief_nosearch_ms: the same debrief without the review by search (`suggest=False`).
- class_report_200_s: 200 simulated sessions of the longest bundled scenario, debriefed from
  their files with the class report's reduced search (`review.REDUCED`, in this process) and
  turned into one HTML class report. Seconds of CPU time. Budget 30 s.
- class_report_200_nosearch_s: the same without any search.
- class_report_1000_s: 1,000 simulated sessions of the same scenario (written by the benchmark,
  not timed), debriefed from their files without the review by search, spread over worker
  processes as `good-offices debrief --class` spreads them (`classrun.class_entries`: each worker
  sends back what the class report keeps of each debrief), and turned into one HTML class
  report. Seconds: this process's CPU time plus the CPU time of the busiest worker, as for
  debrief_ms. Budget 2 s.
- class_report_1000_cpu_s: the same, all CPU time counted (this process and every worker).
- class_report_1000_wall_s: the same by the wall clock (inflated by other jobs on a busy machine).

Run on its own: `python tools/bench_debrief.py`.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.commands.debrief import collect_logs  # noqa: E402
from game.debrief import (  # noqa: E402
    ScenarioCache,
    class_report,
    classrun,
    debrief_log,
    render_class_html,
    render_html,
    render_markdown,
    render_text,
    review,  # noqa: E402
    to_json,
)
from game.debrief.scripted import play_expertly, play_script, write_class  # noqa: E402
from game.engine.session import MoveNotAvailable  # noqa: E402
from game.scenario.bundled import bundled_paths  # noqa: E402
from game.scenario.loader import LoadedScenario, load_scenario  # noqa: E402

SCRIPTS = ROOT / "tests" / "golden_debrief" / "scripts.json"
clock = time.process_time
"""CPU time, like tools/bench.py: other jobs on a shared machine do not inflate it."""
CLASS_SIZE = 200
BIG_CLASS_SIZE = 1000
RUNS = 5


def _scenarios() -> list[LoadedScenario]:
    paths = bundled_paths() or [ROOT / "tests" / "fixtures" / "minimal.yaml"]
    found = []
    for path in paths:
        loaded, _ = load_scenario(path)
        if loaded is not None:
            found.append(loaded)
    return found


def _scripted_log(folder: Path) -> Path:
    """The longest scripted run among the bundled scenarios (the careful envoy where none)."""
    scripts = json.loads(SCRIPTS.read_text(encoding="utf-8")) if SCRIPTS.exists() else {}
    best: tuple[int, Path] | None = None
    for loaded in _scenarios():
        log = folder / f"{loaded.scenario.id}.jsonl"
        spec = scripts.get(loaded.scenario.id)
        try:
            session = play_script(loaded, spec["moves"], seed=spec["seed"], trainee=spec["trainee"], log=log) if spec else None
        except MoveNotAvailable:  # the scenario changed under its script: the careful envoy instead
            session = None
        if session is None:
            session = play_expertly(loaded, seed=1, trainee="bench", log=log)
        if best is None or len(session.history) > best[0]:
            best = (len(session.history), log)
    assert best is not None
    return best[1]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _debrief_runs(*, suggest: bool = True) -> list[tuple[float, float, float]]:
    """(critical-path ms, all-CPU ms, wall ms) for each of RUNS debriefs of the scripted log."""
    with tempfile.TemporaryDirectory() as tmp:
        log = _scripted_log(Path(tmp))
        runs = []
        for _ in range(RUNS):
            review.WORKER_CPU.clear()
            start, children, wall = clock(), _children_cpu(), time.perf_counter()
            debrief, _ = debrief_log(log, suggest=suggest)
            assert debrief is not None
            render_text(debrief)
            render_markdown(debrief)
            render_html(debrief)
            json.dumps(to_json(debrief))
            own = clock() - start
            runs.append(
                (
                    (own + max(review.WORKER_CPU, default=0.0)) * 1000,
                    (own + _children_cpu() - children) * 1000,
                    (time.perf_counter() - wall) * 1000,
                )
            )
        return runs


_CACHE: dict[str, list[tuple[float, float, float]]] = {}


def _runs(suggest: bool) -> list[tuple[float, float, float]]:
    key = "search" if suggest else "none"
    if key not in _CACHE:
        _CACHE[key] = _debrief_runs(suggest=suggest)
    return _CACHE[key]


def debrief_ms() -> float:
    return statistics.median(r[0] for r in _runs(True))


def debrief_cpu_ms() -> float:
    return statistics.median(r[1] for r in _runs(True))


def debrief_wall_ms() -> float:
    return statistics.median(r[2] for r in _runs(True))


def debrief_nosearch_ms() -> float:
    return statistics.median(r[0] for r in _runs(False))


def _class_report(search: bool) -> float:
    longest = max(_scenarios(), key=lambda loaded: loaded.scenario.clock.turns)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        write_class(longest, folder, CLASS_SIZE)
        start = clock()
        paths, _, _ = collect_logs([folder])
        cache = ScenarioCache()
        debriefs = [d for d in (debrief_log(p, suggest=search, search=review.REDUCED, cache=cache)[0] for p in paths) if d is not None]
        assert len(debriefs) == CLASS_SIZE
        render_class_html(class_report(debriefs))
        return clock() - start


_BIG_CLASS: dict[str, float] = {}


def _big_class() -> dict[str, float]:
    if _BIG_CLASS:
        return _BIG_CLASS
    longest = max(_scenarios(), key=lambda loaded: loaded.scenario.clock.turns)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        write_class(longest, folder, BIG_CLASS_SIZE)
        start, children, wall = clock(), _children_cpu(), time.perf_counter()
        paths, _, _ = collect_logs([folder])
        answers = classrun.class_entries(paths, suggest=False)
        entries = [e for e, _ in answers if e is not None]
        assert len(entries) == BIG_CLASS_SIZE
        render_class_html(class_report(entries))
        own = clock() - start
        _BIG_CLASS.update(
            critical=own + max(classrun.WORKER_CPU, default=0.0),
            cpu=own + _children_cpu() - children,
            wall=time.perf_counter() - wall,
        )
    return _BIG_CLASS


def class_report_200_s() -> float:
    return _class_report(True)


def class_report_200_nosearch_s() -> float:
    return _class_report(False)


METRICS: dict[str, tuple[Callable[[], float], float | None, str]] = {
    "debrief_ms": (debrief_ms, 1500.0, "ms"),
    "debrief_cpu_ms": (debrief_cpu_ms, None, "ms"),
    "debrief_wall_ms": (debrief_wall_ms, None, "ms"),
    "debrief_nosearch_ms": (debrief_nosearch_ms, None, "ms"),
    "class_report_200_s": (class_report_200_s, 30.0, "s"),
    "class_report_200_nosearch_s": (class_report_200_nosearch_s, None, "s"),
    "class_report_1000_s": (lambda: _big_class()["critical"], 2.0, "s"),
    "class_report_1000_cpu_s": (lambda: _big_class()["cpu"], None, "s"),
    "class_report_1000_wall_s": (lambda: _big_class()["wall"], None, "s"),
}


if __name__ == "__main__":
    for name, (measure, budget, unit) in METRICS.items():
        value = measure()
        verdict = "-" if budget is None else "ok" if value <= budget else "OVER BUDGET"
        shown = "" if budget is None else f"(budget {budget:g} {unit})"
        print(f"{name:<28} {value:10.2f} {unit:<3} {shown:<22} {verdict}")
