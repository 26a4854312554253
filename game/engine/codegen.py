"""Conditions and effect values as one Python function each, built from the checked expression tree.

`Expression.bind` turns an expression into nested closures: `turn >= 11 and not var.notified`
is five calls deep, and a turn evaluates a few dozen conditions (events, arrivals, phase
transitions, scenario effects), several times faster as one function:
`lambda st: True if (st.turn >= 11 and not st.variables["notified"]) else False`.

This module builds that function as a Python `ast` tree, never as text, and compiles the tree:

- the tree is built only from the expression's own checked nodes (`expressions.py` accepts a
  short whitelist and rejects everything else when the scenario is loaded), one template per
  node kind; the only identifiers in it are `st` (the state) and the helpers below;
- every name, number and key from the scenario file is an `ast.Constant` *value*: no text from
  the file is ever parsed, or becomes code, an identifier or an attribute name (the attributes
  read are fixed names from this module's tables);
- the function runs with no builtins: its globals are only the helpers it needs (`min`, `max`,
  `abs`, the division that gives 0 for x / 0, the ladder numbers, and the engine's own readers
  for the rarer names).

It means exactly what the closures mean (`tests/test_engine_compiled.py` compares both on
played states, and on generated expressions): each part is folded to a constant where
`Expression.bind` folds it, evaluated in the same order with the same short-circuits, `and`,
`or` give bools, x / 0 is 0. Where compiled code could differ, `compile_expression` returns
None and the caller keeps the closures: text in quotes anywhere (comparing text with a number is
false for the closures, a TypeError for Python), or a name not known to read as a number or a
bool.
"""

from __future__ import annotations

import ast
import types
from collections.abc import Callable
from typing import Any

from game.engine.state import _CHANNEL_NUMBERS, _CONSENT_NUMBERS, _GLOBALS, _PARTY, _PARTY_FIELDS, StateReader
from game.scenario.expressions import (
    _ARITH,
    _COMPARE,
    Arith,
    Call,
    Compare,
    Const,
    Expression,
    Logic,
    Name,
    Node,
    Resolve,
    Unary,
    _build,
    _div,
)
from game.scenario.loader import LoadedScenario

_STATE = "st"
_ATTRIBUTES = ("turn", "escalation", "leak_risk", "circle", "meetings")
"""Names read as an attribute of the state."""
_SETS = ("fired", "chosen")
"""`fired.x`, `chosen.x`: membership of the state's set of that name."""
_NUMERIC_PREFIXES = frozenset(
    (*_GLOBALS, *_PARTY, "var", "chosen", "fired", "venue", "arrived", "relayed", "softened", "distorted", "withheld", "published")
)
"""Every name with one of these (dotted) prefixes reads as a number or a bool (`state.py`)."""
_BINOPS: dict[str, ast.operator] = {"+": ast.Add(), "-": ast.Sub(), "*": ast.Mult()}
_CMPOPS: dict[str, ast.cmpop] = {"==": ast.Eq(), "!=": ast.NotEq(), "<": ast.Lt(), "<=": ast.LtE(), ">": ast.Gt(), ">=": ast.GtE()}
_HELPERS: dict[str, Any] = {
    "__builtins__": {},
    "_min": min,
    "_max": max,
    "_abs": abs,
    "_div": _div,
    "_channel_numbers": _CHANNEL_NUMBERS,
    "_consent_numbers": _CONSENT_NUMBERS,
}
assert set(_BINOPS) | {"/"} == set(_ARITH) and set(_CMPOPS) == set(_COMPARE)


class _Unsupported(Exception):
    """Something compiled code would not treat exactly as the closures do."""


def compile_expression(expression: Expression, loaded: LoadedScenario, resolve: Resolve) -> Callable[[Any], Any] | None:
    """`expression.bind(resolve)` as one compiled function of the state, or None where it
    should stay closures (see the module's docstring). `resolve` gives the reader of each name,
    as for `bind`; the function calls it only for names it does not read inline."""
    builder = _Builder(loaded, resolve)
    try:
        body = builder.expr(expression.node)
    except _Unsupported:
        return None
    if isinstance(body, ast.Constant):
        return None  # a constant: the closure is as fast
    arguments = ast.arguments(posonlyargs=[], args=[ast.arg(_STATE)], kwonlyargs=[], kw_defaults=[], defaults=[])
    tree = ast.Expression(ast.Lambda(arguments, body))
    ast.fix_missing_locations(tree)
    code = compile(tree, "<scenario expression>", "eval")
    function_code = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    return types.FunctionType(function_code, {**_HELPERS, **builder.readers}, "expression")


