"""Patch a scenario that failed the schema just enough to run the reference checks on it.

Pydantic rejects a document as a whole, so without this an instructor would fix the schema
errors only to meet a second wave of problems (an undeclared phase, an unknown name). We copy
the data, put a harmless value where each error was (the field's default, the bound it crossed,
a placeholder of the right type) or drop what cannot be patched (an unknown key, a bad list
item), and validate again, a few rounds at most. The patched scenario is never played: it only
lets the later checks speak, and anything they say about a placeholder is discarded.
"""

from __future__ import annotations

import copy
import types
import typing
from typing import Any

from annotated_types import Ge, Gt
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from game.scenario.model import Scenario

PLACEHOLDER = "x_placeholder"
"""Valid as an id and as text; diagnostics that mention it are artefacts of the repair."""

MAX_ROUNDS = 6

Loc = tuple[str | int, ...]


def patched_scenario(data: Any, field_at: typing.Callable[[Loc], FieldInfo | None]) -> Scenario | None:
    """A schema-valid Scenario made from `data` with every invalid spot patched, or None."""
    patched = copy.deepcopy(data)
    for _ in range(MAX_ROUNDS):
        try:
            return Scenario.model_validate(patched)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        # deepest first, and list items from the end, so deletions do not shift later spots
        for item in sorted(errors, key=lambda e: (len(e["loc"]), str(e["loc"])), reverse=True):
            if not _patch(patched, _clean(item["loc"]), item, field_at):
                return None
    return None


def _clean(loc: tuple[Any, ...]) -> Loc:
    return tuple(part for part in loc if not (isinstance(part, str) and _is_branch(part)))


def _is_branch(part: str) -> bool:
    return part in ("float", "bool", "int", "str", "none") or part.startswith(("function-", "tuple[", "list[", "dict[", "literal["))


def _patch(data: Any, loc: Loc, item: Any, field_at: typing.Callable[[Loc], FieldInfo | None]) -> bool:
    if loc and loc[-1] == "[key]":
        return _rename_key(data, loc[:-1])
    parent = _at(data, loc[:-1]) if loc else None
    if not loc or parent is None:
        return False
    last = loc[-1]
    kind = item["type"]
    if kind == "extra_forbidden" or isinstance(last, int):
        return _delete(parent, last)
    if isinstance(parent, list):
        return _delete(parent, last)
    context = item.get("ctx") or {}
    if kind in ("greater_than_equal", "greater_than") and ("ge" in context or "gt" in context):
        parent[last] = context.get("ge", context.get("gt"))
        return True
    if kind in ("less_than_equal", "less_than") and ("le" in context or "lt" in context):
        parent[last] = context.get("le", context.get("lt"))
        return True
    info = field_at(loc)
    if info is not None and not info.is_required():
        parent[last] = info.get_default(call_default_factory=True)
        return True
    if info is None:
        if isinstance(parent, dict) and last in parent:
            # an entry of an id-keyed mapping (a party, a phase) of the wrong shape
            parent[last] = {}
            return True
        return False
    parent[last] = _placeholder(info.annotation, info.metadata)
    return True


def _at(data: Any, loc: Loc) -> Any:
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]  # noqa: SIM114 - a list needs the index checked, a dict the key
        else:
            return None
    return data


def _delete(parent: Any, key: str | int) -> bool:
    if isinstance(parent, dict) and key in parent:
        del parent[key]
        return True
    if isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent):
        del parent[key]
        return True
    return False


def _rename_key(data: Any, loc: Loc) -> bool:
    parent = _at(data, loc[:-1])
    key = loc[-1]
    if not isinstance(parent, dict) or key not in parent:
        return False
    new = f"{PLACEHOLDER}_{len(parent)}"
    parent[new] = parent.pop(key)
    return True


def _placeholder(annotation: Any, metadata: list[Any]) -> Any:
    """A value of the annotated type that passes its constraints."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return _placeholder(inner, [*metadata, *extra])
    if origin in (types.UnionType, typing.Union):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _placeholder(options[0], metadata) if options else None
    if origin is typing.Literal:
        return typing.get_args(annotation)[0]
    if origin in (list, tuple) or annotation in (list, tuple):
        return []
    if origin is dict or annotation is dict:
        return {}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {}
    if annotation is bool:
        return False
    if annotation in (int, float):
        bounds = [float(m.ge) for m in metadata if isinstance(m, Ge)]  # type: ignore[arg-type]
        bounds += [float(m.gt) + 1 for m in metadata if isinstance(m, Gt)]  # type: ignore[arg-type]
        return annotation(bounds[0] if bounds else 0)
    return PLACEHOLDER
