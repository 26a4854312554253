"""Where each value of a scenario file stood: worked out when asked, not for every value.

The reader (`yaml_source.py`) keeps the tree of nodes it composed, each with the parser's
mark; a line and column are computed from a mark only when a diagnostic needs one. A file of
1,000 phases holds some 20,000 values and a valid file asks for none of their positions, so
recording them all as the file was read cost more than any check that later used them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Path = tuple[str | int, ...]
BOOL = "tag:yaml.org,2002:bool"
At = tuple[int, int]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    col: int  # 1-based


class Node:
    """One value as composed from the parser's events: a scalar, a seq, a map (a list of
    (key node, value node) pairs) or an alias (`target` is the node it repeats)."""

    __slots__ = ("kind", "tag", "value", "mark", "target")

    def __init__(self, kind: str, tag: str, value: Any, mark: Any, target: Node | None = None):
        self.kind, self.tag, self.value, self.mark, self.target = kind, tag, value, mark, target

    @property
    def at(self) -> At:
        """(line, column), 1-based, of where the value starts."""
        return self.mark.line + 1, self.mark.column + 1


Entries = dict[int, list[tuple[str, Node, Node]]]
"""Each mapping node's entries (by the node's id) as the document has them: (key, key node,
value node), merge keys (<<) filled in and duplicates left out. The reader fills this in for
every mapping it reaches, which is every mapping a path can reach. Plain data, so the map holds
no reference back to the reader (a cycle would leave the whole tree to the garbage collector)."""


class SourceMap:
    """Where each value (and each mapping key) of the document stood in the file.

    A path is found by walking the composed tree the same way the document was built from it
    (aliases followed, merge keys filled in), so a position is always the one of the value the
    document holds at that path."""

    def __init__(self, root: Node | None = None, entries: Entries | None = None, quoted: frozenset[int] = frozenset()) -> None:
        self._root = root
        self._entries = entries
        self._quoted = quoted
        self._maps: dict[int, dict[str, tuple[Node, Node]]] = {}

    def _find(self, path: Path) -> tuple[Node, Node | None, bool] | None:
        """(the value's node as written, its key's node, whether an alias led there)."""
        node, key_node, via = self._root, None, False
        if node is None:
            return None
        for part in path:
            if node.kind == "alias":
                via, node = True, node.target
                assert node is not None
            if node.kind == "seq" and type(part) is int and 0 <= part < len(node.value):
                node, key_node = node.value[part], None
            elif node.kind == "map" and isinstance(part, str) and self._entries is not None:
                found = self._map(node).get(part)
                if found is None:
                    return None
                key_node, node = found
            else:
                return None
        return node, key_node, via or node.kind == "alias"

    def _map(self, node: Node) -> dict[str, tuple[Node, Node]]:
        index = self._maps.get(id(node))
        if index is None:
            assert self._entries is not None
            index = self._maps[id(node)] = {key: (key_node, value) for key, key_node, value in self._entries.get(id(node), ())}
        return index

    def text_start(self, path: Path) -> Position | None:
        """Where the text of a value begins: after the opening quote of a quoted value, so a
        column inside the text (an expression's error) lands on the right character."""
        found = self._find(tuple(path))
        if found is None:
            return None
        node, _, via = found
        line, col = node.at
        return Position(line, col + (1 if not via and id(node) in self._quoted else 0))

    def written(self, path: Path) -> str | None:
        """The word a true/false value was written as, when it was not 'true' or 'false'
        (`capital: Yes`, `once: off`): YAML 1.1 reads yes/no/on/off as true/false, which a
        message must explain, since the author wrote a word."""
        found = self._find(tuple(path))
        if found is None:
            return None
        node = found[0].target if found[0].kind == "alias" else found[0]
        if node is None or node.kind != "scalar" or node.tag != BOOL or str(node.value).lower() in ("true", "false"):
            return None
        return str(node.value)

    def value(self, path: Path) -> Position | None:
        found = self._find(tuple(path))
        return Position(*found[0].at) if found is not None else None

    def key(self, path: Path) -> Position | None:
        found = self._find(tuple(path))
        if found is None or found[1] is None:
            return None
        return Position(*found[1].at)

    def nearest(self, path: Path) -> Position:
        """Later checks complain about values that may be missing; point at the closest parent."""
        path = tuple(path)
        while True:
            found = self._find(path)
            if found is not None or not path:
                return Position(*found[0].at) if found is not None else Position(1, 1)
            path = path[:-1]
