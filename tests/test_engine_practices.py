"""The practices added as general verbs (issue 7): suspending and ending good offices, a
minimal line kept open, advice on the circle of a back channel, public lines for disclosure,
stalling raised in private, simultaneous invitations, and evidence instead of the hidden truth."""

from __future__ import annotations

import pytest
from test_engine_verbs import OPEN_BOTH, change, keys, play, said

from game.engine.evidence import Evidence, assess, confidence_word
from game.engine.session import Session
from game.engine.state import PartyState, lookup
from game.engine.verbs.common import WHILE_SUSPENDED

SECRET = (*OPEN_BOTH, "propose_venue:isle:secret_meeting", "convene:talks")
PROXIMITY = (*OPEN_BOTH, "propose_venue:isle:proximity_talks")
BAD_NORTH = ("    venue_preferences: [isle]\n", "    venue_preferences: [isle]\n    faith: bad\n")
TENSE = ("  escalation: 30\n", "  escalation: 62\n")
NO_DRIFT = ("  escalation_per_turn: 2\n", "  escalation_per_turn: 0\n")


def replies(outcome) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(r.text for r in outcome.replies)


# -- evidence instead of the truth ------------------------------------------------------------------


@pytest.mark.parametrize("faith", ["good", "bad"])
def test_probing_gives_a_reading_never_the_hidden_truth(strait, variant, faith: str) -> None:
    loaded = strait if faith == "good" else variant("strait", BAD_NORTH)
    hidden = loaded.scenario.parties["north"].hidden_intentions
    for seed in range(25):
        session = Session(loaded, seed=seed)
        assert "probe:north" not in keys(session), "probing needs contact"
        play(session, "approach:north")
        texts = [replies(session.choose("probe:north")) for _ in range(3)]
        for text in texts:
            assert hidden not in text and hidden.lower() not in text.lower()
            assert "good faith" not in text and "bad faith" not in text
            assert "confidence:" in text
        party = session.state.parties["north"]
        assert [e.source for e in party.evidence if e.about == "faith"] == ["probe"] * 3
        assert [e.weight for e in party.evidence if e.about == "faith"] == [1.0, 0.75, 0.5], "diminishing returns"
        assert "probe:north" not in keys(session), "three probes at most"


def test_probing_again_is_offered_with_a_different_label(strait) -> None:
    session = Session(strait, seed=1)
    play(session, "approach:north")
    assert {m.key: m.label for m in session.moves()}["probe:north"] == "Probe the North's intentions"
    session.choose("probe:north")
    assert {m.key: m.label for m in session.moves()}["probe:north"] == "Probe the North's intentions again"
    assert lookup(session.state, strait, "probed.north") is True


def _faith(points_to: str, weight: float = 1.0) -> Evidence:
    return Evidence(1, "probe", "faith", points_to, weight, "a reading")


def test_confidence_grows_with_consistent_observation_and_falls_when_they_disagree() -> None:
    party = PartyState(trust=50, consent=None, exposure=0, pressure=30)  # type: ignore[arg-type]
    assert assess(party).confidence == "none" and assess(party).words == "not yet observed"
    levels = []
    for weight in (1.0, 0.75, 0.75, 1.0):
        party.evidence.append(_faith("bad", weight))
        levels.append(assess(party).confidence)
    assert levels == ["low", "medium", "medium", "high"]
    assert assess(party).leaning == "bad" and "signs of stalling" in assess(party).words
    party.evidence.append(_faith("good", 1.0))
    assert assess(party).confidence == "medium", "a contrary observation lowers confidence"
    assert [confidence_word(m) for m in (0.5, 1.5, 3.0)] == ["low", "medium", "high"]


def test_with_more_observation_the_reading_is_more_often_right(variant) -> None:
    loaded = variant("strait", BAD_NORTH)
    right_once = right_later = 0
    margins_once, margins_later = [], []
    for seed in range(60):
        session = Session(loaded, seed=seed)
        play(session, "approach:north", "probe:north")
        first = assess(session.state.parties["north"])
        play(session, "probe:north", "consult:analysts", "probe:north")
        later = assess(session.state.parties["north"])
        right_once += first.leaning == "bad"
        right_later += later.leaning == "bad"
        margins_once.append(first.margin if first.leaning == "bad" else -first.margin)
        margins_later.append(later.margin if later.leaning == "bad" else -later.margin)
    assert right_later > right_once
    assert sum(margins_later) / 60 > sum(margins_once) / 60, "confidence in the truth grows on average"


