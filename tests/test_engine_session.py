"""The Session contract front ends rely on: stable move keys, stale moves refused, and the same
seed with the same moves giving the same game, record for record."""

from __future__ import annotations

import json
import random

import pytest

from game.engine.machines import build_machines
from game.engine.session import MoveNotAvailable, Session, available_moves, play
from game.engine.state import initial_state
from game.scenario.verbs import VERB_NAMES


def records_of(loaded, seed: int, keys: list[str]) -> list[dict]:
    records: list[dict] = []
    session = Session(loaded, seed=seed, trainee="Ada", started="2024-05-01T09:00:00+00:00", sink=records.append)
    for key in keys:
        session.choose(key)
    return records


def random_keys(loaded, seed: int, count: int = 40) -> list[str]:
    """A scripted run: the moves a random trainee picks with this seed (reproducible)."""
    session = Session(loaded, seed=seed)
    chooser = random.Random(seed)
    keys = []
    while not session.is_over and len(keys) < count:
        key = chooser.choice(session.moves()).key
        session.choose(key)
        keys.append(key)
    return keys


# -- stale and impossible moves ---------------------------------------------------------------


def test_a_move_that_is_no_longer_offered_is_refused(strait) -> None:
    session = Session(strait, seed=1)
    session.choose("approach:south")
    stale = next(m for m in session.moves() if m.key == "relay:seizure_note:verbatim")
    session.choose(stale)
    with pytest.raises(MoveNotAvailable, match="'relay:seizure_note:verbatim' is not available now"):
        session.choose(stale)
    assert len(session.history) == 2, "a refused move changes nothing"


def test_an_unknown_key_is_refused_and_changes_nothing(strait) -> None:
    session = Session(strait, seed=1)
    before = session.state.copy()
    for key in ("relay:nothing:verbatim", "approach:atlantis", "wait", "", "choice:sign_accord"):
        with pytest.raises(MoveNotAvailable):
            session.choose(key)
    assert session.state == before and session.history == []


def test_no_move_is_available_after_the_end(strait) -> None:
    session = Session(strait, seed=1)
    while not session.is_over:
        session.choose("wait:")
    assert session.moves() == []
    with pytest.raises(MoveNotAvailable, match="ended"):
        session.choose("wait:")


def test_move_not_available_is_a_value_error_for_front_ends() -> None:
    assert issubclass(MoveNotAvailable, ValueError)


def test_moves_have_unique_stable_keys_and_say_what_they_do(strait) -> None:
    session = Session(strait, seed=1)
    assert [m.key for m in session.moves()] == [m.key for m in Session(strait, seed=99).moves()], "the seed draws, it does not offer"
    for _ in range(6):
        moves = session.moves()
        assert len({m.key for m in moves}) == len(moves)
        assert all(m.key.split(":")[0] == m.verb for m in moves)
        assert all(m.label and m.group for m in moves)
        session.choose(moves[0])


SECRET_MEETING = (
    *("approach:north", "approach:south", "approach:north", "approach:south"),
    *("propose_venue:isle:secret_meeting", "convene:talks"),
)
"""A back channel is rare in random play, and some verbs are offered only while one exists."""


def test_every_verb_can_be_reached_in_the_rich_fixture(strait) -> None:
    seen: set[str] = set()
    for seed in range(30):
        session = Session(strait, seed=seed)
        chooser = random.Random(seed)
        if seed % 2:
            for key in SECRET_MEETING:
                seen.update(m.verb for m in session.moves())
                session.choose(key)
        while not session.is_over:
            moves = session.moves()
            seen.update(m.verb for m in moves)
            session.choose(chooser.choice(moves))
    assert seen >= {*VERB_NAMES, "choice"}, "every verb the format declares is offered somewhere"


