"""The names an expression may read or assign, derived from what a scenario declares.

Both the loader (to resolve every name before anything is built) and the engine (to look
values up) use this one table, so a name the validator accepts is always one the engine knows.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.scenario.model import Scenario

CONSENT_LEVELS: tuple[str, ...] = ("none", "contact", "good_offices", "mediation")
CHANNEL_LEVELS: tuple[str, ...] = ("none", "indirect", "proximity", "back_channel", "official", "public")
"""How the parties actually communicate, from no contact at all to talks in public: messages
carried by the envoy (indirect), delegations in separate rooms (proximity), a secret track
(back_channel, also called `secret`), acknowledged talks (official), talks in the open (public)."""
MANDATE_LEVELS: tuple[str, ...] = ("good_offices", "mediation")

CONSTANTS: dict[str, int] = {
    "none": 0,
    "contact": 1,
    "good_offices": 2,
    "mediation": 3,
    "indirect": 1,
    "proximity": 2,
    "back_channel": 3,
    "secret": 3,
    "official": 4,
    "public": 5,
}
"""Ladder words compare as numbers: `consent.aurelia >= good_offices`, `channel >= official`.
The consent and mandate ladders share the words good_offices and mediation, so they share values.
Channel words keep their order from format 1 (back_channel < official < public), so comparisons
written then still mean the same; only bare numbers compared with `channel` changed."""

GLOBAL_READABLE = (
    "turn",
    "turns_left",
    "escalation",
    "leak_risk",
    "circle",
    "meetings",
    "channel",
    "mandate",
    "suspended",
    "disclosure_prepared",
)
GLOBAL_WRITABLE = ("escalation", "leak_risk", "circle", "channel", "mandate")
PARTY_READABLE = (
    "trust",
    "consent",
    "exposure",
    "pressure",
    "probed",
    "blamed",
    "bad_faith",
    "contacts",
    "asked_first",
    "stalling_raised",
    "lines_prepared",
    "cabinet_briefed",
)
PARTY_WRITABLE = ("trust", "consent", "exposure", "pressure")
MESSAGE_FLAGS = ("arrived", "relayed", "softened", "distorted", "withheld", "published")


def _prefixed(prefixes: Iterable[str], ids: Iterable[str]) -> set[str]:
    ids = list(ids)
    return {f"{prefix}.{item}" for prefix in prefixes for item in ids}


def readable_names(scenario: Scenario) -> set[str]:
    names = set(GLOBAL_READABLE) | set(CONSTANTS)
    names |= _prefixed(PARTY_READABLE, scenario.parties)
    names |= _prefixed(MESSAGE_FLAGS, scenario.messages)
    names |= _prefixed(("chosen",), scenario.choices)
    names |= _prefixed(("fired",), scenario.events)
    names |= _prefixed(("venue",), scenario.venues)
    names |= _prefixed(("var",), scenario.variables)
    return names


def writable_names(scenario: Scenario) -> set[str]:
    names = set(GLOBAL_WRITABLE)
    names |= _prefixed(PARTY_WRITABLE, scenario.parties)
    names |= _prefixed(("var",), scenario.variables)
    return names
