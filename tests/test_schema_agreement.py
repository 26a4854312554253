"""The editor's schema and `good-offices validate` agree on the shape of every file.

An instructor's editor checks a scenario with scenarios/scenario.schema.json through a YAML
language server, which reads YAML 1.2 (`on` and `no` are text there); `validate` reads YAML 1.1
(they are true/false) and checks with the models. If the two disagreed, the editor would
underline a line validate accepts, or stay silent where validate refuses. This test reads every
file both ways: the bundled scenarios, the worked example, the starter, the test fixtures, the
invalid fixtures, and a few hundred seeded mutations of the valid ones (types swapped, yes/no/on/off
words, whole-number floats, numbers out of range, unknown and missing keys, bad ids, unprintable
text). "Validate accepts the shape" means its schema step (GO01xx) passes; references, expressions
and the phase graph (GO02xx, GO03xx) are beyond any JSON Schema.

The cases no schema can settle are listed in KNOWN, each with the reason; each is also checked to
still disagree, so a fix on either side shows up here.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

from game.authoring.move_schema import move_json_schema
from game.scenario.jsonschema import scenario_json_schema
from game.scenario.schema_check import validate_schema
from game.scenario.yaml_source import read_yaml_text

ROOT = Path(__file__).resolve().parent.parent
VALID = [
    *sorted((ROOT / "scenarios").glob("*.yaml")),
    ROOT / "docs" / "examples" / "worked_example.yaml",
    ROOT / "game" / "authoring" / "starter.yaml",
    *sorted((ROOT / "tests" / "fixtures").glob("*.yaml")),
]
INVALID = sorted((ROOT / "tests" / "invalid").glob("*.yaml"))
MUTANTS = 400
SENTINEL = "MUTANT_VALUE_7f3a"
KEY_SENTINEL = "MUTANT_KEY_7f3a"


class _Yaml12Constructor(SafeConstructor):
    """YAML 1.2 as a language server reads it: a date is text (the core schema has no timestamps)."""


_Yaml12Constructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)


def _yaml12() -> YAML:
    reader = YAML(typ="safe", pure=True)
    reader.version = (1, 2)
    reader.Constructor = _Yaml12Constructor
    return reader


VALIDATOR = jsonschema.Draft202012Validator(scenario_json_schema())
READER = _yaml12()


def schema_accepts(text: str) -> bool:
    data = READER.load(text)
    return VALIDATOR.is_valid(data)


def validate_accepts(text: str) -> bool | None:
    """Whether validate's shape check passes; None when the text is not even readable YAML to it."""
    document, problems = read_yaml_text(text, "mutant.yaml")
    if document is None:
        return None
    scenario, _ = validate_schema(document)
    return scenario is not None


# -- the known disagreements: neither a schema nor a YAML 1.2 reader can see them -----------------------


@dataclass(frozen=True)
class Mutant:
    base: str
    path: tuple[Any, ...]
    change: str
    literal: str
    text: str

    def where(self) -> str:
        """The path as an instructor reads it: keys, and list items numbered from 1."""
        return "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in self.path).lstrip(".") or "(top level)"


KNOWN = {
    "a leading zero is octal to YAML 1.1": "YAML 1.1 reads 0310 as 200, YAML 1.2 as 310: the same text is two numbers.",
    "1e3 is text to YAML 1.1": "PyYAML reads 1e3 (no decimal point) as text, YAML 1.2 as the number 1000.",
    "0o17 is text to YAML 1.1": "PyYAML reads 0o17 as text, YAML 1.2 as the number 15.",
}


def known_disagreement(mutant: Mutant, schema: bool, validate: bool) -> str | None:
    if mutant.literal.lstrip("+-").startswith("0") and mutant.literal.strip("+-0").isdigit():
        return "a leading zero is octal to YAML 1.1"
    if mutant.literal == "1e3":
        return "1e3 is text to YAML 1.1"
    if mutant.literal == "0o17":
        return "0o17 is text to YAML 1.1"
    return None


# -- mutations -------------------------------------------------------------------------------------


TYPE_SWAPS = ("42", "4.5", "true", "false", '"some text"', "[]", "{}", "~", "[a, b]", "{a: 1}", '""', "-3")
WORDS = ("yes", "no", "on", "off", "Yes", "NO", "On", "OFF")
ODD_NUMBERS = ("1e3", "0x10", "+5", ".5", "0777", "0o17", "-0.0", "1.5e+2")
UNPRINTABLE = ('"a\\u200bb"', '"bell \\a"', '"line\\rbreak"', '"right\\u202eleft"', '"tab\\tok"')
UNKNOWN_KEYS = ("colour", "Title", "on", "no", "descripton", "when_")
BAD_IDS = ("Bad-Id", "2nd", "x" * 49, "ünïcode", "with space")


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=math.inf)


