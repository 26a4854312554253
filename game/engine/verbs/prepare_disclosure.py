"""Prepare public lines with both sides for the day the secret contacts become known.

A secret channel is known sooner or later: by a leak, or because the parties move to an
official track. Leaders who agreed in advance what they will say (that the contacts were
exploratory, who asked whom, what was and was not conceded) can answer the press and their own
camps in the same words, instead of denying and then explaining. Each party that has accepted
at least contact and trusts the envoy enough (trust 35 or more) agrees its lines; once every
party has, the channel is prepared for disclosure.

Effect on disclosure (`common.backlash`): a party with lines suffers half the exposure of a leak
or an announcement (x0.5), its trust falls by 2 instead of 5 on a leak and by 3 instead of 8 on
an announcement; the escalation a leak causes scales with the parties' average backlash.

Offered while a back channel exists (including when the parties have agreed an official
meeting that will bring it into the open) and until every party has agreed its lines.
"""

from __future__ import annotations

from game.engine.outcome import Change, Move
from game.engine.turn import Turn
from game.engine.verbs.common import consent_at_least

VERB = "prepare_disclosure"
GROUP = "Back channel"

LINES_TRUST = 35
LINES_TRUST_GAIN = 1


def moves(turn: Turn) -> list[Move]:
    state = turn.state
    if state.channel.state != "back_channel" or state.disclosure_prepared:
        return []
    return [
        Move(
            VERB,
            VERB,
            "Prepare public lines for disclosure",
            "Agree with each leader what they will say when the secret contacts become known, by a leak or by announcement.",
            GROUP,
        )
    ]


def apply(turn: Turn, move: Move) -> None:
    state = turn.state
    for pid, party in state.parties.items():
        if party.lines_prepared:
            continue
        name = turn.party_name(pid)
        if not consent_at_least(turn, pid, "contact") or party.trust < LINES_TRUST:
            turn.reply(name, "We do not discuss with you what we would say in public. Not yet.")
            continue
        party.lines_prepared = True
        turn.outcome.changes.append(Change(f"lines_prepared.{pid}", False, True, f"{name} agreed its public lines for disclosure"))
        turn.adjust(f"trust.{pid}", LINES_TRUST_GAIN, "the envoy thought ahead for the day the contacts come out")
        turn.reply(name, "If this comes out, we will say the contacts were exploratory and that nothing was conceded.")
    if all(party.lines_prepared for party in state.parties.values()):
        state.disclosure_prepared = True
        turn.outcome.changes.append(Change("disclosure_prepared", False, True, "every side has its public lines ready"))
