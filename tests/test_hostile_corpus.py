"""The hostile-file set of tools/hostile_corpus.py, answered cleanly by the installed commands.

Every run of the suite plays a sample (every SAMPLE_EVERY-th recipe, plus the ones that once
crashed, hung or leaked a control character); the whole set runs with GOOD_OFFICES_SOAK=1 or
`python tools/hostile.py`, which also prints the slowest run and the largest memory."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent.parent / "tools"
sys.path.insert(0, str(TOOLS))

from hostile import Rerun, played_log  # noqa: E402
from hostile_corpus import recipes  # noqa: E402

SAMPLE_EVERY = 15
ONCE_BROKEN = {
    "calc_overflow_then_zero",
    "calc_product_of_big_integers",
    "venues_3000",
    "log_escape_trainee",
    "scenario_fifo",
    "log_fifo",
    "log_link_to_dev_zero",
    "twenty_thousand_unknown_keys",
    "name_with_newline",
    "escape_osc_title_in_title",
    "moves_wait_as_mapping",
}


def _failures(tmp_path: Path, every: int) -> tuple[list[str], int]:
    rerun = Rerun(tmp_path)
    every_recipe = recipes(played_log(rerun))
    chosen = [recipe for i, recipe in enumerate(every_recipe) if i % every == 0 or recipe.name in ONCE_BROKEN]
    runs = [run for recipe in chosen for run in rerun.recipe(recipe)]
    return [f"{run.recipe}: {run.command}: {'; '.join(run.problems)}" for run in runs if run.problems], len(chosen)


def test_the_corpus_has_every_kind_of_input(tmp_path: Path) -> None:
    made = recipes(tmp_path / "unused.jsonl")
    kinds = {recipe.kind for recipe in made}
    assert kinds == {"scenario", "log", "moves"} and len(made) >= 150
    assert {recipe.name for recipe in made} >= ONCE_BROKEN


@pytest.mark.slow
def test_a_sample_of_the_hostile_files_is_answered_cleanly(tmp_path: Path) -> None:
    failures, chosen = _failures(tmp_path, SAMPLE_EVERY)
    assert chosen >= 20
    assert not failures, "\n".join(failures)


@pytest.mark.soak
def test_every_hostile_file_is_answered_cleanly(tmp_path: Path) -> None:
    failures, _ = _failures(tmp_path, 1)
    assert not failures, "\n".join(failures)
