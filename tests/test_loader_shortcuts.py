"""The loader's shortcuts change no answer: positions worked out only when a diagnostic asks
still point at the exact line and column, a text parsed once still counts at every place it
stands, the collector paused while loading is always restored, and a very large file loads."""

from __future__ import annotations

import gc
import importlib.util
import random
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.debrief.policy import careful_move
from game.engine.session import Session
from game.printable import SPOOFING, unprintable
from game.scenario import codes, loader
from game.scenario.loader import load_scenario, load_scenario_text

ROOT = Path(__file__).resolve().parent.parent
MINIMAL_TEXT = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")


def edited(*edits: tuple[str, str]) -> str:
    text = MINIMAL_TEXT
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def located(text: str) -> list[tuple[str, int, int]]:
    loaded, problems = load_scenario_text(text, "x.yaml")
    assert loaded is None
    return [(p.code, p.line, p.col) for p in problems if p.is_error]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def col_of(text: str, fragment: str) -> int:
    start = text.index(fragment)
    return start - text.rfind("\n", 0, start)


# -- exact positions ---------------------------------------------------------------------------


def test_an_expression_error_deep_in_block_style_points_at_its_character() -> None:
    text = edited(("          when: meetings >= 1\n", "          when: meetings >= 1 && turn > 2\n"))
    assert located(text) == [(codes.EXPRESSION_SYNTAX, line_of(text, "meetings >= 1 &&"), col_of(text, "&& turn"))]


def test_an_expression_error_in_flow_style_points_at_its_character() -> None:
    text = edited(
        (
            "      transitions:\n        - to: deal\n          on: agree_share\n",
            "      transitions: [{to: deal, on: agree_share}, {to: drift, when: 'turn >> 4'}]\n",
        )
    )
    assert located(text) == [(codes.EXPRESSION_SYNTAX, line_of(text, "'turn >> 4'"), col_of(text, ">> 4"))]


def test_an_unknown_name_in_a_flow_mapping_is_reported_where_its_value_starts() -> None:
    text = edited(('    on_delivered: ["var.offer_known = true"]', "    on_delivered: [\"var.offer_known = true\", 'trust.nowhere += 1']"))
    assert located(text) == [(codes.UNKNOWN_PARTY, line_of(text, "'trust.nowhere"), col_of(text, "'trust.nowhere"))]


def test_a_value_reached_through_an_alias_is_reported_where_the_alias_stands() -> None:
    text = edited(
        ("          when: meetings >= 1\n", "          when: &cond meetings >= nobody\n"),
        ("          on: agree_share\n", "          on: agree_share\n          when: *cond\n"),
    )
    found = located(text)
    assert (codes.UNKNOWN_NAME, line_of(text, "&cond"), col_of(text, "&cond")) in found
    assert (codes.UNKNOWN_NAME, line_of(text, "*cond"), col_of(text, "*cond")) in found


def test_a_schema_error_deep_in_the_file_keeps_its_line_and_column() -> None:
    text = edited(
        (
            "      ending: {grade: failure, outcome: Villagers clashed at the dam.}",
            "      ending: {grade: awful, outcome: Villagers clashed at the dam.}",
        )
    )
    found = located(text)
    assert [(line, col) for _, line, col in found] == [(line_of(text, "grade: awful"), col_of(text, "awful"))]


# -- one parse per text ------------------------------------------------------------------------


def test_the_same_bad_expression_in_two_places_is_reported_at_both() -> None:
    """Parsed once, reported twice: plain at one place, quoted at the other (one column apart)."""
    text = edited(
        ("          when: meetings >= 1\n", "          when: meetings => 1\n"),
        ("    when: var.offer_known\n", "    when: 'meetings => 1'\n"),
    )
    starts = [m.start() for m in re.finditer("=> 1", text)]
    assert len(starts) == 2
    expected = [(codes.EXPRESSION_SYNTAX, text.count("\n", 0, i) + 1, i - text.rfind("\n", 0, i)) for i in starts]
    assert located(text) == expected


def test_the_same_unknown_effect_target_in_two_places_is_reported_at_both() -> None:
    text = edited(
        ('    effects: ["escalation += 5"]', '    effects: ["turn += 5"]'),
        ('    on_delivered: ["var.offer_known = true"]', '    on_delivered: ["turn += 5"]'),
    )
    assert [line for code, line, _ in located(text) if code == codes.UNKNOWN_NAME] == sorted(
        [line_of(text, '["turn += 5"]\nvariables'), line_of(text, '    effects: ["turn += 5"]')]
    )


