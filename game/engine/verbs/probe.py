"""Probe a party's intentions: the only way, short of the debrief, to learn whether it is
negotiating in good faith and where its red lines lie."""

from __future__ import annotations

from game.engine.outcome import Change, Move
from game.engine.turn import Turn
from game.engine.verbs.common import consent_at_least
from game.engine.verbs.judgement import Judgement, Situation

VERB = "probe"
GROUP = "Analysis"


def moves(turn: Turn) -> list[Move]:
    return [
        Move(
            f"{VERB}:{pid}",
            VERB,
            f"Probe {turn.party_name(pid)}'s intentions",
            f"Test in private what {turn.party_name(pid)} really wants and how far it would go.",
            GROUP,
            pid,
        )
        for pid, party in turn.state.parties.items()
        if not party.probed and consent_at_least(turn, pid, "contact")
    ]


def apply(turn: Turn, move: Move) -> None:
    pid = move.party or ""
    spec = turn.loaded.scenario.parties[pid]
    turn.state.parties[pid].probed = True
    turn.outcome.changes.append(Change(f"probed.{pid}", False, True, "the envoy probed the party's intentions"))
    turn.narrate(f"What you learn of {spec.name}: {spec.hidden_intentions}")
    if spec.red_lines:
        turn.narrate("Red lines: " + "; ".join(spec.red_lines))
    if spec.faith == "bad":
        turn.narrate(f"Your judgement: {spec.name} is not negotiating in good faith. A process may serve it as cover.")
    else:
        turn.narrate(f"Your judgement: {spec.name} wants a way out, if it can be taken without losing face.")


# -- debrief judgement ---------------------------------------------------------------------------
def judge(s: Situation) -> list[Judgement]:
    pid = s.move.party or ""
    name = s.name(pid)
    if s.bad_faith(pid):
        return [
            Judgement(
                "good_faith",
                "honoured",
                3,
                f"You probed {name} and found out it was not negotiating in good faith, before your process could serve it as cover.",
                "seed-000-useful",
            )
        ]
    return [
        Judgement(
            "good_faith",
            "honoured",
            1,
            f"You tested {name}'s intentions before investing further; it turned out to want a way out it could take without losing face.",
            "seed-000-useful",
        ),
        Judgement(
            "preparedness",
            "honoured",
            1,
            f"Probing {name} meant you acted knowing its red lines rather than guessing them.",
            "guidance-2012-preparedness",
        ),
    ]