# -- determinism ----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 12345])
def test_same_seed_and_moves_give_identical_records(strait, seed: int) -> None:
    keys = random_keys(strait, seed)
    first, second = records_of(strait, seed, keys), records_of(strait, seed, keys)
    assert first == second
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert [r["type"] for r in first].count("decision") == len(keys)


def test_machines_can_be_shared_between_sessions(strait) -> None:
    keys = random_keys(strait, 3)
    machines = build_machines(strait)
    shared: list[dict] = []
    session = Session(strait, seed=3, trainee="Ada", started="2024-05-01T09:00:00+00:00", sink=shared.append, machines=machines)
    Session(strait, seed=4, machines=machines).choose("wait:")  # another session on the same machines
    for key in keys:
        session.choose(key)
    assert shared == records_of(strait, 3, keys)


def test_different_seeds_can_differ(strait) -> None:
    keys = ["wait:"] * 8
    runs = {json.dumps(records_of(strait, seed, keys)[1:]) for seed in range(6)}
    assert len(runs) > 1, "the chance event is drawn from the seed"


def test_a_copied_state_plays_forward_like_the_original(strait) -> None:
    """The debrief simulates alternatives on copies; the original must not move."""
    session = Session(strait, seed=5)
    for key in ("approach:north", "approach:south", "relay:seizure_note:distorted"):
        session.choose(key)
    snapshot = session.state.copy()
    alternative = session.state.copy()
    move = next(m for m in available_moves(strait, session.machines, alternative, 5) if m.key == "wait:")
    forward = play(strait, session.machines, alternative, move, 5)
    assert session.state == snapshot, "playing a copy leaves the session alone"
    real = session.choose("wait:")
    assert [c.to_json() for c in forward.changes] == [c.to_json() for c in real.changes]
    assert [d.to_json() for d in forward.draws] == [d.to_json() for d in real.draws]
    assert alternative == session.state


def test_initial_state_reflects_the_file(strait) -> None:
    state = initial_state(strait)
    assert (state.turn, state.escalation, state.channel.state, state.mandate.state, state.phase.state) == (
        1,
        30.0,
        "none",
        "good_offices",
        "standoff",
    )
    assert {pid: (p.trust, p.consent.state) for pid, p in state.parties.items()} == {"north": (50.0, "none"), "south": (45.0, "none")}
    assert state.variables == {"terms_known": False, "false_hope": False, "goodwill": 0.0}


def test_history_holds_one_outcome_per_decision(strait) -> None:
    session = Session(strait, seed=2)
    outcomes = [session.choose(key) for key in ("wait:", "approach:north", "wait:")]
    assert session.history == outcomes
    assert [o.turn for o in outcomes] == [1, 2, 3]
    assert session.state.turn == 4 and session.state.decisions == 3


def test_official_talks_can_follow_a_leak_but_nothing_goes_back_to_secret() -> None:
    from game.engine.machines import channel_machine
    from game.engine.state import LadderPosition

    machine = channel_machine()
    position = LadderPosition("public")
    assert machine.events["to_official"].trigger(position) and position.state == "official"
    assert "official" not in machine.events["to_back_channel"].transitions
    assert "public" not in machine.events["to_back_channel"].transitions


def test_the_same_seed_and_moves_give_the_same_log_in_any_process() -> None:
    """Set order and string hashing change between interpreters; the log must not."""
    import os
    import subprocess
    import sys

    script = (
        "import json, random\n"
        "from game.scenario.bundled import find_bundled\n"
        "from game.scenario.loader import load_scenario\n"
        "from game.engine.session import Session\n"
        "loaded, _ = load_scenario(find_bundled('quiet_channel'))\n"
        "records = []\n"
        "session = Session(loaded, seed=11, sink=records.append)\n"
        "pick = random.Random(5)\n"
        "while not session.is_over:\n"
        "    session.choose(pick.choice(session.moves()))\n"
        "print(json.dumps(records[1:]))\n"
    )
    outputs = []
    for hash_seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] and len(outputs[0]) > 1000
