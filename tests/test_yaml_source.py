"""What an instructor sees when a scenario file is read: the right data, or the
right code at the right line and column, naming the offending key or tag."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.diagnostics import has_errors
from game.scenario import codes, yaml_source
from game.scenario.yaml_source import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    Position,
    read_yaml_file,
    read_yaml_text,
)

LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request, monkeypatch):
    """Both parsers must give the same answers: the C one is not always installed."""
    monkeypatch.setattr(yaml_source, "_Loader", request.param)
    return request.param


def read(text: str | bytes):
    return read_yaml_text(text, "scenario.yaml")


def found(diags, code):
    return [d for d in diags if d.code == code]


def the_one(diags, code):
    matching = found(diags, code)
    assert len(matching) == 1, [d.render() for d in diags]
    return matching[0]


def at(diagnostic) -> tuple[int, int]:
    return diagnostic.line, diagnostic.col


# -- good files --------------------------------------------------------------


def test_reads_plain_data_in_file_order(loader):
    doc, diags = read(
        "title: Talks at Geneva\n"
        "zeta: 1\n"
        "alpha: 2.5\n"
        "parties:\n"
        "  - name: North\n"
        "    ready: yes\n"
        "  - name: South\n"
        "    ready: false\n"
        "notes: ~\n"
        "quoted: '12'\n"
    )
    assert diags == []
    assert doc is not None and doc.file == "scenario.yaml"
    assert list(doc.data) == ["title", "zeta", "alpha", "parties", "notes", "quoted"]
    assert doc.data["parties"] == [{"name": "North", "ready": True}, {"name": "South", "ready": False}]
    assert doc.data["zeta"] == 1 and doc.data["alpha"] == 2.5
    assert doc.data["notes"] is None and doc.data["quoted"] == "12"


def test_source_map_points_at_nested_keys_values_and_list_items(loader):
    doc, _ = read("title: Talks\nparties:\n  - name: North\n    seats: [3, 4]\nvenue:\n  city: Geneva\n")
    source = doc.source
    assert source.key(("title",)) == Position(1, 1)
    assert source.value(("title",)) == Position(1, 8)
    assert source.value(("parties", 0)) == Position(3, 5)
    assert source.key(("parties", 0, "name")) == Position(3, 5)
    assert source.value(("parties", 0, "name")) == Position(3, 11)
    assert source.value(("parties", 0, "seats", 1)) == Position(4, 16)
    assert source.key(("venue", "city")) == Position(6, 3)
    assert source.value(("venue", "city")) == Position(6, 9)
    assert source.key(("parties", 0)) is None  # list items have no key
    assert source.value(("missing",)) is None


def test_nearest_falls_back_to_the_closest_parent_then_the_first_line():
    doc, _ = read("venue:\n  city: Geneva\n")
    assert doc.source.nearest(("venue", "city")) == Position(2, 9)
    assert doc.source.nearest(("venue", "country", "code")) == doc.source.value(("venue",))
    assert doc.source.nearest(("nothing", "here")) == doc.source.value(())
    empty = yaml_source.SourceMap()
    assert empty.nearest(("x",)) == Position(1, 1)


def test_byte_order_mark_and_non_ascii_text_keep_columns_right():
    doc, diags = read("\ufeffcafé: crème\nb: ü\n".encode())
    assert diags == []
    assert doc.data == {"café": "crème", "b": "ü"}
    assert doc.source.value(("café",)) == Position(1, 7)
    doc, diags = read("\ufeffa: 1\n")
    assert diags == [] and doc.data == {"a": 1}


def test_dates_stay_text_and_plain_words_stay_text():
    doc, diags = read("start: 2024-05-01\nmood: =\nforced: ! 12\nexplicit: !!str 7\n")
    assert diags == []
    assert doc.data == {"start": "2024-05-01", "mood": "=", "forced": "12", "explicit": "7"}


def test_standard_tags_are_allowed_and_convert():
    doc, diags = read("a: !!int '7'\nb: !!float 1\nc: !!bool 'true'\nd: !!null ''\ne: !!map {x: 1}\nf: !!seq [1]\n")
    assert diags == []
    assert doc.data == {"a": 7, "b": 1.0, "c": True, "d": None, "e": {"x": 1}, "f": [1]}


# -- aliases and merges --------------------------------------------------------


def test_aliases_repeat_the_anchored_value_as_independent_copies(loader):
    doc, diags = read("base: &b [1, 2]\ncopy: *b\nnested:\n  inner: *b\n")
    assert diags == []
    assert doc.data["copy"] == [1, 2] and doc.data["nested"]["inner"] == [1, 2]
    assert doc.data["copy"] is not doc.data["base"]
    assert doc.source.value(("copy",)) == Position(2, 7)  # where the alias stands
    assert doc.source.value(("copy", 1)) == Position(1, 14)  # where the value was written


def test_merge_key_brings_in_a_mapping_and_explicit_keys_win(loader):
    doc, diags = read("defaults: &d {mood: calm, trust: 3}\nnorth:\n  <<: *d\n  trust: 5\n")
    assert diags == []
    assert doc.data["north"] == {"mood": "calm", "trust": 5}
    assert doc.source.key(("north", "mood")) == Position(1, 15)
    assert doc.source.value(("north", "trust")) == Position(4, 10)


def test_merge_of_a_list_earlier_mappings_win(loader):
    doc, diags = read("a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc: &c {<<: [*a, *b], z: 3}\nd: {<<: {w: 0}}\ne: {<<: *c}\n")
    assert diags == []
    assert doc.data["c"] == {"x": 1, "y": 1, "z": 3}
    assert doc.data["d"] == {"w": 0}
    assert doc.data["e"] == {"x": 1, "y": 1, "z": 3}


def test_merge_of_something_that_is_not_a_mapping_is_a_yaml_error(loader):
    doc, diags = read("a: &a [1]\nb:\n  <<: *a\n")
    assert doc is None
    assert at(the_one(diags, codes.YAML_SYNTAX)) == (3, 7)
    assert "<<" in the_one(diags, codes.YAML_SYNTAX).message


def test_a_problem_inside_a_repeated_value_is_reported_once(loader):
    doc, diags = read("a: &a {x: !custom 1, y: 1, y: 2}\nb: [*a, *a, *a]\nc: {<<: *a}\n")
    assert doc is None
    assert [(d.code, at(d)) for d in diags] == [
        (codes.FORBIDDEN_TAG, (1, 11)),
        (codes.DUPLICATE_KEY, (1, 28)),
    ]


def test_alias_without_anchor_is_reported_at_the_alias(loader):
    doc, diags = read("a: 1\nb: *nowhere\n")
    assert doc is None
    problem = the_one(diags, codes.YAML_SYNTAX)
    assert at(problem) == (2, 4) and "*nowhere" in problem.message


# -- GO0001 to GO0003: the file itself --------------------------------------------


def test_missing_file_or_folder_is_go0001(tmp_path: Path):
    for path in (tmp_path / "nope.yaml", tmp_path / "no_folder" / "x.yaml"):
        doc, diags = read_yaml_file(path)
        assert doc is None
        problem = the_one(diags, codes.FILE_UNREADABLE)
        assert problem.file == str(path) and "No such file" in problem.message


def test_folder_instead_of_file_is_go0001(tmp_path: Path):
    doc, diags = read_yaml_file(tmp_path)
    assert doc is None and "folder" in the_one(diags, codes.FILE_UNREADABLE).message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_refused_instead_of_blocking(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.yaml")
    doc, diags = read_yaml_file(tmp_path / "pipe.yaml")
    assert doc is None and the_one(diags, codes.FILE_UNREADABLE)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_is_go0001_with_the_reason(tmp_path: Path):
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)
    doc, diags = read_yaml_file(path)
    assert doc is None and "Permission denied" in the_one(diags, codes.FILE_UNREADABLE).message


def test_reads_a_good_file_from_disk(tmp_path: Path):
    path = tmp_path / "ok.yaml"
    path.write_text("title: Talks\n", encoding="utf-8")
    doc, diags = read_yaml_file(path)
    assert diags == [] and doc.data == {"title": "Talks"} and doc.file == str(path)


def test_file_over_the_size_limit_is_go0002_without_parsing(tmp_path: Path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: [" + b"1," * MAX_BYTES)
    doc, diags = read_yaml_file(path)
    assert doc is None and [d.code for d in diags] == [codes.FILE_TOO_LARGE]
    doc, diags = read("a: " + "x" * MAX_BYTES)
    assert doc is None and [d.code for d in diags] == [codes.FILE_TOO_LARGE]


def test_overlong_value_is_go0002_at_the_value():
    doc, diags = read("short: ok\nlong: " + "x" * 100_001 + "\n")
    assert doc is None
    problem = the_one(diags, codes.FILE_TOO_LARGE)
    assert at(problem) == (2, 7) and "100000 characters" in problem.message


def test_more_values_than_the_limit_is_go0002_where_the_limit_is_passed():
    doc, diags = read("x: [" + "1," * MAX_NODES + "]\n")
    assert doc is None
    problem = the_one(diags, codes.FILE_TOO_LARGE)
    assert problem.line == 1 and str(MAX_NODES) in problem.message


def test_bytes_that_are_not_utf8_are_go0003_with_the_line():
    doc, diags = read(b"a: 1\nb: caf\xe9\n")
    assert doc is None
    problem = the_one(diags, codes.NOT_UTF8)
    assert at(problem) == (2, 7) and "line 2" in problem.message


def test_utf16_file_is_go0003_and_says_so():
    doc, diags = read("a: 1\n".encode("utf-16"))
    assert doc is None and "UTF-16" in the_one(diags, codes.NOT_UTF8).message


def test_control_characters_and_lone_surrogates_are_go0003():
    doc, diags = read("a: 1\nb: x\x00y\n")
    assert doc is None
    assert at(the_one(diags, codes.NOT_UTF8)) == (2, 5)
    assert "U+0000" in the_one(diags, codes.NOT_UTF8).message
    doc, diags = read("a: 1\nb: \ud800\n")
    assert doc is None and at(the_one(diags, codes.NOT_UTF8)) == (2, 4)


# -- GO0004 and GO0005: syntax and tabs ----------------------------------------------


def test_syntax_error_gives_the_parser_problem_at_its_position(loader):
    doc, diags = read("title: Talks\nvenue: Geneva: Palais\n")
    assert doc is None
    problem = the_one(diags, codes.YAML_SYNTAX)
    assert at(problem) == (2, 14)
    assert "mapping values are not allowed" in problem.message
    assert "quotes" in problem.hint


def test_unclosed_quote_includes_the_parser_context(loader):
    doc, diags = read("a: 1\nb: 'never closed\n")
    assert doc is None
    problem = the_one(diags, codes.YAML_SYNTAX)
    assert problem.line >= 2 and "quoted scalar" in problem.message
    assert "line 2" in problem.message


def test_tab_indentation_is_go0005_at_the_tab_even_when_parsing_fails(loader):
    doc, diags = read("venue:\n  city: Geneva\n\tcountry: CH\n")
    assert doc is None
    problem = the_one(diags, codes.TAB_INDENT)
    assert at(problem) == (3, 1) and "spaces" in problem.hint
    assert not any(d.line == 3 for d in found(diags, codes.YAML_SYNTAX))


def test_tab_after_spaces_is_found_at_its_column(loader):
    doc, diags = read("venue:\n  \tcity: Geneva\n")
    assert doc is None and at(the_one(diags, codes.TAB_INDENT)) == (2, 3)


def test_many_tab_lines_give_twenty_reports_and_a_summary():
    doc, diags = read("a:\n" + "\tb: 1\n" * 30)
    tabs = found(diags, codes.TAB_INDENT)
    assert doc is None and len(tabs) == 21
    assert "10 more lines" in tabs[-1].message and tabs[-1].line == 22


def test_tabs_inside_text_are_fine(loader):
    doc, diags = read("a: 'one\ttwo'\nb: |\n  line\n  \tindented inside the text\nc: 'x\n\ty'\n")
    assert diags == []
    assert doc.data["a"] == "one\ttwo" and doc.data["b"].endswith("\tindented inside the text\n")


# -- GO0006 to GO0008: keys, depth, aliases ------------------------------------------


def test_duplicate_key_is_go0006_at_the_second_naming_the_first_line(loader):
    doc, diags = read("title: A\nvenue:\n  city: Geneva\n  room: 4\n  city: Vienna\n")
    assert doc is None
    problem = the_one(diags, codes.DUPLICATE_KEY)
    assert at(problem) == (5, 3)
    assert "'city'" in problem.message and "line 3" in problem.message


def test_every_duplicate_is_reported_in_one_pass():
    _, diags = read("a: 1\nb: 2\na: 3\nb: 4\n")
    assert [at(d) for d in found(diags, codes.DUPLICATE_KEY)] == [(3, 1), (4, 1)]


def test_two_merge_keys_in_one_mapping_are_a_duplicate():
    _, diags = read("a: &a {x: 1}\nb: &b {y: 1}\nc:\n  <<: *a\n  <<: *b\n")
    problem = the_one(diags, codes.DUPLICATE_KEY)
    assert at(problem) == (5, 3) and "<<: [*a, *b]" in problem.hint


def test_ten_thousand_open_brackets_are_go0007_not_a_crash(loader):
    doc, diags = read("a: " + "[" * 10_000)
    assert doc is None
    problem = the_one(diags, codes.TOO_DEEP)
    # The top-level mapping is level 1, so the 40th bracket opens level 41.
    assert at(problem) == (1, 3 + MAX_DEPTH) and str(MAX_DEPTH) in problem.message


def test_nesting_up_to_the_limit_is_fine_and_one_more_is_not(loader):
    doc, diags = read("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n")
    assert diags == [] and doc is not None
    block = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 1)) + "  " * 41 + "x: 1\n"
    doc, diags = read(block)
    assert doc is None and at(the_one(diags, codes.TOO_DEEP)) == (MAX_DEPTH + 1, 2 * MAX_DEPTH + 1)


def test_depth_added_by_aliases_counts_too():
    half = MAX_DEPTH // 2 + 1
    text = "a: &a " + "[" * half + "]" * half + "\nb: " + "[" * half + "*a" + "]" * half + "\n"
    doc, diags = read(text)
    assert doc is None and at(the_one(diags, codes.TOO_DEEP)) == (2, 4 + half)


def billion_laughs() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_go0008_at_the_first_alias(loader):
    doc, diags = read(billion_laughs())
    assert doc is None
    problem = the_one(diags, codes.ALIAS_EXPANSION)
    assert at(problem) == (2, 8) and str(MAX_NODES) in problem.message


def test_merge_bomb_is_go0008():
    lines = ["k0: &k0 {" + ", ".join(f"x{i}: 1" for i in range(300)) + "}"]
    lines += [f"m{i}: {{<<: [" + ", ".join(["*k0"] * 300) + "]}" for i in range(5)]
    doc, diags = read("\n".join(lines) + "\n")
    assert doc is None and at(the_one(diags, codes.ALIAS_EXPANSION)) == (2, 11)


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n", "a: &a [[x, *a]]\n"])
def test_recursive_alias_is_go0008_and_does_not_hang(loader, text):
    doc, diags = read(text)
    assert doc is None
    problem = the_one(diags, codes.ALIAS_EXPANSION)
    assert problem.line == 1 and "*a" in problem.message and "forever" in problem.message


# -- GO0009 to GO0012: tags, numbers, shape, keys ------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!python/object/apply:os.system ['rm -rf /']", "!!python/object/apply:os.system"),
        ("!!python/name:os.system ''", "!!python/name:os.system"),
        ("!custom x", "!custom"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!timestamp 2024-05-01", "!!timestamp"),
        ("!!set {a: null}", "!!set"),
    ],
)
def test_non_core_tags_are_go0009_at_the_value(loader, value, shown):
    doc, diags = read(f"title: ok\nrun: {value}\n")
    assert doc is None
    problem = the_one(diags, codes.FORBIDDEN_TAG)
    assert at(problem) == (2, 6)
    assert problem.message == f"the tag {shown} is not allowed in scenario files"


def test_core_tag_on_the_wrong_kind_of_value_is_go0009():
    doc, diags = read("a: !!map plain\nb: !!str [1]\n")
    assert doc is None
    assert [at(d) for d in found(diags, codes.FORBIDDEN_TAG)] == [(1, 4), (2, 4)]
    assert "cannot be used on a single value" in found(diags, codes.FORBIDDEN_TAG)[0].message


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("1234567890123456789012345678901", "more than 30 digits"),
        ("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "more than 30 digits"),
        ("1" * 5000, "more than 30 digits"),
        (".nan", "not a finite number"),
        (".inf", "not a finite number"),
        ("-.inf", "not a finite number"),
        ("1.0e+999", "not a finite number"),
        ("!!int many", "cannot be read as a whole number"),
    ],
)
def test_unusable_numbers_are_go0010(loader, value, words):
    doc, diags = read(f"seats: 3\nbudget: {value}\n")
    assert doc is None
    problem = the_one(diags, codes.BAD_NUMBER)
    assert at(problem) == (2, 9) and words in problem.message


def test_thirty_digits_are_still_a_number():
    doc, diags = read("a: " + "9" * 30 + "\n")
    assert diags == [] and doc.data["a"] == int("9" * 30)


@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        ("", (1, 1), "empty"),
        ("# only a comment\n", (1, 1), "empty"),
        ("---\n", (2, 1), "no content"),
        ("- a\n- b\n", (1, 1), "not a list"),
        ("just words\n", (1, 1), "not a single value"),
        ("a: 1\n---\nb: 2\n", (2, 1), "more than one YAML document"),
    ],
)
def test_empty_many_documents_or_no_mapping_is_go0011(loader, text, position, words):
    doc, diags = read(text)
    assert doc is None
    problem = the_one(diags, codes.NOT_A_MAPPING)
    assert at(problem) == position and words in problem.message


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("1: x", "the key 1 is read as a number"),
        ("2.5: x", "the key 2.5 is read as a number"),
        ("true: x", "the key true is read as true/false"),
        ("null: x", "the key null is read as 'nothing'"),
        ("~: x", "this key is empty"),
        ("? [a, b]\n: x", "not a list"),
        ("? {a: b}\n: x", "not a mapping"),
    ],
)
def test_keys_that_are_not_text_are_go0012_with_a_hint_to_quote(loader, line, words):
    doc, diags = read(f"title: ok\n{line}\n")
    assert doc is None
    problem = the_one(diags, codes.NON_STRING_KEY)
    assert problem.line == 2 and words in problem.message


def test_yes_no_on_off_keys_stay_words_so_transitions_can_say_on():
    doc, diags = read("on: agree\nyes: 1\noff: 2\n")
    assert diags == [] and doc.data == {"on": "agree", "yes": 1, "off": 2}


def test_quoted_keys_that_look_like_numbers_are_fine():
    doc, diags = read("'1': x\n\"yes\": y\n")
    assert diags == [] and doc.data == {"1": "x", "yes": "y"}
    _, diags = read("1: x\n")
    assert "quotes" in the_one(diags, codes.NON_STRING_KEY).hint


# -- never raises ------------------------------------------------------------------


def check_contract(raw) -> None:
    doc, diags = read(raw)
    assert (doc is None) == has_errors(diags)
    assert all(d.file == "scenario.yaml" and d.line >= 0 and d.col >= 0 for d in diags)
    assert not any("internal error" in d.message for d in diags), [d.render() for d in diags]


YAMLISH = st.text(alphabet=st.sampled_from(list("ab1 -:?[]{},#&*!|>'\"%@`\n\t.~<")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200) | YAMLISH)
def test_any_text_gives_a_document_or_an_error(text):
    check_contract(text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_document_or_an_error(data):
    check_contract(data)


# -- the documentation ---------------------------------------------------------------


def test_every_reading_code_has_a_section_in_the_error_docs():
    docs = (Path(__file__).parents[1] / "docs" / "errors.md").read_text(encoding="utf-8")
    for number in range(1, 13):
        code = f"GO{number:04d}"
        assert re.search(rf"^## {code} — \S", docs, re.MULTILINE), code
