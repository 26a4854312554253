"""The stronger move: play every move that was on offer from the same state, judge each.

From a copy of the state before the decision, every available move is played with the engine
(same seed, same decision number, so the same draws) and scored by the principles it serves
(its own findings, from the same judges) and by what it did: escalation, trust, consent,
meetings, phase progress, the ending. The best few, and the trainee's own move, are then
played one more move ahead (greedy) so that a step that opens the way counts. A move is
suggested only when it is clearly better than the one chosen and breaches nothing itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.debrief.decision import Decision
from game.debrief.judging import judge_move, make_decision, principle_value
from game.debrief.model import Alternative
from game.debrief.rules import Judgement
from game.debrief.rules.situation import join, number
from game.engine.machines import Machines
from game.engine.outcome import Move, Outcome
from game.engine.session import available_moves, play
from game.engine.state import GameState
from game.principles import catalogue
from game.scenario.loader import LoadedScenario
from game.scenario.names import CONSENT_LEVELS

LOOKAHEAD = 2
"""How many of the best first moves are also played one move further."""
FOLLOW_BREADTH = 8
"""Follow-ups try the moves that were among this many most valuable now, plus any new ones."""
DISCOUNT = 0.5
"""How much the best follow-up move counts, relative to the move itself."""
MARGIN = 3.0
"""How much better (in value points) an alternative must be to be suggested when the chosen
move breached or missed something, or did harm; a move that did well needs twice that."""
GRADE_VALUE = {"success": 12.0, "partial": 5.0, "stalemate": -3.0, "failure": -12.0}


@dataclass
class Played:
    move: Move
    judged: list[Judgement]
    after: GameState
    outcome: Outcome
    value: float
    decision: Decision
    follow_up: Played | None = None

    @property
    def total(self) -> float:
        extra = self.follow_up.value if self.follow_up is not None else 0.0
        return self.value + DISCOUNT * extra

    @property
    def clean(self) -> bool:
        return not any(j.verdict == "breached" for j in self.judged)


@dataclass(frozen=True)
class Position:
    """Where a decision was taken: enough to play any move from it again."""

    loaded: LoadedScenario
    machines: Machines
    seed: int
    before: GameState
    previous: Decision | None
    number: int = 0


def outcome_value(loaded: LoadedScenario, before: GameState, after: GameState, outcome: Outcome) -> float:
    """What a move did for the process, in the same rough units as principle weights."""
    n = max(len(before.parties), 1)
    value = (before.escalation - after.escalation) / 4
    for pid, party in after.parties.items():
        old = before.parties[pid]
        value += (party.trust - old.trust) / (4 * n) * 2
        value += 2 * (CONSENT_LEVELS.index(party.consent.state) - CONSENT_LEVELS.index(old.consent.state))
        value -= 2 * max(party.grievance - old.grievance, 0)
    value += 3 * (after.meetings - before.meetings)
    if before.venue is None and after.venue is not None:
        value += 2
    if after.mandate.state != before.mandate.state:
        value += 2 if after.mandate.state == "mediation" else -2
    if any(d.what == "leak" and d.happened for d in outcome.draws):
        value -= 4
    if outcome.ending is not None:
        value += GRADE_VALUE.get(outcome.ending.grade, 0.0)
    elif outcome.phase_after != outcome.phase_before:
        value += 3
    return value


def play_from(position: Position, move: Move, state: GameState | None = None, previous: Decision | None = None) -> Played:
    start = state if state is not None else position.before
    offered = tuple(available_moves(position.loaded, position.machines, start, position.seed))
    after = start.copy()
    outcome = play(position.loaded, position.machines, after, move, position.seed)
    number = position.number + (1 if state is not None else 0)
    decision = make_decision(position.loaded, number, start, after, outcome, offered, previous if state is not None else position.previous)
    judged = judge_move(decision)
    value = principle_value(judged) + outcome_value(position.loaded, start, after, outcome)
    return Played(move, judged, after, outcome, value, decision)


def _follow_up(position: Position, first: Played, skip: set[str]) -> Played | None:
    """The best next move after `first`. Only moves that `first` made newly possible, and those
    that were already among the most valuable now, are played: a step that opens the way shows
    up as a new option, and the rest rarely change order in one turn."""
    if first.after.ending is not None:
        return None
    options = available_moves(position.loaded, position.machines, first.after, position.seed)
    best: Played | None = None
    for move in options:
        if move.key in skip:
            continue
        played = play_from(position, move, first.after, first.decision)
        if best is None or played.value > best.value:
            best = played
    return best


def _ranked(position: Position) -> tuple[list[Played], list[Played], set[str]]:
    """Every move played once; the best few (by their own value) to be played one move further;
    and the keys of the moves NOT worth trying again as follow-ups (the less valuable ones)."""
    options = available_moves(position.loaded, position.machines, position.before, position.seed)
    played = [play_from(position, move) for move in options]
    ranked = sorted(range(len(played)), key=lambda i: (-played[i].value, i))
    skip = {played[i].move.key for i in ranked[FOLLOW_BREADTH:]}
    return played, [played[i] for i in ranked[:LOOKAHEAD]], skip


def best_move(position: Position) -> Move:
    """The move the debrief values most at this position (used to simulate a careful envoy)."""
    _, finalists, skip = _ranked(position)
    for candidate in finalists:
        candidate.follow_up = _follow_up(position, candidate, skip)
    return max(finalists, key=lambda p: p.total).move


def stronger_move(position: Position, chosen_key: str, decision: int) -> Alternative | None:
    """The clearly better move at this position, or None when the trainee's was as good."""
    played, finalists, skip = _ranked(position)
    chosen = next((p for p in played if p.move.key == chosen_key), None)
    if chosen is None:
        return None
    if chosen not in finalists:
        finalists.append(chosen)
    for candidate in finalists:
        candidate.follow_up = _follow_up(position, candidate, skip)
    contenders = [p for p in finalists if p is not chosen and p.clean]
    if not contenders:
        return None
    best = max(contenders, key=lambda p: p.total)
    margin = best.total - chosen.total
    flawed = chosen.value <= 0 or any(j.verdict != "honoured" for j in chosen.judged)
    if margin < (MARGIN if flawed else 2 * MARGIN):
        return None
    return Alternative(decision, best.move.key, best.move.label, _describe(position, best, chosen), round(margin, 1))


