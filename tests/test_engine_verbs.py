"""The envoy's verbs as a trainee experiences them: what is on offer, who answers what, and
which values move, in which direction, for which stated reason."""

from __future__ import annotations

import pytest

from game.engine.outcome import Outcome
from game.engine.session import Session

OPEN_BOTH = ("approach:north", "approach:south", "approach:north", "approach:south")


def play(session: Session, *keys: str) -> list[Outcome]:
    return [session.choose(key) for key in keys]


def keys(session: Session) -> set[str]:
    return {move.key for move in session.moves()}


def change(outcome: Outcome, name: str):
    found = [c for c in outcome.changes if c.name == name]
    assert found, f"no change of {name} in {[c.name for c in outcome.changes]}"
    return found[0]


def total(outcome: Outcome, name: str) -> float:
    """Net change of a number over one decision (the clock may move it again after the verb)."""
    found = [c for c in outcome.changes if c.name == name]
    return float(found[-1].after) - float(found[0].before) if found else 0.0


def said(outcome: Outcome, speaker: str) -> list[str]:
    return [reply.text for reply in outcome.replies if reply.speaker == speaker]


# -- consent ------------------------------------------------------------------------------


def test_consent_is_won_one_rung_at_a_time(strait) -> None:
    session = Session(strait, seed=1)
    labels = {m.key: m.label for m in session.moves()}
    assert labels["approach:north"] == "Offer good offices to the North"
    first = session.choose("approach:north")
    assert (change(first, "consent.north").before, change(first, "consent.north").after) == ("none", "contact")
    assert "accepted contact" in change(first, "consent.north").reason
    assert said(first, "the North") == ["We will receive your envoy. This is not a negotiation."]
    assert {m.key: m.label for m in session.moves()}["approach:north"] == "Seek the North's consent to good offices"
    second = session.choose("approach:north")
    assert (change(second, "consent.north").before, change(second, "consent.north").after) == ("contact", "good_offices")
    assert {m.key: m.label for m in session.moves()}["approach:north"] == "Consult the North on the process"
    third = session.choose("approach:north")
    assert third.change_of("consent.north") is None, "good offices is as far as approaching goes"
    assert session.state.parties["south"].consent.state == "none", "the other party is untouched"


def test_a_party_that_distrusts_the_envoy_declines_but_warms(variant) -> None:
    session = Session(variant("strait", ("trust: 45", "trust: 10")), seed=1)
    outcome = session.choose("approach:south")
    assert outcome.change_of("consent.south") is None
    assert said(outcome, "the South") == ["We see no need for intermediaries at this time."]
    assert change(outcome, "trust.south").after > change(outcome, "trust.south").before


def test_good_offices_needs_more_trust_than_contact(variant) -> None:
    session = Session(variant("strait", ("trust: 45", "trust: 30")), seed=1)
    play(session, "approach:south")
    assert session.state.parties["south"].consent.state == "contact"
    outcome = session.choose("approach:south")
    assert session.state.parties["south"].consent.state == "contact"
    assert said(outcome, "the South") == ["It is too early. Show us the other side is serious."]


def test_hardliners_block_good_offices_for_a_good_faith_party(variant) -> None:
    session = Session(
        variant("strait", ("    hardliner_pressure: 30\n    preconditions", "    hardliner_pressure: 85\n    preconditions")), seed=1
    )
    play(session, "approach:south")
    outcome = session.choose("approach:south")
    assert session.state.parties["south"].consent.state == "contact"
    assert said(outcome, "the South") == ["Our hardliners would not accept it now."]


def test_spending_all_the_time_with_one_side_costs_the_other(strait) -> None:
    session = Session(strait, seed=1)
    outcomes = play(session, "approach:north", "approach:north", "approach:north")
    sidelined = outcomes[-1].change_of("trust.south")
    assert sidelined is not None and sidelined.after < sidelined.before
    assert "spending far more time" in sidelined.reason


# -- venues and talks ------------------------------------------------------------------------


