"""Approach a party: offer good offices, seek consent one rung at a time, or keep it informed.

Consent comes in stages. A party accepts contact more readily than good offices, and a crisis
makes either easier to accept. A party in bad faith accepts quickly: a process is good cover.
"""

from __future__ import annotations

from functools import lru_cache

from game.engine.outcome import Move
from game.engine.turn import Turn
from game.engine.verbs.common import bad_faith, others

VERB = "approach"
GROUP = "Consent"

CONTACT_TRUST = 25
GOOD_OFFICES_TRUST = 40
SIDELINED_GAP = 3
CONSULT_GAINS = (3, 2, 1, 0)


def moves(turn: Turn) -> list[Move]:
    found = []
    for pid, party in turn.state.parties.items():
        level = party.consent.state
        found.append(_move(pid, turn.party_name(pid), level if level in ("none", "contact") else "consult"))
    return found


@lru_cache(maxsize=1024)
def _move(pid: str, name: str, kind: str) -> Move:
    """The move for a party at a consent level (`kind`: none, contact, or consult for any
    higher level); made once, not at every listing (a Move is never changed once made)."""
    if kind == "none":
        label, text = f"Offer good offices to {name}", f"Ask {name} to accept you as a channel to the other side."
    elif kind == "contact":
        label, text = (
            f"Seek {name}'s consent to good offices",
            f"Ask {name} to let you arrange contact and carry messages on its behalf.",
        )
    else:
        label, text = f"Consult {name} on the process", f"Meet {name}'s leadership to keep them informed and hear their concerns."
    return Move(f"{VERB}:{pid}", VERB, label, text, GROUP, pid)


def apply(turn: Turn, move: Move) -> None:
    pid = move.party or ""
    party = turn.state.parties[pid]
    name = turn.party_name(pid)
    party.contacts += 1
    crisis_bonus = 10 if turn.state.escalation >= 60 else 0
    faith_bonus = 10 if bad_faith(turn, pid) else 0
    level = party.consent.state
    if level == "none":
        if party.trust + crisis_bonus + faith_bonus >= CONTACT_TRUST:
            turn.set_consent(pid, "contact", f"{name} accepted contact with the envoy")
            turn.adjust(f"trust.{pid}", 3, "the envoy asked before acting")
            turn.reply(name, "We will receive your envoy. This is not a negotiation.")
        else:
            turn.adjust(f"trust.{pid}", 4, "a respectful offer, even when declined, builds some trust")
            turn.reply(name, "We see no need for intermediaries at this time.")
    elif level == "contact":
        blocked = party.pressure >= 80 and not bad_faith(turn, pid)
        if party.trust + crisis_bonus + faith_bonus >= GOOD_OFFICES_TRUST and not blocked:
            turn.set_consent(pid, "good_offices", f"{name} accepted the envoy's good offices")
            turn.adjust(f"trust.{pid}", 2, "consent widened step by step")
            turn.reply(name, "You may carry our messages and arrange contact. The substance remains ours.")
        else:
            turn.adjust(f"trust.{pid}", 2, "steady contact builds trust")
            reason = "Our hardliners would not accept it now." if blocked else "It is too early. Show us the other side is serious."
            turn.reply(name, reason)
    else:
        # Keeping a party informed matters, but repeating it has diminishing returns.
        gain = CONSULT_GAINS[min(party.consultations, len(CONSULT_GAINS) - 1)]
        party.consultations += 1
        if gain:
            turn.adjust(f"trust.{pid}", gain, "the party was kept informed")
        if party.consultations <= 2:
            turn.adjust(f"pressure.{pid}", -2, "a visible process calms hardliners a little")
        turn.reply(name, "We appreciate being consulted." if gain else "You have told us this already.")
    for other in others(turn, pid):
        gap = party.contacts - turn.state.parties[other].contacts
        if gap >= SIDELINED_GAP:
            turn.adjust(f"trust.{other}", -6, f"{turn.party_name(other)} sees the envoy spending far more time with {name}")
