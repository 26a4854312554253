"""The review by search (game/debrief/review.py) and its careful envoy (game/debrief/policy.py).

Scripted positions in the test fixtures must get the corrective the practice calls for, the
stronger move must never contradict the findings it sits under, the review must be
reproducible and independent of the number of worker processes, and the careful envoy must
never read hidden truth.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from game.debrief import class_report, debrief_log, debrief_session, render_class_text, render_html, render_text, to_json
from game.debrief.judging import judge_move, make_decision
from game.debrief.model import CLASS_THRESHOLDS, Debrief, classify
from game.debrief.policy import avoided, careful_move, careful_move_now, play_carefully
from game.debrief.review import FULL, MARGIN, REDUCED, SearchSettings
from game.debrief.scripted import play_expertly, play_randomly, play_script
from game.debrief.words import points, review_line
from game.engine.machines import build_machines
from game.engine.session import Session, available_moves, play
from game.scenario.bundled import bundled_paths
from game.scenario.loader import LoadedScenario, load_scenario

FIXTURES = Path(__file__).parent / "fixtures"
ONE_WORKER = SearchSettings(workers=1)
BOTH_CONTACT = ["approach:upper", "approach:lower"]


def _load(path: Path) -> LoadedScenario:
    loaded, problems = load_scenario(path)
    assert loaded is not None, problems
    return loaded


@pytest.fixture(scope="module")
def mandate_needed(variant) -> LoadedScenario:
    """The minimal fixture where the valleys sign only what a mediator helped them shape: the
    deal needs the mediation mandate, and both valleys trust the envoy enough to grant it."""
    return variant(
        "minimal",
        ("    when: var.offer_known\n", "    when: var.offer_known and mandate == mediation\n"),
        ("trust: 45", "trust: 56"),
        ("trust: 30", "trust: 52"),
    )


# -- the corrective is the lesson ------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["distorted", "publish", "withhold"])
def test_a_distorted_published_or_withheld_message_gets_its_faithful_delivery(minimal, mode):
    d = debrief_session(play_script(minimal, [*BOTH_CONTACT, f"relay:sluice_offer:{mode}"], seed=1), search=ONE_WORKER)
    review = d.review_for(3)
    assert review is not None and review.classification == "blunder"
    assert review.expected < review.best
    assert review.stronger is not None
    assert review.stronger.move_key in ("relay:sluice_offer:softened", "relay:sluice_offer:verbatim", "relay:sluice_offer:agreed")
    assert review.stronger.move_key == "relay:sluice_offer:softened"  # equally good deliveries: the softer one
    text = review.stronger.text
    assert text.startswith(review.stronger.move_label + ": expected outcome ")
    assert f"expected outcome {round(review.stronger.expected)} instead of {round(review.expected)}" in text
    assert d.alternative_for(3) == review.stronger


def test_a_venue_on_one_sides_soil_gets_a_neutral_venue(minimal):
    keys = [*BOTH_CONTACT, "relay:sluice_offer:softened", "wait:", "wait:", "propose_venue:lower_town:proximity_talks"]
    d = debrief_session(play_script(minimal, keys, seed=1), search=ONE_WORKER)
    review = d.review_for(6)
    assert review is not None and review.loss >= MARGIN and review.stronger is not None
    verb, venue, _ = review.stronger.move_key.split(":")
    assert verb == "propose_venue"
    assert minimal.scenario.venues[venue].territory is None and minimal.scenario.venues[venue].neutrality >= 50


def test_an_overstepping_formula_gets_the_request_for_a_mandate(mandate_needed):
    keys = [*BOTH_CONTACT, "relay:sluice_offer:softened", *BOTH_CONTACT, "propose_venue:mill:proximity_talks", "convene:talks"]
    d = debrief_session(play_script(mandate_needed, [*keys, "propose_formula:terms"], seed=1), search=ONE_WORKER)
    review = d.review_for(len(keys) + 1)
    assert review is not None and review.classification == "blunder"
    assert any(f.verdict == "breached" for f in d.findings_for(len(keys) + 1))
    assert review.stronger is not None and review.stronger.move_key == "request_mandate:mediation"


def test_a_move_as_good_as_the_best_gets_no_stronger_move(minimal):
    d = debrief_session(play_script(minimal, [*BOTH_CONTACT, "relay:sluice_offer:softened"], seed=1), search=ONE_WORKER)
    for review in d.reviews:
        assert review.classification == "fine" and review.stronger is None and review.loss < MARGIN
    assert not d.alternatives and all(f.stronger is None for f in d.findings)


# -- never contradicting the findings --------------------------------------------------------------
def _runs() -> list[tuple[LoadedScenario, Session]]:
    runs = []
    for path in [*bundled_paths(), FIXTURES / "minimal.yaml", FIXTURES / "strait.yaml", FIXTURES / "debrief_channel.yaml"]:
        loaded = _load(path)
        for seed, style in ((3, 0), (5, 2)):
            runs.append((loaded, play_randomly(loaded, seed=seed, trainee="x", style=style, limit=12)))
    return runs


@pytest.fixture(scope="module")
def reviewed() -> list[tuple[LoadedScenario, Session, Debrief]]:
    return [(loaded, session, debrief_session(session, search=ONE_WORKER)) for loaded, session in _runs()]


def test_a_stronger_move_that_is_not_the_best_names_the_best(reviewed):
    """The review line names the best move on offer; a stronger move chosen because it puts the
    same matter right must not seem to contradict it, so it names the best too."""
    seen = 0
    for _, _, d in reviewed:
        for review in d.reviews:
            if review.stronger is not None and review.stronger.move_key != review.best_key:
                seen += 1
                assert f"the best move on offer, {review.best_label}, could be expected to lead to" in review.stronger.text
            elif review.stronger is not None:
                assert "the best move on offer," not in review.stronger.text
    assert seen, "the runs reviewed include a corrective stronger move that is not the best"


def test_the_reported_outcomes_come_from_continuations_that_chose_nothing(reviewed):
    """The winner of a search over a dozen moves on eight continuations each is as much the
    move the dice favoured as the better one; the figures a trainee reads for the move made
    and for the best move are measured again on fresh continuations, so a loss is not the
    winner's luck."""
    from game.debrief.continuations import SEED_BASE, VERIFY_OFFSET, play_line

    checked = 0
    for loaded, session, d in reviewed[:4]:
        replay = Session(loaded, seed=session.seed)
        for number, outcome in enumerate(session.history, start=1):
            review = d.review_for(number)
            assert review is not None
            if review.best_key != review.move_key and checked < 6:
                offered = {m.key: m for m in replay.moves()}
                seeds = [SEED_BASE * number + VERIFY_OFFSET + i for i in range(review.continuations)]
                for key, reported in ((review.move_key, review.expected), (review.best_key, review.best)):
                    values = [play_line(replay, offered[key], seed, FULL.horizon)[0] for seed in seeds]
                    assert round(sum(values) / len(values), 1) == reported, (number, key)
                checked += 1
            replay.choose(outcome.move.key)
    assert checked