def test_analysts_and_meetings_add_evidence(strait) -> None:
    session = Session(strait, seed=2)
    outcome = session.choose("consult:analysts")
    assert all(session.state.parties[p].evidence[0].source == "analysts" for p in ("north", "south"))
    assert "Analysts on the North:" in replies(outcome)
    play(session, *PROXIMITY)
    session.choose("convene:talks")
    assert all(session.state.parties[p].evidence[-1].source == "meeting" for p in ("north", "south"))


def test_party_views_show_the_reading_not_the_intentions(strait) -> None:
    from game.frontends.presenter import party_views

    session = Session(strait, seed=3)
    play(session, "approach:north", "probe:north")
    north = next(v for v in party_views(session) if v.id == "north")
    assert north.probed and "confidence:" in north.intentions
    assert "face-saving" not in north.intentions
    assert all("(confidence: " in line for line in north.red_lines)


# -- suspension -----------------------------------------------------------------------------------


def test_suspension_is_offered_only_when_the_situation_calls_for_it(strait, variant) -> None:
    session = Session(strait, seed=1)
    play(session, "approach:north")
    assert not {k for k in keys(session) if k.startswith("suspend:")}, "nothing has gone wrong"
    tense = Session(variant("strait", TENSE), seed=1)
    assert not {k for k in keys(tense) if k.startswith("suspend:")}, "no role yet: nothing to suspend"
    play(tense, "approach:north")
    assert {"suspend:quiet", "suspend:public", "suspend:end"} <= keys(tense)


def test_while_suspended_only_a_minimal_set_of_moves_is_on_offer(variant) -> None:
    session = Session(variant("strait", TENSE), seed=1)
    play(session, "approach:north", "approach:south")
    assert any(k.startswith("relay:") for k in keys(session))
    outcome = session.choose("suspend:quiet")
    assert change(outcome, "suspended").after == "quiet"
    assert lookup(session.state, session.loaded, "suspended") is True
    offered = keys(session)
    assert {key.split(":")[0] for key in offered} <= set(WHILE_SUSPENDED)
    assert offered == {"suspend:resume", "suspend:end", "keep_line:humanitarian", "keep_line:technical", "wait:"}
    assert not any(k.startswith("relay:") for k in offered), "an ordinary message waits for the resumption"
    session.choose("suspend:resume")
    assert session.state.suspended is None
    assert any(k.startswith("relay:") for k in keys(session)) and "approach:north" in keys(session)


def test_a_public_suspension_costs_face_and_a_quiet_one_does_not(variant) -> None:
    loaded = variant("strait", TENSE)
    quiet, public = Session(loaded, seed=4), Session(loaded, seed=4)
    play(quiet, "approach:north")
    play(public, "approach:north")
    q = quiet.choose("suspend:quiet")
    p = public.choose("suspend:public")
    assert q.change_of("exposure.north") is None and q.change_of("exposure.south") is None
    assert change(p, "exposure.north").after > 0 and change(p, "exposure.south").after > 0
    assert change(p, "pressure.north").after > change(p, "pressure.north").before
    back = public.choose("suspend:resume")
    assert [c.after - c.before for c in back.changes if c.name == "trust.north"][0] == 4, "the parties asked the envoy back"
    assert quiet.choose("suspend:resume").change_of("trust.north") is None


def test_a_minimal_line_keeps_the_channel_from_lapsing(variant) -> None:
    loaded = variant("strait", ("  escalation: 30\n", "  escalation: 70\n"), NO_DRIFT)
    kept, lapsed = Session(loaded, seed=5), Session(loaded, seed=5)
    for session in (kept, lapsed):
        play(session, "approach:north", "approach:south", "convene:shuttle", "suspend:quiet")
        assert session.state.channel.state == "indirect"
    outcome = kept.choose("keep_line:technical")
    assert change(outcome, "minimal_line").after == "technical"
    assert [c for c in outcome.changes if c.name == "escalation" and "technical line" in c.reason]
    assert not any(k.startswith("keep_line:") for k in keys(kept)), "one line at a time"
    play(kept, *["wait:"] * 5)
    play(lapsed, *["wait:"] * 5)
    assert kept.state.channel.state == "indirect"
    assert lapsed.state.channel.state == "none"
    kept.choose("suspend:resume")
    assert kept.state.minimal_line is None


