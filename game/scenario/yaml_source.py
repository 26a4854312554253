"""Read an untrusted scenario YAML file into plain Python, keeping every position.

Scenario files are written by instructors and may come from anywhere, so this
module never runs code from the file and never trusts its size or shape. It uses
only PyYAML's safe parser, and only its *event stream*: the node graph is built
here, iteratively, because `yaml.compose` recurses (in C for CSafeLoader) and can
exhaust the stack on deep input before any limit is checked. Composing here lets
depth, alias expansion and size be checked as they happen, each at the exact line
and column an instructor needs.

Choices made where YAML leaves room:
- Timestamps (`2024-05-01`) stay strings; the schema decides what a date means.
- The YAML 1.1 words yes/no/on/off are true/false, as in every PyYAML-based tool.
- The non-specific tag `!` forces a string, as the YAML spec says.
- An anchor may be redefined; an alias refers to the latest one (YAML spec).
- Merged keys (`<<`) appear where the `<<` stood; explicit keys always win, and
  in `<<: [*a, *b]` the keys of `a` win over those of `b`.
- The document is None whenever there is an error, so no caller checks a
  half-read file; all YAML-level errors are still collected in one pass.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from typing import Any, NoReturn

import yaml
from yaml import events as ev
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from game.diagnostics import Diagnostic, error, has_errors, sort_key
from game.safefile import NotARegularFile, TooLarge, describe, read_regular
from game.scenario import codes
from game.scenario.positions import At, Position, SourceMap
from game.scenario.positions import Node as _Node

__all__ = ["Position", "SourceMap", "YamlDocument", "read_yaml_file", "read_yaml_text"]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000
MAX_SCALAR = 100_000
MAX_DIGITS = 30
MAX_TAB_REPORTS = 20

# Module-level so tests can run everything against the pure-Python parser too.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_Y = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_Y + n for n in ("str", "int", "float", "bool", "null"))
MAP, SEQ, MERGE = _Y + "map", _Y + "seq", _Y + "merge"
_FITS = {"scalar": {STR, INT, FLOAT, BOOL, NULL, MERGE}, "seq": {SEQ}, "map": {MAP}}
_PLAIN = {"scalar": STR, "seq": SEQ, "map": MAP}
_WORDS = {"scalar": "a single value", "seq": "a list", "map": "a mapping"}
# The same line breaks both PyYAML parsers count, so our line numbers agree with theirs.
_BREAK = LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_QUOTES = ("'", '"')
_NON_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_RESOLVER = Resolver()
_RESOLVED_FIRST = frozenset(first for first in _RESOLVER.yaml_implicit_resolvers if first)
"""First characters for which the resolver may read a plain scalar as something other than text."""
assert None not in _RESOLVER.yaml_implicit_resolvers  # no resolver for any first character
_CONSTRUCTOR = SafeConstructor()
_HINTS = {
    codes.FILE_UNREADABLE: "check the file name and folder, and that you may read the file",
    codes.FILE_TOO_LARGE: "split the scenario into smaller files or shorten long texts",
    codes.NOT_UTF8: "save the file as UTF-8 and delete characters pasted from other programs",
    codes.TAB_INDENT: "indent with spaces; YAML does not allow tabs for indentation",
    codes.DUPLICATE_KEY: "remove one of them or give it another name",
    codes.TOO_DEEP: "flatten the structure; a scenario never needs this many levels",
    codes.ALIAS_EXPANSION: "an alias that repeats other aliases multiplies; repeat less",
    codes.FORBIDDEN_TAG: "remove the tag; write plain text, numbers, true/false, lists, mappings",
    codes.YAML_SYNTAX: "check the indentation, colons and quotes on this line and the line before",
    codes.BAD_NUMBER: "use an ordinary number such as 1.5, or put the value in quotes",
    codes.NOT_A_MAPPING: "a scenario file is one set of 'key: value' lines, like 'title: ...'",
    codes.NON_STRING_KEY: "put the key in quotes, for example '1': or 'yes':",
}


@dataclass
class YamlDocument:
    data: Any
    source: SourceMap
    file: str


class _Stop(Exception):
    """A limit was hit; going on would only cost time and add noise."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _line_col(prefix: str) -> At:
    lines = _BREAK.split(prefix)
    return len(lines), len(lines[-1]) + 1


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_Y) :] if tag.startswith(_Y) else tag


def _at(event: ev.Event) -> At:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _deref(node: _Node) -> _Node:
    return node.target if node.target is not None else node


