"""Propose terms. Under a mediation mandate, after talks, a formula can break a deadlock;
under good offices alone it is overstepping, and the parties say so."""

from __future__ import annotations

from game.engine.outcome import Move
from game.engine.turn import Turn
from game.engine.verbs.common import bad_faith, one_rung_lower
from game.engine.verbs.judgement import Judgement, Situation

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


# -- debrief judgement ---------------------------------------------------------------------------
def judge(s: Situation) -> list[Judgement]:
    parties = s.names(s.all_parties())
    found: list[Judgement] = []
    if s.before.mandate.state != "mediation":
        found += [
            Judgement(
                "mandate",
                "breached",
                3,
                f"You proposed terms while your mandate covered good offices only, and {parties} had not authorised substantive proposals.",
                "seed-000-limits",
            ),
            Judgement(
                "ownership",
                "breached",
                2,
                f"The terms were yours, not theirs: {parties} were asked to react to an outsider's plan instead of shaping their own.",
                "guidance-2012-ownership",
            ),
        ]
    elif s.before.meetings == 0:
        found += [
            Judgement(
                "timing",
                "breached",
                2,
                "You pushed a settlement formula before the parties had met even once; "
                "a grand design before any channel exists looks imposed.",
                "seed-000-useful",
            ),
            Judgement(
                "ownership", "breached", 1, f"Without talks, the formula could only be yours, not {parties}'.", "guidance-2012-ownership"
            ),
        ]
    else:
        found.append(
            Judgement(
                "mandate",
                "honoured",
                2,
                f"With a mediation mandate from {parties} and "
                f"{s.count(s.before.meetings, 'meeting')} held, a formula was within your "
                f"role and gave the talks something to work on.",
                "seed-000-mediation",
            )
        )
    if "standby_experts" not in s.before.consulted:
        found.append(
            Judgement(
                "preparedness",
                "breached",
                1,
                "You drafted terms on specialised issues without the standby experts: an improvised formula.",
                "standby-2008",
            )
        )
    return found
