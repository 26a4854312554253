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
    version_problem = _check_format_version(data, document) or _transcript(data, document)
    if version_problem:
        return None, [version_problem]
    upgraded = upgrade(document, FORMAT_VERSION)
    try:
        return Scenario.model_validate(data), upgraded
    except ValidationError as exc:
        items = exc.errors(include_url=False)
    if _words_as_text(items, document):
        try:
            return Scenario.model_validate(data), upgraded
        except ValidationError as exc:
            items = exc.errors(include_url=False)
    items = _without_renamed_keys_missing(items, document)
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
    return None, upgraded + _dedupe(_without_echoes(problems))


def _words_as_text(items: list[Any], document: YamlDocument) -> bool:
    """Where text is asked for, a word YAML 1.1 reads as true/false (`capital: Yes`, `- no`) is
    the word as written, as an editor's YAML 1.2 reader and the JSON Schema take it. Elsewhere
    (`turns: yes`) it stays true/false, and the message says how YAML read it."""
    changed = False
    for item in items:
        loc = _document_path(item["loc"], document.data)
        word = document.source.written(loc)
        if item["type"] != "string_type" or not isinstance(item.get("input"), bool) or word is None:
            continue
        parent = _value_at(document.data, loc[:-1])
        if isinstance(parent, dict | list) and _holds(parent, loc[-1]):
            parent[loc[-1]] = word
            changed = True
    return changed


def patched_for_checks(document: YamlDocument) -> Scenario | None:
    """The scenario with its schema errors patched over, so reference checks can still run."""
    return patched_scenario(document.data, lambda loc: _fields(_model_at(loc[:-1])).get(str(loc[-1])))


def enclosing_places(document: YamlDocument) -> set[tuple[int, int]]:
    """Where the blocks that hold a schema error stand. A later check that
    speaks of such a block as a whole (an event that never fires, a message that never arrives)
    would be judging the patched copy, not what the author wrote: its chance or its arrival may
    be the very value that was refused."""
    try:
        Scenario.model_validate(document.data)
    except ValidationError as exc:
        places: set[tuple[int, int]] = set()
        for item in exc.errors(include_url=False):
            loc = _document_path(item["loc"], document.data)
            for end in range(1, len(loc)):
                # a block is spoken of at its key; a list item, which has none, where it starts (a
                # mapping's own start is its first key's place, which is not the block as a whole)
                ancestor = loc[:end]
                where = document.source.value(ancestor) if isinstance(ancestor[-1], int) else document.source.key(ancestor)
                if where is not None:
                    places.add((where.line, where.col))
        return places
    return set()


def _transcript(data: Any, document: YamlDocument) -> Diagnostic | None:
    """A move file (seed and moves, to prove an ending) given to validate: one line saying what
    the file is, instead of a list of every scenario key it lacks."""
    if not isinstance(data, dict) or "moves" not in data or "seed" not in data or "format" in data:
        return None
    where = document.source.key(("moves",)) or document.source.nearest(("moves",))
    return error(
        codes.NOT_A_MAPPING,
        "this file is a move file (it has 'seed' and 'moves'), not a scenario",
        document.file,
        where.line,
        where.col,
        "replay it with 'good-offices endings SCENARIO --move-files FILE'; validate checks scenario files",
    )


