"""The continuations that value a move in the review by search (`review.py`), and how far
chance alone can move the difference between two moves' values.

A candidate move is played from the position on a fork of the session, then the careful envoy
(`policy.py`) plays on to an ending or the horizon; the continuation's value is the grade of
its ending (`GRADE_VALUE`) or, at the horizon, of the ending the clock would give. Continuation
i of decision n plays with seed `SEED_BASE * n + i`, and every candidate at a decision meets
the same seeds (common random numbers), so two moves are compared on the same dice.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from game.debrief.decision import Decision
from game.debrief.judging import judge_move, make_decision
from game.debrief.policy import careful_move_now
from game.debrief.rules import Judgement
from game.debrief.rules.situation import join
from game.engine.knowledge import knowledge
from game.engine.outcome import Move, Outcome
from game.engine.session import Session, play
from game.engine.state import GameState
from game.scenario.loader import LoadedScenario

GRADE_VALUE = {"success": 100.0, "partial": 70.0, "stalemate": 40.0, "failure": 0.0}
SEED_BASE = 1_000_003
VERIFY_OFFSET = 500_000
"""The fresh continuations that measure the search's winners again start here (within one
decision's block of SEED_BASE seeds, far from the search's own)."""
HORIZON_ESCALATION = 50.0
"""At the horizon, escalation above this shades the value towards the escalation ending."""


def verify_seeds(number: int, count: int) -> list[int]:
    return [SEED_BASE * number + VERIFY_OFFSET + i for i in range(count)]


def continuation_seeds(number: int, count: int) -> list[int]:
    return [SEED_BASE * number + i for i in range(count)]


class Judge:
    """Judges the moves on offer at one position, each the first time it is asked: the move
    played once from the position (the log's own seed, so the same draws the trainee's move met)
    and the rules table applied to it."""

    def __init__(self, base: Session, number: int, offered: tuple[Move, ...], previous: Decision | None) -> None:
        self._base, self._number, self._offered, self._previous = base, number, offered, previous
        self._known = knowledge(base.state, base.loaded)

    def __call__(self, move: Move) -> list[Judgement]:
        base = self._base
        after = base.state.copy()
        outcome = play(base.loaded, base.machines, after, move, base.seed)
        decision = make_decision(
            base.loaded, self._number, base.state, after, outcome, self._offered, self._previous, known_before=self._known
        )
        return judge_move(decision)


@dataclass(eq=False)
class Candidate:
    move: Move
    index: int
    judge: Judge
    avoided: bool = False
    """A move the careful envoy never makes (`policy.avoided`)."""
    values: list[float] = field(default_factory=list)
    endings: Counter[str] = field(default_factory=Counter)
    exact: bool = False
    """The first continuation made no draw that could go either way: it is every continuation."""
    _judged: list[Judgement] | None = None

    @property
    def judged(self) -> list[Judgement]:
        if self._judged is None:
            self._judged = self.judge(self.move)
        return self._judged

    @property
    def breached(self) -> bool:
        return any(j.verdict == "breached" for j in self.judged)

    @property
    def flawed(self) -> bool:
        return any(j.verdict != "honoured" for j in self.judged)

    @property
    def wrong(self) -> bool:
        """Breached or missed something, or a move the careful envoy never makes."""
        return self.avoided or self.flawed

    @property
    def clean(self) -> bool:
        """Breaches nothing and misses nothing, and the careful envoy could make it."""
        return not self.avoided and not self.flawed

    @property
    def value(self) -> float:
        return sum(self.values) / len(self.values) if self.values else 0.0

    def ending_counts(self, continuations: int) -> tuple[tuple[str, int], ...]:
        scale = continuations if self.exact else 1
        return tuple(sorted(((title, n * scale) for title, n in self.endings.items()), key=lambda item: (-item[1], item[0])))


def horizon_value(loaded: LoadedScenario, state: GameState) -> float:
    """A continuation still open at the horizon: the grade of the ending the clock would give,
    shading into the escalation ending's as escalation climbs from 50 towards 100."""
    clock, phases = loaded.scenario.clock, loaded.scenario.phases.phases
    waiting = GRADE_VALUE[_grade(phases, clock.on_timeout)]
    boiling = GRADE_VALUE[_grade(phases, clock.on_escalation)]
    risk = min(max((state.escalation - HORIZON_ESCALATION) / (100.0 - HORIZON_ESCALATION), 0.0), 1.0)
    return (1.0 - risk) * waiting + risk * boiling


def _grade(phases: Any, pid: str) -> str:
    ending = phases[pid].ending
    return ending.grade if ending is not None else "stalemate"


def _uncertain(outcome: Outcome) -> bool:
    return any(0.0 < d.probability < 1.0 for d in outcome.draws)


def play_line(base: Session, move: Move, seed: int, horizon: int) -> tuple[float, str, bool]:
    """One continuation: `move` on a fork of `base` with `seed`, then the careful envoy to the
    ending or `horizon` decisions. (value, ending title or '', whether a draw could have gone
    either way)."""
    line = base.fork(seed=seed)
    loaded, machines = line.loaded, line.machines
    uncertain = _uncertain(line.choose(move))
    state = line.state  # played on directly: the policy's moves are on offer by construction
    for _ in range(horizon):
        if state.ending is not None:
            break
        uncertain = _uncertain(play(loaded, machines, state, careful_move_now(loaded, machines, state), seed)) or uncertain
    if state.ending is not None:
        phase = loaded.scenario.phases.phases[state.ending]
        assert phase.ending is not None
        return GRADE_VALUE[phase.ending.grade], phase.title, uncertain
    return horizon_value(loaded, state), "", uncertain


def extend(base: Session, candidate: Candidate, seeds: Sequence[int], upto: int, horizon: int) -> None:
    while len(candidate.values) < upto and not candidate.exact:
        value, ending, uncertain = play_line(base, candidate.move, seeds[len(candidate.values)], horizon)
        if not candidate.values and not uncertain:
            candidate.exact = True
        candidate.values.append(value)
        candidate.endings[ending] += 1


def ended(candidate: Candidate, continuations: int, horizon: int) -> str:
    counts = candidate.ending_counts(continuations)
    parts = []
    for title, count in counts:
        where = f"'{title}'" if title else f"no ending within {horizon} decisions"
        if count == continuations:
            return f"led to {where} every time" if title else f"reached {where} every time"
        parts.append(f"{where} in {count}")
    return "led to " + join(parts)


CHANCE_Z = 1.5
"""How many standard errors of a difference chance alone is taken to make: with 24 or more
continuations, a difference this far from 0 comes by chance about once in fifteen times."""


def chance_spread(made: Candidate, other: Candidate) -> float:
    """How much of `other.value - made.value` chance alone could make over the continuations
    the two were played on: `CHANCE_Z` standard errors of the difference (0 when every
    continuation of both went the same way).

    The two were played on the same seeds, so the difference is taken continuation by
    continuation; a candidate valued `exact` stands for the same value on every seed."""
    count = max(len(made.values), len(other.values))
    if count < 2:
        return 0.0
    ours = made.values * count if made.exact else made.values
    theirs = other.values * count if other.exact else other.values
    gaps = [b - a for a, b in zip(ours[:count], theirs[:count], strict=True)]
    mean = sum(gaps) / count
    variance = sum((g - mean) ** 2 for g in gaps) / (count - 1)
    return CHANCE_Z * math.sqrt(variance / count)
