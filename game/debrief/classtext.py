"""A class report as terminal text and as Markdown."""

from __future__ import annotations

from game.debrief.classreport import ClassReport, Cohort, Spread, TraineeLine
from game.debrief.words import GRADE_WORDS, md, score_words, search_words, wrap
from game.words import count


def render_class_text(report: ClassReport) -> str:
    out: list[str] = []
    title = f"CLASS DEBRIEF \u2014 {count(report.size, 'session')}"
    out += [title, "=" * len(title)]
    for note in report.notes:
        out.append(wrap(f"Note: {note}"))
    for cohort in report.cohorts:
        out += [""] + _cohort_text(cohort, len(report.cohorts) > 1)
    return "\n".join(out) + "\n"


def _cohort_text(c: Cohort, several: bool) -> list[str]:
    head = f"{c.scenario_title} ({c.scenario_id}" + (f", version {c.scenario_sha256[:12]})" if several else ")")
    out = [head, "-" * len(head), f"{count(c.size, 'trainee')}."]
    if c.summary:
        out.append(wrap(f"Instructor's note: {c.summary}"))
    out += ["", "ENDINGS"]
    for e in c.endings:
        out.append(f"  {e.count:>4}  {e.title} ({GRADE_WORDS[e.grade]})")
    if c.unfinished:
        out.append(f"  {c.unfinished:>4}  unfinished")
    out += ["", "SCORES ACROSS THE CLASS (min / quartiles / max; n = trainees who engaged the principle)"]
    out.append("  " + _spread_line(c.overall))
    out += ["  " + _spread_line(s) for s in c.spreads]
    out += ["", "WHERE THE CLASS SPLIT"]
    if not c.splits:
        out.append("  Everyone chose the same moves.")
    for p in c.splits:
        out.append(f"  Decision {p.decision} ({count(p.reached, 'trainee')}):")
        for m in p.moves[:5]:
            out.append(wrap(f"{m.share:>5.0%}  {m.label}", indent=6, hang=13))
        if len(p.moves) > 5:
            out.append(f"        ... and {count(len(p.moves) - 5, 'other move')}")
    out += ["", "MOST FREQUENT BREACHES AND MISSED OPPORTUNITIES"]
    if not c.breaches:
        out.append("  None.")
    for b in c.breaches:
        out.append(
            wrap(
                f"{count(b.trainees, 'trainee')}: {b.principle_name} {b.verdict} by '{b.move_label}' ({count(b.occurrences, 'time')})",
                indent=2,
                hang=6,
            )
        )
        out.append(wrap(f"e.g. {b.example_trainee}, decision {b.example.decision}: {b.example.explanation}", indent=6))
        if b.example.stronger:
            out.append(wrap(f"Stronger: {b.example.stronger}", indent=6))
    if c.search:
        out += ["", "COSTLY MOVES (review by search: mistakes and blunders)"]
        out.append(wrap(search_words(c.search), indent=2))
        if not c.costly:
            out.append("  None.")
        for cm in c.costly:
            out.append(
                wrap(
                    f"{count(cm.trainees, 'trainee')}: '{cm.move_label}' ({count(cm.occurrences, 'time')}, average loss {cm.mean_loss:.0f})"
                    + (f"; stronger: {cm.stronger}" if cm.stronger else ""),
                    indent=2,
                    hang=6,
                )
            )
    out += ["", "TRAINEES"]
    for t in c.trainees:
        ending = f"{t.ending} ({GRADE_WORDS[t.grade]})" if t.grade else "unfinished"
        out.append(
            wrap(
                f"{t.label}: {score_words(t.overall)} \u00b7 {ending} \u00b7 {count(t.decisions, 'decision')} \u00b7 "
                f"{t.honoured} honoured, {t.breaches} breached"
                + (f" \u00b7 {review_counts(t)}" if t.blunders is not None else "")
                + (f" \u00b7 worst: {t.top_breach}" if t.top_breach else ""),
                indent=2,
                hang=6,
            )
        )
    return out


def _spread_line(s: Spread) -> str:
    if not s.values:
        return f"{s.name:<28} " + ("no score yet (every session unfinished)" if s.key == "overall" else "not engaged by anyone")
    return (
        f"{s.name:<28} {min(s.values):>3} / {s.quantile(0.25):>5.1f} {s.median:>5.1f} {s.quantile(0.75):>5.1f} / "
        f"{max(s.values):>3}   n={len(s.values)}"
    )


