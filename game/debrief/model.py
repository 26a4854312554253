"""The debrief as values: findings per decision, scores per principle, the timeline, the reveal.

These are what renderers (text, Markdown, HTML, JSON) and the GUI read. They hold only plain
data, so the same log always yields an equal Debrief, and nothing changes them once made. They
are frozen, except the two a class report makes by the ten thousand (`Finding`, one per rule
that judged a decision, and `TimelinePoint`, one per decision): a frozen dataclass's `__init__`
sets each field through `object.__setattr__`, which made a finding cost three times as much to
make. Treat those as read-only too (`dataclasses.replace` makes a changed copy).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from game.engine.outcome import EndingReached

VerdictWord = Literal["honoured", "breached", "missed"]
VERDICTS: tuple[VerdictWord, ...] = ("honoured", "breached", "missed")
GRADES = ("success", "partial", "stalemate", "failure")
SeverityWord = Literal["critical", "major", "minor"]
SEVERITIES: dict[int, SeverityWord] = {3: "critical", 2: "major", 1: "minor"}
"""Severity and weight go together: a rule gives the severity, scores count the weight; a
scenario's annotation gives the weight (1 to 3), read as a severity."""


def severity_of(weight: int) -> SeverityWord:
    return SEVERITIES[max(1, min(weight, 3))]


@dataclass
class Finding:
    """One principle honoured, breached or missed by one decision."""

    decision: int
    turn: int
    move_key: str
    move_label: str
    principle: str
    principle_name: str
    verdict: VerdictWord
    weight: int
    severity: SeverityWord
    """critical, major or minor (from the weight: 3, 2, 1); a critical breach caps the score."""
    explanation: str
    source: str
    """The citation as printed (from the bibliography)."""
    source_id: str
    """The bibliography id (game/principles/sources.yaml)."""
    stronger: str | None
    """The stronger move available at this decision, found by simulation, or None."""
    rule: str = ""
    """The id of the rule in the judging table that made this finding."""
    message: str = ""
    """The wording catalogue's message id; `explanation` is it rendered with `params`."""
    params: dict[str, str | int | float | bool] = field(default_factory=dict)

    @property
    def critical_breach(self) -> bool:
        return self.verdict == "breached" and self.severity == "critical"


@dataclass
class TimelinePoint:
    """The situation after a decision (decision 0 is the start, before any decision)."""

    decision: int
    turn: int
    escalation: float
    trust: dict[str, float]
    move_label: str
    move_key: str = ""
    leak_risk: float = 0.0
    events: tuple[str, ...] = ()


ReviewClass = Literal["fine", "inaccuracy", "mistake", "blunder"]
REVIEW_CLASSES: tuple[ReviewClass, ...] = ("fine", "inaccuracy", "mistake", "blunder")


@dataclass(frozen=True)
class Alternative:
    """The stronger move at one decision, found by search, with its numbers and why."""

    decision: int
    move_key: str
    move_label: str
    text: str
    margin: float
    """Its expected outcome minus that of the move made (points out of 100)."""
    expected: float = 0.0
    """Its expected outcome, 0-100."""
    instead_of: float = 0.0
    """The expected outcome of the move made, 0-100."""


CLASS_THRESHOLDS: tuple[tuple[ReviewClass, float], ...] = (("blunder", 30.0), ("mistake", 20.0), ("inaccuracy", 10.0))
"""A loss of at least 30 points is a blunder, 20 a mistake, 10 an inaccuracy; below 10 fine (as
chess reviews class moves by the winning chances they lose). The loss is counted less what
chance alone could make of it (`MoveReview.chance`): a class is a claim about the move, not
about the dice."""


def classify(loss: float) -> ReviewClass:
    for name, threshold in CLASS_THRESHOLDS:
        if loss >= threshold:
            return name
    return "fine"


