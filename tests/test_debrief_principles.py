"""Every principle in the catalogue, honoured in one scripted situation and breached (or missed) in
another, as the rules table judges the decision that did it; the explanation quotes the situation's
own names and numbers, and cites a source its principle lists.

The fidelity corpus (`tests/fidelity/`) holds the trainer's cases, three situations or more for
each principle and verdict; this module keeps one of each on the engine's small test fixtures, so
a change to a fixture or to the table that silences a principle shows here first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.debrief import debrief_session
from game.debrief.model import Finding
from game.debrief.rules import RULES
from game.debrief.scripted import play_script
from game.principles import catalogue, principle_ids, source
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


BOTH = ["approach:upper", "approach:lower"]
CHANNEL_READY = ["approach:east", "approach:west", "approach:east", "approach:west"]

# principle -> (scenario, moves, seed, rule, words of the situation the explanation must quote)
HONOURED = {
    "consent": ("minimal", ["approach:upper"], 1, "approach-offer", ["Upper Valley", "trust 45"]),
    "ownership": ("minimal", [*BOTH, "relay:sluice_offer:agree_wording"], 1, "relay-agree-wording-ownership", ["Upper Valley"]),
    "mandate": (
        "debrief_badfaith",
        ["propose_venue:fort:proximity_talks", "convene:talks", "propose_formula:terms"],
        1,
        "formula-in-role",
        ["1 meeting"],
    ),
    "impartiality": ("minimal", ["public_statement:restraint"], 1, "statement-restraint", ["Upper Valley and Lower Valley"]),
    "discretion": ("minimal", [*BOTH, "propose_venue:mill:secret_meeting"], 1, "venue-secret-discreet", ["the Old Mill", "70/100"]),
    "fidelity": ("minimal", [*BOTH, "relay:sluice_offer:softened"], 1, "relay-softened-faithful", ["a third of the sluices"]),
    "face": ("minimal", [*BOTH, "propose_venue:mill:proximity_talks"], 1, "venue-neutral", ["The Old Mill", "80/100"]),
    "timing": ("minimal", [*BOTH, "offer_step:hotline"], 1, "step-early", ["an incident hotline"]),
    "channel": ("minimal", [*BOTH, "convene:shuttle"], 1, "convene-shuttle", ["Upper Valley and Lower Valley"]),
    "backchannel": (
        "debrief_channel",
        [*CHANNEL_READY, "propose_venue:inn:secret_meeting", "convene:talks", "propose_venue:inn:technical_delegations", "convene:talks"],
        3,
        "convene-official-track",
        ["2 days", "the Lakeside Inn"],
    ),
    "good_faith": ("debrief_badfaith", ["probe:north"], 1, "probe-before-commitments", ["the Northern Republic"]),
    "preparedness": ("minimal", ["consult:analysts"], 1, "consult-analysts", []),
}

# principle -> (scenario, moves, seed, rule, words), where the last move breaches it or misses a chance
AGAINST = {
    "consent": (
        "minimal",
        [*BOTH, "propose_venue:mill:proximity_talks", "public_statement:blame:lower", "approach:lower", "convene:talks"],
        1,
        "convene-uninvited",
        ["the Old Mill", "Lower Valley had not agreed"],
    ),
    "ownership": ("minimal", ["propose_formula:terms"], 1, "formula-overstep-ownership", ["Upper Valley and Lower Valley"]),
    "mandate": ("minimal", ["propose_formula:terms"], 1, "formula-overstep", ["good offices only", "Upper Valley and Lower Valley"]),
    "impartiality": (
        "minimal",
        ["approach:upper", "approach:upper", "approach:upper"],
        1,
        "approach-lopsided",
        ["3rd approach to Upper Valley"],
    ),
    "discretion": ("minimal", [*BOTH, "relay:sluice_offer:publish"], 1, "relay-published", ["A staged opening of the sluices", "25"]),
    "fidelity": (
        "minimal",
        [*BOTH, "relay:sluice_offer:distorted"],
        1,
        "relay-distorted",
        ["We will open all the sluices at once.", "a third of the sluices"],
    ),
    "face": (
        "minimal",
        [*BOTH, "propose_venue:lower_town:proximity_talks"],
        1,
        "venue-their-soil",
        ["Lower Valley's ground", "Upper Valley"],
    ),
    "timing": ("debrief_badfaith", ["wait:"], 1, "wait-crisis", ["72/100"]),
    "channel": ("minimal", [*BOTH, "public_statement:blame:upper", "wait:"], 1, "wait-after-withdrawal", ["Upper Valley"]),
    "backchannel": (
        "debrief_channel",
        [*CHANNEL_READY, "propose_venue:inn:secret_meeting", "convene:talks", "public_statement:announce"],
        3,
        "statement-announce-unprepared",
        ["East Town and West Town"],
    ),
    "good_faith": (
        "debrief_badfaith",
        ["probe:north", "probe:north", "propose_venue:fort:proximity_talks", "convene:talks"],
        1,
        "convene-stalling-unraised",
        ["the Northern Republic", "medium confidence"],
    ),
    "preparedness": ("minimal", [*BOTH, "propose_venue:mill:proximity_talks", "convene:talks"], 1, "convene-unprepared", []),
}


def test_every_principle_in_the_catalogue_has_an_honoured_and_a_breached_situation() -> None:
    assert set(HONOURED) == set(principle_ids())
    assert set(AGAINST) == set(principle_ids())


@pytest.mark.parametrize(("principle", "side"), [(p, s) for p in sorted(principle_ids()) for s in ("honoured", "against")])
def test_the_situation_is_judged_by_its_rule_in_its_own_words(scenarios, principle, side):
    name, keys, seed, rule, words = (HONOURED if side == "honoured" else AGAINST)[principle]
    found = [f for f in findings_at(scenarios[name], keys, seed) if f.rule == rule]
    assert found, f"{rule} did not judge {keys[-1]}"
    finding = found[0]
    assert finding.principle == principle
    assert (finding.verdict == "honoured") == (side == "honoured"), finding.verdict
    for word in words:
        assert word in finding.explanation, finding.explanation


def test_every_rule_cites_a_source_its_principle_lists() -> None:
    principles = catalogue()
    for rule in RULES:
        assert rule.source in principles[rule.principle].sources, (rule.id, rule.principle, rule.source)


def test_every_finding_cites_its_source_in_full_and_reads_as_a_sentence(scenarios):
    for name, keys, seed, _, _ in [*HONOURED.values(), *AGAINST.values()]:
        for f in findings_at(scenarios[name], keys, seed):
            assert f.source_id in catalogue()[f.principle].sources, (f.principle, f.source_id, f.explanation)
            assert f.source == source(f.source_id).cite
            assert f.explanation[:1].isupper() and "{" not in f.explanation


def test_a_verdict_does_not_depend_on_the_partys_hidden_faith(scenarios):
    """Probing the party in bad faith and the one in good faith, before any talks, are the same decision."""
    bad = findings_at(scenarios["debrief_badfaith"], ["probe:north"])
    good = findings_at(scenarios["debrief_badfaith"], ["probe:south"])
    assert [(f.rule, f.severity) for f in bad] == [(f.rule, f.severity) for f in good]


def test_scenario_choices_are_judged_by_their_annotations(scenarios):
    found = findings_at(scenarios["debrief_channel"], ["choice:tip_off_press"])
    assert [(f.principle, f.verdict) for f in found] == [("discretion", "breached")]
    assert found[0].weight == 2 and found[0].explanation == "The towns had not agreed to go public."
    assert found[0].rule == "choice:tip_off_press:1"


def test_a_back_channel_kept_secret_past_five_turns_is_an_endless_game_from_the_sixth(scenarios):
    keys = [*CHANNEL_READY, "propose_venue:inn:secret_meeting", "convene:talks", *["wait:"] * 6]
    session = play_script(scenarios["debrief_channel"], keys, seed=3)
    assert len(session.history) == len(keys)
    endless = [f for f in debrief_session(session, suggest=False).findings if f.rule == "turn-endless-game"]
    assert endless and endless[0].principle == "backchannel" and endless[0].verdict == "breached"
    assert "6 days" in endless[0].explanation  # the fixture's turn is a day
