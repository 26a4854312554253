"""One decision as the debrief may judge it: what the envoy knew, what was done, what was seen.

A `Decision` holds the envoy's knowledge before and after the move (`game/engine/knowledge.py`),
the move and the moves that were on offer, and what the trainee saw happen: the replies, the
visible changes and the events. It holds no GameState, so a rule cannot read hidden truth by
accident; the scenario's public facts (names, venues, messages as the envoy received them) are
reached through small helpers here.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.knowledge import Knowledge
from game.engine.outcome import Change, FiredEvent, Move, Reply
from game.scenario.model import Message, Scenario, Venue

HIDDEN_CHANGES = ("pressure.", "leak_risk", "var.", "grievance")


@dataclass(unsafe_hash=True)
class Decision:
    """Not frozen (cheaper to make: a class report makes one per decision of every log, and the
    review one per move it plays) but never changed once made, apart from the keys of the moves
    on offer that `offered_keys` keeps beside the fields."""

    number: int
    move: Move
    before: Knowledge
    after: Knowledge
    offered: tuple[Move, ...]
    replies: tuple[Reply, ...]
    changes: tuple[Change, ...]
    events: tuple[FiredEvent, ...]
    scenario: Scenario
    previous: Decision | None = None

    # -- the move ----------------------------------------------------------------------------
    @property
    def verb(self) -> str:
        return self.move.verb

    @property
    def target(self) -> str:
        """The move key's first part after the verb: 'offer' in `relay:offer:softened`."""
        return self.move.target

    @property
    def mode(self) -> str:
        """The move key's second part after the verb: 'softened' in `relay:offer:softened`."""
        return self.move.mode

    @property
    def detail(self) -> str:
        """The move key's third part after the verb: 'north' in `convene:talks:first:north`."""
        return self.move.detail

    @property
    def party(self) -> str:
        return self.move.party or ""

    def offered_keys(self) -> frozenset[str]:
        """Made once per decision (several rules ask), and kept beside the fields."""
        keys: frozenset[str] | None = self.__dict__.get("_offered_keys")
        if keys is None:
            keys = frozenset(m.key for m in self.offered)
            self.__dict__["_offered_keys"] = keys
        return keys

    # -- the scenario's public facts ---------------------------------------------------------
    def name(self, pid: str) -> str:
        return self.scenario.parties[pid].name

    def parties(self) -> list[str]:
        return [p.id for p in self.before.parties]

    def others(self, pid: str) -> list[str]:
        return [p for p in self.parties() if p != pid]

    def message(self, mid: str) -> Message:
        return self.scenario.messages[mid]

    def venue(self, vid: str) -> Venue:
        return self.scenario.venues[vid]

    # -- what happened -----------------------------------------------------------------------
    def change_of(self, name: str) -> Change | None:
        for change in self.changes:
            if change.name == name:
                return change
        return None

    def said_by(self, pid: str) -> list[str]:
        name = self.name(pid)
        return [r.text for r in self.replies if r.speaker == name]


def visible(changes: list[Change]) -> tuple[Change, ...]:
    return tuple(c for c in changes if not c.name.startswith(HIDDEN_CHANGES))
