"""A Session is one play of one scenario: ask for the moves, choose one, read the Outcome.

Front ends never change state themselves. Every decision draws from its own generator seeded
with (seed, decision number), so replaying the same choices reproduces the same game, and a
copy of the state can be played forward to judge an alternative without touching the original.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any, cast

from game import __version__
from game.engine import clock
from game.engine.logformat import LOG_FORMAT, decision_record, end_record, event_records
from game.engine.machines import Machines, machines_for
from game.engine.outcome import Change, EndingReached, Move, Outcome
from game.engine.state import GameState, initial_state
from game.engine.turn import Turn
from game.engine.verbs import VERB_MODULES
from game.engine.verbs.common import allowed_while_suspended
from game.scenario.loader import LoadedScenario

Sink = Callable[[dict[str, Any]], None]

OPENING_MOVE = Move("start", "start", "The crisis begins", "", "")


class MoveNotAvailable(ValueError):
    """The chosen move is not among `moves()` now (a stale front end, or a changed scenario)."""


MOVES_LISTED = 80
"""More moves than any scenario offers at once (the bundled ones offer at most about 30), so a
list of the moves on offer is complete in practice; past it, the rest are counted."""


def moves_on_offer(keys: list[str]) -> str:
    """Every move on offer, for a hint beside a move that was not: the one the author needed is
    often the last, so the list is never cut short silently."""
    if not keys:
        return "no move was on offer then"
    shown = ", ".join(keys[:MOVES_LISTED])
    more = f", and {len(keys) - MOVES_LISTED} more" if len(keys) > MOVES_LISTED else ""
    return f"on offer then ({len(keys)}): {shown}{more}"


class Session:
    def __init__(
        self,
        loaded: LoadedScenario,
        *,
        seed: int,
        trainee: str = "",
        started: str = "",
        sink: Sink | None = None,
        machines: Machines | None = None,
    ) -> None:
        self.loaded = loaded
        self.seed = seed
        self.trainee = trainee
        self.machines = machines or machines_for(loaded)
        self.state: GameState = initial_state(loaded)
        self.history: list[Outcome] = []
        self._sink = sink
        self._moves: list[Move] | None = None
        self._listed_at = -1
        """`state.decisions` when `_moves` was listed: the list holds until the next decision."""
        self.header = {
            "type": "header",
            "log_format": LOG_FORMAT,
            "scenario_id": loaded.scenario.id,
            "scenario_file": loaded.file,
            "scenario_sha256": loaded.sha256,
            "seed": seed,
            "trainee": trainee,
            "game_version": __version__,
            "started": started,
        }
        self._emit(self.header)
        self.opening = self._open()

    # -- reading -----------------------------------------------------------------------------
    @property
    def scenario(self):  # type: ignore[no-untyped-def]
        return self.loaded.scenario

    @property
    def is_over(self) -> bool:
        return self.state.ending is not None

    @property
    def ending(self) -> EndingReached | None:
        return _ending_of(self.loaded, self.state)

    def moves(self) -> list[Move]:
        """The moves on offer now; computed once per decision, since front ends ask often.

        A decision does not drop the list it chose from: the next listing replaces it (and
        frees its few dozen moves then), so `choose` does only the deciding."""
        if self._moves is None or self._listed_at != self.state.decisions:
            self._moves = None
            self._moves = available_moves(self.loaded, self.machines, self.state, self.seed)
            self._listed_at = self.state.decisions
        return self._moves

    # -- acting ------------------------------------------------------------------------------
    def choose(self, move: Move | str) -> Outcome:
        key = move if isinstance(move, str) else move.key
        if self.state.ending is not None:
            raise MoveNotAvailable("the session has ended")
        listed = self._moves if self._listed_at == self.state.decisions and self._moves is not None else self.moves()
        for chosen in listed:  # a plain loop: this runs on every decision of every search
            if chosen.key == key:
                break
        else:
            raise MoveNotAvailable(f"'{key}' is not available now")
        outcome = play(self.loaded, self.machines, self.state, chosen, self.seed)
        self.history.append(outcome)
        if self._sink is not None:  # building the records costs as much as the clock: only for a log
            number = len(self.history)
            self._emit(decision_record(number, outcome, self.state))
            for record in event_records(number, outcome):
                self._emit(record)
            if outcome.ending is not None:
                self._emit(end_record(outcome.ending, self.state))
        return outcome

    def fork(self, *, seed: int | None = None) -> Session:
        """An independent session at this same point, to play a line forward without touching this one.

        The debrief's search forks every position many times, so a fork shares everything that
        never changes during play (the loaded scenario, the machines, the opening outcome) and
        copies only what does: the state (`GameState.copy`) and the history list (the outcomes
        in it are finished and never changed, so they are shared). A fork has no sink: nothing
        it plays reaches this session's log. Its records could not make a log of their own
        anyway, since the header and the decisions before the fork went to this session's log.

        Args:
            seed: The seed of the continuation. By default the fork keeps this session's seed,
                so the same moves on the fork and on this session give identical outcomes and
                identical states. With another seed, every draw of a decision made after the
                fork comes from the new seed: decision number n still draws from
                `Random(f"{seed}:{n}")`, numbered from the start of the game, so only the
                numbers drawn change, never which draws are made or in what order. The game up
                to the fork (state, history, `header`, which still names the seed the game
                began with) is the same either way.
        """
        clone = object.__new__(Session)
        clone.__dict__.update(self.__dict__)  # the shared, never-changing parts
        clone.seed = self.seed if seed is None else seed
        clone.state = self.state.copy()
        clone.history = list(self.history)
        clone.header = dict(self.header)
        clone._sink = None
        clone._moves = None if self._moves is None else list(self._moves)  # listing never draws: no seed in it
        return clone

    def attach_sink(self, sink: Sink | None) -> None:
        """Send the records of further decisions to `sink` (a resumed session keeps its log)."""
        self._sink = sink

    def _open(self) -> Outcome:
        outcome = Outcome(OPENING_MOVE, turn=1, phase_before=self.state.phase.state, phase_after=self.state.phase.state)
        turn = Turn(self.state, self.loaded, self.machines, _rng(self.seed, 0), outcome)
        clock.opening(turn)
        for record in event_records(0, outcome):
            self._emit(record)
        return outcome

    def _emit(self, record: dict[str, Any]) -> None:
        if self._sink is not None:
            self._sink(record)


class _NoDraws:
    """The generator handed to verbs while they only list moves: listing must never draw, and a
    draw here would be a bug that makes games depend on how often a front end asks."""

    def random(self) -> float:
        raise RuntimeError("a verb drew a random number while listing moves")


_NO_DRAWS = cast(random.Random, _NoDraws())


class _LazyRandom:
    """`random.Random(f"{seed}:{n}")`, seeded on the first draw: seeding costs more than a whole
    quiet turn, and most turns draw nothing (nor is the seed's text made for them). The numbers
    drawn are exactly the same."""

    __slots__ = ("_seed", "_decision", "_real")

    def __init__(self, seed: int, decision: int) -> None:
        self._seed = seed
        self._decision = decision
        self._real: random.Random | None = None

    def _generator(self) -> random.Random:
        if self._real is None:
            self._real = random.Random(f"{self._seed}:{self._decision}")
        return self._real

    def random(self) -> float:
        real = self._real
        if real is None:
            real = self._real = random.Random(f"{self._seed}:{self._decision}")
        return real.random()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._generator(), name)


def _rng(seed: int, decision: int) -> random.Random:
    return cast(random.Random, _LazyRandom(seed, decision))


def _turn_view(loaded: LoadedScenario, machines: Machines, state: GameState, seed: int) -> Turn:
    return Turn(state, loaded, machines, _NO_DRAWS, Outcome(OPENING_MOVE, turn=state.turn))


def available_moves(loaded: LoadedScenario, machines: Machines, state: GameState, seed: int) -> list[Move]:
    if state.ending is not None:
        return []
    view = _turn_view(loaded, machines, state, seed)
    found: list[Move] = []
    for verb in machines.compiled.listed:  # the verbs the scenario does not disable, in order
        found.extend(VERB_MODULES[verb].moves(view))
    if state.suspended is not None:  # only a minimal set of moves while good offices are suspended
        found = [move for move in found if allowed_while_suspended(view, move)]
    return found


def play(loaded: LoadedScenario, machines: Machines, state: GameState, move: Move, seed: int) -> Outcome:
    """Apply one decision to `state` in place: the verb's rules, the clock, the phase machine."""
    outcome = Outcome(move, turn=state.turn, phase_before=state.phase.state)
    turn = Turn(state, loaded, machines, _rng(seed, state.decisions + 1), outcome)
    VERB_MODULES[move.verb].apply(turn, move)
    if move.verb != "choice" and (tuned := machines.compiled.tuned.get(move.verb)):
        turn.apply_effects(tuned[0], tuned[1])
    state.waits_in_a_row = state.waits_in_a_row + 1 if move.verb == "wait" else 0
    state.decisions += 1
    clock.tick(turn)
    _advance_phase(turn, move)
    outcome.phase_after = state.phase.state
    if state.ending is not None:
        outcome.ending = _ending_of(loaded, state)
    return outcome


def _advance_phase(turn: Turn, move: Move) -> None:
    state, machines, clock_spec = turn.state, turn.machines, turn.loaded.scenario.clock
    position = state.phase
    before = position.state
    trigger = move.target if move.verb == "choice" else move.verb
    reason = machines.advance_in(state, trigger) or ""
    endings = machines.compiled.endings
    if position.state not in endings:
        if state.escalation >= 100:
            machines.step("phase", "boil_over", position)
            reason = "escalation reached 100: open conflict"
        elif state.withdrawn:
            machines.step("phase", "withdraw", position)
            reason = "the envoy ended good offices"
        elif state.turn > clock_spec.turns:
            reason = _settle(machines, state, endings) or reason
            if position.state not in endings:
                machines.step("phase", "time_out", position)
                reason = "time ran out"
    if position.state != before:
        turn.outcome.changes.append(Change("phase", before, position.state, reason))
    if position.state in endings:
        state.ending = position.state


def _settle(machines: Machines, state: GameState, endings: Any) -> str | None:
    """Before time is called, the phase entered on the last decision checks its own transitions
    (those that wait for no move): a meeting held on the last day moves the crisis to the
    talks, and the talks' parent may still say how it ends (`turns_left == 0 and ...`). One
    transition per decision would have called time on a crew already freed. Returns the reason
    of the last transition taken."""
    reason = None
    for _ in range(len(machines.compiled.endings) + len(machines.tables["phase"]["advance"])):
        if state.phase.state in endings:
            break
        taken = machines.advance_in(state, "")
        if taken is None:
            break
        reason = taken
    return reason


def _ending_of(loaded: LoadedScenario, state: GameState) -> EndingReached | None:
    if state.ending is None:
        return None
    phase = loaded.scenario.phases.phases[state.ending]
    assert phase.ending is not None
    return EndingReached(state.ending, phase.title, phase.ending.grade, phase.ending.outcome)
