"""A move's key (`verb:target:mode:detail`, what the log records) is read once, into the Move's
fields; and the verbs are named once, in `game.scenario.verbs`, for the format and the engine."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.engine.outcome import Move, key_verb
from game.engine.session import Session
from game.engine.verbs import VERB_MODULES
from game.scenario.bundled import bundled_paths
from game.scenario.jsonschema import scenario_json_schema
from game.scenario.loader import load_scenario
from game.scenario.verbs import CHOICE, ENGINE_VERBS, VERB_NAMES

FIXTURES = Path(__file__).parent / "fixtures"


def move(key: str) -> Move:
    return Move(key, key_verb(key), "label", "description", "group")


@pytest.mark.parametrize(
    ("key", "target", "mode", "detail"),
    [
        ("relay:north_terms:softened", "north_terms", "softened", ""),
        ("propose_venue:lighthouse:proximity_talks", "lighthouse", "proximity_talks", ""),
        ("convene:talks:first:north", "talks", "first", "north"),
        ("convene:shuttle", "shuttle", "", ""),
        ("public_statement:blame:south", "blame", "south", ""),
        ("choice:open_corridor", "open_corridor", "", ""),
        ("wait:", "", "", ""),
        ("prepare_disclosure", "", "", ""),
    ],
)
def test_a_key_is_read_into_the_moves_fields(key: str, target: str, mode: str, detail: str) -> None:
    made = move(key)
    assert (made.verb, made.target, made.mode, made.detail) == (key.partition(":")[0], target, mode, detail)


def test_moves_are_equal_by_key_and_words_and_the_parts_follow_the_key() -> None:
    a, b = move("relay:m:verbatim"), move("relay:m:verbatim")
    assert a == b and hash(a) == hash(b)
    assert a != move("relay:m:softened")
    assert {a: 1}[b] == 1


def offered_in_play(path: Path, games: int = 3) -> list[Move]:
    loaded, problems = load_scenario(path)
    assert loaded is not None, problems
    seen: list[Move] = []
    for seed in range(games):
        session, chooser = Session(loaded, seed=seed), random.Random(seed)
        while not session.is_over:
            seen += session.moves()
            session.choose(chooser.choice(session.moves()))
    return seen


def test_every_move_offered_in_play_is_its_fields_joined() -> None:
    """The fields are the key's parts, none lost: a front end or the debrief that reads them
    sees exactly what the log records."""
    paths = bundled_paths()
    assert paths
    verbs = set()
    for path in paths:
        for offered in offered_in_play(path):
            parts = [offered.verb, offered.target, offered.mode, offered.detail]
            count = offered.key.count(":") + 1
            assert ":".join(parts[:count]) == offered.key, offered.key
            assert not any(parts[count:]), offered.key
            verbs.add(offered.verb)
    assert verbs >= {"relay", "propose_venue", "convene", "approach", "wait"}


def test_the_engine_plays_exactly_the_verbs_the_format_names() -> None:
    assert tuple(VERB_MODULES) == ENGINE_VERBS == (CHOICE, *VERB_NAMES)
    assert all(verb == module.VERB for verb, module in VERB_MODULES.items())
    tunable = scenario_json_schema()["properties"]["verbs"]["propertyNames"]["enum"]
    assert tuple(tunable) == VERB_NAMES


def test_the_moves_are_offered_in_the_registrys_order() -> None:
    loaded, _ = load_scenario(FIXTURES / "strait.yaml")
    assert loaded is not None
    order = {verb: index for index, verb in enumerate(ENGINE_VERBS)}
    ranks = [order[m.verb] for m in Session(loaded, seed=1).moves()]
    assert ranks == sorted(ranks) and len(set(ranks)) > 2
