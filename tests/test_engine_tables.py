"""The engine moves its ladders and phases by tables read from the `transitions` machines, and
writes numbers by `Target`s prepared once per scenario. Both must do exactly what the machines'
own triggers and the general `Turn` path do."""

from __future__ import annotations

import itertools
import random

import pytest
from transitions import Machine

from game.engine.machines import Machines, add_transitions, build_machines, transition_table
from game.engine.outcome import Move, Outcome
from game.engine.session import Session
from game.engine.state import GameState, LadderPosition
from game.engine.turn import Turn
from game.scenario.bundled import find_bundled
from game.scenario.loader import LoadedScenario, load_scenario
from game.scenario.names import writable_names

MACHINES = ("consent", "channel", "mandate", "phase")


@pytest.fixture(scope="module", params=["harbour_crossing", "quiet_channel", "strait"])
def loaded(request: pytest.FixtureRequest, strait: LoadedScenario) -> LoadedScenario:
    if request.param == "strait":
        return strait
    found, problems = load_scenario(find_bundled(request.param))
    assert found is not None, problems
    return found


def test_each_table_lists_every_transition_of_its_machine_in_order(loaded) -> None:
    machines = build_machines(loaded)
    for name in MACHINES:
        machine = getattr(machines, name)
        table = machines.tables[name]
        assert set(table) == set(machine.events)
        for trigger, event in machine.events.items():
            assert set(table[trigger]) == set(event.transitions)
            for source, transitions in event.transitions.items():
                listed = [(t.dest, t.conditions[0].func if t.conditions else None) for t in transitions]
                assert list(table[trigger][source]) == listed


def test_a_step_by_the_table_does_what_the_machines_trigger_does(loaded) -> None:
    machines = build_machines(loaded)
    for name in MACHINES:
        machine = getattr(machines, name)
        for trigger in machine.events:
            if name == "phase" and trigger == "advance":
                continue  # guarded: see the next test
            for state in machine.states:
                fired, stepped = LadderPosition(state), LadderPosition(state)
                assert machines.step(name, trigger, stepped) == machines.move(machine, trigger, fired), (name, trigger, state)
                assert stepped.state == fired.state, (name, trigger, state)


def test_advance_by_the_table_takes_the_transition_the_phase_machine_takes(loaded) -> None:
    machines = build_machines(loaded)
    rows = machines.tables["phase"]["advance"]
    pick = random.Random(5)
    for phase in machines.phase.states:
        guards = [guard for _, guard in rows.get(phase, ()) if guard is not None]
        texts = sorted({guard.when for guard in guards if guard.when is not None})
        moves = sorted({guard.on for guard in guards if guard.on is not None}) + ["wait", "approach"]
        for _ in range(40):
            truth = {text: pick.random() < 0.4 for text in texts}
            for last_move in moves:
                fired, stepped, taken = LadderPosition(phase), LadderPosition(phase), []
                moved = machines.move(machines.phase, "advance", fired, truth.__getitem__, last_move, taken)
                reason = machines.advance(stepped, truth.__getitem__, last_move)
                assert stepped.state == fired.state and (reason is not None) == moved
                assert reason == (taken[0] if taken else None)


def test_the_table_refuses_a_machine_it_cannot_describe() -> None:
    from transitions import Machine

    machine = Machine(model=None, states=["a", "b"], initial="a", auto_transitions=False)
    machine.add_transition("go", "a", "b", after=lambda: None)
    with pytest.raises(ValueError, match="does more"):
        transition_table(machine)


def played_states(loaded: LoadedScenario, machines: Machines, games: int = 6) -> list[GameState]:
    states = []
    for seed in range(games):
        session = Session(loaded, seed=seed, machines=machines)
        pick = random.Random(seed)
        while not session.is_over:
            states.append(session.state.copy())
            session.choose(pick.choice(session.moves()))
    return states


def turn_on(state: GameState, loaded: LoadedScenario, machines: Machines) -> Turn:
    return Turn(state, loaded, machines, random.Random(0), Outcome(Move("t", "t", "", "", ""), turn=state.turn))


