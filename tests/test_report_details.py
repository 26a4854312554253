"""Details of the reports and logs a trainee or instructor reads (issue 10, items 12 and 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.debrief import class_report, debrief_session, render_class_html, render_html
from game.debrief.scripted import play_randomly
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
