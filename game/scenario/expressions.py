"""The small expression language of scenario files: conditions and effects.

Instructors write these in YAML, for example::

    when: trust.aurelia >= 50 and not relayed.ceasefire_offer
    effect: var.talks_held += 1

The language (anything else is rejected with a plain-English message and a column):

* values: integers, decimals, ``true``/``false`` (``True``/``False`` too), text in quotes;
* names: ``turn``, ``trust.aurelia`` (a dotted name is ONE name string); what a name
  means is up to the caller's ``lookup``;
* ``and or not``, ``== != < <= > >=`` (chains like ``0 < x < 5``), ``+ - * /``, unary
  ``-`` (and a harmless unary ``+``), brackets, ``min max abs clamp(x, lo, hi)``;
* an effect is one statement: ``name = expr``, ``name += expr`` or ``name -= expr``.

Evaluation does not crash a running game: ``x / 0`` is 0; comparing text with a number
is false (``!=`` is true); ``and``/``or``/``not`` give bools; bools count as 0/1 in
arithmetic. Arithmetic on text is an author error and raises ExpressionError.
Limits: 500 characters, 30 levels of nesting (a chain like ``a + b + c`` is one level).
Line breaks count as spaces, so a condition may be folded over lines in YAML.

Why ``ast``: the stdlib parser is exact and maintained, so we write no grammar. Its
output is never eval'd, exec'd or compiled: a strict whitelist walk turns the Python
AST into the frozen node classes below, and each tree is built once into nested
closures, which evaluate several times faster than re-walking a tree. (The engine may
compile a tree of its own making from these node classes, never the parsed text:
``engine/codegen.py`` and docs/architecture.md say why that is safe.) A character
scan runs before ``ast.parse`` to word the mistakes instructors actually make
(``=>``, ``&&``, a single ``=`` ...) better than Python's own messages would.
"""

from __future__ import annotations

import ast
import difflib
import keyword
import operator
import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NoReturn, cast

Value = bool | int | float | str
Lookup = Callable[[str], Value]
Fn = Callable[[Any], Value]
"""An expression built into a function of one argument: the `Lookup` for `evaluate`, or what
the readers given to `Expression.bind` take (the engine's GameState)."""

MAX_LENGTH = 500
MAX_DEPTH = 30
MAX_LITERAL = 10**15
FUNCTIONS = {"min": (2, MAX_LENGTH), "max": (2, MAX_LENGTH), "abs": (1, 1), "clamp": (3, 3)}
_CONSTANTS = {"true": True, "false": False}


