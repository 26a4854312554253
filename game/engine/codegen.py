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
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar, cast

from game.engine.state import _CHANNEL_NUMBERS, _CONSENT_NUMBERS, _GLOBALS, _PARTY, _RELAYED, _SOFTENED
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
from game.scenario.names import CONSTANTS

_STATE = "st"
_ATTRIBUTES = ("turn", "escalation", "leak_risk", "circle", "meetings")
"""Names read as an attribute of the state."""
_SETS = ("fired", "chosen")
"""`fired.x`, `chosen.x`: membership of the state's set of that name."""
_PARTY_ATTRIBUTES = frozenset(_PARTY) - {"consent", "bad_faith"}
"""`trust.x`, `probed.x`, `asked_first.x` ...: that attribute of the party's state."""
_STATUS_TESTS: dict[str, tuple[ast.cmpop, str]] = {
    "relayed": (ast.In(), "_relayed"),
    "softened": (ast.In(), "_softened"),
    "distorted": (ast.Eq(), "distorted"),
    "withheld": (ast.Eq(), "withheld"),
    "published": (ast.Eq(), "published"),
}
"""`relayed.m` ...: how the message's status is tested (`state._getter`), against a helper's
words or one word."""
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
    "_ladder_numbers": CONSTANTS,
    "_relayed": _RELAYED,
    "_softened": _SOFTENED,
}
assert set(_BINOPS) | {"/"} == set(_ARITH) and set(_CMPOPS) == set(_COMPARE)


class _Unsupported(Exception):
    """Something compiled code would not treat exactly as the closures do."""


_N = TypeVar("_N", bound=ast.AST)


class Codegen:
    """Compiles expressions of one scenario into functions of the state, sharing one namespace.

    `functions` compiles many expressions in one call to `compile()` (most of the cost of a
    compilation is per call); `scan` compiles the loop over a list of events or messages."""

    def __init__(self, loaded: LoadedScenario, resolve: Resolve) -> None:
        self.loaded = loaded
        self.resolve = resolve
        self.namespace: dict[str, Any] = dict(_HELPERS)

    def add_reader(self, reader: Callable[[Any], Any]) -> str:
        """A name for `reader` in the functions' namespace."""
        name = f"_read{len(self.namespace)}"
        self.namespace[name] = reader
        return name

    def functions(self, expressions: dict[str, Expression]) -> dict[str, Callable[[Any], Any]]:
        """Each expression (by its text) as one compiled function of the state, like
        `expression.bind(resolve)`; those that should stay closures (see the module's docstring),
        and the constants, are left out."""
        texts: list[str] = []
        lambdas: list[ast.expr] = []
        for text, expression in expressions.items():
            line = len(lambdas) + 1  # tells the functions apart in the compiled code
            try:
                body = _Builder(self, line).expr(expression.node)
            except _Unsupported:
                continue
            if isinstance(body, ast.Constant):
                continue  # a constant: the closure is as fast
            texts.append(text)
            lambdas.append(_located(ast.Lambda(_ARGUMENTS, body), line))
        if not lambdas:
            return {}
        code = compile(ast.Expression(_located(ast.Tuple(lambdas, ast.Load()), 1)), "<scenario expressions>", "eval")
        by_line = {c.co_firstlineno: c for c in code.co_consts if isinstance(c, types.CodeType)}
        return {text: types.FunctionType(by_line[i + 1], self.namespace, "expression") for i, text in enumerate(texts)}

    def scan(self, tests: Sequence[ScanTest]) -> Callable[[Any], Iterator[int]]:
        """A generator function of the state that yields, in order, the index of each test that
        passes when the loop reaches it (the caller acts on each before the next is tested, so
        a later test sees what an earlier one led to). A test passes when its `key` is not in
        the state's set `unless_in` (if it names one), and then when the turn has reached its
        `due` turn or its `condition` holds (whichever it has; with neither, it passes).

        This is the clock's loop over events and arrivals written out as one function: the same
        tests in the same order, each condition inline (or, where it should stay closures, by a
        call to them)."""
        if not tests:
            return _nothing
        at = _Builder(self, 1)
        body: list[ast.stmt] = []
        for index, (unless_in, key, due, condition, closures) in enumerate(tests):
            parts: list[ast.expr] = []
            if unless_in is not None:
                parts.append(at.at(ast.Compare(at.constant_text(key), [ast.NotIn()], [at.attribute(at.state(), unless_in)])))
            reached: list[ast.expr] = []
            if due is not None:
                reached.append(at.at(ast.Compare(at.attribute(at.state(), "turn"), [ast.GtE()], [at.constant(due)])))
            if condition is not None:
                reached.append(at.test(condition, closures))
            if reached:
                parts.append(reached[0] if len(reached) == 1 else at.at(ast.BoolOp(ast.Or(), reached)))
            step = at.at(ast.Expr(at.at(ast.Yield(at.constant(index)))))
            if not parts:
                body.append(step)
            else:
                body.append(at.at(ast.If(parts[0] if len(parts) == 1 else at.at(ast.BoolOp(ast.And(), parts)), [step], [])))
        function = _located(ast.FunctionDef("scan", _ARGUMENTS, body, [], None), 1)
        code = compile(ast.Module([function], []), "<scenario scan>", "exec")
        function_code = next(c for c in code.co_consts if isinstance(c, types.CodeType))
        return cast(Callable[[Any], Iterator[int]], types.FunctionType(function_code, self.namespace, "scan"))