def _state() -> ast.expr:
    return ast.Name(_STATE, ast.Load())


def _attribute(value: ast.expr, attr: str) -> ast.expr:
    return ast.Attribute(value, attr, ast.Load())


def _helper(name: str) -> ast.expr:
    return ast.Name(name, ast.Load())


def _call(name: str, *args: ast.expr) -> ast.expr:
    return ast.Call(_helper(name), list(args), [])


def _as_bool(test: ast.expr) -> ast.expr:
    """`True if test else False`: what `bool(test)` gives, without a call."""
    return ast.IfExp(test, ast.Constant(True), ast.Constant(False))


class _Builder:
    def __init__(self, loaded: LoadedScenario, resolve: Resolve) -> None:
        self.loaded = loaded
        self.resolve = resolve
        self.readers: dict[str, StateReader] = {}

    def expr(self, node: Node) -> ast.expr:
        built = _build(node, self.resolve)  # what the closures fold, this folds
        if isinstance(built, Const):
            return self.constant(built.value)
        match node:
            case Name(name):
                return self.name(name)
            case Unary("not", operand):
                return ast.UnaryOp(ast.Not(), self.expr(operand))
            case Unary("-", operand):
                return ast.UnaryOp(ast.USub(), self.expr(operand))
            case Logic(op, operands):
                joined = ast.BoolOp(ast.And() if op == "and" else ast.Or(), [self.expr(o) for o in operands])
                return _as_bool(joined)
            case Arith("/", left, right):
                return _call("_div", self.expr(left), self.expr(right))
            case Arith(op, left, right):
                return ast.BinOp(self.expr(left), _BINOPS[op], self.expr(right))
            case Compare(left, ops, rights):
                return ast.Compare(self.expr(left), [_CMPOPS[op] for op in ops], [self.expr(r) for r in rights])
            case Call("abs", (x,)):
                return _call("_abs", self.expr(x))
            case Call("clamp", (x, low, high)):
                return _call("_min", _call("_max", self.expr(x), self.expr(low)), self.expr(high))
            case Call(func, args):
                return _call("_min" if func == "min" else "_max", ast.List([self.expr(a) for a in args], ast.Load()))
        raise _Unsupported(repr(node))

    def constant(self, value: object) -> ast.expr:
        if not isinstance(value, bool | int | float):
            raise _Unsupported("text in quotes")
        return ast.Constant(value)

    def name(self, name: str) -> ast.expr:
        """How the state's value of `name` is read: inline for the common names, else by the
        engine's reader for it (`state.bound_reader`)."""
        prefix, _, key = name.partition(".")
        if prefix not in _NUMERIC_PREFIXES:
            raise _Unsupported(name)
        if name in _ATTRIBUTES:
            return _attribute(_state(), name)
        if name == "turns_left":
            turns = ast.Constant(self.loaded.scenario.clock.turns)
            remaining = ast.BinOp(ast.BinOp(turns, ast.Sub(), _attribute(_state(), "turn")), ast.Add(), ast.Constant(1))
            return _call("_max", remaining, ast.Constant(0))
        if name == "channel":
            return ast.Subscript(_helper("_channel_numbers"), _attribute(_attribute(_state(), "channel"), "state"), ast.Load())
        if key and prefix == "var":
            return ast.Subscript(_attribute(_state(), "variables"), ast.Constant(key), ast.Load())
        if key and prefix in _SETS:
            return ast.Compare(ast.Constant(key), [ast.In()], [_attribute(_state(), prefix)])
        if key and (prefix in _PARTY_FIELDS or prefix == "consent"):
            party = ast.Subscript(_attribute(_state(), "parties"), ast.Constant(key), ast.Load())
            if prefix in _PARTY_FIELDS:
                return _attribute(party, prefix)
            return ast.Subscript(_helper("_consent_numbers"), _attribute(_attribute(party, "consent"), "state"), ast.Load())
        reader = self.resolve(name)
        if isinstance(reader, Const):
            return self.constant(reader.value)
        helper = f"_read{len(self.readers)}"
        self.readers[helper] = reader
        return _call(helper, _state())
