"""The scenario format as typed models: the single source of truth for what a file may say.

Every field carries a description because the same models produce the JSON Schema that
editors use to check a file while an instructor types it (`good-offices schema`).
Models are strict: a number written as text, or a word outside the allowed list, is an
error rather than something silently converted.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic import Strict as NoConversion

from game.printable import unprintable
from game.scenario.verbs import VerbName

FORMAT_VERSION = 2
MAX_PARTIES, MAX_VENUES = 12, 50
"""Every party and venue multiplies the moves on offer each turn, which the debrief's search plays
out: at 300 venues one debrief takes 8 seconds, at 3,000 minutes. Real crises need far fewer."""
READABLE_FORMATS = (1, 2)
"""Format 1 files are upgraded on reading (game/scenario/upgrade.py)."""

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,47}$"),
]
"""Ids are lower-case words joined by underscores, so they read well inside expressions."""

SourceId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,47}$")]
"""Source ids in the bibliography are lower-case words joined by hyphens ('guidance-2012-consent')."""


def _printable(text: str) -> str:
    problem = unprintable(text)
    if problem:
        raise ValueError(problem)
    return text


Text = Annotated[str, StringConstraints(min_length=1, max_length=4000), AfterValidator(_printable)]


def _literal_as_text(value: object) -> object:
    """An expression may be a bare literal: YAML reads `chance: 0.1` as a number and `when: true`
    as true/false, and both are expressions the language reads as written. Anything else is left
    for the text check to refuse."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{Decimal(repr(value)):f}"  # 1e-05 as 0.00001: the expression language has no exponents
    return value


def _whole_number(value: object) -> object:
    """A whole number written with a decimal point (`turns: 14.0`) is that whole number, as in
    JSON Schema; 14.5 stays a float for the strict check to refuse."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


Expr = Annotated[
    str,
    BeforeValidator(_literal_as_text, json_schema_input_type=str | float | bool),
    StringConstraints(min_length=1, max_length=500),
    AfterValidator(_printable),
]
"""A condition or effect: text, or a literal number or true/false (`chance: 0.1`, `when: true`).
Printed by `structure` and in diagnostics, so printable like Text."""
Printable = Annotated[str, AfterValidator(_printable)]
"""Any other string of the file a program may print (a path, the turn label)."""

Whole = Annotated[int, BeforeValidator(_whole_number, json_schema_input_type=int)]
"""A whole number; 14.0 is read as 14."""
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Fraction = Annotated[float, NoConversion(), Field(ge=0, le=1, allow_inf_nan=False)]
MapPosition = tuple[Fraction, Fraction]
"""[x, y] on the map. YAML has lists, not tuples, so the pair itself is validated leniently
(`strict=False` on the field); each number stays strict."""

ConsentWord = Literal["none", "contact", "good_offices", "mediation"]
MandateWord = Literal["good_offices", "mediation"]
ChannelWord = Literal["none", "indirect", "proximity", "back_channel", "official", "public"]
Tone = Literal["hostile", "firm", "neutral", "conciliatory"]
MessageKind = Literal["ordinary", "safety", "humanitarian"]
Grade = Literal["success", "partial", "stalemate", "failure"]
Verdict = Literal["honoured", "breached", "missed"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Envoy(Strict):
    title: Text = Field(description="The envoy's title, e.g. 'Personal Envoy of the Secretary-General'.")
    represents: Text = Field(description="Whom the envoy acts for: the Secretary-General, a regional organisation or a friendly state.")
    mandate: MandateWord = Field(
        description="Where the envoy starts on the ladder: 'good_offices' (channel only) or 'mediation' (may suggest formulas)."
    )
    mandate_source: Literal[
        "parties", "secretary_general", "security_council", "general_assembly", "regional_organisation", "friendly_state"
    ] = Field(description="Who gave the mandate.")
    mandate_text: Text = Field(description="The mandate in one or two sentences, as the trainee reads it in the briefing.")


class Clock(Strict):
    turns: Whole = Field(ge=4, le=200, description="How many turns the crisis lasts before time runs out.")
    turn_label: Annotated[str, StringConstraints(min_length=1, max_length=20), AfterValidator(_printable)] = Field(
        default="day", description="What one turn is called in the story: 'day', 'week'."
    )
    escalation: Percent = Field(default=20, description="Escalation at the start, 0 (calm) to 100 (open conflict).")
    escalation_per_turn: float = Field(
        default=3, ge=0, le=50, allow_inf_nan=False, description="How much escalation rises each turn on its own, before the envoy's moves."
    )
    on_timeout: Identifier = Field(description="The ending phase reached when the last turn passes.")
    on_escalation: Identifier = Field(description="The ending phase reached when escalation reaches 100.")
    on_withdrawal: Identifier | None = Field(
        default=None,
        description=(
            "The ending phase reached when the envoy ends good offices (verb 'suspend'); without it, the game goes to on_timeout."
        ),
    )


ConsentAct = Literal["contact", "messages"]


def _contact_only() -> list[ConsentAct]:
    return ["contact"]


class RequestForHelp(Strict):
    """A formal request for help the party made before the game starts: consent to contact."""

    summary: Text = Field(description="The request in a phrase, as the party cards and the debrief show it, e.g. 'its letter of 2 March'.")
    text: Text | None = Field(default=None, description="The request as the envoy's principal received it, shown in the briefing.")
    consents_to: list[ConsentAct] = Field(
        default_factory=_contact_only,
        description=(
            "What the request counts as consent to: 'contact' (the envoy may approach), and 'messages' when the party asked "
            "the envoy to carry its messages. The party starts at least at the rung these acts make."
        ),
    )


class Precondition(Strict):
    """A precondition that can be met in play: shown on the party's card until `until` holds."""

    text: Text = Field(description="The precondition as the trainee reads it.")
    until: Expr | None = Field(
        default=None,
        description=(
            "A condition: once it holds, the precondition is met and the party card (and the envoy's knowledge) no longer "
            "lists it. Checked against the current state, so write one that stays true once met. Left out: always shown."
        ),
    )


