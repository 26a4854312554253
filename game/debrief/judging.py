"""Judge one decision: the verb's own judgement, the situation-wide ones, and the sources.

`judge_situation` is what both the real decisions and the simulated alternatives go through,
so a stronger move is always judged by exactly the rules that judged the trainee's move.

A judgement names its principle and its source by id. An id the catalogue or the
bibliography does not have is a programming error (scenario annotations are checked when the
scenario loads), so it raises instead of being dropped or replaced by a guess.
"""

from __future__ import annotations

from game.debrief import standing
from game.debrief.model import Finding, severity_of
from game.engine.verbs import VERB_MODULES
from game.engine.verbs.judgement import Judgement, Situation
from game.principles import catalogue, principle, source


def judge_situation(situation: Situation) -> list[Judgement]:
    """Every judgement of one decision; raises UnknownPrinciple or UnknownSource on a bad id."""
    judged = list(VERB_MODULES[situation.move.verb].judge(situation))
    judged.extend(standing.judge(situation))
    for j in judged:
        check(j)
    return judged


def check(j: Judgement) -> None:
    """Refuse a judgement whose principle or source id is unknown."""
    principle(j.principle)
    source(j.source)


def citation(source_id: str) -> str:
    """The source as a report prints it; raises UnknownSource on an unknown id."""
    return source(source_id).cite


def to_findings(situation: Situation, decision: int, judged: list[Judgement]) -> list[Finding]:
    principles = catalogue()
    return [
        Finding(
            decision=decision,
            turn=situation.outcome.turn,
            move_key=situation.move.key,
            move_label=situation.move.label,
            principle=j.principle,
            principle_name=principles[j.principle].name,
            verdict=j.verdict,
            weight=j.weight,
            severity=severity_of(j.weight),
            explanation=j.explanation[:1].upper() + j.explanation[1:],
            source=citation(j.source),
            source_id=j.source,
            stronger=None,
        )
        for j in judged
    ]


def principle_value(judged: list[Judgement]) -> float:
    """How well a move served the principles: honoured counts for, breaches count double against."""
    value = 0.0
    for j in judged:
        if j.verdict == "honoured":
            value += j.weight
        elif j.verdict == "breached":
            value -= 2 * j.weight
        else:
            value -= j.weight
    return value
