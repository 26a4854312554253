"""The game window's budgets: frame time and start time (a plugin of tools/bench.py).

    python tools/bench_gui.py            print both figures
    python tools/bench_gui.py --measure frames|start   (used internally, one figure as JSON)

- gui_frame_p99_ms  99th percentile of the time one `app.step()` takes at 1280x720, over a
                    scripted run of a bundled scenario to its ending: key presses, menu
                    navigation, turn changes with their repaints, event dialogs, idle frames.
- gui_start_s       from launching a Python process to the first interactive frame of the title
                    screen (imports, window, theme, fonts, first draw), median of three.

Each is measured in a fresh process with the off-screen (dummy) video driver, so a display is
not needed and an earlier pygame state cannot skew the figure.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 11


def _child(kind: str) -> float:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    env["GOOD_OFFICES_CONFIG_DIR"] = tempfile.mkdtemp(prefix="go-bench-")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--measure", kind],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return elapsed - result["after_ready_s"] if kind == "start" else result["value"]


def frame_p99_ms() -> float:
    return _child("frames")


def start_s() -> float:
    return statistics.median(_child("start") for _ in range(3))


METRICS = {
    "gui_frame_p99_ms": (frame_p99_ms, 16.7, "ms"),
    "gui_start_s": (start_s, 1.5, "s"),
}


# -- in the child process ----------------------------------------------------------------------
def _measure_start() -> None:
    sys.path.insert(0, str(ROOT))
    from game.frontends.gui import start
    from game.frontends.gui.app import App

    app = App(log_dir=Path(tempfile.mkdtemp(prefix="go-bench-logs-")))
    start(app)
    app.step()
    ready = time.perf_counter()
    app.shutdown()
    print(json.dumps({"value": 0.0, "after_ready_s": time.perf_counter() - ready}))


def _measure_frames() -> None:
    sys.path.insert(0, str(ROOT))
    import random

    from game.frontends.gui import driver
    from game.frontends.gui.app import App
    from game.frontends.gui.scene_play import PlayScene
    from game.scenario.bundled import bundled_paths

    scenario = bundled_paths()[0] if bundled_paths() else ROOT / "tests" / "fixtures" / "minimal.yaml"
    app = App(log_dir=Path(tempfile.mkdtemp(prefix="go-bench-logs-")), seed=SEED, size=(1280, 720))
    driver.start_new(app, scenario, "Bench")
    times: list[float] = []
    step = app.step

    def timed(dt: float = 1 / 60) -> bool:
        began = time.perf_counter()
        result = step(dt)
        times.append(time.perf_counter() - began)
        return result

    app.step = timed  # type: ignore[method-assign]
    rng = random.Random(SEED)
    for _ in range(80):
        driver.dismiss_dialogs(app)
        if not isinstance(app.top, PlayScene):
            break
        moves = []
        for move in app.top.session.moves():
            try:
                driver.menu_path(app, move.key)
            except LookupError:
                continue
            moves.append(move.key)
        driver.choose(app, rng.choice(moves))
        driver.settle(app, 20)
    app.step = step  # type: ignore[method-assign]
    app.shutdown()
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000
    print(json.dumps({"value": p99, "frames": len(times), "after_ready_s": 0.0}))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--measure"]:
        {"frames": _measure_frames, "start": _measure_start}[args[1]]()
        return 0
    for name, (measure, budget, unit) in METRICS.items():
        value = measure()
        print(f"{name:<18} {value:8.2f} {unit:<3} (budget {budget} {unit}) {'ok' if value <= budget else 'OVER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
