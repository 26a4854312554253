"""What the envoy has observed of a party: evidence with a confidence, never the hidden truth.

A party's `faith`, `hidden_intentions` and `red_lines` are hidden. Probing, the analysts, the
conduct of a delegation at the table and its answer when stalling is raised in private each add
one observation to `PartyState.evidence`. Every observation is drawn with noise from the
hidden truth (a seeded draw: with the source's accuracy it points the right way, otherwise the
wrong way), and carries a weight. The assessment adds them up: the leaning is the side the
weighted observations favour, and the confidence grows with the margin between the two sides,
so it grows with consistent observation and falls when observations disagree.

The evidence is plain data so that a view of what the envoy could know, and the debrief, can
read it without ever reading the truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.engine.outcome import Change

if TYPE_CHECKING:
    from game.engine.state import PartyState
    from game.engine.turn import Turn

FAITH = "faith"
RED_LINE = "red_line"

SOURCES: dict[str, tuple[float, float]] = {
    "probe": (1.0, 0.75),
    "analysts": (0.75, 0.7),
    "meeting": (0.5, 0.65),
    "raise_stalling": (1.0, 0.8),
}
"""source -> (weight of one observation, chance that it points to the truth)."""
PROBE_WEIGHTS = (1.0, 0.75, 0.5)
"""The first, second and third probe of the same party: diminishing returns."""
RED_LINE_CHANCE = 0.6
"""Chance that one probe senses a given red line."""
CONFIDENCE_STEPS = ((3.0, "high"), (1.5, "medium"), (0.0, "low"))
"""Margin of weighted observations (one side minus the other) -> confidence."""

STALLING_SIGNS = (
    "the delegation avoids dates and asks for more process",
    "it agrees in principle and defers every practical step",
    "its representatives have no authority to commit to anything",
    "new conditions appear as soon as old ones are met",
)
SETTLING_SIGNS = (
    "the delegation asks about sequencing and dates",
    "it wants to know how a first step would look at home",
    "it tests what the other side could give in return",
    "its representatives can commit, and ask what they would get",
)
LEANING_WORDS = {"bad": "signs of stalling", "good": "signs that it wants a way out", "": "no clear signs either way"}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One observation of a party, as the envoy received it."""

    turn: int
    source: str
    """probe, analysts, meeting or raise_stalling."""
    about: str
    """faith (does it seek a settlement?) or red_line."""
    points_to: str
    """For faith: 'bad' (stalling) or 'good' (seeking a way out). For red_line: the index of
    the red line sensed, as text."""
    weight: float
    reading: str
    """What the envoy was told, in words."""


@dataclass(slots=True, unsafe_hash=True)
class Assessment:
    """The envoy's reading of a party's faith. Not frozen (cheaper to make: every knowledge view
    makes one per party) but never changed once made."""

    leaning: str
    """'bad' (stalling), 'good' (seeking a way out) or '' (no leaning yet)."""
    confidence: str
    """'none' (nothing observed), 'low', 'medium' or 'high'."""
    margin: float
    observations: int

    @property
    def words(self) -> str:
        if self.confidence == "none":
            return "not yet observed"
        return f"{LEANING_WORDS[self.leaning]} (confidence: {self.confidence})"


_UNOBSERVED = Assessment("", "none", 0.0, 0)
"""The reading of a party not observed yet (most parties, most of a game): made once."""


def confidence_word(margin: float) -> str:
    return next(word for floor, word in CONFIDENCE_STEPS if margin >= floor)


def assess(party: PartyState) -> Assessment:
    """The envoy's current reading of a party's faith, from its evidence alone."""
    faith = [e for e in party.evidence if e.about == FAITH]
    if not faith:
        return _UNOBSERVED
    net = sum(e.weight if e.points_to == "bad" else -e.weight for e in faith)
    leaning = "bad" if net > 0 else "good" if net < 0 else ""
    return Assessment(leaning, confidence_word(abs(net)), abs(net), len(faith))


def red_lines_sensed(party: PartyState) -> dict[int, str]:
    """Index of each red line the envoy has sensed -> its confidence (low once, medium twice,
    high three times or more)."""
    counts: dict[int, int] = {}
    for e in party.evidence:
        if e.about == RED_LINE:
            counts[int(e.points_to)] = counts.get(int(e.points_to), 0) + 1
    return {index: ("low", "medium", "high")[min(n, 3) - 1] for index, n in sorted(counts.items())}


def observe_faith(turn: Turn, pid: str, source: str, weight: float | None = None, accuracy: float | None = None) -> Evidence:
    """Draw one noisy observation of a party's faith and record it; the reading never names the
    truth, only what was seen."""
    party = turn.state.parties[pid]
    base_weight, base_accuracy = SOURCES[source]
    weight = base_weight if weight is None else weight
    accuracy = base_accuracy if accuracy is None else accuracy
    truth = turn.loaded.scenario.parties[pid].faith
    true_reading = turn.draw(f"evidence:{pid}", accuracy)
    points_to = truth if true_reading else ("good" if truth == "bad" else "bad")
    signs = STALLING_SIGNS if points_to == "bad" else SETTLING_SIGNS
    sign = signs[len(party.evidence) % len(signs)]
    reading = f"{LEANING_WORDS[points_to][0].upper()}{LEANING_WORDS[points_to][1:]}: {sign}"
    return record(turn, pid, Evidence(turn.state.turn, source, FAITH, points_to, weight, reading))


def sense_red_lines(turn: Turn, pid: str, source: str, weight: float) -> list[Evidence]:
    found = []
    for index, line in enumerate(turn.loaded.scenario.parties[pid].red_lines):
        if turn.draw(f"red_line:{pid}:{index}", RED_LINE_CHANCE):
            reading = f"It grows guarded whenever this comes up: \u201c{line}\u201d"
            found.append(record(turn, pid, Evidence(turn.state.turn, source, RED_LINE, str(index), weight, reading)))
    return found


def record(turn: Turn, pid: str, evidence: Evidence) -> Evidence:
    party = turn.state.parties[pid]
    before = assess(party).words
    party.evidence.append(evidence)
    turn.outcome.changes.append(Change(f"evidence.{pid}", before, assess(party).words, f"{evidence.source}: {evidence.reading}"))
    return evidence