def _number_literals(value: float) -> tuple[str, ...]:
    whole = f"{float(int(value))}" if float(value).is_integer() else f"{value}.0"
    return (whole, "-1", "0", "101", "1000", "250", "-0.5", "1.5", "3.0", "200.0", "201")


def _mutant(rng: random.Random, bases: dict[str, Any]) -> Mutant:
    base = rng.choice(sorted(bases))
    data = json.loads(json.dumps(bases[base]))  # a deep copy
    spots = list(_leaves(data))[1:]
    kind = rng.choice(("swap", "word", "number", "text", "unknown_key", "missing", "bad_id", "odd_number"))
    wanted = {
        "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "odd_number": lambda v: isinstance(v, int | float) and not isinstance(v, bool) or rng.random() < 0.2,
        "word": lambda v: isinstance(v, bool) or rng.random() < 0.1,
        "unknown_key": lambda v: isinstance(v, dict),
    }.get(kind)
    if wanted is not None:
        spots = [spot for spot in spots if wanted(spot[1])]
    if kind in ("missing", "bad_id"):
        spots = [spot for spot in spots if isinstance(_get(data, spot[0][:-1]), dict)]
    path, value = rng.choice(spots)
    parent = _get(data, path[:-1])
    if kind == "unknown_key":
        target = value
        literal = rng.choice(UNKNOWN_KEYS)
        target[KEY_SENTINEL] = "x"
        return Mutant(base, path, kind, literal, _dump(data).replace(KEY_SENTINEL, literal, 1))
    if kind == "missing":
        del parent[path[-1]]
        return Mutant(base, path, kind, "", _dump(data))
    if kind == "bad_id":
        literal = rng.choice(BAD_IDS)
        items = list(parent.items())
        rebuilt = {(KEY_SENTINEL if k == path[-1] else k): v for k, v in items}
        parent.clear()
        parent.update(rebuilt)
        return Mutant(base, path, kind, literal, _dump(data).replace(KEY_SENTINEL, json.dumps(literal, ensure_ascii=False), 1))
    choices = {
        "swap": TYPE_SWAPS,
        "word": WORDS,
        "number": _number_literals(value) if isinstance(value, int | float) else TYPE_SWAPS,
        "text": UNPRINTABLE,
        "odd_number": ODD_NUMBERS,
    }[kind]
    literal = rng.choice(choices)
    _set(data, path, SENTINEL)
    return Mutant(base, path, kind, literal, _dump(data).replace(SENTINEL, literal, 1))


def _bases() -> dict[str, Any]:
    bases = {}
    for path in VALID:
        document, problems = read_yaml_text(path.read_bytes(), str(path))
        assert document is not None, problems
        if validate_schema(document)[0] is not None:  # a fixture of mistakes is no base to mutate
            bases[path.name] = document.data
    assert {"harbour_crossing.yaml", "quiet_channel.yaml", "starter.yaml", "worked_example.yaml"} <= set(bases)
    return bases


BASES = _bases()


def _mutants() -> list[Mutant]:
    rng = random.Random(11)
    return [_mutant(rng, BASES) for _ in range(MUTANTS)]