class ExpressionError(Exception):
    """A problem in an expression, worded for an instructor; column is 1-based."""

    def __init__(self, message: str, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.column = max(1, column)


class NumberTooLarge(ExpressionError):
    """A calculation of constants gives a number beyond ±10^15 (or none: infinity, NaN).
    Its own code in `validate` (GO0216): nothing is wrong with how it is written."""


@dataclass(frozen=True, slots=True)
class Const:
    value: Value


@dataclass(frozen=True, slots=True)
class Name:
    name: str


@dataclass(frozen=True, slots=True)
class Unary:
    op: str  # "not" or "-"
    operand: Node


@dataclass(frozen=True, slots=True)
class Logic:
    op: str  # "and" or "or"
    operands: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Arith:
    op: str  # "+", "-", "*" or "/"
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Compare:
    left: Node
    ops: tuple[str, ...]  # "==", "!=", "<", "<=", ">", ">="
    rights: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Call:
    func: str  # a key of FUNCTIONS
    args: tuple[Node, ...]


Node = Const | Name | Unary | Logic | Arith | Compare | Call
Resolve = Callable[[str], Fn | Const]
"""Given a name, how to read it (a function of the evaluation's argument) or its fixed value."""


def _number(value: Value) -> float:  # bool and int are numbers too
    if isinstance(value, str):
        raise ExpressionError(f"the text {value!r} cannot be used in arithmetic")
    return value


def _div(a: float, b: float) -> float:
    if not b:
        return 0  # documented: authors should never see a crash mid-game
    try:
        return a / b
    except OverflowError:
        raise ExpressionError("a number became too large to divide") from None


_ARITH: dict[str, Callable[[float, float], float]] = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": _div}
_COMPARE = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def _by_lookup(name: str) -> Fn:
    return lambda lookup: lookup(name)


def _function(built: Fn | Const) -> Fn:
    if isinstance(built, Const):
        value = built.value
        return lambda env: value
    return built


def _fold(fn: Fn, *parts: Fn | Const) -> Fn | Const:
    """`fn` evaluated once, now, if every part it reads is a constant; any error is left to
    surface where it always did, when the expression is evaluated."""
    if not all(isinstance(part, Const) for part in parts):
        return fn
    try:
        return Const(fn(None))
    except Exception:
        return fn


def _build(node: Node, resolve: Resolve) -> Fn | Const:
    """Turn a node tree into nested closures, once; evaluating is then plain calls. A name is
    read by what `resolve` gives for it; a part whose inputs are all constants is computed here,
    once, and becomes a constant. The common shapes (one comparison, a chain of and/or) get
    closures of their own: conditions are evaluated thousands of times a game."""
    match node:
        case Const():
            return node
        case Name(name):
            return resolve(name)
        case Unary(op, operand):
            built = _build(operand, resolve)
            f = _function(built)
            if op == "not":
                return _fold(lambda env: not f(env), built)
            return _fold(lambda env: -_number(f(env)), built)
        case Logic(op, operands) if len(operands) == 2:
            parts = [_build(operand, resolve) for operand in operands]
            a, b = map(_function, parts)
            if op == "or":
                return _fold(lambda env: bool(a(env) or b(env)), *parts)
            return _fold(lambda env: bool(a(env) and b(env)), *parts)
        case Logic(op, operands):
            parts = [_build(operand, resolve) for operand in operands]
            fs = tuple(map(_function, parts))
            if op == "or":

                def any_(env: object) -> bool:
                    for f in fs:  # noqa: SIM110 - a plain loop; any() over a generator is slower
                        if f(env):
                            return True
                    return False

                return _fold(any_, *parts)

            def all_(env: object) -> bool:
                for f in fs:  # noqa: SIM110 - as above
                    if not f(env):
                        return False
                return True

            return _fold(all_, *parts)
        case Arith(op, left, right):
            parts = [_build(left, resolve), _build(right, resolve)]
            (fa, fb), fn = map(_function, parts), _ARITH[op]

            def arith(env: object) -> Value:
                a, b = fa(env), fb(env)
                if isinstance(a, str) or isinstance(b, str):
                    return _number(a if isinstance(a, str) else b)  # raises ExpressionError
                return fn(a, b)

            return _fold(arith, *parts)
        case Compare(left, (op,), (right,)):
            parts = [_build(left, resolve), _build(right, resolve)]
            test, fa = _COMPARE[op], _function(parts[0])
            if isinstance(parts[1], Const):
                c = parts[1].value

                def compare_const(env: object) -> bool:
                    try:
                        return test(fa(env), c)
                    except TypeError:  # text against a number: simply not true
                        return False

                return _fold(compare_const, *parts)
            fb = _function(parts[1])

            def compare_one(env: object) -> bool:
                try:
                    return test(fa(env), fb(env))
                except TypeError:
                    return False

            return _fold(compare_one, *parts)
        case Compare(left, ops, rights):
            parts = [_build(left, resolve), *(_build(r, resolve) for r in rights)]
            first = _function(parts[0])
            pairs = tuple((_COMPARE[op], _function(r)) for op, r in zip(ops, parts[1:], strict=True))

            def compare(env: object) -> bool:
                a = first(env)
                for test, f in pairs:
                    b = f(env)
                    try:
                        if not test(a, b):
                            return False
                    except TypeError:
                        return False
                    a = b
                return True

            return _fold(compare, *parts)
        case Call(func, args):
            parts = [_build(arg, resolve) for arg in args]
            fs = tuple(map(_function, parts))
            if func == "abs":
                return _fold(lambda env: abs(_number(fs[0](env))), *parts)
            if func == "clamp":  # if lo > hi the answer is hi
                x, lo, hi = fs
                return _fold(lambda env: min(max(_number(x(env)), _number(lo(env))), _number(hi(env))), *parts)
            pick = min if func == "min" else max
            return _fold(lambda env: pick([_number(f(env)) for f in fs]), *parts)
    raise TypeError(f"not an expression node: {node!r}")


@dataclass(frozen=True)
class Expression:
    text: str
    names: frozenset[str]  # every name read, dotted names as one string
    node: Node = field(repr=False)

    @cached_property
    def _fn(self) -> Fn:
        """Built on the first `evaluate`, not when the file is loaded: the engine binds most
        conditions to its own readers (`bind`), so a load walks each tree only once."""
        return _function(_build(self.node, _by_lookup))

    def evaluate(self, lookup: Lookup) -> Value:
        return self._fn(lookup)

    def bind(self, resolve: Resolve) -> Fn:
        """This expression as a function of one argument, each name read by the reader
        `resolve(name)` gives for it (called with that argument), or fixed where it gives a
        `Const`. The engine binds each condition once per scenario to readers of its state, so
        evaluating one looks no name up; the meaning is `evaluate`'s, built by the same code."""
        return _function(_build(self.node, resolve))

    def __reduce__(self) -> tuple[type, tuple[str, frozenset[str], Node]]:
        return Expression, (self.text, self.names, self.node)  # closures rebuild on load


@dataclass(frozen=True)
class Effect:
    text: str
    target: str
    operator: str  # "=", "+=" or "-="
    value: Expression

    @property
    def names(self) -> frozenset[str]:
        return self.value.names


def parse_expression(text: str) -> Expression:
    parser = _Parser(text, effect=False)
    node = parser.convert(cast(ast.Expression, parser.tree).body, 1)
    return Expression(text, frozenset(parser.names), node)


def parse_effect(text: str) -> Effect:
    p = _Parser(text, effect=True)
    stmt = cast(ast.Module, p.tree).body[0]  # the scan guarantees a single line with no ';'
    if isinstance(stmt, ast.Assign) and len(stmt.targets) > 1:
        p.fail("only one '=' is allowed in an effect", p.col(stmt.targets[1]))
    if isinstance(stmt, ast.Assign):
        target_node, op = stmt.targets[0], "="
    elif isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, ast.Add | ast.Sub):
        target_node, op = stmt.target, "+=" if isinstance(stmt.op, ast.Add) else "-="
    else:
        p.fail("an effect changes a value: write 'name = value', 'name += value' or 'name -= value'", p.col(stmt))
    target = p.dotted(target_node)
    if target is None or target in _CONSTANTS or target in FUNCTIONS:
        p.fail("only a name can be changed, like 'var.talks_held += 1'", p.col(target_node))
    value = p.convert(stmt.value, 1)
    start, end = p.col(stmt.value), p.col(stmt.value, end=True)
    return Effect(text, target, op, Expression(text[start:end], frozenset(p.names), value))