def test_a_party_that_accepted_the_venue_has_consented_to_that_meeting(strait) -> None:
    session = Session(strait, seed=2)
    play(session, "approach:north", "approach:north", "approach:south", "propose_venue:isle:proximity_talks")
    assert session.state.parties["south"].consent.state == "contact"
    assert "meeting:isle:proximity_talks" in session.state.parties["south"].agreed
    outcome = session.choose("convene:talks")
    assert not said(outcome, "the South")
    assert change(outcome, "meetings").after == 1


def test_convening_a_party_that_took_its_agreement_back_fails_and_costs_trust(strait) -> None:
    session = Session(strait, seed=2)
    play(session, "approach:north", "approach:north", "approach:south", "propose_venue:isle:proximity_talks")
    session.state.parties["south"].agreed.discard("meeting:isle:proximity_talks")
    before = session.state.parties["south"].trust
    outcome = session.choose("convene:talks")
    assert said(outcome, "the South") == ["We never agreed to these talks. Our chair will stay empty."]
    assert change(outcome, "trust.south").after == before - 10
    assert (change(outcome, "consent.south").before, change(outcome, "consent.south").after) == ("contact", "none")
    assert outcome.change_of("meetings") is None and session.state.meetings == 0
    assert outcome.change_of("trust.north") is None, "the party that consented is not blamed"
    assert change(outcome, "escalation").after > change(outcome, "escalation").before
    assert session.state.phase.state == "standoff"


def test_a_party_that_narrows_its_consent_takes_back_its_meetings_and_can_be_asked_again(strait) -> None:
    """A delegation that walks out and pulls back from the envoy does not turn up at the same
    talks again: the meeting must be proposed anew, and is offered for that."""
    import random

    from game.engine.session import OPENING_MOVE, available_moves
    from game.engine.turn import Turn

    session = Session(strait, seed=2)
    play(session, *OPEN_BOTH, "propose_venue:isle:proximity_talks")
    assert "propose_venue:isle:proximity_talks" not in keys(session), "agreed and held by both: nothing to propose"
    south = session.state.parties["south"]
    before = south.consent.state
    turn = Turn(session.state, session.loaded, session.machines, random.Random(0), Outcome(OPENING_MOVE, turn=session.state.turn))
    turn.set_consent("south", "contact", "the South's delegation walked out")
    assert before != "contact" and south.consent.state == "contact"
    assert "meeting:isle:proximity_talks" not in south.agreed
    assert "meeting:isle:proximity_talks" in session.state.parties["north"].agreed, "the other party still holds to it"
    assert south.consent_note == "the South's delegation walked out"
    offered = {m.key for m in available_moves(session.loaded, session.machines, session.state, session.seed)}
    assert "propose_venue:isle:proximity_talks" in offered, "the same meeting can be proposed again"


def test_talks_with_both_consents_bring_the_parties_together(strait) -> None:
    session = Session(strait, seed=2)
    play(session, *OPEN_BOTH, "propose_venue:isle:proximity_talks")
    outcome = session.choose("convene:talks")
    assert change(outcome, "meetings").after == 1
    assert change(outcome, "channel").after == "proximity", "delegations in separate rooms: proximity talks"
    assert total(outcome, "trust.north") > 0 and total(outcome, "trust.south") > 0
    assert change(outcome, "escalation").after < change(outcome, "escalation").before


def test_convening_needs_an_agreed_venue_and_shuttling_needs_contact(strait) -> None:
    session = Session(strait, seed=2)
    assert not {k for k in keys(session) if k.startswith("convene:")}
    play(session, "approach:north", "approach:south")
    assert "convene:shuttle" in keys(session) and "convene:talks" not in keys(session)


def test_a_venue_on_one_partys_soil_is_refused_by_the_other(strait) -> None:
    session = Session(strait, seed=3)
    play(session, *OPEN_BOTH)
    north_trust = session.state.parties["north"].trust
    outcome = session.choose("propose_venue:south_city:proximity_talks")
    assert said(outcome, "the North") == ["Go to Sudport city hall? That would be seen as coming to ask."]
    assert change(outcome, "trust.north").after == north_trust - 8
    assert change(outcome, "pressure.north").after > change(outcome, "pressure.north").before
    assert said(outcome, "the South") and "acceptable" in said(outcome, "the South")[0]
    assert outcome.change_of("venue") is None and session.state.venue is None
    assert session.state.parties["south"].venue_accepted == "south_city:proximity_talks"
    assert session.state.parties["north"].venue_accepted is None


