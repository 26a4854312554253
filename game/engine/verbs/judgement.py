"""What a verb's `judge` receives and returns: the debrief's view of one decision.

Every verb module has `judge(situation) -> list[Judgement]` beside its rules. A Situation is
the state BEFORE the move, the move, its Outcome and the state after it, so a judgement can
speak of the actual numbers ("Aurelia's trust was 34"); the debrief calls the same function on
alternatives it simulates from a copy of the same state, which is how it finds stronger moves.
Judges only read: they never change a state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.engine.outcome import Move, Outcome
from game.engine.state import GameState, PartyState
from game.scenario.loader import LoadedScenario
from game.scenario.names import CONSENT_LEVELS
from game.words import count, ordinal

VerdictWord = Literal["honoured", "breached", "missed"]

CONSENT_WORDS = {"none": "no consent", "contact": "contact only", "good_offices": "good offices", "mediation": "mediation"}


@dataclass(frozen=True, slots=True)
class Judgement:
    """One principle honoured, breached or missed by one decision, with the reason in words.

    `source` is the id of the source that says this very thing, from the bibliography
    (game/principles/sources.yaml, whose entries say what each source supports and must not
    be cited for). The debrief refuses an unknown id.
    """

    principle: str
    verdict: VerdictWord
    weight: int
    explanation: str
    source: str


@dataclass(frozen=True, slots=True)
class Situation:
    loaded: LoadedScenario
    before: GameState
    after: GameState
    move: Move
    outcome: Outcome
    previous: Outcome | None = None
    """The decision before this one (to notice a setback or a withdrawal it caused)."""

    # -- reading helpers shared by the judges ------------------------------------------------
    def name(self, pid: str) -> str:
        return self.loaded.scenario.parties[pid].name

    def party(self, pid: str) -> PartyState:
        return self.before.parties[pid]

    def consent(self, pid: str, when: str = "before") -> str:
        state = self.before if when == "before" else self.after
        return state.parties[pid].consent.state

    def consent_index(self, pid: str, when: str = "before") -> int:
        return CONSENT_LEVELS.index(self.consent(pid, when))

    def consent_words(self, pid: str, when: str = "before") -> str:
        return CONSENT_WORDS[self.consent(pid, when)]

    def trust(self, pid: str, when: str = "before") -> float:
        state = self.before if when == "before" else self.after
        return state.parties[pid].trust

    def trust_change(self, pid: str) -> float:
        return self.after.parties[pid].trust - self.before.parties[pid].trust

    def escalation_change(self) -> float:
        return self.after.escalation - self.before.escalation

    def delta(self, name: str, reason: str) -> float:
        """How much this decision's own rule moved a value: the changes named `name` whose
        reason is `reason` (so drift, events and other effects of the turn are left out)."""
        total = 0.0
        for change in self.outcome.changes:
            if change.name == name and change.reason == reason:
                total += float(change.after) - float(change.before)
        return total

    def bad_faith(self, pid: str) -> bool:
        return self.loaded.scenario.parties[pid].faith == "bad"

    def others(self, pid: str) -> list[str]:
        return [other for other in self.before.parties if other != pid]

    def names(self, pids: list[str]) -> str:
        return join_words([self.name(pid) for pid in pids])

    def all_parties(self) -> list[str]:
        return list(self.before.parties)

    # -- counts in words, in the scenario's language ----------------------------------------
    def count(self, n: int, one: str, other: str | None = None) -> str:
        """'1 meeting', '3 people' (see game/words.py)."""
        return count(n, one, other, language=self.loaded.scenario.language)

    def turns(self, n: int) -> str:
        """n of the scenario's turns: '1 day', '3 weeks'."""
        return self.count(n, self.loaded.scenario.clock.turn_label)

    def ordinal(self, n: int) -> str:
        """'1st', '2nd', '3rd', '11th'."""
        return ordinal(n, language=self.loaded.scenario.language)


def join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def signed(value: float) -> str:
    """A change as the debrief prints it: +4, -12, 0."""
    rounded = round(value)
    return f"{rounded:+d}" if rounded else "0"


def moved(what: str, change: float) -> str:
    """'escalation moved -4', or 'escalation held steady' when it did not move."""
    return f"{what} moved {signed(change)}" if round(change) else f"{what} held steady"


def number(value: float) -> str:
    return f"{value:.0f}"
