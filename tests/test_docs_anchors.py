"""Links inside docs/authoring.md lead somewhere: each `(#anchor)` names one of its headings."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _slug(heading: str) -> str:
    """The anchor GitHub and most Markdown viewers give a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def test_every_anchor_in_the_authoring_guide_names_a_heading() -> None:
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    outside_code = re.sub(r"```.*?```", "", guide, flags=re.S)
    headings = {_slug(line.lstrip("#")) for line in outside_code.splitlines() if line.startswith("#")}
    anchors = set(re.findall(r"\]\(#([^)]+)\)", outside_code))
    assert anchors, "the guide links its own sections"
    assert anchors <= headings, sorted(anchors - headings)
