"""Words and numbers for the screen, shared by the terminal and the window front ends.

Only what the trainee may see passes through here: hardliner pressure, leak risk and hidden
intentions stay out of play screens (analysts and probing reveal them in the narrative).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.consent import RUNG_ACTS
from game.engine.evidence import assess, red_lines_sensed
from game.engine.knowledge import open_preconditions
from game.engine.messages import comparison, deliverable, due_by, is_warning, liaison_words, through_liaison, tone_now, wording_now
from game.engine.outcome import Change, Move, Outcome
from game.engine.session import Session
from game.principles import catalogue

CONSENT_WORDS = {"none": "no consent", "contact": "contact", "good_offices": "good offices", "mediation": "mediation"}
CHANNEL_WORDS = {
    "none": "no contact",
    "indirect": "messages through you",
    "proximity": "proximity talks",
    "back_channel": "secret channel",
    "official": "official talks",
    "public": "in public",
}
MANDATE_WORDS = {"good_offices": "good offices", "mediation": "mediation"}
SOURCE_WORDS = {
    "parties": "the parties",
    "secretary_general": "the Secretary-General",
    "security_council": "the Security Council",
    "general_assembly": "the General Assembly",
    "regional_organisation": "a regional organisation",
    "friendly_state": "a friendly state",
}
HIDDEN_PREFIXES = ("pressure.", "leak_risk", "circle", "var.")


def is_visible(change: Change) -> bool:
    if change.name.startswith("agreed.") and str(change.after or change.before).startswith("message:"):
        return False  # a message handed to the envoy is shown as its arrival in the inbox
    return not change.name.startswith(HIDDEN_PREFIXES)


def describe_change(session: Session, change: Change) -> str:
    name, before, after = change.name, change.before, change.after
    prefix, _, key = name.partition(".")
    parties = session.scenario.parties
    if prefix in ("trust", "exposure") and key in parties:
        delta = float(after) - float(before)
        return f"{parties[key].name} {prefix} {delta:+.0f} (now {float(after):.0f}): {change.reason}"
    if prefix == "agreed" and key in parties:
        if after:
            return f"{parties[key].name} agreed to {act_words(session, str(after))}"
        return f"{parties[key].name} took back its agreement to {act_words(session, str(before))}: {change.reason}"
    if prefix == "consent" and key in parties:
        return f"{parties[key].name} consent: {CONSENT_WORDS[str(before)]} \u2192 {CONSENT_WORDS[str(after)]}: {change.reason}"
    if name == "escalation":
        return f"Escalation {float(after) - float(before):+.0f} (now {float(after):.0f}): {change.reason}"
    if name == "channel":
        return f"Channel: {CHANNEL_WORDS[str(before)]} \u2192 {CHANNEL_WORDS[str(after)]}: {change.reason}"
    if name == "mandate":
        return f"Mandate: {MANDATE_WORDS[str(before)]} \u2192 {MANDATE_WORDS[str(after)]}: {change.reason}"
    if name == "phase":
        phases = session.scenario.phases.phases
        return f"The situation moves on: {phases[str(after)].title}"
    if name == "venue":
        return f"Venue agreed: {change.reason}"
    if name == "meetings":
        return f"Meetings held: {after}"
    if prefix == "probed":
        return f"You now know more of {parties[key].name}'s intentions"
    if prefix == "consulted":
        return "Preparation: " + change.reason
    if prefix == "evidence" and key in parties:
        return f"Your reading of {parties[key].name}: {after}"
    if name == "suspended":
        return "Good offices resumed" if not after else f"Good offices suspended {'quietly' if after == 'quiet' else 'publicly'}"
    if name == "minimal_line":
        return f"A {after} line stays open through you" if after else f"The {before} line closes: good offices resumed in full"
    if name == "withdrawn":
        return "Your good offices are at an end"
    if name == "disclosure_prepared":
        return "Every side has its public lines ready for the day the contacts come out"
    if prefix in ("circle_advice", "cabinet_briefed", "lines_prepared", "asked_first", "stalling_raised") and key in parties:
        return change.reason[:1].upper() + change.reason[1:]
    return f"{name}: {before} \u2192 {after} ({change.reason})"


def visible_changes(session: Session, outcome: Outcome) -> list[str]:
    return [describe_change(session, c) for c in outcome.changes if is_visible(c)]


@dataclass(frozen=True)
class PartyView:
    id: str
    name: str
    leader: str
    trust: float
    consent: str
    exposure: float
    preconditions: tuple[str, ...]
    probed: bool
    intentions: str
    red_lines: tuple[str, ...]
    agreed: str = ""
    """What the party has agreed to and why its consent last changed, in plain words."""


def party_views(session: Session) -> list[PartyView]:
    """The parties as the envoy sees them: what it has observed (evidence with a confidence),
    never the hidden intentions or faith themselves."""
    views = []
    for pid, spec in session.scenario.parties.items():
        state = session.state.parties[pid]
        observed = bool(state.evidence)
        reading = assess(state)
        sensed = red_lines_sensed(state)
        views.append(
            PartyView(
                pid,
                spec.name,
                spec.leader,
                state.trust,
                CONSENT_WORDS[state.consent.state],
                state.exposure,
                open_preconditions(session.state, session.loaded, pid),
                observed,
                reading.words[:1].upper() + reading.words[1:] if observed else "",
                tuple(f"{spec.red_lines[i]} (confidence: {level})" for i, level in sensed.items()),
                consent_text(session, pid),
            )
        )
    return views


ACT_WORDS = {"contact": "contact", "messages": "carrying its messages", "proposals": "your suggesting terms"}


def act_words(session: Session, act: str) -> str:
    """One consent act in plain words: 'contact', 'proximity talks at Lighthouse Isle',
    "carrying 'The North's terms'"."""
    if act in ACT_WORDS:
        return ACT_WORDS[act]
    scenario = session.scenario
    kind, _, rest = act.partition(":")
    if kind == "meeting":
        venue, _, fmt = rest.partition(":")
        where = scenario.venues[venue].name if venue in scenario.venues else venue
        return f"{_lower_first(FORMAT_WORDS.get(fmt, fmt.replace('_', ' ')))} at {where}"
    if kind == "message" and rest in scenario.messages:
        return f"carrying '{scenario.messages[rest].summary}'"
    return act.replace("_", " ")


def consent_text(session: Session, pid: str) -> str:
    """What a party has agreed to, act by act, and why its consent last changed: 'Agreed:
    contact; carrying its messages; proximity talks at Lighthouse Isle. Lauria asked for help:
    its letter of 2 March.' Both front ends show it on the party's card."""
    party = session.state.parties[pid]
    rungs = [act for act in ("contact", "messages", "proposals") if act in party.agreed]
    others = sorted(party.agreed - RUNG_ACTS, key=lambda act: (not act.startswith("meeting:"), act))
    words = [act_words(session, act) for act in rungs + others]
    text = "Agreed: " + ("; ".join(words) if words else "nothing yet") + "."
    note = party.consent_note.strip()
    if note:
        text += " " + note[:1].upper() + note[1:] + ("" if note.endswith((".", "!", "?")) else ".")
    return text


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def suspension_text(session: Session) -> str:
    """The envoy's standing when good offices are suspended, or ""."""
    state = session.state
    if state.suspended is None:
        return ""
    how = "quietly" if state.suspended == "quiet" else "publicly"
    line = f"; a {state.minimal_line} line stays open" if state.minimal_line else ""
    return f"Good offices suspended {how} since {session.scenario.clock.turn_label} {state.suspended_since}{line}"


