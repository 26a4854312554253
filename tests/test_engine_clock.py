"""What happens between decisions: time, tension, secrets that leak, events, phases, endings."""

from __future__ import annotations

import pytest

from game.engine import clock
from game.engine.outcome import Outcome
from game.engine.session import Session
from game.scenario.bundled import bundled_folder
from game.scenario.loader import load_scenario

OPEN_BOTH = ("approach:north", "approach:south", "approach:north", "approach:south")
SECRET_TALKS = (*OPEN_BOTH, "propose_venue:isle:secret_meeting", "convene:talks")


def play(session: Session, *keys: str) -> list[Outcome]:
    return [session.choose(key) for key in keys]


def fired(outcome: Outcome) -> list[str]:
    return [event.id for event in outcome.events]


def secret_talks(loaded, seed: int) -> Session | None:
    """A session with a back channel just opened, or None if this seed leaked at once."""
    session = Session(loaded, seed=seed)
    play(session, *SECRET_TALKS)
    return session if session.state.channel.state == "back_channel" else None


# -- the back channel -------------------------------------------------------------------------


def test_a_secret_meeting_opens_a_back_channel_and_widens_the_circle(strait) -> None:
    session = Session(strait, seed=9)
    outcome = play(session, *SECRET_TALKS)[-1]
    channel = outcome.change_of("channel")
    assert channel is not None and (channel.before, channel.after) == ("none", "back_channel")
    assert outcome.change_of("circle").after == 2
    assert session.state.leak_risk > 0
    assert [d.what for d in outcome.draws].count("leak") == 1, "a back channel is drawn for a leak each turn"


def _discretion(session) -> float:
    """A discreet venue slows the leak: x0.75 at full discretion, x1.25 at none."""
    venue = session.scenario.venues[session.state.venue]
    return 1.25 - venue.discretion / 200


def test_a_discreet_venue_slows_the_growth_of_leak_risk(strait) -> None:
    session = secret_talks(strait, seed=8)
    assert session is not None and _discretion(session) < 1
    before = session.state.leak_risk
    session.choose("wait:")
    insiders = clock.LEAK_BASE + clock.LEAK_PER_INSIDER * session.state.circle
    assert session.state.leak_risk - before < insiders


def test_leak_risk_grows_with_time(strait) -> None:
    session = secret_talks(strait, seed=8)  # a seed whose secret holds for eight more turns
    assert session is not None
    growth = []
    for _ in range(8):
        before = session.state.leak_risk
        outcome = session.choose("wait:")
        assert [d.what for d in outcome.draws].count("leak") == 1
        growth.append(session.state.leak_risk - before)
        assert session.state.channel.state == "back_channel"
    per_turn = (clock.LEAK_BASE + clock.LEAK_PER_INSIDER * session.state.circle) * _discretion(session)
    assert growth[:4] == [per_turn] * 4
    assert growth[4:] == [per_turn + 4] * 4, "a channel with no end in sight grows riskier faster"
    assert session.state.leak_peak == session.state.leak_risk


def test_leak_risk_grows_faster_with_a_wider_circle(strait) -> None:
    for seed in range(50):
        narrow, wide = secret_talks(strait, seed), secret_talks(strait, seed)
        if narrow is None:
            continue
        narrow_before = narrow.state.leak_risk
        narrow.choose("wait:")
        wide_outcome = wide.choose("choice:brief_cabinets")
        assert wide_outcome.change_of("circle").after == 6
        if narrow.state.channel.state == wide.state.channel.state == "back_channel":
            assert wide.state.leak_risk - narrow_before > narrow.state.leak_risk - narrow_before
            assert wide.state.leak_risk - narrow.state.leak_risk == pytest.approx(clock.LEAK_PER_INSIDER * 4 * _discretion(wide))
            return
    raise AssertionError("no seed kept the secret for two turns")


def test_a_back_channel_leaks_eventually_and_tells_the_authored_story(strait) -> None:
    leaked_after = []
    for seed in range(12):
        session = Session(strait, seed=seed)
        play(session, *SECRET_TALKS[:-1])
        for waited in range(20):
            if session.is_over:
                break
            outcome = session.choose("convene:talks" if waited == 0 else "wait:")
            if "press_leak" in fired(outcome):
                assert [c.after for c in outcome.changes if c.name == "channel"][-1] == "public"
                assert all(outcome.change_of(f"exposure.{pid}").after > 0 for pid in ("north", "south"))
                assert all(outcome.change_of(f"trust.{pid}") is not None for pid in ("north", "south"))
                leak = next(d for d in outcome.draws if d.what == "leak")
                assert leak.happened and leak.roll < leak.probability
                leaked_after.append(waited)
                break
    assert len(leaked_after) == 12, "every seed leaks within 20 turns"
    assert len(set(leaked_after)) > 2, "when it leaks depends on the seed"