def test_the_same_condition_in_two_places_gives_each_its_own_correct_result() -> None:
    """`meetings >= 1` guards the transition out of the standoff and, here, the choice too: the
    one parsed expression answers each question from the state it is asked about."""
    text = edited(
        ("    when: var.offer_known\n", "    when: meetings >= 1\n"),
        ("      transitions:\n        - to: deal\n", "      transitions:\n        - to: deal\n          when: meetings >= 1\n"),
    )
    loaded, problems = load_scenario_text(text, "x.yaml")
    assert loaded is not None, [p.render() for p in problems]
    condition = loaded.expressions.conditions["meetings >= 1"]
    assert condition.evaluate(lambda name: {"meetings": 0}[name]) is False
    assert condition.evaluate(lambda name: {"meetings": 3}[name]) is True
    seen = set()
    for seed in range(6):
        session = Session(loaded, seed=seed)
        chooser = random.Random(seed)
        while not session.is_over:
            moves = session.moves()
            offered = any(m.verb == "choice" and m.key.endswith(":agree_share") for m in moves)
            assert offered == (session.state.phase.state == "talking" and session.state.meetings >= 1)
            seen.add((session.state.phase.state, offered))
            careful = careful_move(loaded, session.state, moves)  # the careful envoy meets, most of the time
            session.choose(careful if chooser.random() < 0.8 else chooser.choice(moves))
    assert ("talking", True) in seen and ("standoff", False) in seen


# -- the collector -----------------------------------------------------------------------------


@pytest.fixture
def collector_state() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.enable() if was else gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_as_it_was_after_a_load_that_fails(enabled: bool, collector_state: None, tmp_path: Path) -> None:
    gc.enable() if enabled else gc.disable()
    assert load_scenario_text("title: [unclosed\n", "x.yaml")[0] is None
    assert gc.isenabled() is enabled
    (tmp_path / "bad.yaml").write_text("format: 2\nid: x\n", encoding="utf-8")
    assert load_scenario(tmp_path / "bad.yaml")[0] is None
    assert gc.isenabled() is enabled


def test_the_collector_is_back_on_after_a_load_that_raises(collector_state: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> object:
        raise MemoryError("out of memory while loading")

    monkeypatch.setattr(loader, "read_yaml_text", broken)
    gc.enable()
    with pytest.raises(MemoryError):
        load_scenario_text("format: 2\n", "x.yaml")
    assert gc.isenabled()


# -- size --------------------------------------------------------------------------------------


def _bench() -> object:
    spec = importlib.util.spec_from_file_location("_bench_for_tests", ROOT / "tools" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_a_generated_scenario_of_10000_phases_loads_and_plays() -> None:
    text = _bench().compact_scenario(10000)  # type: ignore[attr-defined]
    loaded, problems = load_scenario_text(text, "generated.yaml")
    assert loaded is not None, [p.render() for p in problems[:3]]
    assert len(loaded.scenario.phases.phases) == 10000
    session = Session(loaded, seed=1)
    session.choose(session.moves()[0])
    assert session.history


# -- the printable check, done by one search -------------------------------------------------


def test_the_printable_check_finds_every_control_and_spoofing_character_first_to_last() -> None:
    """`unprintable` searches once instead of asking each character's category; it must still
    name exactly the characters of category Cc (but newline and tab) and the SPOOFING ones,
    the first one in the text."""
    chars = [chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF]
    wrong = [c for c in chars if c not in "\n\t" and (unicodedata.category(c) == "Cc" or c in SPOOFING)]
    assert len(wrong) == 65 - 2 + len(SPOOFING)
    flagged = set(wrong)
    assert unprintable("".join(c for c in chars if c not in flagged)) is None
    for char in wrong:
        found = unprintable(f"a{char}b\u200b\x01")
        assert found is not None and f"U+{ord(char):04X}" in found, (hex(ord(char)), found)
        assert ("control character" in found) == (unicodedata.category(char) == "Cc")


def test_an_undeclared_party_in_an_expression_names_the_declared_ones() -> None:
    from game.scenario.loader import load_scenario

    path = Path(__file__).parent / "fixtures" / "minimal.yaml"
    text = path.read_text(encoding="utf-8").replace("when: meetings >= 1", "when: consent.kaldor >= contact")
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        changed = Path(folder) / "minimal.yaml"
        changed.write_text(text, encoding="utf-8")
        _, problems = load_scenario(changed)
    [problem] = [p for p in problems if p.code == codes.UNKNOWN_PARTY]
    assert problem.hint == "declared parties: lower, upper"