def clock_text(session: Session) -> str:
    clock = session.scenario.clock
    turn = min(session.state.turn, clock.turns)
    return f"{clock.turn_label.capitalize()} {turn} of {clock.turns}"


def mandate_text(session: Session) -> str:
    envoy = session.scenario.envoy
    return f"{MANDATE_WORDS[session.state.mandate.state]} (from {SOURCE_WORDS[envoy.mandate_source]})"


def inbox_lines(session: Session) -> list[str]:
    lines = []
    for mid in session.state.inbox:
        message = session.scenario.messages[mid]
        sender = session.scenario.parties[message.sender].name
        recipient = session.scenario.parties[message.recipient].name
        tags = message_tags(session, mid)
        notes = f" ({'; '.join(tags)})" if tags else ""
        lines.append(f"{kind_prefix(session, mid)}{message.summary} \u2014 from {sender} to {recipient}{notes}")
    return lines


KIND_WORDS = {"ordinary": "message", "safety": "safety warning", "humanitarian": "humanitarian message"}


def kind_prefix(session: Session, mid: str) -> str:
    """'SAFETY WARNING: ' or 'HUMANITARIAN MESSAGE: ' before a warning's summary; '' otherwise."""
    message = session.scenario.messages[mid]
    return f"{KIND_WORDS[message.kind].upper()}: " if is_warning(message) else ""


