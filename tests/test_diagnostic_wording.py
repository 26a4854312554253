"""What every diagnostic owes an instructor: a hint, and our own words.

The invalid fixtures and a few hundred seeded mutations of real scenario files go through the
loader; no message or hint may carry the wording of the libraries underneath (pydantic, PyYAML),
and every one must have a hint. Every code the program can print has its section in
docs/errors.md.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from game.diagnostics import Diagnostic
from game.scenario.loader import load_scenario, load_scenario_text

ROOT = Path(__file__).parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
INVALID = sorted((ROOT / "tests" / "invalid").glob("*.yaml"))
BASES = {name: (FIXTURES / name).read_text(encoding="utf-8") for name in ("minimal.yaml", "strait.yaml")}
MUTATIONS = 400

LIBRARY_WORDING = re.compile(
    r"after validation|Input should be|input should be|type=|tuple|dict_type|model_type|For further information|"
    r"pydantic|errors\.pydantic|string_type|Value error|Field required|Extra inputs|validation error|"
    r"function-after|function-before|literal\[|\bstr\b|\bint\b|\bfloat\b|\bNoneType\b"
)
"""Phrases and type names that only the libraries would print."""

VALUES = [
    "",
    "~",
    "yes",
    "No",
    "off",
    "0",
    "-5",
    "3.5",
    "14.0",
    "1000",
    "0.1",
    "true",
    "[]",
    "{}",
    "[a, b, c]",
    "[1, 2, 3]",
    "{a: 1}",
    "'quoted'",
    "two words: with a colon",
    "'x'",
    "Wrong_Case",
    "var.nothing_here",
    "trust.nobody >= 5",
    "escalation += ",
    "x" * 600,
]


def _mutations() -> list[tuple[str, str]]:
    rng = random.Random(20261203)
    found = []
    for number in range(MUTATIONS):
        name, text = rng.choice(sorted(BASES.items()))
        lines = text.splitlines()
        index = rng.randrange(len(lines))
        line = lines[index]
        how = rng.random()
        if ": " in line and how < 0.7:
            key = line.split(": ", 1)[0]
            lines[index] = f"{key}: {rng.choice(VALUES)}"
        elif line.lstrip().startswith("- ") and how < 0.85:
            indent = line[: len(line) - len(line.lstrip())]
            lines[index] = f"{indent}- {rng.choice(VALUES)}"
        else:
            del lines[index]
        found.append((f"{name}#{number}", "\n".join(lines) + "\n"))
    return found


def _check(problems: list[Diagnostic], where: str) -> None:
    for problem in problems:
        text = problem.message + " | " + problem.hint
        assert not LIBRARY_WORDING.search(text), f"{where}: library wording reaches the user: {problem.render()}"
        assert problem.hint.strip(), f"{where}: a diagnostic without a hint: {problem.render()}"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_every_invalid_fixture_is_answered_in_our_words_with_a_hint(path: Path) -> None:
    _, problems = load_scenario(path)
    assert problems
    _check(problems, path.name)


def test_mutated_scenarios_are_answered_in_our_words_with_a_hint() -> None:
    reported = 0
    for name, text in _mutations():
        _, problems = load_scenario_text(text, name)
        _check(problems, name)
        reported += len(problems)
    assert reported > MUTATIONS // 2, "the mutations do break files, so the check above checked something"


def test_every_code_in_the_code_base_has_a_section_in_errors_md() -> None:
    docs = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    sections = set(re.findall(r"^## (GO\d{4}) — ", docs, re.MULTILINE))
    in_code = set()
    for path in (ROOT / "game").rglob("*.py"):
        in_code |= set(re.findall(r"\bGO\d{4}\b", path.read_text(encoding="utf-8")))
    assert in_code, "the scan finds the codes"
    assert sorted(in_code - sections) == []


def test_every_section_of_errors_md_quotes_the_messages_its_code_prints() -> None:
    docs = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    for section in re.split(r"^## ", docs, flags=re.MULTILINE)[1:]:
        code = section.split(" ", 1)[0]
        assert re.search(r"^Messages?:\s[^#]*?`", section, re.MULTILINE) or "```text\n" in section, f"{code}: quote its messages"


def test_every_diagnostic_written_in_the_code_passes_a_hint() -> None:
    """The runtime checks above see the loader; this sees every other place a diagnostic is made
    (logs, transcripts, commands): error(...)/warning(...) with all six arguments or hint=, and a
    checker's report(code, message, path, hint)."""
    import ast

    missing = []
    for path in (ROOT / "game").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            given = len(node.args) + sum(1 for k in node.keywords if k.arg == "hint") * 10
            needed = {"error": 6, "warning": 6, "report": 4}.get(str(name))
            if needed is not None and len(node.args) >= 2 and given < needed:
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert missing == [], "diagnostics without a hint"
