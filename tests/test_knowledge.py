"""The envoy's knowledge view: what the player could see, and nothing of the hidden truth.

The debrief judges only on this view, so these tests are what keeps hindsight out of it: two
states that differ only in what the envoy could not know must give equal views, and anything
the player can see must show in the view.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from game.engine.knowledge import knowledge
from game.engine.session import Session
from game.scenario.loader import LoadedScenario, load_scenario

ROOT = Path(__file__).parent.parent
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))


def _load(path: Path) -> LoadedScenario:
    loaded, problems = load_scenario(path)
    assert loaded is not None, problems
    return loaded


def _random_session(loaded: LoadedScenario, seed: int, decisions: int) -> Session:
    session = Session(loaded, seed=seed)
    chooser = random.Random(seed)
    for _ in range(decisions):
        if session.is_over:
            break
        session.choose(chooser.choice(session.moves()))
    return session


def _hide_differently(session: Session) -> None:
    """Change every hidden field of the live state, the way another run with the same visible
    history could have them."""
    state = session.state
    state.leak_risk = 97.0
    state.leak_peak = 99.0
    state.near_misses.append("turn 1: something nearly happened")
    for party in state.parties.values():
        party.grievance += 1.5
        party.pressure = 100.0 - party.pressure
    for name, value in list(state.variables.items()):
        state.variables[name] = (not value) if isinstance(value, bool) else value + 17


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_hidden_fields_do_not_change_the_view(path: Path) -> None:
    loaded = _load(path)
    for seed in range(40):
        session = _random_session(loaded, seed, decisions=seed % 25)
        seen = knowledge(session.state, loaded)
        _hide_differently(session)
        assert knowledge(session.state, loaded) == seen


def _other_truth(loaded: LoadedScenario) -> LoadedScenario:
    """The same scenario with every party's hidden faith flipped and other intentions and red lines."""
    parties = {
        pid: party.model_copy(
            update={
                "faith": "good" if party.faith == "bad" else "bad",
                "hidden_intentions": "Something else entirely.",
                "red_lines": ["A red line nobody was told of"],
            }
        )
        for pid, party in loaded.scenario.parties.items()
    }
    return replace(loaded, scenario=loaded.scenario.model_copy(update={"parties": parties}))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_a_partys_hidden_faith_and_intentions_do_not_change_the_view(path: Path) -> None:
    loaded = _load(path)
    other = _other_truth(loaded)
    for seed in range(10):
        a, b = Session(loaded, seed=seed), Session(other, seed=seed)
        assert knowledge(a.state, loaded) == knowledge(b.state, other)


def test_what_the_player_sees_is_in_the_view(strait) -> None:
    session = Session(strait, seed=2)
    before = knowledge(session.state, strait)
    session.choose("approach:north")
    after = knowledge(session.state, strait)
    assert after != before
    assert after.party("north").contacts == before.party("north").contacts + 1
    assert after.turn == before.turn + 1
    assert len(after.escalation_trail) == len(before.escalation_trail) + 1
    assert after.escalation_trail[-1] == after.escalation


def test_the_view_is_immutable_and_hashable(strait) -> None:
    view = knowledge(Session(strait, seed=1).state, strait)
    assert hash(view) == hash(knowledge(Session(strait, seed=1).state, strait))
    with pytest.raises(AttributeError):
        view.turn = 5  # type: ignore[misc]
