"""What a class report keeps of one debrief: a trainee's line and the pieces the class's
figures are made of, without the rest (the explanations of what was honoured, the reveal, the
trust curves).

A class of a thousand logs is debriefed in worker processes (`classrun.py`), and every debrief
a worker made had to be pickled there and unpickled here: more time than the class report
itself took. Workers send these entries instead; `class_report` makes the same report from
entries as from whole debriefs (it makes an entry of each debrief it is given).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from game.debrief.model import Debrief, Finding, MoveReview
from game.engine.outcome import EndingReached


@dataclass(frozen=True)
class ClassEntry:
    scenario_id: str
    scenario_title: str
    scenario_sha256: str
    trainee: str
    ending: EndingReached | None
    overall: int | None
    conduct: int | None
    decisions: int
    scores: dict[str, int | None]
    moves: tuple[tuple[str, str], ...]
    """(move key, move label) of each point of the timeline: index n is decision n, 0 the start."""
    against: tuple[Finding, ...]
    """The findings that were not 'honoured', in the debrief's order."""
    honoured: int
    warnings: int
    costly: tuple[MoveReview, ...] = ()
    """The reviews by search that found the move costly (a mistake or a blunder)."""
    blunders: int | None = None
    """Blunders, mistakes and inaccuracies found by the review by search; None without it."""
    mistakes: int | None = None
    inaccuracies: int | None = None
    mean_loss: float | None = None
    """The average loss per decision; None without the search."""
    search: dict[str, int | str] = field(default_factory=dict)
    summary: str | None = None
    language: str = "en"
    endings: tuple[tuple[str, str, str], ...] = ()
    """Every ending the scenario has, as (phase id, title, grade)."""

    @property
    def grade(self) -> str | None:
        return self.ending.grade if self.ending is not None else None


def class_entry(d: Debrief) -> ClassEntry:
    against = tuple(f for f in d.findings if f.verdict != "honoured")
    return ClassEntry(
        scenario_id=d.scenario_id,
        scenario_title=d.scenario_title,
        scenario_sha256=d.scenario_sha256,
        trainee=d.trainee,
        ending=d.ending,
        overall=d.overall,
        conduct=d.conduct,
        decisions=d.decisions,
        scores=dict(d.scores),
        moves=tuple((p.move_key, p.move_label) for p in d.timeline),
        against=against,
        honoured=len(d.findings) - len(against),
        warnings=len(d.warnings),
        costly=tuple(r for r in d.reviews if r.costly),
        search=dict(d.search),
        summary=d.summary,
        language=d.language,
        endings=tuple(d.endings),
        **_review_counts(d),
    )


def _review_counts(d: Debrief) -> dict[str, Any]:
    if not d.search:
        return {}
    tally = Counter(r.classification for r in d.reviews)
    return {
        "blunders": tally["blunder"],
        "mistakes": tally["mistake"],
        "inaccuracies": tally["inaccuracy"],
        "mean_loss": round(sum(r.loss for r in d.reviews) / len(d.reviews), 1) if d.reviews else 0.0,
    }
