"""Counts and ordinals in words (game/words.py, on Babel's CLDR rules)."""

from __future__ import annotations

import pytest

from game.words import count, noun, ordinal


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"), (22, "22nd"),
     (23, "23rd"), (101, "101st"), (111, "111th"), (1000, "1,000th")],
)  # fmt: skip
def test_ordinals(n, expected):
    assert ordinal(n) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((1, "person", "people"), "1 person"),
        ((3, "person", "people"), "3 people"),
        ((0, "person", "people"), "0 people"),
        ((1, "turn"), "1 turn"),
        ((2, "turn"), "2 turns"),
        ((1, "day"), "1 day"),
        ((1200, "decision"), "1,200 decisions"),
    ],
)
def test_counts(args, expected):
    assert count(*args) == expected


def test_the_noun_alone_and_an_unknown_language_falls_back_to_english():
    assert noun(1, "time") == "time" and noun(5, "time") == "times"
    assert count(2, "turn", language="xx") == "2 turns"
    assert ordinal(3, language="en_GB") == "3rd"
