"""Shared fixtures: the test scenarios, loaded once, and a way to load small variants of them."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from game.scenario.loader import LoadedScenario, load_scenario, load_scenario_text

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal.yaml"
STRAIT = FIXTURES / "strait.yaml"
ROOT = Path(__file__).parent.parent


def _load(path: Path) -> LoadedScenario:
    loaded, problems = load_scenario(path)
    assert loaded is not None, "\n".join(p.render() for p in problems)
    return loaded


@pytest.fixture(scope="session")
def minimal() -> LoadedScenario:
    return _load(MINIMAL)


@pytest.fixture(scope="session")
def strait() -> LoadedScenario:
    return _load(STRAIT)


Variant = Callable[..., LoadedScenario]


@pytest.fixture(scope="session")
def variant() -> Variant:
    """`variant("strait", ("faith: good", "faith: bad"), ...)`: the fixture with each text
    replaced once (each must occur), loaded and asserted valid."""

    def make(name: str, *edits: tuple[str, str]) -> LoadedScenario:
        text = (FIXTURES / f"{name}.yaml").read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, f"{old!r} is not in {name}.yaml"
            text = text.replace(old, new, 1)
        loaded, problems = load_scenario_text(text, f"{name}-variant.yaml")
        assert loaded is not None, "\n".join(p.render() for p in problems)
        return loaded

    return make


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """Environment for running `good-offices` in a subprocess without touching the real home."""
    env = dict(os.environ)
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        PYTHONIOENCODING="utf-8",
        COLUMNS="100",
    )
    env.pop("PYTHONHASHSEED", None)
    return env


PYTHON = sys.executable


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: builds or runs something big; still part of the default run")
    config.addinivalue_line(
        "markers", "soak: thousands of playthroughs; skipped unless GOOD_OFFICES_SOAK=1 (CI runs a sample, tools/soak.py the full run)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("GOOD_OFFICES_SOAK") == "1":
        return
    skip = pytest.mark.skip(reason="a soak run: set GOOD_OFFICES_SOAK=1, or run tools/soak.py")
    for item in items:
        if "soak" in item.keywords:
            item.add_marker(skip)
