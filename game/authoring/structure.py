"""A scenario's structure, for the instructor who wrote it: the phases and what moves between
them, the endings, and where messages, choices and events come in.

Two forms: an indented outline for the terminal, and a Mermaid state diagram that editors and
code hosts draw as a picture.
"""

from __future__ import annotations

from game.scenario.loader import LoadedScenario
from game.scenario.model import Phase, Scenario, Transition
from game.scenario.structure import effective_transitions


def outline(loaded: LoadedScenario) -> str:
    s = loaded.scenario
    lines = [
        f"{s.title} ({s.id}) \u00b7 {s.difficulty} \u00b7 about {s.expected_minutes} min",
        f"{len(s.parties)} parties, {len(s.venues)} venues, {len(s.messages)} messages, {len(s.variables)} variables, "
        f"{len(s.choices)} choices, {len(s.events)} events; {s.clock.turns} {s.clock.turn_label}s",
        "",
        "Phases (start first; transitions are checked in this order after every decision):",
    ]
    for pid in _phase_order(s):
        lines += _phase_lines(s, pid)
    lines += ["", "Endings:"]
    for pid, phase in s.phases.phases.items():
        if phase.ending is not None:
            lines.append(f"  {pid} [{phase.ending.grade}] {phase.title}{_clock_note(s, pid)}")
    lines += ["", "Messages:"]
    for mid, message in s.messages.items():
        when = (
            f"turn {message.arrives_turn}"
            if message.arrives_turn
            else (f"when {message.arrives_when}" if message.arrives_when else "never")
        )
        lines.append(f"  {mid}: {message.sender} \u2192 {message.recipient}, arrives {when}")
    lines += ["", "Choices (offered in these phases and the phases inside them, while the condition holds):"]
    for cid, choice in s.choices.items():
        offered = [f"in {', '.join(choice.phases)}" if choice.phases else "in every phase"]
        offered += [f"when {choice.when}"] if choice.when else []
        offered += [] if choice.once else ["again and again"]
        lines.append(f"  {cid}: " + "; ".join(offered))
    lines += ["", "Events:"]
    for eid, event in s.events.items():
        trigger = [f"turn {event.at_turn}"] if event.at_turn else []
        trigger += [f"when {event.when}"] if event.when else []
        trigger += [f"chance {event.chance}"] if event.chance else []
        where = [f"only in {', '.join(event.phases)}"] if event.phases else []
        where += [] if event.once else ["every time"]
        lines.append(f"  {eid} [{event.kind}]: " + "; ".join([", ".join(trigger) or "told when the back channel leaks", *where]))
    return "\n".join(lines) + "\n"


def _phase_order(s: Scenario) -> list[str]:
    """Start first, then the others in file order; endings are listed on their own."""
    ids = [pid for pid, phase in s.phases.phases.items() if phase.ending is None]
    return sorted(ids, key=lambda pid: (pid != s.phases.start, ids.index(pid)))


def _phase_lines(s: Scenario, pid: str) -> list[str]:
    phase = s.phases.phases[pid]
    parent = f" (inside {phase.parent})" if phase.parent else ""
    lines = [f"  {pid}{parent}: {phase.title}"]
    offered = [cid for cid, choice in s.choices.items() if not choice.phases or pid in choice.phases or phase.parent in choice.phases]
    if offered:
        lines.append("      choices: " + ", ".join(offered))
    for owner, index in effective_transitions(s.phases.phases, pid):
        transition = s.phases.phases[owner].transitions[index]
        inherited = f" (from {owner})" if owner != pid else ""
        lines.append(f"      \u2192 {transition.to}{_condition(transition)}{inherited}")
    return lines


def _condition(transition: Transition) -> str:
    parts = []
    if transition.on:
        parts.append(f"after {transition.on}")
    if transition.when:
        parts.append(f"when {transition.when}")
    return ("  " + " and ".join(parts)) if parts else "  always"


def _clock_note(s: Scenario, pid: str) -> str:
    notes = []
    if pid == s.clock.on_timeout:
        notes.append("when time runs out")
    if pid == s.clock.on_escalation:
        notes.append("when escalation reaches 100")
    if pid == s.clock.on_withdrawal:
        notes.append("when the envoy ends good offices")
    return f"  ({'; '.join(notes)})" if notes else ""


def mermaid(loaded: LoadedScenario) -> str:
    """A Mermaid `stateDiagram-v2`: phases as states, a phase with nested phases as a composite
    state around them (entered at the start phase when it holds it), endings marked, the clock's
    endings noted. Transitions a parent phase owns leave the composite: they apply in every
    phase inside it."""
    s = loaded.scenario
    phases = s.phases.phases
    children: dict[str | None, list[str]] = {}
    for pid, phase in phases.items():
        children.setdefault(phase.parent if phase.parent in phases else None, []).append(pid)
    entry = _ancestry(phases, s.phases.start)
    lines = ["stateDiagram-v2", f"    [*] --> {entry[0]}"]

    def declare(pid: str, depth: int) -> None:
        indent = "    " * depth
        lines.append(f'{indent}state "{_label(phases[pid])}" as {pid}')
        inside = children.get(pid, [])
        if not inside:
            return
        lines.append(f"{indent}state {pid} {{")
        if pid in entry[:-1]:
            lines.append(f"{indent}    [*] --> {entry[entry.index(pid) + 1]}")
        for child in inside:
            declare(child, depth + 1)
        lines.append(f"{indent}}}")

    for pid in children.get(None, []):
        declare(pid, 1)
    for pid, phase in phases.items():
        for transition in phase.transitions:
            lines.append(f"    {pid} --> {transition.to}{_edge_label(transition)}")
    for pid, phase in phases.items():
        if phase.ending is not None:
            lines.append(f"    {pid} --> [*]")
    lines.append(f"    note right of {s.clock.on_timeout}: reached from any phase when time runs out")
    if s.clock.on_escalation != s.clock.on_timeout:
        lines.append(f"    note right of {s.clock.on_escalation}: reached from any phase when escalation reaches 100")
    if s.clock.on_withdrawal is not None and s.clock.on_withdrawal not in (s.clock.on_timeout, s.clock.on_escalation):
        lines.append(f"    note right of {s.clock.on_withdrawal}: reached from any phase when the envoy ends good offices")
    return "\n".join(lines) + "\n"


def _ancestry(phases: dict[str, Phase], pid: str) -> list[str]:
    """`pid` and the phases around it, outermost first (a cycle of parents is cut)."""
    chain = [pid]
    while phases[chain[0]].parent in phases and phases[chain[0]].parent not in chain:
        chain.insert(0, str(phases[chain[0]].parent))
    return chain


def _label(phase: Phase) -> str:
    text = phase.title.replace('"', "'")
    return f"{text} [{phase.ending.grade}]" if phase.ending else text


def _edge_label(transition: Transition) -> str:
    parts = [f"after {transition.on}"] if transition.on else []
    if transition.when:
        parts.append(transition.when)
    text = " and ".join(parts).replace(":", " ").replace('"', "'")
    return f" : {text[:80]}" if text else ""
