"""The game window's budgets, measured as a player sees it (a plugin of tools/bench.py).

    python tools/bench_gui.py                  print the figures
    python tools/bench_gui.py --screens        also p50 / p99 / max of every screen
    python tools/bench_gui.py --measure frames|start   (used internally: one run, JSON)

- gui_frame_p99_ms  99th percentile of the CPU time one `app.step()` takes on the play screen at
                    1280x720 (its event dialogs, history drawer and menus included), over a
                    scripted session of every bundled scenario at 100 % and at 200 % text: key
                    presses, menu navigation, turn changes, event dialogs, the map, the history
                    drawer, idle frames, the ending and the debrief.
- gui_frame_max_ms  the slowest frame on the play screen in that session.
- gui_<screen>_p50_ms / _p99_ms / _max_ms  the same figures for every screen the session
                    shows (title, name, briefing, play, event, history, ending, debrief, ...).
- gui_start_s       from launching a Python process to the first interactive frame of the
                    title screen (interpreter, imports, window, theme, fonts, first draw): CPU
                    time of that process, median of three; the note gives the wall-clock time.

Frame figures are CPU time of the game's process, as tools/bench.py measures by default: on a
shared machine other jobs inflate wall-clock time at random (the note gives it too, and
`--screens` prints both). The X server's own work for a frame is in neither. Once the title
screen is up, the window imports the other screens in a thread; the session starts when that
is done (well under a second: a player is still on the title screen), since CPU time is the
whole process's and would charge the thread's imports to whichever frames ran beside it. The
debrief's worker process is not the window's: what the window does meanwhile (a spinner, a
look at the pipe) is.

Each is measured in a fresh process. Under Xvfb when it is installed (a real X server, started
once for the whole bench: frames are sent to a display as on a desktop), else with SDL's
off-screen dummy driver; the note of every figure names the driver used.
`GOOD_OFFICES_BENCH_DRIVER=dummy` forces the dummy driver.
"""

from __future__ import annotations

import atexit
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = 11
SIZE = (1280, 720)
MAX_TURNS = 40
TEXT_SIZES = (100, 200)


SCREENS = ("title", "name", "briefing", "play", "event", "history", "ending", "debrief")


def _driver() -> str:
    wanted = os.environ.get("GOOD_OFFICES_BENCH_DRIVER", "")
    if wanted == "dummy" or (not wanted and shutil.which("Xvfb") is None):
        return "dummy"
    return "xvfb"


_display: list[str] = []


def _x_display() -> str:
    """Start one Xvfb for the whole bench (stopped when the bench exits); its display name."""
    if not _display:
        read, write = os.pipe()
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        number = b""
        while not number.endswith(b"\n"):
            chunk = os.read(read, 16)
            if not chunk:
                server.kill()
                raise RuntimeError("Xvfb did not start")
            number += chunk
        os.close(read)
        atexit.register(server.terminate)
        _display.append(f":{number.decode().strip()}")
    return _display[0]


def _child(kind: str) -> tuple[dict[str, Any], float]:
    env = dict(os.environ, SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    env["GOOD_OFFICES_CONFIG_DIR"] = tempfile.mkdtemp(prefix="go-bench-")
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", kind]
    if _driver() == "dummy":
        env["SDL_VIDEODRIVER"] = "dummy"
    else:
        env.pop("SDL_VIDEODRIVER", None)
        env.pop("WAYLAND_DISPLAY", None)
        env["DISPLAY"] = _x_display()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=900, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}")
    return json.loads(done.stdout.strip().splitlines()[-1]), elapsed


def _describe(result: dict[str, Any]) -> str:
    via = "Xvfb" if _driver() == "xvfb" else "off-screen"
    return f"driver {result['driver']} ({via})"


_frames: dict[str, Any] = {}


def frames() -> dict[str, Any]:
    """One scripted session (run once, shared by every frame figure)."""
    if not _frames:
        _frames.update(_child("frames")[0])
    return _frames


def _figure(screen: str, stat: str) -> tuple[float, str]:
    result = frames()
    figures = result["screens"][screen]
    return figures[stat], f"{_describe(result)}, {figures['frames']} frames, CPU time; wall-clock {figures['wall_' + stat]:.2f} ms"


def start_s() -> tuple[float, str]:
    """CPU time of the process up to its first frame, median of three (wall-clock in the note)."""
    cpu, wall = [], []
    note = ""
    for _ in range(3):
        result, elapsed = _child("start")
        wall.append(elapsed - result["after_ready_s"])
        cpu.append(result["cpu_s"])
        note = _describe(result)
    return statistics.median(cpu), f"{note}, CPU time; wall-clock {statistics.median(wall):.2f} s"


def _screen_metric(screen: str, stat: str) -> tuple[Any, None, str]:
    return (lambda: _figure(screen, stat), None, "ms")


METRICS: dict[str, Any] = {
    "gui_frame_p99_ms": (lambda: _figure("play screen", "p99"), 8.0, "ms"),
    "gui_frame_max_ms": (lambda: _figure("play screen", "max"), 16.7, "ms"),
    "gui_start_s": (start_s, 0.5, "s"),
} | {f"gui_{screen}_{stat}_ms": _screen_metric(screen, stat) for screen in SCREENS for stat in ("p50", "p99", "max")}