def test_a_neutral_venue_both_prefer_is_agreed(strait) -> None:
    session = Session(strait, seed=3)
    play(session, *OPEN_BOTH)
    outcome = session.choose("propose_venue:isle:secret_meeting")
    assert change(outcome, "venue").after == "isle:secret_meeting"
    assert "propose_venue:isle:secret_meeting" not in keys(session), "the agreed proposal is not offered again"


def test_parties_without_consent_will_not_discuss_venues(strait) -> None:
    session = Session(strait, seed=3)
    outcome = session.choose("propose_venue:isle:proximity_talks")
    assert said(outcome, "the North") == ["We have not accepted any intermediary. There is nothing to discuss."]
    assert session.state.venue is None


def test_leaders_meeting_needs_trust(variant) -> None:
    session = Session(variant("strait", ("trust: 45", "trust: 40")), seed=3)
    play(session, *OPEN_BOTH, "propose_venue:isle:proximity_talks", "convene:talks")
    assert session.state.channel.state == "proximity"
    assert session.state.parties["south"].trust < 55 <= session.state.parties["north"].trust
    outcome = session.choose("propose_venue:isle:leaders_meeting")
    assert said(outcome, "the South") == ["A meeting of leaders now? It is far too soon."]
    assert said(outcome, "the North") == ["Lighthouse Isle is acceptable to us."]
    assert session.state.venue_format == "proximity_talks", "the earlier agreement stands"


# -- relaying messages -----------------------------------------------------------------------


def relay_from_same_start(strait, mode: str) -> tuple[Session, Outcome]:
    session = Session(strait, seed=4)
    assert "seizure_note" in session.state.inbox, "the note arrives on turn 1"
    session.choose("approach:south")
    assert session.state.parties["south"].consent.state == "contact", "the recipient accepts the envoy first"
    return session, session.choose(f"relay:seizure_note:{mode}")


def test_a_message_cannot_be_handed_to_a_party_that_has_not_accepted_the_envoy(strait) -> None:
    session = Session(strait, seed=4)
    assert session.state.parties["south"].consent.state == "none"
    offered = {k for k in keys(session) if k.startswith("relay:seizure_note:")}
    assert offered == {f"relay:seizure_note:{mode}" for mode in ("agree_wording", "reformulate", "withhold", "publish")}, (
        "no delivery, but the envoy can still talk to the sender about its words"
    )
    session.choose("approach:south")
    assert "relay:seizure_note:verbatim" in keys(session)


def test_relay_options_follow_what_the_author_wrote(strait) -> None:
    session = Session(strait, seed=4)
    play(session, "approach:south", "approach:north")
    assert {k for k in keys(session) if k.startswith("relay:")} == {
        f"relay:seizure_note:{mode}"
        for mode in ("verbatim", "softened", "distorted", "agree_wording", "reformulate", "withhold", "publish")
    }
    session.choose("relay:seizure_note:softened")
    assert {k for k in keys(session) if k.startswith("relay:quota_offer:")} == {
        f"relay:quota_offer:{mode}" for mode in ("verbatim", "reformulate", "withhold", "publish")
    }, "no softened text: nothing to soften or agree; a firm message can still be sent back for rewording"


def test_hostile_words_relayed_verbatim_raise_escalation_and_softened_do_not(strait) -> None:
    _, raw = relay_from_same_start(strait, "verbatim")
    _, soft = relay_from_same_start(strait, "softened")
    hostile = [c for c in raw.changes if c.name == "escalation" and "hostile" in c.reason]
    assert hostile and hostile[0].after - hostile[0].before == pytest.approx(4)
    assert not [c for c in soft.changes if c.name == "escalation" and "hostile" in c.reason]
    assert total(raw, "escalation") > total(soft, "escalation")
    assert total(raw, "pressure.south") > 0 and total(soft, "pressure.south") == 0
    assert said(raw, "the South")[0].endswith("\u201cYour pirates stay in our cells until your boats leave our waters.\u201d")
    assert "as soon as the boats leave" in said(soft, "the South")[0]
    for outcome in (raw, soft):
        assert change(outcome, "var.terms_known").after is True, "the substance arrived either way"
        assert total(outcome, "trust.north") > 0, "the sender sees its message carried faithfully"


