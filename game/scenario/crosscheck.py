"""Resolve every reference and expression in a schema-valid scenario before anything is built.

The result keeps the parsed expressions so the engine never parses text during play.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from game.diagnostics import Diagnostic, error, warning
from game.principles import principle_ids, source_ids
from game.scenario import codes
from game.scenario.expressions import (
    MAX_LITERAL,
    Const,
    Effect,
    Expression,
    ExpressionError,
    NumberTooLarge,
    parse_effect,
    parse_expression,
    suggest,
)
from game.scenario.model import Scenario
from game.scenario.names import MESSAGE_FLAGS, PARTY_READABLE, readable_names, writable_names
from game.scenario.verbs import VERB_NAMES
from game.scenario.yaml_source import SourceMap

Path_ = tuple[str | int, ...]

_REFERENCE_PREFIXES: dict[str, tuple[str, str]] = {
    **{prefix: (codes.UNKNOWN_PARTY, "party") for prefix in PARTY_READABLE},
    "venue": (codes.UNKNOWN_VENUE, "venue"),
    **{prefix: (codes.UNKNOWN_MESSAGE, "message") for prefix in MESSAGE_FLAGS},
    "chosen": (codes.UNKNOWN_CHOICE, "choice"),
}
"""Expression names such as trust.<party> or relayed.<message>: an undeclared id after the dot
is reported with the code for that kind of reference, as it would be anywhere else in the file."""


@dataclass
class CompiledExpressions:
    """Parsed conditions and effects, keyed by the text the author wrote."""

    conditions: dict[str, Expression] = field(default_factory=dict)
    effects: dict[str, Effect] = field(default_factory=dict)
    transition_only: set[str] = field(default_factory=set)
    """The conditions written only as phase transitions' `when`: the engine makes each phase's
    ready when a session first reaches the phase (`Compiled`), not all of them when it starts."""


class _Checker:
    def __init__(self, scenario: Scenario, source: SourceMap, file: str, folder: Path | None) -> None:
        self.scenario = scenario
        self.source = source
        self.file = file
        self.folder = folder
        self.problems: list[Diagnostic] = []
        self.compiled = CompiledExpressions()
        self.readable = readable_names(scenario)
        self.writable = writable_names(scenario)
        self.referenced_names: set[str] = set()
        self._elsewhere: set[str] = set()
        """Conditions written somewhere other than a phase transition's `when`."""
        self._parsed: dict[tuple[bool, str], Expression | Effect | ExpressionError] = {}
        """Each distinct text is parsed once per load (a scenario repeats conditions such as
        `turn > 3` many times); what it means is still checked, and reported, at every place."""

    # -- reporting -------------------------------------------------------------------------
    def report(self, code: str, message: str, path: Path_, hint: str = "", *, is_warning: bool = False, key: bool = False) -> None:
        where = (self.source.key(path) if key else self.source.value(path)) or self.source.nearest(path)
        make = warning if is_warning else error
        self.problems.append(make(code, message, self.file, where.line, where.col, hint))

    def reference(self, code: str, kind: str, value: str | None, known: Iterable[str], path: Path_) -> None:
        if value is None or (isinstance(known, set | dict) and value in known):
            return
        known = list(known)
        if value in known:
            return
        guess = suggest(value, known)
        kinds = _plural(kind)
        hint = f"did you mean '{guess}'?" if guess else (f"declared {kinds}: {', '.join(known)}" if known else f"no {kinds} are declared")
        self.report(code, f"'{value}' is not a declared {kind}", path, hint)

    # -- expressions -----------------------------------------------------------------------
    def condition(self, text: str | None, path: Path_, *, transition: bool = False) -> None:
        if text is None:
            return
        expression = self._parse(text, effect=False)
        if isinstance(expression, ExpressionError):
            self._syntax(expression, path)
            return
        assert isinstance(expression, Expression)
        self.compiled.conditions[text] = expression
        if not transition:
            self._elsewhere.add(text)
            self.compiled.transition_only.discard(text)
        elif text not in self._elsewhere:
            self.compiled.transition_only.add(text)
        self._names(expression.names, path)

    def effects(self, texts: list[str], path: Path_) -> None:
        for index, text in enumerate(texts):
            item_path = (*path, index)
            effect = self._parse(text, effect=True)
            if isinstance(effect, ExpressionError):
                self._syntax(effect, item_path)
                continue
            assert isinstance(effect, Effect)
            self.compiled.effects[text] = effect
            if isinstance(effect.value.node, Const) and isinstance(effect.value.node.value, str):
                self.report(
                    codes.WRONG_TYPE,
                    f"an effect sets a number or true/false, not the text {effect.value.node.value!r}",
                    item_path,
                    "remove the quotes around ladder words (consent.aurelia = contact), or give a number",
                )
            if effect.target not in self.writable:
                if effect.target in self.readable:
                    self.report(
                        codes.UNKNOWN_NAME,
                        f"'{effect.target}' can be read but not changed by an effect",
                        item_path,
                        "effects may change: "
                        + ", ".join(sorted(n for n in self.writable if "." not in n))
                        + ", trust/consent/exposure/pressure of a party, and var.<name>",
                    )
                else:
                    self._unknown_name(effect.target, item_path, self.writable)
            self._names(effect.names, item_path)

    def _parse(self, text: str, *, effect: bool) -> Expression | Effect | ExpressionError:
        key = (effect, text)
        found = self._parsed.get(key)
        if found is None:
            try:
                found = parse_effect(text) if effect else parse_expression(text)
            except ExpressionError as exc:
                found = exc
            self._parsed[key] = found
        return found

    def _names(self, names: Iterable[str], path: Path_) -> None:
        for name in names:
            self.referenced_names.add(name)
            if name not in self.readable:
                self._unknown_name(name, path, self.readable)

    def _unknown_name(self, name: str, path: Path_, known: set[str]) -> None:
        guess = suggest(name, known)
        if guess:
            hint = f"did you mean '{guess}'?"
        elif "." not in name and f"var.{name}" in known:
            hint = f"the scenario's own variables are read as 'var.{name}'"
        else:
            hint = "see 'Names in expressions' in docs/authoring.md"
        prefix, _, key = name.partition(".")
        kind = _REFERENCE_PREFIXES.get(prefix) if key else None
        if kind is not None:  # a known kind of name whose id is not declared: say which kind
            code, word = kind
            declared = sorted(k.partition(".")[2] for k in known if k.partition(".")[0] == prefix)
            if not guess and declared:
                hint = f"declared {_plural(word)}: {', '.join(declared)}"
            self.report(code, f"'{key}' in '{name}' is not a declared {word}", path, hint)
            return
        self.report(codes.UNKNOWN_NAME, f"'{name}' is not a name this scenario declares", path, hint)

    def _syntax(self, exc: ExpressionError, path: Path_) -> None:
        where = self.source.text_start(path) or self.source.nearest(path)
        col = where.col + max(exc.column - 1, 0)
        if isinstance(exc, NumberTooLarge):
            hint = "work the number out and write one within ±1000000000000000; scores and counts rarely need more than a few digits"
            self.problems.append(error(codes.NUMBER_TOO_LARGE, exc.message, self.file, where.line, col, hint))
            return
        self.problems.append(error(codes.EXPRESSION_SYNTAX, exc.message, self.file, where.line, col, _EXPRESSION_HINT))

    # -- the checks ------------------------------------------------------------------------
    def run(self) -> None:
        s = self.scenario
        parties, venues, phases = s.parties, s.venues, s.phases.phases  # dicts: O(1) membership, ids in order
        self.reference(codes.UNKNOWN_PHASE, "phase", s.clock.on_timeout, phases, ("clock", "on_timeout"))
        self.reference(codes.UNKNOWN_PHASE, "phase", s.clock.on_escalation, phases, ("clock", "on_escalation"))
        self.reference(codes.UNKNOWN_PHASE, "phase", s.clock.on_withdrawal, phases, ("clock", "on_withdrawal"))
        for attr in ("on_timeout", "on_escalation", "on_withdrawal"):
            target = s.phases.phases.get(getattr(s.clock, attr))
            if target is not None and target.ending is None:
                self.report(
                    codes.INVALID_VALUE,
                    f"clock.{attr} must name an ending phase; '{getattr(s.clock, attr)}' has no 'ending'",
                    ("clock", attr),
                    "add an 'ending' with a grade and an outcome to that phase",
                )
        for pid, party in s.parties.items():
            for i, precondition in enumerate(party.preconditions):
                if not isinstance(precondition, str):
                    self.condition(precondition.until, ("parties", pid, "preconditions", i, "until"))
            for i, vid in enumerate(party.venue_preferences):
                self.reference(codes.UNKNOWN_VENUE, "venue", vid, venues, ("parties", pid, "venue_preferences", i))
        for vid, venue in s.venues.items():
            self.reference(codes.UNKNOWN_PARTY, "party", venue.territory, parties, ("venues", vid, "territory"))
        self._messages(parties)
        for name, variable in s.variables.items():
            self._variable(name, variable)
        for verb, settings in s.verbs.items():
            self.effects(settings.effects, ("verbs", verb, "effects"))
            if settings.steps and verb != "offer_step":
                self.report(
                    codes.INVALID_VALUE,
                    f"'steps' belongs to offer_step, not to {verb}",
                    ("verbs", verb, "steps"),
                    key=True,
                    hint="move the steps under 'verbs: offer_step:'",
                )
            for sid, step in settings.steps.items():
                self.effects(step.effects, ("verbs", verb, "steps", sid, "effects"))
        self._unused_verb_settings()
        self._phases(phases)
        self._choices(phases)
        self._events(phases)
        self._assets()
        self._unused()

    def _offered(self, verb: str) -> bool:
        """Whether the envoy can ever be offered `verb` in this scenario: it is enabled, and so is
        anything it depends on (a minimal line is kept only during a suspension)."""
        settings = self.scenario.verbs.get(verb)  # type: ignore[call-overload]
        if settings is not None and not settings.enabled:
            return False
        return verb not in VERB_NEEDS or self._offered(VERB_NEEDS[verb])

    def _unused_verb_settings(self) -> None:
        """Tuning, a clock ending or a transition for a verb the scenario never offers would
        never apply: warn where it is written."""
        s = self.scenario
        for verb, settings in s.verbs.items():
            if self._offered(verb):
                continue
            why = _never_offered(verb, s.verbs)
            for key in ("effects", "steps"):
                if getattr(settings, key):
                    self.report(
                        codes.UNUSED_VERB_SETTING,
                        f"{verb} {why}, so its {key} never apply",
                        ("verbs", verb, key),
                        f"remove '{key}', or enable the verb",
                        is_warning=True,
                        key=True,
                    )
        if s.clock.on_withdrawal is not None and not self._offered("suspend"):
            self.report(
                codes.UNUSED_VERB_SETTING,
                f"clock.on_withdrawal names '{s.clock.on_withdrawal}', but suspend {_never_offered('suspend', s.verbs)}, "
                "so the envoy can never end good offices",
                ("clock", "on_withdrawal"),
                "remove on_withdrawal, or enable suspend",
                is_warning=True,
            )
        for pid, phase in s.phases.phases.items():
            for i, transition in enumerate(phase.transitions):
                if transition.on in VERB_NAMES and not self._offered(transition.on):
                    self.report(
                        codes.UNUSED_VERB_SETTING,
                        f"this transition waits for {transition.on}, but {transition.on} {_never_offered(transition.on, s.verbs)}, "
                        "so it is never taken",
                        ("phases", "phases", pid, "transitions", i, "on"),
                        f"enable {transition.on}, or trigger the transition on something the envoy can do",
                        is_warning=True,
                    )

    def _messages(self, parties: Iterable[str]) -> None:
        for mid, message in self.scenario.messages.items():
            base: Path_ = ("messages", mid)
            self.reference(codes.UNKNOWN_PARTY, "party", message.sender, parties, (*base, "from"))
            self.reference(codes.UNKNOWN_PARTY, "party", message.recipient, parties, (*base, "to"))
            if message.sender == message.recipient and message.kind != "ordinary":
                self.report(
                    codes.WARNING_WITHOUT_RECIPIENT,
                    f"{message.kind} message '{mid}' is sent by {message.sender} to itself: it warns nobody",
                    (*base, "to"),
                    "a warning goes to the other party: write its id in 'to'",
                )
            elif message.sender == message.recipient:
                self.report(
                    codes.INVALID_VALUE,
                    f"message '{mid}' is sent by {message.sender} to itself",
                    (*base, "to"),
                    "'to' names the other party",
                )
            if message.deliver_within is not None and message.arrives_turn is None and message.arrives_when is None:
                self.report(
                    codes.DEADLINE_WITHOUT_ARRIVAL,
                    f"message '{mid}' has a deadline (deliver_within: {message.deliver_within}) but never arrives, so it has no "
                    "turn to count from",
                    (*base, "deliver_within"),
                    "give it 'arrives_turn' or 'arrives_when', or remove 'deliver_within'",
                )
            if message.arrives_turn is not None and message.arrives_turn > self.scenario.clock.turns:
                self.report(
                    codes.OUT_OF_RANGE,
                    f"message '{mid}' arrives on turn {message.arrives_turn}, after the last turn ({self.scenario.clock.turns})",
                    (*base, "arrives_turn"),
                    f"choose a turn from 1 to {self.scenario.clock.turns}, or lengthen clock.turns",
                )
            self.condition(message.arrives_when, (*base, "arrives_when"))
            self.effects(message.on_delivered, (*base, "on_delivered"))
            self.effects(message.on_distorted, (*base, "on_distorted"))

    def _variable(self, name: str, variable) -> None:  # type: ignore[no-untyped-def]
        low, high, start = variable.min, variable.max, variable.initial
        path: Path_ = ("variables", name)
        for field_name, number in (("initial", start), ("min", low), ("max", high)):
            if number is not None and not isinstance(number, bool) and not abs(number) <= MAX_LITERAL:
                self.report(
                    codes.VARIABLE_TOO_LARGE,
                    f"variable '{name}' has {field_name} {number:g}, beyond ±10^15",
                    (*path, field_name),
                    "give a number between -1000000000000000 and 1000000000000000: in play a variable never goes beyond them",
                )
                return
        if low is not None and high is not None and low > high:
            self.report(
                codes.OUT_OF_RANGE,
                f"variable '{name}' has min {low:g} above max {high:g}",
                (*path, "min"),
                "swap the two, or correct one of them",
            )
            return  # no initial value fits an upside-down range: one error, not two
        if isinstance(start, bool):
            if low is not None or high is not None:
                self.report(
                    codes.INVALID_VALUE,
                    f"variable '{name}' is true/false, so it cannot have min or max",
                    path,
                    "remove min and max, or give it a number as its initial value",
                )
            return
        if (low is not None and start < low) or (high is not None and start > high):
            self.report(
                codes.OUT_OF_RANGE,
                f"variable '{name}' starts at {start:g}, outside its range",
                (*path, "initial"),
                "give it an initial value "
                + (f"of at least {low:g}" if high is None else f"of at most {high:g}" if low is None else f"from {low:g} to {high:g}"),
            )

    def _phases(self, phases: Iterable[str]) -> None:
        machine = self.scenario.phases
        self.reference(codes.UNKNOWN_PHASE, "phase", machine.start, phases, ("phases", "start"))
        triggers = set(VERB_NAMES) | set(self.scenario.choices)
        for pid, phase in machine.phases.items():
            base: Path_ = ("phases", "phases", pid)
            self.reference(codes.UNKNOWN_PHASE, "phase", phase.parent, phases, (*base, "parent"))
            if phase.parent == pid:
                self.report(
                    codes.INVALID_VALUE,
                    f"phase '{pid}' names itself as its parent",
                    (*base, "parent"),
                    "name the enclosing phase, or remove 'parent'",
                )
            for i, transition in enumerate(phase.transitions):
                tpath: Path_ = (*base, "transitions", i)
                self.reference(codes.UNKNOWN_PHASE, "phase", transition.to, phases, (*tpath, "to"))
                if transition.on is not None and transition.on not in triggers:
                    guess = suggest(transition.on, triggers)
                    self.report(
                        codes.UNKNOWN_CHOICE,
                        f"'{transition.on}' is neither a verb nor a declared choice",
                        (*tpath, "on"),
                        f"did you mean '{guess}'?" if guess else "verbs: " + ", ".join(VERB_NAMES),
                    )
                self.condition(transition.when, (*tpath, "when"), transition=True)
        self._parent_cycles()

    def _parent_cycles(self) -> None:
        phases = self.scenario.phases.phases
        for pid in phases:
            seen = {pid}
            current = phases[pid].parent
            while current is not None and current in phases:
                if current in seen:
                    self.report(
                        codes.INVALID_VALUE,
                        f"phase '{pid}' is inside itself through its parents",
                        ("phases", "phases", pid, "parent"),
                        "a chain of 'parent' lines leads back here; remove one of them",
                    )
                    break
                seen.add(current)
                current = phases[current].parent

    def _choices(self, phases: Iterable[str]) -> None:
        catalogue = principle_ids()
        sources = source_ids()
        for cid, choice in self.scenario.choices.items():
            base: Path_ = ("choices", cid)
            if cid in VERB_NAMES:
                self.report(codes.DUPLICATE_ID, f"choice id '{cid}' is also the name of a verb", base, "choose another id", key=True)
            for i, pid in enumerate(choice.phases):
                self.reference(codes.UNKNOWN_PHASE, "phase", pid, phases, (*base, "phases", i))
            self.condition(choice.when, (*base, "when"))
            self.effects(choice.effects, (*base, "effects"))
            for i, note in enumerate(choice.annotations):
                self.reference(codes.UNKNOWN_PRINCIPLE, "principle", note.principle, catalogue, (*base, "annotations", i, "principle"))
                self.reference(codes.UNKNOWN_SOURCE, "source", note.source, sources, (*base, "annotations", i, "source"))

    def _events(self, phases: Iterable[str]) -> None:
        for eid, event in self.scenario.events.items():
            base: Path_ = ("events", eid)
            # a 'leak' event with no trigger is the story told when the back channel leaks (clock.py)
            if event.at_turn is None and event.when is None and event.chance is None and event.kind != "leak":
                self.report(
                    codes.MISSING_FIELD,
                    f"event '{eid}' never fires: give it at_turn, when or chance",
                    base,
                    "e.g. 'at_turn: 5', or 'when: escalation > 60', or 'chance: leak_risk / 100'; "
                    "or make it 'kind: leak' to tell it when the back channel leaks",
                    key=True,
                )
            if event.at_turn is not None and event.at_turn > self.scenario.clock.turns:
                self.report(
                    codes.OUT_OF_RANGE,
                    f"event '{eid}' is set for turn {event.at_turn}, after the last turn ({self.scenario.clock.turns})",
                    (*base, "at_turn"),
                    f"choose a turn from 1 to {self.scenario.clock.turns}, or lengthen clock.turns",
                )
            for i, pid in enumerate(event.phases):
                self.reference(codes.UNKNOWN_PHASE, "phase", pid, phases, (*base, "phases", i))
            self.condition(event.when, (*base, "when"))
            self.condition(event.chance, (*base, "chance"))
            self.effects(event.effects, (*base, "effects"))

    def _assets(self) -> None:
        image = self.scenario.map_image
        if image is None or self.folder is None:
            return
        folder = self.folder.resolve()
        target = (folder / image).resolve()
        if Path(image).is_absolute() or not target.is_relative_to(folder):
            self.report(
                codes.ASSET_OUTSIDE,
                f"map_image '{image}' points outside the scenario's folder",
                ("map_image",),
                "put the image beside the scenario file and give its name, e.g. 'map.png'",
            )
        elif not target.is_file():
            self.report(
                codes.ASSET_MISSING,
                f"map_image '{image}' does not exist beside the scenario",
                ("map_image",),
                "check the spelling and folder of the file name, or copy the image next to the scenario",
            )

    def _unused(self) -> None:
        s = self.scenario
        preferred = {vid for party in s.parties.values() for vid in party.venue_preferences}
        for vid in s.venues:
            if vid not in preferred and f"venue.{vid}" not in self.referenced_names:
                self.report(
                    codes.UNUSED_VENUE,
                    f"venue '{vid}' is in no party's venue_preferences and no expression",
                    ("venues", vid),
                    "add it to a party's venue_preferences, or remove it",
                    is_warning=True,
                    key=True,
                )
        for mid, message in s.messages.items():
            if message.arrives_turn is None and message.arrives_when is None:
                self.report(
                    codes.UNUSED_MESSAGE,
                    f"message '{mid}' never arrives in the inbox",
                    ("messages", mid),
                    "give it 'arrives_turn' or 'arrives_when'",
                    is_warning=True,
                    key=True,
                )


_EXPRESSION_HINT = (
    "a condition compares names with values (trust.north >= 50 and not chosen.sign); an effect changes one name "
    "(escalation += 5); see 'Expressions: conditions and effects' in docs/authoring.md"
)

VERB_NEEDS = {"keep_line": "suspend"}
"""Verbs offered only while another verb's situation holds: a minimal line is kept only while
good offices are suspended."""


def _never_offered(verb: str, settings: dict) -> str:  # type: ignore[type-arg]
    own = settings.get(verb)
    if own is not None and not own.enabled:
        return "is disabled"
    return f"is offered only while good offices are suspended, and {VERB_NEEDS[verb]} is disabled"


def crosscheck(scenario: Scenario, source: SourceMap, file: str, folder: Path | None) -> tuple[CompiledExpressions, list[Diagnostic]]:
    checker = _Checker(scenario, source, file, folder)
    checker.run()
    return checker.compiled, checker.problems


def _plural(word: str) -> str:
    """'party' -> 'parties', 'venue' -> 'venues': the kinds of thing a scenario declares."""
    return word[:-1] + "ies" if word.endswith("y") else word + "s"
