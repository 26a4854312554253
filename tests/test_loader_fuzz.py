"""Whatever an instructor's editor (or a hostile classmate) produces, the loader answers with
diagnostics or a scenario, never an exception; and whatever it accepts can be played."""

from __future__ import annotations

import os
import random
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from game.diagnostics import Severity
from game.engine.session import Session
from game.scenario import codes
from game.scenario.loader import load_scenario_text

FIXTURES = Path(__file__).parent / "fixtures"
BASES = [(FIXTURES / name).read_text(encoding="utf-8") for name in ("minimal.yaml", "strait.yaml")]
ALL_CODES = {value for name, value in vars(codes).items() if name.isupper()}
# HYPOTHESIS_EXAMPLES=2000 pytest tests/test_loader_fuzz.py digs deeper than the quick default.
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TOKENS = st.sampled_from(
    [
        "",
        "~",
        "null",
        "yes",
        "no",
        "on",
        "-1",
        "0",
        "1e400",
        ".nan",
        "-.inf",
        "12345678901234567890123456789012345",
        "[]",
        "{}",
        "[a, b",
        "{a: 1",
        "&a x",
        "*a",
        "*nope",
        "<<: *a",
        "!!python/name:os.system",
        "!!binary aGk=",
        "!!str 3",
        "!!int x",
        "|",
        ">-",
        "'",
        '"',
        "'it''s'",
        '"\\x00"',
        "---",
        "...",
        "#",
        "%YAML 1.1",
        "@x",
        "`x`",
        "?",
        ": x",
        "- x",
        "\t",
        "\x00",
        "\x85",
        "\u2028",
        "\ufeff",
        "\ud800",
        "é",
        "🕊",
        "ß" * 60,
        "a" * 300,
        "x: y: z",
        "trust.upper",
        "var.offer_known = 'x'",
        "escalation += 1",
        "consent.upper = mediation",
        "meetings >= 1 and",
        "1/0",
        "clamp(1)",
        "true",
        "false",
        "good_offices",
        "none",
        "0.5",
        "150",
        "-5",
    ]
)


def check(text: str | bytes) -> None:
    loaded, problems = load_scenario_text(text, "fuzz.yaml")
    assert all(p.code in ALL_CODES for p in problems)
    assert all(p.file == "fuzz.yaml" and p.message for p in problems)
    assert problems == sorted(problems, key=lambda p: (p.file, p.line, p.col, p.code))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if loaded is None:
        assert errors, "no scenario and no error"
        return
    assert not errors
    play_a_little(loaded, seed=len(text))


def play_a_little(loaded, seed: int) -> None:
    """A scenario the loader accepted must never crash the engine."""
    session = Session(loaded, seed=seed)
    chooser = random.Random(seed)
    for _ in range(25):
        if session.is_over:
            break
        moves = session.moves()
        assert moves, "a running session always offers a move"
        session.choose(chooser.choice(moves))


@FUZZ
@given(st.text(max_size=400))
def test_any_text(text: str) -> None:
    check(text)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes(data: bytes) -> None:
    check(data)


@FUZZ
@given(st.lists(st.one_of(TOKENS, st.sampled_from(["\n", " ", "  ", ": ", "- ", ", "])), max_size=60).map("".join))
def test_yaml_looking_noise(text: str) -> None:
    check(text)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(BASES)).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "value", "tab", "indent", "swap"]))
        line = lines[index]
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        elif kind == "value" and ":" in line:
            key, _, _ = line.partition(":")
            lines[index] = f"{key}: {draw(TOKENS)}\n"
        elif kind == "tab":
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + "\t" + line[at:]
        elif kind == "indent":
            lines[index] = draw(st.sampled_from(["", " ", "    "])) + line.lstrip(" ")
        elif kind == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], line
        if not lines:
            lines = ["\n"]
    return "".join(lines)


@FUZZ
@given(mutated())
def test_mutations_of_a_valid_scenario(text: str) -> None:
    check(text)


@FUZZ
@given(st.sampled_from(BASES), st.data())
def test_changed_numbers_and_expressions_are_checked_or_played(base: str, data: st.DataObject) -> None:
    """Values that stay valid YAML but push the schema and the engine to their edges."""
    lines = base.splitlines(keepends=True)
    candidates = [
        i
        for i, line in enumerate(lines)
        if any(
            k in line
            for k in (
                "trust:",
                "turns:",
                "escalation:",
                "escalation_per_turn:",
                "at_turn:",
                "arrives_turn:",
                "when:",
                "chance:",
                "effects:",
                "on_delivered:",
                "initial:",
                "pressure:",
                "sensitivity:",
            )
        )
    ]
    assume(candidates)
    index = data.draw(st.sampled_from(candidates))
    key = lines[index].split(":", 1)[0]
    value = data.draw(
        st.one_of(
            st.integers(-10, 300).map(str),
            st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr),
            st.sampled_from(
                [
                    '"escalation >= 100"',
                    '"0.99"',
                    '"1"',
                    '"turn > 2 and channel == back_channel"',
                    '["escalation += 200"]',
                    '["escalation = 0 - 50"]',
                    '["trust.upper -= 1000"]',
                    '["consent.upper = mediation", "consent.lower = none"]',
                    '["channel = public"]',
                    '["mandate = mediation"]',
                    '["circle += 1000000"]',
                    '["leak_risk = 99"]',
                ]
            ),
        )
    )
    lines[index] = f"{key}: {value}\n"
    check("".join(lines))


def test_keys_named_like_pydantic_union_branches_are_reported_as_unknown_keys() -> None:
    """'none', 'str' and 'int' are also the tags pydantic puts in a union error's location; a
    top-level key with one of those names once crashed the loader with an IndexError."""
    for text in ("none: ", "str: 1\n", "int: [1]\n"):
        _, problems = load_scenario_text(text, "keys.yaml")
        unknown = [p for p in problems if p.code == codes.UNKNOWN_KEY]
        assert unknown and f"unknown key '{text.split(':')[0]}'" in unknown[0].message
