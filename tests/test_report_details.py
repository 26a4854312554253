"""Details of the reports and logs a trainee or instructor reads (issue 10, items 12 and 13)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.debrief import class_report, debrief_session, render_class_html, render_html
from game.debrief.charts import timeline_chart
from game.debrief.classreport import percentages
from game.debrief.model import Finding, TimelinePoint
from game.debrief.scripted import play_randomly, play_script
from game.sessions import start_session

# -- item 13: the language of the class report, accented names in log file names ---------------------


@pytest.fixture(scope="module")
def french(variant):
    return variant("minimal", ("id: minimal\n", "id: minimal\nlanguage: fr\n"))


def _debriefs(loaded, count: int = 2):
    return [debrief_session(play_randomly(loaded, seed=seed, trainee=f"T{seed}"), suggest=False) for seed in range(1, count + 1)]


def test_the_class_report_of_a_french_scenario_is_marked_french(french) -> None:
    debriefs = _debriefs(french)
    assert '<html lang="fr">' in render_html(debriefs[0])  # the single debrief always was
    html = render_class_html(class_report(debriefs))
    assert '<html lang="fr">' in html and 'lang="en"' not in html


def test_a_class_of_two_languages_marks_each_cohort(french, minimal) -> None:
    html = render_class_html(class_report(_debriefs(french, 1) + _debriefs(minimal, 1)))
    assert '<html lang="en">' in html
    assert html.count('<div class="cohort" lang="fr">') == 1 and html.count('<div class="cohort">') == 1


@pytest.mark.parametrize(
    ("trainee", "slug"),
    [("Élodie", "elodie"), ("Élodie Dupré", "elodie-dupre"), ("Nguyễn Thị", "nguyen-thi"), ("Алексей", "алексей"), ("?!", "trainee")],
)
def test_accented_names_keep_their_letters_in_the_log_name(minimal, tmp_path: Path, trainee: str, slug: str) -> None:
    live = start_session(minimal, seed=5, trainee=trainee, log_dir=tmp_path)
    name = live.log_path.name
    live.close()
    assert name.startswith(f"minimal-{slug}-"), name


# -- item 12: verdict marks that do not rely on colour; ending shares that add up ----------------------


def _finding(decision: int, verdict: str) -> Finding:
    return Finding(
        decision=decision, turn=decision, move_key=f"m{decision}", move_label=f"Move {decision}", principle="consent",
        principle_name="Consent", verdict=verdict, weight=2, severity="major", explanation="", source="", source_id="", stronger=None,
    )  # fmt: skip


def _shape(element: str) -> str:
    """What a mark looks like without its colour: the element, the outline of a path (its
    commands), whether a circle is hollow."""
    tag = element.split(" ", 1)[0]
    if tag == "path":
        return "path " + re.sub(r"[^A-Za-z]", "", re.search(r' d="([^"]*)"', element).group(1))
    return f"{tag} hollow" if 'fill="#fff"' in element else f"{tag} filled"


def _marks(svg: str) -> dict[str, tuple[str, str]]:
    """Each decision's mark on the timeline: its shape and its tooltip."""
    found = {}
    for match in re.finditer(r'<a href="#decision-(\d+)"><([^>]*)><title>([^<]*)</title>', svg):
        found[match.group(1)] = (_shape(match.group(2)), match.group(3))
    return found


def test_timeline_verdicts_differ_by_shape_and_are_named_in_the_tooltip() -> None:
    points = [TimelinePoint(decision=i, turn=i, escalation=30.0, trust={"a": 50.0}, move_label=f"Move {i}") for i in range(5)]
    findings = [_finding(1, "breached"), _finding(1, "honoured"), _finding(2, "missed"), _finding(3, "honoured")]
    marks = _marks(str(timeline_chart(points, {"a": "Aurelia"}, findings)))
    assert len({shape for shape, _ in marks.values()}) == 4, marks  # breached, missed, honoured, nothing judged
    assert marks["1"][1] == "Decision 1: Move 1 \u2014 breached" and marks["2"][1].endswith("missed")
    assert marks["3"][1].endswith("honoured only") and marks["4"][1].endswith("no finding")


@pytest.mark.parametrize(
    ("counts", "expected"),
    [([1, 1, 1], (34, 33, 33)), ([2, 1, 0], (67, 33, 0)), ([1, 1, 1, 1, 1, 1, 1], (15, 15, 14, 14, 14, 14, 14)), ([0, 0], (0, 0))],
)
def test_percentages_add_up_to_100_by_largest_remainder(counts: list[int], expected: tuple[int, ...]) -> None:
    assert percentages(counts) == expected
    assert sum(expected) in (0, 100)


DEAL = ["approach:upper", "approach:lower", "relay:sluice_offer:softened", "approach:upper", "propose_venue:mill:secret_meeting"]
DEAL += ["convene:talks", "choice:agree_share"]


def test_class_ending_shares_add_up_to_100(minimal) -> None:
    """One trainee each signs the deal, lets time run out, and stops early: 33% three times
    was 99%."""
    sessions = [
        play_script(minimal, DEAL, trainee="A"),
        play_randomly(minimal, seed=1, trainee="B"),
        play_script(minimal, DEAL[:2], trainee="C"),
    ]
    report = class_report([debrief_session(session, suggest=False) for session in sessions])
    [cohort] = report.cohorts
    assert [e.count for e in cohort.endings if e.count] == [1, 1] and cohort.unfinished == 1
    html = render_class_html(report)
    table = html.split("<h2>Endings reached</h2>", 1)[1].split("</table>", 1)[0]
    shares = [int(share) for share in re.findall(r"</span>(\d+)%</td>", table)]
    assert sorted(shares) == [0, 33, 33, 34], shares


def test_review_classes_are_told_apart_without_colour() -> None:
    """Inaccuracy, mistake and blunder each carry their own written mark (?!, ?, ??) over the
    dot and in the legend, not only a colour."""
    from game.debrief.charts import expected_chart
    from game.debrief.model import MoveReview

    def review(decision: int, loss: float, classification: str) -> MoveReview:
        return MoveReview(decision, "wait", 100 - loss, 100, "relay:x", "Relay x", loss, classification, None)  # type: ignore[arg-type]

    svg = str(expected_chart([review(1, 0, "fine"), review(2, 12, "inaccuracy"), review(3, 22, "mistake"), review(4, 40, "blunder")]))
    written = re.findall(r">([^<>]+)</text>", svg)
    for mark in ("?!", "?", "??"):
        assert written.count(mark) == 1, (mark, written)
    assert {"?! inaccuracy", "? mistake", "?? blunder", "fine"} <= set(written)
