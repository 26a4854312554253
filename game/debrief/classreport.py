"""The class view: many debriefs of one scenario side by side.

Debriefs are grouped into cohorts by scenario id and content hash: logs of another scenario,
or of another version of the same file, are never mixed into one set of figures; each group
gets its own section, and the report says so.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from game.debrief.classentry import ClassEntry, class_entry
from game.debrief.model import Debrief, Finding, MoveReview
from game.engine.outcome import key_verb
from game.principles import catalogue

SPLIT_LIMIT = 12
BREACH_LIMIT = 8
COSTLY_LIMIT = 8


@dataclass(frozen=True)
class EndingCount:
    phase: str
    title: str
    grade: str
    count: int


@dataclass(frozen=True)
class Spread:
    """How one score is distributed over the class."""

    key: str
    name: str
    values: tuple[int, ...]
    untouched: int = 0
    """Trainees with no value: the principle never engaged, or (overall) no score yet."""

    def quantile(self, q: float) -> float:
        data = sorted(self.values)
        if not data:
            return 0.0
        position = (len(data) - 1) * q
        low = int(position)
        high = min(low + 1, len(data) - 1)
        return data[low] + (data[high] - data[low]) * (position - low)

    @property
    def median(self) -> float:
        return self.quantile(0.5)

    @property
    def mean(self) -> float:
        return sum(self.values) / len(self.values) if self.values else 0.0


def percentages(counts: Sequence[int]) -> tuple[int, ...]:
    """`counts` as whole percentages of their total that add up to 100, by largest remainder:
    each share rounded down, then the points still missing go to the largest remainders (the
    first listed on a tie). All 0 when the total is 0."""
    total = sum(counts)
    if total <= 0:
        return tuple(0 for _ in counts)
    result = [100 * c // total for c in counts]
    order = sorted(range(len(counts)), key=lambda i: (-(100 * counts[i] % total), i))
    for i in order[: 100 - sum(result)]:
        result[i] += 1
    return tuple(result)


@dataclass(frozen=True)
class Share:
    key: str
    label: str
    count: int
    share: float


@dataclass(frozen=True)
class SplitPoint:
    """Decision n across the class: what share chose each move, and each verb."""

    decision: int
    reached: int
    moves: tuple[Share, ...]
    verbs: tuple[Share, ...]

    @property
    def agreement(self) -> float:
        return self.moves[0].share if self.moves else 1.0

    @property
    def verb_percents(self) -> tuple[int, ...]:
        """Whole percentages of `verbs`, adding up to 100."""
        return percentages([v.count for v in self.verbs])


@dataclass(frozen=True)
class BreachPattern:
    principle: str
    principle_name: str
    verdict: str
    move_key: str
    move_label: str
    trainees: int
    occurrences: int
    example: Finding
    example_trainee: str


@dataclass(frozen=True)
class CostlyMove:
    """A move that the review by search found costly (a mistake or a blunder) for several
    trainees: how many, how much it cost them on average, and the stronger move most often
    shown in its place."""

    move_key: str
    move_label: str
    trainees: int
    occurrences: int
    mean_loss: float
    stronger: str | None
    """The label of the stronger move most often shown instead, or None."""


@dataclass(frozen=True)
class TraineeLine:
    label: str
    ending: str
    grade: str | None
    overall: int | None
    """None: unfinished with nothing judged yet (no score)."""
    conduct: int | None
    decisions: int
    scores: dict[str, int | None]
    breaches: int
    honoured: int
    top_breach: str | None
    warnings: int
    blunders: int | None = None
    """Blunders, mistakes and inaccuracies found by the review by search; None without it."""
    mistakes: int | None = None
    inaccuracies: int | None = None
    mean_loss: float | None = None
    """The average loss per decision (points of expected outcome); None without the search."""


@dataclass(frozen=True)
class Cohort:
    scenario_id: str
    scenario_title: str
    scenario_sha256: str
    size: int
    endings: tuple[EndingCount, ...]
    unfinished: int
    overall: Spread
    spreads: tuple[Spread, ...]
    splits: tuple[SplitPoint, ...]
    breaches: tuple[BreachPattern, ...]
    trainees: tuple[TraineeLine, ...]
    summary: str | None = None
    costly: tuple[CostlyMove, ...] = ()
    """The moves most often costly, by the review by search (empty without it)."""
    search: dict[str, int | str] = field(default_factory=dict)
    """How the review searched (from the first debrief that was reviewed); empty without it."""
    language: str = "en"
    """The scenario's `language` (its titles, notes and endings are written in it)."""

    @property
    def ending_percents(self) -> tuple[int, ...]:
        """Whole percentages of the class for each ending, then for the unfinished sessions,
        adding up to 100 (three endings reached once each are 34, 33, 33, not 33 three times)."""
        return percentages([*(e.count for e in self.endings), self.unfinished])


