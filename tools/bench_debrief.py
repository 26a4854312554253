"""Debrief benchmarks, discovered by tools/bench.py (every tools/bench_*.py with METRICS).

METRICS maps a name to (function, budget, unit); each function sets up its inputs outside the
timed part and returns the measured value.

- debrief_ms: one scripted session log of a bundled scenario, debriefed from the file (scenario
  loaded, log read and replayed, every decision judged, stronger moves simulated) and rendered
  in all four formats. Median of five runs, in milliseconds. Budget 500 ms.
- class_report_200_s: 200 simulated sessions of the longest bundled scenario, debriefed from
  their files and turned into one HTML class report. Seconds. Budget 10 s.

Times are CPU time of this process (as in tools/bench.py). Run on its own:
`python tools/bench_debrief.py`.
"""

from __future__ import annotations

import json
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
    debrief_log,
    render_class_html,
    render_html,
    render_markdown,
    render_text,
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


def debrief_ms() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        log = _scripted_log(Path(tmp))
        times = []
        for _ in range(5):
            start = clock()
            debrief, _ = debrief_log(log)
            assert debrief is not None
            render_text(debrief)
            render_markdown(debrief)
            render_html(debrief)
            json.dumps(to_json(debrief))
            times.append((clock() - start) * 1000)
        return statistics.median(times)


def class_report_200_s() -> float:
    longest = max(_scenarios(), key=lambda loaded: loaded.scenario.clock.turns)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        write_class(longest, folder, CLASS_SIZE)
        start = clock()
        paths, _, _ = collect_logs([folder])
        cache = ScenarioCache()
        debriefs = [d for d in (debrief_log(p, suggest=False, cache=cache)[0] for p in paths) if d is not None]
        assert len(debriefs) == CLASS_SIZE
        render_class_html(class_report(debriefs))
        return clock() - start


METRICS: dict[str, tuple[Callable[[], float], float, str]] = {
    "debrief_ms": (debrief_ms, 500.0, "ms"),
    "class_report_200_s": (class_report_200_s, 10.0, "s"),
}


if __name__ == "__main__":
    for name, (measure, budget, unit) in METRICS.items():
        value = measure()
        verdict = "ok" if value <= budget else "OVER BUDGET"
        print(f"{name:<22} {value:10.2f} {unit:<3} (budget {budget:g} {unit}) {verdict}")
