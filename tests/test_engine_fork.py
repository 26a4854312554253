"""`Session.fork()`: an independent session at the same point, for the debrief's search.

A fork must play exactly like the session it came from (same moves, same seed: same outcomes
and same states), must never touch it (nor be touched by it), must never write to its log,
and with a new seed must differ only in the numbers drawn after the fork.
"""

from __future__ import annotations

import random

import pytest

from game.engine.session import Session
from game.scenario.bundled import find_bundled
from game.scenario.loader import LoadedScenario, load_scenario

BUNDLED = ("harbour_crossing", "quiet_channel")


@pytest.fixture(scope="module", params=BUNDLED)
def bundled(request: pytest.FixtureRequest) -> LoadedScenario:
    loaded, problems = load_scenario(find_bundled(request.param))
    assert loaded is not None, problems
    return loaded


def mid_game(loaded: LoadedScenario, seed: int, decisions: int, sink=None) -> tuple[Session, random.Random]:
    """A session `decisions` random moves in (fewer if it ends first), and the chooser that picked them."""
    session = Session(loaded, seed=seed, sink=sink)
    chooser = random.Random(seed)
    for _ in range(decisions):
        if session.is_over:
            break
        session.choose(chooser.choice(session.moves()))
    return session, chooser


def play_both(original: Session, fork: Session, chooser: random.Random) -> int:
    """Play the same random moves on both until the end; assert they agree after every one."""
    played = 0
    while not original.is_over:
        assert original.moves() == fork.moves()
        move = chooser.choice(original.moves())
        mine, theirs = original.choose(move), fork.choose(move.key)
        assert theirs == mine, f"decision {original.state.decisions}: the fork's outcome differs"
        assert fork.state == original.state, f"decision {original.state.decisions}: the fork's state differs"
        played += 1
    assert fork.is_over and fork.ending == original.ending and fork.history == original.history
    return played


def test_a_session_has_only_the_attributes_fork_knows_about(strait) -> None:
    """`fork` shares every attribute it does not copy. A new attribute that changes during play
    must be copied there too; this test fails until someone has decided which it is."""
    assert set(vars(Session(strait, seed=1))) == {
        "loaded",
        "seed",
        "trainee",
        "machines",
        "state",
        "history",
        "_sink",
        "_moves",
        "_listed_at",
        "header",
        "opening",
    }


def test_a_fork_starts_where_the_session_is(bundled) -> None:
    session, _ = mid_game(bundled, seed=4, decisions=5)
    fork = session.fork()
    assert fork.state == session.state and fork.state is not session.state
    assert fork.history == session.history and fork.history is not session.history
    assert fork.moves() == session.moves()
    assert (fork.seed, fork.header, fork.opening, fork.loaded, fork.machines) == (
        session.seed,
        session.header,
        session.opening,
        session.loaded,
        session.machines,
    )
    assert fork.machines is session.machines, "machines are built once per scenario and shared"


def test_playing_on_the_fork_leaves_the_session_untouched(bundled) -> None:
    session, chooser = mid_game(bundled, seed=7, decisions=3)
    before_state, before_history, before_moves = session.state.copy(), list(session.history), session.moves()
    fork = session.fork()
    while not fork.is_over:
        fork.choose(chooser.choice(fork.moves()))
    assert session.state == before_state and session.history == before_history and session.moves() == before_moves
    assert not session.is_over


def test_playing_on_the_session_leaves_the_fork_untouched(bundled) -> None:
    session, chooser = mid_game(bundled, seed=8, decisions=3)
    fork = session.fork()
    before_state, before_history = fork.state.copy(), list(fork.history)
    while not session.is_over:
        session.choose(chooser.choice(session.moves()))
    assert fork.state == before_state and fork.history == before_history and not fork.is_over


def test_a_fork_writes_nothing_to_the_sessions_log(bundled) -> None:
    records: list[dict] = []
    session, chooser = mid_game(bundled, seed=2, decisions=4, sink=records.append)
    logged = [dict(r) for r in records]
    fork = session.fork()
    while not fork.is_over:
        fork.choose(chooser.choice(fork.moves()))
    assert records == logged, "the fork's play reached the session's log"
    session.choose(session.moves()[0])
    assert len(records) > len(logged), "the session itself still logs"


def test_a_fork_of_a_fork_is_a_fork(bundled) -> None:
    session, chooser = mid_game(bundled, seed=5, decisions=2)
    child = session.fork()
    child.choose(chooser.choice(child.moves()))
    grandchild = child.fork()
    assert play_both(child, grandchild, random.Random(1)) >= 0
    assert len(session.history) == 2


def _forked_playthroughs(loaded: LoadedScenario, seeds: range) -> int:
    """For each seed: random moves to a random point, fork, then the same random moves on both."""
    compared = 0
    for seed in seeds:
        at = random.Random(-seed).randrange(0, 12)
        session, chooser = mid_game(loaded, seed, at)
        fork = session.fork()
        compared += play_both(session, fork, chooser)
    return compared


def test_a_fork_plays_exactly_like_the_session(bundled) -> None:
    assert _forked_playthroughs(bundled, range(150)) > 300


@pytest.mark.slow
def test_a_fork_plays_exactly_like_the_session_many_times(bundled) -> None:
    assert _forked_playthroughs(bundled, range(1000, 2000)) > 2000


def test_a_fork_with_its_own_seed_plays_like_the_session_until_it_draws(bundled) -> None:
    """Only the numbers drawn after the fork come from the new seed, numbered as before."""
    for seed in range(40):
        session, chooser = mid_game(bundled, seed, decisions=4)
        same = session.fork(seed=seed)
        other = session.fork(seed=seed + 1000)
        assert other.seed == seed + 1000 and other.header["seed"] == seed, "the header names the seed the game began with"
        assert other.state == session.state and other.history == session.history
        assert other.moves() == session.moves(), "listing moves never draws"
        continuation = random.Random(seed)
        while not other.is_over:
            move = continuation.choice(other.moves())
            outcome = other.choose(move)
            number = other.state.decisions
            expected = random.Random(f"{seed + 1000}:{number}")
            assert [d.roll for d in outcome.draws] == [expected.random() for _ in outcome.draws]
        replay = random.Random(seed)
        while not same.is_over:
            session.choose(move := replay.choice(same.moves()))
            same.choose(move)
            assert same.state == session.state, "the fork with the session's own seed is a plain fork"


def test_a_fork_with_a_new_seed_differs_only_in_its_draws(bundled) -> None:
    """Waiting and playing the same moves: each outcome matches the session's until the first
    decision whose draws differ, and the draws themselves are made at the same points."""
    differed = 0
    for seed in range(40):
        session, _ = mid_game(bundled, seed, decisions=3)
        fork = session.fork(seed=seed + 7)
        pick = random.Random(seed)
        while not session.is_over and not fork.is_over:
            move = pick.choice(session.moves())
            if move.key not in {m.key for m in fork.moves()}:
                break
            mine, theirs = session.choose(move), fork.choose(move.key)
            assert [d.what for d in theirs.draws][:1] == [d.what for d in mine.draws][:1], "the first draw is the same draw"
            if [d.roll for d in theirs.draws] != [d.roll for d in mine.draws]:
                differed += 1
                break
            assert theirs == mine and fork.state == session.state, "no number differed, so nothing may differ"
    assert differed >= 3, "a new seed changes what happens"
