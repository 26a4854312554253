"""Walk a session's decisions again, judging each from the state it was taken in.

The walk replays the moves on a fresh Session with the same seed (so every state before a
decision is exactly the one the trainee faced), judges each decision by the rules table,
reviews each by search (`review.py`: started first, in worker processes where it helps, while
the walk judges), and gathers the timeline and the hidden facts.
"""

from __future__ import annotations

from dataclasses import replace

from game.debrief.decision import Decision
from game.debrief.judging import judge_move, make_decision, to_findings
from game.debrief.model import Debrief, Finding, TimelinePoint
from game.debrief.reveal import Hidden, reveal
from game.debrief.review import FULL, SearchSettings, start_review
from game.debrief.scoring import capped_by, conduct_score, has_broken_relay, has_critical_breach, overall_score, principle_scores
from game.engine.machines import Machines
from game.engine.outcome import Outcome
from game.engine.session import MoveNotAvailable, Session, Sink
from game.engine.state import GameState
from game.principles import catalogue
from game.scenario.loader import LoadedScenario


class KeyNotOffered(MoveNotAvailable):
    """Decision `number` (1-based) names a move the session did not offer then; `session` is
    where it stopped, so the message can list what was on offer (as a replay's does)."""

    def __init__(self, number: int, reason: str, session: Session) -> None:
        super().__init__(reason)
        self.number = number
        self.session = session


def debrief_session(session: Session, *, suggest: bool = True, search: SearchSettings = FULL) -> Debrief:
    """The debrief of a live Session, finished or not (the GUI calls this at the end).
    `suggest=False` skips the review by search; `search` sets how hard it searches."""
    return walk(
        session.loaded,
        session.seed,
        session.trainee,
        [o.move.key for o in session.history],
        machines=session.machines,
        suggest=suggest,
        search=search,
    )


