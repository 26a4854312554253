"""Words shared by the renderers, and escaping for Markdown."""

from __future__ import annotations

import re
import textwrap
from datetime import datetime

from game.debrief.model import MoveReview, classify

WIDTH = 92
MARK = {"honoured": "+", "breached": "x", "missed": "o"}
VERDICT_WORDS = {"honoured": "Honoured", "breached": "Breached", "missed": "Missed"}
GRADE_WORDS = {"success": "success", "partial": "partial success", "stalemate": "stalemate", "failure": "failure"}
SEVERITY_WORDS = {"critical": "critical", "major": "major", "minor": "minor"}
CLASS_WORDS = {"fine": "fine", "inaccuracy": "inaccuracy", "mistake": "mistake", "blunder": "blunder"}
NO_SCORE = "unfinished"
"""What stands in for the overall score of a session with nothing judged yet."""


def score_words(score: int | None) -> str:
    """'72/100', or 'no score' for a session with nothing judged yet (its ending says unfinished)."""
    return "no score" if score is None else f"{score}/100"


def overall_line(overall: int | None, conduct: int | None, grade: str | None, capped_by: str | None = None) -> str:
    """'72/100 (conduct 80, ending success)', '30/100 (conduct 71, ending partial success;
    capped at 30 by a critical breach)', 'unfinished (no decision judged yet)'."""
    if overall is None:
        return f"{NO_SCORE} (no decision judged yet)"
    parts = [f"conduct {conduct}" if conduct is not None else "no conduct judged"]
    parts.append(f"ending {GRADE_WORDS[grade]}" if grade else "unfinished")
    cap = f"; capped at {overall} by {capped_by}" if capped_by else ""
    return f"{overall}/100 ({', '.join(parts)}{cap})"


def played_on(started: str) -> str:
    """The log's start time as people write it ('6 January 2025, 09:00 UTC'), or as given."""
    try:
        moment = datetime.fromisoformat(started)
    except ValueError:
        return started
    zone = "UTC" if moment.utcoffset() is not None and not moment.utcoffset() else moment.strftime("%z")
    return f"{moment.day} {moment:%B %Y, %H:%M} {zone}".strip()


def wrap(text: str, indent: int = 0, hang: int | None = None) -> str:
    return textwrap.fill(
        text, WIDTH, initial_indent=" " * indent, subsequent_indent=" " * (indent if hang is None else hang), break_on_hyphens=False
    )


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MD_LEADING = re.compile(r"^([#+=-]|\d+(?=[.)]))")


def md(text: str) -> str:
    """Scenario or trainee text made inert in Markdown: no HTML, no links, no emphasis."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = " ".join(_MD_SPECIAL.sub(r"\\\1", text).split())
    return _MD_LEADING.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), text, count=1)


def points(value: float) -> str:
    """An expected outcome or a loss as a whole number of points (half up)."""
    return f"{int(value + 0.5)}"


def review_line(review: MoveReview) -> str:
    """'Expected outcome 70: no move on offer could be expected to do better.', 'Expected outcome
    40 against 100 for the best move on offer that breached nothing (...):
    loss 60, a blunder.'"""
    head = f"Expected outcome {points(review.expected)}"
    # a breach that cost no outcome is not a sound move: the line must not read as praise
    despite = " The breach cost nothing in these continuations; it is a breach all the same." if review.breached else ""
    if review.best_key == review.move_key:
        return f"{head}: no move on offer could be expected to do better.{despite}"
    best = f"the best move on offer that breached nothing ({review.best_label}, {points(review.best)})"
    against = f"{head} against {points(review.best)} for the best move on offer that breached nothing ({review.best_label})"
    chance = f"chance alone could make {points(review.chance)} of it over {review.continuations} continuations"
    if review.classification == "fine":
        if review.loss <= 0:
            return f"{head}, as good as {best}.{despite}"
        if classify(review.loss) == "fine":
            return f"{head}, within {points(review.loss)} of {best}: fine.{despite}"
        word = CLASS_WORDS[classify(review.loss)]
        return f"{against}: a gap of {points(review.loss)}, but {chance}: not enough to call it {_article(word)} {word}.{despite}"
    word = CLASS_WORDS[review.classification]
    if review.chance >= 0.5 and classify(review.loss) != review.classification:
        return f"{against}: loss {points(review.loss)}; {chance}, so it is at least {_article(word)} {word}."
    return f"{against}: loss {points(review.loss)}, {_article(word)} {word}."


def review_summary(reviews: list[MoveReview], search: dict[str, int | str]) -> str:
    """'Review by search: 1 blunder, 2 mistakes, 3 inaccuracies (8 continuations per move, ...).'"""
    from game.words import count

    plurals = {"blunder": "blunders", "mistake": "mistakes", "inaccuracy": "inaccuracies"}
    tally = [count(sum(1 for r in reviews if r.classification == c), c, many) for c, many in plurals.items()]
    return f"Review by search: {', '.join(tally)} ({_how(search)})."


def search_words(search: dict[str, int | str]) -> str:
    """How a class was reviewed, for the class report."""
    return f"Found by the review by search ({_how(search)}); see docs/debrief.md."


def _how(search: dict[str, int | str]) -> str:
    how = f"{search.get('continuations')} continuations per move, up to {search.get('horizon')} decisions ahead"
    if search.get("confirm"):
        how += f"; {search.get('confirm')} where chance could decide the verdict"
    if search.get("search") == "reduced":
        how += "; a reduced search: the move made against the careful envoy's move and the direct corrective only"
    return how


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"
