"""The hostile-file set: scenario files, session logs and move files written to break the game.

Each recipe writes one file (or a FIFO, a link, a folder) into a scratch folder and says what
kind of input it is; `tools/hostile.py` hands it to every command that reads that kind and checks
the answer. Files are generated, not kept in the repository: some are megabytes, some are FIFOs
or links, and most are one edit away from the small test scenario, which keeps each one's point
readable here. The known-bad fixtures in tests/invalid/ are part of the set too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
INVALID = ROOT / "tests" / "invalid"

Kind = Literal["scenario", "log", "moves"]
WARNING_CODES = {"GO0108", "GO0215", "GO0304", "GO0305", "GO0308", "GO0309", "GO0310", "GO0311"}
"""Fixtures in tests/invalid/ whose code is a warning: `validate` accepts them."""


@dataclass(frozen=True)
class Recipe:
    name: str
    kind: Kind
    write: Callable[[Path], Path]
    """Writes the input into the given folder and returns the path the commands are given."""
    bad: bool | None = True
    """A bad input must be refused (exit 1) with a located message, a good one accepted; None: either."""
    usage: bool = False
    """`validate` may answer it as a usage error (exit 2): a folder holds no scenario files."""


def _minimal() -> str:
    return MINIMAL.read_text(encoding="utf-8")


def _edit(old: str, new: str, text: str | None = None) -> str:
    text = _minimal() if text is None else text
    if old not in text:
        raise ValueError(f"hostile recipe: {old!r} is not in the base scenario")
    return text.replace(old, new, 1)


def _text(name: str, content: str | bytes, bad: bool | None = True, kind: Kind = "scenario", suffix: str = ".yaml") -> Recipe:
    def write(folder: Path) -> Path:
        path = folder / f"{name}{suffix}"
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return Recipe(name, kind, write, bad)


def _lazy(name: str, make: Callable[[], str | bytes], bad: bool | None = True, kind: Kind = "scenario", suffix: str = ".yaml") -> Recipe:
    def write(folder: Path) -> Path:
        content = make()
        path = folder / f"{name}{suffix}"
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return Recipe(name, kind, write, bad)


# --- files that attack the YAML reader ------------------------------------------------------


def _laughs(levels: int, width: int) -> str:
    lines = ['a0: &a0 "lol"']
    for level in range(1, levels):
        refs = ", ".join(f"*a{level - 1}" for _ in range(width))
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def _reader_recipes() -> Iterator[Recipe]:
    yield _text("laughs_9x9", _laughs(9, 9))
    yield _text("laughs_20x2", _laughs(20, 2))
    yield _lazy("alias_to_big_scalar", lambda: "big: &b " + "x" * 90_000 + "\nmany: [" + ", ".join(["*b"] * 2000) + "]\n")
    yield _text("flow_nesting_10000", "a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    yield _text("block_nesting_300", "".join(" " * i + f"k{i}:\n" for i in range(300)) + " " * 300 + "v: 1\n")
    yield _lazy("two_megabytes", lambda: "# " + "x" * (2 * 1024 * 1024) + "\n")
    yield _lazy("one_long_line", lambda: "title: " + "y" * 900_000 + "\n")
    yield _lazy("two_hundred_thousand_values", lambda: "objectives: [" + ", ".join(["a"] * 200_000) + "]\n")
    yield _lazy("twenty_thousand_unknown_keys", lambda: _minimal() + "".join(f"junk_{i}: {i}\n" for i in range(20_000)))
    yield _text("many_documents", "---\na: 1\n" * 500)
    yield _text("empty", "")
    yield _text("only_spaces", "   \n\n  \n")
    yield _text("only_a_null", "~\n")
    yield _text("a_bare_number", "42\n")
    yield _text("a_bare_string", "hello\n")
    yield _text("png_bytes", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    yield _text("nul_byte", _edit("title: The Two Valleys", "title: The Two\x00Valleys"))
    yield _text("latin1_title", _minimal().encode("utf-8").replace(b"The Two Valleys", b"Les Deux Vall\xe9es"))
    yield _text("utf16_with_bom", _minimal().encode("utf-16"))
    yield _text("utf8_bom", b"\xef\xbb\xbf" + _minimal().encode("utf-8"), bad=False)
    yield _text("crlf_lines", _minimal().replace("\n", "\r\n"), bad=False)
    yield _text("cr_only_lines", _minimal().replace("\n", "\r"), bad=False)
    yield _text("tab_indented", _edit("  turns: 12", "\tturns: 12"))
    yield _text("python_object_tag", _edit("title: The Two Valleys", "title: !!python/object/apply:os.system ['echo pwned']"))
    yield _text("python_name_tag", _edit("title: The Two Valleys", "title: !!python/name:os.system"))
    yield _text("binary_tag", _edit("title: The Two Valleys", "title: !!binary aGVsbG8="))
    yield _text("custom_tag", _edit("title: The Two Valleys", "title: !shout The Two Valleys"))
    yield _text("set_tag", _edit("objectives: [Win both parties' consent before convening]", "objectives: !!set {a, b}"))
    yield _text("merge_key", _edit("  upper:\n", "  base: &base {trust: 10}\n  upper:\n    <<: *base\n"))
    yield _text("complex_key", _edit("venues:\n", "venues:\n  ? [a, b]\n  : {name: x, description: y}\n"))
    yield _text("duplicate_top_key", _minimal() + "title: Again\n")
    yield _text("huge_integer", _edit("trust: 45", "trust: " + "9" * 400))
    yield _text("float_overflow", _edit("trust: 45", "trust: 1e400"))
    yield _text("nan_value", _edit("trust: 45", "trust: .nan"))
    yield _text("infinite_value", _edit("trust: 45", "trust: -.inf"))
    yield _text("hex_and_octal", _edit("trust: 45", "trust: 0x2D"), bad=None)
    yield _text("date_as_title", _edit("title: The Two Valleys", "title: 2026-12-03"), bad=None)
    yield _text("null_title", _edit("title: The Two Valleys", "title: ~"))
    yield _text("list_as_title", _edit("title: The Two Valleys", "title: [a, b]"))
    yield _text("unclosed_quote", _edit("title: The Two Valleys", 'title: "The Two Valleys'))
    yield _text(
        "colon_in_list_item", _edit("objectives: [Win both parties' consent before convening]", "objectives:\n  - Goal: win consent")
    )
    yield _text("truncated_mid_key", _minimal()[: len(_minimal()) // 2] + "  sto")


# --- files that pass the reader and attack what comes after -----------------------------------

ESCAPES = {
    "osc_title": "\\e]0;PWNED\\a",
    "clear_screen": "\\e[2J\\e[H",
    "osc52_clipboard": "\\e]52;c;cm0gLXJmIH4=\\a",
    "bell_and_backspace": "\\a\\b\\b\\bX",
    "c1_csi": "\\x9b2J",
    "delete_char": "\\x7f",
}
SPOOFS = {
    "right_to_left_override": "\u202eslaV owT ehT",
    "zero_width_joiners": "The\u200bTwo\u200dValleys\ufeff",
    "bidi_isolates": "\u2066The\u2069 \u2067Two\u2069",
    "line_separator": "The Two\u2028Valleys",
}
MARKUP = {
    "script_tag": "<script>alert(1)</script>",
    "img_onerror": '<img src=x onerror="alert(1)">',
    "jinja_braces": "{{ 7*7 }} {% raw %}",
    "markdown_link": "[click](javascript:alert(1))",
}
TEXT_FIELDS = {
    "title": "title: The Two Valleys",
    "leader": "leader: Reeve Ama",
    "venue": "name: the Old Mill",
    "message": "summary: A staged opening of the sluices",
    "event": "title: A storm fills the reservoir",
}


def _text_recipes() -> Iterator[Recipe]:
    for escape_name, escape in ESCAPES.items():
        for field, line in TEXT_FIELDS.items():
            key, _, value = line.partition(": ")
            yield _text(f"escape_{escape_name}_in_{field}", _edit(line, f'{key}: "{value} {escape}"'))
    for spoof_name, spoof in SPOOFS.items():
        for field in ("title", "leader"):
            key, _, value = TEXT_FIELDS[field].partition(": ")
            yield _text(
                f"spoof_{spoof_name}_in_{field}",
                _edit(TEXT_FIELDS[field], f"{key}: {json.dumps(spoof)}"),
                bad=None if spoof_name == "line_separator" else True,
            )
    for markup_name, markup in MARKUP.items():
        for field in ("title", "leader", "event"):
            key, _, value = TEXT_FIELDS[field].partition(": ")
            yield _text(f"markup_{markup_name}_in_{field}", _edit(TEXT_FIELDS[field], f"{key}: {json.dumps(markup)}"), bad=False)
    yield _text("very_long_leader", _edit("leader: Reeve Ama", "leader: " + "Ama " * 5000))
    yield _text("newline_heavy_briefing", _edit("briefing: ", 'briefing: "' + "\\n" * 3000 + '" #'), bad=False)


# --- numbers and expressions ------------------------------------------------------------------

STORM = 'effects: ["escalation += 5"]'
CALCULATIONS = {
    "overflow_then_zero": "var.x = 1e308 * 10 * 0",
    "product_of_big_integers": "var.x = " + " * ".join(["1000000000000000"] * 21),
    "division_by_zero": "var.x = 1 / 0",
    "modulo_by_zero": "var.x = 5 % 0",
    "power": "var.x = 10 ** 100000",
    "deep_parentheses": "var.x = " + "(" * 5000 + "1" + ")" * 5000,
    "long_sum": "var.x = " + " + ".join(["1"] * 20000),
    "dunder": "var.x = var.__class__",
    "call": "var.x = __import__('os').system('echo pwned')",
    "lambda": "var.x = (lambda: 1)()",
    "attribute_chain": "var.x = var.x.real.imag.real",
    "string_multiply": "var.x = 'a' * 100000000",
    "comparison_chain": "var.x = " + " < ".join(["1"] * 5000),
    "huge_literal": "var.x = " + "9" * 5000,
}

RUN_TIME_CALCULATIONS = {"division_by_zero", "modulo_by_zero", "overflow_then_zero"}
"""Calculations `validate` may pass: play must then keep going (the value is left as it was)."""


def _with_number(effect: str) -> str:
    text = _edit(STORM, f"effects: [{json.dumps(effect)}]")
    return _edit("variables:\n", "variables:\n  x: {initial: 1, description: a number}\n", text)


def _number_recipes() -> Iterator[Recipe]:
    for name, effect in CALCULATIONS.items():
        settled_at_run_time = name in RUN_TIME_CALCULATIONS
        yield _lazy(f"calc_{name}", lambda effect=effect: _with_number(effect), bad=None if settled_at_run_time else True)
    growth = _edit(STORM, 'effects: ["var.x = var.x * 1000000000000000"]')
    growth = _edit("variables:\n", "variables:\n  x: {initial: 1000000000000000, description: a number}\n", growth)
    growth = _edit("at_turn: 4", "chance: 1", growth)
    yield _text("growth_every_turn", growth, bad=False)
    shrink = _edit(STORM, 'effects: ["var.x = var.x * 0.000000001 - 1000000000000000"]')
    shrink = _edit("variables:\n", "variables:\n  x: {initial: 1, description: a number}\n", shrink)
    yield _text("shrink_every_turn", _edit("at_turn: 4", "chance: 1", shrink), bad=False)
    for value in ("1e16", "-99999999999999999999", "1e-320"):
        yield _text(f"initial_{value}", _edit("variables:\n", f"variables:\n  x: {{initial: {value}, description: n}}\n"))
    yield _text("turns_zero", _edit("turns: 12", "turns: 0"))
    yield _text("turns_billion", _edit("turns: 12", "turns: 1000000000"))
    yield _text("escalation_negative", _edit("escalation: 30", "escalation: -30"))
    yield _text("chance_above_one", _edit("at_turn: 4", "chance: 7"), bad=None)  # a chance above 1 is certain
    yield _text("condition_always_false", _edit("when: meetings >= 1", "when: meetings < 0"), bad=None)


# --- many things -----------------------------------------------------------------------------


def _many_venues(count: int) -> str:
    extra = "".join(f"  v{i}:\n    name: Venue {i}\n    description: d\n    neutrality: 50\n" for i in range(count))
    return _edit("venues:\n", "venues:\n" + extra)


def _many_messages(count: int) -> str:
    extra = "".join(
        f"  m{i}:\n    from: upper\n    to: lower\n    summary: s\n    substance: s\n    original: o\n    tone: neutral\n"
        for i in range(count)
    )
    return _edit("messages:\n", "messages:\n" + extra)


def _phase_chain(count: int) -> str:
    chain = "".join(
        f"    p{i}:\n      title: P{i}\n      description: d\n      transitions: [{{to: p{i + 1}, when: turn >= 1}}]\n"
        for i in range(count)
    )
    chain += f"    p{count}:\n      title: End\n      description: d\n      ending: {{grade: stalemate, outcome: o}}\n"
    return _edit("  phases:\n", "  phases:\n" + chain)


def _size_recipes() -> Iterator[Recipe]:
    yield _lazy("venues_3000", lambda: _many_venues(3000))  # beyond the 50 venues a scenario may have
    yield _lazy("messages_2000", lambda: _many_messages(2000), bad=False)
    yield _lazy("phase_chain_5000", lambda: _phase_chain(5000))
    loop = _edit(
        "      transitions:\n        - to: talking\n",
        "      transitions:\n        - to: standoff\n          when: turn >= 0\n        - to: talking\n",
    )
    yield _text("self_loop_phase", loop, bad=None)
    yield _text("start_is_an_ending", _edit("start: standoff", "start: deal"))


# --- session logs ----------------------------------------------------------------------------


def _log_recipes(played: Path) -> Iterator[Recipe]:
    """Logs made from `played`, a finished session of the test scenario, and a few made from nothing."""

    def edited(name: str, change: Callable[[list[str]], list[str] | bytes], bad: bool | None = True) -> Recipe:
        def make() -> bytes:
            lines = change(played.read_text(encoding="utf-8").splitlines())
            return lines if isinstance(lines, bytes) else ("\n".join(lines) + "\n").encode("utf-8")

        return _lazy(name, make, bad, kind="log", suffix=".jsonl")

    def header(old: str, new: str) -> Callable[[list[str]], list[str]]:
        def change(lines: list[str]) -> list[str]:
            if old not in lines[0]:
                raise ValueError(f"hostile recipe: {old!r} is not in the log's header")
            return [lines[0].replace(old, new, 1), *lines[1:]]

        return change

    yield edited("log_intact", lambda lines: lines, bad=False)
    yield _text("log_empty", "", kind="log", suffix=".jsonl")
    yield edited("log_header_only", lambda lines: lines[:1], bad=None)
    yield edited("log_truncated_line", lambda lines: [*lines[:-1], lines[-1][: len(lines[-1]) // 2]], bad=None)
    yield edited(
        "log_tampered_move", lambda lines: [lines[0], lines[1].replace('"move":"approach:upper"', '"move":"approach:lower"', 1), *lines[2:]]
    )
    yield edited("log_nan_seed", header('"seed":1', '"seed":NaN'))
    yield edited("log_huge_seed", header('"seed":1', '"seed":1' + "0" * 5000))
    yield edited("log_deep_json", lambda lines: [lines[0], "[" * 100_000 + "]" * 100_000, *lines[1:]])
    yield edited("log_binary", lambda lines: ("\n".join(lines[:2]) + "\n").encode() + b"\xff\xfe\x00\x01" * 100, bad=None)
    yield edited("log_other_scenario", header('"scenario_id":"minimal"', '"scenario_id":"quiet_channel"'))
    yield edited("log_missing_scenario", header("minimal.yaml", "gone.yaml"))
    yield edited("log_escape_trainee", header('"trainee":"', '"trainee":"\\u001b]0;X\\u0007\\u202e'))
    yield edited("log_escape_scenario_path", header("minimal.yaml", "mini\\u001b[2Jmal.yaml"))
    yield edited("log_duplicate_header", lambda lines: [lines[0], *lines])
    yield edited("log_hundred_thousand_lines", lambda lines: [*lines, *([lines[-1]] * 100_000)])
    yield _lazy("log_thirty_megabytes", lambda: b" " * (30 * 1024 * 1024), kind="log", suffix=".jsonl")
    yield _text("log_not_json", "hello\nworld\n", kind="log", suffix=".jsonl")


# --- move files ------------------------------------------------------------------------------


def _moves_recipes() -> Iterator[Recipe]:
    def moves(name: str, content: str) -> Recipe:
        def write(folder: Path) -> Path:
            path = folder / name
            path.mkdir()
            (path / "proof.yaml").write_text(content, encoding="utf-8")
            return path

        return Recipe(name, "moves", write)

    yield moves("moves_wait_as_mapping", "seed: 1\nmoves:\n  - wait:\n")
    yield moves("moves_missing_seed", "moves: [wait]\n")
    yield moves("moves_not_a_list", "seed: 1\nmoves: wait\n")
    yield moves("moves_unknown_move", "seed: 1\nmoves: [fly_to_the_moon]\n")
    yield moves("moves_huge_seed", "seed: " + "9" * 500 + "\nmoves: [wait]\n")
    yield moves("moves_hundred_thousand", "seed: 1\nmoves:\n" + "  - wait\n" * 100_000)
    yield moves("moves_laughs", _laughs(9, 9) + "seed: 1\nmoves: *a8\n")


# --- paths that are not plain files ----------------------------------------------------------


def _special(name: str, kind: Kind, make: Callable[[Path], None], suffix: str, usage: bool = False) -> Recipe:
    def write(folder: Path) -> Path:
        path = folder / f"{name}{suffix}"
        make(path)
        return path

    return Recipe(name, kind, write, usage=usage)


def _path_recipes() -> Iterator[Recipe]:
    for kind, suffix in (("scenario", ".yaml"), ("log", ".jsonl")):
        short: Kind = kind  # type: ignore[assignment]
        if hasattr(os, "mkfifo"):
            yield _special(f"{kind}_fifo", short, os.mkfifo, suffix)
        yield _special(f"{kind}_link_to_dev_zero", short, lambda path: path.symlink_to("/dev/zero"), suffix)
        yield _special(f"{kind}_folder", short, lambda path: path.mkdir(), suffix, usage=True)
        yield _special(f"{kind}_missing", short, lambda path: None, suffix)
        yield _special(f"{kind}_dangling_link", short, lambda path: path.symlink_to(path.parent / "nowhere"), suffix)

    def strange_name(name: str, file_name: str, bad: bool | None) -> Recipe:
        def write(folder: Path) -> Path:
            path = folder / file_name
            path.write_text(_minimal(), encoding="utf-8")
            return path

        return Recipe(name, "scenario", write, bad)

    yield strange_name("name_with_newline", "two\nlines.yaml", False)
    yield strange_name("name_with_escape", "x\x1b]0;PWNED\x07.yaml", False)
    yield strange_name("name_right_to_left", "lmay.\u202eevil.yaml", False)
    yield strange_name("name_with_spaces_and_quotes", "a 'b' \"c\".yaml", False)


def recipes(played: Path) -> list[Recipe]:
    """Every recipe; `played` is a finished session log of tests/fixtures/minimal.yaml."""
    found = [
        _text(path.stem, path.read_bytes(), bad=None if path.stem[:6] in WARNING_CODES else True) for path in sorted(INVALID.glob("*.yaml"))
    ]
    groups = (
        _reader_recipes(),
        _text_recipes(),
        _number_recipes(),
        _size_recipes(),
        _log_recipes(played),
        _moves_recipes(),
        _path_recipes(),
    )
    for group in groups:
        found.extend(group)
    names = [recipe.name for recipe in found]
    if len(names) != len(set(names)):
        raise ValueError("hostile corpus: two recipes share a name")
    return found