def deadline_words(session: Session, mid: str) -> str:
    """'due by day 4', 'last day to deliver it in time', 'overdue since day 4' (delivering it now is late), or ""."""
    message = session.scenario.messages[mid]
    state = session.state
    limit = due_by(state, message, mid)
    label = session.scenario.clock.turn_label
    if limit is None:
        return ""
    if mid in state.message_delivered:
        return f"delivered late, on {label} {state.message_delivered[mid]}" if mid in state.message_late else ""
    if state.turn > limit:
        return f"overdue since {label} {limit + 1}: delivering it now is late"
    if state.turn == limit:
        return f"last {label} to deliver it in time"
    return f"due by {label} {limit}"


def current_tone(session: Session, mid: str) -> str:
    """The tone of a message as it stands (its sender may have reformulated it)."""
    return tone_now(session.state, session.scenario.messages[mid], mid)


def message_tags(session: Session, mid: str) -> list[str]:
    """Short notes on an inbox message: its deadline, and how (or whether) it can go."""
    message = session.scenario.messages[mid]
    tags = []
    deadline = deadline_words(session, mid)
    if deadline:
        tags.append(deadline)
    note = undeliverable_because(session, mid)
    if note:
        tags.append(note)
    elif through_liaison(session.state, message):
        tags.append(f"goes through {liaison_words(session.scenario, message.recipient)}")
    return tags


def undeliverable_because(session: Session, mid: str) -> str:
    """Why an inbox message cannot be delivered yet, or "" when it can."""
    message = session.scenario.messages[mid]
    if deliverable(session.state, message):
        return ""
    return f"cannot be delivered until {session.scenario.parties[message.recipient].name} accepts contact"


def message_comparison(session: Session, mid: str) -> str:
    """The original wording and the substance, shown beside every way of relaying a message."""
    return comparison(session.state, session.scenario, mid)


def relay_wording(session: Session, move: Move) -> str:
    """What the recipient would read if this relay move were chosen, or "" (not a delivery)."""
    mid, mode = move.target, move.mode
    message = session.scenario.messages[mid]
    text = {
        "verbatim": wording_now(session.state, message, mid),
        "softened": message.softened,
        "agreed": message.softened,
        "distorted": message.distorted,
    }.get(mode)
    return f"\u201c{text}\u201d" if text else ""


def grade_words(grade: str) -> str:
    return {"success": "Success", "partial": "Partial success", "stalemate": "Stalemate", "failure": "Failure"}[grade]


# -- for the game window: moves as a menu, and terms explained --------------------------------

RELAY_MODE_WORDS = {
    "verbatim": "Word for word",
    "softened": "In a softer tone, same substance",
    "agreed": "In the wording the sender agreed",
    "distorted": "Reworded to make it acceptable",
    "agree_wording": "Agree a gentler wording with the sender first",
    "reformulate": "Ask the sender to reformulate it",
    "withhold": "Hold it back for now",
    "publish": "Make it public",
}
RELAY_MODE_DETAILS = {
    "agree_wording": "Takes the turn; the message waits, then goes with the sender's approval",
    "reformulate": "Takes the turn; the sender may agree or refuse",
}
FORMAT_WORDS = {
    "secret_meeting": "A secret meeting",
    "proximity_talks": "Proximity talks",
    "technical_delegations": "Talks between technical delegations",
    "leaders_meeting": "A leaders' meeting",
}
CONSENT_LADDER = ("none", "contact", "good_offices", "mediation")
CHANNEL_LADDER = ("none", "indirect", "proximity", "back_channel", "official", "public")


