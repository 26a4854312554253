"""A secret meeting opens a back channel from any channel short of official talks: also after
messages have crossed through the envoy (indirect) or the delegations met in separate rooms
(proximity). Once contacts are official or public there is nothing left to keep secret."""

from __future__ import annotations

import pytest
from test_engine_verbs import OPEN_BOTH, play

from game.engine.session import Session


@pytest.mark.parametrize("before", ["indirect", "proximity"])
def test_a_secret_meeting_after_messages_or_proximity_talks_opens_a_back_channel(strait, before: str) -> None:
    for seed in range(20):
        session = Session(strait, seed=seed)
        play(session, *OPEN_BOTH)
        if before == "indirect":
            play(session, "convene:shuttle")
        else:
            play(session, "propose_venue:isle:proximity_talks", "convene:talks")
        assert session.state.channel.state == before
        play(session, "propose_venue:isle:secret_meeting")
        circle = session.state.circle
        outcome = session.choose("convene:talks")
        assert session.state.circle == circle + 2, "two more people know"
        assert not any("no longer secret" in r for r in outcome_texts(outcome))
        if session.state.channel.state != "public":  # unless the secret leaked at once
            assert session.state.channel.state == "back_channel"
            return
    pytest.fail("the secret leaked at once with every seed")


def outcome_texts(outcome) -> list[str]:  # type: ignore[no-untyped-def]
    return [getattr(r, "text", str(r)) for r in outcome.replies]
