"""Every principle in the catalogue, honoured in one scripted situation and breached in another,
asserted on the debrief's findings for the decision that did it."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.debrief import debrief_session
from game.debrief.model import Finding
from game.debrief.scripted import play_script
from game.principles import principle_ids
from game.scenario.loader import LoadedScenario, load_scenario

FIXTURES = Path(__file__).parent / "fixtures"


def _load(name: str) -> LoadedScenario:
    loaded, problems = load_scenario(FIXTURES / f"{name}.yaml")
    assert loaded is not None, "\n".join(p.render() for p in problems)
    return loaded


@pytest.fixture(scope="module")
def scenarios() -> dict[str, LoadedScenario]:
    return {name: _load(name) for name in ("minimal", "debrief_channel", "debrief_badfaith")}


def findings_at(loaded: LoadedScenario, keys: list[str], seed: int = 1) -> list[Finding]:
    """The findings of the last decision of a scripted run."""
    session = play_script(loaded, keys, seed=seed)
    assert len(session.history) == len(keys), "the script stopped early (an ending was reached)"
    debrief = debrief_session(session, suggest=False)
    return [f for f in debrief.findings if f.decision == len(keys)]


def verdicts(found: list[Finding]) -> set[tuple[str, str]]:
    return {(f.principle, f.verdict) for f in found}


BOTH_CONTACT = ["approach:upper", "approach:lower"]
CHANNEL_READY = ["approach:east", "approach:west", "approach:east", "approach:west"]

# principle -> (scenario, moves, seed) where the last move honours it
HONOURED = {
    "consent": ("minimal", ["approach:upper"], 1),
    "ownership": ("minimal", ["approach:upper", "approach:lower", "relay:sluice_offer:softened"], 1),
    "mandate": ("debrief_badfaith", ["propose_venue:fort:proximity_talks", "convene:talks", "propose_formula:terms"], 1),
    "impartiality": ("minimal", ["public_statement:restraint"], 1),
    "discretion": ("minimal", [*BOTH_CONTACT, "propose_venue:mill:secret_meeting"], 1),
    "fidelity": ("minimal", ["approach:upper", "approach:lower", "relay:sluice_offer:softened"], 1),
    "face": ("minimal", [*BOTH_CONTACT, "propose_venue:mill:proximity_talks"], 1),
    "timing": ("minimal", [*BOTH_CONTACT, "offer_step:hotline"], 1),
    "channel": ("minimal", [*BOTH_CONTACT, "convene:shuttle"], 1),
    "backchannel": (
        "debrief_channel",
        [*CHANNEL_READY, "propose_venue:inn:secret_meeting", "convene:talks", "propose_venue:inn:technical_delegations", "convene:talks"],
        3,
    ),
    "good_faith": ("debrief_badfaith", ["probe:north"], 1),
    "preparedness": ("minimal", ["consult:analysts"], 1),
}

# principle -> (scenario, moves, seed) where the last move breaches it
BREACHED = {
    "consent": ("minimal", [*BOTH_CONTACT, "propose_venue:mill:proximity_talks", "convene:talks"], 1),
    "ownership": ("minimal", ["propose_formula:terms"], 1),
    "mandate": ("minimal", ["propose_formula:terms"], 1),
    "impartiality": ("minimal", ["public_statement:blame:upper"], 1),
    "discretion": ("minimal", ["approach:upper", "approach:lower", "relay:sluice_offer:publish"], 1),
    "fidelity": ("minimal", ["approach:upper", "approach:lower", "relay:sluice_offer:distorted"], 1),
    "face": ("minimal", [*BOTH_CONTACT, "propose_venue:lower_town:proximity_talks"], 1),
    "timing": ("debrief_badfaith", ["wait:"], 1),
    "channel": ("minimal", [*BOTH_CONTACT, "public_statement:blame:upper", "wait:"], 1),
    "backchannel": ("debrief_channel", [*CHANNEL_READY, "propose_venue:inn:secret_meeting", "convene:talks", *["wait:"] * 5], 3),
    "good_faith": ("debrief_badfaith", ["propose_venue:fort:proximity_talks", "convene:talks"], 1),
    "preparedness": ("minimal", ["propose_formula:terms"], 1),
}


def test_every_principle_in_the_catalogue_has_an_honoured_and_a_breached_situation():
    assert set(HONOURED) == set(principle_ids())
    assert set(BREACHED) == set(principle_ids())


@pytest.mark.parametrize("principle", sorted(HONOURED))
def test_honoured(scenarios, principle):
    name, keys, seed = HONOURED[principle]
    found = findings_at(scenarios[name], keys, seed)
    assert (principle, "honoured") in verdicts(found), [f.explanation for f in found]


@pytest.mark.parametrize("principle", sorted(BREACHED))
def test_breached(scenarios, principle):
    name, keys, seed = BREACHED[principle]
    found = findings_at(scenarios[name], keys, seed)
    assert (principle, "breached") in verdicts(found), [f.explanation for f in found]


# -- the examples, one by one ------------------------------------------------------------
def test_a_formula_under_good_offices_breaches_mandate_and_ownership_in_words_of_the_situation(scenarios):
    found = findings_at(scenarios["minimal"], ["propose_formula:terms"])
    mandate = next(f for f in found if f.principle == "mandate")
    assert mandate.verdict == "breached" and mandate.weight == 3
    assert "good offices only" in mandate.explanation
    assert "Upper Valley and Lower Valley had not authorised" in mandate.explanation
    assert ("ownership", "breached") in verdicts(found)


def test_a_message_altered_in_substance_breaches_fidelity_even_when_it_pleased_the_recipient(scenarios):
    session = play_script(scenarios["minimal"], ["approach:upper", "approach:lower", "relay:sluice_offer:distorted"], seed=1)
    assert session.history[-1].change_of("trust.lower") is not None  # it helped with Lower Valley
    found = [f for f in debrief_session(session, suggest=False).findings if f.decision == 3]
    fidelity = next(f for f in found if f.principle == "fidelity")
    assert fidelity.verdict == "breached" and fidelity.weight == 3
    assert "We will open all the sluices at once." in fidelity.explanation
    assert "a third of the sluices" in fidelity.explanation


def test_a_venue_on_one_partys_ground_costs_face_and_names_who_lost_it(scenarios):
    found = findings_at(scenarios["minimal"], [*BOTH_CONTACT, "propose_venue:lower_town:proximity_talks"])
    face = next(f for f in found if f.principle == "face")
    assert face.verdict == "breached"
    assert "Lower Valley's ground" in face.explanation and "Upper Valley" in face.explanation


def test_going_public_with_a_private_message_breaches_discretion(scenarios):
    found = findings_at(scenarios["minimal"], ["approach:upper", "approach:lower", "relay:sluice_offer:publish"])
    assert any(f.principle == "discretion" and f.verdict == "breached" and f.weight == 3 for f in found)


def test_waiting_while_both_sides_are_ready_is_a_missed_opportunity_under_timing(scenarios):
    found = findings_at(scenarios["debrief_channel"], [*CHANNEL_READY, "wait:"])
    timing = next(f for f in found if f.principle == "timing")
    assert timing.verdict == "missed"
    assert "East Town: good offices, trust 50" in timing.explanation


def test_convening_a_side_without_consent_breaches_consent_with_its_level(scenarios):
    found = findings_at(scenarios["minimal"], [*BOTH_CONTACT, "propose_venue:mill:proximity_talks", "convene:talks"])
    consent = next(f for f in found if f.principle == "consent")
    assert consent.verdict == "breached" and consent.weight == 3
    assert "contact only" in consent.explanation


def test_probing_a_bad_faith_party_honours_good_faith_decisively(scenarios):
    found = findings_at(scenarios["debrief_badfaith"], ["probe:north"])
    assert any(f.principle == "good_faith" and f.verdict == "honoured" and f.weight == 3 for f in found)
    found = findings_at(scenarios["debrief_badfaith"], ["probe:south"])
    assert any(f.principle == "good_faith" and f.verdict == "honoured" and f.weight == 1 for f in found)


def test_seeking_consent_step_by_step_honours_consent(scenarios):
    found = findings_at(scenarios["debrief_channel"], ["approach:east", "approach:west", "approach:east"])
    consent = next(f for f in found if f.principle == "consent")
    assert consent.verdict == "honoured" and "one rung at a time" in consent.explanation


def test_repeated_one_sided_contact_breaches_impartiality(scenarios):
    found = findings_at(scenarios["minimal"], ["approach:upper", "approach:upper", "approach:upper"])
    impartiality = next(f for f in found if f.principle == "impartiality")
    assert impartiality.verdict == "breached"
    assert "3rd approach to Upper Valley" in impartiality.explanation


def test_blaming_a_party_breaches_impartiality_and_ownership(scenarios):
    found = findings_at(scenarios["minimal"], ["public_statement:blame:lower"])
    assert {("impartiality", "breached"), ("ownership", "breached")} <= verdicts(found)


def test_withholding_breaches_fidelity_and_impartiality(scenarios):
    found = findings_at(scenarios["minimal"], ["approach:upper", "approach:lower", "relay:sluice_offer:withhold"])
    assert {("fidelity", "breached"), ("impartiality", "breached")} <= verdicts(found)


def test_a_softened_relay_honours_fidelity_and_face(scenarios):
    found = findings_at(scenarios["minimal"], ["approach:upper", "approach:lower", "relay:sluice_offer:softened"])
    assert {("fidelity", "honoured"), ("face", "honoured")} <= verdicts(found)


def test_a_hostile_message_delivered_raw_keeps_fidelity_but_misses_face(scenarios):
    found = findings_at(scenarios["minimal"], ["approach:upper", "approach:lower", "relay:sluice_offer:verbatim"])
    assert {("fidelity", "honoured"), ("face", "missed")} <= verdicts(found)


def test_a_back_channel_kept_past_five_turns_is_breached_once(scenarios):
    keys = [*CHANNEL_READY, "propose_venue:inn:secret_meeting", "convene:talks", *["wait:"] * 6]
    session = play_script(scenarios["debrief_channel"], keys, seed=3)
    assert not any(d.what == "leak" and d.happened for o in session.history for d in o.draws)
    found = [f for f in debrief_session(session, suggest=False).findings if f.principle == "backchannel" and f.verdict == "breached"]
    assert len(found) == 1 and found[0].decision == 11
    assert "6 days without moving to official talks" in found[0].explanation  # the fixture's turn is a day


def test_scenario_choices_are_judged_by_their_annotations(scenarios):
    found = findings_at(scenarios["debrief_channel"], ["choice:tip_off_press"])
    assert verdicts(found) == {("discretion", "breached")}
    assert found[0].weight == 2 and found[0].explanation == "The towns had not agreed to go public."


def test_every_finding_cites_one_of_its_principles_sources(scenarios):
    from game.principles import catalogue, source

    for name, keys, seed in [*HONOURED.values(), *BREACHED.values()]:
        for f in findings_at(scenarios[name], keys, seed):
            assert f.source_id in catalogue()[f.principle].sources, (f.principle, f.source_id, f.explanation)
            assert f.source == source(f.source_id).cite
            assert f.explanation[:1].isupper()


@pytest.mark.parametrize(
    ("keys", "principle", "words"),
    [
        (["approach:upper", "approach:lower", "relay:sluice_offer:softened"], "fidelity", "Lower Valley's trust moved +2"),
        (["approach:upper", "approach:lower", "relay:sluice_offer:verbatim"], "face", "raised escalation +4"),
        (["approach:upper", "approach:lower", "relay:sluice_offer:distorted"], "fidelity", "(trust +3)"),
        (["approach:upper", "approach:lower", "relay:sluice_offer:publish"], "discretion", "its trust moved -20"),
        ([*BOTH_CONTACT, "offer_step:hotline"], "timing", "escalation moved -6"),
        ([*BOTH_CONTACT, "convene:shuttle"], "channel", "escalation moved -2"),
        (["public_statement:blame:upper"], "impartiality", "Its trust fell by 25"),
    ],
)
def test_explanations_quote_what_the_rule_itself_changed(scenarios, keys, principle, words):
    """Numbers come from the verb's own changes (matched by their reason), not the whole turn."""
    found = findings_at(scenarios["minimal"], keys)
    explanation = next(f.explanation for f in found if f.principle == principle)
    assert words in explanation, explanation