def precondition_text(precondition: str | Precondition) -> str:
    """The words of a precondition, whichever way it was written."""
    return precondition if isinstance(precondition, str) else precondition.text


class Party(Strict):
    name: Text = Field(description="The party's name as players read it.")
    leader: Text = Field(description="Who speaks for the party.")
    capital: Text | None = Field(default=None, description="Seat of government, shown on the map.")
    public_profile: Text = Field(description="What is publicly known of the party; shown in the briefing.")
    trust: Percent = Field(default=40, description="Trust in the envoy, 0 to 100.")
    consent: ConsentWord = Field(default="none", description="How far the party has accepted the envoy at the start.")
    request: RequestForHelp | None = Field(
        default=None, description="A formal request for help the party made before the game starts; it counts as consent to contact."
    )
    exposure_sensitivity: Percent = Field(default=50, description="How badly public exposure of its contacts hurts the party, 0 to 100.")
    hardliner_pressure: Percent = Field(default=30, description="Pressure from hardliners at home, 0 to 100; spoilers act when it is high.")
    preconditions: list[Text | Precondition] = Field(
        default_factory=list,
        description=(
            "Conditions the party sets before official talks; shown to the trainee. Each is a text, or {text, until} with a "
            "condition after which it is met and no longer shown."
        ),
    )
    red_lines: list[Text] = Field(default_factory=list, description="What the party will never accept; hidden until probed.")
    venue_preferences: list[Identifier] = Field(default_factory=list, description="Venue ids the party would accept, most preferred first.")
    faith: Literal["good", "bad"] = Field(
        default="good",
        description=(
            "Hidden: whether the party really seeks a settlement ('bad' stalls or seeks victory). Revealed by probing and in the debrief."
        ),
    )
    hidden_intentions: Text = Field(description="Hidden: what the party actually wants, revealed by probing and in the debrief.")
    map_position: MapPosition | None = Field(
        default=None,
        strict=False,
        description="Where the party sits on the schematic map, as [x, y] fractions of its width and height.",
    )
    liaison: Text | None = Field(
        default=None,
        description=(
            "The standing line that carries safety and humanitarian warnings to the party even when it has not accepted the "
            "envoy, as a phrase after 'through': 'its permanent mission in New York', 'the naval liaison at Carrow'. "
            "Left out: 'its permanent mission'."
        ),
    )


class Venue(Strict):
    name: Text = Field(description="The venue's name.")
    description: Text = Field(description="One or two sentences on the place, as the trainee reads them.")
    territory: Identifier | None = Field(default=None, description="The party on whose soil the venue lies, or nothing for neutral ground.")
    neutrality: Percent = Field(default=50, description="How neutral the place is seen to be, 0 to 100.")
    discretion: Percent = Field(default=50, description="How well it keeps a meeting secret, 0 to 100.")
    symbolic_weight: Percent = Field(
        default=50,
        description="How much meeting there means in public, 0 to 100: open talks there count for more; secret ones draw eyes.",
    )
    map_position: MapPosition | None = Field(
        default=None,
        strict=False,
        description="Where the venue sits on the schematic map, as [x, y] fractions.",
    )