def test_the_stronger_move_never_contradicts_its_finding(reviewed):
    shown = 0
    for loaded, session, d in reviewed:
        machines = build_machines(loaded)
        replay = Session(loaded, seed=session.seed, machines=machines)
        previous = None
        for number, outcome in enumerate(session.history, start=1):
            before, offered = replay.state.copy(), tuple(replay.moves())
            review = d.review_for(number)
            assert review is not None
            stronger = review.stronger
            if stronger is not None:
                shown += 1
                assert stronger.move_key != outcome.move.key  # never the very move that was judged
                move = next(m for m in offered if m.key == stronger.move_key)  # it was on offer
                after = before.copy()
                played = play(loaded, machines, after, move, session.seed)
                judged = judge_move(make_decision(loaded, number, before, after, played, offered, previous))
                assert all(j.verdict == "honoured" for j in judged), (stronger.move_key, judged)  # breaches and misses nothing
                assert not avoided(loaded.scenario, before, move, frozenset(m.key for m in offered))
                assert stronger.expected - stronger.instead_of >= MARGIN
                assert all(f.stronger == stronger.text for f in d.findings_for(number))
            played_now = replay.choose(outcome.move.key)
            previous = make_decision(loaded, number, before, replay.state, played_now, offered, previous)
    assert shown, "careless simulated trainees should leave room for stronger moves"


def test_the_stronger_move_never_names_the_phase_the_crisis_is_already_in(reviewed):
    for loaded, session, d in reviewed:
        phases = loaded.scenario.phases.phases
        replay = Session(loaded, seed=session.seed)
        for number, outcome in enumerate(session.history, start=1):
            review = d.review_for(number)
            if review is not None and review.stronger is not None:
                current, lineage = replay.state.phase.state, []
                while current is not None:
                    lineage.append(phases[current].title)
                    current = phases[current].parent
                for title in lineage:
                    assert f"'{title}'" not in review.stronger.text, (number, title)
            replay.choose(outcome.move.key)


