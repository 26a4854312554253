"""What the trainee reads about messages and consent, in the words both front ends share."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.engine.session import Session
from game.frontends.presenter import consent_text, describe_change, inbox_lines, move_menu, party_views, visible_changes
from game.frontends.terminal.play import TerminalPlay
from game.scenario.loader import LoadedScenario, load_scenario

FIXTURE = Path(__file__).parent / "fixtures" / "messages.yaml"


@pytest.fixture(scope="module")
def messages() -> LoadedScenario:
    loaded, problems = load_scenario(FIXTURE)
    assert loaded is not None, [p.render() for p in problems]
    return loaded


# -- consent, act by act -------------------------------------------------------------------------


def test_consent_acts_in_plain_words_with_the_reason_for_the_last_change(strait) -> None:
    session = Session(strait, seed=1)
    assert consent_text(session, "south") == "Agreed: nothing yet."
    assert consent_text(session, "north") == "Agreed: carrying 'The North's terms for the crew'.", (
        "handing the envoy a message is an act of consent, but not news about it"
    )
    for key in ("approach:north", "approach:north", "approach:south", "propose_venue:isle:secret_meeting"):
        session.choose(key)
    assert consent_text(session, "north") == (
        "Agreed: contact; carrying its messages; a secret meeting at Lighthouse Isle; carrying 'The North's terms for the crew'. "
        "The North agreed to a secret meeting in Lighthouse Isle."
    )
    assert consent_text(session, "south").startswith("Agreed: contact; a secret meeting at Lighthouse Isle.")


def test_a_request_for_help_is_the_reason_shown_from_the_start(variant) -> None:
    loaded = variant("strait", ("    trust: 50\n", "    trust: 50\n    request: {summary: its letter of 2 March}\n"))
    session = Session(loaded, seed=1)
    assert consent_text(session, "north").startswith("Agreed: contact; carrying 'The North's terms for the crew'.")
    assert consent_text(session, "north").endswith("The North asked for help: its letter of 2 March.")
    assert [v.agreed for v in party_views(session) if v.id == "north"] == [consent_text(session, "north")]


def test_a_meeting_agreed_is_told_and_a_message_handed_over_is_told_as_an_arrival(strait) -> None:
    session = Session(strait, seed=1)
    assert not [c for c in visible_changes(session, session.opening) if "agreed" in c], "the arrival already says it"
    session.choose("approach:north")
    outcome = session.choose("propose_venue:isle:secret_meeting")
    agreed = next(c for c in outcome.changes if c.name == "agreed.north")
    assert describe_change(session, agreed) == "the North agreed to a secret meeting at Lighthouse Isle"


# -- the inbox ---------------------------------------------------------------------------------------


def test_inbox_lines_mark_warnings_and_say_when_a_message_is_due_or_overdue(messages) -> None:
    session = Session(messages, seed=1)
    assert inbox_lines(session) == [
        "SAFETY WARNING: The North's firing exercise \u2014 from the North to the South "
        "(due by day 2; goes through the naval liaison at Carrow)",
        "HUMANITARIAN MESSAGE: A wounded sailor \u2014 from the South to the North (goes through its permanent mission)",
        "The South's quota offer \u2014 from the South to the North (due by day 3; cannot be delivered until the North accepts contact)",
    ]
    session.choose("wait:")
    assert "(last day to deliver it in time;" in inbox_lines(session)[0]
    session.choose("wait:")
    assert "(overdue since day 3: delivering it now is late;" in inbox_lines(session)[0]


# -- the relay menu ------------------------------------------------------------------------------------


def test_the_relay_menu_shows_the_original_beside_each_wording(messages) -> None:
    session = Session(messages, seed=1)
    group = next(e for e in move_menu(session) if e.label == "Messages")
    notice = next(e for e in group.children if e.label == "The North's firing exercise")
    assert notice.detail.startswith("Safety warning \u00b7 From the North to the South \u00b7 hostile tone \u00b7 due by day 2")
    assert notice.intro.startswith("Original (hostile tone): \u201cKeep your boats out of our firing range")
    assert "Substance (what it offers or demands): The North's navy will fire live rounds" in notice.intro
    leaves = {leaf.move.key.split(":")[2]: leaf for leaf in notice.children if leaf.move}
    assert leaves["softened"].label == "In a softer tone, same substance, through the naval liaison at Carrow"
    assert leaves["softened"].detail.startswith("\u201cThe North's navy holds a live-fire exercise")
    assert leaves["verbatim"].detail.startswith("\u201cKeep your boats out")
    assert leaves["agree_wording"].label == "Agree a gentler wording with the sender first"
    assert leaves["reformulate"].detail == "Takes the turn; the sender may agree or refuse"


# -- the terminal --------------------------------------------------------------------------------------


def test_the_terminal_shows_consent_acts_the_original_and_the_wording_each_option_delivers(messages) -> None:
    session = Session(messages, seed=1)
    out = io.StringIO()
    TerminalPlay(session, "log.jsonl", io.StringIO("? relay:exercise_notice:agree_wording\nq\n"), out).run()
    text = " ".join(out.getvalue().split())
    assert "Agreed: carrying 'The South's quota offer'; carrying 'A wounded sailor'." in text
    assert "SAFETY WARNING: 'The North's firing exercise', from the North to the South" in text
    assert "Original (hostile tone): \u201cKeep your boats out of our firing range on day 3" in text
    assert "they would read: \u201cThe North's navy holds a live-fire exercise" in text
    described_as = (
        "Agree a gentler wording of 'The North's firing exercise' with the North first [key: relay:exercise_notice:agree_wording]"
    )
    assert described_as + " Show the North the gentler wording" in text
    described = text.split(described_as)[1]
    assert "Original (hostile tone)" in described.split("Your move")[0]
