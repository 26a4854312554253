"""Keep a minimal line open while good offices are suspended: humanitarian or technical.

A suspension pauses the envoy's work on the dispute, not every contact: a humanitarian line
(detainees, the wounded, aid) or a technical one (incidents at sea or on the line of contact)
can run through the envoy's office all the same. Kept open, it stops the channel from lapsing
to nothing and eases escalation a little. It is its own verb, not an option of suspend, because
it is a separate decision taken during the suspension, with its own answer from the parties
(both must have accepted at least contact), and a scenario may want to switch it off or tune it
on its own. Offered only while good offices are suspended and no such line is open yet; the
line closes when good offices resume in full.
"""

from __future__ import annotations

from game.engine.outcome import Change, Move
from game.engine.turn import Turn
from game.engine.verbs.common import all_consent_at_least, suspended

VERB = "keep_line"
GROUP = "Suspension"

LINES = {
    "humanitarian": (
        "Keep a humanitarian line open",
        "Go on passing word on detainees, the wounded and aid through your office, and nothing else.",
    ),
    "technical": (
        "Keep a technical line open",
        "Go on passing word between the military or technical staffs, so an incident is not mistaken for an attack.",
    ),
}
EASING = {"humanitarian": 1.0, "technical": 2.0}
"""Escalation eased at once by each kind of line."""
HUMANITARIAN_CALM = 2.0
"""Hardliner pressure eased in each party by a humanitarian line: a visible gain at home."""


def moves(turn: Turn) -> list[Move]:
    if not suspended(turn) or turn.state.minimal_line is not None or not all_consent_at_least(turn, "contact"):
        return []
    return [Move(f"{VERB}:{kind}", VERB, label, text, GROUP) for kind, (label, text) in LINES.items()]


def apply(turn: Turn, move: Move) -> None:
    kind = move.target
    state = turn.state
    state.minimal_line = kind
    turn.outcome.changes.append(Change("minimal_line", "", kind, f"the envoy kept a {kind} line open"))
    turn.note_traffic(f"a {kind} line stays open through the envoy")
    turn.adjust("escalation", -EASING[kind], f"a {kind} line keeps the sides from misreading each other")
    if kind == "humanitarian":
        for pid in state.parties:
            turn.adjust(f"pressure.{pid}", -HUMANITARIAN_CALM, "word on detainees and the wounded still gets through")
    turn.narrate(f"The {kind} line stays open through your office while everything else waits.")