def _check_format_version(data: Any, document: YamlDocument) -> Diagnostic | None:
    version = data.get("format") if isinstance(data, dict) else None
    if isinstance(version, float) and version.is_integer():
        version = int(version)  # 'format: 3.0' is format 3, as the model reads it
    if version is None or version in READABLE_FORMATS or not isinstance(version, int) or isinstance(version, bool):
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
        parent = _value_at(document.data, loc[:-1])
        colon = _colon_text(parent) if len(loc) > 1 and isinstance(loc[-2], int) and " " in str(loc[-1]) else None
        if colon is not None:  # '- Talks: at the mill' in a list of texts or blocks
            where = source.value(loc[:-1]) or source.nearest(loc)
            return _colon_problem(colon, _describe(loc[:-1]), document, where.line, where.col)
        where = source.key(loc) or source.nearest(loc)
        allowed = _allowed_keys(loc[:-1])
        guess = _aliased(loc) or (suggest(str(loc[-1]), allowed) if allowed else None)
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
            f"{_describe(loc[:-1])} needs '{loc[-1]}'"
            if not isinstance(loc[-1], int)
            else f"{_describe(loc[:-1])} needs {loc[-1] + 1} values",
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
        colon = _colon_text(item.get("input")) if kind == "string_type" else None
        if colon is not None:
            return _colon_problem(colon, field, document, where.line, where.col)
        got = _type_name(item.get("input"), source.written(loc))
        hint = _field_hint(loc)
        word = source.written(loc)
        if kind == "string_type" and _is_expression(loc):
            what = "an expression (text, a number or true/false)"
            return error(codes.WRONG_TYPE, f"{field} should be {what}, not {got}", document.file, where.line, where.col, hint)
        if word is not None:  # where text is asked for, the word was taken as written (_words_as_text)
            hint = f"YAML reads {word} as true/false. {hint or 'Write a value of the kind asked for.'}"
        return error(codes.WRONG_TYPE, f"{field} should be {_TYPE_WORDS[kind]}, not {got}", document.file, where.line, where.col, hint)
    if kind in _RANGE_KINDS:
        message, hint = _range_problem(kind, item, field, loc)
        return error(codes.OUT_OF_RANGE, message, document.file, where.line, where.col, hint)
    if kind in ("string_too_short", "string_too_long"):
        context = item.get("ctx", {})
        message = (
            f"{field} is empty"
            if kind == "string_too_short"
            else f"{field} is {len(str(item.get('input')))} characters long; at most {context.get('max_length')} are allowed"
        )
        hint = _field_hint(loc) or "write the text between quotes, or after the colon"
        return error(codes.INVALID_VALUE, message, document.file, where.line, where.col, hint)
    if kind in ("literal_error", "enum"):
        expected = item.get("ctx", {}).get("expected", "")
        guess = suggest(str(item.get("input")), [w.strip(" '") for w in expected.replace(" or ", ",").split(",")])
        hint = f"did you mean '{guess}'?" if guess else f"write one of {expected}"
        value = item.get("input")
        written = f"'{value}'" if isinstance(value, str) else _type_name(value, source.written(loc))
        return error(
            codes.INVALID_CHOICE,
            f"{field} is {written}, which is not one of {expected}",
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
            else _field_hint(loc) or "see docs/authoring.md for the form this value takes",
        )
    if kind == "value_error":  # our own validators' words (model._printable), written for authors
        message = _lower(str(item["msg"]).removeprefix("Value error, "))
        return error(codes.INVALID_VALUE, f"{field}: {message}", document.file, where.line, where.col, _field_hint(loc))
    # a kind of complaint this file does not word yet: never pass the library's own wording on
    return error(
        codes.INVALID_VALUE,
        f"{field} cannot be used as written",
        document.file,
        where.line,
        where.col,
        _field_hint(loc) or "compare it with the same key in docs/authoring.md",
    )


_RANGE_KINDS = ("greater_than_equal", "less_than_equal", "greater_than", "less_than", "too_short", "too_long", "finite_number")


def _range_problem(kind: str, item: Any, field: str, loc: tuple[Any, ...]) -> tuple[str, str]:
    """The message and hint of a value outside its bounds, in our words, with the allowed range."""
    context = item.get("ctx", {})
    value = item.get("input")
    description = _field_hint(loc)
    if kind in ("too_short", "too_long"):
        actual = context.get("actual_length", len(value) if isinstance(value, list | dict | tuple) else "?")
        if loc and loc[-1] == "map_position":
            return f"{field} has {_items(actual)}; a position is exactly two numbers, [x, y]", description
        limit = context.get("min_length") if kind == "too_short" else context.get("max_length")
        side = "at least" if kind == "too_short" else "at most"
        return f"{field} has {_items(actual)}; it takes {side} {_items(limit)}", description
    if kind == "finite_number":
        return f"{field} must be an ordinary number, not infinite", description
    bound = context.get("ge", context.get("gt", context.get("le", context.get("lt"))))
    below = kind in ("greater_than_equal", "greater_than")
    strict = kind in ("greater_than", "less_than")
    word = ("above" if below else "below") if strict else ("at least" if below else "at most")
    message = f"{field} is {_number(value)}, but it must be {word} {_number(bound)}"
    low, high = _bounds(loc)
    allowed = f"{_number(low)} to {_number(high)}" if low is not None and high is not None else f"{word} {_number(bound)}"
    if allowed in description:
        return message, description
    return message, f"{description} (allowed: {allowed})" if description else f"allowed: {allowed}"


def _number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _items(count: object) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _is_expression(loc: tuple[Any, ...]) -> bool:
    """Whether `loc` is a condition or effect (model.Expr), which may also be a literal."""
    named = loc[:-1] if loc and isinstance(loc[-1], int) else loc
    info = _fields(_model_at(named[:-1])).get(named[-1]) if named else None
    return info is not None and "_literal_as_text" in repr(info.annotation) + repr(info.metadata)


