"""The debrief: every decision judged against the principles, scores, the reveal, reports.

Public API (the GUI and the CLI code against these names):

- `debrief_session(session) -> Debrief` for a live Session, finished or not;
- `debrief_log(path, scenario_override=None) -> (Debrief | None, diagnostics)` for a log;
- `render_text`, `render_markdown`, `render_html`, `to_json` for one debrief;
- `class_report(debriefs) -> ClassReport` and `render_class_text`, `render_class_markdown`,
  `render_class_html`, `class_to_json` for a class.
"""

from __future__ import annotations

from game.debrief.build import debrief_session
from game.debrief.classreport import ClassReport, Cohort, class_report
from game.debrief.classtext import render_class_markdown, render_class_text
from game.debrief.html import render_class_html, render_html
from game.debrief.jsonout import class_to_json, to_json
from game.debrief.logs import ScenarioCache, debrief_log
from game.debrief.model import Alternative, Debrief, Finding, TimelinePoint
from game.debrief.text import render_markdown, render_text

__all__ = [
    "Alternative",
    "ClassReport",
    "Cohort",
    "Debrief",
    "Finding",
    "ScenarioCache",
    "TimelinePoint",
    "class_report",
    "class_to_json",
    "debrief_log",
    "debrief_session",
    "render_class_html",
    "render_class_markdown",
    "render_class_text",
    "render_html",
    "render_markdown",
    "render_text",
    "to_json",
]
