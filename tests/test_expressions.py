"""Tests for the scenario expression language (game/scenario/expressions.py)."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.scenario.expressions import (
    MAX_DEPTH,
    MAX_LENGTH,
    Effect,
    Expression,
    ExpressionError,
    apply_effect,
    parse_effect,
    parse_expression,
    suggest,
)

ENV = {
    "trust.aurelia": 55,
    "trust.borealis": 20,
    "escalation": 2,
    "turn": 3,
    "consent.borealis": True,
    "relayed.ceasefire_offer": False,
    "var.talks_held": 1,
    "venue": "good_offices",
    "good_offices": "good_offices",
    "back_channel": "back_channel",
    "ratio": 0.5,
}


def run(text: str, env: dict | None = None):
    return parse_expression(text).evaluate((ENV if env is None else env).__getitem__)


def error_of(text: str, effect: bool = False) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        (parse_effect if effect else parse_expression)(text)
    return caught.value


# --- values, names and every operator -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42),
        ("2.5", 2.5),
        ("true", True),
        ("false", False),
        ("True", True),
        ("False", False),
        ("'hi'", "hi"),
        ('"hi there"', "hi there"),
        ("-7", -7),
        ("trust.aurelia", 55),
        ("(((turn)))", 3),
        ("+turn", 3),
    ],
)
def test_values_and_names(text, expected):
    result = run(text)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2", 3),
        ("5 - 7", -2),
        ("3 * 4", 12),
        ("7 / 2", 3.5),
        ("-turn", -3),
        ("- -turn", 3),
        ("2 + 3 * 4", 14),
        ("(2 + 3) * 4", 20),
        ("10 - 4 - 3", 3),
        ("12 / 3 / 2", 2.0),
        ("trust.aurelia - trust.borealis * 2", 15),
        ("ratio * 4", 2.0),
        ("true + 1", 2),
        ("consent.borealis * 10", 10),
        ("-true", -1),
    ],
)
def test_arithmetic(text, expected):
    assert run(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("turn == 3", True),
        ("turn == 4", False),
        ("turn != 4", True),
        ("turn != 3", False),
        ("turn < 4", True),
        ("turn < 3", False),
        ("turn <= 3", True),
        ("turn <= 2", False),
        ("turn > 2", True),
        ("turn > 3", False),
        ("turn >= 3", True),
        ("turn >= 4", False),
        ("venue == good_offices", True),
        ("venue == back_channel", False),
        ("venue == 'good_offices'", True),
        ("'a' < 'b'", True),
        ("ratio == 0.5", True),
    ],
)
def test_comparisons(text, expected):
    assert run(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0 < turn < 5", True),
        ("0 < turn < 3", False),
        ("5 > turn > 3", False),
        ("1 <= turn <= 3 <= escalation + 1", True),
        ("1 < 2 < 3 < 4 < 5 < 6", True),
        ("1 < 2 > 3", False),
        ("turn == 3 != 4", True),
    ],
)
def test_chained_comparisons(text, expected):
    assert run(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true and true", True),
        ("true and false", False),
        ("false or true", True),
        ("false or false", False),
        ("not false", True),
        ("not turn", False),
        ("1 and 2", True),
        ("0 or ''", False),
        ("turn or 0", True),
        ("'' and 5", False),
        ("false or false or 7", True),
        ("true and true and 0", False),
        ("trust.aurelia >= 50 and not relayed.ceasefire_offer", True),
        ("not (turn > 2 and escalation < 3)", False),
        ("turn > 5 or escalation < 3 and consent.borealis", True),  # 'and' binds tighter
        ("not turn == 4", True),
    ],
)
def test_logic_returns_bools(text, expected):
    assert run(text) is expected


class Tracking:
    """A lookup that records which names were read."""

    def __init__(self, values):
        self.values, self.read = values, []

    def __call__(self, name):
        self.read.append(name)
        return self.values[name]


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("false and boom", "boom"),
        ("true or boom", "boom"),
        ("x and y and boom", "boom"),
        ("y or x or boom", "boom"),
        ("5 < x < boom", "boom"),
        ("x > 0 and (y or boom)", None),
    ],
)
def test_short_circuit(text, unread):
    lookup = Tracking({"x": 0, "y": 1, "boom": 1})
    parse_expression(text).evaluate(lookup)
    if unread:
        assert unread not in lookup.read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("min(3, 1, 2)", 1),
        ("max(3, 1, 2)", 3),
        ("min(turn, escalation)", 2),
        ("max(-1, -5)", -1),
        ("abs(-4)", 4),
        ("abs(2.5)", 2.5),
        ("abs(turn - 10)", 7),
        ("clamp(150, 0, 100)", 100),
        ("clamp(-3, 0, 100)", 0),
        ("clamp(42, 0, 100)", 42),
        ("clamp(trust.aurelia + 60, 0, 100)", 100),
        ("clamp(5, 10, 0)", 0),  # lo > hi: hi
        ("max(min(turn, 10), 1) * 2", 6),
        ("min(1, 2) < max(1, 2)", True),
    ],
)
def test_functions(text, expected):
    assert run(text) == expected


@pytest.mark.parametrize("text", ["1 / 0", "turn / 0", "turn / (escalation - 2)", "4 / 0.0", "0 / 0", "turn / false"])
def test_division_by_zero_is_zero(text):
    assert run(text) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("venue < 3", False),
        ("venue >= 3", False),
        ("venue == 3", False),
        ("venue != 3", True),
        ("3 > venue", False),
        ("0 < venue < 5", False),
        ("turn < venue", False),
    ],
)
def test_mismatched_comparisons_do_not_raise(text, expected):
    assert run(text) is expected


@pytest.mark.parametrize("text", ["venue + 1", "-venue", "abs(venue)", "min(venue, 1)", "venue * 2", "clamp(1, venue, 3)"])
def test_arithmetic_on_text_from_the_lookup_is_an_error(text):
    with pytest.raises(ExpressionError, match="cannot be used in arithmetic"):
        run(text)


def test_unknown_name_raises_key_error_from_lookup():
    with pytest.raises(KeyError):
        run("nobody > 3")


def test_names_are_collected_dotted_and_without_constants():
    expression = parse_expression(
        "trust.aurelia >= 50 and consent.borealis and var.talks_held < max(turn, 2) "
        "and venue == good_offices and relayed.ceasefire_offer != true and 'lit' != 'x'"
    )
    assert expression.names == {
        "trust.aurelia",
        "consent.borealis",
        "var.talks_held",
        "turn",
        "venue",
        "good_offices",
        "relayed.ceasefire_offer",
    }
    assert parse_expression("1 + 2 == 3 and false").names == frozenset()
    assert parse_expression("a.b.c.d > 0").names == {"a.b.c.d"}


def test_expression_objects_are_frozen_equal_and_picklable():
    expression = parse_expression("min(turn, 2) > 1 and not relayed.ceasefire_offer")
    assert isinstance(expression, Expression) and expression.text.startswith("min(")
    with pytest.raises(dataclasses.FrozenInstanceError):
        expression.text = "x"  # type: ignore[misc]
    again = parse_expression(expression.text)
    assert again == expression and hash(again) == hash(expression)
    copy = pickle.loads(pickle.dumps(expression))
    assert copy == expression and copy.evaluate(ENV.__getitem__) is True


def test_line_breaks_count_as_spaces():
    assert run("turn == 3\n  and escalation < 3\n") is True
    assert run("  turn  ") == 3


def test_invalid_escape_in_quotes_is_not_a_warning():
    assert run(r"'\d' == '\\d'") is True


# --- effects -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "target", "op", "value_text", "names", "result"),
    [
        ("var.talks_held += 1", "var.talks_held", "+=", "1", set(), 2),
        ("var.talks_held -= turn * 2", "var.talks_held", "-=", "turn * 2", {"turn"}, -5),
        (
            "trust.aurelia = clamp(trust.aurelia + 60, 0, 100)",
            "trust.aurelia",
            "=",
            "clamp(trust.aurelia + 60, 0, 100)",
            {"trust.aurelia"},
            100,
        ),
        ("  escalation = (escalation + 1)  ", "escalation", "=", "escalation + 1", {"escalation"}, 3),
        ("flag = turn > 2 and true", "flag", "=", "turn > 2 and true", {"turn"}, True),
        ("venue = back_channel", "venue", "=", "back_channel", {"back_channel"}, "back_channel"),
        ("x = (1 +\n 2)\n", "x", "=", "1 +\n 2", set(), 3),
    ],
)
def test_effects(text, target, op, value_text, names, result):
    effect = parse_effect(text)
    assert isinstance(effect, Effect)
    assert (effect.text, effect.target, effect.operator) == (text, target, op)
    assert effect.value.text == value_text and effect.names == names
    assert target not in effect.names or target in value_text
    current = ENV.get(target, 1)
    assert apply_effect(effect, current, ENV.__getitem__) == result


def test_apply_effect_on_text_values():
    assert apply_effect(parse_effect("venue = 'x'"), "good_offices", ENV.__getitem__) == "x"
    with pytest.raises(ExpressionError):
        apply_effect(parse_effect("venue += 1"), "good_offices", ENV.__getitem__)


# --- rejected constructs: message an instructor can read, and where --------------------


@pytest.mark.parametrize(
    ("text", "words", "column"),
    [
        ("trust.aurelia => 50", ["'=>'", "did you mean '>='"], 15),
        ("trust.aurelia =< 50", ["did you mean '<='"], 15),
        ("trust.aurelia <> 50", ["did you mean '!='"], 15),
        ("trust.aurelia = 50", ["compares with '=='", "single '=' assigns"], 15),
        ("turn === 3", ["'==='", "'=='"], 6),
        ("a && b", ["use 'and'", "'&&'"], 3),
        ("a || b", ["use 'or'", "'||'"], 3),
        ("!x", ["use 'not'"], 1),
        ("a & b", ["use 'and'"], 3),
        ("a | b", ["use 'or'"], 3),
        ("a AND b", ["lowercase"], 3),
        ("(turn > 3", ["'('", "never closed"], 1),
        ("turn > 3)", ["')'", "no matching"], 9),
        ("((a) and (b)", ["never closed"], 1),
        ("", ["empty"], 1),
        ("   \n ", ["empty"], 1),
        ("2 ** 3", ["'**'", "use * to multiply"], 3),
        ("7 // 2", ["'//'", "use / to divide"], 3),
        ("7 % 2", ["'%'", "not allowed"], 3),
        ("2 ^ 3", ["'^'", "not allowed"], 3),
        ("~x", ["'~'", "not allowed"], 1),
        ("a << 2", ["'<<'"], 3),
        ("a @ b", ["'@'"], 3),
        ("a[1]", ["square brackets"], 2),
        ("{1: 2}", ["curly braces"], 1),
        ("lambda: 1", ["'lambda'", "reserved word"], 1),
        ("(x for x in y)", ["'for'", "reserved word"], 4),
        ("x if y else z", ["'if ... else'"], 1),
        ("a is b", ["'is'", "'=='"], 3),
        ("a is not b", ["'is not'"], 3),
        ("a in b", ["'in'", "'or'"], 3),
        ("'é' == x in b", ["'in'"], 10),
        ("a not in b", ["'not in'"], 3),
        ("x := 1", ["':='"], 3),
        ("f'{x}'", ["f-strings"], 1),
        ("b'x'", ["only numbers", "text in quotes"], 1),
        ("None", ["only numbers"], 1),
        ("...", ["only numbers"], 1),
        ("1j", ["only numbers"], 1),
        ("a, b", ["','", "min, max"], 1),
        ("foo(1)", ["only min, max, abs and clamp"], 1),
        ("maxx(a, b)", ["did you mean 'max'"], 1),
        ("trust.get(1)", ["only min, max, abs and clamp"], 1),
        ("min", ["is a function"], 1),
        ("min(a)", ["at least two values"], 1),
        ("abs(a, b)", ["exactly one value"], 1),
        ("clamp(1, 2)", ["three values"], 1),
        ("min(a, key=b)", ["single '='"], 11),
        ("min(*a)", ["plain values"], 1),
        ("(a + b).c", ["'.'", "parts of a name"], 1),
        ("'abc", ["quote", "never closed"], 1),
        ("turn == 'x' 'y'", ["text in quotes", "next to each other"], 13),
        ("turn 3", ["next to each other", "add an operator"], 6),
        ("trust.aurelia 50", ["next to each other"], 15),
        ("2x + 1", ["number runs straight into a word"], 1),
        ("turn >", ["ends too early"], 6),
        ("a and", ["ends too early"], 5),
        ("a.if", ["'if'"], 3),
        ("relayed.pass", ["'pass'", "reserved word"], 9),
        ("'a' + 1", ["text in quotes", "arithmetic"], 1),
        ("-'a'", ["text in quotes", "arithmetic"], 2),
        ("1e999 > 0", ["too large"], 1),
        ("turn # comment", ["'#'", "YAML"], 6),
        ("a \\\n and b", ["backslash"], 3),
        ("a; b", ["';'"], 2),
        ("x += 1", ["'+='", "condition can only compare"], 3),
        ("a ? b : c", ["'?'"], 3),
        ("a\u00a0== 1", ["U+00A0"], 2),
        ("a == '\\N{nope}'", ["escape"], None),  # Python decides where in the quotes
        ("*a", ["not a valid expression"], 1),
    ],
)
def test_rejected_expressions(text, words, column):
    error = error_of(text)
    for word in words:
        assert word in error.message, (text, error.message)
    assert error.column == (column or error.column), (text, error.message, error.column)
    assert str(error) == error.message


@pytest.mark.parametrize(
    ("text", "words", "column"),
    [
        ("x = 1; y = 2", ["one change", "own effect"], 6),
        ("x = 1\ny = 2", ["one change"], 6),
        ("x == 1", ["changes a value", "name = value"], 1),
        ("var.talks_held", ["changes a value"], 1),
        ("x *= 2", ["'*='", "'+='"], 3),
        ("x /= 2", ["'/='"], 3),
        ("a + 1 = 2", ["only a name can be changed"], 1),
        ("f(x) = 1", ["only a name can be changed"], 1),
        ("true = 1", ["only a name can be changed"], 1),
        ("min = 1", ["only a name can be changed"], 1),
        ("x = y = 1", ["only one '='"], 5),
        ("x = 'a' + 1", ["arithmetic"], 5),
        ("x = ", ["ends too early"], 4),
        ("x: int = 1", ["':'"], 2),
        ("x[1] = 2", ["square brackets"], 2),
        ("import os", ["reserved word"], 1),
        ("x = a => b", ["did you mean '>='"], 7),
        ("", ["empty"], 1),
    ],
)
def test_rejected_effects(text, words, column):
    error = error_of(text, effect=True)
    for word in words:
        assert word in error.message, (text, error.message)
    assert error.column == column, (text, error.message, error.column)


def test_columns_count_characters_not_bytes():
    assert error_of("'éé' == x is y").column == 11
    assert error_of("ééé => 1").column == 5


def test_non_text_is_rejected():
    with pytest.raises(ExpressionError, match="must be text"):
        parse_expression(42)  # type: ignore[arg-type]


# --- limits -----------------------------------------------------------------------------


def test_length_limit():
    assert parse_expression("x" * MAX_LENGTH).names == {"x" * MAX_LENGTH}
    error = error_of("x" * (MAX_LENGTH + 1))
    assert "501 characters" in error.message and "500" in error.message
    assert "characters" in error_of("x = " + "1" * 600, effect=True).message


def test_depth_limit_brackets():
    assert run("(" * MAX_DEPTH + "1" + ")" * MAX_DEPTH) == 1
    error = error_of("(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1))
    assert "nested too deeply" in error.message and error.column == MAX_DEPTH + 1


def test_depth_limit_operators():
    assert run("not " * (MAX_DEPTH - 1) + "true") is False
    assert "nested too deeply" in error_of("not " * MAX_DEPTH + "true").message
    assert run("-" * (MAX_DEPTH - 1) + "1") == -1
    assert "nested too deeply" in error_of("-" * MAX_DEPTH + "1").message
    nested_calls = "abs(" * MAX_DEPTH + "1" + ")" * MAX_DEPTH
    assert "nested too deeply" in error_of(nested_calls).message


def test_a_long_chain_is_one_level():
    text = " + ".join(["1"] * 120)
    assert run(text) == 120 and run(" - ".join(["1"] * 120)) == -118
    assert run(" and ".join(["true"] * 50)) is True


@pytest.mark.parametrize("text", ["(" * 10_000 + ")" * 10_000, "(" * 10_000, "-" * 10_000 + "1", "not " * 3_000 + "x", "[" * 10_000])
def test_huge_nesting_is_rejected_cleanly(text):
    assert error_of(text).message
    assert error_of(text, effect=True).message


# --- suggest ---------------------------------------------------------------------------


def test_suggest():
    known = ["trust.aurelia", "trust.borealis", "escalation", "turn"]
    assert suggest("trust.aurellia", known) == "trust.aurelia"
    assert suggest("escalaton", iter(known)) == "escalation"
    assert suggest("zzz", known) is None
    assert suggest("x", []) is None


# --- properties ------------------------------------------------------------------------

TOKENS = [
    "a",
    "trust.aurelia",
    "1",
    "2.5",
    "'t'",
    '"q',
    "true",
    "(",
    ")",
    "+",
    "-",
    "*",
    "/",
    "==",
    "=",
    "+=",
    "<",
    ">=",
    "=>",
    "and",
    "or",
    "not",
    "min(",
    "clamp(",
    ",",
    " ",
    "\n",
    "!",
    "&&",
    "**",
    "[",
    "]",
    ".",
    "lambda",
    "if",
    "else",
    "is",
    "in",
    "é",
    "\\",
    "#",
    ":",
    ";",
    "f'",
    "{",
    "yield",
    "1e999",
    "x",
    "abs",
]


@settings(max_examples=400)
@given(st.one_of(st.text(max_size=120), st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)))
def test_any_text_parses_or_raises_expression_error(text):
    for parse in (parse_expression, parse_effect):
        try:
            parse(text)
        except ExpressionError as error:
            assert error.message and 1 <= error.column <= max(len(text), 1)


@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_token_soup_as_an_effect_value(text):
    try:
        effect = parse_effect("var.x = " + text)
    except ExpressionError:
        return
    assert effect.target == "var.x"


def arithmetic(names):
    """(text, value) pairs for + - * over integers and names, bracketed as needed."""
    leaves = st.one_of(
        st.integers(-(10**6), 10**6).map(lambda n: (str(n) if n >= 0 else f"({n})", n)), st.sampled_from(sorted(names.items()))
    )

    def combine(children):
        def build(left, op, right):
            value = {"+": left[1] + right[1], "-": left[1] - right[1], "*": left[1] * right[1]}[op]
            return f"({left[0]} {op} {right[0]})", value

        return st.builds(build, children, st.sampled_from("+-*"), children)

    return st.recursive(leaves, combine, max_leaves=12)


NAMES = {"a": 7, "trust.aurelia": -13, "b": 0}


@given(arithmetic(NAMES), st.integers(-(10**6), 10**6))
def test_arithmetic_matches_python(pair, extra):
    text, expected = pair
    expression = parse_expression(text)
    assert expression.evaluate(NAMES.__getitem__) == expected
    flat = parse_expression(f"{text} - {extra}" if extra >= 0 else f"{text} + {-extra}")
    assert flat.evaluate(NAMES.__getitem__) == expected - extra


def test_a_dotted_name_is_suggested_by_its_last_part_not_by_its_shared_prefix():
    from game.scenario.expressions import suggest

    known = {"consent.belmar", "trust.belmar", "consent.arvenai"}
    assert suggest("consent.arvenia", known) == "consent.arvenai"
    assert suggest("consent.arvenia", known - {"consent.arvenai"}) is None, "'consent.' in common is no likeness"
    assert suggest("consnet.belmar", known) == "consent.belmar", "a misspelt prefix is still found"
