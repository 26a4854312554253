"""The bibliography and how judgements cite it: every judgement names a source id, an unknown
principle or source id fails loudly, and each finding over the bundled proof transcripts cites
a source its principle lists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from game.debrief import debrief_session, rules
from game.debrief.rules.base import Rule
from game.debrief.scripted import play_script
from game.principles import (
    SOURCE_KINDS,
    UnknownPrinciple,
    UnknownSource,
    bibliography,
    build_catalogue,
    catalogue,
    primary_source,
    source,
)
from game.scenario.loader import LoadedScenario, load_scenario

ROOT = Path(__file__).parent.parent
PROOFS = sorted((ROOT / "scenarios").glob("*.proofs/*.yaml"))
FIXTURES = Path(__file__).parent / "fixtures"
SOURCE_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_loaded: dict[str, LoadedScenario] = {}


def _scenario(path: Path) -> LoadedScenario:
    if str(path) not in _loaded:
        loaded, problems = load_scenario(path)
        assert loaded is not None, [p.render() for p in problems]
        _loaded[str(path)] = loaded
    return _loaded[str(path)]


def test_every_source_has_a_citation_what_it_supports_and_a_kind():
    for sid, entry in bibliography().items():
        assert SOURCE_ID.match(sid), sid
        assert entry.kind in SOURCE_KINDS
        assert entry.cite and entry.supports, sid
        assert "(check)" not in entry.cite, f"{sid}: cite the instrument without an unconfirmed pinpoint"


def test_the_sources_the_brief_names_are_all_there():
    wanted = {
        "charter-2-3", "charter-33", "charter-52", "charter-99", "charter-100",
        "hague-1907-2", "hague-1907-3", "hague-1907-4", "hague-1907-5", "hague-1907-6",
        "ga-43-51", "ga-37-10", "ga-65-283", "oas-charter", "standby-2008",
        "guidance-2012-consent", "guidance-2012-impartiality", "guidance-2012-preparedness", "guidance-2012-ownership",
        "portsmouth-1905", "tashkent-1966", "paris-1968", "geneva-1988", "cuba-1962", "oslo-1993", "algiers-1981",
        "seed-000-practice",
    }  # fmt: skip
    assert wanted <= set(bibliography())


def test_every_principle_lists_known_source_ids():
    for principle in catalogue().values():
        assert principle.sources and all(sid in bibliography() for sid in principle.sources), principle.id
        assert primary_source(principle.id) == principle.sources[0]


def test_a_catalogue_naming_an_unknown_source_fails_to_load():
    raw = {"consent": {"name": "Consent", "explanation": "x", "honoured_by": [], "breached_by": [], "sources": ["charter-34"]}}
    with pytest.raises(UnknownSource, match="charter-34"):
        build_catalogue(raw, bibliography())


def test_an_unknown_source_id_raises():
    with pytest.raises(UnknownSource):
        source("Portsmouth")  # a keyword, as judgements used to pass, is not an id


@pytest.mark.parametrize(
    ("principle", "source_id", "error"),
    [("discretoin", "seed-000-practice", UnknownPrinciple), ("discretion", "Cuban", UnknownSource)],
)
def test_a_rule_with_an_unknown_principle_or_source_is_refused(monkeypatch, principle, source_id, error):
    """Not dropped, not replaced by a guess: the debrief stops, and the suite with it."""
    loaded = _scenario(FIXTURES / "minimal.yaml")
    bad = Rule("bad-rule", ("wait",), principle, "breached", "major", "wait.too_passive", source_id)
    monkeypatch.setattr(rules, "RULES", (*rules.RULES, bad))
    session = play_script(loaded, ["wait:"], seed=1)
    with pytest.raises(error):
        debrief_session(session, suggest=False)


def test_every_rule_cites_a_source_its_principle_lists():
    """The catalogue says which sources speak to each principle; a rule cites one of them, so a
    source is never borrowed for a principle it says nothing about."""
    for rule in rules.RULES:
        assert rule.source in catalogue()[rule.principle].sources, (rule.id, rule.principle, rule.source)


@pytest.mark.parametrize("proof", PROOFS, ids=lambda p: f"{p.parent.stem}/{p.stem}")
def test_every_finding_over_the_proofs_cites_a_source_of_its_principle(proof):
    data = yaml.safe_load(proof.read_text(encoding="utf-8"))
    loaded = _scenario(ROOT / "scenarios" / f"{data['scenario']}.yaml")
    debrief = debrief_session(play_script(loaded, data["moves"], seed=data["seed"]), suggest=False)
    assert debrief.findings
    for f in debrief.findings:
        assert f.source == source(f.source_id).cite
        if not f.move_key.startswith("choice:"):
            assert f.source_id in catalogue()[f.principle].sources, (f.move_key, f.principle, f.source_id)


def test_an_annotation_without_a_source_cites_its_principles_primary_source():
    loaded = _scenario(FIXTURES / "debrief_channel.yaml")
    debrief = debrief_session(play_script(loaded, ["choice:tip_off_press"], seed=1), suggest=False)
    (finding,) = debrief.findings
    assert finding.principle == "discretion" and finding.source_id == primary_source("discretion")


def test_an_annotation_may_name_its_source(tmp_path):
    text = (FIXTURES / "debrief_channel.yaml").read_text(encoding="utf-8")
    marker = "note: The towns had not agreed to go public.}"
    assert marker in text
    path = tmp_path / "sourced.yaml"
    path.write_text(text.replace(marker, marker[:-1] + ", source: seed-000-advantages}"), encoding="utf-8")
    loaded = _scenario(path)
    debrief = debrief_session(play_script(loaded, ["choice:tip_off_press"], seed=1), suggest=False)
    assert [f.source_id for f in debrief.findings] == ["seed-000-advantages"]


# -- The audit of which source each finding cites ---------------------------------------------
# Each pair was read against the finding's wording and the source's `supports`/`not_for`; the
# ones below were changed (or fixed earlier) because the source first cited did not say that
# very thing. A change to one of these is a change of citation: check the source says it.
AUDITED_RULES = {
    "convene-uninvited": "guidance-2012-consent",  # was charter-33: the means of settlement, not one meeting
    "formula-overstep-ownership": "guidance-2012-ownership",  # was hague-1907-6: advice, not whose terms
    "formula-in-role": "seed-000-mediation",  # was hague-1907-4: article unconfirmed; the seed states it
    "venue-neutral": "seed-000-practice",  # was portsmouth-1905: its seed passage says nothing of venue
    "formula-overstep": "seed-000-limits",
    "statement-announce-unprepared": "seed-002-revelation",
    "turn-endless-game": "seed-002-testing",
}

AUDITED_ANNOTATIONS = {
    # (scenario file, choice, principle): the source the annotation names explicitly
    ("scenarios/quiet_channel.yaml", "channel_rules", "backchannel"): "oslo-1993",
    ("scenarios/quiet_channel.yaml", "draft_sequencing_paper", "mandate"): "seed-000-limits",
    ("scenarios/quiet_channel.yaml", "coordinate_with_un", "backchannel"): "guidance-2012-coherence",
    ("scenarios/quiet_channel.yaml", "warn_un_off", "backchannel"): "guidance-2012-coherence",
    ("scenarios/quiet_channel.yaml", "ask_council_signal", "good_faith"): "seed-001-prevention",
    ("scenarios/harbour_crossing.yaml", "press_briefing", "discretion"): "seed-000-advantages",
    ("scenarios/harbour_crossing.yaml", "draw_the_line", "mandate"): "seed-000-limits",
    ("game/authoring/starter.yaml", "own_formula", "mandate"): "seed-000-limits",
}

ANNOTATED_FILES = sorted({ROOT / file for file, _, _ in AUDITED_ANNOTATIONS} | set((ROOT / "scenarios").glob("*.yaml")))


@pytest.mark.parametrize(("rule_id", "source_id"), sorted(AUDITED_RULES.items()))
def test_an_audited_rule_cites_the_source_that_says_it(rule_id, source_id):
    (rule,) = [r for r in rules.RULES if r.id == rule_id]
    assert rule.source == source_id


@pytest.mark.parametrize(("where", "source_id"), sorted(AUDITED_ANNOTATIONS.items()), ids=lambda x: str(x))
def test_an_audited_annotation_names_the_source_that_says_it(where, source_id):
    file, choice, principle = where
    notes = [n for n in _scenario(ROOT / file).scenario.choices[choice].annotations if n.principle == principle]
    assert [n.source for n in notes] == [source_id]


@pytest.mark.parametrize("path", ANNOTATED_FILES, ids=lambda p: p.name)
def test_no_annotation_falls_back_on_a_case_study(path):
    """Without `source:` an annotation cites its principle's primary source; where that source is
    a historical case (back channels: Oslo 1993), the fallback would cite a case for whatever the
    note says, so the author must name the source."""
    for choice_id, choice in _scenario(path).scenario.choices.items():
        for note in choice.annotations:
            if note.source is None:
                fallback = source(primary_source(note.principle))
                assert fallback.kind != "case", f"{path.name}: {choice_id} ({note.principle}) would cite {fallback.cite}"
