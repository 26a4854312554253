"""Every bad scenario file in tests/invalid/ is answered with the right code at the right place.

Each file is named `GO0xxx_short_name.yaml` and starts with `# expect: GO0xxx at LINE:COL` (or
`at LINE`). The loader must report that code there, as an error (a warning for GO0304/GO0305),
whatever else it also reports; and `good-offices validate` must say so on one located line.
Problems that need a big file (over 1 MiB, a 100 000-character value, 200 000 values) are
generated in tmp_path instead of being kept in the repository.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.diagnostics import Severity
from game.scenario import codes
from game.scenario.loader import load_scenario
from game.scenario.yaml_source import MAX_BYTES, MAX_NODES, MAX_SCALAR

INVALID = Path(__file__).parent / "invalid"
FILES = sorted(INVALID.glob("*.yaml"))
EXPECT = re.compile(rb"^# expect: (GO\d{4}) at (\d+)(?::(\d+))?")
WARNING_CODES = {
    codes.UNUSED_MESSAGE,
    codes.UNUSED_VENUE,
    codes.FORMAT_UPGRADED,
    codes.UNUSED_VERB_SETTING,
    codes.INERT_CHOICE,
    codes.UNREAD_VARIABLE,
    codes.FIXED_CONDITION,
    codes.EVENT_NEVER_FIRES,
}
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>GO\d{4}) (?P<severity>error|warning): \S.*$")

# Codes no file's content can produce: GO0001 is about the path (tests/test_loader.py), GO0002
# needs a big file (generated below).
NOT_FROM_CONTENT = {codes.FILE_UNREADABLE, codes.FILE_TOO_LARGE}


def all_file_codes() -> set[str]:
    return {value for name, value in vars(codes).items() if name.isupper() and "GO0001" <= value < "GO0400"}


def expectation(path: Path) -> tuple[str, int, int | None]:
    first = path.read_bytes().split(b"\n", 1)[0]
    match = EXPECT.match(first)
    assert match, f"{path.name}: the first line must be '# expect: GO0xxx at LINE[:COL]'"
    code, line, col = match.groups()
    return code.decode(), int(line), int(col) if col else None


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_bad_file_reports_its_code_at_its_place(path: Path) -> None:
    code, line, col = expectation(path)
    assert path.stem.startswith(code + "_"), "the file name starts with the code it expects"
    loaded, problems = load_scenario(path)
    rendered = "\n".join(p.render() for p in problems)
    matching = [p for p in problems if p.code == code and p.line == line and (col is None or p.col == col)]
    assert matching, f"expected {code} at {line}:{col}; got:\n{rendered}"
    expected_severity = Severity.WARNING if code in WARNING_CODES else Severity.ERROR
    assert all(p.severity is expected_severity for p in matching)
    assert all(p.file == str(path) for p in problems)
    if code in WARNING_CODES:
        assert loaded is not None, "a warning alone does not stop the scenario from loading"
        assert not any(p.is_error for p in problems), rendered
    else:
        assert loaded is None, "a file with an error never yields a scenario"


def test_every_code_a_file_can_produce_has_a_fixture() -> None:
    covered = {expectation(path)[0] for path in FILES}
    missing = all_file_codes() - NOT_FROM_CONTENT - covered
    assert not missing, f"add a tests/invalid/ file for: {sorted(missing)}"


def test_unknown_keys_suggest_the_key_meant() -> None:
    for path in INVALID.glob("GO0101_*.yaml"):
        _, problems = load_scenario(path)
        unknown = [p for p in problems if p.code == codes.UNKNOWN_KEY]
        assert unknown and all("did you mean" in p.hint for p in unknown), path.name


@pytest.mark.parametrize(
    "name",
    [
        "GO0201_unknown_territory",
        "GO0202_unknown_venue_preference",
        "GO0203_unknown_message_in_condition",
        "GO0204_unknown_transition_target",
        "GO0206_unknown_principle",
        "GO0212_unknown_choice_trigger",
        "GO0213_unknown_source",
    ],
)
def test_misspelt_references_suggest_the_declared_id(name: str) -> None:
    _, problems = load_scenario(INVALID / f"{name}.yaml")
    assert any("did you mean" in p.hint for p in problems), [p.render() for p in problems]


# -- files too big to keep in the repository -------------------------------------------------


def test_file_over_one_mebibyte(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("title: Talks\nbriefing: |\n" + "  The parties met again and talked.\n" * (MAX_BYTES // 30), encoding="utf-8")
    assert path.stat().st_size > MAX_BYTES
    loaded, problems = load_scenario(path)
    assert loaded is None
    assert [p.code for p in problems] == [codes.FILE_TOO_LARGE]
    assert "1 MiB" in problems[0].message


def test_value_longer_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text("title: Talks\nbriefing: " + "x" * (MAX_SCALAR + 1) + "\n", encoding="utf-8")
    loaded, problems = load_scenario(path)
    assert loaded is None
    assert [(p.code, p.line, p.col) for p in problems] == [(codes.FILE_TOO_LARGE, 2, 11)]


def test_too_many_values(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("title: Talks\nnumbers: [" + ",".join(["0"] * (MAX_NODES + 10)) + "]\n", encoding="utf-8")
    assert path.stat().st_size < MAX_BYTES
    loaded, problems = load_scenario(path)
    assert loaded is None
    assert [p.code for p in problems] == [codes.FILE_TOO_LARGE]
    assert problems[0].line == 2


def test_invalid_utf8_written_as_bytes(tmp_path: Path) -> None:
    path = tmp_path / "bytes.yaml"
    path.write_bytes(b"title: Talks\nsummary: caf\xc3\x28 and \xff\xfe\n")
    _, problems = load_scenario(path)
    assert [(p.code, p.line, p.col) for p in problems] == [(codes.NOT_UTF8, 2, 13)]


def test_utf16_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes("title: Talks\n".encode("utf-16"))
    _, problems = load_scenario(path)
    assert problems[0].code == codes.NOT_UTF8
    assert "UTF-16" in problems[0].message


# -- the command line, for a few files (a subprocess each is slow) ----------------------------

CLI_SAMPLES = ["GO0006_duplicate_key", "GO0101_unknown_key", "GO0205_unknown_variable", "GO0301_unreachable_phase"]


def validate(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", "validate", *map(str, paths)], capture_output=True, text=True, timeout=60)


def test_validate_reports_errors_on_located_lines_and_exits_1() -> None:
    paths = [INVALID / f"{name}.yaml" for name in CLI_SAMPLES]
    result = validate(*paths)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    located = [LINE.match(line) for line in result.stderr.splitlines() if not line.startswith(" ")]  # hints, source excerpts
    assert all(located), result.stderr
    for path in paths:
        code, line, col = expectation(path)
        assert any(
            m["file"] == str(path) and m["code"] == code and int(m["line"]) == line and (col is None or int(m["col"]) == col)
            for m in located
            if m
        ), f"{path.name} not reported:\n{result.stderr}"
    for path in paths:
        assert re.search(rf"^{re.escape(str(path))}: \d+ errors?, ", result.stdout, re.M), result.stdout


def test_validate_exits_0_when_there_are_only_warnings() -> None:
    result = validate(INVALID / "GO0305_unused_venue.yaml")
    assert result.returncode == 0, result.stderr
    assert re.search(r":\d+:\d+: GO0305 warning: ", result.stderr)
    assert "ok (minimal" in result.stdout and "1 warning)" in result.stdout


# -- docs/errors.md ------------------------------------------------------------------------------


def test_every_code_has_a_section_with_a_bad_example_and_the_fix() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "errors.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", docs, flags=re.MULTILINE)[1:]
    by_code = {section.split(" ", 1)[0]: section for section in sections}
    every = {value for name, value in vars(codes).items() if name.isupper() and value.startswith("GO")}
    assert sorted(every - set(by_code)) == [], "codes without a section in docs/errors.md"
    assert sorted(set(by_code) - every) == [], "sections for codes that do not exist"
    for code in every:
        section = by_code[code]
        title, _, body = section.partition("\n")
        assert re.match(rf"{code} — \S", title), title
        assert re.search(r"^```(yaml|text|json)\n.+?\n```$", body, re.MULTILINE | re.DOTALL), f"{code}: a bad example"
        assert re.search(r"^Fix: \S", body, re.MULTILINE), f"{code}: the fix"
    order = [section.split(" ", 1)[0] for section in sections]
    assert order == sorted(order), "sections in code order"


def test_warning_codes_are_documented_as_warnings() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "errors.md").read_text(encoding="utf-8")
    for code in (*sorted(WARNING_CODES), codes.LOG_CUT_OFF):
        assert re.search(rf"^## {code} — .*\(warning\)$", docs, re.MULTILINE), code


def test_a_field_written_by_its_program_name_is_one_error_naming_the_file_key() -> None:
    """`sender:` for `from:` (and `schema_ref:` for `$schema:`) was once accepted by the loader
    though the JSON Schema refused it; now it is refused, with the key meant, and without a
    second error saying the message needs 'from'."""
    _, problems = load_scenario(INVALID / "GO0101_field_name_for_from.yaml")
    assert [(p.code, p.line, p.hint) for p in problems] == [(codes.UNKNOWN_KEY, 51, "did you mean 'from'?")]
    _, problems = load_scenario(INVALID / "GO0101_field_name_for_schema.yaml")
    assert [(p.code, p.hint) for p in problems] == [(codes.UNKNOWN_KEY, "did you mean '$schema'?")]
