"""GameState: everything that changes during play, as plain data that copies cheaply.

The ladders (consent, channel, mandate, phase) are stored as words; the `transitions`
machines in `machines.py` are built once per scenario and drive these words, so a state can be
copied to simulate an alternative move without copying any machine.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

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
    contacts: int = 0
    venue_accepted: str | None = None
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
        return copy.deepcopy(self)


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
    if name in _GLOBALS:
        return _GLOBALS[name](state, loaded)
    if name in CONSTANTS:
        return CONSTANTS[name]
    prefix, _, key = name.partition(".")
    if prefix == "var":
        return state.variables[key]
    if prefix in _PARTY:
        return _PARTY[prefix](state.parties[key], loaded, key)
    if prefix == "chosen":
        return key in state.chosen
    if prefix == "fired":
        return key in state.fired
    if prefix == "venue":
        return state.venue == key
    if prefix == "arrived":
        return key in state.arrived
    if prefix in ("relayed", "softened", "distorted", "withheld", "published"):
        status = state.message_status.get(key)
        if prefix == "relayed":
            return status in ("verbatim", "softened", "distorted")
        return status == prefix
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
    "contacts": lambda p, ld, key: p.contacts,
    "bad_faith": lambda p, ld, key: ld.scenario.parties[key].faith == "bad",
}
