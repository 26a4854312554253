"""Copy a GameState for the many alternatives the debrief plays forward.

`copy.deepcopy` is general and slow (it memoises every object). The state is plain data
(dataclasses, dicts, lists, sets of words and numbers), so a copy made to measure does the
same job many times faster. Each dataclass gets, on its first copy, a plan drawn from its
declared field types: words and numbers are taken as they are, a set or a list of words is
copied with one call, a dict of numbers likewise, and anything else (a nested dataclass, a dict
of them) is copied by its own plan; the copy is then made by the class's constructor in one
call. A type the plan does not know is copied by a general walk. Tests check a copy against
`copy.deepcopy` on played states, and that it shares no mutable object with the original.
"""

from __future__ import annotations

import copy
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
    return False


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
