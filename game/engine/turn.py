"""The working context of one decision: read values, change them with a reason, draw chances.

Verbs, effects, events and the clock all change state through `Turn`, so every change is
clamped the same way, goes through the right machine, and lands in the Outcome with its reason.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from game.engine.compiled import as_number
from game.engine.consent import agree, follow_ladder
from game.engine.machines import Machines
from game.engine.outcome import Change, Draw, Outcome, Reply
from game.engine.state import PERCENT_NAMES, GameState, Value
from game.scenario.expressions import combine
from game.scenario.loader import LoadedScenario
from game.scenario.names import CHANNEL_LEVELS, CONSENT_LEVELS, MANDATE_LEVELS


@dataclass
class Turn:
    state: GameState
    loaded: LoadedScenario
    machines: Machines
    rng: random.Random
    outcome: Outcome

    def __post_init__(self) -> None:
        compiled = self.machines.compiled  # conditions and names bound to the state's readers once per scenario
        self._conditions = compiled.conditions
        self._readers = compiled.readers
        self._reader = compiled.reader

    # -- reading -----------------------------------------------------------------------------
    def value(self, name: str) -> Value:
        read = self._readers.get(name) or self._reader(name)
        return read(self.state)

    def holds(self, text: str | None) -> bool:
        if text is None:
            return True
        return bool(self._conditions[text](self.state))

    def number(self, text: str) -> float:
        return as_number(self._conditions[text](self.state))

    def party_name(self, pid: str) -> str:
        return self.loaded.scenario.parties[pid].name

    # -- changing ----------------------------------------------------------------------------
    def adjust(self, name: str, delta: float, reason: str) -> None:
        current = self.value(name)
        if isinstance(current, bool) or not isinstance(current, int | float):
            return
        self.set(name, current + delta, reason)

    def set(self, name: str, value: Value, reason: str) -> None:
        prefix, _, key = name.partition(".")
        if prefix == "consent":
            self._ladder_to(name, CONSENT_LEVELS, value, reason)
            return
        if name == "channel":
            self.set_channel(CHANNEL_LEVELS[_level(value, CHANNEL_LEVELS)], reason)
            return
        if name == "mandate":
            self._set_mandate(value, reason)
            return
        before = self.value(name)
        new = self._clamped(name, prefix, key, value)
        if new == before:
            return
        if prefix in PERCENT_NAMES:
            setattr(self.state.parties[key], prefix, new)
        elif prefix == "var":
            self.state.variables[key] = new  # type: ignore[assignment]
        else:
            setattr(self.state, name, new)
        self.outcome.changes.append(Change(name, before, new, reason))

    def _clamped(self, name: str, prefix: str, key: str, value: Value) -> Value:
        if prefix == "var":
            spec = self.loaded.scenario.variables[key]
            if isinstance(spec.initial, bool):
                return bool(value)
            number = float(value)
            if spec.min is not None:
                number = max(number, spec.min)
            if spec.max is not None:
                number = min(number, spec.max)
            return number
        if name == "circle":
            return max(int(value), 0)
        return min(max(float(value), 0.0), 100.0)

    def set_consent(self, pid: str, level: str, reason: str) -> None:
        self._ladder_to(f"consent.{pid}", CONSENT_LEVELS, level, reason)

    def _ladder_to(self, name: str, levels: tuple[str, ...], value: Value, reason: str) -> None:
        pid = name.partition(".")[2]
        party = self.state.parties[pid]
        position = party.consent
        before = position.state
        target = _level(value, levels)
        if target == 0 and before != "none":
            self.machines.move(self.machines.consent, "withdraw", position)
        while levels.index(position.state) < target and self.machines.move(self.machines.consent, "grant", position):
            pass
        while levels.index(position.state) > target and self.machines.move(self.machines.consent, "reduce", position):
            pass
        if position.state != before:
            follow_ladder(party, before, position.state, reason)
            self.outcome.changes.append(Change(name, before, position.state, reason))

    def agree(self, pid: str, act: str, reason: str, *, note: bool = True) -> None:
        """Record that a party agreed to one act (a meeting, a message to carry). `note=False`
        keeps the party's `consent_note` (handing over a message is not news about its consent)."""
        party = self.state.parties[pid]
        if agree(party, act):
            if note:
                party.consent_note = reason
            self.outcome.changes.append(Change(f"agreed.{pid}", "", act, reason))

    def take_back(self, pid: str, act: str, reason: str) -> None:
        """A party withdraws one act without leaving the ladder (narrowed consent)."""
        party = self.state.parties[pid]
        if act in party.agreed:
            party.agreed.discard(act)
            party.consent_note = reason
            self.outcome.changes.append(Change(f"agreed.{pid}", act, "", reason))

    def note_traffic(self, reason: str) -> None:
        """A message crossed or the parties met: the channel carries something, so it is at
        least indirect from now on."""
        self.state.last_traffic = self.state.turn
        if self.state.channel.state == "none":
            self.set_channel("indirect", reason)

    def set_channel(self, level: str, reason: str) -> None:
        position = self.state.channel
        before = position.state
        if before != level and self.machines.move(self.machines.channel, f"to_{level}", position):
            self.outcome.changes.append(Change("channel", before, level, reason))

    def _set_mandate(self, value: Value, reason: str) -> None:
        level = value if isinstance(value, str) else ("mediation" if float(value) >= 3 else "good_offices")
        position = self.state.mandate
        before = position.state
        if level not in MANDATE_LEVELS or level == before:
            return
        self.machines.move(self.machines.mandate, "widen" if level == "mediation" else "narrow", position)
        self.outcome.changes.append(Change("mandate", before, position.state, reason))

    def apply_effects(self, texts: list[str], reason: str) -> None:
        effects = self.machines.compiled.effects
        for text in texts:
            effect = effects[text]
            current = self.value(effect.target) if effect.operator != "=" else 0
            self.set(effect.target, combine(effect.operator, current, effect.value(self.state)), reason)

    # -- talking and chance ------------------------------------------------------------------
    def reply(self, speaker: str, text: str) -> None:
        self.outcome.replies.append(Reply(speaker, text))

    def narrate(self, text: str) -> None:
        self.outcome.replies.append(Reply("", text))

    def draw(self, what: str, probability: float) -> bool:
        probability = min(max(probability, 0.0), 1.0)
        roll = self.rng.random()
        record = Draw(what, probability, roll)
        self.outcome.draws.append(record)
        return record.happened


def _level(value: Value, levels: tuple[str, ...]) -> int:
    if isinstance(value, str):
        return levels.index(value) if value in levels else 0
    number = int(float(value))
    if levels is MANDATE_LEVELS:
        return 1 if number >= 3 else 0
    return min(max(number, 0), len(levels) - 1)
