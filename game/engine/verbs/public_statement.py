"""Public statements: a call for restraint is safe; announcing secret contacts exposes the
parties; blaming one side spends the envoy's impartiality in a sentence."""

from __future__ import annotations

from functools import lru_cache

from game.engine.outcome import Move
from game.engine.turn import Turn
from game.engine.verbs.common import backlash, expose, one_rung_lower, others

VERB = "public_statement"
GROUP = "Public words"


_RESTRAINT = Move(
    f"{VERB}:restraint",
    VERB,
    "Call publicly for restraint",
    "A short statement urging both sides to avoid steps that raise tension.",
    GROUP,
)
_ANNOUNCE = Move(f"{VERB}:announce", VERB, "Announce that the parties are talking", "Tell the press that contacts are under way.", GROUP)


def moves(turn: Turn) -> list[Move]:
    found = [_RESTRAINT]
    if turn.state.meetings > 0 and turn.state.channel.state != "public":
        found.append(_ANNOUNCE)
    for pid in turn.state.parties:
        found.append(_blame(pid, turn.party_name(pid)))
    return found


@lru_cache(maxsize=1024)
def _blame(pid: str, name: str) -> Move:
    """Made once per party, not at every listing (a Move is never changed once made)."""
    return Move(
        f"{VERB}:blame:{pid}",
        VERB,
        f"Blame {name} for the deadlock",
        f"Say publicly that {name} is the obstacle to progress.",
        GROUP,
        pid,
    )


def apply(turn: Turn, move: Move) -> None:
    kind = move.target
    if kind == "restraint":
        turn.adjust("escalation", -2, "a call for restraint from a respected voice")
        turn.narrate("Your statement is widely reported and changes little, which is what it was for.")
    elif kind == "announce":
        turn.set_channel("public", "the envoy announced the contacts")
        for pid, party in turn.state.parties.items():
            if party.lines_prepared:
                expose(turn, pid, 20 * backlash(turn, pid), f"{turn.party_name(pid)}'s contacts became public, on lines it had agreed")
                turn.adjust(f"trust.{pid}", -3, "the envoy went public, on lines agreed beforehand")
            else:
                expose(turn, pid, 20 * backlash(turn, pid), f"{turn.party_name(pid)}'s contacts became public without its agreement")
                turn.adjust(f"trust.{pid}", -8, "the envoy went public without asking")
        if turn.state.disclosure_prepared:
            turn.narrate("The announcement dominates the news; both governments answer with the lines they agreed.")
        else:
            turn.narrate("The announcement dominates the news. Hardliners on both sides demand explanations.")
    else:
        pid = move.party or ""
        name = turn.party_name(pid)
        turn.state.parties[pid].blamed = True
        turn.adjust(f"trust.{pid}", -25, f"the envoy blamed {name} in public")
        turn.set_consent(pid, one_rung_lower(turn, pid), f"{name} no longer sees the envoy as impartial")
        turn.adjust(f"pressure.{pid}", 10, "hardliners rally against the envoy")
        turn.adjust("escalation", 3, "a public accusation raises the temperature")
        for other in others(turn, pid):
            turn.adjust(f"trust.{other}", 4, f"{turn.party_name(other)} enjoys seeing its adversary blamed")
        turn.reply(name, "The envoy has taken sides.")