@dataclass(frozen=True)
class MoveReview:
    """The review by search of one decision: what the move made could be expected to lead to,
    against the best move on offer that breached nothing (see docs/debrief.md, "Review by
    search")."""

    decision: int
    move_key: str
    expected: float
    """Expected outcome of the move made: the average value of the simulated continuations
    (success 100, partial 70, stalemate 40, failure 0), rounded to 0.1."""
    best: float
    """Expected outcome of the best move on offer that breached nothing (at least `expected`
    when the move made breached nothing)."""
    best_key: str
    best_label: str
    loss: float
    """`best - expected`, never below 0."""
    classification: ReviewClass
    """fine, inaccuracy, mistake or blunder, from the loss less `chance`
    (`review.CLASS_THRESHOLDS`)."""
    stronger: Alternative | None
    endings: tuple[tuple[str, int], ...] = ()
    """How the continuations of the move made ended: (ending title, how many); '' for a
    continuation still open at the horizon."""
    best_endings: tuple[tuple[str, int], ...] = ()
    continuations: int = 0
    """Simulated continuations per move (the seeds)."""
    candidates: int = 0
    """Moves on offer that were played forward."""
    breached: bool = False
    """The move made breached a principle (its findings say which): a small loss then means
    the outcome did not suffer, not that the move was sound."""
    chance: float = 0.0
    """How much of the loss chance alone could make over these continuations (1.5 standard
    errors of the difference between the two moves, continuation by continuation; 0 when every
    continuation went the same way). The class is taken from `loss - chance`, so a loss the
    dice could explain is not called a mistake."""

    @property
    def costly(self) -> bool:
        """A mistake or a blunder: what the HTML curve marks."""
        return self.classification in ("mistake", "blunder")


@dataclass(frozen=True)
class Debrief:
    scenario_id: str
    scenario_title: str
    trainee: str
    seed: int
    ending: EndingReached | None
    overall: int | None
    """0-100, or None when there is nothing to score yet (an unfinished session with no
    judged decision)."""
    scores: dict[str, int | None]
    findings: list[Finding]
    reveal: list[str]
    timeline: list[TimelinePoint]
    decisions: int
    # -- beyond the core API: what reports show around it ------------------------------------
    scenario_sha256: str = ""
    summary: str | None = None
    conduct: int | None = None
    """The principles part of the overall score, before the ending is weighed in; None when
    no decision engaged any principle."""
    capped_by: str | None = None
    """What held the overall score below its blend of conduct and ending ('a critical breach',
    'an ending in failure'), or None."""
    parties: dict[str, str] = field(default_factory=dict)
    """Party id -> name, in the scenario's order (for legends and tables)."""
    principle_names: dict[str, str] = field(default_factory=dict)
    alternatives: list[Alternative] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Rendered diagnostics about the log (a cut-off or damaged line), shown in the report."""
    started: str = ""
    log_file: str = ""
    mandate: str = ""
    turn_label: str = "turn"
    language: str = "en"
    endings: list[tuple[str, str, str]] = field(default_factory=list)
    """Every ending the scenario has, as (phase id, title, grade), for class tallies."""
    reviews: list[MoveReview] = field(default_factory=list)
    """The review by search, one per decision (empty when the search was not run)."""
    search: dict[str, int | str] = field(default_factory=dict)
    """How the review searched: continuations, horizon, and 'reduced' for a class report's
    cheaper search; empty when there was no search."""

    @property
    def grade(self) -> str | None:
        return self.ending.grade if self.ending is not None else None

    def findings_for(self, decision: int) -> list[Finding]:
        return [f for f in self.findings if f.decision == decision]

    def alternative_for(self, decision: int) -> Alternative | None:
        return next((a for a in self.alternatives if a.decision == decision), None)

    def review_for(self, decision: int) -> MoveReview | None:
        return next((r for r in self.reviews if r.decision == decision), None)

    def anonymised(self, label: str) -> Debrief:
        """The same debrief with the trainee's name (and the log's file name) replaced."""
        from dataclasses import replace

        return replace(self, trainee=label, log_file="", warnings=[_strip_file(w) for w in self.warnings])


def _strip_file(text: str) -> str:
    """Diagnostics start with the file name, which may carry the trainee's name."""
    head, sep, rest = text.partition(": ")
    if not sep:
        return text
    parts = head.rsplit(":", 2)
    where = f"line {parts[1]}" if len(parts) == 3 and parts[1].isdigit() else "log"
    return f"{where}: {rest}"