@dataclass(frozen=True)
class ClassReport:
    cohorts: tuple[Cohort, ...]
    anonymous: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)
    """Problems the instructor should know of: mixed scenarios, logs that could not be read."""

    @property
    def size(self) -> int:
        return sum(c.size for c in self.cohorts)

    @property
    def language(self) -> str:
        """The language of the whole report: its scenarios' one language, English if they mix
        (each cohort then says its own)."""
        languages = {c.language for c in self.cohorts}
        return languages.pop() if len(languages) == 1 else "en"


def class_report(
    debriefs: Sequence[Debrief | ClassEntry], *, anonymous: bool = False, notes: list[str] | tuple[str, ...] = ()
) -> ClassReport:
    """The report of a class, from its debriefs or from their class entries (`classentry.py`,
    what workers send back): the same report either way."""
    entries = [d if isinstance(d, ClassEntry) else class_entry(d) for d in debriefs]
    labelled = [(replace(d, trainee=f"Trainee {i}") if anonymous else d) for i, d in enumerate(entries, start=1)]
    labelled = [d if d.trainee else replace(d, trainee=f"Trainee {i}") for i, d in enumerate(labelled, start=1)]
    groups: dict[tuple[str, str], list[ClassEntry]] = defaultdict(list)
    for d in labelled:
        groups[(d.scenario_id, d.scenario_sha256)].append(d)
    cohorts = tuple(_cohort(group) for group in sorted(groups.values(), key=lambda g: (-len(g), g[0].scenario_id, g[0].scenario_sha256)))
    all_notes = list(notes)
    if len(cohorts) > 1:
        ids = {c.scenario_id for c in cohorts}
        what = "scenarios" if len(ids) == len(cohorts) else "scenarios or versions of a scenario file"
        all_notes.insert(
            0,
            f"These logs were played on {len(cohorts)} different {what}; "
            "each is reported in its own section and their figures are never combined.",
        )
    return ClassReport(cohorts, anonymous, tuple(all_notes))


def _cohort(group: list[ClassEntry]) -> Cohort:
    first = group[0]
    names = {pid: p.name for pid, p in catalogue().items()}
    reached = Counter(d.ending.phase for d in group if d.ending is not None)
    endings = tuple(EndingCount(phase, title, grade, reached.get(phase, 0)) for phase, title, grade in first.endings)
    spreads = []
    for pid, name in names.items():
        values = tuple(d.scores.get(pid) for d in group)
        touched = tuple(v for v in values if v is not None)
        spreads.append(Spread(pid, name, touched, len(values) - len(touched)))
    return Cohort(
        scenario_id=first.scenario_id,
        scenario_title=first.scenario_title,
        scenario_sha256=first.scenario_sha256,
        size=len(group),
        endings=endings,
        unfinished=sum(1 for d in group if d.ending is None),
        overall=Spread(
            "overall", "Overall", tuple(d.overall for d in group if d.overall is not None), sum(1 for d in group if d.overall is None)
        ),
        spreads=tuple(spreads),
        splits=_splits(group),
        breaches=_breaches(group),
        trainees=tuple(_line(d) for d in group),
        summary=first.summary,
        costly=_costly(group),
        search=next((dict(d.search) for d in group if d.search), {}),
        language=first.language,
    )