def render_class_markdown(report: ClassReport) -> str:
    out = [f"# Class debrief: {count(report.size, 'session')}", ""]
    for note in report.notes:
        out += [f"> **Note:** {md(note)}", ""]
    for c in report.cohorts:
        several = len(report.cohorts) > 1
        out += [f"## {md(c.scenario_title)} ({md(c.scenario_id)}" + (f", version {c.scenario_sha256[:12]})" if several else ")"), ""]
        out.append(f"{count(c.size, 'trainee')}.")
        if c.summary:
            out += ["", f"> {md(c.summary)}"]
        out += ["", "### Endings", "", "| Ending | Grade | Trainees |", "|---|---|---:|"]
        out += [f"| {md(e.title)} | {GRADE_WORDS[e.grade]} | {e.count} |" for e in c.endings]
        if c.unfinished:
            out.append(f"| unfinished | | {c.unfinished} |")
        out += [
            "",
            "### Scores across the class",
            "",
            "| Score | n | min | Q1 | median | Q3 | max |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for s in (c.overall, *c.spreads):
            if s.values:
                out.append(
                    f"| {md(s.name)} | {len(s.values)} | {min(s.values)} | {s.quantile(0.25):.1f} | {s.median:.1f} | "
                    f"{s.quantile(0.75):.1f} | {max(s.values)} |"
                )
            else:
                out.append(f"| {md(s.name)} | 0 | | | | | |")
        out += ["", "### Where the class split", ""]
        if not c.splits:
            out.append("Everyone chose the same moves.")
        for p in c.splits:
            shares = "; ".join(f"{m.share:.0%} {md(m.label)}" for m in p.moves[:5])
            out.append(f"- **Decision {p.decision}** ({count(p.reached, 'trainee')}): {shares}")
        out += ["", "### Most frequent breaches and missed opportunities", ""]
        if not c.breaches:
            out.append("None.")
        for b in c.breaches:
            out.append(
                f"- **{md(b.principle_name)} {b.verdict}** by _{md(b.move_label)}_: {count(b.trainees, 'trainee')}, "
                f"{count(b.occurrences, 'time')}.  \n"
                f"  Example ({md(b.example_trainee)}, decision {b.example.decision}): {md(b.example.explanation)}"
            )
        if c.search:
            out += ["", "### Costly moves", "", md(search_words(c.search)), ""]
            if not c.costly:
                out.append("None.")
            for cm in c.costly:
                out.append(
                    f"- _{md(cm.move_label)}_: {count(cm.trainees, 'trainee')}, {count(cm.occurrences, 'time')}, "
                    f"average loss {cm.mean_loss:.0f}" + (f"; stronger: {md(cm.stronger)}" if cm.stronger else "")
                )
        reviewed = any(t.blunders is not None for t in c.trainees)
        out += [
            "",
            "### Trainees",
            "",
            "| Trainee | Overall | Ending | Decisions | Honoured | Breached |" + (" Review |" if reviewed else "") + " Worst |",
            "|---|---:|---|---:|---:|---:|" + ("---|" if reviewed else "") + "---|",
        ]
        for t in c.trainees:
            ending = f"{md(t.ending)} ({GRADE_WORDS[t.grade]})" if t.grade else "unfinished"
            overall = "no score" if t.overall is None else t.overall
            review = f" {review_counts(t) if t.blunders is not None else ''} |" if reviewed else ""
            out.append(
                f"| {md(t.label)} | {overall} | {ending} | {t.decisions} | {t.honoured} | {t.breaches} |{review} {md(t.top_breach or '')} |"
            )
        out.append("")
    return "\n".join(out) + "\n"


def review_counts(t: TraineeLine) -> str:
    """'1 blunder, 2 mistakes, 0 inaccuracies (average loss 6)'."""
    tally = [count(t.blunders or 0, "blunder"), count(t.mistakes or 0, "mistake"), count(t.inaccuracies or 0, "inaccuracy", "inaccuracies")]
    return ", ".join(tally) + f" (average loss {t.mean_loss or 0:.0f})"
