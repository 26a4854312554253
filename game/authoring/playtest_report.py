"""A playtest report as a terminal table, as JSON and as a self-contained HTML page.

The HTML goes through Jinja2 with autoescaping on and the debrief's own style sheet inlined, so
it opens offline and every scenario text in it is escaped.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

from game import __version__
from game.authoring.playtest import (
    DECISION_LIMIT,
    POLICIES,
    PROOF_PREFIX,
    UNFINISHED,
    EndingLine,
    PlaytestReport,
    ProofLine,
    Scores,
)
from game.debrief.words import GRADE_WORDS
from game.words import count

FORMAT = "good-offices-playtest"
FORMAT_VERSION = 1
TITLE_WIDTH = 44


def policy_title(policy: str) -> str:
    return policy.removeprefix(PROOF_PREFIX).replace("_", " ") if policy.startswith(PROOF_PREFIX) else policy.capitalize()


def score_range(scores: Scores | None) -> str:
    if scores is None:
        return "-"
    median = f"{scores.median:g}"
    return f"{scores.low} / {median} / {scores.high}"


def ending_name(line: EndingLine) -> str:
    return "no ending reached" if line.ending == UNFINISHED else f"{line.ending}: {line.title}"


def seeds_text(report: PlaytestReport) -> str:
    seeds = report.seeds
    return f"seed {seeds.start}" if len(seeds) == 1 else f"seeds {seeds.start}-{seeds[-1]}" if seeds else "no seeds"


def proof_summary(proof: ProofLine) -> list[str]:
    """What happened to a proof under the other seeds: a headline and its details."""
    if proof.ending is None:
        return [f"{proof.name}: not played ({proof.problem})"]
    lines = [f"{proof.name} (proves {proof.ending}, written for seed {proof.own_seed}): holds on {proof.held} of {proof.seeds} seeds"]
    if proof.stopped:
        where = ", ".join(f"{at} on {n}" for at, n in list(proof.stopped.items())[:3])
        more = len(proof.stopped) - 3
        lines.append(f"stops at {where}" + (f" and {count(more, 'other move')}" if more > 0 else ""))
    if proof.elsewhere:
        lines.append("ends elsewhere: " + ", ".join(f"{'no ending' if e == UNFINISHED else e} on {n}" for e, n in proof.elsewhere.items()))
    return lines


# -- the terminal table ----------------------------------------------------------------------------
def render_text(report: PlaytestReport) -> str:
    proofs = report.proof_policies
    columns = [policy_title(p) for p in POLICIES] + (["Proofs"] if proofs else [])
    header = ["Ending", "Grade", *columns, "Score min / median / max"]
    rows = []
    for line in report.endings:
        counts = [line.reached.get(p, 0) for p in POLICIES] + ([line.total(proofs)] if proofs else [])
        rows.append([_clip(ending_name(line)), GRADE_WORDS.get(line.grade, ""), *map(str, counts), score_range(line.scores)])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    numeric = range(2, 2 + len(columns))

    def row(cells: list[str]) -> str:
        parts = [c.rjust(widths[i]) if i in numeric else c.ljust(widths[i]) for i, c in enumerate(cells)]
        return "  ".join(parts).rstrip()

    out = [
        f"Playtest of {report.scenario_title} ({report.scenario_id}): {report.sessions} sessions per policy, {seeds_text(report)}",
        "",
        row(header),
        row(["-" * w for w in widths]),
        *(row(r) for r in rows),
    ]
    out.append(f"(No ending reached: a session still open after {DECISION_LIMIT} decisions, or a proof stopped at a move not on offer.)")
    if proofs:
        out.append(f"(Proofs: the moves of {count(len(proofs), 'proof')}, each under every seed, together.)")
    if report.proofs:
        out += ["", f"Proofs under {seeds_text(report)}:"]
        for proof in report.proofs:
            first, *rest = proof_summary(proof)
            out.append("  " + first)
            out += ["      " + detail for detail in rest]
    return "\n".join(out) + "\n"


def _clip(text: str) -> str:
    return text if len(text) <= TITLE_WIDTH else text[: TITLE_WIDTH - 1] + "\u2026"


# -- JSON ------------------------------------------------------------------------------------------
def to_json(report: PlaytestReport) -> dict[str, Any]:
    def scores(s: Scores | None) -> dict[str, Any] | None:
        return None if s is None else {"count": s.count, "min": s.low, "median": s.median, "max": s.high}

    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "game_version": __version__,
        "scenario": {"id": report.scenario_id, "title": report.scenario_title, "sha256": report.scenario_sha256},
        "sessions": report.sessions,
        "base_seed": report.base_seed,
        "policies": list(report.policies),
        "decision_limit": DECISION_LIMIT,
        "endings": [
            {
                "id": line.ending or None,
                "title": line.title,
                "grade": line.grade or None,
                "reached": line.reached,
                "scores": scores(line.scores),
                "scores_by_policy": {p: scores(s) for p, s in line.by_policy.items()},
                "proof_scores": scores(line.proof_scores),
                "first_seed": line.first_seed,
            }
            for line in report.endings
        ],
        "proofs": [
            {
                "name": p.name,
                "file": p.file,
                "ending": p.ending,
                "own_seed": p.own_seed,
                "seeds": p.seeds,
                "held": p.held,
                "ends_elsewhere": {(e or "unfinished"): n for e, n in p.elsewhere.items()},
                "stopped_at": p.stopped,
                "problem": p.problem or None,
            }
            for p in report.proofs
        ],
    }


# -- HTML ------------------------------------------------------------------------------------------
@cache
def _environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader([PackageLoader("game.authoring", "templates"), PackageLoader("game.debrief", "templates")]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        count=count,
        score_range=score_range,
        ending_name=ending_name,
        policy_title=policy_title,
        proof_summary=proof_summary,
        file_name=lambda f: Path(f).name,
    )
    return env


def render_html(report: PlaytestReport) -> str:
    proofs = report.proof_policies
    most = max((line.reached.get(p, 0) for line in report.endings for p in report.policies), default=0) or 1
    return (
        _environment()
        .get_template("playtest.html.j2")
        .render(
            r=report,
            policies=POLICIES,
            proofs=proofs,
            most=most,
            seeds=seeds_text(report),
            grade_words=GRADE_WORDS,
            version=__version__,
            decision_limit=DECISION_LIMIT,
        )
    )