def _bounds(loc: tuple[Any, ...]) -> tuple[Any, Any]:
    info = _fields(_model_at(loc[:-1])).get(loc[-1]) if loc else None
    low = high = None
    for mark in getattr(info, "metadata", ()) or ():
        low = getattr(mark, "ge", low)
        high = getattr(mark, "le", high)
    return low, high


def _colon_text(value: Any) -> str | None:
    """'Talks: at the mill' when `value` is what YAML made of a text with an unquoted ': ' in it:
    a mapping of one key (with a space, or a plain value) to a plain value."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((key, inner),) = value.items()
    if isinstance(inner, dict | list):
        return None
    if inner is None:
        return f"{key}:"
    shown_inner = str(inner).lower() if isinstance(inner, bool) else inner
    return f"{key}: {shown_inner}"


def _colon_problem(text: str, field: str, document: YamlDocument, line: int, col: int) -> Diagnostic:
    return error(
        codes.WRONG_TYPE,
        f"{field} is read as a 'key: value' pair, not as the text '{text[:60]}', because of the ': ' in it",
        document.file,
        line,
        col,
        f'put the whole text in quotes: "{text[:60]}"',
    )


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


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        if not _holds(data, part):
            return None
        data = data[part]
    return data


def _holds(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def _is_union_branch(part: Any) -> bool:
    """pydantic names the branch of a union it tried: a type ('str'), a validator ('function-
    before[...]') or a model class ('Precondition'); ids and keys of the format are lower case."""
    return isinstance(part, str) and (
        part in ("float", "bool", "int", "str", "none")
        or part.startswith(("function-", "tuple[", "list[", "dict[", "literal[", "constrained-"))
        or part[:1].isupper()
    )


def _describe(loc: tuple[Any, ...]) -> str:
    """A place in the file as an author counts: 'clock.turns', "item 2 of 'objectives'",
    "'to' in item 1 of 'phases.phases.talks.transitions'" (list items count from 1)."""
    if not loc:
        return "the scenario"
    last_index = max((i for i, part in enumerate(loc) if isinstance(part, int)), default=None)
    if last_index is None:
        return "'" + ".".join(str(part) for part in loc) + "'"
    item = f"item {loc[last_index] + 1} of {_describe(loc[:last_index])}"
    rest = loc[last_index + 1 :]
    return f"'{'.'.join(str(part) for part in rest)}' in {item}" if rest else item


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _type_name(value: Any, word: str | None = None) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{word} (read as {str(value).lower()})" if word else f"'{str(value).lower()}'"
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


def _without_renamed_keys_missing(items: list[Any], document: YamlDocument) -> list[Any]:
    """`sender:` written for `from:` is one mistake: its unknown-key error says 'did you mean
    from?', so the 'needs from' it causes is left out."""
    renamed = set()
    for item in items:
        if item["type"] == "extra_forbidden":
            loc = _document_path(item["loc"], document.data)
            alias = _aliased(loc)
            if alias:
                renamed.add((*loc[:-1], alias))
    return [i for i in items if i["type"] != "missing" or _document_path(i["loc"], document.data) not in renamed]


def _aliased(loc: tuple[Any, ...]) -> str | None:
    """The key a file writes for the field the program calls `loc[-1]` ('from' for 'sender',
    '$schema' for 'schema_ref'): far from it in spelling, but what the writer meant."""
    model = _model_at(loc[:-1])
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    info = model.model_fields.get(str(loc[-1]))
    return info.alias if info is not None and info.alias else None


def _list_hint(allowed: list[str]) -> str:
    return f"allowed here: {', '.join(allowed)}" if allowed else ""


def _field_hint(loc: tuple[Any, ...]) -> str:
    """The description of the field at `loc`; for an entry of an id-keyed block (a party, a
    variable) or a list item, that of the block or list that holds it."""
    while loc:
        info = _fields(_model_at(loc[:-1])).get(loc[-1])
        if info is not None and info.description:
            return info.description
        loc = loc[:-1]
    return "see docs/authoring.md for what this part of the scenario holds"


def _without_echoes(problems: list[Diagnostic]) -> list[Diagnostic]:
    """A text read as 'key: value' fails every branch it could have been (a text, a block with
    keys); the one line that says why stands alone at its place."""
    colons = {(p.line, p.col) for p in problems if "is read as a 'key: value' pair" in p.message}
    return [p for p in problems if (p.line, p.col) not in colons or "is read as a 'key: value' pair" in p.message]


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