def apply_effect(effect: Effect, current: Value, lookup: Lookup) -> Value:
    """The new value of the target: '=' replaces, '+=' adds to and '-=' takes from current."""
    return combine(effect.operator, current, effect.value.evaluate(lookup))


def combine(operator: str, current: Value, value: Value) -> Value:
    """What an effect's operator makes of the target's current value and the evaluated one."""
    if operator == "=":
        return value
    a, b = _number(current), _number(value)
    return a + b if operator == "+=" else a - b


def suggest(name: str, known: Iterable[str]) -> str | None:
    """The closest of known to name, for a "did you mean ...?" hint, or None. A dotted name is
    compared by its last part with the names of the same prefix first: 'consent.arvenia' is not
    close to 'consent.belmar' because both start with 'consent.'."""
    known = list(known)
    head, dot, tail = name.rpartition(".")
    if dot:
        same = {k.rpartition(".")[2]: k for k in known if k.rpartition(".")[0] == head}
        matches = difflib.get_close_matches(tail, list(same), n=1, cutoff=0.6)
        if matches:
            return same[matches[0]]
        known = [k for k in known if k.rpartition(".")[0] != head]  # a misspelt prefix, perhaps
    matches = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return matches[0] if matches else None


_LEX = re.compile(  # text in quotes (any escape skipped), a word, or an operator/character
    r"""(?P<text>(?P<q>'''|"{3}|'|")(?:\\.|(?!(?P=q)).)*?(?P=q))|(?P<word>\w+)"""
    r"""|(?P<token>===|[=!<>*/+\-:]=|&&|\|\||=>|=<|<>|<<|>>|\*\*|//|.)""",
    re.S,
)
_TOKENS = {  # messages for tokens outside quotes; None means fine
    "===": "'===' is not an operator; use '=='",
    "&&": "use 'and' instead of '&&'",
    "||": "use 'or' instead of '||'",
    "=>": "'=>' is not an operator; did you mean '>='?",
    "=<": "'=<' is not an operator; did you mean '<='?",
    "<>": "'<>' is not an operator; did you mean '!='?",
    "**": "'**' is not allowed here; use * to multiply",
    "//": "'//' is not allowed here; use / to divide",
    "<<": "'<<' is not allowed here",
    ">>": "'>>' is not allowed here",
    ":=": "':=' is not allowed; compare with '==', or change a value in an effect",
    "*=": "'*=' is not allowed; an effect can only use '=', '+=' or '-='",
    "/=": "'/=' is not allowed; an effect can only use '=', '+=' or '-='",
    "==": None,
    "!=": None,
    "<=": None,
    ">=": None,
    "+=": None,
    "-=": None,
    "!": "use 'not' instead of '!'",
    "&": "use 'and' instead of '&'",
    "|": "use 'or' instead of '|'",
    "^": "'^' is not allowed here; there are no powers",
    "#": "'#' is not allowed here; put comments in the YAML, outside the expression",
    "\\": "a backslash is only allowed inside quotes",
    "[": "square brackets are not allowed here",
    "]": "square brackets are not allowed here",
    "{": "curly braces are not allowed here",
    "}": "curly braces are not allowed here",
    ";": "write one expression; ';' is not allowed here",
    **dict.fromkeys("+-*/<>=.,() \t\n\r", None),
}
_KEYWORDS_OK = {"and", "or", "not", "True", "False", "None", "is", "in", "if", "else"}
_NODES = {
    "IfExp": "'if ... else' is not allowed here; write separate conditions",
    "Tuple": "a ',' can only separate the values given to min, max, abs or clamp",
    "JoinedStr": "f-strings are not allowed here; use plain text in quotes",
    "GeneratorExp": "loops are not allowed here",
    "ListComp": "loops are not allowed here",
    "Is": "'is' is not allowed here; compare with '==' or '!='",
    "IsNot": "'is not' is not allowed here; compare with '!='",
    "In": "'in' is not allowed here; compare with '==' and join the choices with 'or'",
    "NotIn": "'not in' is not allowed here; compare with '!=' and join with 'and'",
}
_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_CMPOPS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}


