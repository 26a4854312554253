"""The shape of a judging rule, and how the table is applied to one decision.

A rule says, as data: which moves it looks at (verb, and optionally the option in the move key),
under which situation (named predicates over the envoy's knowledge, each with a docstring that
says in words what it checks, so `docs/judging.md` can be generated), which principle it judges,
the verdict, the severity, the explanation (a message id rendered by `wording.py` with the
parameters the rule's `facts` gives), and the source that says that very thing (an id from
`game/principles/sources.yaml`). Nothing here reads hidden state: predicates receive a
`Decision`, which holds only knowledge.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from game.debrief.decision import Decision

Verdict = Literal["honoured", "breached", "missed"]
Severity = Literal["minor", "major", "critical"]
SEVERITY_WEIGHT: dict[str, int] = {"minor": 1, "major": 2, "critical": 3}

Predicate = Callable[[Decision], bool]
Facts = Callable[[Decision], Mapping[str, Any]]


@dataclass(frozen=True)
class Rule:
    id: str
    verbs: tuple[str, ...]
    principle: str
    verdict: Verdict
    severity: Severity
    message: str
    source: str
    when: tuple[Predicate, ...] = ()
    unless: tuple[Predicate, ...] = ()
    options: tuple[str, ...] = ()
    """Only moves whose `option_field` (the move key's target, or its mode) is one of these (empty: any)."""
    option_field: Literal["target", "mode"] = "target"
    facts: Facts | None = None
    notes: str = ""
    """Where the rule comes from: the seed passage or the instrument, in a few words."""
    upgrade: Callable[[Decision], Severity | None] | None = field(default=None, compare=False)
    """Optionally a stronger severity for this decision (a late warning that cost lives)."""

    def applies(self, d: Decision) -> bool:
        return d.verb in self.verbs and self.holds_for(d)

    def holds_for(self, d: Decision) -> bool:
        """Whether the rule applies to a decision already known to be of one of its verbs
        (`rules_for` picks the rules by verb)."""
        if self.options and (d.target if self.option_field == "target" else d.mode) not in self.options:
            return False
        for p in self.when:  # loops, not all()/any() over generators: thousands of decisions in a class
            if not p(d):
                return False
        for p in self.unless:  # noqa: SIM110 (a loop: all() over a generator costs more, as above)
            if p(d):
                return False
        return True


@dataclass(slots=True, unsafe_hash=True)
class Judgement:
    """What one rule found about one decision: a principle, a verdict, why, and the source.

    Not frozen (a frozen dataclass sets each field through `object.__setattr__`, and a class
    report makes tens of thousands of these) but never changed once made."""

    rule: str
    principle: str
    verdict: Verdict
    severity: Severity
    message: str
    params: Mapping[str, Any]
    source: str

    @property
    def weight(self) -> int:
        return SEVERITY_WEIGHT[self.severity]


_BY_VERB: dict[int, tuple[tuple[Rule, ...], dict[str, tuple[Rule, ...]]]] = {}


def rules_for(rules: tuple[Rule, ...], verb: str) -> tuple[Rule, ...]:
    """The rules of the table that look at `verb`, in the table's order. A class report judges
    thousands of decisions, and each verb has a few of the table's rules."""
    entry = _BY_VERB.get(id(rules))
    if entry is None or entry[0] is not rules:
        index: dict[str, list[Rule]] = {}
        for rule in rules:
            for name in dict.fromkeys(rule.verbs):
                index.setdefault(name, []).append(rule)
        if len(_BY_VERB) >= 8:
            _BY_VERB.clear()
        entry = _BY_VERB[id(rules)] = (rules, {name: tuple(found) for name, found in index.items()})
    return entry[1].get(verb, ())


def apply_rules(rules: tuple[Rule, ...], d: Decision) -> list[Judgement]:
    found = []
    made: dict[Facts, Mapping[str, Any]] = {}
    """Facts already gathered for this decision: several rules of a family share one function
    (a venue proposed is judged by five rules, each wanting the venue's facts)."""
    for rule in rules_for(rules, d.verb):
        if not rule.holds_for(d):
            continue
        severity = rule.severity
        if rule.upgrade is not None:
            severity = rule.upgrade(d) or severity
        params: dict[str, Any] = {}
        if rule.facts is not None:
            facts = made.get(rule.facts)
            if facts is None:
                facts = made[rule.facts] = rule.facts(d)
            params = dict(facts)
        found.append(Judgement(rule.id, rule.principle, rule.verdict, severity, rule.message, params, rule.source))
    return found


def describe(predicate: Predicate) -> str:
    """A predicate's condition in words: the first line of its docstring."""
    doc = (predicate.__doc__ or predicate.__name__).strip().splitlines()[0]
    return doc.rstrip(".")
