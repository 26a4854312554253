"""Raise stalling in private: tell a party, face to face, that it seems to be playing for time.

This is how an envoy names stalling without going public. A party that is in fact stalling (in
bad faith) may be pushed to move, or may bristle; a party in good faith is offended, since it is
being accused of what it is not doing, though it may take the point in its stride. The answers
sound the same from both (a party that moves gives dates; one that is offended protests), so
the envoy learns from the exchange only what its evidence shows: every raising adds one
observation (`evidence.py`, source raise_stalling).

Offered to a party that has accepted at least contact, once the envoy has met it (an approach)
and either a meeting has been held or the envoy's evidence already shows signs of stalling; at
most twice per party. All outcomes are seeded draws.
"""

from __future__ import annotations

from functools import lru_cache

from game.engine.evidence import assess, observe_faith
from game.engine.outcome import Change, Move
from game.engine.turn import Turn
from game.engine.verbs.common import bad_faith, consent_at_least

VERB = "raise_stalling"
GROUP = "Analysis"

MAX_RAISES = 2
OFFENDED_CHANCE = 0.8
"""Chance that a party in good faith is offended (otherwise it takes the point and moves)."""
MOVED = "We have heard you. Our delegation will come with dates."
PROTESTED = "We are here in good faith, and we resent the suggestion."


def push_chance(trust: float) -> float:
    """Chance that a party in bad faith is pushed to move: 0.3 + trust/200, from 0.1 to 0.8."""
    return min(max(0.3 + trust / 200, 0.1), 0.8)


def moves(turn: Turn) -> list[Move]:
    found = []
    for pid, party in turn.state.parties.items():
        if party.stalling_raised >= MAX_RAISES or party.contacts < 1 or not consent_at_least(turn, pid, "contact"):
            continue
        if turn.state.meetings < 1 and assess(party).leaning != "bad":
            continue
        found.append(_move(pid, turn.party_name(pid)))
    return found


@lru_cache(maxsize=1024)
def _move(pid: str, name: str) -> Move:
    """Made once per party, not at every listing (a Move is never changed once made)."""
    return Move(
        f"{VERB}:{pid}",
        VERB,
        f"Raise stalling with {name} in private",
        f"Tell {name}'s leadership, privately, that it seems to be playing for time. It may move, or take offence.",
        GROUP,
        pid,
    )


def apply(turn: Turn, move: Move) -> None:
    pid = move.party or ""
    party = turn.state.parties[pid]
    name = turn.party_name(pid)
    party.stalling_raised += 1
    turn.outcome.changes.append(
        Change(f"stalling_raised.{pid}", party.stalling_raised - 1, party.stalling_raised, f"the envoy raised stalling with {name}")
    )
    if bad_faith(turn, pid):
        if turn.draw(f"stalling:{pid}", push_chance(party.trust)):
            turn.adjust(f"trust.{pid}", -2, f"{name} did not like being pressed")
            turn.adjust("escalation", -3, f"{name} offered dates after being pressed in private")
            turn.reply(name, MOVED)
        else:
            turn.adjust(f"trust.{pid}", -5, f"{name} bristled at being called a staller")
            turn.adjust(f"pressure.{pid}", 3, f"{name}'s hardliners hear that the envoy doubts them")
            turn.reply(name, PROTESTED)
    elif turn.draw(f"stalling:{pid}", OFFENDED_CHANCE):
        turn.adjust(f"trust.{pid}", -8, f"{name} was offended to be accused of stalling")
        turn.reply(name, PROTESTED)
    else:
        turn.adjust(f"trust.{pid}", -3, f"{name} took the point, though it did not like it")
        turn.adjust("escalation", -2, f"{name} offered dates after being pressed in private")
        turn.reply(name, MOVED)
    evidence = observe_faith(turn, pid, "raise_stalling")
    turn.narrate(f"What the exchange tells you: {evidence.reading[0].lower()}{evidence.reading[1:]}.")
    turn.narrate(f"Your reading of {name} so far: {assess(party).words}.")
