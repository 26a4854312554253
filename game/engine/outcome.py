"""What front ends see: the moves on offer and what a chosen move did.

The records a decision makes (`Change`, `Reply`, `FiredEvent`, `Draw`) are slotted dataclasses
that are not frozen: a frozen dataclass's `__init__` sets each field through
`object.__setattr__`, which made creating one cost three times as much, and a decision creates
several (the debrief's search plays thousands of decisions per position). They keep the value
semantics of the frozen classes (equality and hash by field), and nothing changes them once made:
an Outcome in a session's history is shared with its forks, so treat them as read-only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True, unsafe_hash=True)
class Move:
    """One thing the envoy can do now. `key` is stable and is what the log records.

    The key is `verb:target:mode:detail`, as many parts as the verb needs; `target`, `mode`
    and `detail` are its parts after the verb, read once when the move is made ("" where the
    key has none), so no one splits the key again:

        relay:MESSAGE:MODE            approach / probe / raise_stalling:PARTY
        propose_venue:VENUE:FORMAT    advise_circle:PARTY:narrow|widen
        convene:shuttle|talks         convene:talks:first:PARTY (PARTY seen to ask first)
        public_statement:restraint|announce|blame:PARTY
        choice:CHOICE  offer_step:STEP  consult:TOPIC  keep_line:KIND  suspend:KIND
        request_mandate:mediation  propose_formula:terms  prepare_disclosure  wait:

    `party` is the party the move concerns, where the front ends group moves by party. Like the
    records below, a Move is not frozen (cheaper to make: every listing makes a few dozen) but
    is never changed once made; equality and hash are by the key and words, not the parts read
    from the key.
    """

    key: str
    verb: str
    label: str
    description: str
    group: str
    party: str | None = None
    target: str = field(init=False, compare=False, repr=False)
    mode: str = field(init=False, compare=False, repr=False)
    detail: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        _, _, rest = self.key.partition(":")
        self.target, _, rest = rest.partition(":")
        self.mode, _, self.detail = rest.partition(":")

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "verb": self.verb, "label": self.label}


def key_verb(key: str) -> str:
    """The verb of a move key (`relay:offer:softened` -> `relay`), for keys kept as text."""
    return key.partition(":")[0]


@dataclass(slots=True, unsafe_hash=True)
class Change:
    """One value that moved, with the reason in plain words."""

    name: str
    before: Any
    after: Any
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "before": _round(self.before), "after": _round(self.after), "reason": self.reason}


@dataclass(slots=True, unsafe_hash=True)
class Reply:
    """What a party (or the world) said in answer."""

    speaker: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "text": self.text}


@dataclass(slots=True, unsafe_hash=True)
class FiredEvent:
    id: str
    title: str
    text: str
    kind: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "kind": self.kind}


@dataclass(slots=True, unsafe_hash=True)
class Draw:
    """A random draw from the session's seed, logged so the debrief can show near misses."""

    what: str
    probability: float
    roll: float

    @property
    def happened(self) -> bool:
        return self.roll < self.probability

    def to_json(self) -> dict[str, Any]:
        return {"what": self.what, "p": round(self.probability, 4), "roll": round(self.roll, 4)}


@dataclass(frozen=True, slots=True)
class EndingReached:
    phase: str
    title: str
    grade: str
    outcome: str


@dataclass(slots=True, init=False)
class Outcome:
    move: Move
    turn: int
    changes: list[Change]
    replies: list[Reply]
    events: list[FiredEvent]
    draws: list[Draw]
    arrivals: list[str]
    phase_before: str
    phase_after: str
    ending: EndingReached | None

    def __init__(
        self,
        move: Move,
        turn: int,
        changes: list[Change] | None = None,
        replies: list[Reply] | None = None,
        events: list[FiredEvent] | None = None,
        draws: list[Draw] | None = None,
        arrivals: list[str] | None = None,
        phase_before: str = "",
        phase_after: str = "",
        ending: EndingReached | None = None,
    ) -> None:
        """As the generated one would be, with empty lists for those not given; written out
        because calling five `default_factory`s costs as much as the rest (one per decision)."""
        self.move = move
        self.turn = turn
        self.changes = [] if changes is None else changes
        self.replies = [] if replies is None else replies
        self.events = [] if events is None else events
        self.draws = [] if draws is None else draws
        self.arrivals = [] if arrivals is None else arrivals
        self.phase_before = phase_before
        self.phase_after = phase_after
        self.ending = ending

    def change_of(self, name: str) -> Change | None:
        for change in self.changes:
            if change.name == name:
                return change
        return None


def _round(value: Any) -> Any:
    if isinstance(value, float):
        if value.is_integer():  # most values logged are whole (trust 37.0): no rounding to do
            return int(value)
        rounded = round(value, 2)
        return int(rounded) if rounded == int(rounded) else rounded
    return value
