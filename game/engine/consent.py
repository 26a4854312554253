"""Consent act by act: what each party has agreed to, behind the ladder the player sees.

A party consents to specific things, and practitioners speak of them that way: contact with the
envoy; the envoy carrying its messages; a given meeting (venue and format); the envoy making
proposals (a mediation mandate). The ladder (none → contact → good offices → mediation) is the
summary: each rung implies a set of acts. Acts outside the ladder are recorded as they happen:
a meeting a party accepted, a message it handed the envoy to carry. A formal request for help,
written in the scenario, is consent to contact (and to whatever else the request says) from the
first turn. Consent can be withdrawn, narrowed and restored; the reason for the latest change is
kept in `consent_note`, so the player always sees why.
"""

from __future__ import annotations

from typing import Protocol

from game.scenario.model import Party
from game.scenario.names import CONSENT_LEVELS

LADDER_ACTS: dict[str, frozenset[str]] = {
    "none": frozenset(),
    "contact": frozenset({"contact"}),
    "good_offices": frozenset({"contact", "messages"}),
    "mediation": frozenset({"contact", "messages", "proposals"}),
}
"""The acts each rung of the ladder stands for."""

RUNG_ACTS = frozenset({"contact", "messages", "proposals"})


class _Position(Protocol):
    state: str


class _Consenting(Protocol):
    @property
    def consent(self) -> _Position: ...

    agreed: set[str]
    consent_note: str


def opening_consent(party: _Consenting, spec: Party) -> None:
    """The acts a party has agreed to before the first turn: its starting rung, and its request."""
    acts = set(LADDER_ACTS[party.consent.state])
    request = spec.request
    if request is not None:
        acts |= set(request.consents_to)
        party.consent.state = ladder_for(acts, party.consent.state)
        party.consent_note = f"{spec.name} asked for help: {request.summary}"
    party.agreed = acts


def ladder_for(acts: set[str], floor: str = "none") -> str:
    """The highest rung whose acts are all agreed, and never below `floor`."""
    best = CONSENT_LEVELS.index(floor)
    for index, level in enumerate(CONSENT_LEVELS):
        if LADDER_ACTS[level] <= acts:
            best = max(best, index)
    return CONSENT_LEVELS[best]


def follow_ladder(party: _Consenting, before: str, after: str, reason: str) -> None:
    """Keep the acts in step with a ladder move. Going up grants the rung's acts; going down
    takes back the acts above the new rung, and withdrawing altogether (none) also takes back
    every meeting and message the party had agreed to."""
    if before == after:
        return
    wanted = LADDER_ACTS[after]
    if CONSENT_LEVELS.index(after) > CONSENT_LEVELS.index(before):
        party.agreed |= wanted
    else:
        party.agreed -= RUNG_ACTS - wanted
        if after == "none":
            party.agreed.clear()
    party.consent_note = reason


def agree(party: _Consenting, act: str) -> bool:
    """Record one more act the party agreed to; False if it had already."""
    if act in party.agreed:
        return False
    party.agreed.add(act)
    return True


def meeting_act(venue: str, fmt: str) -> str:
    return f"meeting:{venue}:{fmt}"


def message_act(message: str) -> str:
    return f"message:{message}"


def meetings_agreed(party: _Consenting) -> list[tuple[str, str]]:
    """(venue, format) of every meeting the party agreed to, in a stable order."""
    found = []
    for act in sorted(party.agreed):
        kind, _, rest = act.partition(":")
        if kind == "meeting":
            venue, _, fmt = rest.partition(":")
            found.append((venue, fmt))
    return found
