"""GameState: everything that changes during play, as plain data that copies cheaply.

The ladders (consent, channel, mandate, phase) are stored as words; the `transitions`
machines in `machines.py` are built once per scenario and drive these words, so a state can be
copied to simulate an alternative move without copying any machine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from game.engine.consent import opening_consent
from game.engine.evidence import Evidence
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
    agreed: set[str] = field(default_factory=set)
    """What the party has consented to, act by act (see `consent.py`): `contact`, `messages`
    (the envoy carrying its messages), `proposals` (the envoy suggesting terms), one
    `meeting:<venue>:<format>` per meeting it accepted, one `message:<id>` per message it handed
    the envoy. The ladder in `consent` is the summary the player sees."""
    consent_note: str = ""
    """Why the party's consent last changed, as the player was told."""
    probes: int = 0
    """How often the envoy probed the party (each probe counts for less: `evidence.py`)."""
    evidence: list[Evidence] = field(default_factory=list)
    """What the envoy has observed of the party, with noise; `evidence.assess` reads it."""
    stalling_raised: int = 0
    """How often the envoy raised stalling with the party in private."""
    circle_advice: dict[str, str] = field(default_factory=dict)
    """The envoy's advice on the back channel's circle ('narrow', 'widen') -> the party's
    answer ('accepted' or 'declined')."""
    cabinet_briefed: bool = False
    """The party widened the circle to its cabinet: the domestic ground is prepared, so a
    disclosure costs it less."""
    lines_prepared: bool = False
    """The party agreed public lines for the day the contacts become known."""
    asked_first: bool = False
    """The party was seen to ask first for a meeting (a face cost)."""


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
    """How each message was handled. Final: `verbatim`, `softened`, `agreed` (the wording the
    sender approved), `distorted`, `withheld`, `published`. While it still waits in the inbox:
    `wording_agreed` (the sender approved a gentler wording), `reformulated` (the sender reworded
    it), `reformulation_refused`."""
    arrived: set[str] = field(default_factory=set)
    message_due: dict[str, int] = field(default_factory=dict)
    """The turn each message arrived in the inbox, from when its delivery was due."""
    message_delivered: dict[str, int] = field(default_factory=dict)
    """The turn each message reached its recipient (verbatim, softened, agreed or distorted);
    absent: never delivered (still waiting, withheld or published)."""
    message_late: set[str] = field(default_factory=set)
    """Messages delivered after their deadline (`deliver_within`)."""
    message_overdue: set[str] = field(default_factory=set)
    """Messages whose deadline passed while they were undelivered (a later delivery does not
    take them out; it puts them in `message_late` too)."""
    message_tone: dict[str, str] = field(default_factory=dict)
    """The tone of a message its sender reformulated (absent: the tone it was written in)."""
    via_liaison: set[str] = field(default_factory=set)
    """Messages delivered through the recipient's liaison because it had not accepted contact."""
    chosen: set[str] = field(default_factory=set)
    fired: set[str] = field(default_factory=set)
    consulted: set[str] = field(default_factory=set)
    steps: set[str] = field(default_factory=set)
    venue: str | None = None
    venue_format: str | None = None
    meetings: int = 0
    back_channel_turns: int = 0
    last_traffic: int = 0
    """The last turn a message crossed or the parties met (0: never): an indirect channel that
    carries nothing lapses."""
    waits_in_a_row: int = 0
    ending: str | None = None
    decisions: int = 0
    leak_peak: float = 0.0
    near_misses: list[str] = field(default_factory=list)
    escalation_trail: list[float] = field(default_factory=list)
    """Escalation at the start of each turn, as the envoy watched it (the trend timing reads)."""
    events_seen: list[tuple[int, str, str]] = field(default_factory=list)
    """(turn, event id, kind) of every event that fired, as the envoy saw it happen."""
    suspended: str | None = None
    """'quiet' or 'public' while the envoy's good offices are suspended, else None."""
    suspended_since: int = 0
    """The turn of the latest suspension (0: never suspended)."""
    minimal_line: str | None = None
    """'humanitarian' or 'technical' while such a line is kept open during a suspension."""
    withdrawn: bool = False
    """The envoy ended good offices: the session ends at `clock.on_withdrawal`."""
    disclosure_prepared: bool = False
    """Every party agreed public lines for the disclosure of the secret channel."""

    def copy(self) -> GameState:
        return copy_state(self)


def initial_state(loaded: LoadedScenario) -> GameState:
    s = loaded.scenario
    state = GameState(
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
    for pid, party in state.parties.items():
        opening_consent(party, s.parties[pid])
    state.escalation_trail.append(state.escalation)
    return state


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

_RELAYED = ("verbatim", "softened", "agreed", "distorted")
_SOFTENED = ("softened", "agreed")


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
    if prefix == "softened":  # the wording the sender agreed is the softened text too
        return lambda st, ld: st.message_status.get(key) in _SOFTENED
    if prefix in ("distorted", "withheld", "published"):
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
    "suspended": lambda st, ld: st.suspended is not None,
    "disclosure_prepared": lambda st, ld: st.disclosure_prepared,
}

_PARTY = {
    "trust": lambda p, ld, key: p.trust,
    "consent": lambda p, ld, key: CONSENT_LEVELS.index(p.consent.state),
    "exposure": lambda p, ld, key: p.exposure,
    "pressure": lambda p, ld, key: p.pressure,
    "probed": lambda p, ld, key: p.probed,
    "blamed": lambda p, ld, key: p.blamed,
    "contacts": lambda p, ld, key: p.contacts,
    "asked_first": lambda p, ld, key: p.asked_first,
    "stalling_raised": lambda p, ld, key: p.stalling_raised,
    "lines_prepared": lambda p, ld, key: p.lines_prepared,
    "cabinet_briefed": lambda p, ld, key: p.cabinet_briefed,
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
