"""`good-offices map`: the map panel as a PNG, drawn without a display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True, text=True, env=env or clean, timeout=120)


def test_the_map_of_a_bundled_scenario_is_drawn_without_a_display(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    result = run("map", "harbour_crossing", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    assert pygame.image.load(str(out)).get_size() == (960, 540)
    for venue in ("mirren_island", "geneva", "skerra_light", "port_edra", "kaldor"):
        assert venue in result.stdout
    assert "pygame-ce" not in result.stdout, "no pygame banner in the command's output"


def test_size_and_text_size_are_honoured(tmp_path: Path) -> None:
    out = tmp_path / "big.png"
    result = run("map", str(MINIMAL), "-o", str(out), "--size", "640x360", "--text-size", "200", "--contrast")
    assert result.returncode == 0, result.stderr
    import pygame

    assert pygame.image.load(str(out)).get_size() == (640, 360)


def test_a_map_picture_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "pictured"
    folder.mkdir()
    (folder / "coast.png").write_bytes(b"not a picture at all")
    (folder / "valleys.yaml").write_text(MINIMAL.read_text(encoding="utf-8") + "map_image: coast.png\n", encoding="utf-8")
    result = run("map", str(folder / "valleys.yaml"), "-o", str(tmp_path / "m.png"))
    assert result.returncode == 0, result.stderr
    assert "map picture coast.png: NOT drawn" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["map", "no_such_scenario", "-o", "x.png"], 1, "neither a bundled scenario"),
        (["map", "harbour_crossing", "-o", "/no/such/folder/x.png"], 1, "cannot write the map"),
        (["map", "harbour_crossing", "-o", "x.png", "--size", "huge"], 2, "WIDTHxHEIGHT"),
    ],
)
def test_bad_input_gets_one_clear_line_and_no_traceback(args: list[str], code: int, words: str) -> None:
    result = run(*args)
    assert result.returncode == code
    assert words in result.stderr and "Traceback" not in result.stderr


def test_building_the_command_line_does_not_import_pygame() -> None:
    probe = "import sys; from game.cli import build_parser; build_parser(); print('pygame' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