class Message(Strict):
    sender: Identifier = Field(alias="from", description="The party that sends the message.")
    recipient: Identifier = Field(alias="to", description="The party it is meant for.")
    summary: Text = Field(description="A short label for the inbox.")
    substance: Text = Field(description="What the message offers or demands, in plain words: the part a faithful envoy never changes.")
    original: Text = Field(description="The message as the sender worded it.")
    tone: Tone = Field(description="The tone of the original wording.")
    softened: Text | None = Field(
        default=None, description="The same substance in a tone the recipient can hear; offered as a relay option."
    )
    distorted: Text | None = Field(
        default=None, description="A version that changes the substance (tempting, and a breach of fidelity); offered as a relay option."
    )
    kind: MessageKind = Field(
        default="ordinary",
        description=(
            "'ordinary'; or 'safety' (a military-safety warning: an exercise, a missile test, a ship's route) or "
            "'humanitarian' (the wounded, the missing, a crew's health). Safety and humanitarian messages can always be "
            "delivered, through the recipient's liaison when it has not accepted the envoy; ordinary ones need its contact."
        ),
    )
    deliver_within: Whole | None = Field(
        default=None,
        ge=0,
        le=200,
        description=(
            "Turns after the one it arrives in during which delivery still counts as in time (0: it must go out the turn it "
            "arrives). Delivered later, it is late; still undelivered after that, it is overdue. Left out: no deadline."
        ),
    )
    arrives_turn: Whole | None = Field(default=None, ge=1, le=200, description="The turn the message reaches the envoy's inbox.")
    arrives_when: Expr | None = Field(default=None, description="Or: a condition; the message arrives the first turn it holds.")
    on_delivered: list[Expr] = Field(
        default_factory=list, description="Effects when the substance reaches the recipient (verbatim, softened or in the agreed wording)."
    )
    on_distorted: list[Expr] = Field(default_factory=list, description="Effects when the distorted version is delivered.")

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Variable(Strict):
    initial: float | bool = Field(description="The value at the start: a number, or true/false.")
    min: float | None = Field(default=None, allow_inf_nan=False, description="Lowest value a number may take.")
    max: float | None = Field(default=None, allow_inf_nan=False, description="Highest value a number may take.")
    description: Text = Field(description="What the variable stands for in the story.")


class Step(Strict):
    """A confidence-building or humanitarian step the envoy can offer (verb `offer_step`)."""

    label: Text = Field(description="The move as the trainee sees it, e.g. 'Propose an incident line between the navies'.")
    description: Text = Field(description="What the step is, shown before confirming.")
    short: Text = Field(description="The step as a noun phrase for the debrief, e.g. 'an incident line'.")
    accepted: Text | None = Field(default=None, description="What the trainee reads when both sides accept it.")
    effects: list[Expr] = Field(default_factory=list, description="Effects when both sides accept it, on top of the engine's own rules.")


class VerbSettings(Strict):
    enabled: bool = Field(default=True, description="Whether the envoy may use this verb in this scenario.")
    effects: list[Expr] = Field(
        default_factory=list, description="Extra effects each time the verb is used, on top of the engine's own rules."
    )
    steps: dict[Identifier, Step] = Field(
        default_factory=dict,
        description="Only for offer_step: the steps on offer in this scenario, replacing the engine's hotline and humanitarian pause.",
    )


class Transition(Strict):
    to: Identifier = Field(description="The phase this transition leads to.")
    when: Expr | None = Field(
        default=None, description="Condition checked after each decision; the first transition whose condition holds is taken."
    )
    on: Identifier | None = Field(default=None, description="Only after this verb or choice id was used.")
    note: Text | None = Field(default=None, description="Why this transition happens, for the author and the debrief.")


class Ending(Strict):
    grade: Grade = Field(description="How the crisis ended: success, partial, stalemate or failure.")
    outcome: Text = Field(description="What the trainee reads at the end.")


class Phase(Strict):
    title: Text = Field(description="The phase's name as the trainee sees it.")
    description: Text = Field(description="The situation during this phase.")
    parent: Identifier | None = Field(
        default=None, description="An enclosing phase, for grouping; a nested phase inherits its parent's choices."
    )
    ending: Ending | None = Field(default=None, description="Set on ending phases only: the game stops here.")
    transitions: list[Transition] = Field(default_factory=list, description="Ways out of this phase, checked in order.")


class PhaseMachine(Strict):
    start: Identifier = Field(description="The phase the game starts in.")
    phases: dict[Identifier, Phase] = Field(min_length=1, description="Every phase, by id.")


class Annotation(Strict):
    principle: Identifier = Field(description="A principle id from the catalogue, e.g. 'consent', 'fidelity'.")
    verdict: Verdict = Field(description="Whether this choice honours or breaches the principle, or misses an opportunity it offered.")
    weight: Whole = Field(default=2, ge=1, le=3, description="How much it counts: 1 minor, 2 clear, 3 decisive.")
    note: Text = Field(description="Why, in a sentence the trainee reads in the debrief.")
    source: SourceId | None = Field(
        default=None,
        description="A source id from the bibliography (game/principles/sources.yaml) that says this very thing, "
        "e.g. 'seed-000-practice', 'charter-33'; without it the debrief cites the principle's primary source.",
    )


