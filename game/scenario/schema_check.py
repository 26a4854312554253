"""Turn pydantic's validation errors into located diagnostics an instructor can act on."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ValidationError

from game.diagnostics import Diagnostic, error
from game.scenario import codes
from game.scenario.expressions import suggest
from game.scenario.model import FORMAT_VERSION, READABLE_FORMATS, Scenario
from game.scenario.repair import patched_scenario
from game.scenario.upgrade import upgrade
from game.scenario.verbs import VERB_NAMES
from game.scenario.yaml_source import SourceMap, YamlDocument

_ID_PATTERN = r"^[a-z][a-z0-9_]{0,47}$"  # model.Identifier

_TYPE_WORDS = {
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of names to values",
    "model_type": "a mapping of names to values",
    "tuple_type": "a list of two numbers",
    "none_required": "nothing",
}


MAX_REPORTED = 100
"""A file with thousands of schema errors (a pasted block at the wrong depth, a hostile file) gets
the first hundred and a count, quickly, instead of pages of the same complaint."""


def validate_schema(document: YamlDocument) -> tuple[Scenario | None, list[Diagnostic]]:
    data = document.data
    version_problem = _check_format_version(data, document)
    if version_problem:
        return None, [version_problem]
    upgraded = upgrade(document, FORMAT_VERSION)
    try:
        return Scenario.model_validate(data), upgraded
    except ValidationError as exc:
        items = exc.errors(include_url=False)
        problems = [_diagnostic(item, document) for item in items[:MAX_REPORTED]]
        if len(items) > MAX_REPORTED:
            first = _diagnostic(items[MAX_REPORTED], document)  # where the unlisted ones begin
            more = len(items) - MAX_REPORTED
            problems.append(
                error(
                    codes.TOO_MANY_PROBLEMS,
                    f"\u2026 and {more} more problems of the same kinds, not listed",
                    document.file,
                    first.line,
                    first.col,
                    hint="fix the ones listed (they are often one mistake repeated), then validate again",
                )
            )
        return None, upgraded + _dedupe(problems)


def patched_for_checks(document: YamlDocument) -> Scenario | None:
    """The scenario with its schema errors patched over, so reference checks can still run."""
    return patched_scenario(document.data, lambda loc: _fields(_model_at(loc[:-1])).get(str(loc[-1])))


def _check_format_version(data: Any, document: YamlDocument) -> Diagnostic | None:
    version = data.get("format") if isinstance(data, dict) else None
    if version is None or version in READABLE_FORMATS or not isinstance(version, int):
        return None
    where = document.source.nearest(("format",))
    return error(
        codes.UNSUPPORTED_FORMAT,
        f"this file is format {version}; this program reads formats " + " and ".join(map(str, READABLE_FORMATS)),
        document.file,
        where.line,
        where.col,
        hint=f"write 'format: {FORMAT_VERSION}' and check the file against docs/authoring.md",
    )


def _diagnostic(item: Any, document: YamlDocument) -> Diagnostic:
    loc = _document_path(item["loc"], document.data)
    kind = item["type"]
    source: SourceMap = document.source
    field = _describe(loc)
    if kind == "extra_forbidden":
        where = source.key(loc) or source.nearest(loc)
        allowed = _allowed_keys(loc[:-1])
        guess = suggest(str(loc[-1]), allowed) if allowed else None
        hint = f"did you mean '{guess}'?" if guess else _list_hint(allowed)
        return error(codes.UNKNOWN_KEY, f"unknown key '{loc[-1]}' in {_describe(loc[:-1])}", document.file, where.line, where.col, hint)
    if kind == "missing":
        where = source.nearest(loc[:-1])
        warning = _warning_kind(document.data, loc)
        if warning:
            return error(
                codes.WARNING_WITHOUT_RECIPIENT,
                f"{warning} message '{loc[1]}' has no recipient: it warns nobody",
                document.file,
                where.line,
                where.col,
                hint="a warning goes to the other party: add 'to:' with its id",
            )
        return error(
            codes.MISSING_FIELD,
            f"{_describe(loc[:-1])} needs '{loc[-1]}'" if not isinstance(loc[-1], int) else
            f"{_describe(loc[:-1])} needs {loc[-1] + 1} values",
            document.file,
            where.line,
            where.col,
            hint=_field_hint(loc) if not isinstance(loc[-1], int) else _field_hint(loc[:-1]),
        )
    if loc and loc[-1] == "[key]":
        loc = loc[:-1]
        where = source.key(loc) or source.nearest(loc)
        if loc[:-1] == ("verbs",):  # the keys under 'verbs' are the engine's verb names
            guess = suggest(str(loc[-1]), VERB_NAMES)
            return error(
                codes.UNKNOWN_VERB,
                f"'{loc[-1]}' is not one of the envoy's verbs",
                document.file,
                where.line,
                where.col,
                hint=f"did you mean '{guess}'?" if guess else "verbs: " + ", ".join(VERB_NAMES),
            )
        return error(
            codes.INVALID_VALUE,
            f"'{loc[-1]}' is not a valid id",
            document.file,
            where.line,
            where.col,
            hint="ids are lower-case letters, digits and underscores, starting with a letter (up to 48 characters)",
        )
    where = source.value(loc) or source.nearest(loc)
    if kind in _TYPE_WORDS:
        got = _type_name(item.get("input"))
        return error(
            codes.WRONG_TYPE, f"{field} should be {_TYPE_WORDS[kind]}, not {got}", document.file, where.line, where.col, _field_hint(loc)
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than", "too_short", "too_long", "finite_number"):
        return error(codes.OUT_OF_RANGE, f"{field}: {_lower(item['msg'])}", document.file, where.line, where.col, _field_hint(loc))
    if kind in ("literal_error", "enum"):
        expected = item.get("ctx", {}).get("expected", "")
        guess = suggest(str(item.get("input")), [w.strip(" '") for w in expected.replace(" or ", ",").split(",")])
        hint = f"did you mean '{guess}'?" if guess else f"write one of {expected}"
        return error(
            codes.INVALID_CHOICE,
            f"{field} is '{item.get('input')}', which is not one of {expected}",
            document.file,
            where.line,
            where.col,
            hint,
        )
    if kind == "string_pattern_mismatch":
        return error(
            codes.INVALID_VALUE,
            f"{field} '{item.get('input')}' is not in the expected form",
            document.file,
            where.line,
            where.col,
            hint="ids are lower-case letters, digits and underscores, starting with a letter"
            if item.get("ctx", {}).get("pattern") == _ID_PATTERN
            else _field_hint(loc),
        )
    message = _lower(str(item["msg"]).removeprefix("Value error, "))
    return error(codes.INVALID_VALUE, f"{field}: {message}", document.file, where.line, where.col, _field_hint(loc))


def _warning_kind(data: Any, loc: tuple[Any, ...]) -> str:
    """'safety' or 'humanitarian' when `loc` is the missing 'to' of such a message, else ''."""
    if len(loc) != 3 or loc[0] != "messages" or loc[2] != "to" or not isinstance(data, dict):
        return ""
    message = (data.get("messages") or {}).get(loc[1]) if isinstance(data.get("messages"), dict) else None
    kind = message.get("kind") if isinstance(message, dict) else None
    return kind if kind in ("safety", "humanitarian") else ""


def _document_path(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """The error's location as keys and indexes of the file, without pydantic's union-branch tags.

    A tag such as 'none' or 'str' can also be a key the instructor wrote ('none: ' at the top
    level), so a part that names a key or index present in the data at that depth is kept."""
    path: list[Any] = []
    current = data
    for part in loc:
        if _holds(current, part):
            current = current[part]
        elif _is_union_branch(part):
            continue
        else:
            current = None
        path.append(part)
    return tuple(path)


def _holds(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def _is_union_branch(part: Any) -> bool:
    return isinstance(part, str) and (
        part in ("float", "bool", "int", "str", "none") or part.startswith(("function-", "tuple[", "list[", "dict["))
    )


def _describe(loc: tuple[Any, ...]) -> str:
    if not loc:
        return "the scenario"
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return f"'{text}'"


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping found at `loc`, walking the field annotations."""
    model: Any = Scenario
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        info = _fields(model).get(part)
        if info is None:
            # a dict key (party id, phase id...): the model stays the dict's value type
            continue
        model = _inner_model(info.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _fields(model: Any) -> dict[str, Any]:
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return {}
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        fields[info.alias or name] = info
    return fields


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    return list(_fields(_model_at(loc)))


def _list_hint(allowed: list[str]) -> str:
    return f"allowed here: {', '.join(allowed)}" if allowed else ""


def _field_hint(loc: tuple[Any, ...]) -> str:
    if not loc:
        return ""
    info = _fields(_model_at(loc[:-1])).get(loc[-1])
    return info.description or "" if info is not None else ""


def _dedupe(problems: list[Diagnostic]) -> list[Diagnostic]:
    """One line per problem: a value that fits no branch of 'a number or true/false' gets one
    complaint naming both, not one per branch."""
    seen: set[tuple[str, int, int, str]] = set()
    unique: list[Diagnostic] = []
    for problem in problems:
        key = (problem.code, problem.line, problem.col, problem.message)
        if key in seen:
            continue
        seen.add(key)
        if problem.code == codes.WRONG_TYPE:
            field, _, rest = problem.message.partition(" should be ")
            wanted, _, got = rest.rpartition(", not ")
            for index, earlier in enumerate(unique):
                before, _, earlier_rest = earlier.message.partition(" should be ")
                earlier_wanted, _, earlier_got = earlier_rest.rpartition(", not ")
                if (earlier.code, earlier.line, earlier.col, before, earlier_got) == (problem.code, problem.line, problem.col, field, got):
                    unique[index] = replace(earlier, message=f"{field} should be {earlier_wanted} or {wanted}, not {got}")
                    break
            else:
                unique.append(problem)
            continue
        unique.append(problem)
    return unique