def test_without_an_authored_story_a_leak_is_told_in_general_words(variant) -> None:
    loaded = variant("minimal", ("trust: 30", "trust: 45"))
    opening = ["approach:upper", "approach:lower", "approach:upper", "approach:lower", "propose_venue:mill:secret_meeting", "convene:talks"]
    for seed in range(20):
        session = Session(loaded, seed=seed)
        play(session, *opening)
        assert session.state.meetings == 1, "both valleys consented"
        while not session.is_over:
            outcome = session.choose("wait:")
            if fired(outcome):
                assert [(e.id, e.title, e.kind) for e in outcome.events] == [("leak", "The back channel leaks", "leak")]
                assert session.state.channel.state == "public"
                return
    raise AssertionError("no seed leaked")


def test_leak_risk_fades_to_zero_once_the_secret_is_out(variant) -> None:
    session = Session(variant("strait", ("  turns: 20", "  turns: 60")), seed=0)
    play(session, *SECRET_TALKS)
    while session.state.channel.state == "back_channel":
        session.choose("wait:")
    risks = [session.state.leak_risk]
    while risks[-1] > 0 and not session.is_over:
        session.choose("wait:")
        risks.append(session.state.leak_risk)
    assert risks == sorted(risks, reverse=True)
    assert risks[-1] == 0, "halved down to nothing, not to ever smaller fractions"


# -- events --------------------------------------------------------------------------------------


def test_an_event_at_a_turn_fires_at_the_start_of_that_turn(strait) -> None:
    session = Session(strait, seed=1)
    first, second = play(session, "wait:", "wait:")
    assert "storm" not in fired(first)
    assert "storm" in fired(second) and session.state.turn == 3
    storm = [c for c in second.changes if c.name == "escalation" and c.reason == "A storm drives the fleets apart"]
    assert storm and storm[0].after == storm[0].before - 3
    assert all("storm" not in fired(session.choose("wait:")) for _ in range(3)), "once"


def test_an_event_fires_when_its_condition_first_holds(variant) -> None:
    session = Session(variant("strait", ("  escalation: 30", "  escalation: 52")), seed=1)
    alerts = []
    for _ in range(10):
        outcome = session.choose("wait:")
        alerts.append("navy_alert" in fired(outcome))
        if alerts[-1]:
            assert outcome.change_of("pressure.north") is not None
            assert [c for c in outcome.changes if c.name == "escalation" and c.before >= 60 - 5]
    assert alerts.count(True) == 1 and alerts[0] is False


def test_a_chance_event_is_drawn_from_the_seed_in_its_phases_only(strait) -> None:
    session = Session(strait, seed=11)
    rumours = []
    draws = 0
    for _ in range(8):
        outcome = session.choose("wait:")
        draws += sum(d.what == "event:rumour" for d in outcome.draws)
        rumours.append("rumour" in fired(outcome))
    assert draws == 8 and 0 < rumours.count(True) < 8, "p = 0.5, repeatable (once: false)"
    talks = Session(strait, seed=11)
    play(talks, *OPEN_BOTH, "propose_venue:isle:proximity_talks", "convene:talks")
    assert talks.state.phase.state == "talks"
    assert not [d for d in talks.choose("wait:").draws if d.what == "event:rumour"], "rumour is for the standoff only"


def test_opening_events_and_arrivals_are_in_the_opening_outcome(strait) -> None:
    session = Session(strait, seed=3)
    assert session.opening.arrivals == ["seizure_note"]
    assert session.state.inbox == ["seizure_note"]
    assert session.opening.move.key == "start"


def test_a_message_arrives_when_its_condition_holds(strait) -> None:
    session = Session(strait, seed=3)
    session.choose("approach:south")
    assert "quota_offer" not in session.state.inbox
    outcome = session.choose("relay:seizure_note:verbatim")
    assert outcome.arrivals == ["quota_offer"] and "quota_offer" in session.state.inbox


# -- phases --------------------------------------------------------------------------------------


def test_a_transition_with_on_and_when_needs_both(strait) -> None:
    session = Session(strait, seed=2)
    play(session, "approach:north", "approach:south")
    shuttle = session.choose("convene:shuttle")
    assert shuttle.phase_after == "standoff", "the right verb, but no meeting yet"
    play(session, "approach:north", "approach:south", "propose_venue:isle:proximity_talks")
    assert session.state.phase.state == "standoff"
    talks = session.choose("convene:talks")
    assert (talks.phase_before, talks.phase_after) == ("standoff", "talks")
    assert talks.change_of("phase").reason == "the first meeting opened talks"


