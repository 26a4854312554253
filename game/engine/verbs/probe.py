"""Probe a party's intentions: test in private what it wants and how far it would go.

Probing never hands the envoy the hidden truth. Each probe adds one noisy observation of the
party's faith and may sense some of its red lines (`evidence.py`); the envoy reads evidence with
a confidence (low, medium, high) that grows as consistent observations add up. A party can be
probed up to three times, each time counting for less (weights 1, 0.75, 0.5)."""

from __future__ import annotations

from functools import lru_cache

from game.engine.evidence import PROBE_WEIGHTS, assess, observe_faith, sense_red_lines
from game.engine.outcome import Change, Move
from game.engine.turn import Turn
from game.engine.verbs.common import consent_at_least

VERB = "probe"
GROUP = "Analysis"


def moves(turn: Turn) -> list[Move]:
    found = []
    for pid, party in turn.state.parties.items():
        if party.probes >= len(PROBE_WEIGHTS) or not consent_at_least(turn, pid, "contact"):
            continue
        found.append(_move(pid, turn.party_name(pid), " again" if party.probes else ""))
    return found


@lru_cache(maxsize=1024)
def _move(pid: str, name: str, again: str) -> Move:
    """Made once per party (and first probe or not), not at every listing (a Move is never
    changed once made)."""
    return Move(
        f"{VERB}:{pid}",
        VERB,
        f"Probe {name}'s intentions{again}",
        f"Test in private what {name} really wants and how far it would go. What you learn is a reading, not a certainty.",
        GROUP,
        pid,
    )


def apply(turn: Turn, move: Move) -> None:
    pid = move.party or ""
    party = turn.state.parties[pid]
    name = turn.party_name(pid)
    party.probes += 1
    if not party.probed:
        party.probed = True
        turn.outcome.changes.append(Change(f"probed.{pid}", False, True, "the envoy probed the party's intentions"))
    weight = PROBE_WEIGHTS[party.probes - 1]
    evidence = observe_faith(turn, pid, "probe", weight=weight)
    turn.narrate(f"Probing {name}, you note {evidence.reading[0].lower()}{evidence.reading[1:]}.")
    for sensed in sense_red_lines(turn, pid, "probe", weight):
        turn.narrate(sensed.reading + ".")
    turn.narrate(f"Your reading of {name} so far: {assess(party).words}.")
