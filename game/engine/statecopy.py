"""Copy a GameState for the many alternatives the debrief plays forward.

`copy.deepcopy` is general and slow (it memoises every object). The state is plain data
(dataclasses, dicts, lists, sets of words and numbers), so a walk over the dataclass fields
does the same job several times faster. It follows whatever fields the dataclasses declare;
a test checks it against `copy.deepcopy` on a played state.
"""

from __future__ import annotations

import copy
from dataclasses import fields, is_dataclass
from typing import TypeVar

T = TypeVar("T")

_FIELDS: dict[type, tuple[str, ...]] = {}
_ATOM_TYPES = frozenset((str, int, float, bool, type(None)))


def copy_state(state: T) -> T:
    return _copy(state)


def _copy(value: T) -> T:
    kind = type(value)
    if kind in _ATOM_TYPES:
        return value
    if kind is dict:
        return {k: _copy(v) for k, v in value.items()}  # type: ignore[attr-defined,return-value]
    if kind is list:
        return [v if type(v) in _ATOM_TYPES else _copy(v) for v in value]  # type: ignore[attr-defined,return-value]
    if kind is set or kind is frozenset:
        return kind(value)  # type: ignore[call-arg,return-value]  # members are hashable, so immutable here
    if kind is tuple:
        return tuple(_copy(v) for v in value)  # type: ignore[attr-defined,return-value]
    names = _FIELDS.get(kind)
    if names is None:
        if not is_dataclass(value):
            return copy.deepcopy(value)
        names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    clone = object.__new__(kind)
    for name in names:
        item = getattr(value, name)
        object.__setattr__(clone, name, item if type(item) in _ATOM_TYPES else _copy(item))
    return clone
