"""The window's fonts, themes and icon are found from a source checkout too (issue 10, item 16).

Before: running the tools from a source checkout beside a non-editable install (so `game` is
the checkout's, where `game.assets` does not exist: `assets/` sits at the top and is only
mapped into the package by an install) failed with "ModuleNotFoundError: No module named
'game.assets'": the fonts and themes read `game.assets` directly instead of through
`game/resources.py`, which falls back to the folder beside the package, and the theme files
named their fonts as resources of `game.assets`, so pygame_gui's loader threads failed and the
window hung.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLED_ONLY = re.compile(r"""resources\.files\(\s*["']game\.(assets|bundled_scenarios)\b""")

# `game` imported from the checkout, and no installed package to map `game.assets`: the
# finder below answers as Python does when the name does not exist.
SOURCE_CHECKOUT = """
import importlib.abc, sys
class NoInstalledAssets(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "game.assets" or name.startswith("game.assets."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, NoInstalledAssets())
sys.path.insert(0, sys.argv[1])
"""

WINDOW = """
from pathlib import Path
import tempfile
from game.frontends.gui.app import App
from game.frontends.gui.theme import theme_data
import game
assert Path(game.__file__).parent == Path(sys.argv[1]) / "game", game.__file__
folder = Path(tempfile.mkdtemp())
window = App(settings_file=folder / "settings.json", log_dir=folder / "logs", seed=1)
window.fonts.preload()
assert theme_data(True, 1.5)
window.shutdown()
print("window ok")
"""


def test_the_window_starts_from_a_source_checkout_without_game_assets(tmp_path: Path) -> None:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", SOURCE_CHECKOUT + WINDOW, str(ROOT)], capture_output=True, text=True, env=env, timeout=120
    )
    assert "ModuleNotFoundError" not in result.stderr, result.stderr
    assert result.returncode == 0 and "window ok" in result.stdout, result.stderr


def test_only_game_resources_reads_package_resources() -> None:
    """The packages an install maps from top-level folders are read through `game.resources`
    alone, so its fallback covers every reader."""
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "game").rglob("*.py")
        if path.name != "resources.py" and INSTALLED_ONLY.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
