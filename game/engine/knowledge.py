"""What the envoy could know at one moment: the player's view of a GameState.

The debrief judges a decision only on this view, never on the hidden truth: a trainee cannot be
blamed or praised for what nobody could see. The view holds what the screens show (the clock,
escalation, the channel, the mandate, the phase, each party's trust, consent, agreed acts,
exposure and preconditions), what the parties said and sent (the inbox, the messages and what
became of them), what happened in the open (events as they fired, meetings, steps), the
envoy's own doings (contacts, consultations, probes) and the record of escalation turn by turn.

It leaves out what only the model knows: a party's faith, intentions and red lines, hardliner
pressure, hidden grievances, the leak risk as a number, near misses, and the scenario's own
variables. `tests/test_knowledge.py` proves that two states differing only there give equal
views.

Every field is immutable, so a view can be compared, hashed into a cache, and kept. The views
are named tuples rather than frozen dataclasses: a frozen dataclass's `__init__` sets each of
its fields through `object.__setattr__`, which made a view cost three times as much to build,
and the debrief builds one after every decision of every log of a class. (A named tuple equals
any tuple of the same values; views are only ever compared with views.)
"""

from __future__ import annotations

from typing import NamedTuple

from game.engine.evidence import Evidence, assess
from game.engine.state import GameState, lookup
from game.scenario.loader import LoadedScenario
from game.scenario.model import precondition_text


class PartyKnowledge(NamedTuple):
    id: str
    name: str
    trust: float
    consent: str
    agreed: frozenset[str]
    consent_note: str
    exposure: float
    contacts: int
    consultations: int
    probed: bool
    blamed: bool
    venue_accepted: str | None
    venues_proposed: frozenset[str]
    preconditions: tuple[str, ...]
    requested_help: bool
    probes: int
    evidence: tuple[Evidence, ...]
    """What the envoy observed of the party, with the noise it came with."""
    leaning: str
    """The reading of the evidence: 'bad' (signs of stalling), 'good' (wants a way out) or ''."""
    confidence: str
    """'none', 'low', 'medium' or 'high'."""
    stalling_raised: int
    circle_advice: tuple[tuple[str, str], ...]
    cabinet_briefed: bool
    lines_prepared: bool
    asked_first: bool

    @property
    def seems_to_stall(self) -> bool:
        """The evidence leans to stalling with at least medium confidence."""
        return self.leaning == "bad" and self.confidence in ("medium", "high")


class Knowledge(NamedTuple):
    turn: int
    turns_left: int
    escalation: float
    escalation_trail: tuple[float, ...]
    """Escalation at the start of every turn so far, oldest first: the trend the envoy watched."""
    channel: str
    mandate: str
    phase: str
    parties: tuple[PartyKnowledge, ...]
    inbox: tuple[str, ...]
    message_status: tuple[tuple[str, str], ...]
    message_due: tuple[tuple[str, int], ...]
    """(message, turn it arrived and became due to be carried)."""
    message_delivered: tuple[tuple[str, int], ...]
    message_late: frozenset[str]
    message_overdue: frozenset[str]
    message_tone: tuple[tuple[str, str], ...]
    """The tone of messages their sender reformulated."""
    via_liaison: frozenset[str]
    arrived: frozenset[str]
    events_seen: tuple[tuple[int, str, str], ...]
    """(turn, event id, kind) of every event the envoy saw, in order."""
    chosen: frozenset[str]
    steps: frozenset[str]
    consulted: frozenset[str]
    venue: str | None
    venue_format: str | None
    meetings: int
    circle: int
    back_channel_turns: int
    last_traffic: int
    waits_in_a_row: int
    decisions: int
    ending: str | None
    suspended: str | None
    suspended_since: int
    minimal_line: str | None
    withdrawn: bool
    disclosure_prepared: bool

    def party(self, pid: str) -> PartyKnowledge:
        for party in self.parties:
            if party.id == pid:
                return party
        raise KeyError(pid)

    def status(self, mid: str) -> str | None:
        return dict(self.message_status).get(mid)

    def due_since(self, mid: str) -> int | None:
        return dict(self.message_due).get(mid)

    def tone(self, mid: str, written: str) -> str:
        """A message's tone now: as written, unless its sender reformulated it."""
        return dict(self.message_tone).get(mid, written)


def open_preconditions(state: GameState, loaded: LoadedScenario, pid: str) -> tuple[str, ...]:
    """The party's preconditions that are not met yet: every plain one, and each written with
    `until` whose condition does not hold now. What the party card shows and the envoy knows."""
    found = []
    for precondition in loaded.scenario.parties[pid].preconditions:
        if not isinstance(precondition, str) and precondition.until is not None:
            condition = loaded.expressions.conditions[precondition.until]
            if condition.evaluate(lambda name: lookup(state, loaded, name)):
                continue
        found.append(precondition_text(precondition))
    return tuple(found)


def knowledge(state: GameState, loaded: LoadedScenario) -> Knowledge:
    scenario = loaded.scenario
    return Knowledge(
        turn=state.turn,
        turns_left=max(scenario.clock.turns - state.turn + 1, 0),
        escalation=state.escalation,
        escalation_trail=tuple(state.escalation_trail),
        channel=state.channel.state,
        mandate=state.mandate.state,
        phase=state.phase.state,
        parties=tuple(
            PartyKnowledge(
                id=pid,
                name=scenario.parties[pid].name,
                trust=party.trust,
                consent=party.consent.state,
                agreed=frozenset(party.agreed),
                consent_note=party.consent_note,
                exposure=party.exposure,
                contacts=party.contacts,
                consultations=party.consultations,
                probed=party.probed,
                blamed=party.blamed,
                venue_accepted=party.venue_accepted,
                venues_proposed=frozenset(party.venues_proposed),
                preconditions=open_preconditions(state, loaded, pid),
                requested_help=scenario.parties[pid].request is not None,
                probes=party.probes,
                evidence=tuple(party.evidence),
                leaning=(reading := assess(party)).leaning,
                confidence=reading.confidence,
                stalling_raised=party.stalling_raised,
                circle_advice=tuple(sorted(party.circle_advice.items())),
                cabinet_briefed=party.cabinet_briefed,
                lines_prepared=party.lines_prepared,
                asked_first=party.asked_first,
            )
            for pid, party in state.parties.items()
        ),
        inbox=tuple(state.inbox),
        message_status=tuple(sorted(state.message_status.items())),
        message_due=tuple(sorted(state.message_due.items())),
        message_delivered=tuple(sorted(state.message_delivered.items())),
        message_late=frozenset(state.message_late),
        message_overdue=frozenset(state.message_overdue),
        message_tone=tuple(sorted(state.message_tone.items())),
        via_liaison=frozenset(state.via_liaison),
        arrived=frozenset(state.arrived),
        events_seen=tuple(state.events_seen),
        chosen=frozenset(state.chosen),
        steps=frozenset(state.steps),
        consulted=frozenset(state.consulted),
        venue=state.venue,
        venue_format=state.venue_format,
        meetings=state.meetings,
        circle=state.circle,
        back_channel_turns=state.back_channel_turns,
        last_traffic=state.last_traffic,
        waits_in_a_row=state.waits_in_a_row,
        decisions=state.decisions,
        ending=state.ending,
        suspended=state.suspended,
        suspended_since=state.suspended_since,
        minimal_line=state.minimal_line,
        withdrawn=state.withdrawn,
        disclosure_prepared=state.disclosure_prepared,
    )
