"""Judge one decision: build what the envoy knew, apply the rules table, word the findings.

Both the trainee's decisions and every move the review by search plays go through `judge_move`,
so a stronger move is always judged by exactly the rules that judged the trainee's move.
"""

from __future__ import annotations

from functools import cache

from game.debrief.decision import Decision, visible
from game.debrief.model import Finding
from game.debrief.rules import Judgement, judge
from game.debrief.sources import citation
from game.debrief.wording import render
from game.engine.knowledge import Knowledge, knowledge
from game.engine.outcome import Move, Outcome
from game.engine.state import GameState
from game.principles import catalogue, principle, source
from game.scenario.loader import LoadedScenario
from game.scenario.model import Scenario


@cache
def primary_sources() -> dict[str, str]:
    """Each principle's first source id: what a scenario's own annotations cite."""
    return {pid: p.sources[0] for pid, p in catalogue().items()}


_PUBLIC: dict[int, tuple[Scenario, Scenario]] = {}
"""id of a scenario -> (that scenario, kept alive so the id is not reused; its public copy)."""


def public_scenario(scenario: Scenario) -> Scenario:
    """The scenario as the envoy knows it: every party's faith, intentions and red lines blanked,
    so a rule cannot read them even by mistake (the reveal reads the real scenario)."""
    cached = _PUBLIC.get(id(scenario))
    if cached is not None and cached[0] is scenario:
        return cached[1]
    parties = {
        pid: party.model_copy(update={"faith": "good", "hidden_intentions": "(hidden)", "red_lines": []})
        for pid, party in scenario.parties.items()
    }
    public = scenario.model_copy(update={"parties": parties})
    if len(_PUBLIC) >= 16:
        _PUBLIC.pop(next(iter(_PUBLIC)))
    _PUBLIC[id(scenario)] = (scenario, public)
    return public


def make_decision(
    loaded: LoadedScenario,
    number: int,
    before: GameState,
    after: GameState,
    outcome: Outcome,
    offered: tuple[Move, ...],
    previous: Decision | None,
    *,
    known_before: Knowledge | None = None,
) -> Decision:
    """`known_before`: the knowledge view of `before`, when the caller already has it (the
    review judges every move on offer from one position)."""
    return Decision(
        number=number,
        move=outcome.move,
        before=known_before if known_before is not None else knowledge(before, loaded),
        after=knowledge(after, loaded),
        offered=offered,
        replies=tuple(outcome.replies),
        changes=visible(outcome.changes),
        events=tuple(outcome.events),
        scenario=public_scenario(loaded.scenario),
        previous=previous,
    )


def judge_move(decision: Decision) -> list[Judgement]:
    """Every judgement of one decision; raises UnknownPrinciple or UnknownSource on a bad id
    (a programming error: scenario annotations are checked when the scenario loads)."""
    judged = judge(decision, primary_sources())
    for j in judged:
        principle(j.principle)
        source(j.source)
    return judged


_PLAIN = (str, int, float, bool)
"""The parameter types a finding keeps (a tuple: `str | int | ...` in a comprehension is built
anew for every parameter judged)."""


def to_findings(decision: Decision, judged: list[Judgement], language: str = "en", *, brief: bool = False) -> list[Finding]:
    """`brief`: a finding that honoured its principle is not worded (no explanation, citation or
    parameters): all a score or a class entry (`classentry.py`) reads of it is its principle,
    verdict and weight, and wording it cost a class report more than judging it."""
    principles = catalogue()
    label = decision.scenario.clock.turn_label
    number, turn, move = decision.number, decision.before.turn, decision.move
    findings = []
    for j in judged:
        worded = not (brief and j.verdict == "honoured")
        text = render(j.message, j.params, language, label) if worded else ""
        findings.append(
            Finding(
                decision=number,
                turn=turn,
                move_key=move.key,
                move_label=move.label,
                principle=j.principle,
                principle_name=principles[j.principle].name,
                verdict=j.verdict,
                weight=j.weight,
                explanation=text[:1].upper() + text[1:],
                source=citation(j.source) if worded else "",
                stronger=None,
                severity=j.severity,
                rule=j.rule,
                message=j.message,
                params={k: v for k, v in j.params.items() if isinstance(v, _PLAIN)} if worded else {},
                source_id=j.source,
            )
        )
    return findings
