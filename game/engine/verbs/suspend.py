"""Suspend good offices (quietly or publicly), resume them, or end them.

A good-offices role lasts only while the parties, and the envoy, accept it: when either side
declares that the means is no longer accepted, the role is over. Short of that, an envoy can
pause: quietly (the parties are told in private; nothing is said outside) or publicly (the world
is told that talks are on hold, which puts the parties under pressure and costs them face).
While suspended, only a minimal set of moves stays on offer (`common.WHILE_SUSPENDED`).

Ending good offices ends the envoy's role and so the session: the game goes to the ending the
scenario names in `clock.on_withdrawal`, or to `clock.on_timeout` when it names none.

Offered only where the situation calls for it: the envoy has a role (some party has at least
contact) and something has gone wrong: some party shows signs of stalling in the envoy's own
evidence, escalation is at 60 or more, the contacts have gone public, or a party the envoy had
met has withdrawn its consent.
"""

from __future__ import annotations

from game.engine.evidence import assess
from game.engine.outcome import Change, Move
from game.engine.turn import Turn
from game.engine.verbs.common import consent_at_least, expose, suspended

VERB = "suspend"
GROUP = "Suspension"

CRISIS_ESCALATION = 60
TALKS_CHANNELS = ("proximity", "back_channel", "official")
PUBLIC_FACE = 10
"""Exposure a public suspension gives each party (scaled by its sensitivity, as any exposure)."""
PUBLIC_ESCALATION = 2
RETURN_TRUST = 4
"""Trust each party gives the envoy back when good offices resume after a public suspension:
the parties asked for the envoy's return."""
RETURN_EASING = 2


def calls_for_suspension(turn: Turn) -> bool:
    state = turn.state
    if not any(consent_at_least(turn, pid, "contact") for pid in state.parties):
        return False
    if state.escalation >= CRISIS_ESCALATION or state.channel.state == "public":  # the cheap tests first
        return True
    if any(party.consent.state == "none" and party.contacts > 0 for party in state.parties.values()):  # withdrawn
        return True
    return any(assess(party).leaning == "bad" for party in state.parties.values())  # stalling


def moves(turn: Turn) -> list[Move]:
    if suspended(turn):
        return [_RESUME_QUIET if turn.state.suspended == "quiet" else _RESUME_PUBLIC, _END]
    if not calls_for_suspension(turn):
        return []
    return [_QUIET, _PUBLIC, _END]


def _resume_move(how: str) -> Move:
    return Move(
        f"{VERB}:resume",
        VERB,
        "Resume good offices",
        f"Tell the parties you are available again; your good offices were suspended {how}.",
        GROUP,
    )


# made once, not at every listing (a Move is never changed once made)
_RESUME_QUIET, _RESUME_PUBLIC = _resume_move("quietly"), _resume_move("publicly")
_QUIET = Move(
    f"{VERB}:quiet",
    VERB,
    "Suspend good offices quietly",
    "Tell the parties in private that you are pausing until they are ready to move; nothing is said in public.",
    GROUP,
)
_PUBLIC = Move(
    f"{VERB}:public",
    VERB,
    "Suspend good offices publicly",
    "Announce that your good offices are on hold: it puts the parties under pressure and costs them face.",
    GROUP,
)
_END = Move(
    f"{VERB}:end",
    VERB,
    "End your good offices",
    "Declare that you no longer act between the parties. Your role, and this game, end here.",
    GROUP,
)


def apply(turn: Turn, move: Move) -> None:
    kind = move.target
    state = turn.state
    if kind == "resume":
        _resume(turn)
        return
    if kind == "end":
        state.withdrawn = True
        turn.outcome.changes.append(Change("withdrawn", False, True, "the envoy declared good offices at an end"))
        turn.narrate("You tell both governments that your good offices are at an end. The channel is theirs to keep or to close.")
        return
    before = state.suspended
    state.suspended, state.suspended_since = kind, state.turn
    turn.outcome.changes.append(Change("suspended", before or "", kind, f"the envoy suspended good offices {kind}ly"))
    if state.channel.state in TALKS_CHANNELS:
        turn.set_channel("indirect", "talks are on hold while good offices are suspended")
    if kind == "public":
        for pid in state.parties:
            expose(turn, pid, PUBLIC_FACE, f"the world was told {turn.party_name(pid)} could not be brought to move")
        turn.adjust("escalation", PUBLIC_ESCALATION, "a public suspension is read as failure")
        turn.narrate("Your statement that good offices are on hold is widely reported. Both capitals are asked why.")
    else:
        turn.narrate("You tell each side in private that you will wait until it is ready to move. Nothing is said outside.")


def _resume(turn: Turn) -> None:
    state = turn.state
    was = state.suspended
    state.suspended = None
    turn.outcome.changes.append(Change("suspended", was or "", "", "the envoy resumed good offices"))
    if state.minimal_line is not None:
        turn.outcome.changes.append(Change("minimal_line", state.minimal_line, "", "good offices resumed in full"))
        state.minimal_line = None
    if was == "public":
        for pid in state.parties:
            turn.adjust(f"trust.{pid}", RETURN_TRUST, "the parties asked for the envoy's return")
        turn.adjust("escalation", -RETURN_EASING, "the envoy's return is welcomed in both capitals")
    turn.narrate("You tell both sides that your good offices are available again.")
