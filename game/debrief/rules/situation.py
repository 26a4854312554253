"""Predicates and facts shared by the rule tables: the situation as the envoy could read it.

Each predicate's docstring is its condition in words; `docs/judging.md` quotes it.
"""

from __future__ import annotations

from game.debrief.decision import Decision
from game.scenario.names import CONSENT_LEVELS

CONSENT_WORDS = {"none": "no consent", "contact": "contact only", "good_offices": "good offices", "mediation": "mediation"}
RISING = 4.0
"""Escalation that rose by this much over the last two turns is climbing, whatever its level."""
INCIDENT_KINDS = ("incident", "spoiler")
CRISIS = 60
"""Escalation at which the crisis is hot whatever its trend (the engine's own line: parties accept an envoy
more readily and suspending good offices comes on offer)."""
WIDE_CIRCLE = 4
"""More people than this in the know of a secret channel is a wide circle: one threshold for every rule
(advice on the circle, secret meetings), so the debrief never calls the same circle small and wide."""


def in_the_know(circle: int) -> int:
    """People who know of a secret channel, as a report counts them: the engine's `circle`
    counts those the meetings brought in (two for a first meeting: one envoy from each side),
    and the third party in the room is one more."""
    return circle + 1


def number(value: float) -> str:
    return f"{value:.0f}"


def join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def names(d: Decision, pids: list[str]) -> str:
    return join([d.name(pid) for pid in pids])


def consent_index(d: Decision, pid: str, when: str = "before") -> int:
    view = d.before if when == "before" else d.after
    return CONSENT_LEVELS.index(view.party(pid).consent)


def option(name: str):  # type: ignore[no-untyped-def]
    """A predicate: the move's first option is `name` (`suspend:quiet` has option 'quiet')."""

    def check(d: Decision) -> bool:
        return d.target == name

    check.__doc__ = f"The option chosen was '{name}'"
    check.__name__ = f"option_{name}"
    return check


# -- the clock and the crisis --------------------------------------------------------------------
def escalation_climbing(d: Decision) -> bool:
    """Escalation had been climbing over the last two turns"""
    trail = d.before.escalation_trail
    return len(trail) >= 3 and trail[-1] - trail[-3] >= RISING


def short_of_crisis(d: Decision) -> bool:
    """Escalation stood under 60"""
    return d.before.escalation < CRISIS


def recent_incident(d: Decision) -> bool:
    """An incident or a spoiler's act had happened within the last two turns"""
    return any(kind in INCIDENT_KINDS and d.before.turn - turn <= 2 for turn, _, kind in d.before.events_seen)


def no_incident_yet(d: Decision) -> bool:
    """No incident or spoiler's act had happened yet"""
    return not any(kind in INCIDENT_KINDS for _, _, kind in d.before.events_seen)


def first_contact(d: Decision) -> bool:
    """The envoy had not yet been in touch with any party"""
    return all(p.contacts == 0 for p in d.before.parties)


def previous_withdrawal(d: Decision) -> str:
    """The party whose consent fell at the previous decision ('' if none)."""
    if d.previous is None:
        return ""
    for change in d.previous.changes:
        prefix, _, pid = change.name.partition(".")
        fell = prefix == "consent" and CONSENT_LEVELS.index(str(change.after)) < CONSENT_LEVELS.index(str(change.before))
        if fell and pid in d.scenario.parties:
            return pid
    return ""


def after_a_withdrawal(d: Decision) -> bool:
    """A party had pulled back its consent at the previous decision"""
    return bool(previous_withdrawal(d))


def idle_streak(d: Decision) -> int:
    return d.before.waits_in_a_row + 1


# -- messages --------------------------------------------------------------------------------
WARNING_KINDS = ("safety", "humanitarian")


def message_kind(d: Decision, mid: str) -> str:
    return str(getattr(d.message(mid), "kind", "ordinary"))


def warnings_waiting(d: Decision) -> list[str]:
    """Safety or humanitarian messages in the inbox that a move on offer could deliver."""
    offered = d.offered_keys()
    return [
        mid
        for mid in d.before.inbox
        if message_kind(d, mid) in WARNING_KINDS and any(f"relay:{mid}:{mode}" in offered for mode in ("verbatim", "softened", "agreed"))
    ]


def a_warning_was_waiting(d: Decision) -> bool:
    """A safety or humanitarian warning was in the inbox and could be delivered"""
    return bool(warnings_waiting(d))


def deliverable(d: Decision, mid: str) -> bool:
    offered = d.offered_keys()
    return any(f"relay:{mid}:{mode}" in offered for mode in ("verbatim", "softened", "agreed"))


SITTING_TURNS = 3
"""A message the envoy could deliver that has waited this many turns is sitting on the desk."""


def messages_sitting(d: Decision) -> list[str]:
    """Ordinary messages the envoy could have delivered for three turns or more."""
    found = []
    for mid in d.before.inbox:
        due = d.before.due_since(mid)
        if message_kind(d, mid) == "ordinary" and due is not None and d.before.turn - due >= SITTING_TURNS and deliverable(d, mid):
            found.append(mid)
    return found


def unanswered_request(d: Decision) -> list[str]:
    """Parties that asked for help and have not yet heard from the envoy."""
    return [p.id for p in d.before.parties if p.requested_help and p.contacts == 0]


def a_request_was_unanswered(d: Decision) -> bool:
    """A party had asked for help and the envoy had not yet answered it"""
    return bool(unanswered_request(d))


def initiative_on_offer(d: Decision) -> bool:
    """Moves other than waiting were on offer"""
    return any(m.verb != "wait" for m in d.offered)
