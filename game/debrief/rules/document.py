"""`docs/judging.md`, written from the rules table, so an instructor can read every rule.

Run `python -m game.debrief.rules.document > docs/judging.md`; a test keeps the file current.
"""

from __future__ import annotations

import sys
from itertools import groupby

from game.debrief.rules import RULES
from game.debrief.rules.base import Rule, describe
from game.debrief.wording import catalogue
from game.principles import bibliography
from game.principles import catalogue as principles

HEADER = """# How decisions are judged

Generated from the rules table (`game/debrief/rules/`) by `python -m game.debrief.rules.document`;
do not edit by hand. Every finding in a debrief comes from one of these rules, or from an
annotation the scenario's author wrote on one of its own choices.

A rule looks at one kind of move (the verb, and sometimes the option chosen), checks the
situation **as the envoy could know it** at that moment (never a party's hidden faith, hidden
intentions, hardliner pressure or the leak risk as a number), and then judges one principle:
*honoured*, *breached* or *missed* (an opportunity the situation offered and the move let pass),
with a severity (*minor*, *major*, *critical*). The explanation is written from the situation's
own names and numbers, and the source is the one that states that very point; the bibliography
at the end says what each source supports and what it must not be cited for.
"""


def _conditions(rule: Rule) -> str:
    parts = [_lower(describe(p)) for p in rule.when] + [f"not when {_lower(describe(p))}" for p in rule.unless]
    if rule.options:
        parts.insert(0, "option " + " or ".join(f"`{o}`" for o in rule.options))
    text = "; ".join(parts) or "always"
    return text[:1].upper() + text[1:]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() or text[1:2] == " " else text


def document() -> str:
    lines = [HEADER]
    words = catalogue()
    names = principles()
    sources = bibliography()
    by_principle = sorted(RULES, key=lambda r: (list(names).index(r.principle), r.id))
    for pid, group in groupby(by_principle, key=lambda r: r.principle):
        rules = list(group)
        lines.append(f"## {names[pid].name}\n")
        lines.append(names[pid].explanation.strip() + "\n")
        lines.append("| rule | moves | when | verdict | severity | source |")
        lines.append("|---|---|---|---|---|---|")
        for rule in rules:
            verbs = _moves(rule.verbs)
            lines.append(
                f"| `{rule.id}` | {verbs} | {_conditions(rule)} | {rule.verdict} | {_severity(rule)} | {sources[rule.source].cite} |"
            )
        lines.append("")
        for rule in rules:
            lines.append(f"- `{rule.id}`: \u201c{words[rule.message]}\u201d \u2014 {rule.notes}")
        lines.append("")
    lines.append("## Scenario choices\n")
    lines.append(
        "A scenario's own choices are judged by the annotations its author wrote (principle, verdict, weight 1–3 "
        "read as minor, major, critical, and a note). An annotation may name a `source:` id from the bibliography; "
        "without one it cites the principle's primary source.\n"
    )
    lines.append("## Bibliography\n")
    lines.append("| id | citation | supports | not for |")
    lines.append("|---|---|---|---|")
    for sid, source in sources.items():
        supports = " ".join(source.supports.split())
        lines.append(f"| `{sid}` | {source.cite} | {supports} | {'; '.join(source.not_for) or '—'} |")
    return "\n".join(lines) + "\n"


def _moves(verbs: tuple[str, ...]) -> str:
    """The verbs a rule looks at, in words: a short list, or "any move" and its exceptions."""
    from game.debrief.rules.conduct import ANY_VERB

    if len(verbs) < 6:
        return ", ".join(verbs)
    left_out = [v for v in ANY_VERB if v not in verbs]
    return "any move" + (f" except {', '.join(left_out)}" if left_out else "")


def _severity(rule: Rule) -> str:
    """The rule's severity, and when a decision makes it stronger (the upgrade's docstring)."""
    if rule.upgrade is None or not rule.upgrade.__doc__:
        return rule.severity
    return f"{rule.severity}; {rule.upgrade.__doc__.strip().rstrip('.')}"


if __name__ == "__main__":
    sys.stdout.write(document())