def walk(
    loaded: LoadedScenario,
    seed: int,
    trainee: str,
    keys: list[str],
    *,
    machines: Machines | None = None,
    suggest: bool = True,
    search: SearchSettings = FULL,
    warnings: list[str] | None = None,
    started: str = "",
    log_file: str = "",
    sink: Sink | None = None,
    brief: bool = False,
) -> Debrief:
    """`sink` receives the records the walk's session produces, as a log would hold them, so a
    log can be checked while it is walked (`logs.py`) instead of being replayed once more. A
    key the session does not offer raises `KeyNotOffered`.

    `brief=True` makes a debrief only for its scores and its class entry (`classentry.py`):
    the findings that honoured a principle are not worded (`to_findings`), the timeline holds
    each decision's move but not the figures after it (escalation, trust, leak risk and events
    are left empty), and there is no reveal; all else is as in the full debrief."""
    replay = Session(loaded, seed=seed, trainee=trainee, started=started, machines=machines, sink=sink)
    pending = start_review(loaded, replay.machines, seed, keys, search) if suggest else None
    hidden = Hidden()
    _note_events(loaded, hidden, replay.opening, replay.state.turn)
    point = _bare_point if brief else _point
    timeline = [point(0, replay.state, "Start", "", replay.opening, replay.state.turn)]
    findings: list[Finding] = []
    previous: Decision | None = None
    try:
        for number, key in enumerate(keys, start=1):
            if replay.is_over:
                raise KeyNotOffered(number, "the session has ended", replay)
            # the state before the move, for the knowledge of it; after the first decision that
            # knowledge is the previous decision's `after`, and the state needs no copy
            before = replay.state.copy() if previous is None else replay.state
            offered = tuple(replay.moves())
            try:
                outcome = replay.choose(key)
            except MoveNotAvailable as exc:
                raise KeyNotOffered(number, str(exc), replay) from None
            # the knowledge after one decision is the knowledge before the next: computed once
            known = previous.after if previous is not None else None
            decision = make_decision(loaded, number, before, replay.state, outcome, offered, previous, known_before=known)
            findings.extend(to_findings(decision, judge_move(decision), loaded.scenario.language, brief=brief))
            if not brief:  # what was hidden is only for the reveal
                _note_hidden(loaded, hidden, outcome, replay.state.turn, number)
            timeline.append(point(number, replay.state, outcome.move.label, key, outcome, outcome.turn))
            previous = decision
    except BaseException:
        if pending is not None:
            pending.cancel()  # no review of a walk that did not finish: its workers stop now
        raise
    reviews = pending.result() if pending is not None else []
    alternatives = [r.stronger for r in reviews if r.stronger is not None]
    stronger = {a.decision: a.text for a in alternatives}
    findings = [replace(f, stronger=stronger[f.decision]) if f.decision in stronger else f for f in findings]
    scores = principle_scores(findings)
    conduct = conduct_score(findings, scores)
    ending = replay.ending
    grade = ending.grade if ending else None
    critical = has_critical_breach(findings)
    broken = has_broken_relay(findings)
    s = loaded.scenario
    return Debrief(
        scenario_id=s.id,
        scenario_title=s.title,
        trainee=trainee,
        seed=seed,
        ending=ending,
        overall=overall_score(conduct, grade, critical=critical, broken_relay=broken),
        scores=scores,
        findings=findings,
        reveal=[] if brief else reveal(loaded, replay.state, hidden),
        timeline=timeline,
        decisions=len(keys),
        scenario_sha256=loaded.sha256,
        summary=s.debrief.summary,
        conduct=conduct,
        capped_by=capped_by(conduct, grade, critical=critical, broken_relay=broken),
        parties={pid: p.name for pid, p in s.parties.items()},
        principle_names={pid: p.name for pid, p in catalogue().items()},
        alternatives=alternatives,
        reviews=reviews,
        search=search.describe() if suggest else {},
        warnings=list(warnings or []),
        started=started,
        log_file=log_file,
        mandate=s.envoy.mandate_text,
        turn_label=s.clock.turn_label,
        language=s.language,
        endings=[(pid, ph.title, ph.ending.grade) for pid, ph in s.phases.phases.items() if ph.ending is not None],
    )


def _point(number: int, state: GameState, label: str, key: str, outcome: Outcome, turn: int) -> TimelinePoint:
    return TimelinePoint(
        decision=number,
        turn=turn,
        escalation=round(state.escalation, 1),
        trust={pid: round(p.trust, 1) for pid, p in state.parties.items()},
        move_label=label,
        move_key=key,
        leak_risk=round(state.leak_risk, 1),
        events=tuple(e.title for e in outcome.events),
    )


def _bare_point(number: int, state: GameState, label: str, key: str, outcome: Outcome, turn: int) -> TimelinePoint:
    """A brief walk's point: the move without the figures."""
    return TimelinePoint(decision=number, turn=turn, escalation=0.0, trust={}, move_label=label, move_key=key)


def _note_events(loaded: LoadedScenario, hidden: Hidden, outcome: Outcome, turn: int) -> None:
    for event in outcome.events:
        if event.id in loaded.scenario.events:
            hidden.events.append((turn, event.id))


def _note_hidden(loaded: LoadedScenario, hidden: Hidden, outcome: Outcome, turn_after: int, number: int) -> None:
    move = outcome.move
    if move.verb == "probe" and move.party:
        hidden.probed_at.setdefault(move.party, number)
    if move.verb == "relay":
        mid, mode = move.target, move.mode
        if mode in ("distorted", "withhold"):
            message = loaded.scenario.messages[mid]
            hidden.harmed.setdefault(message.sender, []).append(message.summary)
    for draw in outcome.draws:
        if draw.what.startswith("discovery:") and draw.happened:
            pid = draw.what.partition(":")[2]
            hidden.discovered.setdefault(pid, (number, turn_after))
    _note_events(loaded, hidden, outcome, turn_after)
