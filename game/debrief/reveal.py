"""The reveal: what the trainee could not see during play, told after it."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.state import GameState
from game.scenario.loader import LoadedScenario


@dataclass
class Hidden:
    """What the walk through the decisions noticed along the way, for the reveal."""

    probed_at: dict[str, int] = field(default_factory=dict)
    """Party id -> the decision that probed it."""
    harmed: dict[str, list[str]] = field(default_factory=dict)
    """Party id -> summaries of its messages distorted or withheld."""
    discovered: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Party id -> (decision, turn) when it found out."""
    events: list[tuple[int, str]] = field(default_factory=list)
    """(turn, event id) for every authored event that fired, in order."""


def reveal(loaded: LoadedScenario, state: GameState, hidden: Hidden) -> list[str]:
    s = loaded.scenario
    lines: list[str] = []
    for pid, party in s.parties.items():
        faith = "in good faith" if party.faith == "good" else "in BAD faith"
        text = f"{party.name} was negotiating {faith}. What it really wanted: {party.hidden_intentions}"
        if party.red_lines:
            text += " Red lines: " + "; ".join(party.red_lines) + "."
        when = hidden.probed_at.get(pid)
        text += f" You probed it at decision {when}." if when else " You never probed it."
        lines.append(text)
    if state.leak_peak > 0:
        lines.append(f"The back channel's leak risk peaked at {state.leak_peak:.0f}%.")
    for miss in state.near_misses:
        lines.append(f"Near miss: {miss}.")
    for pid, summaries in hidden.harmed.items():
        name = s.parties[pid].name
        what = "; ".join(f"'{m}'" for m in summaries)
        found = hidden.discovered.get(pid)
        if found is not None:
            lines.append(
                f"{name} discovered that its message ({what}) had not been passed on as sent, at decision {found[0]} (turn {found[1]})."
            )
        elif state.parties[pid].grievance > 0:
            lines.append(f"{name} never learned that its message ({what}) had not been passed on as sent; each turn it might have.")
    for turn, eid in hidden.events:
        event = s.events.get(eid)
        if event is not None and event.reveal:
            lines.append(f"{event.title} (turn {turn}): {event.reveal}")
    lines.extend(s.debrief.reveal)
    return lines
