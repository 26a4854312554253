"""What a class report keeps of one debrief: a trainee's line and the pieces the class's
figures are made of, without the rest (the explanations of what was honoured, the reveal, the
trust curves).

A class of a thousand logs is debriefed in worker processes (`classrun.py`), and every debrief
a worker made had to be pickled there and unpickled here: more time than the class report
itself took. Workers send these entries instead; `class_report` makes the same report from
entries as from whole debriefs (it makes an entry of each debrief it is given).

Most of an entry is its findings against a principle, and the report reads only a few fields
of each (`Against.marks`) and shows a handful whole, as examples: so they travel from a worker
as one blob beside their marks (plain values in `marshal`'s format: the worker is this very
program, forked, and a blob never comes from a file), and are read back only if one of them is
read.
"""

from __future__ import annotations

import marshal
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, overload

from game.debrief.model import Debrief, Finding, MoveReview
from game.engine.outcome import EndingReached

Mark = tuple[str, str, str, int, int, bool, str, str]
"""What the class's figures read of one finding: (principle, verdict, move key, weight,
decision, whether a stronger move was shown, principle name, move label)."""


_FIELDS = tuple(f.name for f in fields(Finding))


def _mark(f: Finding) -> Mark:
    return (f.principle, f.verdict, f.move_key, f.weight, f.decision, f.stronger is not None, f.principle_name, f.move_label)


class Against(Sequence[Finding]):
    """The findings of a debrief that were not 'honoured', in its order, with their marks.

    Pickled (sent by a worker), the findings go as one blob of bytes, read back here only when a
    finding is read: unpickling all the findings of a large class took longer than making the
    report from them."""

    __slots__ = ("marks", "_findings", "_blob")

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        self._findings: tuple[Finding, ...] | None = tuple(findings)
        self._blob: bytes | None = None
        self.marks: tuple[Mark, ...] = tuple(_mark(f) for f in self._findings)

    @property
    def findings(self) -> tuple[Finding, ...]:
        if self._findings is None:
            assert self._blob is not None
            rows = marshal.loads(self._blob)
            self._findings, self._blob = tuple(Finding(*row) for row in rows), None
        return self._findings

    def __reduce__(self) -> tuple[Any, ...]:
        if self._findings is None:
            blob = self._blob
        else:
            blob = marshal.dumps(tuple(tuple(getattr(f, name) for name in _FIELDS) for f in self._findings))
        return (_packed, (self.marks, blob))

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Finding, ...]: ...
    def __getitem__(self, index: int | slice) -> Finding | tuple[Finding, ...]:
        return self.findings[index]

    def __len__(self) -> int:
        return len(self.marks)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Against):
            return self.findings == other.findings
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # findings hold dicts: no hash, as a tuple of them

    def __repr__(self) -> str:
        return f"Against({self.findings!r})"


def _packed(marks: tuple[Mark, ...], blob: bytes) -> Against:
    against = Against.__new__(Against)
    against.marks, against._findings, against._blob = marks, None, blob
    return against


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
    against: Against
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
    against = Against(f for f in d.findings if f.verdict != "honoured")
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
