"""The careful envoy: the continuation policy the review by search plays after each candidate move.

To value a move, the review plays the game on from it many times (`review.py`). Someone has to
make the moves after it: this policy, a fixed order of priorities that a careful envoy follows,
taken from the practice the rules table judges (`docs/judging.md`). It is cheap (it lists only the
verbs its priorities reach: `careful_move_now`), deterministic (the same state and moves always give the same choice; the
only chance in a continuation is the engine's own draws) and blind to hidden truth: it reads
only what the envoy could know (consent, trust, contacts, the inbox and each message's kind,
the venue agreed, the channel, meetings, the reading of the evidence, the scenario's public
facts and its authors' annotations of its own choices), never a party's faith, hardliner
pressure, hidden grievances, the leak risk or the scenario's variables.
`tests/test_debrief_review.py` checks that changing only those never changes its choice.

The priorities, first that applies wins (ties in the order the engine lists the moves):

1. Resume good offices if they are suspended.
2. Deliver a safety or humanitarian warning that is waiting (in the wording the sender agreed,
   else softened, else word for word).
3. Answer a party that asked for help and has not yet heard from the envoy.
4. Offer good offices to a party that has not accepted the envoy (least contacted first).
5. In a back channel with three turns or more left: prepare public lines for disclosure,
   before the next message is carried (a leak can come any day once the channel runs; lines
   prepared after it come too late).
6. Deliver every other message that is waiting, the same way.
7. Seek good offices from a party at contact whose trust (40, the engine's threshold, which the
   party cards teach) allows it.
8. The scenario's own choices that its author marked only as honouring principles, the
   weightiest first (an author's breach or missed opportunity is never played).
9. In a back channel: prepare public lines for disclosure (if not done yet, in the last turns);
   advise a party to narrow a circle of more than four.
10. A meeting every party agreed and that moves the channel on (a first open meeting, a secret
   meeting that opens a back channel, a back channel or proximity talks moved to an official
   format): first probe each party not yet probed (before the first talks, and before leaving a
   back channel: testing intentions is what a back channel is for) and raise stalling in private where the
   reading of the evidence leans to it with at least medium confidence, then convene it with
   simultaneous invitations.
11. No venue agreed yet (or a party no longer holds to it), or the agreed format is behind the
    channel: propose the most neutral
    and discreet venue on neither side's soil; a secret meeting while public preconditions
    block talks and none were held, proximity talks from no channel, talks between technical
    delegations from a back channel, proximity talks or contacts gone public.
12. A confidence-building step not yet taken.
13. Seek good offices from any party that accepted contact only.
14. Probe a party not yet probed; consult the analysts, then the standby experts.
15. Keep the line working: convene an agreed secret meeting still waiting for a quiet channel,
    convene the agreed open meeting again, shuttle (not while a secret meeting waits to be
    convened), call for restraint while escalation
    climbs, keep the least-consulted party informed; wait only when nothing else is on offer.

Never: a distorted, withheld or published message, a message's wording reworked (a draw and a
turn), blame or an announcement, a venue on one side's soil or hardly neutral, a leaders'
meeting, one side seen to ask first, a formula or a request for a wider mandate (a formula is
the parties' own business, and the mandate is never sought for its own sake), suspending or
ending good offices, widening a circle, and approaches that leave one side seen three times more
than the other.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Protocol, cast

from game.engine.consent import meeting_act
from game.engine.evidence import assess
from game.engine.machines import Machines
from game.engine.outcome import Move, Outcome, key_verb
from game.engine.session import OPENING_MOVE, Session, available_moves
from game.engine.state import GameState
from game.engine.turn import Turn
from game.engine.verbs import VERB_MODULES
from game.engine.verbs.common import allowed_while_suspended, verb_enabled
from game.scenario.loader import LoadedScenario
from game.scenario.model import Scenario

DELIVERY_ORDER = ("agreed", "softened", "verbatim")
WARNING_KINDS = ("safety", "humanitarian")
SIDELINED_GAP = 3
"""An approach that would leave a party seen this many times more than another is skipped
(the rules call it lopsided)."""
NEUTRAL = 50
"""A venue is neutral enough at this neutrality (the rules' `venue-partial-ground` line)."""
WIDE_CIRCLE = 4
EARLY_DISCLOSURE_TURNS = 3
"""With this many turns left or more (the public clock), lines for disclosure come before the
next message: a leak could still come and matter. Fewer, and closing comes first."""
CLIMBING = 4.0
GOOD_OFFICES_TRUST = 40
"""The trust at which a party at contact is asked for good offices early (the engine's
threshold, which a player learns from the party cards)."""


def careful_move(loaded: LoadedScenario, state: GameState, moves: Sequence[Move]) -> Move:
    """The careful envoy's move among `moves` (the moves on offer in `state`)."""
    return _choose(loaded.scenario, state, Listed(moves))


def careful_move_now(loaded: LoadedScenario, machines: Machines, state: GameState) -> Move:
    """The same move as `careful_move(loaded, state, available_moves(...))`, found by listing
    only the verbs the priorities reach (the search plays thousands of these)."""
    return _choose(loaded.scenario, state, Lazy(loaded, machines, state))


def play_carefully(session: Session, limit: int) -> None:
    """Play the careful envoy's moves on `session` until the ending or `limit` decisions."""
    loaded = session.loaded
    for _ in range(limit):
        if session.state.ending is not None:
            return
        session.choose(careful_move(loaded, session.state, session.moves()))


def avoided(scenario: Scenario, state: GameState, move: Move, offered: frozenset[str]) -> bool:
    """Whether the careful envoy would never make this move (the "never" list above, where the
    rules call it a breach): a distorted or published message, a message withheld although it
    could be delivered, blame or an announcement, a venue on one side's soil or hardly neutral,
    one side seen to ask first, a formula under good offices or before any talks. The review
    never takes such a move as its benchmark, whatever the rules table says of it."""
    verb = move.verb
    if verb == "relay":
        if move.mode == "withhold":
            return any(f"relay:{move.target}:{m}" in offered for m in DELIVERY_ORDER)
        return move.mode in ("distorted", "publish")
    if verb == "public_statement":
        return move.target in ("blame", "announce")
    if verb == "propose_venue":
        venue = scenario.venues[move.target]
        return venue.territory is not None or venue.neutrality < NEUTRAL
    if verb == "convene":
        return move.mode == "first"
    if verb == "propose_formula":
        return state.mandate.state != "mediation" or state.meetings == 0
    return False


def _choose(scenario: Scenario, state: GameState, offer: Offer) -> Move:
    for key in _wishes(scenario, state, offer):
        found = offer.get(key)
        if found is not None:
            return found
    return offer.get("wait:") or offer.first()


# -- what is on offer ------------------------------------------------------------------------------
class Offer(Protocol):
    def get(self, key: str) -> Move | None: ...

    def of_verb(self, verb: str) -> list[Move]: ...

    def first(self) -> Move: ...


class Listed:
    """The moves on offer, listed in full by the caller."""

    def __init__(self, moves: Sequence[Move]) -> None:
        self._moves = moves
        self._keys = {m.key: m for m in moves}

    def get(self, key: str) -> Move | None:
        return self._keys.get(key)

    def of_verb(self, verb: str) -> list[Move]:
        return [m for m in self._moves if m.verb == verb]

    def first(self) -> Move:
        return self._moves[0]


class _NoDraws:
    def random(self) -> float:
        raise RuntimeError("a verb drew a random number while listing moves")


class Lazy:
    """The moves on offer, listed one verb at a time as the priorities ask, exactly as
    `session.available_moves` lists them (`tests/test_debrief_review.py` checks the two agree)."""

    def __init__(self, loaded: LoadedScenario, machines: Machines, state: GameState) -> None:
        self._loaded, self._machines, self._state = loaded, machines, state
        self._view = Turn(state, loaded, machines, cast(random.Random, _NoDraws()), Outcome(OPENING_MOVE, turn=state.turn))
        self._by_verb: dict[str, dict[str, Move]] = {}

    def _verb(self, verb: str) -> dict[str, Move]:
        found = self._by_verb.get(verb)
        if found is None:
            module = VERB_MODULES.get(verb)
            view = self._view
            if module is None or self._state.ending is not None or (verb != "choice" and not verb_enabled(view, verb)):
                found = {}
            else:
                moves = module.moves(view)
                if self._state.suspended is not None:
                    moves = [m for m in moves if allowed_while_suspended(view, m)]
                found = {m.key: m for m in moves}
            self._by_verb[verb] = found
        return found

    def get(self, key: str) -> Move | None:
        return self._verb(key_verb(key)).get(key)

    def of_verb(self, verb: str) -> list[Move]:
        return list(self._verb(verb).values())

    def first(self) -> Move:
        return available_moves(self._loaded, self._machines, self._state, 0)[0]


# -- the priorities, as move keys to look for in order ---------------------------------------------
def _wishes(scenario: Scenario, state: GameState, offer: Offer):  # type: ignore[no-untyped-def]
    parties = state.parties
    if state.suspended is not None:
        yield "suspend:resume"
    messages = scenario.messages
    for mid in state.inbox:
        if messages[mid].kind in WARNING_KINDS:
            yield from _deliveries(mid)
    for pid, spec in scenario.parties.items():
        if spec.request is not None and parties[pid].contacts == 0:
            yield f"approach:{pid}"
    yield from _approaches(state, "none")
    early = scenario.clock.turns - state.turn + 1 >= EARLY_DISCLOSURE_TURNS
    if state.channel.state == "back_channel" and early:
        yield "prepare_disclosure"
    for mid in state.inbox:
        yield from _deliveries(mid)
    yield from _approaches(state, "contact", trust=GOOD_OFFICES_TRUST)
    yield from _honoured_choices(scenario, offer)
    channel = state.channel.state
    if channel == "back_channel":
        yield "prepare_disclosure"
    if channel == "back_channel" and state.circle > WIDE_CIRCLE:
        for pid in parties:
            yield f"advise_circle:{pid}:narrow"
    meeting = _meeting_moves_on(state)
    if meeting:
        yield from _before_talks(state)
        yield "convene:talks"
    if _needs_venue(state, meeting):
        for vid in _neutral_venues(scenario):
            yield f"propose_venue:{vid}:{_format(scenario, state)}"
    for step in offer.of_verb("offer_step"):
        yield step.key
    yield from _approaches(state, "contact")
    if state.meetings == 0:
        for pid, party in parties.items():
            if not party.probed:
                yield f"probe:{pid}"
    yield "consult:analysts"
    yield "consult:standby_experts"
    if _secret_waiting(state):
        yield from _before_talks(state)
        yield "convene:talks"
    elif state.venue_format not in (None, "secret_meeting") and _held(state):
        yield "convene:talks"
    if not _secret_waiting(state):
        yield "convene:shuttle"
    trail = state.escalation_trail
    if len(trail) >= 3 and trail[-1] - trail[-3] >= CLIMBING:
        yield "public_statement:restraint"
    yield from _approaches(state, "good_offices")
    yield from _approaches(state, "mediation")
    yield "wait:"


def _before_talks(state: GameState):  # type: ignore[no-untyped-def]
    """Probe each party not yet probed before talks that move the channel on (the first talks, or
    the step out of a back channel: testing intentions is what a back channel is for); raise
    apparent stalling before any talks."""
    parties = state.parties
    for pid, party in parties.items():
        if not party.probed:
            yield f"probe:{pid}"
    for pid, party in parties.items():
        reading = assess(party)
        if party.stalling_raised == 0 and reading.leaning == "bad" and reading.confidence in ("medium", "high"):
            yield f"raise_stalling:{pid}"


def _held(state: GameState) -> bool:
    """A venue is agreed and every party still holds to it (none took it back by narrowing its
    consent, as a delegation that walks out does)."""
    if state.venue is None:
        return False
    act = meeting_act(state.venue, state.venue_format or "")
    return all(act in party.agreed for party in state.parties.values())


def _meeting_moves_on(state: GameState) -> bool:
    """Whether convening the agreed meeting now takes the channel a step further: a first open
    meeting, a secret meeting that opens a back channel (from no contact, messages through the
    envoy or proximity talks), or a back channel or proximity talks moved to an official format."""
    fmt, channel = state.venue_format, state.channel.state
    if fmt is None or not _held(state):
        return False
    if fmt == "secret_meeting":
        return channel in ("none", "indirect", "proximity")
    if fmt == "proximity_talks":
        return channel in ("none", "indirect", "back_channel")
    return channel != "official"


def _needs_venue(state: GameState, meeting: bool) -> bool:
    """No venue agreed yet, or the agreed format is behind the channel: a back channel, proximity
    talks or contacts gone public that should move to an official format."""
    if state.venue is None or not _held(state):
        return True
    if meeting or _secret_waiting(state):
        return False
    return state.venue_format in ("secret_meeting", "proximity_talks") and state.channel.state in ("back_channel", "proximity", "public")


def _secret_waiting(state: GameState) -> bool:
    """A secret meeting is agreed and no back channel is open yet."""
    return state.venue_format == "secret_meeting" and state.channel.state in ("none", "indirect", "proximity") and _held(state)


def _deliveries(mid: str):  # type: ignore[no-untyped-def]
    for mode in DELIVERY_ORDER:
        yield f"relay:{mid}:{mode}"


def _approaches(state: GameState, level: str, trust: float = 0.0):  # type: ignore[no-untyped-def]
    """Approaches to the parties at this consent level (and with at least this trust), least
    contacted first, never lopsided."""
    parties = state.parties
    at_level = sorted((p.contacts, i, pid) for i, (pid, p) in enumerate(parties.items()) if p.consent.state == level and p.trust >= trust)
    for contacts, _, pid in at_level:
        if all(contacts + 1 - other.contacts < SIDELINED_GAP for o, other in parties.items() if o != pid):
            yield f"approach:{pid}"


def _format(scenario: Scenario, state: GameState) -> str:
    channel = state.channel.state
    if channel in ("none", "indirect"):
        blocked = state.meetings == 0 and any(p.preconditions for p in scenario.parties.values())
        return "secret_meeting" if blocked else "proximity_talks"
    return "technical_delegations"


def _venue_order(scenario: Scenario) -> tuple[str, ...]:
    return _per_scenario(scenario)[0]


def _neutral_order(scenario: Scenario) -> tuple[str, ...]:
    neutral = [
        (-(v.neutrality + v.discretion), i, vid)
        for i, (vid, v) in enumerate(scenario.venues.items())
        if v.territory is None and v.neutrality >= NEUTRAL
    ]
    return tuple(vid for *_, vid in sorted(neutral))


def _neutral_venues(scenario: Scenario) -> tuple[str, ...]:
    return _venue_order(scenario)


_FACTS: dict[int, tuple[Scenario, tuple[tuple[str, ...], dict[str, int]]]] = {}
"""id of a scenario -> (the scenario, kept so the id is not reused; its venue order and choice ranks)."""


def _per_scenario(scenario: Scenario) -> tuple[tuple[str, ...], dict[str, int]]:
    found = _FACTS.get(id(scenario))
    if found is None or found[0] is not scenario:
        if len(_FACTS) >= 32:
            _FACTS.pop(next(iter(_FACTS)))
        found = (scenario, (_neutral_order(scenario), _choice_ranks(scenario)))
        _FACTS[id(scenario)] = found
    return found[1]


def _choice_ranks(scenario: Scenario) -> dict[str, int]:
    """Choices whose every annotation honours a principle -> their summed weight."""
    ranked = {}
    for cid, choice in scenario.choices.items():
        notes = choice.annotations
        if notes and all(n.verdict == "honoured" for n in notes):
            ranked[f"choice:{cid}"] = sum(n.weight for n in notes)
    return ranked


def _honoured_choices(scenario: Scenario, offer: Offer):  # type: ignore[no-untyped-def]
    rank = _per_scenario(scenario)[1]
    offered = [(-rank[m.key], i, m.key) for i, m in enumerate(offer.of_verb("choice")) if m.key in rank]
    for *_, key in sorted(offered):
        yield key
