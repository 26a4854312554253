"""The core (scenario, engine, debrief) imports no front-end library: a fresh interpreter imports
it, plays a session, and lists what came with it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"
CORE = ["game.scenario.loader", "game.engine.session", "game.engine.replay", "game.debrief"]
CORE_PACKAGES = ["game.scenario", "game.engine", "game.debrief", "game.authoring", "game.principles"]
FRONT_END = ("pygame", "pygame_gui", "curses", "tty", "termios")

PROBE = """
import importlib, json, pkgutil, sys
imported = []
for name in {core!r}:  # a module that is missing or renamed fails here, it is not skipped
    importlib.import_module(name)
    imported.append(name)
named = set(sys.modules)
from game.scenario.loader import load_scenario
from game.engine.session import Session
loaded, _ = load_scenario({fixture!r})
session = Session(loaded, seed=1)
while not session.is_over:  # playing must not pull anything in lazily either
    session.choose(session.moves()[-1])
played = set(sys.modules)
for package in {packages!r}:  # then every module of the core, including ones added later
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        importlib.import_module(info.name)
        imported.append(info.name)
print(json.dumps({{"imported": imported, "named": sorted(named), "played": sorted(played), "all": sorted(sys.modules)}}))
"""


def probe() -> dict[str, list[str]]:
    code = PROBE.format(core=CORE, fixture=str(MINIMAL), packages=CORE_PACKAGES)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def front_end(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in FRONT_END]


def test_core_imports_no_front_end_library() -> None:
    report = probe()
    assert {"game.scenario.loader", "game.engine.session", "game.engine.replay"} <= set(report["imported"])
    assert front_end(report["named"]) == [], "importing the named core modules"
    assert front_end(report["played"]) == [], "loading and playing a session"
    assert front_end(report["all"]) == [], "importing every module of the core packages"
    assert not [m for m in report["all"] if m.startswith("game.frontends")], "the core never reaches up to a front end"
