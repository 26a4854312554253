"""Ask the parties to widen the mandate from good offices to mediation. Only they can: each
must trust the envoy enough, and a party in bad faith wants a process without substance."""

from __future__ import annotations

from game.engine.outcome import Move
from game.engine.turn import Turn
from game.engine.verbs.common import all_consent_at_least, bad_faith

VERB = "request_mandate"
GROUP = "Mandate"

MEDIATION_TRUST = 60


_MEDIATION = Move(
    f"{VERB}:mediation",
    VERB,
    "Ask the parties to let you mediate",
    "Request authority to suggest terms, not only to carry messages.",
    GROUP,
)
"""Made once (a Move is never changed once made)."""


def moves(turn: Turn) -> list[Move]:
    if turn.state.mandate.state != "good_offices" or not all_consent_at_least(turn, "contact"):
        return []
    return [_MEDIATION]


def apply(turn: Turn, move: Move) -> None:
    refusing = []
    for pid, party in turn.state.parties.items():
        name = turn.party_name(pid)
        ready = party.consent.state == "good_offices" and party.trust >= MEDIATION_TRUST and party.pressure < 70
        if ready and not bad_faith(turn, pid):
            turn.reply(name, "We accept that you suggest ideas. We keep the right to reject them.")
        else:
            refusing.append(pid)
            turn.adjust(f"trust.{pid}", -3, f"{name} felt pushed")
            turn.reply(name, "Carry our messages. The substance is for us alone.")
    if refusing:
        return
    for pid in turn.state.parties:
        turn.set_consent(pid, "mediation", f"{turn.party_name(pid)} authorised mediation")
    turn.set("mandate", "mediation", "every party authorised the envoy to mediate")
