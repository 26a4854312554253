"""The judging rules: one reviewed table, applied to every decision the same way.

`RULES` is the table (`docs/judging.md` is generated from it by `tools/judging_doc.py`);
`judge(decision)` applies it, and judges a scenario's own choices by their authored annotations.
A rule reads only the envoy's knowledge (`Decision`), so a verdict never depends on what the
trainee could not see.
"""

from __future__ import annotations

from game.debrief.decision import Decision
from game.debrief.rules import conduct, consent, messages, practices, talks
from game.debrief.rules.base import SEVERITY_WEIGHT, Judgement, Rule, Severity, apply_rules

RULES: tuple[Rule, ...] = consent.RULES + messages.RULES + talks.RULES + conduct.RULES + practices.RULES + conduct.TURN_RULES

_BY_WEIGHT: dict[int, Severity] = {weight: severity for severity, weight in SEVERITY_WEIGHT.items()}  # type: ignore[misc]


def judge(d: Decision, primary_source: dict[str, str]) -> list[Judgement]:
    """Every rule that applies to the decision; a scenario choice is judged by its annotations,
    each citing the annotation's own source or, failing that, the principle's first source."""
    found = apply_rules(_table(), d)
    if d.verb == "choice":
        choice = d.scenario.choices[d.target]
        # the author's annotation is the verdict on its principle for this choice; the table's
        # general rules speak only to the principles the author left unjudged
        annotated = {note.principle for note in choice.annotations}
        found = [j for j in found if j.principle not in annotated]
        for index, note in enumerate(choice.annotations):
            source = getattr(note, "source", None) or primary_source[note.principle]
            found.append(
                Judgement(
                    f"choice:{d.target}:{index + 1}",
                    note.principle,
                    note.verdict,
                    _BY_WEIGHT[note.weight],
                    "choice.note",
                    {"note": note.note},
                    source,
                )
            )
    return found


def _table() -> tuple[Rule, ...]:
    return RULES  # read at call time, so a test can put a faulty rule in the table


__all__ = ["RULES", "Judgement", "Rule", "judge"]
