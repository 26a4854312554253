"""Inline SVG charts for the HTML reports: no scripts, no external files, every label escaped.

Each function returns `Markup` so Jinja (autoescaping on) inserts the SVG as is; every piece
of scenario or trainee text inside goes through `escape` first.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from game.debrief.classreport import SplitPoint, Spread
from game.debrief.model import Finding, MoveReview, TimelinePoint
from game.debrief.scoring import band

INK = "#1c2430"
MUTED = "#5b6470"
GRID = "#d9dde3"
HONOURED = "#1b7f5b"
BREACHED = "#b3261e"
MISSED = "#a35f00"
ESCALATION = "#b3261e"
PARTY_COLOURS = ("#1f5fa8", "#7b3fa0", "#0f7c7c", "#a65e00", "#55606e", "#8a2f5c")
PARTY_DASHES = ("", "7 4", "2 3", "10 3 2 3", "4 4", "1 2")
TEXT_SCALE = 1.2
"""Chart text is set a little larger than body text would need: reports are projected."""
CHART_WIDTH = 900
"""Every chart has the same viewBox width, so text comes out the same size in all of them."""
SHARE_COLOURS = ("#1f5fa8", "#4f86c6", "#8fb3dd", "#c9daee", "#e6ecf3")


BAND_COLOURS = {"good": HONOURED, "fair": MISSED, "poor": BREACHED}


def score_colour(score: float) -> str:
    return BAND_COLOURS[band(score)]


def _svg(width: int, height: int, body: list[str], label: str) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{escape(label)}" class="chart" preserveAspectRatio="xMinYMin meet">'
    )
    return Markup(head + "<title>" + str(escape(label)) + "</title>" + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, *, size: int = 13, anchor: str = "start", fill: str = INK, weight: str = "normal") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size * TEXT_SCALE:.0f}" text-anchor="{anchor}" fill="{fill}" '
        f'font-weight="{weight}">{escape(text)}</text>'
    )


def score_bars(scores: dict[str, int | None], names: dict[str, str]) -> Markup:
    """Horizontal bars, one per principle, 0 to 100; untouched principles say so."""
    label_w, bar_w, row, top = 260, 570, 32, 28
    width, height = CHART_WIDTH, top + row * len(scores) + 8
    body = []
    for tick in (0, 25, 50, 75, 100):
        x = label_w + bar_w * tick / 100
        body.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 6}" stroke="{GRID}" stroke-width="1"/>')
        body.append(_text(x, top - 10, str(tick), size=11, anchor="middle", fill=MUTED))
    for i, (pid, score) in enumerate(scores.items()):
        y = top + i * row
        body.append(_text(label_w - 10, y + 20, names.get(pid, pid), anchor="end"))
        if score is None:
            body.append(f'<rect x="{label_w}" y="{y + 5}" width="{bar_w}" height="20" fill="none" stroke="{GRID}" stroke-dasharray="4 3"/>')
            body.append(_text(label_w + 8, y + 20, "not engaged", size=12, fill=MUTED))
            continue
        w = max(bar_w * score / 100, 2)
        body.append(f'<rect x="{label_w}" y="{y + 5}" width="{w:.1f}" height="20" rx="2" fill="{score_colour(score)}"/>')
        body.append(_text(label_w + bar_w + 10, y + 21, str(score), weight="600"))
    return _svg(width, height, body, "Score per principle, 0 to 100")


def timeline_chart(points: Sequence[TimelinePoint], parties: dict[str, str], findings: Sequence[Finding]) -> Markup:
    """Escalation and each party's trust after every decision, decisions marked by verdict."""
    left, right, top, plot_h = 48, 24, 70, 300
    n = max(len(points) - 1, 1)
    plot_w = CHART_WIDTH - left - right
    width, height = CHART_WIDTH, top + plot_h + 74

    def x(i: int) -> float:
        return left + plot_w * i / n

    def y(v: float) -> float:
        return top + plot_h * (1 - v / 100)

    body = []
    for v in (0, 25, 50, 75, 100):
        body.append(f'<line x1="{left}" y1="{y(v):.1f}" x2="{left + plot_w}" y2="{y(v):.1f}" stroke="{GRID}"/>')
        body.append(_text(left - 8, y(v) + 4, str(v), size=11, anchor="end", fill=MUTED))
    series = [("Escalation", [p.escalation for p in points], ESCALATION, "", 3.5)]
    for i, (pid, name) in enumerate(parties.items()):
        series.append((f"{name} trust", [p.trust.get(pid, 0.0) for p in points], PARTY_COLOURS[i % 6], PARTY_DASHES[i % 6], 2.2))
    legend_x = float(left)
    for label, values, colour, dash, stroke in series:
        path = " ".join(f"{'M' if i == 0 else 'L'}{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{stroke}" stroke-linejoin="round"{dash_attr}/>')
        body.append(
            f'<line x1="{legend_x:.1f}" y1="18" x2="{legend_x + 26:.1f}" y2="18" stroke="{colour}" stroke-width="{stroke}"{dash_attr}/>'
        )
        body.append(_text(legend_x + 32, 23, label, size=12))
        legend_x += 44 + 7.2 * TEXT_SCALE * len(label)
    verdicts = _verdict_by_decision(findings)
    base = top + plot_h
    for p in points[1:]:
        verdict = verdicts.get(p.decision, "none")
        tip = f"Decision {p.decision}: {p.move_label} \u2014 {VERDICT_MARKS[verdict][0]}"
        body.append(f'<a href="#decision-{p.decision}">{verdict_mark(verdict, x(p.decision), base + 18, 7, tip)}</a>')
        if n <= 30 or p.decision % 5 == 0:
            body.append(_text(x(p.decision), base + 42, str(p.decision), size=11, anchor="middle", fill=MUTED))
        if p.events:
            body.append(
                f'<path d="M{x(p.decision) - 5:.1f},{top - 12} l5,8 l5,-8 z" fill="{INK}">'
                f"<title>{escape('; '.join(p.events))}</title></path>"
            )
    body.append(_text(left + plot_w / 2, height - 4, "decision", size=11, anchor="middle", fill=MUTED))
    body.append(_legend_dots(left, 48))
    return _svg(width, height, body, "Escalation and each party's trust after every decision")


CLASS_COLOURS = {"fine": HONOURED, "inaccuracy": "#c58a00", "mistake": MISSED, "blunder": BREACHED}
CLASS_MARKS = {"fine": "", "inaccuracy": "?!", "mistake": "?", "blunder": "??"}
"""Written over each reviewed move's dot, as chess annotators mark moves, so the classes are told
apart without their colours (many colour-blind readers, black-and-white print)."""
BEST = "#1f5fa8"


def expected_chart(reviews: Sequence[MoveReview]) -> Markup:
    """The expected outcome across the session: after each decision, of the move made (solid)
    and of the best move on offer that breached nothing (dashed); each decision's dot coloured
    by its class, the costly ones (mistakes and blunders) larger, with their loss written."""
    left, right, top, plot_h = 48, 24, 62, 260
    n = max((r.decision for r in reviews), default=1)
    plot_w = CHART_WIDTH - left - right
    width, height = CHART_WIDTH, top + plot_h + 58

    def x(decision: int) -> float:
        return left + plot_w * (decision - 0.5) / n

    def y(value: float) -> float:
        return top + plot_h * (1 - value / 100)

    body = []
    for v in (0, 40, 70, 100):
        body.append(f'<line x1="{left}" y1="{y(v):.1f}" x2="{left + plot_w}" y2="{y(v):.1f}" stroke="{GRID}"/>')
        body.append(_text(left - 8, y(v) + 4, str(v), size=11, anchor="end", fill=MUTED))
    for v, word in ((100, "success"), (70, "partial"), (40, "stalemate"), (0, "failure")):
        body.append(_text(left + plot_w - 4, y(v) - 5, word, size=10, anchor="end", fill=MUTED))
    if reviews:
        edge = [(r.decision, r.best) for r in reviews] + [(r.decision, r.expected) for r in reversed(reviews)]
        gap = " ".join(f"{'M' if i == 0 else 'L'}{x(d):.1f},{y(v):.1f}" for i, (d, v) in enumerate(edge))
        body.append(f'<path d="{gap} Z" fill="{BREACHED}" fill-opacity="0.10" stroke="none"/>')
        best = " ".join(f"{'M' if i == 0 else 'L'}{x(r.decision):.1f},{y(r.best):.1f}" for i, r in enumerate(reviews))
        made = " ".join(f"{'M' if i == 0 else 'L'}{x(r.decision):.1f},{y(r.expected):.1f}" for i, r in enumerate(reviews))
        body.append(f'<path d="{best}" fill="none" stroke="{BEST}" stroke-width="2" stroke-dasharray="6 4"/>')
        body.append(f'<path d="{made}" fill="none" stroke="{INK}" stroke-width="3" stroke-linejoin="round"/>')
    for r in reviews:
        colour = CLASS_COLOURS[r.classification]
        radius = 8 if r.costly else 6 if r.classification == "inaccuracy" else 4
        tip = f"Decision {r.decision}: expected {r.expected:.0f}, best {r.best:.0f} ({r.classification}, loss {r.loss:.0f})"
        body.append(
            f'<a href="#decision-{r.decision}"><circle cx="{x(r.decision):.1f}" cy="{y(r.expected):.1f}" r="{radius}" fill="{colour}" '
            f'stroke="#fff" stroke-width="1.5"><title>{escape(tip)}</title></circle></a>'
        )
        if CLASS_MARKS[r.classification]:
            mark = CLASS_MARKS[r.classification]
            body.append(_text(x(r.decision), y(r.expected) - radius - 5, mark, size=12, anchor="middle", fill=colour, weight="700"))
        if r.costly:
            loss = f"\u2212{r.loss:.0f}"
            below = y(r.expected) + 24
            # near the floor the loss would sit on the decision numbers: it goes above the mark
            at = below if below < top + plot_h + 8 else y(r.expected) - radius - 19
            body.append(_text(x(r.decision), at, loss, size=11, anchor="middle", fill=colour, weight="600"))
        if n <= 30 or r.decision % 5 == 0:
            body.append(_text(x(r.decision), top + plot_h + 22, str(r.decision), size=11, anchor="middle", fill=MUTED))
    body.append(_text(left + plot_w / 2, height - 4, "decision", size=11, anchor="middle", fill=MUTED))
    legend = [
        f'<line x1="{left}" y1="18" x2="{left + 26}" y2="18" stroke="{INK}" stroke-width="3"/>',
        _text(left + 32, 23, "the move made", size=12),
        f'<line x1="{left + 170}" y1="18" x2="{left + 196}" y2="18" stroke="{BEST}" stroke-width="2" stroke-dasharray="6 4"/>',
        _text(left + 202, 23, "the best move that breached nothing", size=12),
    ]
    lx = float(left)
    for word in ("fine", "inaccuracy", "mistake", "blunder"):
        legend.append(f'<circle cx="{lx + 5}" cy="40" r="5" fill="{CLASS_COLOURS[word]}"/>')
        label = f"{CLASS_MARKS[word]} {word}".strip()
        legend.append(_text(lx + 14, 44, label, size=11, fill=MUTED))
        lx += 30 + 6.6 * TEXT_SCALE * len(label)
    body.extend(legend)
    return _svg(width, height, body, "Expected outcome after each decision: the move made against the best move on offer")


VERDICT_MARKS = {
    "breached": ("breached", BREACHED, "cross"),
    "missed": ("missed", MISSED, "diamond"),
    "honoured": ("honoured only", HONOURED, "disc"),
    "none": ("no finding", MUTED, "ring"),
}
"""A decision's worst verdict on the timeline: its words, colour and shape. The shapes differ,
so the marks are told apart without their colours (breached and missed look alike to many
colour-blind readers) and in black-and-white print; none is a triangle, which marks events."""


def verdict_mark(verdict: str, cx: float, cy: float, r: float, tip: str = "") -> str:
    """The mark of one verdict centred on (cx, cy), about 2r across, with `tip` as its tooltip."""
    _, colour, shape = VERDICT_MARKS[verdict]
    title = f"<title>{escape(tip)}</title>" if tip else ""
    if shape == "cross":
        a = r * 0.8
        return (
            f'<path d="M{cx - a:.1f},{cy - a:.1f} L{cx + a:.1f},{cy + a:.1f} M{cx + a:.1f},{cy - a:.1f} L{cx - a:.1f},{cy + a:.1f}" '
            f'stroke="{colour}" stroke-width="{r * 0.55:.1f}" stroke-linecap="round" fill="none" data-verdict="{verdict}">{title}</path>'
        )
    if shape == "diamond":
        return (
            f'<path d="M{cx:.1f},{cy - r * 1.15:.1f} L{cx + r:.1f},{cy:.1f} L{cx:.1f},{cy + r * 1.15:.1f} L{cx - r:.1f},{cy:.1f} z" '
            f'fill="{colour}" data-verdict="{verdict}">{title}</path>'
        )
    if shape == "ring":
        return (
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r - 1:.1f}" fill="#fff" stroke="{colour}" stroke-width="2" '
            f'data-verdict="{verdict}">{title}</circle>'
        )
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{colour}" data-verdict="{verdict}">{title}</circle>'