def test_a_choice_named_in_on_moves_the_phase_and_ends_the_game(strait) -> None:
    session = Session(strait, seed=1)
    play(session, *OPEN_BOTH, "relay:seizure_note:softened", "relay:quota_offer:verbatim")
    assert "choice:sign_accord" not in {m.key for m in session.moves()}, "not in the standoff"
    play(session, "propose_venue:isle:proximity_talks", "convene:talks")
    outcome = session.choose("choice:sign_accord")
    assert outcome.ending is not None
    assert (outcome.ending.phase, outcome.ending.grade) == ("accord", "success")
    assert outcome.replies[0].text == "Both leaders sign at the lighthouse."
    assert session.is_over and session.moves() == []
    assert session.ending == outcome.ending


def test_a_nested_phase_inherits_its_parents_transitions(variant) -> None:
    loaded = variant("strait", ("escalation >= 90", "escalation >= 40"))
    session = Session(loaded, seed=1)
    play(session, *OPEN_BOTH, "propose_venue:isle:proximity_talks", "convene:talks")
    assert session.state.phase.state == "talks"
    for _ in range(20):
        outcome = session.choose("public_statement:blame:north")
        if session.is_over:
            break
    assert outcome.ending is not None and outcome.ending.phase == "collapse"
    assert outcome.change_of("phase").reason == "escalation >= 40"


def test_time_running_out_ends_in_the_timeout_ending(strait) -> None:
    session = Session(strait, seed=1)
    outcomes = []
    while not session.is_over:
        outcomes.append(session.choose("wait:"))
    assert len(outcomes) == strait.scenario.clock.turns
    last = outcomes[-1]
    assert last.ending is not None and (last.ending.phase, last.ending.grade) == ("stalemate", "stalemate")
    assert last.change_of("phase").reason == "time ran out"
    assert all(o.ending is None for o in outcomes[:-1])


CREW_FREED_THEN_MET_ON_THE_LAST_DAY = (
    "relay:frigate_notice:softened", "approach:lauria", "approach:vessany", "relay:crew_release_demand:softened",
    "relay:ferry_terms:softened", "public_statement:restraint", "relay:median_line_warning:softened", "approach:vessany",
    "convene:shuttle", "choice:red_cross_visit", "relay:lauria_counter:softened", "propose_venue:skerra_light:proximity_talks",
    "relay:vessany_reply:softened", "choice:incident_line", "choice:decline_kaldor_offer", "choice:brief_council_privately",
    "propose_venue:mirren_island:secret_meeting", "probe:lauria", "probe:vessany", "convene:talks",
)  # fmt: skip


def test_a_phase_entered_on_the_last_decision_still_says_how_the_crisis_ends() -> None:
    """The Harbour Crossing: the crew freed on day 17, the delegations meet on day 20. The
    meeting moves the crisis to the talks, and the talks' parent says that time running out
    with the crew home is 'The crew is home'; time was called first, and the ending read
    'the crew is still in Kaldor'."""
    loaded, _ = load_scenario(bundled_folder() / "harbour_crossing.yaml")
    assert loaded is not None
    session = Session(loaded, seed=7)
    outcomes = play(session, *CREW_FREED_THEN_MET_ON_THE_LAST_DAY)
    assert any(c.name == "var.crew_released" and c.after is True for o in outcomes for c in o.changes)
    last = outcomes[-1]
    assert last.change_of("meetings") is not None, "the delegations met on the last decision"
    assert last.ending is not None and (last.ending.phase, last.ending.grade) == ("crew_home", "partial")


def test_escalation_reaching_100_ends_in_the_escalation_ending(variant) -> None:
    loaded = variant("strait", ("  escalation: 30", "  escalation: 90"), ("  escalation_per_turn: 2", "  escalation_per_turn: 6"))
    session = Session(loaded, seed=1)
    while not session.is_over:
        last = session.choose("wait:")
    assert session.state.escalation == 100, "escalation is clamped at 100"
    assert (last.ending.phase, last.ending.grade) == ("war", "failure")
    assert last.change_of("phase").reason == "escalation reached 100: open conflict"
    assert session.state.turn <= loaded.scenario.clock.turns


def test_values_stay_within_their_ranges(variant) -> None:
    loaded = variant("strait", ('effects: ["escalation -= 3"]', 'effects: ["escalation -= 300", "var.goodwill += 50", "circle -= 9"]'))
    session = Session(loaded, seed=1)
    outcome = play(session, "wait:", "wait:")[-1]
    assert "storm" in fired(outcome)
    assert session.state.escalation >= 0 and session.state.variables["goodwill"] == 5 and session.state.circle == 0
    for _ in range(6):
        session.choose("public_statement:blame:south")
    assert all(0 <= p.trust <= 100 for p in session.state.parties.values())


def test_minimal_scenario_can_be_won(minimal) -> None:
    session = Session(minimal, seed=1)
    keys = ["approach:upper", "approach:lower", "approach:upper"] + ["approach:lower"] * 3
    keys += ["relay:sluice_offer:softened", "approach:lower", "propose_venue:mill:proximity_talks", "convene:talks"]
    play(session, *keys)
    assert session.state.phase.state == "talking"
    assert session.choose("choice:agree_share").ending.grade == "success"