def test_a_distorted_message_pleases_now_and_leaves_a_grievance(strait) -> None:
    session, outcome = relay_from_same_start(strait, "distorted")
    assert change(outcome, "var.false_hope").after is True
    assert outcome.change_of("var.terms_known") is None
    assert "no conditions" in said(outcome, "the South")[0]
    assert session.state.parties["north"].grievance == 1.0
    assert session.state.message_status["seizure_note"] == "distorted"


def test_a_distorted_relay_comes_to_light_on_a_later_turn_for_most_seeds(strait) -> None:
    discovered_on = []
    for seed in range(20):
        session = Session(strait, seed=seed)
        play(session, "approach:south", "relay:seizure_note:distorted")
        for turn in range(12):
            if session.is_over:
                break
            outcome = session.choose("wait:")
            draws = [d for d in outcome.draws if d.what == "discovery:north"]
            if not draws:
                break  # already discovered: nothing left to draw
            if draws[0].happened:
                assert change(outcome, "trust.north").after == change(outcome, "trust.north").before - 25
                assert outcome.change_of("consent.north") is None, "no consent to lose yet"
                assert said(outcome, "the North") == ["Our message never reached them as we sent it. Why should we trust your channel?"]
                assert session.state.parties["north"].grievance == 0
                discovered_on.append(turn)
                break
    assert len(discovered_on) >= 15, discovered_on
    assert len(set(discovered_on)) > 1, "the turn of discovery depends on the seed"


def test_a_faithful_relay_is_never_discovered_as_anything(strait) -> None:
    session, _ = relay_from_same_start(strait, "softened")
    for _ in range(5):
        assert not [d for d in session.choose("wait:").draws if d.what.startswith("discovery:")]


def test_withholding_is_a_smaller_grievance(strait) -> None:
    session, outcome = relay_from_same_start(strait, "withhold")
    assert session.state.parties["north"].grievance == pytest.approx(0.6)
    assert "seizure_note" not in session.state.inbox
    assert [c for c in outcome.changes if c.name == "escalation" and "should have crossed" in c.reason]


def test_publishing_a_private_message_exposes_the_sender_and_goes_public(strait) -> None:
    session = Session(strait, seed=5)
    play(session, "approach:north", "approach:north")
    outcome = session.choose("relay:seizure_note:publish")
    assert change(outcome, "channel").after == "public"
    assert change(outcome, "exposure.north").after > 0
    assert outcome.change_of("exposure.south") is None
    assert total(outcome, "trust.north") <= -20
    assert (change(outcome, "consent.north").before, change(outcome, "consent.north").after) == ("good_offices", "contact")
    assert said(outcome, "the North") == ["That message was for your ears and theirs alone."]
    assert session.state.message_status["seizure_note"] == "published"


def test_exposure_hurts_more_where_the_party_is_sensitive(strait, variant) -> None:
    blunt = Session(variant("strait", ("exposure_sensitivity: 70", "exposure_sensitivity: 0")), seed=5)
    sensitive = Session(strait, seed=5)
    assert (
        change(sensitive.choose("relay:seizure_note:publish"), "exposure.north").after
        > change(blunt.choose("relay:seizure_note:publish"), "exposure.north").after
    )


# -- substance and mandate -----------------------------------------------------------------------


def test_a_formula_under_good_offices_oversteps_and_costs_trust(strait) -> None:
    session = Session(strait, seed=6)
    play(session, *OPEN_BOTH)
    before = {pid: p.trust for pid, p in session.state.parties.items()}
    outcome = session.choose("propose_formula:terms")
    for pid in ("north", "south"):
        assert change(outcome, f"trust.{pid}").after == before[pid] - 12
        assert "never asked for" in change(outcome, f"trust.{pid}").reason
    assert said(outcome, "the North") == ["You were asked to open a door, not to write our agreement."]
    assert session.state.mandate.state == "good_offices"


