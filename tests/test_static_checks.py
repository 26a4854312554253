"""The checks developers run by hand are part of the suite, so CI keeps them true."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    """The tool beside this interpreter, or on PATH. Missing, the check fails rather than skips:
    a suite that passes without its static checks would say something untrue."""
    found = Path(sys.executable).with_name(name)
    path = str(found) if found.exists() else shutil.which(name)
    assert path, f"{name} is not installed: pip install -e '.[test]'"
    return path


@pytest.mark.parametrize("paths", [["game", "tests", "tools"]])
def test_ruff_finds_nothing(paths):
    ruff = _tool("ruff")
    result = subprocess.run([ruff, "check", "--no-cache", *paths], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_leaves_every_file_as_it_is():
    """One layout for every file (`ruff format`); the rule tables opt out with `# fmt: off`."""
    ruff = _tool("ruff")
    result = subprocess.run(
        [ruff, "format", "--check", "--no-cache", "game", "tests", "tools"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_finds_nothing_in_the_package():
    mypy = _tool("mypy")
    result = subprocess.run([mypy, "game"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