class Choice(Strict):
    label: Text = Field(description="The choice as a button or numbered line.")
    description: Text = Field(description="What the choice means, shown before confirming; never its hidden consequences.")
    phases: list[Identifier] = Field(default_factory=list, description="Phases where it is offered; empty means every phase.")
    when: Expr | None = Field(default=None, description="Offered only while this condition holds.")
    once: bool = Field(default=True, description="Offered only until it has been chosen once.")
    effects: list[Expr] = Field(default_factory=list, description="What changes when it is chosen.")
    reply: Text | None = Field(default=None, description="What the trainee reads after choosing it.")
    annotations: list[Annotation] = Field(default_factory=list, description="How the debrief judges the choice.")


class Event(Strict):
    title: Text = Field(description="The event's headline.")
    text: Text = Field(description="What happens, as the trainee reads it.")
    kind: Literal["leak", "incident", "spoiler", "consent_withdrawn", "approach", "council", "news"] = Field(
        default="news", description="What sort of event it is (icons, debrief and the reveal use it)."
    )
    at_turn: Whole | None = Field(default=None, ge=1, le=200, description="Fires at the start of this turn.")
    when: Expr | None = Field(default=None, description="Fires when this condition holds (checked each turn).")
    chance: Expr | None = Field(
        default=None,
        description="A probability from 0 to 1 (an expression), drawn with the session's seed each turn the other conditions hold.",
    )
    phases: list[Identifier] = Field(default_factory=list, description="Only in these phases; empty means any.")
    once: bool = Field(default=True, description="Fires at most once.")
    effects: list[Expr] = Field(default_factory=list, description="What changes when it fires.")
    reveal: Text | None = Field(default=None, description="Told in the debrief: what was behind the event.")


class DebriefNotes(Strict):
    summary: Text | None = Field(default=None, description="The instructor's note shown at the top of every debrief of this scenario.")
    reveal: list[Text] = Field(default_factory=list, description="Hidden facts revealed after play.")


class Scenario(Strict):
    """A crisis the trainee plays as third-party envoy."""

    schema_ref: Printable | None = Field(default=None, alias="$schema", description="Path of the JSON Schema, for editors.")
    format: Whole = Field(
        description=f"The file format version; this program writes version {FORMAT_VERSION} and also reads version 1 (upgraded on reading)."
    )
    id: Identifier = Field(description="Stable id of the scenario, used in logs.")
    title: Text = Field(description="The scenario's title.")
    summary: Text = Field(description="One or two sentences for the scenario list.")
    objectives: list[Text] = Field(min_length=1, description="Learning objectives, shown before play.")
    difficulty: Literal["introductory", "intermediate", "advanced"] = Field(description="How hard it is.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] = Field(
        default="en", description="Language code of the text."
    )
    expected_minutes: Whole = Field(default=30, ge=5, le=240, description="Expected length of one play, in minutes.")
    briefing: Text = Field(description="The situation, as the trainee reads it before the first turn.")
    map_image: Printable | None = Field(default=None, description="Optional image file beside the scenario, drawn behind the map.")
    envoy: Envoy = Field(description="The trainee's role: who the envoy is, for whom, and under which mandate.")
    clock: Clock = Field(description="How long the crisis lasts and how it ends when time or patience runs out.")
    parties: dict[Identifier, Party] = Field(min_length=2, max_length=MAX_PARTIES, description="The parties to the dispute, by id.")
    venues: dict[Identifier, Venue] = Field(
        default_factory=dict, max_length=MAX_VENUES, description="Places where contact can happen, by id."
    )
    messages: dict[Identifier, Message] = Field(default_factory=dict, description="Messages the parties ask the envoy to carry, by id.")
    variables: dict[Identifier, Variable] = Field(
        default_factory=dict, description="The scenario's own state, read in expressions as var.<id>."
    )
    verbs: dict[VerbName, VerbSettings] = Field(
        default_factory=dict, description="Tuning of the envoy's core verbs; a verb not listed is enabled with the engine's rules."
    )
    phases: PhaseMachine = Field(description="The phases of the crisis and the transitions between them.")
    choices: dict[Identifier, Choice] = Field(default_factory=dict, description="Scenario-specific choices, by id.")
    events: dict[Identifier, Event] = Field(default_factory=dict, description="Things that happen to the envoy, by id.")
    debrief: DebriefNotes = Field(default_factory=DebriefNotes, description="Notes for the debrief.")

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
