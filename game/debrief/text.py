"""One debrief as terminal text and as Markdown.

Markdown output escapes every piece of scenario or trainee text (a Markdown viewer would
otherwise render raw HTML or links hidden in a scenario file).
"""

from __future__ import annotations

from game.debrief.model import Debrief, Finding
from game.debrief.words import (
    GRADE_WORDS,
    MARK,
    SEVERITY_WORDS,
    VERDICT_WORDS,
    md,
    overall_line,
    played_on,
    review_line,
    review_summary,
)
from game.debrief.words import wrap as _wrap
from game.words import count


def render_text(d: Debrief) -> str:
    out: list[str] = []
    title = f"DEBRIEF \u2014 {d.scenario_title}"
    out += [title, "=" * len(title)]
    out.append(
        _wrap(
            f"Trainee: {d.trainee or 'unnamed'} \u00b7 seed {d.seed} \u00b7 {count(d.decisions, 'decision', language=d.language)}"
            + (f" \u00b7 played {played_on(d.started)}" if d.started else "")
        )
    )
    out.append(_wrap(_ending_line(d)))
    out.append(f"Overall score: {overall_line(d.overall, d.conduct, d.grade, d.capped_by)}")
    if d.reviews:
        out.append(_wrap(review_summary(d.reviews, d.search)))
    for warning in d.warnings:
        out.append(_wrap(f"Warning: {warning}"))
    if d.summary:
        out += ["", _wrap(f"Instructor's note: {d.summary}")]
    out += ["", "SCORES BY PRINCIPLE"]
    for pid, score in d.scores.items():
        name = d.principle_names.get(pid, pid)
        if score is None:
            out.append(f"  {name:<28} {'':20}  not engaged")
        else:
            filled = round(score / 5)
            out.append(f"  {name:<28} {'#' * filled}{'.' * (20 - filled)}  {score:3d}")
    out += ["", "DECISION BY DECISION"]
    for point in d.timeline[1:]:
        out.append(_wrap(f"{point.decision:>3}. Turn {point.turn} \u00b7 {point.move_label}"))
        found = d.findings_for(point.decision)
        if not found:
            out.append("       (nothing to note under the principles)")
        for f in found:
            out.append(
                _wrap(
                    f"[{MARK[f.verdict]}] {f.principle_name}: {VERDICT_WORDS[f.verdict].lower()} "
                    f"({SEVERITY_WORDS[f.severity]}). {f.explanation}",
                    indent=5,
                    hang=9,
                )
            )
            out.append(_wrap(f"Source: {f.source}", indent=9))
        review = d.review_for(point.decision)
        if review is not None:
            out.append(_wrap(f"Review: {review_line(review)}", indent=5, hang=9))
        alternative = d.alternative_for(point.decision)
        if alternative is not None:
            out.append(_wrap(f"Stronger move: {alternative.text}", indent=5, hang=9))
        out.append("")
    out.append("WHAT YOU COULD NOT SEE")
    for line in d.reveal:
        out.append(_wrap(f"- {line}", indent=2, hang=4))
    key = "Key: [+] honoured  [x] breached  [o] missed opportunity; critical, major, minor: how much it counts."
    out += ["", _wrap(key + " Scores: see docs/debrief.md.")]
    return "\n".join(out) + "\n"


def render_markdown(d: Debrief) -> str:
    out: list[str] = [f"# Debrief: {md(d.scenario_title)}", ""]
    out.append(
        f"**Trainee:** {md(d.trainee or 'unnamed')} \u00b7 **Seed:** {d.seed} \u00b7 **Decisions:** {d.decisions}"
        + (f" \u00b7 **Played:** {md(played_on(d.started))}" if d.started else "")
    )
    out += ["", f"**{md(_ending_line(d))}**", ""]
    head, _, rest = overall_line(d.overall, d.conduct, d.grade, d.capped_by).partition(" (")
    out.append(f"**Overall score: {head}** ({rest}")
    if d.reviews:
        out += ["", md(review_summary(d.reviews, d.search))]
    for warning in d.warnings:
        out += ["", f"> **Warning:** {md(warning)}"]
    if d.summary:
        out += ["", f"> {md(d.summary)}"]
    out += ["", "## Scores by principle", "", "| Principle | Score |", "|---|---:|"]
    for pid, score in d.scores.items():
        out.append(f"| {md(d.principle_names.get(pid, pid))} | {'not engaged' if score is None else score} |")
    out += ["", "## Decision by decision", ""]
    for point in d.timeline[1:]:
        out += [f"### {point.decision}. Turn {point.turn}: {md(point.move_label)}", ""]
        found = d.findings_for(point.decision)
        if not found:
            out.append("_Nothing to note under the principles._")
        out += [_md_finding(f) for f in found]
        review = d.review_for(point.decision)
        if review is not None:
            out += ["", f"_Review:_ {md(review_line(review))}"]
        alternative = d.alternative_for(point.decision)
        if alternative is not None:
            out += ["", f"> **Stronger move:** {md(alternative.text)}"]
        out.append("")
    out += ["## What you could not see", ""]
    out += [f"- {md(line)}" for line in d.reveal]
    return "\n".join(out) + "\n"


def _md_finding(f: Finding) -> str:
    return (
        f"- **{VERDICT_WORDS[f.verdict]}: {md(f.principle_name)}** ({SEVERITY_WORDS[f.severity]}). {md(f.explanation)}  \n"
        f"  _Source: {md(f.source)}_"
    )


def _ending_line(d: Debrief) -> str:
    if d.ending is None:
        return "Ending: none yet (the session is unfinished)"
    return f"Ending: {d.ending.title} ({GRADE_WORDS[d.ending.grade]}). {d.ending.outcome}"