def test_the_loss_classes_follow_the_thresholds(reviewed):
    assert [c for c, _ in CLASS_THRESHOLDS] == ["blunder", "mistake", "inaccuracy"]
    assert classify(0) == classify(9.9) == "fine"
    assert classify(10) == classify(19.9) == "inaccuracy"
    assert classify(20) == classify(29.9) == "mistake"
    assert classify(30) == classify(100) == "blunder"
    for _, _, d in reviewed:
        for review in d.reviews:
            assert 0 <= review.expected <= 100 and 0 <= review.best <= 100
            assert review.loss == pytest.approx(max(review.best - review.expected, 0.0), abs=0.11)
            assert review.classification == classify(round(review.loss - review.chance, 1))
            if review.classification != classify(review.loss):  # chance decided: it was played on
                assert review.continuations == FULL.confirm
            assert review.costly == (review.classification in ("mistake", "blunder"))
            if review.stronger is None:
                continue
            assert review.classification != "fine" or review.stronger.margin >= MARGIN


# -- reproducible ----------------------------------------------------------------------------------
def test_the_same_log_always_gives_the_same_review(minimal, tmp_path):
    log = tmp_path / "run.jsonl"
    play_randomly(minimal, seed=7, trainee="Ada", log=log, style=2, limit=10)
    first, _ = debrief_log(log)
    second, _ = debrief_log(log, search=ONE_WORKER)
    assert first is not None and second is not None and first.reviews
    assert first.reviews == second.reviews  # two workers or one: the same review
    assert to_json(first) == to_json(second)
    assert first.search == FULL.describe()


def test_without_worker_processes_the_review_is_made_here_and_is_the_same(minimal, monkeypatch):
    from game.debrief import review

    session = play_randomly(minimal, seed=7, trainee="Ada", style=2, limit=10)
    with_workers = debrief_session(session, search=SearchSettings(workers=2))

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError("no semaphores here")

    monkeypatch.setattr(review, "ProcessPoolExecutor", refused)
    assert debrief_session(session, search=SearchSettings(workers=2)).reviews == with_workers.reviews


def test_the_review_leaves_the_trainees_game_untouched(minimal):
    session = play_script(minimal, [*BOTH_CONTACT, "relay:sluice_offer:distorted"], seed=1)
    snapshot = session.state.copy()
    debrief_session(session, search=ONE_WORKER)
    assert session.state == snapshot


# -- the careful envoy -----------------------------------------------------------------------------
def _positions(loaded: LoadedScenario, count: int) -> list[Session]:
    found = []
    for seed in range(count):
        session = play_randomly(loaded, seed=seed, trainee="x", style=seed, limit=random.Random(seed).randrange(0, 14))
        if not session.is_over:
            found.append(session)
    return found


@pytest.mark.parametrize("name", ["minimal", "strait", "debrief_channel", "debrief_badfaith", "messages"])
def test_the_careful_envoy_lists_only_what_it_needs_and_chooses_the_same(name):
    loaded = _load(FIXTURES / f"{name}.yaml")
    for session in _positions(loaded, 25):
        listed = careful_move(loaded, session.state, available_moves(loaded, session.machines, session.state, session.seed))
        assert careful_move_now(loaded, session.machines, session.state) == listed


def test_the_careful_envoy_never_reads_hidden_truth(variant):
    loaded = _load(FIXTURES / "debrief_badfaith.yaml")
    flipped = variant("debrief_badfaith", ("faith: bad", "faith: good"))
    for session in _positions(loaded, 25):
        moves = session.moves()
        chosen = careful_move(loaded, session.state, moves).key
        hidden = session.state.copy()
        hidden.leak_risk = 77.0
        for party in hidden.parties.values():
            party.pressure = 95.0
            party.grievance = 2.0
        hidden.variables = {k: (not v if isinstance(v, bool) else v + 1) for k, v in hidden.variables.items()}
        assert careful_move(loaded, hidden, moves).key == chosen
        assert careful_move(flipped, session.state, moves).key == chosen


@pytest.mark.parametrize("name", ["minimal", "strait", "debrief_channel"])
def test_the_careful_envoy_wins_the_test_scenarios(name):
    loaded = _load(FIXTURES / f"{name}.yaml")
    session = play_expertly(loaded, seed=1)
    assert session.ending is not None and session.ending.grade == "success"
    for seed in range(2, 6):
        again = Session(loaded, seed=seed)
        play_carefully(again, 100)
        assert again.ending is not None and again.ending.grade == "success"


def test_the_careful_envoy_never_breaches_a_rule_outright():
    for name in ("minimal", "strait", "debrief_channel"):
        loaded = _load(FIXTURES / f"{name}.yaml")
        d = debrief_session(play_expertly(loaded, seed=1), suggest=False)
        assert not [f for f in d.findings if f.verdict == "breached" and f.severity == "critical"], name


