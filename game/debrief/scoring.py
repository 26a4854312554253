"""Scores: each principle on 0-100 from its findings, and an overall score with the ending.

Per principle: score = 100 * (H + 1) / (H + B + M/2 + 2), where H, B and M are the summed
weights of the findings that honoured, breached and missed it. The +1/+2 is a neutral prior
(as if one honoured and one breached weight had been seen), so one finding moves a score
without pinning it to 0 or 100, and more evidence moves it further. A principle no decision
touched has no score (None).

Conduct: the principles' scores averaged, each weighted by its evidence (H + B + M), so a
principle the session tested often counts more than one touched once.
Overall: with an ending, 75% conduct and 25% the ending's grade (success 100, partial 70,
stalemate 40, failure 10); an unfinished session is conduct alone.
docs/debrief.md explains the method to instructors.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.debrief.model import Finding
from game.principles import principle_ids

PRIOR_HONOURED = 1.0
PRIOR_TOTAL = 2.0
MISSED_FACTOR = 0.5
GRADE_SCORE = {"success": 100, "partial": 70, "stalemate": 40, "failure": 10}
ENDING_SHARE = 0.25


def principle_scores(findings: Iterable[Finding]) -> dict[str, int | None]:
    honoured: dict[str, float] = {}
    against: dict[str, float] = {}
    for f in findings:
        if f.verdict == "honoured":
            honoured[f.principle] = honoured.get(f.principle, 0.0) + f.weight
        else:
            factor = 1.0 if f.verdict == "breached" else MISSED_FACTOR
            against[f.principle] = against.get(f.principle, 0.0) + f.weight * factor
    scores: dict[str, int | None] = {}
    for pid in principle_ids():
        h, b = honoured.get(pid, 0.0), against.get(pid, 0.0)
        if pid not in honoured and pid not in against:
            scores[pid] = None
            continue
        scores[pid] = round_half_up(100 * (h + PRIOR_HONOURED) / (h + b + PRIOR_TOTAL))
    return scores


def evidence(findings: Iterable[Finding]) -> dict[str, int]:
    weights: dict[str, int] = {}
    for f in findings:
        weights[f.principle] = weights.get(f.principle, 0) + f.weight
    return weights


def conduct_score(findings: list[Finding], scores: dict[str, int | None]) -> int:
    weights = evidence(findings)
    total = sum(weights.get(pid, 0) for pid, s in scores.items() if s is not None)
    if not total:
        return 50
    return round_half_up(sum((s or 0) * weights.get(pid, 0) for pid, s in scores.items() if s is not None) / total)


def overall_score(conduct: int, grade: str | None) -> int:
    if grade is None:
        return conduct
    return round_half_up((1 - ENDING_SHARE) * conduct + ENDING_SHARE * GRADE_SCORE.get(grade, 40))


def round_half_up(value: float) -> int:
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)