def test_a_formula_under_mediation_after_talks_eases_tension(variant) -> None:
    loaded = variant("strait", ("  mandate: good_offices", "  mandate: mediation"))
    session = Session(loaded, seed=6)
    early = Session(loaded, seed=6).choose("propose_formula:terms")
    assert all(change(early, f"trust.{pid}").after < change(early, f"trust.{pid}").before for pid in ("north", "south"))
    play(session, *OPEN_BOTH, "propose_venue:isle:proximity_talks", "convene:talks")
    outcome = session.choose("propose_formula:terms")
    relief = [c for c in outcome.changes if c.name == "escalation" and "formula" in c.reason]
    assert relief and relief[0].after < relief[0].before
    assert total(outcome, "trust.north") > 0


def high_trust(variant, *extra: tuple[str, str]):
    return variant("strait", ("trust: 50", "trust: 70"), ("trust: 45", "trust: 70"), *extra)


def test_request_mandate_is_offered_once_both_accept_contact(strait) -> None:
    session = Session(strait, seed=7)
    assert "request_mandate:mediation" not in keys(session)
    play(session, "approach:north")
    assert "request_mandate:mediation" not in keys(session)
    play(session, "approach:south")
    assert "request_mandate:mediation" in keys(session)


def test_mandate_widens_when_trust_is_high_and_faith_good(variant) -> None:
    session = Session(high_trust(variant), seed=7)
    play(session, *OPEN_BOTH)
    outcome = session.choose("request_mandate:mediation")
    assert (change(outcome, "mandate").before, change(outcome, "mandate").after) == ("good_offices", "mediation")
    assert {p.consent.state for p in session.state.parties.values()} == {"mediation"}
    assert "request_mandate:mediation" not in keys(session)


def test_mandate_stays_narrow_when_trust_is_low(strait) -> None:
    session = Session(strait, seed=7)
    play(session, *OPEN_BOTH)
    outcome = session.choose("request_mandate:mediation")
    assert outcome.change_of("mandate") is None and session.state.mandate.state == "good_offices"
    assert said(outcome, "the South") == ["Carry our messages. The substance is for us alone."]
    assert change(outcome, "trust.south").after < change(outcome, "trust.south").before


def test_mandate_stays_narrow_when_a_party_is_in_bad_faith(variant) -> None:
    loaded = high_trust(
        variant, ("    venue_preferences: [isle, south_city]\n", "    venue_preferences: [isle, south_city]\n    faith: bad\n")
    )
    session = Session(loaded, seed=7)
    play(session, *OPEN_BOTH)
    outcome = session.choose("request_mandate:mediation")
    assert session.state.mandate.state == "good_offices"
    assert said(outcome, "the North") and said(outcome, "the South") == ["Carry our messages. The substance is for us alone."]


def test_mandate_needs_good_offices_consent_not_just_contact(variant) -> None:
    session = Session(high_trust(variant), seed=7)
    play(session, "approach:north", "approach:south")
    session.choose("request_mandate:mediation")
    assert session.state.mandate.state == "good_offices"


# -- smaller verbs --------------------------------------------------------------------------------


def test_confidence_building_step_needs_contact_from_both(strait) -> None:
    session = Session(strait, seed=8)
    refused = session.choose("offer_step:hotline")
    assert said(refused, "the North") and said(refused, "the South")
    assert not [c for c in refused.changes if c.name == "escalation" and "practical step" in c.reason]
    assert "offer_step:hotline" in keys(session), "a refused step can be offered again"
    # the scenario's tuning applies "each time the verb is used", refused or not (model.VerbSettings)
    assert change(refused, "var.goodwill").after == 1
    play(session, "approach:north", "approach:south")
    accepted = session.choose("offer_step:hotline")
    assert change(accepted, "var.goodwill").after == 2
    assert [c for c in accepted.changes if c.name == "escalation" and "practical step" in c.reason]
    assert "offer_step:hotline" not in keys(session)


def test_blaming_a_party_in_public_spends_impartiality(strait) -> None:
    session = Session(strait, seed=8)
    play(session, "approach:south")
    outcome = session.choose("public_statement:blame:south")
    assert change(outcome, "trust.south").after == change(outcome, "trust.south").before - 25
    assert change(outcome, "consent.south").after == "none"
    assert change(outcome, "trust.north").after > change(outcome, "trust.north").before
    assert said(outcome, "the South") == ["The envoy has taken sides."]