def _syntax_hint(problem: str) -> str:
    """The parser's words describe its own state; these say what to change."""
    if "mapping values are not allowed" in problem:
        return "put a value that contains ': ' in quotes, or fix this line's indentation"
    if "could not find expected ':'" in problem:
        return "each line of a mapping needs 'key: value'; check for a missing colon"
    if "end of stream" in problem or "quoted scalar" in problem:
        return "a quote is opened but never closed"
    return "check the indentation, colons and quotes on this line and the line before"


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.diags: list[Diagnostic] = []
        self.source = SourceMap()
        self.count = 0
        self.first_alias: At | None = None
        self.first_merge: At | None = None
        self.spans: list[tuple[int, int]] = []
        self.scalars: dict[int, Any] = {}
        self.flat: dict[int, list[tuple[str, _Node, _Node]]] = {}
        self.quoted: set[int] = set()
        self.resolved: dict[str, str] = {}

    def diag(self, code: str, message: str, at: At = (0, 0), hint: str = "") -> Diagnostic:
        return error(code, message, self.file, at[0], at[1], hint or _HINTS.get(code, ""))

    def err(self, code: str, message: str, at: At = (0, 0), hint: str = "") -> None:
        self.diags.append(self.diag(code, message, at, hint))

    def decode(self, raw: object) -> str | None:
        too_large = f"the file is larger than {MAX_BYTES} bytes (1 MiB)"
        if isinstance(raw, bytes | bytearray):
            data = bytes(raw)
            if len(data) > MAX_BYTES:
                self.err(codes.FILE_TOO_LARGE, too_large)
                return None
            data = data.removeprefix(b"\xef\xbb\xbf")
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                at = _line_col(data[: exc.start].decode("utf-8", "replace"))
                utf16 = " (it looks like UTF-16)" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
                self.err(
                    codes.NOT_UTF8, f"the file is not UTF-8 text{utf16}: byte 0x{data[exc.start]:02x} on line {at[0]} cannot be read", at
                )
                return None
        elif isinstance(raw, str):
            text = raw.removeprefix("\ufeff")
            try:
                size = len(text.encode("utf-8"))
            except UnicodeEncodeError as exc:
                self.err(codes.NOT_UTF8, "the text holds a character that cannot be saved as UTF-8", _line_col(text[: exc.start]))
                return None
            if size > MAX_BYTES:
                self.err(codes.FILE_TOO_LARGE, too_large)
                return None
        else:
            self.err(codes.FILE_UNREADABLE, f"expected text, got {type(raw).__name__}")
            return None
        bad = _NON_PRINTABLE.search(text)
        if bad:
            self.err(
                codes.NOT_UTF8,
                f"the file holds an invisible control character (U+{ord(bad.group()):04X}) that is not allowed in text",
                _line_col(text[: bad.start()]),
            )
            return None
        return text

    def compose(self, text: str) -> _Node | None:
        before = len(self.diags)
        try:
            return self.compose_with(_Loader, text)
        except yaml.MarkedYAMLError as exc:
            if "nesting depth" not in str(exc.problem) or _Loader is yaml.SafeLoader:
                raise
        # libyaml stops at its own depth limit (1000) with a poor position; the
        # pure-Python parser yields events lazily, so our limit fires at the right node.
        del self.diags[before:]
        self.spans.clear()
        self.count, self.first_alias, self.first_merge = 0, None, None
        return self.compose_with(yaml.SafeLoader, text)

    def compose_with(self, loader_class: Any, text: str) -> _Node | None:
        loader = loader_class(text)
        try:
            return self.events(loader)
        finally:
            loader.dispose()

    def events(self, loader: Any) -> _Node | None:
        loader.get_event()  # stream start
        if loader.check_event(ev.StreamEndEvent):
            self.err(codes.NOT_A_MAPPING, "the file is empty", (1, 1))
            return None
        loader.get_event()  # document start
        # The hottest loop of a load, one pass per event, positions left as marks: the event types,
        # the node class and the common scalar's resolution are local names, a plain scalar is
        # made here (`scalar_event` takes the rest), and the open collection is `top`:
        # [its node's value list, its pending key node, whether it is a sequence, its node].
        stack: list[list[Any]] = []
        top: list[Any] | None = None
        anchors: dict[str, _Node] = {}
        open_ids: set[int] = set()
        get_event, scalar_event, spans, quoted = loader.get_event, self.scalar_event, self.spans, self.quoted
        scalar_kind, alias_kind, map_start, seq_start = ev.ScalarEvent, ev.AliasEvent, ev.MappingStartEvent, ev.SequenceStartEvent
        map_end, seq_end = ev.MappingEndEvent, ev.SequenceEndEvent
        node_class, resolved, resolve, resolved_first = _Node, self.resolved, _RESOLVER.resolve, _RESOLVED_FIRST
        count = self.count
        try:
            while True:
                event = get_event()
                kind = type(event)
                if kind is scalar_kind:
                    count += 1
                    if count > MAX_NODES:
                        raise _Stop(self.diag(codes.FILE_TOO_LARGE, f"the file holds more than {MAX_NODES} values", _at(event)))
                    value = event.value
                    if event.tag is not None or len(value) > MAX_SCALAR:
                        node = scalar_event(event)
                    else:
                        start = event.start_mark
                        if event.end_mark.line > start.line:  # continuation lines are text, where tabs are allowed
                            end = event.end_mark
                            spans.append((start.line + 2, end.line + (1 if end.column > 0 else 0)))
                        if not event.implicit[0] or (value and value[0] not in resolved_first):
                            tag = STR  # what the resolver says of quoted text, or of a word no resolver matches
                        else:
                            known = resolved.get(value)  # keys such as 'to' and 'title' recur thousands of times
                            tag = known if known is not None else resolved.setdefault(value, resolve(ScalarNode, value, (True, False)))
                        node = node_class("scalar", tag, value, start)
                        if event.style in _QUOTES:
                            quoted.add(id(node))
                    if event.anchor is not None:
                        anchors[event.anchor] = node
                elif kind is map_end or kind is seq_end:
                    node = stack.pop()[3]
                    top = stack[-1] if stack else None
                    open_ids.discard(id(node))
                elif kind is map_start or kind is seq_start:
                    count += 1
                    if count > MAX_NODES:
                        raise _Stop(self.diag(codes.FILE_TOO_LARGE, f"the file holds more than {MAX_NODES} values", _at(event)))
                    if len(stack) >= MAX_DEPTH:
                        raise _Stop(self.diag(codes.TOO_DEEP, f"this value is nested more than {MAX_DEPTH} levels deep", _at(event)))
                    shape = "seq" if kind is seq_start else "map"
                    tag = _PLAIN[shape] if event.tag is None else self.tag(event.tag, shape, _at(event))
                    node = node_class(shape, tag, [], event.start_mark)
                    top = [node.value, None, kind is seq_start, node]
                    stack.append(top)
                    open_ids.add(id(node))
                    if event.anchor is not None:
                        anchors[event.anchor] = node
                    continue
                elif kind is alias_kind:
                    count += 1
                    if count > MAX_NODES:
                        raise _Stop(self.diag(codes.FILE_TOO_LARGE, f"the file holds more than {MAX_NODES} values", _at(event)))
                    node = self.alias(event.anchor, anchors, open_ids, event.start_mark)
                else:
                    raise yaml.YAMLError(f"unexpected {kind.__name__}")
                if top is None:
                    break
                if top[2]:
                    top[0].append(node)
                elif top[1] is None:
                    top[1] = node
                    if node.tag == MERGE and self.first_merge is None:
                        self.first_merge = node.at
                else:
                    top[0].append((top[1], node))
                    top[1] = None
        finally:
            self.count = count
        loader.get_event()  # document end
        if not loader.check_event(ev.StreamEndEvent):
            mark = loader.peek_event().start_mark
            self.err(
                codes.NOT_A_MAPPING,
                "the file holds more than one YAML document (a second '---' starts here)",
                (mark.line + 1, mark.column + 1),
                "keep one scenario per file and remove the extra '---'",
            )
        return node

    def alias(self, name: str, anchors: dict[str, _Node], open_ids: set[int], mark: Any) -> _Node:
        at = (mark.line + 1, mark.column + 1)
        target = anchors.get(name)
        if target is None:
            self.err(
                codes.YAML_SYNTAX,
                f"the alias *{name} has no anchor &{name} before it",
                at,
                f"mark the value to repeat with &{name} earlier in the file",
            )
        elif id(target) in open_ids:
            self.err(
                codes.ALIAS_EXPANSION,
                f"the alias *{name} is inside the value it repeats, so it would repeat forever",
                at,
                f"move *{name} out of the value &{name}",
            )
            target = None
        if target is None:  # a stand-in keeps the walk going to find further problems
            return _Node("scalar", NULL, "", mark)
        self.first_alias = self.first_alias or at
        return _Node("alias", "", name, mark, target)

    def scalar_event(self, event: ev.ScalarEvent) -> _Node:
        start, end, value = event.start_mark, event.end_mark, event.value
        if end.line > start.line:  # continuation lines are text, where tabs are allowed
            self.spans.append((start.line + 2, end.line + (1 if end.column > 0 else 0)))
        if len(value) > MAX_SCALAR:
            self.err(codes.FILE_TOO_LARGE, f"this value is longer than {MAX_SCALAR} characters", _at(event))
            return _Node("scalar", STR, value, start)
        if event.tag is not None:
            tag = self.tag(event.tag, "scalar", _at(event))
        elif not event.implicit[0] or (value and value[0] not in _RESOLVED_FIRST):
            tag = STR  # what the resolver says of quoted text, or of a word no resolver matches
        else:
            known = self.resolved.get(value)  # keys such as 'to' and 'title' recur thousands of times
            tag = known if known is not None else self.resolved.setdefault(value, _RESOLVER.resolve(ScalarNode, value, (True, False)))
        node = _Node("scalar", tag, value, start)
        if event.style in ("'", '"'):
            self.quoted.add(id(node))
        return node

    def tag(self, tag: str | None, kind: str, at: At) -> str:
        if tag in (None, "!"):
            return _PLAIN[kind]
        if tag not in _FITS[kind]:
            on = f"cannot be used on {_WORDS[kind]}" if tag in _FITS["scalar"] | {MAP, SEQ} else ("is not allowed in scenario files")
            self.err(codes.FORBIDDEN_TAG, f"the tag {_show_tag(tag)} {on}", at)
            return _PLAIN[kind]
        return tag

    def tick(self) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            self.too_many()

    def too_many(self) -> NoReturn:
        what = "aliases" if self.first_alias else "merge keys (<<)"
        raise _Stop(
            self.diag(
                codes.ALIAS_EXPANSION, f"{what} expand to more than {MAX_NODES} values", self.first_alias or self.first_merge or (1, 1)
            )
        )

    def walk(self, node: _Node, depth: int, via: _Node | None) -> Any:
        """The plain value of a node, aliases and merges filled in. Positions are not recorded
        here: the SourceMap finds them in the same tree when a diagnostic asks."""
        self.tick()
        if node.kind == "alias":
            via, node = via or node, _deref(node)
        if node.kind == "scalar":
            return node.value if node.tag == STR else self.scalar(node)
        if depth >= MAX_DEPTH:
            raise _Stop(
                self.diag(
                    codes.TOO_DEEP,
                    f"this value is nested more than {MAX_DEPTH} levels deep once its aliases are filled in",
                    (via or node).at,
                )
            )
        # a text value is taken here rather than by a call of its own (most values are): the
        # same count of values, checked at the same points
        walk = self.walk
        if node.kind == "seq":
            items: list[Any] = []
            for item in node.value:
                if item.tag == STR and item.kind == "scalar":
                    self.count += 1  # tick()
                    if self.count > MAX_NODES:
                        self.too_many()
                    items.append(item.value)
                else:
                    items.append(walk(item, depth + 1, via))
            return items
        out: dict[str, Any] = {}
        for key, _, value_node in self.entries(node, 0):
            if value_node.tag == STR and value_node.kind == "scalar":
                self.count += 2  # tick() for the entry, then for its value: nothing happens in between
                if self.count > MAX_NODES:
                    self.too_many()
                out[key] = value_node.value
            else:
                self.tick()
                out[key] = walk(value_node, depth + 1, via)
        return out

    def entries(self, node: _Node, depth: int) -> list[tuple[str, _Node, _Node]]:
        """Flatten each mapping once, so repeated aliases and merges cost one pass each."""
        if id(node) in self.flat:
            return self.flat[id(node)]
        if depth > MAX_DEPTH:
            raise _Stop(self.diag(codes.TOO_DEEP, f"merge keys (<<) are chained more than {MAX_DEPTH} levels deep", node.at))
        items: list[tuple[str, _Node, _Node] | _Node] = []
        first: dict[str, _Node] = {}
        for key_node, value_node in node.value:
            target = key_node if key_node.target is None else key_node.target
            if target.tag == STR and target.kind == "scalar":
                key: str | None = target.value  # most keys: plain text
            elif target.kind == "scalar" and target.tag == MERGE:
                key = "<<"
            else:
                key = self.key(target, key_node)
            if key is None:
                continue
            if key in first:
                hint = "merge several mappings with one key: <<: [*a, *b]" if key == "<<" else ""
                self.err(
                    codes.DUPLICATE_KEY,
                    f"the key '{_short(key)}' appears twice in this mapping; the first is on line {first[key].at[0]}",
                    key_node.at,
                    hint,
                )
                continue
            first[key] = key_node
            items.append(value_node if key == "<<" and target.tag == MERGE else (key, key_node, value_node))
        if "<<" not in first:  # no merge key: the entries as written
            self.flat[id(node)] = items  # type: ignore[assignment]
            return items  # type: ignore[return-value]
        result: list[tuple[str, _Node, _Node]] = []
        present = set(first)  # explicit keys win wherever they stand
        for item in items:
            if isinstance(item, tuple):
                result.append(item)
                continue
            for source in self.merge_sources(item):
                for entry in self.entries(source, depth + 1):
                    self.tick()
                    if entry[0] not in present:
                        present.add(entry[0])
                        result.append(entry)
        self.flat[id(node)] = result
        return result

    def merge_sources(self, value_node: _Node) -> list[_Node]:
        target = _deref(value_node)
        sources = [_deref(item) for item in target.value] if target.kind == "seq" else [target]
        if all(source.kind == "map" for source in sources):
            return sources
        self.err(
            codes.YAML_SYNTAX,
            "the merge key << must be followed by a mapping or a list of mappings",
            value_node.at,
            "write '<<: *name' where &name marks a mapping",
        )
        return []

    def key(self, target: _Node, key_node: _Node) -> str | None:
        if target.kind != "scalar":
            self.err(
                codes.NON_STRING_KEY,
                f"a key must be plain text, not {_WORDS[target.kind]}",
                key_node.at,
                "use a word or a quoted text as the key",
            )
            return None
        if target.tag == BOOL and str(target.value).lower() not in ("true", "false"):
            # YAML 1.1 reads yes/no/on/off as booleans; as keys they are words (`on:` in a transition)
            return str(target.value)
        if target.tag in (INT, FLOAT, BOOL, NULL):
            what = {INT: "a number", FLOAT: "a number", BOOL: "true/false", NULL: "'nothing'"}
            message = f"the key {_short(target.value)} is read as {what[target.tag]}, not as text"
            if target.value in ("", "~"):
                message = "this key is empty"
            self.err(codes.NON_STRING_KEY, message, key_node.at)
            return None
        return str(self.scalar(target))

    def scalar(self, node: _Node) -> Any:
        if id(node) not in self.scalars:
            self.scalars[id(node)] = self.convert(node)
        return self.scalars[id(node)]

    def convert(self, node: _Node) -> Any:
        tag, text = node.tag, node.value
        try:
            if tag == BOOL:
                return _CONSTRUCTOR.construct_yaml_bool(ScalarNode(tag, text))
            if tag == FLOAT:
                value = _CONSTRUCTOR.construct_yaml_float(ScalarNode(tag, text))
                if not math.isfinite(value):
                    self.err(codes.BAD_NUMBER, f"{_short(text)} is not a finite number", node.at)
                return value
            if tag == INT:
                digits = text.replace("_", "").replace(":", "").lstrip("+-")
                digits = digits[2:] if digits[:2].lower() in ("0x", "0o", "0b") else digits
                value = _CONSTRUCTOR.construct_yaml_int(ScalarNode(tag, text)) if len(digits) <= MAX_DIGITS else None
                if value is None or len(str(abs(value))) > MAX_DIGITS:
                    self.err(codes.BAD_NUMBER, f"the number {_short(text, 20)} has more than {MAX_DIGITS} digits", node.at)
                    return text
                return value
        except (ValueError, KeyError, TypeError, ArithmeticError, yaml.YAMLError):
            code = codes.YAML_SYNTAX if tag == BOOL else codes.BAD_NUMBER
            what = {BOOL: "true or false", INT: "a whole number"}.get(tag, "a number")
            self.err(
                code,
                f"'{_short(text)}' is tagged {_show_tag(tag)} but cannot be read as {what}",
                node.at,
                "remove the tag or fix the value",
            )
            return text
        return None if tag == NULL else text

    def read(self, raw: object) -> Any:
        text = self.decode(raw)
        if text is None:
            return None
        root: _Node | None = None
        syntax: Diagnostic | None = None
        try:
            root = self.compose(text)
        except _Stop as stop:
            self.diags.append(stop.diagnostic)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            if exc.context_mark is not None and "end of stream" in str(exc.problem):
                mark = exc.context_mark  # the quote or bracket never closed, not the end of the file
            at = (mark.line + 1, mark.column + 1) if mark else (0, 0)
            message = f"the YAML cannot be read here: {exc.problem or 'it is not valid YAML'}"
            if exc.context:
                started = f" that started on line {exc.context_mark.line + 1}" if (exc.context_mark) else ""
                message += f" ({exc.context}{started})"
            syntax = self.diag(codes.YAML_SYNTAX, message, at, _syntax_hint(str(exc.problem)))
        except yaml.YAMLError as exc:
            syntax = self.diag(codes.YAML_SYNTAX, f"the YAML cannot be read: {exc}")
        tab_lines = self.tabs(text)
        if syntax is not None and syntax.line not in tab_lines:
            self.diags.append(syntax)  # on a tab line, GO0005 already says it better
        if root is None:
            return None
        if root.kind != "map":
            empty = root.kind == "scalar" and root.tag == NULL and root.value == ""
            self.err(
                codes.NOT_A_MAPPING,
                "the file has no content" if empty else f"the top level must be 'key: value' lines, not {_WORDS[root.kind]}",
                root.at,
            )
            return None
        self.count = 0
        data = self.walk(root, 0, None)
        self.source = SourceMap(root, self.flat, frozenset(self.quoted))
        return data

    def tabs(self, text: str) -> set[int]:
        """Tabs break YAML indentation invisibly; the parser's own message rarely says so."""
        found: list[At] = []
        if "\t" not in text:
            return set()
        for number, line in enumerate(_BREAK.split(text), 1):
            tab = line.find("\t", 0, len(line) - len(line.lstrip(" \t")))
            if tab >= 0:
                found.append((number, tab + 1))
        if found and self.spans:
            inside = {n for low, high in self.spans for n in range(low, high + 1)}
            found = [at for at in found if at[0] not in inside]
        for at in found[:MAX_TAB_REPORTS]:
            self.err(codes.TAB_INDENT, "this line is indented with a tab", at)
        if len(found) > MAX_TAB_REPORTS:
            self.err(codes.TAB_INDENT, f"and {len(found) - MAX_TAB_REPORTS} more lines are indented with tabs", found[MAX_TAB_REPORTS])
        return {at[0] for at in found}