# -- in the child process ----------------------------------------------------------------------
def _measure_start() -> None:
    sys.path.insert(0, str(ROOT))
    from game.frontends.gui import start
    from game.frontends.gui.app import App

    app = App(log_dir=Path(tempfile.mkdtemp(prefix="go-bench-logs-")))
    start(app)
    app.step()
    ready = time.perf_counter()
    import pygame

    driver = pygame.display.get_driver()
    app.shutdown()
    cpu = time.process_time()  # since the process started: the interpreter, imports, window, first frame
    print(json.dumps({"driver": driver, "cpu_s": cpu, "after_ready_s": time.perf_counter() - ready}))


def _stats(times: list[tuple[float, float]]) -> dict[str, float]:
    """p50, p99 and max in ms of CPU time, and the same of wall-clock time (wall_...)."""
    figures: dict[str, float] = {"frames": len(times)}
    for index, prefix in ((0, ""), (1, "wall_")):
        ordered = sorted(frame[index] for frame in times)
        figures[f"{prefix}p50"] = ordered[len(ordered) // 2] * 1000
        figures[f"{prefix}p99"] = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
        figures[f"{prefix}max"] = ordered[-1] * 1000
    return figures


def _measure_frames() -> None:
    sys.path.insert(0, str(ROOT))
    import pygame

    from game.frontends.gui import driver, start
    from game.frontends.gui.app import App
    from game.frontends.gui.scene_play import PlayScene
    from game.scenario.bundled import bundled_paths

    scenarios = bundled_paths() or [ROOT / "tests" / "fixtures" / "minimal.yaml"]
    settings = Path(tempfile.mkdtemp(prefix="go-bench-settings-")) / "settings.toml"
    app = App(log_dir=Path(tempfile.mkdtemp(prefix="go-bench-logs-")), seed=SEED, size=SIZE, settings_file=settings)
    by_screen: dict[str, list[tuple[float, float]]] = {}
    play: list[tuple[float, float]] = []
    step = app.step

    def timed(dt: float = 1 / 60) -> bool:
        began, cpu = time.perf_counter(), time.process_time()
        result = step(dt)
        spent = (time.process_time() - cpu, time.perf_counter() - began)
        names = app.scene_names()
        by_screen.setdefault(names[-1] if names else "none", []).append(spent)
        if names and names[0] == "play":
            play.append(spent)
        return result

    app.step = timed  # type: ignore[method-assign]
    start(app)
    driver.settle(app, 2)  # the title screen's first frames: the second starts importing the other screens
    for thread in threading.enumerate():  # as a player does, on the title screen (see the note above)
        if thread.name == "import-scenes":
            thread.join()
    rng = random.Random(SEED)
    for size in TEXT_SIZES:
        app.apply_settings(app.settings.with_changes(text_size=size))
        for scenario in scenarios:
            driver.start_new(app, scenario, "Bench")
            _play_to_the_end(app, driver, PlayScene, rng)
            if app.scene_names() == ["ending"]:
                driver.settle(app, 10)
                driver.press(app, pygame.K_RETURN)  # the debrief, computed off the frame: frames at the window's pace
                driver.until(app, lambda: getattr(app.top, "ready", False))
                driver.settle(app, 10)
                for _ in range(3):
                    driver.press(app, pygame.K_PAGEDOWN)
                driver.settle(app, 10)
            app.close_session()
            app.go("title")
            driver.settle(app, 5)
    app.step = step  # type: ignore[method-assign]
    used = pygame.display.get_driver()
    app.shutdown()
    screens = {name: _stats(times) for name, times in sorted(by_screen.items())}
    screens["play screen"] = _stats(play)
    print(json.dumps({"driver": used, "screens": screens}))


def _play_to_the_end(app, driver, play_scene, rng) -> None:  # type: ignore[no-untyped-def]
    import pygame

    for turn in range(MAX_TURNS):
        driver.dismiss_dialogs(app)
        if not isinstance(app.top, play_scene):
            return
        if turn % 4 == 3:  # the history drawer, opened and closed
            driver.press(app, pygame.K_h)
            driver.settle(app, 10)
            driver.press(app, pygame.K_ESCAPE)
        moves = []
        for move in app.top.session.moves():
            try:
                driver.menu_path(app, move.key)
            except LookupError:
                continue
            moves.append(move.key)
        driver.choose(app, rng.choice(moves))
        driver.settle(app, 20)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--measure"]:
        {"frames": _measure_frames, "start": _measure_start}[args[1]]()
        return 0
    for name, (measure, budget, unit) in METRICS.items():
        if budget is None:
            continue
        value, note = measure()
        print(f"{name:<18} {value:8.2f} {unit:<3} (budget {budget} {unit}) {'ok' if value <= budget else 'OVER'}  {note}")
    if "--screens" in args:
        for screen, figures in frames()["screens"].items():
            cpu = "  ".join(f"{stat} {figures[stat]:7.2f}" for stat in ("p50", "p99", "max"))
            wall = "  ".join(f"{stat} {figures['wall_' + stat]:7.2f}" for stat in ("p50", "p99", "max"))
            print(f"  {screen:<12} {figures['frames']:5.0f} frames  CPU {cpu}  | wall {wall} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