def _legend_dots(x0: float, y0: float) -> str:
    parts, x = [], x0
    for verdict, (label, _, _) in VERDICT_MARKS.items():
        parts.append(verdict_mark(verdict, x + 5, y0 - 4, 5))
        parts.append(_text(x + 14, y0, label, size=11, fill=MUTED))
        x += 26 + 6.6 * TEXT_SCALE * len(label)
    parts.append(_text(x + 8, y0, "\u25bc event", size=11, fill=MUTED))
    return "".join(parts)


def _verdict_by_decision(findings: Sequence[Finding]) -> dict[int, str]:
    """Each judged decision's worst verdict."""
    worst: dict[int, str] = {}
    rank = {"honoured": 0, "missed": 1, "breached": 2}
    for f in findings:
        if f.decision not in worst or rank[f.verdict] > rank[worst[f.decision]]:
            worst[f.decision] = f.verdict
    return worst


def spread_chart(spreads: Sequence[Spread]) -> Markup:
    """Per score: the trainees as dots (a strip) over a box from the first to the third quartile."""
    label_w, plot_w, row, top = 260, 490, 36, 28
    width, height = CHART_WIDTH, top + row * len(spreads) + 10
    body = []

    def x(v: float) -> float:
        return label_w + plot_w * v / 100

    for tick in (0, 25, 50, 75, 100):
        body.append(f'<line x1="{x(tick):.1f}" y1="{top - 6}" x2="{x(tick):.1f}" y2="{height - 6}" stroke="{GRID}"/>')
        body.append(_text(x(tick), top - 10, str(tick), size=11, anchor="middle", fill=MUTED))
    for i, s in enumerate(spreads):
        mid = top + i * row + row / 2
        body.append(_text(label_w - 10, mid + 5, s.name, anchor="end", weight="600" if s.key == "overall" else "normal"))
        if not s.values:
            empty = "no score yet (every session unfinished)" if s.key == "overall" else "not engaged by anyone"
            body.append(_text(x(0) + 6, mid + 4, empty, size=12, fill=MUTED))
            continue
        q1, med, q3 = s.quantile(0.25), s.median, s.quantile(0.75)
        lo, hi = min(s.values), max(s.values)
        body.append(f'<line x1="{x(lo):.1f}" y1="{mid}" x2="{x(hi):.1f}" y2="{mid}" stroke="{MUTED}" stroke-width="1.5"/>')
        body.append(
            f'<rect x="{x(q1):.1f}" y="{mid - 9}" width="{max(x(q3) - x(q1), 1.5):.1f}" height="18" fill="#e3ebf5" stroke="#1f5fa8"/>'
        )
        body.append(f'<line x1="{x(med):.1f}" y1="{mid - 11}" x2="{x(med):.1f}" y2="{mid + 11}" stroke="{INK}" stroke-width="2.5"/>')
        radius = 3.2 if len(s.values) <= 40 else 2.2
        for j, v in enumerate(s.values):
            jitter = ((j * 7919) % 13 - 6) * 0.9
            body.append(f'<circle cx="{x(v):.1f}" cy="{mid + jitter:.1f}" r="{radius}" fill="{score_colour(v)}" fill-opacity="0.65"/>')
        body.append(_text(x(100) + 12, mid + 5, f"median {med:.0f} \u00b7 n={len(s.values)}", size=11, fill=MUTED))
    return _svg(width, height, body, "Distribution of each score across the class")


def split_bar(point: SplitPoint, shown: int = 4) -> Markup:
    """One decision point: a stacked bar of the shares of each move chosen."""
    width, height = CHART_WIDTH, 30
    body, x = [], 0.0
    moves = list(point.moves[:shown])
    rest = sum(m.share for m in point.moves[shown:])
    for i, m in enumerate(moves):
        w = width * m.share
        body.append(
            f'<rect x="{x:.1f}" y="2" width="{w:.1f}" height="26" fill="{SHARE_COLOURS[i]}" stroke="#fff">'
            f"<title>{escape(f'{m.share:.0%} {m.label}')}</title></rect>"
        )
        if w > 34:
            body.append(_text(x + w / 2, 21, f"{m.share:.0%}", size=12, anchor="middle", fill="#fff" if i < 2 else INK, weight="600"))
        x += w
    if rest > 0:
        body.append(f'<rect x="{x:.1f}" y="2" width="{width * rest:.1f}" height="26" fill="{SHARE_COLOURS[-1]}" stroke="#fff"/>')
    return _svg(width, height, body, f"Decision {point.decision}: shares of each move")
