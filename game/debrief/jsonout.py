"""JSON for one debrief and for a class report; fields are documented in docs/debrief.md.

Plain types only, keys in a fixed order, no file paths and no times other than the log's own
start time, so the same log always gives byte-identical JSON (the golden tests rely on it).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from game.debrief.classreport import ClassReport, Cohort, Spread
from game.debrief.model import Debrief, MoveReview

DEBRIEF_FORMAT = 1


def to_json(d: Debrief) -> dict[str, Any]:
    return {
        "debrief_format": DEBRIEF_FORMAT,
        "scenario": {"id": d.scenario_id, "title": d.scenario_title, "sha256": d.scenario_sha256},
        "trainee": d.trainee,
        "seed": d.seed,
        "started": d.started,
        "summary": d.summary,
        "mandate": d.mandate,
        "ending": (
            {"phase": d.ending.phase, "title": d.ending.title, "grade": d.ending.grade, "outcome": d.ending.outcome}
            if d.ending is not None
            else None
        ),
        "overall": d.overall,
        "conduct": d.conduct,
        "capped_by": d.capped_by,
        "decisions": d.decisions,
        "scores": dict(d.scores),
        "principles": dict(d.principle_names),
        "parties": dict(d.parties),
        "findings": [asdict(f) for f in d.findings],
        "alternatives": [asdict(a) for a in d.alternatives],
        "search": dict(d.search) or None,
        "reviews": [_review(r) for r in d.reviews],
        "timeline": [
            {
                "decision": p.decision,
                "turn": p.turn,
                "move_key": p.move_key,
                "move_label": p.move_label,
                "escalation": p.escalation,
                "leak_risk": p.leak_risk,
                "trust": dict(p.trust),
                "events": list(p.events),
            }
            for p in d.timeline
        ],
        "reveal": list(d.reveal),
        "warnings": list(d.warnings),
    }


def _review(r: MoveReview) -> dict[str, Any]:
    return {
        "decision": r.decision,
        "move_key": r.move_key,
        "expected": r.expected,
        "best": r.best,
        "best_key": r.best_key,
        "best_label": r.best_label,
        "loss": r.loss,
        "chance": r.chance,
        "class": r.classification,
        "stronger": asdict(r.stronger) if r.stronger is not None else None,
        "endings": [{"ending": title, "count": n} for title, n in r.endings],
        "best_endings": [{"ending": title, "count": n} for title, n in r.best_endings],
        "continuations": r.continuations,
        "candidates": r.candidates,
        "breached": r.breached,
    }


def class_to_json(report: ClassReport) -> dict[str, Any]:
    return {
        "debrief_format": DEBRIEF_FORMAT,
        "kind": "class",
        "anonymous": report.anonymous,
        "size": report.size,
        "notes": list(report.notes),
        "cohorts": [_cohort(c) for c in report.cohorts],
    }


def _cohort(c: Cohort) -> dict[str, Any]:
    return {
        "scenario": {"id": c.scenario_id, "title": c.scenario_title, "sha256": c.scenario_sha256},
        "size": c.size,
        "summary": c.summary,
        "endings": [asdict(e) for e in c.endings],
        "unfinished": c.unfinished,
        "overall": _spread(c.overall),
        "principles": [_spread(s) for s in c.spreads],
        "splits": [
            {
                "decision": p.decision,
                "reached": p.reached,
                "moves": [{"key": m.key, "label": m.label, "count": m.count, "share": round(m.share, 4)} for m in p.moves],
                "verbs": [{"verb": v.key, "count": v.count, "share": round(v.share, 4)} for v in p.verbs],
            }
            for p in c.splits
        ],
        "breaches": [
            {
                "principle": b.principle,
                "principle_name": b.principle_name,
                "verdict": b.verdict,
                "move_key": b.move_key,
                "move_label": b.move_label,
                "trainees": b.trainees,
                "occurrences": b.occurrences,
                "example": {"trainee": b.example_trainee, **asdict(b.example)},
            }
            for b in c.breaches
        ],
        "trainees": [asdict(t) for t in c.trainees],
        "search": dict(c.search) or None,
        "costly": [asdict(m) for m in c.costly],
    }


def _spread(s: Spread) -> dict[str, Any]:
    summary: dict[str, Any] = {"key": s.key, "name": s.name, "values": list(s.values), "untouched": s.untouched}
    if s.values:
        summary.update(
            min=min(s.values),
            q1=round(s.quantile(0.25), 1),
            median=round(s.median, 1),
            q3=round(s.quantile(0.75), 1),
            max=max(s.values),
            mean=round(s.mean, 1),
        )
    return summary
