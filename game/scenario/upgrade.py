"""Read files written for an earlier format as the current one, and say what changed.

Format 1 → 2: the channel ladder gained two rungs below the secret channel (messages through the
envoy, proximity talks), so its words keep their order and meaning (`channel >= official`) while
its numbers moved: 0, 1, 2, 3 (none, back channel, official, public) are now 0, 3, 4, 5. A
format-1 expression that compares `channel` with a bare number, or assigns one to it, is
rewritten with the new number. Everything else a format-1 file says means the same in format 2;
the engine's new verbs are simply on offer where the story calls for them, as in any file that
does not switch them off. The loader reports the upgrade as one warning, so an instructor knows
the file was read as format 2 and can change its `format:` line when convenient.
"""

from __future__ import annotations

import re
from typing import Any

from game.diagnostics import Diagnostic, warning
from game.scenario import codes
from game.scenario.yaml_source import YamlDocument

OLD_CHANNEL_NUMBERS = {"0": "0", "1": "3", "2": "4", "3": "5"}
EXPRESSION_KEYS = frozenset({"when", "chance", "arrives_when", "until", "effects", "on_delivered", "on_distorted"})
_COMPARED = re.compile(r"\bchannel(\s*(?:==|!=|>=|<=|>|<|=)\s*)([0-3])\b(?!\.)")
_COMPARED_FLIPPED = re.compile(r"(?<![\w.])([0-3])(\s*(?:==|!=|>=|<=|>|<)\s*)channel\b")


def upgrade(document: YamlDocument, current: int) -> list[Diagnostic]:
    """Bring a format-1 document to the current format in place; one warning saying so."""
    data = document.data
    if not isinstance(data, dict) or data.get("format") != 1 or isinstance(data.get("format"), bool) or current != 2:  # true == 1
        return []
    rewritten = _rewrite(data)
    data["format"] = current
    where = document.source.nearest(("format",))
    what = f"{rewritten} expression(s) comparing 'channel' with a number renumbered; " if rewritten else ""
    return [
        warning(
            codes.FORMAT_UPGRADED,
            f"format 1 file read as format 2: {what}nothing else changes meaning",
            document.file,
            where.line,
            where.col,
            hint="write 'format: 2' to silence this; docs/authoring.md lists what format 2 adds",
        )
    ]


def rewrite_channel_numbers(text: str) -> str:
    if "channel" not in text:  # most expressions: no regex to run
        return text
    text = _COMPARED.sub(lambda m: f"channel{m.group(1)}{OLD_CHANNEL_NUMBERS[m.group(2)]}", text)
    return _COMPARED_FLIPPED.sub(lambda m: f"{OLD_CHANNEL_NUMBERS[m.group(1)]}{m.group(2)}channel", text)


def _rewrite(node: Any) -> int:
    count = 0
    if isinstance(node, dict):
        for key, value in node.items():
            if key in EXPRESSION_KEYS:
                if isinstance(value, str):
                    new = rewrite_channel_numbers(value)
                    count += new != value
                    node[key] = new
                elif isinstance(value, list):
                    for index, item in enumerate(value):
                        if isinstance(item, str):
                            new = rewrite_channel_numbers(item)
                            count += new != item
                            value[index] = new
            elif isinstance(value, dict | list):  # a text or a number holds no expression to rewrite
                count += _rewrite(value)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict | list):
                count += _rewrite(item)
    return count