def _costly(group: list[ClassEntry]) -> tuple[CostlyMove, ...]:
    seen: dict[str, list[tuple[ClassEntry, MoveReview]]] = defaultdict(list)
    labels: dict[str, str] = {}
    for d in group:
        for r in d.costly:
            seen[r.move_key].append((d, r))
            labels[r.move_key] = d.moves[r.decision][1] if len(d.moves) > r.decision else r.move_key
    found = []
    for key, hits in seen.items():
        instead = Counter(r.stronger.move_label for _, r in hits if r.stronger is not None)
        found.append(
            CostlyMove(
                key,
                labels[key],
                len({id(d) for d, _ in hits}),
                len(hits),
                round(sum(r.loss for _, r in hits) / len(hits), 1),
                min(instead.items(), key=lambda kv: (-kv[1], kv[0]))[0] if instead else None,
            )
        )
    found.sort(key=lambda c: (-c.trainees, -c.mean_loss, c.move_key))
    return tuple(found[:COSTLY_LIMIT])


def _splits(group: list[ClassEntry]) -> tuple[SplitPoint, ...]:
    longest = max((d.decisions for d in group), default=0)
    points = []
    for n in range(1, longest + 1):
        chosen = [d.moves[n] for d in group if len(d.moves) > n]
        if len(chosen) < 2:
            continue
        moves = Counter(key for key, _ in chosen)
        if len(moves) < 2:
            continue
        labels = dict(chosen)
        verbs: Counter[str] = Counter()
        for key, times in moves.items():  # each move's verb once, not each trainee's
            verbs[key_verb(key)] += times
        total = len(chosen)
        points.append(
            SplitPoint(
                n,
                total,
                tuple(Share(k, labels[k], c, c / total) for k, c in sorted(moves.items(), key=lambda kv: (-kv[1], kv[0]))),
                tuple(Share(v, v.replace("_", " "), c, c / total) for v, c in sorted(verbs.items(), key=lambda kv: (-kv[1], kv[0]))),
            )
        )
    most_divided = sorted(points, key=lambda p: (p.agreement, p.decision))[:SPLIT_LIMIT]
    return tuple(sorted(most_divided, key=lambda p: p.decision))


def _breaches(group: list[ClassEntry]) -> tuple[BreachPattern, ...]:
    # read from the findings' marks; only each pattern's example is read whole
    seen: dict[tuple[str, str, str], list[tuple[tuple[bool, int, int], ClassEntry, int]]] = defaultdict(list)
    for d in group:
        for index, (principle, verdict, key, weight, decision, stronger, _, _) in enumerate(d.against.marks):
            seen[(principle, verdict, key)].append(((stronger, weight, -decision), d, index))
    patterns = []
    for (principle, verdict, key), hits in seen.items():
        trainees = len({id(d) for _, d, _ in hits})
        _, example_d, index = max(hits, key=lambda h: h[0])
        example = example_d.against[index]
        patterns.append(
            BreachPattern(
                principle, example.principle_name, verdict, key, example.move_label, trainees, len(hits), example, example_d.trainee
            )
        )
    order = list(catalogue())
    patterns.sort(key=lambda p: (-p.trainees, -p.example.weight, order.index(p.principle), p.move_key))
    return tuple(patterns[:BREACH_LIMIT])


def _line(d: ClassEntry) -> TraineeLine:
    marks = d.against.marks
    worst = max(marks, key=lambda m: (m[3], -m[4]), default=None)
    top = f"{worst[6]} {worst[1]} at decision {worst[4]} ({worst[7]})" if worst else None
    return TraineeLine(
        label=d.trainee,
        ending=d.ending.title if d.ending else "unfinished",
        grade=d.grade,
        overall=d.overall,
        conduct=d.conduct,
        decisions=d.decisions,
        scores=dict(d.scores),
        breaches=sum(1 for m in marks if m[1] == "breached"),
        honoured=d.honoured,
        top_breach=top,
        warnings=d.warnings,
        blunders=d.blunders,
        mistakes=d.mistakes,
        inaccuracies=d.inaccuracies,
        mean_loss=d.mean_loss,
    )
