"""Judge one decision: the verb's own judgement, the situation-wide ones, and the sources.

`judge_situation` is what both the real decisions and the simulated alternatives go through,
so a stronger move is always judged by exactly the rules that judged the trainee's move.
"""

from __future__ import annotations

from game.debrief import standing
from game.debrief.model import Finding
from game.engine.verbs import VERB_MODULES
from game.engine.verbs.judgement import Judgement, Situation
from game.principles import catalogue


def judge_situation(situation: Situation) -> list[Judgement]:
    judged = list(VERB_MODULES[situation.move.verb].judge(situation))
    judged.extend(standing.judge(situation))
    known = catalogue()
    return [j for j in judged if j.principle in known]


def source_for(principle: str, hint: str) -> str:
    """The catalogue source that best fits the hint (a word it contains), else the first."""
    sources = catalogue()[principle].sources
    if hint:
        wanted = hint.casefold()
        for source in sources:
            if wanted in source.casefold():
                return source
    return sources[0] if sources else ""


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
            explanation=j.explanation[:1].upper() + j.explanation[1:],
            source=source_for(j.principle, j.source),
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
