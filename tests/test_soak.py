"""A sample of `tools/soak.py`: seeded random playthroughs of every bundled scenario are played,
replayed from their logs, forked, and judged without an error or a contradiction. The full run
(10,000 playthroughs per scenario) is `python tools/soak.py`, or the `soak` test below with
GOOD_OFFICES_SOAK=1."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import soak  # noqa: E402

BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_a_sample_of_random_playthroughs_plays_replays_forks_and_judges(path: Path) -> None:
    endings, _ = soak.soak(path, 60)
    assert sum(endings.values()) == 60


@pytest.mark.soak
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_ten_thousand_playthroughs(path: Path) -> None:
    endings, _ = soak.soak(path, 10_000)
    assert sum(endings.values()) == 10_000