def test_a_party_remembers_being_blamed_and_a_scenario_can_read_it(strait) -> None:
    from game.engine.state import lookup

    session = Session(strait, seed=8)
    assert lookup(session.state, strait, "blamed.south") is False
    play(session, "approach:south", "public_statement:blame:south", "approach:south", "approach:south")
    assert session.state.parties["south"].trust > 0
    assert lookup(session.state, strait, "blamed.south") is True, "trust can recover; the memory stays"
    assert lookup(session.state, strait, "blamed.north") is False


def test_announcing_talks_is_possible_only_after_a_meeting(strait) -> None:
    session = Session(strait, seed=9)
    assert "public_statement:announce" not in keys(session)
    play(session, *OPEN_BOTH, "propose_venue:isle:secret_meeting", "convene:talks")
    assert session.state.channel.state == "back_channel", "with this seed the secret held"
    outcome = session.choose("public_statement:announce")
    assert change(outcome, "channel").after == "public"
    assert change(outcome, "exposure.north").after > 0 and change(outcome, "exposure.south").after > 0
    assert "public_statement:announce" not in keys(session)


def test_consulting_analysts_tells_what_the_screen_hides(strait) -> None:
    session = Session(strait, seed=9)
    outcome = session.choose("consult:analysts")
    assert any("hardliner pressure in the North is" in r.text for r in outcome.replies)
    assert any("risk that secret contacts leak" in r.text for r in outcome.replies)
    assert "consult:analysts" not in keys(session)


def test_disabled_verbs_are_not_offered(variant) -> None:
    loaded = variant("strait", ("  public_statement:\n    enabled: true", "  public_statement:\n    enabled: false"))
    assert not {k for k in keys(Session(loaded, seed=1)) if k.startswith("public_statement:")}


def test_scenario_choices_follow_their_phase_and_condition(strait) -> None:
    session = Session(strait, seed=10)
    assert "choice:praise_south" in keys(session)
    assert "choice:sign_accord" not in keys(session), "only in the process phases"
    assert "choice:brief_cabinets" not in keys(session), "only with a back channel open"
    outcome = session.choose("choice:praise_south")
    assert change(outcome, "trust.south").after == change(outcome, "trust.south").before + 1
    assert "choice:praise_south" in keys(session), "once: false keeps it on offer"


def test_a_scenario_can_word_its_own_confidence_building_steps() -> None:
    from pathlib import Path

    from game.debrief import debrief_session
    from game.scenario.loader import load_scenario_text

    text = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    text += """verbs:
  offer_step:
    steps:
      water_watch:
        label: Propose joint watchmen at the sluices
        description: One watchman from each valley, so nobody can say the sluices were touched in secret.
        short: joint watchmen at the sluices
        accepted: Two old men, one from each valley, now share a bench by the sluices.
        effects: ["var.offer_known = true"]
"""
    loaded, problems = load_scenario_text(text, "steps.yaml")
    assert loaded is not None, problems
    session = Session(loaded, seed=1)
    assert [m.key for m in session.moves() if m.verb == "offer_step"] == ["offer_step:water_watch"]
    play(session, "approach:upper", "approach:lower")
    outcome = session.choose("offer_step:water_watch")
    assert change(outcome, "var.offer_known").after is True
    assert "Two old men, one from each valley" in outcome.replies[-1].text
    timing = [f for f in debrief_session(session, suggest=False).findings if f.decision == 3 and f.principle == "timing"]
    assert timing and "joint watchmen at the sluices" in timing[0].explanation


def test_steps_under_another_verb_are_reported() -> None:
    from pathlib import Path

    from game.scenario.codes import INVALID_VALUE
    from game.scenario.loader import load_scenario_text

    text = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    text += "verbs:\n  wait:\n    steps:\n      nap: {label: Nap, description: A nap., short: a nap}\n"
    loaded, problems = load_scenario_text(text, "steps.yaml")
    assert loaded is None
    assert [(p.code, "offer_step" in p.message) for p in problems if p.is_error] == [(INVALID_VALUE, True)]
