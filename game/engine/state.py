"""GameState: everything that changes during play, as plain data that copies cheaply.

The ladders (consent, channel, mandate, phase) are stored as words; the `transitions`
machines in `machines.py` are built once per scenario and drive these words, so a state can be
copied to simulate an alternative move without copying any machine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from game.engine.statecopy import copy_state
from game.scenario.expressions import Const
from game.scenario.loader import LoadedScenario
from game.scenario.names import CHANNEL_LEVELS, CONSENT_LEVELS, CONSTANTS

Value = bool | int | float | str

PERCENT_NAMES = ("trust", "exposure", "pressure")


@dataclass(slots=True)
class LadderPosition:
    """The object a `transitions` machine moves: it only needs a `state` attribute."""

    state: str


@dataclass(slots=True)
class PartyState:
    trust: float
    consent: LadderPosition
    exposure: float
    pressure: float
    probed: bool = False
    blamed: bool = False
    contacts: int = 0
    venue_accepted: str | None = None
    venues_proposed: set[str] = field(default_factory=set)
    consultations: int = 0
    grievance: float = 0.0
    """Hidden harm the party has not yet discovered (a distorted or withheld message); the
    clock draws each turn whether it comes to light."""


@dataclass(slots=True)
class GameState:
    turn: int
    escalation: float
    leak_risk: float
    circle: int
    channel: LadderPosition
    mandate: LadderPosition
    phase: LadderPosition
    parties: dict[str, PartyState]
    variables: dict[str, float | bool]
    inbox: list[str] = field(default_factory=list)
    message_status: dict[str, str] = field(default_factory=dict)
    arrived: set[str] = field(default_factory=set)
    chosen: set[str] = field(default_factory=set)
    fired: set[str] = field(default_factory=set)
    consulted: set[str] = field(default_factory=set)
    steps: set[str] = field(default_factory=set)
    venue: str | None = None
    venue_format: str | None = None
    meetings: int = 0
    back_channel_turns: int = 0
    waits_in_a_row: int = 0
    ending: str | None = None
    decisions: int = 0
    leak_peak: float = 0.0
    near_misses: list[str] = field(default_factory=list)

    def copy(self) -> GameState:
        return copy_state(self)


def initial_state(loaded: LoadedScenario) -> GameState:
    s = loaded.scenario
    return GameState(
        turn=1,
        escalation=float(s.clock.escalation),
        leak_risk=0.0,
        circle=0,
        channel=LadderPosition("none"),
        mandate=LadderPosition(s.envoy.mandate),
        phase=LadderPosition(s.phases.start),
        parties={
            pid: PartyState(
                trust=float(p.trust),
                consent=LadderPosition(p.consent),
                exposure=0.0,
                pressure=float(p.hardliner_pressure),
            )
            for pid, p in s.parties.items()
        },
        variables={name: (v.initial if isinstance(v.initial, bool) else float(v.initial)) for name, v in s.variables.items()},
    )


def lookup(state: GameState, loaded: LoadedScenario, name: str) -> Value:
    """The value of an expression name; the loader guarantees only declared names reach here."""
    getter = _GETTERS.get(name)
    if getter is None:
        getter = _GETTERS[name] = _getter(name)
    return getter(state, loaded)


Getter = Callable[[GameState, LoadedScenario], Value]
_GETTERS: dict[str, Getter] = {}
"""name -> how to read it. Expressions are evaluated thousands of times a game, so each name is
resolved once (the same name means the same thing in every scenario) instead of on every read."""

_RELAYED = ("verbatim", "softened", "distorted")


def reader(state: GameState, loaded: LoadedScenario) -> Callable[[str], Value]:
    """`lookup` bound to one state: the lookup function expressions are evaluated with."""

    def read(name: str) -> Value:
        getter = _GETTERS.get(name)
        return getter(state, loaded) if getter is not None else lookup(state, loaded, name)

    return read


def _getter(name: str) -> Getter:
    if name in _GLOBALS:
        return _GLOBALS[name]
    if name in CONSTANTS:
        constant = CONSTANTS[name]
        return lambda st, ld: constant
    prefix, _, key = name.partition(".")
    if prefix == "var":
        return lambda st, ld: st.variables[key]
    if prefix in _PARTY:
        read = _PARTY[prefix]
        return lambda st, ld: read(st.parties[key], ld, key)
    if prefix == "chosen":
        return lambda st, ld: key in st.chosen
    if prefix == "fired":
        return lambda st, ld: key in st.fired
    if prefix == "venue":
        return lambda st, ld: st.venue == key
    if prefix == "arrived":
        return lambda st, ld: key in st.arrived
    if prefix == "relayed":
        return lambda st, ld: st.message_status.get(key) in _RELAYED
    if prefix in ("softened", "distorted", "withheld", "published"):
        return lambda st, ld: st.message_status.get(key) == prefix
    raise KeyError(name)


_GLOBALS = {
    "turn": lambda st, ld: st.turn,
    "turns_left": lambda st, ld: max(ld.scenario.clock.turns - st.turn + 1, 0),
    "escalation": lambda st, ld: st.escalation,
    "leak_risk": lambda st, ld: st.leak_risk,
    "circle": lambda st, ld: st.circle,
    "meetings": lambda st, ld: st.meetings,
    "channel": lambda st, ld: CHANNEL_LEVELS.index(st.channel.state),
    "mandate": lambda st, ld: CONSTANTS[st.mandate.state],
}

_PARTY = {
    "trust": lambda p, ld, key: p.trust,
    "consent": lambda p, ld, key: CONSENT_LEVELS.index(p.consent.state),
    "exposure": lambda p, ld, key: p.exposure,
    "pressure": lambda p, ld, key: p.pressure,
    "probed": lambda p, ld, key: p.probed,
    "blamed": lambda p, ld, key: p.blamed,
    "contacts": lambda p, ld, key: p.contacts,
    "bad_faith": lambda p, ld, key: ld.scenario.parties[key].faith == "bad",
}


StateReader = Callable[[GameState], Value]

_CHANNEL_NUMBERS = {level: i for i, level in enumerate(CHANNEL_LEVELS)}
_CONSENT_NUMBERS = {level: i for i, level in enumerate(CONSENT_LEVELS)}
_PARTY_FIELDS = ("trust", "exposure", "pressure", "probed", "blamed", "contacts")


def bound_reader(name: str, loaded: LoadedScenario) -> StateReader | Const:
    """`lookup` of one name in one scenario, as a function of the state alone, or as the fixed
    value it has for the whole game (a ladder word, a party's faith). Conditions are bound to
    these once per scenario (`compiled.py`), so evaluating one looks no name up and makes one
    call per name read instead of two or three. The common names have their own readers here
    (a test checks each against `lookup` on played states); any other name reads through
    `_getter`, so a name added there works at once."""
    prefix, _, key = name.partition(".")
    if name == "turns_left":
        turns = loaded.scenario.clock.turns
        return lambda st: max(turns - st.turn + 1, 0)
    if name in ("turn", "escalation", "leak_risk", "circle", "meetings"):
        return attrgetter(name)
    if name == "channel":
        return lambda st: _CHANNEL_NUMBERS[st.channel.state]
    if name not in _GLOBALS and name in CONSTANTS:
        return Const(CONSTANTS[name])
    if prefix == "var":
        return lambda st: st.variables[key]
    if prefix == "bad_faith":
        return Const(loaded.scenario.parties[key].faith == "bad")
    if prefix == "consent":
        return lambda st: _CONSENT_NUMBERS[st.parties[key].consent.state]
    if prefix in _PARTY_FIELDS:
        field_of = attrgetter(prefix)
        return lambda st: field_of(st.parties[key])
    if prefix == "fired":
        return lambda st: key in st.fired
    if prefix == "chosen":
        return lambda st: key in st.chosen
    getter = _GETTERS.get(name) or _getter(name)
    return lambda st: getter(st, loaded)