@dataclass(frozen=True)
class MenuEntry:
    """One line of the moves menu: a move to confirm, or a heading that opens more entries."""

    label: str
    detail: str = ""
    move: Move | None = None
    children: tuple[MenuEntry, ...] = ()
    intro: str = ""
    """Shown above the children once the entry is opened (a message's original and substance)."""


def move_menu(session: Session, moves: list[Move] | None = None) -> list[MenuEntry]:
    """The moves grouped by verb group, then by message (relay) or venue (propose venue)."""
    moves = session.moves() if moves is None else moves
    groups: dict[str, list[Move]] = {}
    for move in moves:
        groups.setdefault(move.group, []).append(move)
    entries = []
    for group, members in groups.items():
        children = _sub_entries(session, members)
        count = len(members)
        entries.append(MenuEntry(group, f"{count} choice" + ("" if count == 1 else "s"), None, children))
    return entries


def _sub_entries(session: Session, members: list[Move]) -> tuple[MenuEntry, ...]:
    scenario = session.scenario
    by_target: dict[str, list[Move]] = {}
    for move in members:
        if move.verb in ("relay", "propose_venue") and move.mode:
            by_target.setdefault(move.target, []).append(move)
    if not by_target:
        return tuple(MenuEntry(m.label, "", m) for m in members)
    entries = []
    for target, moves in by_target.items():
        verb = moves[0].verb
        if verb == "relay":
            message = scenario.messages[target]
            sender = scenario.parties[message.sender].name
            recipient = scenario.parties[message.recipient].name
            tone = tone_now(session.state, message, target)
            kind = [KIND_WORDS[message.kind].capitalize()] if is_warning(message) else []
            detail = " \u00b7 ".join([*kind, f"From {sender} to {recipient}", f"{tone} tone", *message_tags(session, target)])
            leaves = tuple(_relay_leaf(session, m) for m in moves)
            entries.append(MenuEntry(message.summary, detail, None, leaves, message_comparison(session, target)))
        else:
            venue = scenario.venues[target]
            label, detail = venue.name[:1].upper() + venue.name[1:], venue.description
            leaves = tuple(MenuEntry(FORMAT_WORDS.get(m.mode, m.label), "", m) for m in moves)
            entries.append(MenuEntry(label, detail, None, leaves))
    return tuple(entries)


def _relay_leaf(session: Session, move: Move) -> MenuEntry:
    mid, mode = move.target, move.mode
    message = session.scenario.messages[mid]
    label = RELAY_MODE_WORDS.get(mode, move.label)
    if mode in ("verbatim", "softened", "agreed") and through_liaison(session.state, message):
        label += f", through {liaison_words(session.scenario, message.recipient)}"
    return MenuEntry(label, relay_wording(session, move) or RELAY_MODE_DETAILS.get(mode, ""), move)


def term_tooltip(principle_id: str, lead: str = "") -> str:
    """A diplomatic term explained from the principles catalogue (plain text)."""
    principle = catalogue().get(principle_id)
    if principle is None:
        return lead
    text = f"{principle.name}: {principle.explanation}"
    return f"{lead}\n\n{text}" if lead else text