class _Parser:
    """Checks the text, runs ast.parse and converts only the whitelisted nodes."""

    def __init__(self, text: str, effect: bool) -> None:
        if not isinstance(text, str):
            raise ExpressionError("the expression must be text")
        self.text, self.effect, self.names = text, effect, set[str]()
        if not text.strip():
            self.fail("the expression is empty", 0)
        if len(text) > MAX_LENGTH:
            self.fail(f"the expression is {len(text)} characters long; the limit is {MAX_LENGTH}", MAX_LENGTH)
        self.scan()
        flat = text.replace("\n", " ").replace("\r", " ")  # same length, so columns hold
        self.lead, self.source = len(flat) - len(flat.lstrip()), flat.strip() + "\n"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.tree = ast.parse(self.source, mode="exec" if effect else "eval")
        except SyntaxError as error:
            self.syntax_error(error)
        except (ValueError, RecursionError, MemoryError, OverflowError):
            self.fail("this expression could not be read; check for unusual characters", 0)

    def fail(self, message: str, index: int) -> NoReturn:
        """Raise at 0-based index of the text (kept inside the text)."""
        raise ExpressionError(message, min(index, len(self.text) - 1) + 1)

    def col(self, node: ast.AST, end: bool = False) -> int:
        """0-based index in the text where node starts (or ends); ast counts UTF-8 bytes."""
        offset = getattr(node, "end_col_offset" if end else "col_offset", 0) or 0
        head = self.source.encode("utf-8", "surrogatepass")[:offset]
        return self.lead + len(head.decode("utf-8", "ignore"))

    def scan(self) -> None:
        """Word common mistakes for an instructor before Python's parser sees them."""
        text, opens, effect = self.text, [], self.effect
        for match in _LEX.finditer(text):
            token, i, kind = match.group(), match.start(), match.lastgroup
            if kind == "text" and (after := text[match.end() :].lstrip())[:1] in ("'", '"'):
                self.fail("two pieces of text in quotes stand next to each other; join them into one", len(text) - len(after))
            if token in ("AND", "OR", "NOT", "And", "Or", "Not"):
                self.fail(f"write '{token.lower()}' in lowercase", i)
            if kind == "word" and keyword.iskeyword(token) and token not in _KEYWORDS_OK:
                self.fail(f"'{token}' is a reserved word and cannot be used here; if it is part of a name, rename it", i)
            if kind != "token":
                continue
            if token in ("'", '"'):
                self.fail("this quote is never closed; text in quotes needs a matching quote", i)
            if token == "(":
                opens.append(i)
                if len(opens) > MAX_DEPTH:
                    self.fail(f"the expression is nested too deeply (more than {MAX_DEPTH} levels of brackets)", i)
            elif token == ")" and not opens:
                self.fail("this ')' has no matching '('", i)
            elif token == ")":
                opens.pop()
            elif token == "=" and not effect:
                self.fail("a condition compares with '==', a single '=' assigns", i)
            elif token in ("+=", "-=") and not effect:
                self.fail(f"'{token}' changes a value; a condition can only compare", i)
            elif effect and (token == ";" or token in "\n\r" and not opens and text[:i].strip() and text[i:].strip()):
                self.fail("an effect makes exactly one change; put each change in its own effect", i)
            elif _TOKENS.get(token):
                self.fail(str(_TOKENS[token]), i)
            elif token not in _TOKENS and not ("a" + token).isidentifier():
                shown = f"'{token}'" if token.isprintable() and not token.isspace() else f"U+{ord(token):04X}"
                self.fail(f"the character {shown} is not allowed here", i)
        if opens:
            self.fail("this '(' is never closed", opens[-1])

    def syntax_error(self, error: SyntaxError) -> NoReturn:
        message, at = error.msg or "", self.lead + (error.offset or 1) - 1  # offset: chars
        at = len(self.text) if (error.lineno or 1) > 1 else at
        if "literal" in message and "string" not in message:
            self.fail("a number runs straight into a word; put a space or operator between", at)
        if "assign" in message:
            self.fail("only a name can be changed, like 'var.talks_held += 1'", at)
        if "unicode error" in message or "escape" in message:
            self.fail("a backslash in quotes starts an escape that is not valid", at)
        if at >= len(self.text.rstrip()):
            self.fail("the expression ends too early; something is missing at the end", at)
        before = self.text[:at].rstrip()[-1:]
        if (before.isalnum() or before in "_)'\"") and (self.text[at].isalnum() or self.text[at] in "_('\""):
            self.fail("two values stand next to each other with nothing joining them; add an operator such as 'and', '+' or '=='", at)
        self.fail(f"this is not a valid expression; the problem is near '{self.text[at : at + 12].strip()}'", at)

    def dotted(self, node: ast.AST) -> str | None:
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        return ".".join([node.id, *reversed(parts)]) if isinstance(node, ast.Name) else None

    def number(self, node: ast.AST, depth: int) -> Node:
        converted = self.convert(node, depth)
        if isinstance(converted, Const) and isinstance(converted.value, str):
            self.fail("text in quotes cannot be used in arithmetic", self.col(node))
        return converted

    def convert(self, node: ast.AST, depth: int) -> Node:
        # a node's column (`self.col(node)`) is worked out only for an error message; the node
        # types are tested most frequent first (each is one exact type: `ast.parse` makes no
        # subclasses), as a file's thousands of conditions are mostly comparisons of names
        if depth > MAX_DEPTH:
            self.fail(f"the expression is nested too deeply (more than {MAX_DEPTH} levels)", self.col(node))
        kind = type(node)
        if kind is ast.Compare:
            assert isinstance(node, ast.Compare)
            for cmp, left in zip(node.ops, [node.left, *node.comparators], strict=False):
                if type(cmp) not in _CMPOPS:
                    word = self.col(left, end=True)
                    word += len(self.text[word:]) - len(self.text[word:].lstrip(" \t\n\r)"))
                    self.fail(_NODES.get(type(cmp).__name__, "this is not allowed here"), word)
            return Compare(
                self.convert(node.left, depth + 1),
                tuple([_CMPOPS[type(op)] for op in node.ops]),
                tuple([self.convert(right, depth + 1) for right in node.comparators]),
            )
        if kind is ast.Name or kind is ast.Attribute:
            name = self.dotted(node)
            if name is None:
                self.fail("a '.' can only join the parts of a name, like trust.aurelia", self.col(node))
            if name in FUNCTIONS:
                self.fail(f"'{name}' is a function; give it values in brackets: {name}(...)", self.col(node))
            if name in _CONSTANTS:
                return Const(_CONSTANTS[name])
            self.names.add(name)
            return Name(name)
        if kind is ast.Constant:
            assert isinstance(node, ast.Constant)
            value = node.value
            if not isinstance(value, bool | int | float | str):
                self.fail("only numbers, true, false and text in quotes are values", self.col(node))
            if not isinstance(value, bool | str) and not abs(value) <= MAX_LITERAL:
                self.fail("this number is too large", self.col(node))
            return Const(value)
        if kind is ast.BoolOp:
            assert isinstance(node, ast.BoolOp)
            op = "and" if isinstance(node.op, ast.And) else "or"
            return Logic(op, tuple([self.convert(value, depth + 1) for value in node.values]))
        if kind is ast.UnaryOp and isinstance(node.op, ast.Not):  # type: ignore[attr-defined]
            assert isinstance(node, ast.UnaryOp)
            return Unary("not", self.convert(node.operand, depth + 1))
        if kind is ast.UnaryOp and isinstance(node.op, ast.USub | ast.UAdd):  # type: ignore[attr-defined]
            assert isinstance(node, ast.UnaryOp)
            operand = self.number(node.operand, depth + 1)
            if isinstance(node.op, ast.UAdd):
                return operand
            if isinstance(operand, Const):  # fold -5 into a constant
                return Const(-_number(operand.value))
            return Unary("-", operand)
        if kind is ast.BinOp and type(node.op) in _BINOPS:  # type: ignore[attr-defined]
            assert isinstance(node, ast.BinOp)
            left_depth = depth if isinstance(node.left, ast.BinOp) else depth + 1  # a chain
            arith = Arith(_BINOPS[type(node.op)], self.number(node.left, left_depth), self.number(node.right, depth + 1))
            if isinstance(arith.left, Const) and isinstance(arith.right, Const):
                self.constant_in_range(arith, self.col(node))
            return arith
        if kind is ast.Call:
            assert isinstance(node, ast.Call)
            return self.call(node, depth)
        self.fail(_NODES.get(type(node).__name__, "this is not allowed in an expression"), self.col(node))

    def constant_in_range(self, node: Arith, at: int) -> None:
        """Reject a calculation of constants whose result lies beyond ±10^15: in play it would
        overflow (a float to infinity, then NaN; an integer past what a float holds). Each
        step of a chain is checked, so `1e15 * 1e15 * 0` stops at its first product."""
        built = _build(node, _by_lookup)
        value = built.value if isinstance(built, Const) else None  # not folded: the division failed
        if isinstance(value, bool | str) or (value is not None and abs(value) <= MAX_LITERAL):
            return
        raise NumberTooLarge(
            "this calculation gives a number beyond ±10^15, the largest a scenario may use", min(at, len(self.text) - 1) + 1
        )

    def call(self, node: ast.Call, depth: int) -> Node:
        name = self.dotted(node.func) or ""
        if name not in FUNCTIONS:
            hint = suggest(name, FUNCTIONS)
            self.fail(
                "only min, max, abs and clamp can be used as functions" + (f"; did you mean '{hint}'?" if hint else ""), self.col(node)
            )
        if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
            self.fail(f"give {name}() plain values separated by commas", self.col(node))
        low, high = FUNCTIONS[name]
        if not low <= len(node.args) <= high:
            self.fail(
                {
                    "abs": "abs() takes exactly one value, like abs(x)",
                    "clamp": "clamp() takes three values: clamp(value, lowest, highest)",
                }.get(name, f"{name}() needs at least two values, like {name}(a, b)"),
                self.col(node),
            )
        return Call(name, tuple(self.number(arg, depth + 1) for arg in node.args))
