"""Copy a GameState for the many alternatives the debrief plays forward.

`copy.deepcopy` is general and slow (it memoises every object). The state is plain data
(dataclasses, dicts, lists, sets of words and numbers), so a copy made to measure does the
same job many times faster. Each dataclass gets, on its first copy, a plan drawn from its
declared field types: words and numbers are taken as they are (and so are frozen records of
words and numbers, which cannot change), a set or a list of them is copied with one call, a
dict of numbers likewise, and anything else (a nested dataclass, a dict of them) is copied by
its own plan; the copy is then made by the class's constructor in one
call. A type the plan does not know is copied by a general walk. Tests check a copy against
`copy.deepcopy` on played states, and that it shares no mutable object with the original.
"""

from __future__ import annotations

import ast
import copy
import keyword
import sys
import types
import typing
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")

Copier = Callable[[Any], Any]

_ATOM_TYPES = frozenset((str, int, float, bool, type(None)))
_COPIERS: dict[type, Copier] = {}


def copy_state(state: T) -> T:
    return _copy(state)


def _copy(value: T) -> T:
    """The general walk, for values whose type is only known when they are met."""
    kind = type(value)
    if kind in _ATOM_TYPES:
        return value
    if kind is dict:
        return {k: v if type(v) in _ATOM_TYPES else _copy(v) for k, v in value.items()}  # type: ignore[attr-defined,return-value]
    if kind is list:
        return [v if type(v) in _ATOM_TYPES else _copy(v) for v in value]  # type: ignore[attr-defined,return-value]
    if kind is set or kind is frozenset:
        return kind(value)  # type: ignore[call-arg,return-value]  # members are hashable, so immutable here
    if kind is tuple:
        return tuple(_copy(v) for v in value)  # type: ignore[attr-defined,return-value]
    copier = _COPIERS.get(kind)
    if copier is None:
        if not is_dataclass(value):
            return copy.deepcopy(value)
        copier = _COPIERS[kind] = _class_copier(kind)
    return copier(value)  # type: ignore[no-any-return]


def _class_copier(kind: type) -> Copier:
    declared = fields(kind)
    names = tuple(f.name for f in declared)
    try:
        hints = typing.get_type_hints(kind, vars(sys.modules[kind.__module__]))
    except Exception:  # an annotation that cannot be resolved here: copy field by field
        hints = None
    if hints is None or hasattr(kind, "__post_init__") or not all(f.init for f in declared):
        return _walking_copier(kind, names)
    plan = tuple((i, copier) for i, f in enumerate(declared) if (copier := _type_copier(hints[f.name])) is not None)
    if all(name.isidentifier() and not keyword.iskeyword(name) for name in names):
        return _compiled_copier(kind, names, dict(plan))
    read = attrgetter(*names)
    if len(names) == 1:
        only = plan[0][1] if plan else None
        return (lambda v: kind(only(read(v)))) if only is not None else (lambda v: kind(read(v)))

    def copy_one(value: Any) -> Any:
        items = list(read(value))
        for i, copier in plan:
            items[i] = copier(items[i])
        return kind(*items)

    return copy_one


def _compiled_copier(kind: type, names: tuple[str, ...], copiers: dict[int, Copier]) -> Copier:
    """The plan as one function, `lambda v: Kind(v.a, _copy1(v.b), ...)`: a fork copies a
    state with its parties and ladders, about ten dataclasses, and a loop over each plan cost
    as much as the copying itself. The function is compiled from a tree built here from the
    class's own field names (identifiers of this code base, never text from outside); it
    runs with no builtins, only the class and the copiers of the plan in its globals."""
    namespace: dict[str, Any] = {"__builtins__": {}, "_kind": kind}
    arguments: list[ast.expr] = []
    for i, name in enumerate(names):
        read: ast.expr = _at(ast.Attribute(_at(ast.Name("v", ast.Load())), name, ast.Load()))
        if i in copiers:
            namespace[f"_copy{i}"] = copiers[i]
            read = _at(ast.Call(_at(ast.Name(f"_copy{i}", ast.Load())), [read], []))
        arguments.append(read)
    body = _at(ast.Call(_at(ast.Name("_kind", ast.Load())), arguments, []))
    parameters = ast.arguments(posonlyargs=[], args=[_at(ast.arg("v"))], kwonlyargs=[], kw_defaults=[], defaults=[])
    code = compile(ast.Expression(_at(ast.Lambda(parameters, body))), f"<copy of {kind.__name__}>", "eval")
    function_code = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    return types.FunctionType(function_code, namespace, f"copy_{kind.__name__}")


_N = TypeVar("_N", bound=ast.AST)


def _at(node: _N) -> _N:
    node.lineno, node.col_offset, node.end_lineno, node.end_col_offset = 1, 0, 1, 0  # type: ignore[attr-defined]
    return node


def _walking_copier(kind: type, names: tuple[str, ...]) -> Copier:
    def copy_one(value: Any) -> Any:
        clone: Any = object.__new__(kind)
        for name in names:
            item = getattr(value, name)
            object.__setattr__(clone, name, item if type(item) in _ATOM_TYPES else _copy(item))
        return clone

    return copy_one


def _atomic(tp: Any) -> bool:
    if tp in _ATOM_TYPES or tp is None:
        return True
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        return all(_atomic(arg) for arg in typing.get_args(tp))
    if typing.get_origin(tp) is tuple:  # a tuple of words and numbers cannot change either
        return all(arg is Ellipsis or _atomic(arg) for arg in typing.get_args(tp))
    return _frozen_record(tp)


def _frozen_record(tp: Any) -> bool:
    """A frozen dataclass whose fields are all words and numbers (an `Evidence`): it cannot
    change, so a copy may share it, like a word or a number."""
    if not (isinstance(tp, type) and is_dataclass(tp) and tp.__dataclass_params__.frozen):  # type: ignore[attr-defined]
        return False
    try:
        hints = typing.get_type_hints(tp, vars(sys.modules[tp.__module__]))
    except Exception:
        return False
    return all(_atomic(hints[f.name]) for f in fields(tp))


def _type_copier(tp: Any) -> Copier | None:
    """How to copy a value of declared type `tp`: None for one that cannot change in place."""
    if _atomic(tp):
        return None
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (set, frozenset) and args and _atomic(args[0]):
        return origin  # type: ignore[no-any-return]
    if origin is list and args and _atomic(args[0]):
        return list
    if origin is dict and len(args) == 2 and _atomic(args[0]):
        if _atomic(args[1]):
            return dict
        if isinstance(args[1], type) and is_dataclass(args[1]):
            inner = _nested(args[1])
            return lambda d: {k: inner(v) for k, v in d.items()}
    if isinstance(tp, type) and is_dataclass(tp):
        return _nested(tp)
    return _copy


def _nested(kind: type) -> Copier:
    """The copier of a nested dataclass, by its exact type (a subclass goes the general way)."""
    copier = _COPIERS.get(kind)
    if copier is None:
        copier = _COPIERS[kind] = _class_copier(kind)
    return lambda value: copier(value) if type(value) is kind else _copy(value)