GLOSSARY_TERMS: tuple[tuple[str, str], ...] = (
    (
        "Consent ladder",
        "How far a party has accepted you: no consent, then contact (it will receive you), then good "
        "offices (you may carry its messages and arrange contact), then mediation (you may suggest "
        "terms). Each rung is asked for; any can be withdrawn.",
    ),
    (
        "Mandate",
        "What you are allowed to do. Good offices open and keep a channel; mediation may also suggest "
        "formulas, and only the parties can widen your mandate to it.",
    ),
    (
        "Channel",
        "How the parties are in contact: none; a back channel (secret, a small circle, a leak risk that "
        "grows with time and with each person who knows); official talks; or in public.",
    ),
    (
        "Suspending good offices",
        "Pausing your work between the parties, quietly (they are told in private) or publicly (the world is "
        "told, which presses the parties and costs them face). While suspended you can resume, wait, keep a "
        "minimal line open and deliver safety messages. Ending good offices ends your role: a good-offices "
        "role lasts only while the parties and the envoy accept it.",
    ),
    (
        "Minimal line",
        "A humanitarian or technical line kept open through your office during a suspension: the channel does "
        "not lapse, and tension eases a little.",
    ),
    (
        "Circle",
        "How many people know of a back channel. Each one adds to the leak risk. Who knows on each side is the "
        "leader's decision; you can advise narrowing it, or briefing the cabinet so the ground at home is "
        "prepared for the day the contacts come out.",
    ),
    (
        "Public lines",
        "What each leader agreed in advance to say when secret contacts become known. They soften the blow of a leak or an announcement.",
    ),
    (
        "Evidence and confidence",
        "What you have observed of a party (probing, analysts, its conduct at the table, its answer when you "
        "raise stalling), never the truth itself. Confidence is low, medium or high and grows as consistent "
        "observations add up.",
    ),
    (
        "Simultaneous invitations",
        "Inviting both delegations at once, so that neither is seen to ask first. Letting one side be seen to "
        "ask first costs it face at home.",
    ),
    ("Trust", "How far a party trusts you, from 0 to 100. Fair treatment, faithful relay and discretion build it."),
    ("Exposure", "How much of a party's contacts has become public, from 0 to 100. Exposure feeds its hardliners."),
    ("Escalation", "How close the crisis is to open conflict, from 0 (calm) to 100. It rises on its own unless contact eases it."),
)


def glossary() -> list[tuple[str, str]]:
    """The terms on the play screen, then the principles the debrief judges by, explained."""
    return [*GLOSSARY_TERMS, *((p.name, p.explanation) for p in catalogue().values())]


def venue_text(session: Session) -> str:
    state = session.state
    if not state.venue:
        return ""
    venue = session.scenario.venues[state.venue]
    words = FORMAT_WORDS.get(state.venue_format or "", (state.venue_format or "").replace("_", " "))
    return f"{words} in {venue.name}"


def outcome_lines(session: Session, outcome: Outcome) -> list[tuple[str, str]]:
    """What a decision did, as (kind, text) pairs: kinds 'reply', 'change', 'event', 'arrival'."""
    lines: list[tuple[str, str]] = []
    for reply in outcome.replies:
        lines.append(("reply", f"{reply.speaker}: {reply.text}" if reply.speaker else reply.text))
    lines += [("change", text) for text in visible_changes(session, outcome)]
    lines += [("event", f"{event.title}: {event.text}") for event in outcome.events]
    for mid in outcome.arrivals:
        lines.append(("arrival", f"New message for relay: {session.scenario.messages[mid].summary}"))
    return lines


_CONSEQUENCES: dict[tuple[str, str], str] = {
    ("public_statement", ""): "Words said in public cannot be taken back.",
    ("relay", "publish"): "A private message made public cannot be made private again.",
    ("relay", "distorted"): "This changes what the sender offered; the sender may find out.",
    ("relay", "withhold"): "The sender will believe its message was passed on.",
    ("propose_formula", ""): "Proposing terms is substance: it needs the parties' mandate.",
    ("suspend", "public"): "A public suspension is seen by everyone, and coming back costs face.",
    ("suspend", "end"): "Ending good offices ends your role in this crisis.",
    ("convene", "first"): "The party you name will be seen to ask first.",
}
"""Moves that cannot be undone or that cost someone face in public: the terminal asks for a
confirmation before playing them (the window confirms every move)."""


def consequence(move: Move) -> str:
    """Why a move deserves a second thought, or "" for an ordinary one."""
    option = move.mode if move.verb in ("relay", "convene") and move.mode else move.target
    return _CONSEQUENCES.get((move.verb, option)) or _CONSEQUENCES.get((move.verb, ""), "")
