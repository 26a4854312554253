"""What the new practices leave behind can be read in expressions, so a scenario's story can
answer them: stalling_raised.<party>, lines_prepared.<party>, cabinet_briefed.<party> and
disclosure_prepared. Each reads the same through the engine's bound readers as through lookup."""

from __future__ import annotations

from test_engine_verbs import OPEN_BOTH, play

from game.engine.session import Session
from game.engine.state import bound_reader, lookup
from game.scenario.expressions import Const

SECRET = (*OPEN_BOTH, "propose_venue:isle:secret_meeting", "convene:talks")
NAMES = (
    "disclosure_prepared",
    "stalling_raised.north",
    "lines_prepared.north",
    "cabinet_briefed.north",
    "cabinet_briefed.south",
)


def _read(session: Session, name: str):  # type: ignore[no-untyped-def]
    value = lookup(session.state, session.loaded, name)
    bound = bound_reader(name, session.loaded)
    assert (bound.value if isinstance(bound, Const) else bound(session.state)) == value
    return value


def test_the_practices_can_be_read_in_expressions(strait) -> None:
    session = Session(strait, seed=9)
    play(session, *SECRET)
    assert session.state.channel.state == "back_channel"
    assert [_read(session, n) for n in NAMES] == [False, 0, False, False, False]
    play(session, "prepare_disclosure", "raise_stalling:north")
    assert _read(session, "disclosure_prepared") is True
    assert _read(session, "lines_prepared.north") is True
    assert _read(session, "stalling_raised.north") == 1


def test_a_scenario_may_write_them_in_conditions(variant) -> None:
    loaded = variant(
        "strait",
        (
            "events:\n",
            "events:\n  lines_ready:\n    title: Lines ready\n    text: Both sides have their public lines.\n"
            "    when: disclosure_prepared and lines_prepared.north and stalling_raised.south == 0"
            " and not cabinet_briefed.south\n",
        ),
    )
    session = Session(loaded, seed=9)
    play(session, *SECRET, "prepare_disclosure")
    assert "lines_ready" in session.state.fired