ScanTest = tuple[str | None, str, int | None, Expression | None, Callable[[Any], Any] | None]
"""(the state's set `unless_in`, the `key` to look for in it, the `due` turn, the `condition`
and its closures, for when it should not be compiled); see `Codegen.scan`."""


def _nothing(state: Any) -> Iterator[int]:
    return iter(())


def _located(node: _N, line: int) -> _N:
    """`node` placed on `line` (what `ast.fix_missing_locations` would do, without its walk)."""
    node.lineno, node.col_offset, node.end_lineno, node.end_col_offset = line, 0, line, 0  # type: ignore[attr-defined]
    return node


_ARGUMENTS = ast.arguments(posonlyargs=[], args=[_located(ast.arg(_STATE), 1)], kwonlyargs=[], kw_defaults=[], defaults=[])
"""The one parameter of every compiled function: the state."""


class _Builder:
    """Builds the tree of one function; every node on `line`."""

    def __init__(self, codegen: Codegen, line: int) -> None:
        self.codegen = codegen
        self.line = line
        self.as_bool: set[int] = set()
        """ids of the `True if x else False` nodes made for `bool(x)` (an `if` needs only x)."""

    def at(self, node: _N) -> _N:
        return _located(node, self.line)

    def helper(self, name: str) -> ast.expr:
        return self.at(ast.Name(name, ast.Load()))

    def call(self, name: str, *args: ast.expr) -> ast.expr:
        return self.at(ast.Call(self.helper(name), list(args), []))

    def state(self) -> ast.expr:
        return self.at(ast.Name(_STATE, ast.Load()))

    def attribute(self, value: ast.expr, attr: str) -> ast.expr:
        return self.at(ast.Attribute(value, attr, ast.Load()))

    def subscript(self, value: ast.expr, key: ast.expr) -> ast.expr:
        return self.at(ast.Subscript(value, key, ast.Load()))

    def constant(self, value: object) -> ast.expr:
        """A number or a bool of the expression (text in quotes: not compiled)."""
        if not isinstance(value, bool | int | float):
            raise _Unsupported("text in quotes")
        return self.at(ast.Constant(value))

    def constant_text(self, value: str) -> ast.expr:
        """A key (a variable's, a party's, an event's): a value in the tree, never code."""
        return self.at(ast.Constant(value))

    def test(self, condition: Expression, closures: Callable[[Any], Any] | None) -> ast.expr:
        """A condition as the test of an `if`: only its truth counts (so no `bool()` around it)."""
        try:
            built = self.expr(condition.node)
        except _Unsupported:
            if closures is None:
                raise
            helper = self.codegen.add_reader(closures)
            return self.call(helper, self.state())
        if isinstance(built, ast.IfExp) and id(built) in self.as_bool:
            return built.test
        return built

    def expr(self, node: Node) -> ast.expr:
        """The tree of `node`. A part is folded to a constant exactly where `_build` (the
        closures) folds it: where every part it reads is a constant, and computing it raises
        nothing (then `_build` of that part, all constants, says whether it folds)."""
        match node:
            case Const(value):
                return self.constant(value)
            case Name(name):
                return self.name(name)
            case Unary(_, operand):
                parts = [self.expr(operand)]
            case Logic(_, operands):
                parts = [self.expr(o) for o in operands]
            case Arith(_, left, right):
                parts = [self.expr(left), self.expr(right)]
            case Compare(left, _, rights):
                parts = [self.expr(left), *(self.expr(r) for r in rights)]
            case Call(_, args):
                parts = [self.expr(a) for a in args]
            case _:
                raise _Unsupported(repr(node))
        if all(isinstance(part, ast.Constant) for part in parts):
            built = _build(node, self.codegen.resolve)
            if isinstance(built, Const):
                return self.constant(built.value)
        return self.combine(node, parts)

    def combine(self, node: Node, parts: list[ast.expr]) -> ast.expr:
        match node:
            case Unary("not", _):
                return self.at(ast.UnaryOp(ast.Not(), parts[0]))
            case Unary("-", _):
                return self.at(ast.UnaryOp(ast.USub(), parts[0]))
            case Logic(op, _):
                joined = self.at(ast.BoolOp(ast.And() if op == "and" else ast.Or(), parts))
                as_bool = self.at(ast.IfExp(joined, self.at(ast.Constant(True)), self.at(ast.Constant(False))))
                self.as_bool.add(id(as_bool))  # `bool(joined)`, without a call
                return as_bool
            case Arith("/", _, _):
                return self.call("_div", *parts)
            case Arith(op, _, _):
                return self.at(ast.BinOp(parts[0], _BINOPS[op], parts[1]))
            case Compare(_, ops, _):
                return self.at(ast.Compare(parts[0], [_CMPOPS[op] for op in ops], parts[1:]))
            case Call("abs", _):
                return self.call("_abs", parts[0])
            case Call("clamp", _):
                return self.call("_min", self.call("_max", parts[0], parts[1]), parts[2])
            case Call(func, _):
                return self.call("_min" if func == "min" else "_max", self.at(ast.List(parts, ast.Load())))
        raise _Unsupported(repr(node))

    def name(self, name: str) -> ast.expr:
        """How the state's value of `name` is read: inline for the common names, as
        `state.bound_reader` reads them, else by calling the reader it gives."""
        reader = self.codegen.resolve(name)
        if isinstance(reader, Const):
            return self.constant(reader.value)
        prefix, _, key = name.partition(".")
        if prefix not in _NUMERIC_PREFIXES:
            raise _Unsupported(name)
        state = self.state()
        if name in _ATTRIBUTES:
            return self.attribute(state, name)
        if name == "turns_left":
            turns = self.at(ast.Constant(self.codegen.loaded.scenario.clock.turns))
            remaining = self.at(ast.BinOp(turns, ast.Sub(), self.attribute(state, "turn")))
            return self.call("_max", self.at(ast.BinOp(remaining, ast.Add(), self.at(ast.Constant(1)))), self.at(ast.Constant(0)))
        if name == "channel":
            return self.subscript(self.helper("_channel_numbers"), self.attribute(self.attribute(state, "channel"), "state"))
        if key and prefix == "var":
            return self.subscript(self.attribute(state, "variables"), self.constant_text(key))
        if key and prefix in _SETS:
            return self.at(ast.Compare(self.constant_text(key), [ast.In()], [self.attribute(state, prefix)]))
        if key and (prefix in _PARTY_ATTRIBUTES or prefix == "consent"):
            party = self.subscript(self.attribute(state, "parties"), self.constant_text(key))
            if prefix in _PARTY_ATTRIBUTES:
                return self.attribute(party, prefix)
            return self.subscript(self.helper("_consent_numbers"), self.attribute(self.attribute(party, "consent"), "state"))
        if key and prefix == "arrived":
            return self.at(ast.Compare(self.constant_text(key), [ast.In()], [self.attribute(state, "arrived")]))
        if key and prefix == "venue":
            return self.at(ast.Compare(self.attribute(state, "venue"), [ast.Eq()], [self.constant_text(key)]))
        if key and prefix in _STATUS_TESTS:
            status = self.at(ast.Call(self.attribute(self.attribute(state, "message_status"), "get"), [self.constant_text(key)], []))
            operator, helper = _STATUS_TESTS[prefix]
            return self.at(ast.Compare(status, [operator], [self.helper(helper) if helper.startswith("_") else self.constant_text(helper)]))
        if name == "mandate":
            return self.subscript(self.helper("_ladder_numbers"), self.attribute(self.attribute(state, "mandate"), "state"))
        if name == "suspended":
            return self.at(ast.Compare(self.attribute(state, "suspended"), [ast.IsNot()], [self.at(ast.Constant(None))]))
        return self.call(self.codegen.add_reader(reader), state)