def read_yaml_text(text_or_bytes: str | bytes, file: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Never raises: a crash would hide every other problem from the instructor."""
    reader = _Reader(str(file))
    data: Any = None
    try:
        data = reader.read(text_or_bytes)
    except _Stop as stop:
        reader.diags.append(stop.diagnostic)
    except Exception as exc:  # the contract is to report, never to raise
        reader.err(
            codes.YAML_SYNTAX, f"internal error while reading the YAML ({type(exc).__name__}); please report this file to the developers"
        )
    diags = sorted(reader.diags, key=sort_key)
    if has_errors(diags):
        return None, diags
    return YamlDocument(data, reader.source, reader.file), diags


def read_yaml_file(path: str | os.PathLike[str]) -> tuple[YamlDocument | None, list[Diagnostic]]:
    try:
        file = os.fsdecode(path)
    except TypeError:
        file = repr(path)
    try:
        data = read_regular(path, MAX_BYTES)
    except NotARegularFile as exc:  # a folder, or a pipe that would block the read forever
        return None, [
            error(
                codes.FILE_UNREADABLE,
                f"this is {describe(exc)}, not a scenario file",
                file,
                hint="give the path of the scenario's .yaml file",
            )
        ]
    except TooLarge:
        return None, [
            error(
                codes.FILE_TOO_LARGE, f"the file is larger than {MAX_BYTES} bytes (1 MiB)", file, hint=_HINTS.get(codes.FILE_TOO_LARGE, "")
            )
        ]
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, [error(codes.FILE_UNREADABLE, f"cannot open the file: {reason}", file, hint=_HINTS[codes.FILE_UNREADABLE])]
    except (ValueError, TypeError) as exc:
        return None, [error(codes.FILE_UNREADABLE, f"cannot open the file: {exc}", file, hint=_HINTS[codes.FILE_UNREADABLE])]
    return read_yaml_text(data, file)
