"""The engine's fast paths against the plain ones they replace, on states reached in play.

`compiled.py` binds conditions to readers of the state and indexes events by turn and phase;
`statecopy.py` copies a state by a plan drawn from its types. Each must give exactly what the
slow, obvious way gives, or the same seed and moves would stop giving the same game.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from typing import Any

import pytest

from game.engine.machines import build_machines
from game.engine.session import Session
from game.engine.state import GameState, bound_reader, lookup
from game.scenario.bundled import find_bundled
from game.scenario.expressions import Const, combine
from game.scenario.loader import LoadedScenario, load_scenario
from game.scenario.names import CHANNEL_LEVELS, CONSENT_LEVELS, MANDATE_LEVELS, readable_names


@pytest.fixture(scope="module", params=["harbour_crossing", "quiet_channel", "strait"])
def loaded(request: pytest.FixtureRequest, strait: LoadedScenario) -> LoadedScenario:
    if request.param == "strait":
        return strait
    found, problems = load_scenario(find_bundled(request.param))
    assert found is not None, problems
    return found


def played_states(loaded: LoadedScenario, games: int = 25) -> Iterator[GameState]:
    """Every state of a few seeded random games, from the opening to the end."""
    machines = build_machines(loaded)
    for seed in range(games):
        session = Session(loaded, seed=seed, machines=machines)
        pick = random.Random(seed)
        yield session.state
        while not session.is_over:
            session.choose(pick.choice(session.moves()))
            yield session.state
        yield from every_ladder_level(session.state)


def every_ladder_level(state: GameState) -> Iterator[GameState]:
    """The state with each ladder at each of its levels: random play rarely climbs them all."""
    for level in range(len(CONSENT_LEVELS)):
        varied = state.copy()
        for pid, party in varied.parties.items():
            party.consent.state = CONSENT_LEVELS[(level + len(pid)) % len(CONSENT_LEVELS)]
        varied.channel.state = CHANNEL_LEVELS[level % len(CHANNEL_LEVELS)]
        varied.mandate.state = MANDATE_LEVELS[level % len(MANDATE_LEVELS)]
        yield varied


def test_each_name_reads_the_same_bound_as_looked_up(loaded) -> None:
    names = sorted(readable_names(loaded.scenario))
    readers = {name: bound_reader(name, loaded) for name in names}
    for state in played_states(loaded):
        for name, reader in readers.items():
            expected = lookup(state, loaded, name)
            got = reader.value if isinstance(reader, Const) else reader(state)
            assert (got, type(got)) == (expected, type(expected)), name


def test_each_condition_and_effect_gives_the_same_bound_as_evaluated(loaded) -> None:
    compiled = build_machines(loaded).compiled
    conditions, effects = loaded.expressions.conditions, loaded.expressions.effects
    for state in played_states(loaded, games=10):
        read = lambda name, state=state: lookup(state, loaded, name)  # noqa: E731
        for text, bound in {text: compiled.conditions[text] for text in conditions}.items():  # those of phases too
            expected, got = conditions[text].evaluate(read), bound(state)
            assert (got, type(got)) == (expected, type(expected)), text
        for text, effect in compiled.effects.items():
            expected, got = effects[text].value.evaluate(read), effect.value(state)
            assert (got, type(got)) == (expected, type(expected)), text
            current = lookup(state, loaded, effect.target) if effect.operator != "=" else 0
            expected, got = combine(effect.operator, current, expected), effect.new(state)
            assert (got, type(got)) == (expected, type(expected)), text


def test_the_event_index_lists_what_a_walk_over_every_event_finds(loaded) -> None:
    compiled = build_machines(loaded).compiled
    scenario = loaded.scenario
    for turn in range(1, scenario.clock.turns + 3):
        for phase in scenario.phases.phases:
            lineage = compiled.lineages[phase]
            walked = [
                eid
                for eid, e in scenario.events.items()
                if not (e.at_turn is None and e.when is None and e.chance is None)
                and (not e.phases or lineage.intersection(e.phases))
                and (e.at_turn is None or e.at_turn == turn)
            ]
            assert [e.id for e in compiled.events_at(turn, phase)] == walked


def _mutable_ids(value: Any, found: dict[int, str], where: str) -> None:
    if isinstance(value, str | int | float | bool | type(None)) or _immutable(value):
        return
    found[id(value)] = where
    if isinstance(value, dict):
        for k, v in value.items():
            _mutable_ids(v, found, f"{where}[{k!r}]")
    elif isinstance(value, list | set | tuple):
        for i, v in enumerate(value):
            _mutable_ids(v, found, f"{where}[{i}]")
    elif is_dataclass(value):
        for f in fields(value):
            _mutable_ids(getattr(value, f.name), found, f"{where}.{f.name}")


def _immutable(value: Any) -> bool:
    """A tuple, or a frozen dataclass, of words and numbers: nothing in it can change."""
    if isinstance(value, str | int | float | bool | type(None)):
        return True
    if isinstance(value, tuple):
        return all(_immutable(v) for v in value)
    if is_dataclass(value) and type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
        return all(_immutable(getattr(value, f.name)) for f in fields(value))
    return False


def test_a_copied_state_equals_a_deep_copy_and_shares_nothing_that_can_change(loaded) -> None:
    for state in played_states(loaded, games=8):
        copied = state.copy()
        assert copied == copy.deepcopy(state)
        original: dict[int, str] = {}
        clone: dict[int, str] = {}
        _mutable_ids(state, original, "state")
        _mutable_ids(copied, clone, "state")
        shared = set(original) & set(clone)
        assert not shared, [original[i] for i in shared]


def random_expression(pick: random.Random, names: list[str], depth: int = 0) -> str:
    """A random condition over the scenario's names, with every kind of node the language has."""
    if depth > 3 or pick.random() < 0.25:
        return pick.choice([*names, *names, "3", "0", "-2.5", "true", "false", "50", "contact", "back_channel"])
    sub = lambda: random_expression(pick, names, depth + 1)  # noqa: E731
    shape = pick.randrange(9)
    if shape == 0:
        return f"not ({sub()})"
    if shape == 1:
        return f"-({sub()})"
    if shape == 2:
        third = f" {pick.choice(['and', 'or'])} ({sub()})" if pick.random() < 0.4 else ""
        return f"({sub()}) {pick.choice(['and', 'or'])} ({sub()})" + third
    if shape == 3:
        return f"({sub()}) {pick.choice('+-*/')} ({sub()})"
    if shape == 4:
        ops = ["==", "!=", "<", "<=", ">", ">="]
        chain = f"({sub()}) {pick.choice(ops)} ({sub()})"
        return chain + (f" {pick.choice(ops)} ({sub()})" if pick.random() < 0.3 else "")
    if shape == 5:
        return f"abs({sub()})"
    if shape == 6:
        return f"clamp({sub()}, {sub()}, {sub()})"
    if shape == 7:
        return f"{pick.choice(['min', 'max'])}({sub()}, {sub()}" + (f", {sub()})" if pick.random() < 0.4 else ")")
    return f"({sub()}) / 0"


