"""`tools/equivalence.py` compares this engine's games with another revision's. Run against this
same tree it must find them identical (and so keep working as the engine changes)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_equivalence_check_finds_this_engine_identical_to_itself() -> None:
    command = [sys.executable, str(ROOT / "tools" / "equivalence.py"), "--reference", str(ROOT), "--games", "2"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("identical: 16 games"), result.stdout