# -- the tests -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: p.name)
def test_every_shipped_and_fixture_file_is_judged_alike(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    validate = validate_accepts(text)
    if validate is None:
        pytest.skip("not readable YAML to validate (GO00xx); the editor reports YAML errors itself")
    try:
        schema = schema_accepts(text)
    except Exception as exc:  # ruamel refuses what PyYAML reads (a tab, an alias loop): both refuse the file
        pytest.skip(f"not readable YAML 1.2 ({type(exc).__name__})")
    said = f"the schema {'accepts' if schema else 'refuses'}, validate {'accepts' if validate else 'refuses'}"
    assert schema == validate, f"{path.name}: {said}"


@pytest.mark.parametrize("name", sorted(BASES))
def test_the_unmutated_dumps_are_accepted_by_both(name: str) -> None:
    text = _dump(BASES[name])
    assert validate_accepts(text) is True
    assert schema_accepts(text) is True


def test_seeded_mutations_are_judged_alike() -> None:
    disagreements = []
    counted: dict[str, int] = {}
    refused = 0
    for number, mutant in enumerate(_mutants(), start=1):
        validate = validate_accepts(mutant.text)
        if validate is None:
            continue
        schema = schema_accepts(mutant.text)
        refused += not validate
        if schema == validate:
            continue
        known = known_disagreement(mutant, schema, validate)
        if known is not None:
            counted[known] = counted.get(known, 0) + 1
            continue
        disagreements.append(
            f"mutant {number}: {mutant.base} {mutant.where()} {mutant.change} {mutant.literal!r}: "
            f"schema {'accepts' if schema else 'refuses'}, validate {'accepts' if validate else 'refuses'}"
        )
    assert not disagreements, "\n".join(disagreements)
    assert refused > MUTANTS // 3, "the mutations must mostly break something, or the test proves little"
    assert set(counted) <= set(KNOWN)


@pytest.mark.parametrize(
    ("yaml_text", "path", "why"),
    [
        ("0310", ("clock", "turns"), "a leading zero is octal to YAML 1.1"),
        ("1e3", ("title",), "1e3 is text to YAML 1.1"),
        ("0o17", ("title",), "0o17 is text to YAML 1.1"),
    ],
)
def test_the_known_disagreements_still_disagree(yaml_text: str, path: tuple[str, ...], why: str) -> None:
    data = json.loads(json.dumps(BASES["starter.yaml"]))
    _set(data, path, SENTINEL)
    text = _dump(data).replace(SENTINEL, yaml_text, 1)
    assert schema_accepts(text) != validate_accepts(text), f"fixed? remove '{why}' from KNOWN"


@pytest.mark.parametrize(
    ("yaml_text", "path"),
    [
        ("12.0", ("clock", "turns")),  # 12 to JSON Schema, and to validate since it reads 14.0 as 14
        ("No", ("parties", "arvenia", "name")),  # text to both: validate takes the word as written where text is asked
        ("no", ("choices", "own_formula", "once")),  # validate reads false; the schema accepts the word
        ("off", ("events", "farmers_march", "once")),
        ("Bad-Id", None),  # a party id that is not an id
        ('"a\\u200bb"', ("title",)),  # a zero-width space
        ("3", ("format",)),
    ],
)
def test_the_fixed_disagreements_agree(yaml_text: str, path: tuple[str, ...] | None) -> None:
    data = json.loads(json.dumps(BASES["starter.yaml"]))
    if path is None:
        data["parties"] = {yaml_text if k == "belmar" else k: v for k, v in data["parties"].items()}
        text = _dump(data)
    else:
        _set(data, path, SENTINEL)
        text = _dump(data).replace(SENTINEL, yaml_text, 1)
    assert schema_accepts(text) == validate_accepts(text)


# -- move files (proofs) -------------------------------------------------------------------------------

MOVE_VALIDATOR = jsonschema.Draft202012Validator(move_json_schema())
PROOFS = sorted(ROOT.glob("scenarios/*.proofs/*.yaml")) + sorted(ROOT.glob("game/authoring/starter.proofs/*.yaml"))


@pytest.mark.parametrize("path", PROOFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shipped_move_file_is_accepted_by_the_move_schema(path: Path) -> None:
    data = READER.load(path.read_text(encoding="utf-8"))
    errors = [error.message for error in MOVE_VALIDATOR.iter_errors(data)]
    assert not errors, errors


@pytest.mark.parametrize(
    "text",
    [
        "seed: one\nmoves: []\n",
        "seed: 1\nmoves: approach:arvenia\n",
        "seed: 1\nmoves: [1, 2]\n",
        "seed: 1\n",
        "moves: []\n",
        "seed: true\nmoves: []\n",
        "seed: 1\nmoves:\n  - wait:\n",  # unquoted, 'wait:' is a mapping
    ],
)
def test_a_move_file_the_reader_refuses_for_its_shape_the_schema_refuses_too(text: str, tmp_path: Path) -> None:
    from game.authoring.endings import read_transcript
    from game.scenario.loader import load_scenario

    loaded, _ = load_scenario(ROOT / "game" / "authoring" / "starter.yaml")
    assert loaded is not None
    path = tmp_path / "proof.yaml"
    path.write_text(text, encoding="utf-8")
    witness, problems = read_transcript(path, loaded)
    assert witness is None and problems[0].code in ("GO0102", "GO0103")  # a missing or a wrong field
    assert not MOVE_VALIDATOR.is_valid(READER.load(text))
