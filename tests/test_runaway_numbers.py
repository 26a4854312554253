"""Effects whose numbers run away (issue 10, item 1).

Before: a float product that overflowed and was then multiplied by 0 gave NaN and a ValueError
while the outcome was written; twenty-one large integer factors gave an OverflowError in the
turn; the debrief JSON held NaN, which is not JSON. Now `validate` rejects calculations of
constants and variables beyond ±10^15 (GO0216, GO0217), and in play every number written
saturates at ±10^15 while a NaN leaves the value as it was.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

from game.engine.session import Session
from game.scenario import codes
from game.scenario.loader import load_scenario_text

MINIMAL_TEXT = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
INT_FACTORS = " * ".join(["1000000000000000"] * 21)
FLOAT_FACTORS = " * ".join(["1000000000000000.0"] * 21)


def _scenario(effects: list[str], variables: str = "") -> str:
    event = (
        "events:\n  runaway:\n    title: Numbers run away\n    text: The sums explode.\n    kind: incident\n"
        f"    at_turn: 2\n    effects: {json.dumps(effects)}\n  storm:"
    )
    text = MINIMAL_TEXT.replace("events:\n  storm:", event, 1)
    return text.replace("variables:\n", "variables:\n  n: {initial: 7, description: a number}\n" + variables, 1)


def _strict_json(text: str) -> object:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize(
    "effect",
    [f"var.n = {FLOAT_FACTORS} * 0", f"var.n = {INT_FACTORS}", "var.n += 1 / 0.0000000000000001 * 100", "var.n = -(99999999999999 * 99)"],
    ids=["float-overflow-times-0", "int-product", "division", "negative"],
)
def test_validate_rejects_a_constant_calculation_beyond_10_15(effect: str) -> None:
    loaded, problems = load_scenario_text(_scenario([effect]), "runaway.yaml")
    assert loaded is None
    [problem] = [p for p in problems if p.code == codes.NUMBER_TOO_LARGE]
    assert "beyond ±10^15" in problem.message and problem.hint
    assert problem.render().count("\n") == 1  # one located line and its hint


def test_validate_accepts_constants_up_to_10_15() -> None:
    loaded, problems = load_scenario_text(_scenario(["var.n = 1000000 * 1000000000", "var.n += 0.5 * 2"]), "fine.yaml")
    assert loaded is not None, [p.render() for p in problems]


@pytest.mark.parametrize("field", ["initial: 1.0e+16", "initial: -2000000000000000", "min: -1.0e+300", "max: 1.0e+20"])
def test_validate_rejects_a_variable_beyond_10_15(field: str) -> None:
    variable = (
        f"  huge: {{{field}, description: too big}}\n" if "initial" in field else f"  huge: {{initial: 0, {field}, description: too big}}\n"
    )
    loaded, problems = load_scenario_text(_scenario(["var.n += 1"], variable), "big.yaml")
    assert loaded is None
    [problem] = [p for p in problems if p.code == codes.VARIABLE_TOO_LARGE]
    assert "'huge'" in problem.message and field.split(":")[0] in problem.message and problem.hint


RUNAWAY = [
    f"var.big = turn * {INT_FACTORS}",  # a 300-digit integer: was an OverflowError in turn.py
    f"var.n = var.big * {FLOAT_FACTORS} * 0",  # inf * 0 = NaN: was a ValueError in outcome.py
    f"var.small = 0 - turn * {INT_FACTORS}",
    f"trust.upper = turn * {INT_FACTORS}",
    f"escalation = var.big * {FLOAT_FACTORS} * 0",
    f"circle = turn * {INT_FACTORS}",
    f"consent.lower = var.big * {FLOAT_FACTORS} * 0",
]


@pytest.fixture(scope="module")
def runaway_text() -> str:
    extra = "  big: {initial: 0, description: grows}\n  small: {initial: 0, description: shrinks}\n"
    return _scenario(RUNAWAY, extra)


def test_numbers_saturate_and_nan_leaves_the_value_unchanged(runaway_text: str) -> None:
    loaded, problems = load_scenario_text(runaway_text, "runaway.yaml")
    assert loaded is not None, [p.render() for p in problems]
    session = Session(loaded, seed=1, trainee="A", started="2026-01-01T00:00:00")
    escalation, consent = session.state.escalation, session.state.parties["lower"].consent.state
    while session.state.turn < 3 and not session.is_over:
        session.choose(session.moves()[0])
    state = session.state
    assert state.variables["big"] == 1e15 and state.variables["small"] == -1e15
    assert state.variables["n"] == 7  # NaN: unchanged
    assert state.parties["upper"].trust == 100.0 and state.circle == 10**15
    assert state.escalation >= escalation - 5 and state.escalation == state.escalation  # not NaN
    assert state.parties["lower"].consent.state == consent
    for outcome in session.history:
        _strict_json(json.dumps([change.to_json() for change in outcome.changes], allow_nan=False))


def test_play_and_the_json_debrief_survive_runaway_numbers(tmp_path: Path, runaway_text: str, cli_env: dict[str, str]) -> None:
    path = tmp_path / "runaway.yaml"
    path.write_text(runaway_text, encoding="utf-8")
    logs = tmp_path / "logs"
    run = [sys.executable, "-m", "game"]
    played = subprocess.run(
        [*run, "play", str(path), "--text", "--seed", "1", "--trainee", "A", "--log-dir", str(logs)],
        input="1\n" * 30,
        capture_output=True,
        text=True,
        env=cli_env,
        timeout=120,
    )
    assert played.returncode == 0 and "Traceback" not in played.stderr, played.stderr
    [log] = logs.glob("*.jsonl")
    for line in log.read_text(encoding="utf-8").splitlines():
        _strict_json(line)
    debrief = subprocess.run([*run, "debrief", str(log), "--format", "json"], capture_output=True, text=True, env=cli_env, timeout=300)
    assert debrief.returncode == 0 and "Traceback" not in debrief.stderr, debrief.stderr
    _strict_json(debrief.stdout)
