"""Scores: each principle on 0-100 from its findings, and an overall score with the ending,
built to rank runs the way a trainer would.

Per principle, with H, B and M the summed weights of the findings that honoured, breached and
missed it:

    H' = SATURATION * (1 - exp(-H / SATURATION))      honoured credit saturates
    score = 100 * (H' + 1/2) / (H' + B + M/2 + 1)

The 1/2 and 1 are a neutral prior (a principle is 50 before any evidence). One honoured
finding already shows green (74); one breach shows red (25). Honoured credit has diminishing
returns, so a long run of routine "consent honoured" findings cannot wash out a breach. A
principle with a critical breach (weight 3) scores at most CRITICAL_PRINCIPLE_CAP. A principle
no decision touched has no score (None).

Conduct: the principles' scores averaged, each weighted by its evidence H' + B + M (honoured
evidence saturating like the score), so a breached principle is not diluted by routine credit
elsewhere. No finding at all: no conduct score (None).

Overall: (1 - ENDING_SHARE) * conduct + ENDING_SHARE * the ending's grade score, or conduct
alone while the session is unfinished. Then caps: any critical breach caps it at
CRITICAL_CAP, a critical breach of faithful relay at BROKEN_RELAY_CAP, a failure ending at
FAILURE_CAP. A session with nothing judged and no ending has
no overall score (None, "unfinished").
docs/debrief.md explains the method to instructors.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from game.debrief.model import Finding
from game.principles import principle_ids

SATURATION = 6.0
"""Honoured weight beyond a few findings adds less and less (at most this much in all)."""
PRIOR_HONOURED = 0.5
PRIOR_TOTAL = 1.0
MISSED_FACTOR = 0.5
CRITICAL_PRINCIPLE_CAP = 35
"""A principle critically breached shows red, however often it was honoured otherwise."""
GRADE_SCORE = {"success": 100, "partial": 70, "stalemate": 40, "failure": 10}
ENDING_SHARE = 0.4
CRITICAL_CAP = 30
"""No run with a critical breach (a distorted message, a party blamed in public, contacts
exposed, talks forced on a party, good offices ended without cause) scores above this overall.
It sits below FAILURE_CAP on purpose: the envoy answers for conduct more than for the outcome,
which the parties and chance share, so a run built on such a breach ranks below a failure
reached with defensible conduct, whatever ending the breach bought."""
FAILURE_CAP = 35
"""No run that ends in failure (shots fired, the envoy expelled, the channel burned) scores
above this overall."""
BROKEN_RELAY_CAP = 20
"""No run in which the envoy changed a message's substance or withheld a warning (a critical
breach of faithful relay) scores above this overall. Carrying messages faithfully is the one
service every other part of good offices rests on: such a run ranks below every other critical
breach and every failure, with the runs that end in violence."""


GOOD = 70
"""A score at or above this shows green: one honoured finding and nothing against it is enough."""
FAIR = 40
"""At or above this (and below GOOD) amber; below it red. A critical breach caps a principle below it."""


def band(score: float) -> str:
    """'good', 'fair' or 'poor': the one place the colour thresholds live (reports and the GUI)."""
    return "good" if score >= GOOD else "fair" if score >= FAIR else "poor"


def saturated(honoured: float) -> float:
    return SATURATION * (1.0 - math.exp(-honoured / SATURATION))


def _tally(findings: Iterable[Finding]) -> tuple[dict[str, float], dict[str, float], dict[str, float], set[str]]:
    honoured: dict[str, float] = {}
    breached: dict[str, float] = {}
    missed: dict[str, float] = {}
    critical: set[str] = set()
    for f in findings:
        bucket = honoured if f.verdict == "honoured" else breached if f.verdict == "breached" else missed
        bucket[f.principle] = bucket.get(f.principle, 0.0) + f.weight
        if f.critical_breach:
            critical.add(f.principle)
    return honoured, breached, missed, critical


def principle_scores(findings: Iterable[Finding]) -> dict[str, int | None]:
    honoured, breached, missed, critical = _tally(findings)
    scores: dict[str, int | None] = {}
    for pid in principle_ids():
        if pid not in honoured and pid not in breached and pid not in missed:
            scores[pid] = None
            continue
        h = saturated(honoured.get(pid, 0.0))
        against = breached.get(pid, 0.0) + MISSED_FACTOR * missed.get(pid, 0.0)
        score = round_half_up(100 * (h + PRIOR_HONOURED) / (h + against + PRIOR_TOTAL))
        scores[pid] = min(score, CRITICAL_PRINCIPLE_CAP) if pid in critical else score
    return scores


def evidence(findings: Iterable[Finding]) -> dict[str, float]:
    """How much each principle was tested: saturated honoured weight plus breached and missed."""
    honoured, breached, missed, _ = _tally(findings)
    return {
        pid: saturated(honoured.get(pid, 0.0)) + breached.get(pid, 0.0) + missed.get(pid, 0.0) for pid in {*honoured, *breached, *missed}
    }


def conduct_score(findings: list[Finding], scores: dict[str, int | None]) -> int | None:
    weights = evidence(findings)
    total = sum(weights.get(pid, 0.0) for pid, s in scores.items() if s is not None)
    if not total:
        return None
    return round_half_up(sum((s or 0) * weights.get(pid, 0.0) for pid, s in scores.items() if s is not None) / total)


def _blend(conduct: int | None, grade: str | None) -> float:
    if grade is None:
        return float(conduct or 0)
    if conduct is None:
        return float(GRADE_SCORE.get(grade, 40))
    return (1 - ENDING_SHARE) * conduct + ENDING_SHARE * GRADE_SCORE.get(grade, 40)


def overall_score(conduct: int | None, grade: str | None, *, critical: bool = False, broken_relay: bool = False) -> int | None:
    """The overall score, or None when there is neither conduct nor an ending to score."""
    if conduct is None and grade is None:
        return None
    base = _blend(conduct, grade)
    for cap, _ in _caps(grade, critical, broken_relay):
        base = min(base, cap)
    return round_half_up(base)


def capped_by(conduct: int | None, grade: str | None, *, critical: bool = False, broken_relay: bool = False) -> str | None:
    """Why the overall score is below its blend of conduct and ending, in words a trainee reads
    after the score ('a critical breach'), or None when no cap lowered it. The lower cap wins."""
    if conduct is None and grade is None:
        return None
    base = round_half_up(_blend(conduct, grade))
    binding = [(cap, why) for cap, why in _caps(grade, critical, broken_relay) if cap < base]
    return min(binding)[1] if binding else None


def _caps(grade: str | None, critical: bool, broken_relay: bool) -> list[tuple[int, str]]:
    caps = [(CRITICAL_CAP, "a critical breach")] if critical else []
    if broken_relay:
        caps.append((BROKEN_RELAY_CAP, "a message distorted or a warning withheld"))
    if grade == "failure":
        caps.append((FAILURE_CAP, "an ending in failure"))
    return caps


def has_critical_breach(findings: Iterable[Finding]) -> bool:
    return any(f.critical_breach for f in findings)


def has_broken_relay(findings: Iterable[Finding]) -> bool:
    """A critical breach of faithful relay: a message's substance changed, or a warning withheld."""
    return any(f.critical_breach and f.principle == "fidelity" for f in findings)


def round_half_up(value: float) -> int:
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)