def test_ending_good_offices_ends_the_game_at_the_ending_the_scenario_names(variant) -> None:
    named = variant("strait", TENSE, ("  on_escalation: war\n", "  on_escalation: war\n  on_withdrawal: collapse\n"))
    session = Session(named, seed=6)
    play(session, "approach:north")
    outcome = session.choose("suspend:end")
    assert session.is_over and session.state.ending == "collapse" and session.state.withdrawn
    assert outcome.ending is not None and outcome.ending.phase == "collapse"
    fallback = Session(variant("strait", TENSE), seed=6)
    play(fallback, "approach:north", "suspend:end")
    assert fallback.state.ending == "stalemate", "without on_withdrawal the game goes to on_timeout"


# -- back channel: circle and disclosure ----------------------------------------------------------


def test_circle_advice_is_offered_only_with_a_back_channel_and_the_party_decides(strait) -> None:
    session = Session(strait, seed=9)
    assert not any(k.startswith("advise_circle:") for k in keys(session))
    play(session, *SECRET)
    assert session.state.channel.state == "back_channel"
    assert {"advise_circle:north:narrow", "advise_circle:north:widen", "advise_circle:south:narrow"} <= keys(session)
    answers = {"accepted": 0, "declined": 0}
    for seed in range(30):
        trial = Session(strait, seed=seed)
        play(trial, *SECRET)
        if trial.state.channel.state != "back_channel":
            continue
        circle = trial.state.circle
        outcome = trial.choose("advise_circle:north:narrow")
        answer = trial.state.parties["north"].circle_advice["narrow"]
        answers[answer] += 1
        if answer == "accepted":
            assert change(outcome, "circle").after == circle - 1
            assert [c for c in outcome.changes if c.name == "leak_risk" and "fewer people" in c.reason]
        else:
            assert said(outcome, "the North") and outcome.change_of("circle") is None
        assert "advise_circle:north:narrow" not in keys(trial), "advice is given once"
    assert answers["accepted"] and answers["declined"], "a seeded draw, not a certainty"


def test_a_briefed_cabinet_widens_the_circle(strait) -> None:
    for seed in range(40):
        session = Session(strait, seed=seed)
        play(session, *SECRET)
        if session.state.channel.state != "back_channel":
            continue
        outcome = session.choose("advise_circle:south:widen")
        if session.state.parties["south"].cabinet_briefed:
            break
    else:
        pytest.fail("no seed in 40 where the South briefed its cabinet")
    growth = [c for c in outcome.changes if c.name == "circle" and "cabinet" in c.reason]
    assert growth and growth[0].after == growth[0].before + 2
    assert [c for c in outcome.changes if c.name == "leak_risk" and "more people know" in c.reason]
    assert session.state.parties["south"].circle_advice == {"widen": "accepted"}
    assert not session.state.parties["north"].cabinet_briefed, "the advice is per party"


def test_public_lines_lower_the_cost_of_an_announcement(strait) -> None:
    prepared, unprepared = Session(strait, seed=9), Session(strait, seed=9)
    play(prepared, *SECRET)
    play(unprepared, *SECRET)
    assert "prepare_disclosure" in keys(prepared)
    outcome = prepared.choose("prepare_disclosure")
    assert change(outcome, "disclosure_prepared").after is True
    assert prepared.state.parties["north"].lines_prepared and prepared.state.parties["south"].lines_prepared
    assert "prepare_disclosure" not in keys(prepared), "prepared once"
    unprepared.choose("wait:")
    for session in (prepared, unprepared):
        assert session.state.channel.state == "back_channel", "with this seed the secret held"
    a = prepared.choose("public_statement:announce")
    b = unprepared.choose("public_statement:announce")
    assert change(a, "exposure.north").after < change(b, "exposure.north").after
    assert change(a, "trust.north").after - change(a, "trust.north").before == -3
    assert change(b, "trust.north").after - change(b, "trust.north").before == -8


def test_disclosure_preparation_is_offered_only_with_a_secret_channel(strait) -> None:
    session = Session(strait, seed=2)
    play(session, *PROXIMITY, "convene:talks")
    assert "prepare_disclosure" not in keys(session)


