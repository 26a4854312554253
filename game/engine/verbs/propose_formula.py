"""Propose terms. Under a mediation mandate, after talks, a formula can break a deadlock;
under good offices alone it is overstepping, and the parties say so."""

from __future__ import annotations

from game.engine.outcome import Move
from game.engine.turn import Turn
from game.engine.verbs.common import bad_faith, one_rung_lower

VERB = "propose_formula"
GROUP = "Substance"


def moves(turn: Turn) -> list[Move]:
    return [Move(f"{VERB}:terms", VERB, "Propose terms for a settlement", "Put your own compromise formula on the table.", GROUP)]


def apply(turn: Turn, move: Move) -> None:
    state = turn.state
    if state.mandate.state != "mediation":
        for pid in state.parties:
            name = turn.party_name(pid)
            turn.adjust(f"trust.{pid}", -12, f"the envoy proposed terms {name} never asked for")
            turn.adjust(f"pressure.{pid}", 6, "hardliners denounce foreign meddling")
            if bad_faith(turn, pid) or state.parties[pid].pressure >= 60:
                turn.set_consent(pid, one_rung_lower(turn, pid), f"{name} narrowed its consent after the overstep")
            turn.reply(name, "You were asked to open a door, not to write our agreement.")
        return
    if state.meetings == 0:
        for pid in state.parties:
            turn.adjust(f"trust.{pid}", -4, "terms before any talks look like a plan imposed from outside")
        turn.narrate("With no talks held yet, the parties treat your formula as an outsider's plan.")
        return
    relief = 10 + (5 if "standby_experts" in state.consulted else 0)
    turn.adjust("escalation", -relief, "a formula gave both sides something to discuss")
    for pid in state.parties:
        turn.adjust(f"trust.{pid}", 2, "a proposal within the agreed mandate")
    turn.narrate("Both sides take your formula away to study it. The decision stays theirs.")