def _describe(position: Position, best: Played, chosen: Played) -> str:
    loaded = position.loaded
    names = {pid: p.name for pid, p in loaded.scenario.parties.items()}
    principles = catalogue()
    served = list(dict.fromkeys(principles[j.principle].name.lower() for j in best.judged if j.verdict == "honoured"))
    clauses: list[str] = []
    if served:
        clauses.append("it would have honoured " + join(served))
    esc_best, esc_chosen = best.after.escalation, chosen.after.escalation
    if round(esc_best) != round(esc_chosen):
        clauses.append(f"escalation would have stood at {number(esc_best)} instead of {number(esc_chosen)}")
    trust = [
        (names[pid], number(party.trust), number(chosen.after.parties[pid].trust))
        for pid, party in best.after.parties.items()
        if round(party.trust) != round(chosen.after.parties[pid].trust)
    ]
    if trust:
        first, *rest = trust
        clauses.append(
            f"{first[0]}'s trust would have been {first[1]} instead of {first[2]}"
            + "".join(f", {n}'s {a} instead of {b}" for n, a, b in rest)
        )
    clauses.extend(_consent_effects(position.before, best.after, chosen.after, names))
    if best.after.meetings > chosen.after.meetings:
        clauses.append("the parties would have met")
    if best.outcome.ending is not None and best.outcome.ending != chosen.outcome.ending:
        clauses.append(f"the crisis would have ended as '{best.outcome.ending.title}'")
    elif best.outcome.phase_after != chosen.outcome.phase_after and best.outcome.ending is None:
        clauses.append(f"the crisis would have moved on to '{loaded.scenario.phases.phases[best.outcome.phase_after].title}'")
    if not clauses:
        clauses.append("it would have served the process better")
    text = f"{best.move.label}. From the same position, with the same seed, " + "; ".join(clauses) + "."
    follow = best.follow_up
    if follow is not None and follow.value >= MARGIN and follow.move.verb != "wait":
        text += f" It would also have opened the way to a next step: {_lower_first(follow.move.label)}."
    return text


_CONSENT_GAINED = {"contact": "accept contact", "good_offices": "accept your good offices", "mediation": "accept mediation"}


def _consent_effects(before: GameState, best: GameState, chosen: GameState, names: dict[str, str]) -> list[str]:
    gained, kept = [], []
    for pid, party in best.parties.items():
        level = CONSENT_LEVELS.index(party.consent.state)
        if level <= CONSENT_LEVELS.index(chosen.parties[pid].consent.state):
            continue
        if level > CONSENT_LEVELS.index(before.parties[pid].consent.state):
            gained.append(f"{names[pid]} would have come to {_CONSENT_GAINED[party.consent.state]}")
        else:
            kept.append(names[pid])
    if kept:
        gained.append(join(kept) + (" would have kept the consent your move lost"))
    return gained


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