def test_prepared_parties_suffer_less_from_a_leak(strait) -> None:
    from game.engine.clock import _leak
    from game.engine.outcome import Outcome
    from game.engine.session import OPENING_MOVE, _rng
    from game.engine.turn import Turn

    def leak(prepare: bool) -> Outcome:
        session = Session(strait, seed=9)
        play(session, *SECRET)
        for party in session.state.parties.values():
            party.lines_prepared = party.cabinet_briefed = prepare
        outcome = Outcome(OPENING_MOVE, turn=session.state.turn)
        _leak(Turn(session.state, strait, session.machines, _rng(9, 99), outcome))
        return outcome

    bare, ready = leak(False), leak(True)
    assert change(ready, "exposure.north").after < change(bare, "exposure.north").after
    assert change(ready, "escalation").after - change(ready, "escalation").before < 6
    assert change(bare, "escalation").after - change(bare, "escalation").before == 6


# -- raising stalling -----------------------------------------------------------------------------


def test_stalling_is_raised_only_after_contact_and_a_meeting(strait) -> None:
    session = Session(strait, seed=2)
    play(session, "approach:north")
    assert "raise_stalling:north" not in keys(session), "no meeting and no sign of stalling yet"
    play(session, "approach:north", "approach:south", "approach:south", "propose_venue:isle:proximity_talks", "convene:talks")
    assert {"raise_stalling:north", "raise_stalling:south"} <= keys(session)
    play(session, "raise_stalling:north", "raise_stalling:north")
    assert "raise_stalling:north" not in keys(session), "twice at most"


def test_a_party_in_good_faith_is_offended_and_one_in_bad_faith_may_move(strait, variant) -> None:
    from game.engine.verbs.raise_stalling import MOVED, PROTESTED

    answers: dict[str, set[str]] = {"good": set(), "bad": set()}
    for faith, loaded in (("good", strait), ("bad", variant("strait", BAD_NORTH))):
        for seed in range(20):
            session = Session(loaded, seed=seed)
            play(session, *PROXIMITY, "convene:talks")
            before = session.state.parties["north"].trust
            outcome = session.choose("raise_stalling:north")
            answers[faith].update(said(outcome, "the North"))
            assert session.state.parties["north"].evidence[-1].source == "raise_stalling"
            if faith == "good":
                assert change(outcome, "trust.north").after < before, "an honest party does not like the charge"
    assert answers["good"] == {MOVED, PROTESTED} and answers["bad"] == {MOVED, PROTESTED}, "the answers sound alike"


# -- invitations ----------------------------------------------------------------------------------


def test_open_talks_are_convened_by_simultaneous_invitations_or_one_side_asking_first(strait) -> None:
    session = Session(strait, seed=2)
    play(session, *PROXIMITY)
    labels = {m.key: m.label for m in session.moves()}
    assert "inviting both at once" in labels["convene:talks"]
    assert {"convene:talks:first:north", "convene:talks:first:south"} <= set(labels)
    outcome = session.choose("convene:talks:first:north")
    assert change(outcome, "asked_first.north").after is True
    assert change(outcome, "exposure.north").after > 0 and outcome.change_of("exposure.south") is None
    assert lookup(session.state, strait, "asked_first.north") is True
    assert lookup(session.state, strait, "asked_first.south") is False


def test_a_secret_meeting_has_no_invitations(strait) -> None:
    session = Session(strait, seed=9)
    play(session, *OPEN_BOTH, "propose_venue:isle:secret_meeting")
    convene = {m.key: m for m in session.moves() if m.verb == "convene"}
    assert set(convene) == {"convene:shuttle", "convene:talks"}
    assert "No invitations" in convene["convene:talks"].description


# -- validation -----------------------------------------------------------------------------------


def test_settings_for_a_verb_never_offered_are_reported_where_they_are_written() -> None:
    from pathlib import Path

    from game.scenario.codes import UNUSED_VERB_SETTING
    from game.scenario.loader import load_scenario_text

    text = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("          on: agree_share\n", "          on: keep_line\n")
    text = text.replace("variables:\n", "verbs:\n  suspend: {enabled: false}\n  keep_line:\n    effects: ['escalation -= 1']\nvariables:\n")
    loaded, problems = load_scenario_text(text, "unused.yaml")
    assert loaded is not None, "warnings only"
    found = sorted((p.line, p.message) for p in problems if p.code == UNUSED_VERB_SETTING)
    assert len(found) == 2, found
    assert all("only while good offices are suspended, and suspend is disabled" in message for _, message in found)
    assert any("transition waits for keep_line" in message for _, message in found)
