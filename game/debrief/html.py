"""HTML reports: one self-contained file each, through Jinja2 with autoescaping on.

CSS is inline, charts are inline SVG, there are no scripts and no network fonts, so a report
opens offline, prints cleanly and can be mailed as one file. Every piece of scenario or
trainee text is escaped by Jinja or, inside charts, by `markupsafe.escape`.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from game import __version__
from game.debrief import charts, scoring
from game.debrief.classreport import ClassReport
from game.debrief.model import Debrief
from game.debrief.scoring import band
from game.debrief.words import (
    CLASS_WORDS,
    GRADE_WORDS,
    SEVERITY_WORDS,
    VERDICT_WORDS,
    played_on,
    points,
    review_line,
    review_summary,
    score_words,
    search_words,
)
from game.principles import catalogue
from game.words import count


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("game.debrief", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        critical_cap=scoring.CRITICAL_CAP,
        failure_cap=scoring.FAILURE_CAP,
        broken_relay_cap=scoring.BROKEN_RELAY_CAP,
        ending_share=round(scoring.ENDING_SHARE * 100),
        count=count,
        score_words=score_words,
        review_line=review_line,
        whole=points,
        search_words=search_words,
    )
    return env


def render_html(d: Debrief) -> str:
    counts = Counter(f.verdict for f in d.findings)
    return (
        environment()
        .get_template("debrief.html.j2")
        .render(
            d=d,
            points=d.timeline[1:],
            bars=charts.score_bars(d.scores, d.principle_names),
            timeline=charts.timeline_chart(d.timeline, d.parties, d.findings),
            expected=charts.expected_chart(d.reviews) if d.reviews else None,
            review_summary=review_summary(d.reviews, d.search) if d.reviews else "",
            class_words=CLASS_WORDS,
            counts={v: counts.get(v, 0) for v in ("honoured", "breached", "missed")},
            principles=list(catalogue().values()),
            grade_words=GRADE_WORDS,
            verdict_words=VERDICT_WORDS,
            severity_words=SEVERITY_WORDS,
            overall_band=band(d.overall) if d.overall is not None else "none",
            turn_label=d.turn_label[:1].upper() + d.turn_label[1:],
            played=played_on(d.started) if d.started else "",
            language=d.language,
            version=__version__,
        )
    )


def render_class_html(report: ClassReport, *, language: str | None = None) -> str:
    """The class report as one HTML page, marked with its scenarios' language unless `language`
    is given."""
    cohorts = [
        {
            "c": c,
            "spread": charts.spread_chart((c.overall, *c.spreads)),
            "splits": [(p, charts.split_bar(p)) for p in c.splits],
            "most": max((e.count for e in c.endings), default=0) or 1,
        }
        for c in report.cohorts
    ]
    return (
        environment()
        .get_template("class.html.j2")
        .render(
            report=report,
            cohorts=cohorts,
            grade_words=GRADE_WORDS,
            verdict_words=VERDICT_WORDS,
            share_colours=charts.SHARE_COLOURS,
            language=language or report.language,
            version=__version__,
        )
    )
