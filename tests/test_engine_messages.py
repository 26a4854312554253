"""Messages by kind and deadline: warnings that always get through, ordinary messages that wait
for contact, the record of when each arrived and was delivered, and the two ways of working on
a message's words with its sender (agreeing a gentler wording, asking for a reformulation)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.outcome import Outcome
from game.engine.session import Session
from game.engine.state import lookup
from game.scenario.loader import LoadedScenario, load_scenario

FIXTURE = Path(__file__).parent / "fixtures" / "messages.yaml"


@pytest.fixture(scope="module")
def messages() -> LoadedScenario:
    loaded, problems = load_scenario(FIXTURE)
    assert loaded is not None, [p.render() for p in problems]
    return loaded


def relay_keys(session: Session, mid: str) -> set[str]:
    return {m.key.split(":")[2] for m in session.moves() if m.key.startswith(f"relay:{mid}:")}


def move(session: Session, key: str):
    return next(m for m in session.moves() if m.key == key)


def changes(outcome: Outcome, name: str, reason_part: str = "") -> list[float]:
    return [float(c.after) - float(c.before) for c in outcome.changes if c.name == name and reason_part in c.reason]


# -- warnings always get through ----------------------------------------------------------------


def test_a_safety_warning_reaches_a_party_without_consent_through_its_liaison(messages) -> None:
    session = Session(messages, seed=1)
    assert session.state.parties["south"].consent.state == "none"
    assert {"verbatim", "softened"} <= relay_keys(session, "exercise_notice")
    assert "distorted" not in relay_keys(session, "exercise_notice")
    label = move(session, "relay:exercise_notice:softened").label
    assert label == "Deliver 'The North's firing exercise' in a softer tone through the naval liaison at Carrow"
    outcome = session.choose("relay:exercise_notice:softened")
    state = session.state
    assert state.message_status["exercise_notice"] == "softened"
    assert state.message_delivered == {"exercise_notice": 1}
    assert "exercise_notice" in state.via_liaison
    assert state.parties["south"].consent.state == "none", "a warning passed on is not consent"
    assert state.channel.state == "indirect", "the traffic opens an indirect channel"
    assert "through the naval liaison at Carrow" in outcome.change_of("channel").reason
    assert changes(outcome, "escalation", "a safety warning reached the South in time") == [-2]


def test_a_humanitarian_message_uses_the_default_wording_when_no_liaison_is_named(messages) -> None:
    session = Session(messages, seed=1)
    assert session.state.parties["north"].consent.state == "none"
    label = move(session, "relay:wounded:verbatim").label
    assert label == "Deliver 'A wounded sailor' word for word through its permanent mission"
    session.choose("relay:wounded:verbatim")
    assert session.state.message_delivered["wounded"] == 1 and "wounded" in session.state.via_liaison


def test_an_ordinary_message_still_waits_for_the_recipients_contact(messages) -> None:
    session = Session(messages, seed=1)
    assert relay_keys(session, "quota_offer") == {"agree_wording", "reformulate", "withhold", "publish"}
    session.choose("approach:north")
    assert session.state.parties["north"].consent.state == "contact"
    assert {"verbatim", "softened", "distorted"} <= relay_keys(session, "quota_offer")
    assert "through" not in move(session, "relay:quota_offer:verbatim").label


def test_a_warning_to_a_party_in_contact_goes_through_the_envoy(messages) -> None:
    session = Session(messages, seed=1)
    session.choose("approach:south")
    assert "through" not in move(session, "relay:exercise_notice:verbatim").label
    session.choose("relay:exercise_notice:verbatim")
    assert "exercise_notice" not in session.state.via_liaison


# -- due, delivered, late, overdue --------------------------------------------------------------


def test_arrival_and_delivery_turns_are_recorded_and_a_late_delivery_is_late(messages) -> None:
    session = Session(messages, seed=2)
    state = session.state
    assert state.message_due == {"exercise_notice": 1, "wounded": 1, "quota_offer": 1}
    session.choose("wait:")  # turn 2: the last turn the exercise notice is in time
    assert state.message_overdue == set()
    third = session.choose("wait:")  # turn 3: its deadline has passed
    assert "exercise_notice" in state.message_overdue
    assert changes(third, "trust.north", "'The North's firing exercise' was not delivered in time") == [-3]
    assert changes(third, "escalation", "a safety warning did not reach the South in time") == [2]
    assert "wounded" not in state.message_overdue, "no deadline, never overdue"
    late = session.choose("relay:exercise_notice:softened")
    assert state.message_delivered["exercise_notice"] == 3
    assert "exercise_notice" in state.message_late and "exercise_notice" in state.message_overdue
    assert not changes(late, "escalation", "in time"), "a late warning earns nothing for being delivered"


def test_a_delivery_in_time_is_not_late(messages) -> None:
    session = Session(messages, seed=2)
    session.choose("wait:")
    session.choose("relay:exercise_notice:verbatim")
    assert session.state.message_delivered["exercise_notice"] == 2
    assert session.state.message_late == set() and session.state.message_overdue == set()


def test_a_withheld_message_becomes_overdue_without_a_visible_trust_cost(messages) -> None:
    session = Session(messages, seed=2)
    session.choose("relay:quota_offer:withhold")
    session.choose("wait:")
    passed = session.choose("wait:")  # turn 4: due by turn 3
    assert "quota_offer" in session.state.message_overdue and "quota_offer" not in session.state.message_delivered
    assert not changes(passed, "trust.south", "not delivered in time"), "the hidden grievance carries the cost"


# -- agreeing the wording with the sender first ---------------------------------------------------


def test_agreed_wording_keeps_the_substance_and_the_senders_trust(messages) -> None:
    session = Session(messages, seed=3)
    session.choose("approach:north")
    agreed = session.choose("relay:quota_offer:agree_wording")
    state = session.state
    assert "quota_offer" in state.inbox and state.message_status["quota_offer"] == "wording_agreed"
    assert changes(agreed, "trust.south", "asked it before changing the tone") == [1]
    assert agreed.replies[0].speaker == "the South" and "ready to discuss a fishing quota" in agreed.replies[0].text
    offered = relay_keys(session, "quota_offer")
    assert "agreed" in offered and "softened" not in offered and "agree_wording" not in offered
    assert "reformulate" not in offered
    delivered = session.choose("relay:quota_offer:agreed")
    assert state.message_status["quota_offer"] == "agreed"
    assert delivered.change_of("var.terms_known").after is True, "the substance arrived"
    assert changes(delivered, "trust.south", "the wording it had approved") == [4]
    assert changes(delivered, "trust.north", "could be heard") == [2]
    assert lookup(state, messages, "relayed.quota_offer") is True
    assert lookup(state, messages, "softened.quota_offer") is True, "the agreed wording is the softened text"
    assert state.parties["south"].grievance == 0


def test_agreeing_first_earns_the_sender_more_than_softening_alone(messages) -> None:
    agreed = Session(messages, seed=3)
    for key in ("approach:north", "relay:quota_offer:agree_wording", "relay:quota_offer:agreed"):
        agreed.choose(key)
    softened = Session(messages, seed=3)
    for key in ("approach:north", "relay:quota_offer:softened"):
        softened.choose(key)
    assert changes(softened.history[-1], "trust.south", "carried the substance faithfully") == [3]
    gained = sum(sum(changes(o, "trust.south", "")) for o in agreed.history[1:])
    assert gained >= 5


# -- asking the sender to reformulate -------------------------------------------------------------


def test_reformulation_is_drawn_from_the_seed_and_trust_and_hardliners_set_the_chance(messages) -> None:
    agreed, refused = [], []
    for seed in range(40):
        session = Session(messages, seed=seed)
        outcome = session.choose("relay:exercise_notice:reformulate")
        draws = [d for d in outcome.draws if d.what == "reformulate:exercise_notice"]
        assert len(draws) == 1 and draws[0].probability == pytest.approx(0.3 + 50 / 100 - 30 / 200)
        (agreed if draws[0].happened else refused).append((seed, session, outcome))
    assert agreed and refused, "both answers happen for some seeds"
    seed, _, first = agreed[0]
    again = Session(messages, seed=seed)
    assert again.choose("relay:exercise_notice:reformulate").draws == first.draws, "the same seed, the same answer"


def test_a_reformulated_message_comes_back_gentler(messages) -> None:
    session = next(s for s in (Session(messages, seed=n) for n in range(40)) if _reformulated(s))
    state = session.state
    assert state.message_status["exercise_notice"] == "reformulated" and state.message_tone["exercise_notice"] == "firm"
    assert "exercise_notice" in state.inbox
    verbatim = move(session, "relay:exercise_notice:verbatim")
    assert "(firm tone)" in verbatim.description and "asks Southern boats to keep clear" in verbatim.description
    assert "softened" not in relay_keys(session, "exercise_notice"), "its own words are already the gentle ones"
    outcome = session.choose("relay:exercise_notice:verbatim")
    assert not changes(outcome, "escalation", "hostile"), "no longer delivered raw"
    assert changes(outcome, "pressure.south", "firm wording") == [3]


def test_a_refused_reformulation_costs_a_little_trust_and_cannot_be_asked_again(messages) -> None:
    session = next(s for s in (Session(messages, seed=n) for n in range(40)) if not _reformulated(s))
    outcome = session.history[-1]
    assert session.state.message_status["exercise_notice"] == "reformulation_refused"
    assert changes(outcome, "trust.north", "asked to take back its own words") == [-2]
    assert outcome.replies[0].text.startswith("Our words stand")
    assert {"reformulate", "agree_wording"}.isdisjoint(relay_keys(session, "exercise_notice"))
    assert "exercise_notice" not in session.state.message_tone


def test_hardliners_make_a_reformulation_less_likely(messages) -> None:
    session = Session(messages, seed=1)
    session.state.parties["north"].pressure = 90
    session.state.parties["north"].trust = 20
    outcome = session.choose("relay:exercise_notice:reformulate")
    assert outcome.draws[0].probability == pytest.approx(0.05)


def _reformulated(session: Session) -> bool:
    session.choose("relay:exercise_notice:reformulate")
    return session.state.message_status["exercise_notice"] == "reformulated"


# -- what the trainee sees before choosing ---------------------------------------------------------


def test_every_relay_option_shows_the_original_wording_and_the_substance(messages) -> None:
    session = Session(messages, seed=1)
    session.choose("approach:north")
    for mid in ("exercise_notice", "quota_offer"):
        message = messages.scenario.messages[mid]
        options = [m for m in session.moves() if m.key.startswith(f"relay:{mid}:")]
        assert len(options) >= 5
        for option in options:
            assert f"Original ({message.tone} tone): \u201c{message.original}\u201d" in option.description, option.key
            assert f"Substance (what it offers or demands): {message.substance}" in option.description, option.key
    softened = move(session, "relay:quota_offer:softened").description
    assert softened.index("ready to discuss a fishing quota") < softened.index("Original"), "its own wording first, then the original"
