"""A scenario's header (id, title, summary, difficulty, length) read without validating the file.

`good-offices list` shows the bundled scenarios, and the title screen names a log's scenario:
both need five top-level values, not the scenario. The header is read from PyYAML's event
stream (its C parser where installed), looking only at the top-level mapping and passing over
every nested value without building it: no composed tree, no positions, no checks of nested
values, and none of the imports those need, which were most of a `list` process's own time.
Anything out of the ordinary is left to the project's reader (`yaml_source.py`), which then
gives the header or the reason it cannot, exactly as before; so does a header with a value
missing, since the reader's reason may be another: a YAML error, a tab or control
character, a tag, anchor or alias on the top-level mapping or a header value, a merge key or a
key given twice at the top, a key that is not text, a second document, a header value of
another type. A problem inside a nested value (a key given twice in a phase) is not looked for:
the bundled files are validated by the test suite and again when played, and `list --check`
validates them in full.
"""

from __future__ import annotations

import os
import re
from typing import Any, NamedTuple

import yaml
from yaml import events as ev
from yaml.nodes import ScalarNode
from yaml.reader import Reader
from yaml.resolver import Resolver

from game.safefile import read_regular

MAX_BYTES = 1024 * 1024
"""The project's reader's limit (`yaml_source.MAX_BYTES`; a test holds them equal): a larger
file goes to that reader, which says so."""

MAX_SCALAR = 100_000
"""The reader's longest value (`yaml_source.MAX_SCALAR`): a longer one goes to that reader."""

FIELDS = ("id", "title", "summary", "difficulty")
MINUTES = "expected_minutes"
_STR, _INT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"
_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = Resolver()
_DECIMAL = re.compile("0|[1-9][0-9]{0,8}")
"""A whole number as the reader reads it (YAML 1.1 reads 012 as octal, 1_000 as 1000: the reader decides those)."""


class ScenarioHeader(NamedTuple):
    id: str
    title: str
    summary: str
    difficulty: str
    expected_minutes: int


def read_header(path: str | os.PathLike[str]) -> tuple[ScenarioHeader | None, str]:
    """The header, or None and the reason in a few words."""
    try:
        values = _top_level(read_regular(path, MAX_BYTES))
    except (OSError, ValueError, TypeError, yaml.YAMLError):
        values = None
    header = _header(values)[0] if values is not None else None
    return (header, "") if header is not None else _read_in_full(path)


def _read_in_full(path: str | os.PathLike[str]) -> tuple[ScenarioHeader | None, str]:
    """The header as the project's reader reads the whole file, or why that reader refuses it."""
    from game.scenario.yaml_source import read_yaml_file

    document, problems = read_yaml_file(path)
    if document is None:
        return None, problems[0].message if problems else "cannot be read"
    data = document.data
    if not isinstance(data, dict):
        return None, "not a scenario"
    return _header({name: data.get(name) for name in (*FIELDS, MINUTES) if name in data})


def _header(values: dict[str, Any]) -> tuple[ScenarioHeader | None, str]:
    fields = {name: values.get(name) for name in FIELDS}
    if not all(isinstance(value, str) and value for value in fields.values()):
        return None, "its id, title, summary or difficulty is missing"
    minutes = values.get(MINUTES, 30)
    return ScenarioHeader(expected_minutes=minutes if type(minutes) is int else 30, **fields), ""  # type: ignore[arg-type]


def _top_level(raw: bytes) -> dict[str, Any] | None:
    """The header's values among the top-level keys of a plain one-document mapping, read as the
    project's reader reads them; None for anything it should look at itself."""
    text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    if Reader.NON_PRINTABLE.search(text) or "\t" in text:
        return None  # the reader's own messages say where, and why
    parser = _Parser(text)
    try:
        return _walk(parser)
    finally:
        parser.dispose()


def _walk(parser: Any) -> dict[str, Any] | None:
    get = parser.get_event
    if type(get()) is not ev.StreamStartEvent or type(get()) is not ev.DocumentStartEvent:
        return None
    start = get()
    if type(start) is not ev.MappingStartEvent or start.tag is not None or start.anchor is not None:
        return None
    values: dict[str, Any] = {}
    seen: set[str] = set()
    while True:
        key = get()
        if type(key) is ev.MappingEndEvent:
            break
        if type(key) is not ev.ScalarEvent or key.tag is not None or key.anchor is not None or _tag(key) != _STR or key.value in seen:
            return None  # a merge key (<<), a key given twice, a key that is not text
        seen.add(key.value)
        value = get()
        if key.value in FIELDS or key.value == MINUTES:
            if type(value) is not ev.ScalarEvent or value.tag is not None or value.anchor is not None:
                return None
            tag = _tag(value)
            if len(value.value) > MAX_SCALAR:
                return None
            if tag == _STR:
                values[key.value] = value.value
            elif tag == _INT and key.value == MINUTES and _DECIMAL.fullmatch(value.value):
                values[key.value] = int(value.value)
            else:
                return None
        else:
            _skip(value, get)
    if type(get()) is not ev.DocumentEndEvent or type(get()) is not ev.StreamEndEvent:
        return None  # a second document
    return values


def _skip(first: ev.Event, get: Any) -> None:
    """Passes over a value without building it. Anchors and aliases in it are left alone: nothing
    is expanded, and the header does not depend on them."""
    depth = 0
    event = first
    while True:
        kind = type(event)
        if kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
            depth += 1
        elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            depth -= 1
        if depth == 0:
            return
        event = get()


def _tag(event: ev.ScalarEvent) -> str:
    """What the reader makes of a scalar without a tag: text when quoted, else what it resolves to."""
    if not event.implicit[0]:
        return _STR
    return str(_RESOLVER.resolve(ScalarNode, event.value, (True, False)))
