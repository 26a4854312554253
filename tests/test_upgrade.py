"""Files written for format 1 keep loading and playing, upgraded on reading with one warning."""

from __future__ import annotations

from conftest import MINIMAL

from game.engine.session import Session
from game.scenario import codes
from game.scenario.loader import load_scenario_text
from game.scenario.upgrade import rewrite_channel_numbers


def test_a_format_1_file_loads_plays_and_says_in_one_line_what_changed() -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace("format: 2", "format: 1", 1)
    loaded, problems = load_scenario_text(text, "old.yaml")
    assert loaded is not None, problems
    upgraded = [p for p in problems if p.code == codes.FORMAT_UPGRADED]
    assert len(upgraded) == 1 and upgraded[0].severity == "warning"
    assert upgraded[0].line == 2 and "format 1 file read as format 2" in upgraded[0].message
    session = Session(loaded, seed=1)
    while not session.is_over:
        session.choose(session.moves()[-1])
    assert session.ending is not None


def test_channel_numbers_in_format_1_expressions_keep_their_meaning() -> None:
    assert rewrite_channel_numbers("channel >= 2") == "channel >= 4"
    assert rewrite_channel_numbers("channel == 1 and turn > 2") == "channel == 3 and turn > 2"
    assert rewrite_channel_numbers("1 < channel") == "3 < channel"
    assert rewrite_channel_numbers("channel = 3") == "channel = 5"
    assert rewrite_channel_numbers("channel >= official or channel == 0") == "channel >= official or channel == 0"
    assert rewrite_channel_numbers("var.channel_x == 1 and turn == 2") == "var.channel_x == 1 and turn == 2"
    assert rewrite_channel_numbers("channel >= 1.5") == "channel >= 1.5"


def test_an_upgraded_expression_is_the_one_that_runs() -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace("format: 2", "format: 1", 1)
    text = text.replace("events:\n", "events:\n  channel_check:\n    title: Talks\n    text: They talk.\n    when: channel >= 2\n", 1)
    loaded, problems = load_scenario_text(text, "old.yaml")
    assert loaded is not None, problems
    assert "channel >= 4" in loaded.scenario.events["channel_check"].when
    assert "1 expression(s)" in next(p.message for p in problems if p.code == codes.FORMAT_UPGRADED)