def test_the_careful_envoy_never_convenes_a_meeting_a_party_took_back():
    """In the Quiet Channel a premature official session makes Korvat's delegation walk out and
    narrow its consent; the careful envoy proposes a meeting again instead of convening the same
    one, which once made it walk out again and again until the door closed."""
    loaded = _load(FIXTURES.parent.parent / "scenarios" / "quiet_channel.yaml")
    endings = []
    for seed in range(1, 13):
        session = play_expertly(loaded, seed=seed)
        d = debrief_session(session, suggest=False)
        assert not [f for f in d.findings if f.rule == "convene-uninvited"], seed
        endings.append(session.ending.phase if session.ending else None)
    assert "door_closed" not in endings, endings


# -- reports ---------------------------------------------------------------------------------------
def test_every_format_shows_the_review(minimal):
    d = debrief_session(play_script(minimal, [*BOTH_CONTACT, "relay:sluice_offer:distorted"], seed=1), search=ONE_WORKER)
    text = " ".join(render_text(d).split())
    assert "Review by search: 1 blunder" in text and "loss 60, a blunder" in text and "Stronger move: " in text
    data = to_json(d)
    assert data["search"]["continuations"] == FULL.continuations
    third = data["reviews"][2]
    assert third["class"] == "blunder" and third["stronger"]["move_key"] == "relay:sluice_offer:softened"
    html = render_html(d)
    assert "What each decision could be expected to lead to" in html and "Expected outcome after each decision" in html
    assert 'href="#decision-3"' in html


def test_the_class_report_counts_costly_moves_with_the_reduced_search(minimal):
    debriefs = [
        debrief_session(play_script(minimal, [*BOTH_CONTACT, "relay:sluice_offer:distorted"], seed=s, trainee=f"T{s}"), search=REDUCED)
        for s in (1, 2)
    ]
    report = class_report(debriefs)
    cohort = report.cohorts[0]
    assert cohort.search["search"] == "reduced"
    assert all(t.blunders == 1 for t in cohort.trainees)
    assert cohort.costly and cohort.costly[0].move_key == "relay:sluice_offer:distorted" and cohort.costly[0].trainees == 2
    assert "COSTLY MOVES" in render_class_text(report)
    assert all(r.continuations == REDUCED.continuations for d in debriefs for r in d.reviews)


def test_without_the_search_there_is_no_review(minimal):
    d = debrief_session(play_script(minimal, [*BOTH_CONTACT], seed=1), suggest=False)
    assert d.reviews == [] and d.search == {} and d.alternatives == []
    assert "Review" not in render_text(d)
    assert replace(d, trainee="x").review_for(1) is None


def test_a_move_no_other_beat_is_not_called_the_best():
    """Eight continuations cannot tell a week's wait from a first contact apart in every
    position; the review says no move did better, not that waiting was the best move."""
    from game.debrief.model import MoveReview
    from game.debrief.words import review_line

    tie = MoveReview(2, "wait:", 70.0, 70.0, "wait:", "Wait a week", 0.0, "fine", None)
    assert review_line(tie) == "Expected outcome 70: no move on offer could be expected to do better."


def test_a_breach_that_cost_no_outcome_is_not_praised():
    """Blaming a party in public may cost nothing in the continuations; the review line then
    says so without reading as an endorsement of the move."""
    from game.debrief.model import MoveReview
    from game.debrief.words import review_line

    blame = MoveReview(7, "public_statement:blame:b", 100.0, 100.0, "relay:x:softened", "Deliver x", 0.0, "fine", None, breached=True)
    line = review_line(blame)
    assert line.startswith("Expected outcome 100, as good as the best move on offer that breached nothing")
    assert line.endswith("The breach cost nothing in these continuations; it is a breach all the same.")
    sound = MoveReview(7, "relay:x:softened", 100.0, 100.0, "relay:x:softened", "Deliver x", 0.0, "fine", None)
    assert "breach" not in review_line(sound)


def test_a_loss_chance_alone_could_explain_is_not_called_a_mistake(reviewed):
    """On eight continuations the difference between two moves moves by 15 to 20 points with
    the dice alone; the review plays such a close call on further and counts only what chance
    could not make: the class a trainee reads is a claim about the move, not about the dice."""
    confirmed = [r for _, _, d in reviewed for r in d.reviews if r.continuations == FULL.confirm]
    assert confirmed, "the runs reviewed include close calls"
    for review in confirmed:
        # played on further, the best may do no better than the move made: then it is the best
        assert review.chance > 0 or (review.best_key == review.move_key and review.loss == 0)
        assert review.classification == classify(round(review.loss - review.chance, 1))
        line = review_line(review)
        if review.classification != classify(review.loss):
            assert f"chance alone could make {points(review.chance)} of it over {FULL.confirm} continuations" in line
    exact = [r for _, _, d in reviewed for r in d.reviews if r.chance == 0 and r.loss >= 10]
    assert all(r.classification == classify(r.loss) for r in exact)
