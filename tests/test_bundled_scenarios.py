"""The scenarios that ship with the game: clean, complete, and described by a fresh schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.scenario.jsonschema import scenario_json_schema
from game.scenario.loader import load_scenario

ROOT = Path(__file__).parent.parent
SCENARIOS = ROOT / "scenarios"
BUNDLED = sorted(SCENARIOS.glob("*.yaml"))
WORKED_EXAMPLE = ROOT / "docs" / "examples" / "worked_example.yaml"
MODELINE = "# yaml-language-server: $schema=scenario.schema.json"


def test_there_are_bundled_scenarios() -> None:
    assert len(BUNDLED) >= 2


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_loads_without_any_diagnostic(path: Path) -> None:
    loaded, problems = load_scenario(path)
    assert not problems, "\n".join(p.render() for p in problems)
    assert loaded is not None


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_id_equals_file_stem(path: Path) -> None:
    loaded, _ = load_scenario(path)
    assert loaded is not None
    assert loaded.scenario.id == path.stem


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_endings_of_different_grades(path: Path) -> None:
    loaded, _ = load_scenario(path)
    assert loaded is not None
    endings = [phase.ending for phase in loaded.scenario.phases.phases.values() if phase.ending is not None]
    assert len(endings) >= 3
    assert len({ending.grade for ending in endings}) >= 3


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_first_line_points_editors_at_the_schema(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_map_positions_for_every_party_and_venue(path: Path) -> None:
    loaded, _ = load_scenario(path)
    assert loaded is not None
    s = loaded.scenario
    assert all(p.map_position is not None for p in s.parties.values())
    assert all(v.map_position is not None for v in s.venues.values())


def test_shipped_schema_is_current() -> None:
    shipped = json.loads((SCENARIOS / "scenario.schema.json").read_text(encoding="utf-8"))
    assert shipped == scenario_json_schema(), (
        "scenarios/scenario.schema.json is stale; regenerate it with 'good-offices schema -o scenarios/scenario.schema.json'"
    )


def test_worked_example_in_the_authoring_guide_loads_cleanly() -> None:
    loaded, problems = load_scenario(WORKED_EXAMPLE)
    assert not problems, "\n".join(p.render() for p in problems)
    assert loaded is not None