VALUES = (-7, 0, 0.5, 3, 37.25, 99.9, 150, True, False, "contact", "official", "mediation")


def test_set_and_adjust_by_target_do_what_the_general_path_does(loaded) -> None:
    machines = build_machines(loaded)
    names = sorted(writable_names(loaded.scenario))
    for state, name in itertools.product(played_states(loaded, machines)[::7], names):
        for value in VALUES:
            if isinstance(value, str) and not (name.startswith("consent.") or name in ("channel", "mandate")):
                continue
            fast, slow = turn_on(state.copy(), loaded, machines), turn_on(state.copy(), loaded, machines)
            fast.set(name, value, "r")
            slow._set_other(name, value, "r")
            assert fast.state == slow.state and fast.outcome.changes == slow.outcome.changes, (name, value)
            if isinstance(value, str):
                continue
            fast, slow = turn_on(state.copy(), loaded, machines), turn_on(state.copy(), loaded, machines)
            fast.adjust(name, value, "r")
            current = slow.value(name)
            if not isinstance(current, bool) and isinstance(current, int | float):
                slow._set_other(name, current + value, "r")
            assert fast.state == slow.state and fast.outcome.changes == slow.outcome.changes, (name, value)


def test_advance_in_a_state_takes_the_transition_the_phase_machine_takes(loaded) -> None:
    machines = build_machines(loaded)
    states = played_states(loaded, machines)
    last_moves = sorted({t.on for p in loaded.scenario.phases.phases.values() for t in p.transitions if t.on}) + ["wait", "convene"]
    for state, last_move in itertools.product(states, last_moves):
        for phase in {state.phase.state, *machines.phase.states}:
            fired, stepped = state.copy(), state.copy()
            fired.phase.state = stepped.phase.state = phase
            taken: list[str] = []
            turn = turn_on(fired, loaded, machines)
            moved = machines.move(machines.phase, "advance", fired.phase, turn.holds, last_move, taken)
            reason = machines.advance_in(stepped, last_move)
            assert stepped.phase.state == fired.phase.state and reason == (taken[0] if moved else None), (phase, last_move)


def _described(machine: Machine) -> list[tuple[object, ...]]:
    """Everything a machine's triggers hold, in order: sources, destinations, conditions (the
    objects themselves), callbacks."""
    return [
        (trigger, source, t.source, t.dest, [(c.func, c.target) for c in t.conditions], t.prepare, t.before, t.after, type(t))
        for trigger, event in machine.events.items()
        for source, transitions in event.transitions.items()
        for t in transitions
    ]


def test_transitions_added_in_bulk_are_those_add_transition_makes(loaded) -> None:
    phases = loaded.scenario.phases.phases
    guards = [lambda event: True, lambda event: False]
    wanted = [(pid, target, [guards[i % 2]] if i % 3 else None) for i, (pid, target) in enumerate(itertools.product(phases, phases))]
    machines = [Machine(model=None, states=list(phases), initial=next(iter(phases)), auto_transitions=False) for _ in range(2)]
    for source, dest, conditions in wanted:
        machines[0].add_transition("advance", source, dest, conditions=conditions)
    add_transitions(machines[1], "advance", wanted)
    add_transitions(machines[1], "unused", [])
    assert _described(machines[0]) == _described(machines[1]) and "unused" not in machines[1].events


def test_a_phase_condition_is_made_when_first_needed_and_as_when_made_with_all(loaded) -> None:
    machines = build_machines(loaded)
    compiled, expressions = machines.compiled, loaded.expressions
    assert expressions.transition_only and not set(compiled.conditions) & expressions.transition_only
    for state in played_states(loaded, machines):
        machines.advance_in(state.copy(), "wait")  # makes the conditions of the state's phase
    later = {text: compiled.conditions[text] for text in expressions.conditions}  # the rest, one by one
    assert set(compiled.conditions) == set(expressions.conditions)
    for text, function in later.items():  # the same kind of function as made with all the others
        assert getattr(function, "__name__", None) == getattr(build_machines(loaded).compiled.conditions[text], "__name__", None), text