def outcome_of(function: Any, argument: Any) -> tuple[Any, type]:
    try:
        value = function(argument)
    except Exception as error:  # the same error, or the same value of the same type
        return type(error).__name__, type(error)
    return value, type(value)


def test_compiled_expressions_mean_what_the_closures_mean(loaded) -> None:
    from game.engine.codegen import Codegen
    from game.scenario.expressions import parse_expression

    machines = build_machines(loaded)
    compiled = machines.compiled
    names = sorted(readable_names(loaded.scenario))
    states = list(played_states(loaded, games=3))[::3]
    pick = random.Random(len(names))
    made = 0
    for _ in range(300):
        text = random_expression(pick, names)
        if len(text) > 500:
            continue
        expression = parse_expression(text)
        function = Codegen(loaded, compiled._resolve).functions({text: expression}).get(text)
        if function is None:
            continue
        made += 1
        closures = expression.bind(compiled._resolve)
        for state in states:
            assert outcome_of(function, state) == outcome_of(closures, state), expression.text
    assert made > 150


def test_text_in_quotes_keeps_the_closures(loaded) -> None:
    from game.engine.codegen import Codegen
    from game.scenario.expressions import parse_expression

    codegen = Codegen(loaded, build_machines(loaded).compiled._resolve)
    texts = ("turn < 'soon'", "turn < 3", "channel == 'official' or turn > 2")
    assert set(codegen.functions({text: parse_expression(text) for text in texts})) == {"turn < 3"}
