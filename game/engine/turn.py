"""The working context of one decision: read values, change them with a reason, draw chances.

Verbs, effects, events and the clock all change state through `Turn`, so every change is
clamped the same way, goes through the right machine, and lands in the Outcome with its reason.
"""

from __future__ import annotations

import random

from game.engine.bounds import LIMIT, bounded
from game.engine.compiled import CIRCLE, PARTY, PLAIN, VAR, Target, as_number
from game.engine.consent import agree, follow_ladder, meeting_act, meetings_agreed
from game.engine.machines import Machines
from game.engine.outcome import Change, Draw, Outcome, Reply
from game.engine.state import PERCENT_NAMES, GameState, Value
from game.scenario.loader import LoadedScenario
from game.scenario.names import CHANNEL_LEVELS, CONSENT_LEVELS, MANDATE_LEVELS

_NUMBERS = (int, float)


class Turn:
    """One decision's context. A plain class with slots: one is made per decision (and one per
    listing of the moves), so its construction is kept to a few assignments."""

    __slots__ = ("state", "loaded", "machines", "rng", "outcome", "_compiled", "_conditions", "_readers", "_targets")

    def __init__(self, state: GameState, loaded: LoadedScenario, machines: Machines, rng: random.Random, outcome: Outcome) -> None:
        self.state = state
        self.loaded = loaded
        self.machines = machines
        self.rng = rng
        self.outcome = outcome
        compiled = self._compiled = machines.compiled  # conditions and names bound to the state's readers once per scenario
        self._conditions = compiled.conditions
        self._readers = compiled.readers
        self._targets = compiled.targets

    # -- reading -----------------------------------------------------------------------------
    def value(self, name: str) -> Value:
        read = self._readers.get(name) or self._compiled.reader(name)
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
        """Add `delta` to a number (a non-number is left alone), clamped as `set` clamps."""
        target = self._targets.get(name) or self._compiled.target(name)
        kind = target.kind
        if kind in (PLAIN, PARTY):  # the commonest changes, written out here: `_store` does the same
            holder = self.state if kind == PLAIN else self.state.parties[target.key]
            before = getattr(holder, target.attr)
            if type(before) is float:
                new = float(before + delta)
                if new < 0.0:  # min(max(new, 0.0), 100.0), without the two calls
                    new = 0.0
                elif new > 100.0:
                    new = 100.0
                if new != before:
                    setattr(holder, target.attr, new)
                    self.outcome.changes.append(Change(name, before, new, reason))
                return
        if kind == PARTY:
            current = getattr(self.state.parties[target.key], target.attr)
        elif kind == VAR:
            current = self.state.variables[target.key]
        elif kind:
            current = getattr(self.state, target.attr)
        else:
            current = self.value(name)
        if isinstance(current, bool) or not isinstance(current, _NUMBERS):
            return
        if kind:
            self._store(name, target, current, current + delta, reason)
        else:
            self.set(name, current + delta, reason)

    def set(self, name: str, value: Value, reason: str) -> None:
        """Change a value, clamped to its range (ladders move through their machines), and
        record the change with its reason; nothing is recorded if the value stays the same."""
        target = self._targets.get(name) or self._compiled.target(name)
        kind = target.kind
        if kind == PARTY:
            before = getattr(self.state.parties[target.key], target.attr)
        elif kind == VAR:
            before = self.state.variables[target.key]
        elif kind:
            before = getattr(self.state, target.attr)
        else:
            self._set_other(name, value, reason)
            return
        self._store(name, target, before, value, reason)

    def _store(self, name: str, target: Target, before: Value, value: Value, reason: str) -> None:
        """Clamp `value` for a number in the state (a party's percentage, a variable, the
        circle, escalation or leak risk), write it and record the change, if it changed."""
        kind = target.kind
        new: Value
        if kind == VAR and target.boolean:
            if value != value:  # NaN is not true or false either: the value stays as it is
                return
            new = bool(value)
        else:
            if type(value) is float and -LIMIT <= value <= LIMIT:  # the common case, without a call (NaN fails it)
                number: float | None = value
            else:
                number = bounded(value)  # within ±10^15; None for NaN: the value stays as it is
            if number is None:
                return
            if kind == VAR:
                new = number
                if target.low is not None:
                    new = max(new, target.low)
                if target.high is not None:
                    new = min(new, target.high)
            elif kind == CIRCLE:
                new = max(int(number), 0)
            else:
                new = number
                if new < 0.0:  # min(max(new, 0.0), 100.0), without the two calls
                    new = 0.0
                elif new > 100.0:
                    new = 100.0
        if new == before:
            return
        if kind == PARTY:
            setattr(self.state.parties[target.key], target.attr, new)
        elif kind == VAR:
            self.state.variables[target.key] = new  # type: ignore[assignment]
        else:
            setattr(self.state, target.attr, new)
        self.outcome.changes.append(Change(name, before, new, reason))

    def _set_other(self, name: str, value: Value, reason: str) -> None:
        """`set` of a ladder (consent, channel, mandate), or of a name with no `Target` kind."""
        prefix, _, key = name.partition(".")
        if not isinstance(value, str) and bounded(value) is None:
            return  # NaN: no rung, no value; everything stays as it is
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
        if new is None or new == before:
            return
        if prefix in PERCENT_NAMES:
            setattr(self.state.parties[key], prefix, new)
        elif prefix == "var":
            self.state.variables[key] = new  # type: ignore[assignment]
        else:
            setattr(self.state, name, new)
        self.outcome.changes.append(Change(name, before, new, reason))

    def _clamped(self, name: str, prefix: str, key: str, value: Value) -> Value | None:
        """`value` clamped for `name`; None where it is NaN (the value then stays as it is)."""
        if prefix == "var" and isinstance(self.loaded.scenario.variables[key].initial, bool):
            return None if value != value else bool(value)
        number = bounded(value)
        if number is None:
            return None
        if prefix == "var":
            spec = self.loaded.scenario.variables[key]
            if spec.min is not None:
                number = max(number, spec.min)
            if spec.max is not None:
                number = min(number, spec.max)
            return number
        if name == "circle":
            return max(int(number), 0)
        return min(max(number, 0.0), 100.0)

    def set_consent(self, pid: str, level: str, reason: str) -> None:
        self._ladder_to(f"consent.{pid}", CONSENT_LEVELS, level, reason)

    def _ladder_to(self, name: str, levels: tuple[str, ...], value: Value, reason: str) -> None:
        pid = name.partition(".")[2]
        party = self.state.parties[pid]
        position = party.consent
        before = position.state
        target = _level(value, levels)
        step = self.machines.step
        if target == 0 and before != "none":
            step("consent", "withdraw", position)
        while levels.index(position.state) < target and step("consent", "grant", position):
            pass
        while levels.index(position.state) > target and step("consent", "reduce", position):
            pass
        if position.state != before:
            follow_ladder(party, before, position.state, reason)
            self.outcome.changes.append(Change(name, before, position.state, reason))
            if levels.index(position.state) < levels.index(before):
                self._meetings_lapse(pid)

    def _meetings_lapse(self, pid: str) -> None:
        """A party that narrows its consent takes back the meetings it had agreed to: it must be
        asked again (the venue may be proposed anew) before it can be convened; convening it
        anyway is a summons it refuses in public (`verbs/convene.py`)."""
        party = self.state.parties[pid]
        name = self.party_name(pid)
        for venue, fmt in meetings_agreed(party):
            self.take_back(pid, meeting_act(venue, fmt), f"{name} narrowed its consent and no longer holds to the meeting it had accepted")
        party.venue_accepted = None

    def agree(self, pid: str, act: str, reason: str, *, note: bool = True) -> None:
        """Record that a party agreed to one act (a meeting, a message to carry). `note=False`
        keeps the party's `consent_note` (handing over a message is not news about its consent)."""
        party = self.state.parties[pid]
        if agree(party, act):
            if note:
                party.consent_note = reason
            self.outcome.changes.append(Change(f"agreed.{pid}", "", act, reason))

    def take_back(self, pid: str, act: str, reason: str) -> None:
        """A party withdraws one act it had agreed to (a meeting, when it narrows its consent)."""
        party = self.state.parties[pid]
        if act in party.agreed:
            party.agreed.discard(act)
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
        if before != level and self.machines.step("channel", f"to_{level}", position):
            self.outcome.changes.append(Change("channel", before, level, reason))

    def _set_mandate(self, value: Value, reason: str) -> None:
        if isinstance(value, str):
            level = value
        else:
            number = bounded(value)
            if number is None:
                return
            level = "mediation" if number >= 3 else "good_offices"
        position = self.state.mandate
        before = position.state
        if level not in MANDATE_LEVELS or level == before:
            return
        self.machines.step("mandate", "widen" if level == "mediation" else "narrow", position)
        self.outcome.changes.append(Change("mandate", before, position.state, reason))

    def apply_effects(self, texts: list[str], reason: str) -> None:
        effects, state = self._compiled.effects, self.state
        for text in texts:
            effect = effects[text]
            self.set(effect.target, effect.new(state), reason)  # `new`: combine(operator, value now, effect's value)

    # -- talking and chance ------------------------------------------------------------------
    def reply(self, speaker: str, text: str) -> None:
        self.outcome.replies.append(Reply(speaker, text))

    def narrate(self, text: str) -> None:
        self.outcome.replies.append(Reply("", text))

    def draw(self, what: str, probability: float) -> bool:
        if probability < 0.0:  # min(max(probability, 0.0), 1.0), without the two calls
            probability = 0.0
        elif probability > 1.0:
            probability = 1.0
        roll = self.rng.random()
        self.outcome.draws.append(Draw(what, probability, roll))
        return roll < probability  # Draw.happened


def _level(value: Value, levels: tuple[str, ...]) -> int:
    if isinstance(value, str):
        return levels.index(value) if value in levels else 0
    number = int(bounded(value) or 0)  # NaN counts as 0, the lowest rung
    if levels is MANDATE_LEVELS:
        return 1 if number >= 3 else 0
    return min(max(number, 0), len(levels) - 1)
