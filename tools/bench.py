"""Performance budgets of Good Offices, measured (not asserted by tests).

    python tools/bench.py            a table: name, value, unit, budget, ok?
    python tools/bench.py --json     one JSON object: {"metrics": {name: {...}}, ...}
    python tools/bench.py --check    exit 1 when a metric is over budget or failed

Core metrics (docs/architecture.md, /work/shared/design.md):
- load_bundled_ms_max    the slowest bundled scenario: load + validate + build machines, best of N
- load_1000_phase_ms     a generated scenario of 1,000 phases and 3,000 conditional transitions,
                         loaded from text and built into machines, best of N, with the garbage
                         collector on (as a user's process has it; the loader pauses it itself)
- load_10000_phase_ms    a generated scenario of 10,000 phases (one conditional transition each,
                         written compactly to stay inside the loader's limits of 1 MiB and 200,000
                         values), loaded and built the same way; the note compares its time per
                         phase with the same shape at 1,000 phases (1.0x: linear)
- decision_us            median cost of `session.choose()` over seeded random runs (budget 20 us:
                         the debrief's search plays thousands of decisions per position)
- decision_overhead_ratio  decision_us over a bare `transitions` trigger on a machine with the
                         same number of states and transitions, measured in the same run
- fork_us                median cost of `Session.fork()` on mid-game sessions of the same
                         scenario (the search forks every position it explores)

Plugins: every `tools/bench_*.py` exposing
`METRICS: dict[str, tuple[Callable[[], float], float | None, str]]` (measure, budget, unit) joins
the table; a measure may return `(value, note)` to say how it was measured (the window's figures
name the video driver). A plugin that fails to import, or a metric that raises, shows its error in the
table instead of stopping the run.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
REPEATS = 7
CLOCKS: dict[str, Callable[[], float]] = {"cpu": time.process_time, "wall": time.perf_counter}
clock: Callable[[], float] = time.process_time
"""CPU time of this process by default: on a shared machine other jobs inflate wall time at
random, while CPU time stays put (on an idle machine the two agree). `--wall` measures wall time."""


@dataclass
class Result:
    name: str
    value: float | None
    unit: str
    budget: float | None
    source: str
    note: str = ""
    error: str = ""

    @property
    def ok(self) -> bool | None:
        if self.error:
            return False
        if self.budget is None or self.value is None:
            return None
        return self.value <= self.budget

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit,
            "budget": self.budget,
            "ok": self.ok,
            "source": self.source,
            "note": self.note,
            "error": self.error or None,
        }


@contextmanager
def quiet_gc() -> Iterator[None]:
    """Like timeit: a collection in the middle of a timed call only adds noise."""
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def best_with_gc(repeats: int, action: Callable[[], object]) -> float:
    """Seconds of the fastest of `repeats` runs with the collector on, each started after a
    full collection (so one run's garbage is not charged to the next)."""
    times = []
    for _ in range(repeats):
        gc.collect()
        started = clock()
        action()
        times.append(clock() - started)
    return min(times)


def best_of(repeats: int, action: Callable[[], object]) -> float:
    """Seconds of the fastest of `repeats` runs."""
    times = []
    with quiet_gc():
        for _ in range(repeats):
            started = clock()
            action()
            times.append(clock() - started)
    return min(times)


# -- loading ---------------------------------------------------------------------------------------------


def scenario_paths() -> tuple[list[Path], str]:
    from game.scenario.bundled import bundled_paths

    paths = bundled_paths()
    return (paths, "bundled") if paths else ([MINIMAL], "tests/fixtures/minimal.yaml (no bundled scenario yet)")


def load_and_build(path: Path) -> Any:
    from game.engine.machines import build_machines
    from game.scenario.loader import load_scenario

    loaded, problems = load_scenario(path)
    if loaded is None:
        raise RuntimeError(f"{path.name} does not load: {problems[0].render() if problems else '?'}")
    build_machines(loaded)
    return loaded


def measure_load_bundled(repeats: int) -> tuple[float, str]:
    paths, source = scenario_paths()
    for path in paths:
        load_and_build(path)  # warm imports and caches once
    worst = max((best_of(repeats, lambda p=path: load_and_build(p)), path.name) for path in paths)
    return worst[0] * 1000, f"slowest: {worst[1]} ({source})"


def thousand_phase_scenario(phases: int = 1000, transitions: int = 3000) -> str:
    """A valid scenario with `phases` phases (three of them endings) and exactly `transitions`
    transitions, each with a condition; every phase is reachable along the chain p0 -> p1 -> ..."""
    regular = phases - 3
    lines = [
        "format: 1",
        "id: generated",
        "title: A generated crisis",
        "summary: Many phases.",
        "objectives: [Measure]",
        "difficulty: advanced",
        "briefing: A scenario written by a program to measure the loader.",
        "envoy: {title: Envoy, represents: the Council, mandate: good_offices, mandate_source: secretary_general, mandate_text: Talk.}",
        "clock: {turns: 200, on_timeout: drift, on_escalation: clash}",
        "parties:",
        "  north: {name: North, leader: A, public_profile: North., hidden_intentions: Peace.}",
        "  south: {name: South, leader: B, public_profile: South., hidden_intentions: Peace.}",
        "variables:",
        "  progress: {initial: 0, min: 0, max: 100, description: Progress}",
        "phases:",
        "  start: p0",
        "  phases:",
    ]
    extra = transitions - 3 * regular  # spread over the first phases so the total is exact
    for i in range(regular):
        lines += [f"    p{i}:", f"      title: Phase {i}", f"      description: Stage {i} of the crisis.", "      transitions:"]
        targets = [f"p{i + 1}" if i + 1 < regular else "deal", f"p{(i * 7 + 3) % regular}", f"p{(i * 13 + 5) % regular}"]
        conditions = [
            f"turn > {i % 50} and escalation < {50 + i % 40}",
            f"var.progress >= {i % 100} or meetings > {i % 5}",
            f"trust.north > {i % 90} and not chosen.push",
        ]
        if i < extra:
            targets.append("drift")
            conditions.append(f"turns_left < {1 + i % 3}")
        for target, condition in zip(targets, conditions, strict=True):
            lines += [f"        - to: {target}", f"          when: {condition}"]
    for pid, grade in (("deal", "success"), ("drift", "stalemate"), ("clash", "failure")):
        lines += [
            f"    {pid}:",
            f"      title: {pid}",
            f"      description: The end ({pid}).",
            f"      ending: {{grade: {grade}, outcome: It ended.}}",
        ]
    lines += ["choices:", "  push:", "    label: Push", "    description: Push on.", "    effects: ['var.progress += 5']"]
    return "\n".join(lines) + "\n"


def compact_scenario(phases: int) -> str:
    """A valid scenario of `phases` phases (two of them endings) in flow style, one conditional
    transition each along the chain p0 -> p1 -> ... -> deal: 10,000 phases fit the loader's
    limits (1 MiB, 200,000 values)."""
    regular = phases - 2
    lines = [
        "format: 2",
        "id: generated",
        "title: A generated crisis",
        "summary: Many phases.",
        "objectives: [Measure]",
        "difficulty: advanced",
        "briefing: A scenario written by a program to measure the loader.",
        "envoy: {title: Envoy, represents: the Council, mandate: good_offices, mandate_source: secretary_general, mandate_text: Talk.}",
        "clock: {turns: 200, on_timeout: drift, on_escalation: drift}",
        "parties:",
        "  north: {name: North, leader: A, public_profile: North., hidden_intentions: Peace.}",
        "  south: {name: South, leader: B, public_profile: South., hidden_intentions: Peace.}",
        "phases:",
        "  start: p0",
        "  phases:",
    ]
    for i in range(regular):
        target = f"p{i + 1}" if i + 1 < regular else "deal"
        lines.append(f"    p{i}: {{title: P, description: S, transitions: [{{to: {target}, when: escalation < {50 + i % 50}}}]}}")
    lines.append("    deal: {title: Deal, description: The end., ending: {grade: success, outcome: It ended.}}")
    lines.append("    drift: {title: Drift, description: The end., ending: {grade: stalemate, outcome: It ended.}}")
    return "\n".join(lines) + "\n"


def _load_and_build_text(text: str) -> Any:
    from game.engine.machines import build_machines
    from game.scenario.loader import load_scenario_text

    loaded, problems = load_scenario_text(text, "generated.yaml")
    if loaded is None:
        raise RuntimeError(f"the generated scenario does not load: {problems[0].render() if problems else '?'}")
    build_machines(loaded)
    return loaded


def measure_load_generated(repeats: int) -> tuple[float, str]:
    text = thousand_phase_scenario()
    loaded = _load_and_build_text(text)
    phases = len(loaded.scenario.phases.phases)
    count = sum(len(p.transitions) for p in loaded.scenario.phases.phases.values())
    seconds = best_with_gc(max(repeats // 2, 2), lambda: _load_and_build_text(text))
    return seconds * 1000, f"{phases} phases, {count} transitions, {len(text) // 1024} KiB, collector on"


def measure_load_10000(repeats: int) -> tuple[float, str]:
    small, big = compact_scenario(1000), compact_scenario(10000)
    _load_and_build_text(small)
    times = {}
    for name, text in (("small", small), ("big", big)):
        times[name] = best_with_gc(max(repeats // 3, 2), lambda text=text: _load_and_build_text(text))
    ratio = (times["big"] / 10000) / (times["small"] / 1000)
    return times["big"] * 1000, (
        f"10,000 phases, {len(big) // 1024} KiB, collector on; per phase {ratio:.2f}x the same shape at 1,000 phases "
        f"({times['small'] * 1000:.0f} ms)"
    )


# -- deciding -------------------------------------------------------------------------------------------


def decision_scenario() -> tuple[Any, str]:
    paths, source = scenario_paths()
    loaded = [load_and_build(path) for path in paths]
    biggest = max(loaded, key=lambda item: len(item.scenario.phases.phases))
    return biggest, f"{Path(biggest.file).name}" + ("" if source == "bundled" else " (no bundled scenario yet)")


def measure_decisions(runs: int) -> tuple[list[float], Any]:
    """Seconds per `session.choose()` over seeded random runs, as a front end calls it: the moves
    were listed (and shown) first, then one is chosen."""
    from game.engine.machines import build_machines
    from game.engine.session import Session

    loaded, _ = decision_scenario()
    machines = build_machines(loaded)
    costs: list[float] = []
    with quiet_gc():
        for seed in range(runs):
            session = Session(loaded, seed=seed, machines=machines)
            chooser = random.Random(seed)
            while not session.is_over:
                move = chooser.choice(session.moves())
                started = clock()
                session.choose(move)
                costs.append(clock() - started)
    return costs, machines


def measure_forks(runs: int, samples: int = 50) -> list[float]:
    """Seconds per `session.fork()`, on each run's session halfway through its game."""
    from game.engine.machines import build_machines
    from game.engine.session import Session

    loaded, _ = decision_scenario()
    machines = build_machines(loaded)
    costs: list[float] = []
    with quiet_gc():
        for seed in range(runs):
            chooser = random.Random(seed)
            keys = []
            game = Session(loaded, seed=seed, machines=machines)
            while not game.is_over:
                keys.append(chooser.choice(game.moves()).key)
                game.choose(keys[-1])
            session = Session(loaded, seed=seed, machines=machines)
            for key in keys[: len(keys) // 2]:
                session.choose(key)
            session.moves()  # as in play: the moves on offer were listed
            for _ in range(samples):
                started = clock()
                session.fork()
                costs.append(clock() - started)
    return costs


def bare_trigger_seconds(machines: Any, samples: int = 20000) -> float:
    """Median seconds of one `Event.trigger` on a plain machine as big as the phase machine."""
    from transitions import Machine

    from game.engine.state import LadderPosition

    phase = machines.phase
    states = list(phase.states)
    count = sum(len(transitions) for event in phase.events.values() for transitions in event.transitions.values())
    bare = Machine(model=None, states=states, initial=states[0], auto_transitions=False)
    for i in range(count):
        source = states[i % len(states)]
        bare.add_transition("advance" if i < len(states) else f"extra{i % 7}", source, states[(i + 1) % len(states)])
    event = bare.events["advance"]
    position = LadderPosition(states[0])
    times = []
    with quiet_gc():
        for _ in range(samples):
            started = clock()
            event.trigger(position)
            times.append(clock() - started)
    return statistics.median(times)


# -- the table ------------------------------------------------------------------------------------------


def core_metrics(repeats: int, runs: int, passes: int = 3) -> list[Result]:
    results: list[Result] = []

    def attempt(name: str, unit: str, budget: float | None, measure: Callable[[], tuple[float, str]]) -> float | None:
        try:
            value, note = measure()
        except Exception as exc:  # a broken metric is a row, not a crash
            results.append(Result(name, None, unit, budget, "core", error=f"{type(exc).__name__}: {exc}"))
            return None
        results.append(Result(name, value, unit, budget, "core", note))
        return value

    attempt("load_bundled_ms_max", "ms", 50.0, lambda: measure_load_bundled(repeats))
    attempt("load_1000_phase_ms", "ms", 150.0, lambda: measure_load_generated(repeats))
    attempt("load_10000_phase_ms", "ms", None, lambda: measure_load_10000(repeats))
    shared: dict[str, Any] = {}

    def decision() -> tuple[float, str]:
        # Decisions and the bare trigger are timed in alternating passes and each keeps its best
        # median, so a busy machine (other jobs, a CPU slowing down) skews neither one alone.
        medians, bares = [], []
        for _ in range(passes):
            costs, machines = measure_decisions(runs)
            medians.append(statistics.median(costs))
            bares.append(bare_trigger_seconds(machines))
        shared.update(median=min(medians), bare=min(bares), machines=machines, count=len(costs))
        _, name = decision_scenario()
        return shared["median"] * 1e6, f"best median of {passes} passes of {len(costs)} decisions ({runs} seeded random runs of {name})"

    def ratio() -> tuple[float, str]:
        if "median" not in shared:
            raise RuntimeError("decision_us failed")
        phase = shared["machines"].phase
        return shared["median"] / shared["bare"], f"bare trigger {shared['bare'] * 1e6:.1f} us on {len(phase.states)} states"

    def fork() -> tuple[float, str]:
        costs = measure_forks(runs)
        _, name = decision_scenario()
        return statistics.median(costs) * 1e6, f"median of {len(costs)} forks of {runs} half-played games of {name}"

    attempt("decision_us", "us", 20.0, decision)
    attempt("decision_overhead_ratio", "x", 10.0, ratio)
    attempt("fork_us", "us", None, fork)
    return results


def plugin_modules() -> list[Path]:
    return sorted(p for p in TOOLS.glob("bench_*.py") if p.is_file())


def plugin_metrics() -> list[Result]:
    results: list[Result] = []
    for path in plugin_modules():
        source = path.stem
        try:
            spec = importlib.util.spec_from_file_location(f"_good_offices_{source}", path)
            if spec is None or spec.loader is None:
                raise ImportError("cannot be imported")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            metrics = module.METRICS
            if not isinstance(metrics, dict):
                raise TypeError("METRICS must be a dict of name -> (measure, budget, unit)")
        except BaseException as exc:  # noqa: BLE001 - a plugin may even call sys.exit
            if isinstance(exc, KeyboardInterrupt):
                raise
            results.append(Result(f"{source} (plugin)", None, "", None, source, error=f"{type(exc).__name__}: {exc}"))
            continue
        for name, entry in metrics.items():
            try:
                measure, budget, unit = entry
                got = measure()
                value, note = got if isinstance(got, tuple) else (got, "")
                results.append(Result(str(name), float(value), str(unit), None if budget is None else float(budget), source, str(note)))
            except BaseException as exc:  # noqa: BLE001
                if isinstance(exc, KeyboardInterrupt):
                    raise
                unit = entry[2] if isinstance(entry, tuple) and len(entry) == 3 else ""
                budget = entry[1] if isinstance(entry, tuple) and len(entry) == 3 else None
                results.append(Result(str(name), None, str(unit), budget, source, error=f"{type(exc).__name__}: {exc}"))
    return results


def fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if value >= 1 else f"{value:.3f}"


def table(results: list[Result]) -> str:
    rows = [("name", "value", "unit", "budget", "ok?", "notes")]
    for r in results:
        ok = {True: "ok", False: "OVER" if not r.error else "FAILED", None: "-"}[r.ok]
        origin = "" if r.source == "core" or r.name.endswith("(plugin)") else f"[{r.source}] "
        rows.append((r.name, fmt(r.value), r.unit, fmt(r.budget), ok, origin + (r.error or r.note)))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            row[0].ljust(widths[0]),
            row[1].rjust(widths[1]),
            row[2].ljust(widths[2]),
            row[3].rjust(widths[3]),
            row[4].ljust(widths[4]),
        ]
        lines.append("  ".join(cells) + "  " + row[5])
        if index == 0:
            lines.append("  ".join("-" * w for w in widths) + "  -----")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure Good Offices against its performance budgets.")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--check", action="store_true", help="exit 1 if a metric is over budget or failed")
    parser.add_argument("--repeats", type=int, default=REPEATS, help=f"best of N for load timings (default {REPEATS})")
    parser.add_argument("--runs", type=int, default=40, help="seeded random runs for the decision timing (default 40)")
    parser.add_argument("--wall", action="store_true", help="time with the wall clock instead of this process's CPU time")
    parser.add_argument("--passes", type=int, default=3, help="passes of decisions and bare triggers, best kept (default 3)")
    args = parser.parse_args(argv)
    global clock
    clock = CLOCKS["wall" if args.wall else "cpu"]
    results = core_metrics(max(args.repeats, 1), max(args.runs, 1), max(args.passes, 1)) + plugin_metrics()
    if args.json:
        print(
            json.dumps(
                {
                    "metrics": {r.name: r.to_json() for r in results},
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                    "clock": "wall" if args.wall else "cpu",
                    "all_ok": all(r.ok is not False for r in results),
                },
                indent=2,
            )
        )
    else:
        print(table(results))
        print(f"\n(times are {'wall-clock' if args.wall else 'CPU'} time; python {platform.python_version()})")
    failed = [r for r in results if r.ok is False]
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
