"""Wait: sometimes wise (after a leak, to let tempers cool), often a missed moment."""

from __future__ import annotations

from game.engine.outcome import Move
from game.engine.turn import Turn
from game.engine.verbs.judgement import CONSENT_WORDS, Judgement, Situation, number
from game.scenario.names import CONSENT_LEVELS

VERB = "wait"
GROUP = "Time"


def moves(turn: Turn) -> list[Move]:
    label = turn.loaded.scenario.clock.turn_label
    return [Move(f"{VERB}:", VERB, f"Wait a {label}", "Take no initiative and watch how things develop.", GROUP)]


def apply(turn: Turn, move: Move) -> None:
    if turn.state.channel.state == "public":
        for pid in turn.state.parties:
            turn.adjust(f"pressure.{pid}", -3, "a quiet spell lets the public storm pass")
    turn.narrate("You hold back and watch.")


# -- debrief judgement ---------------------------------------------------------------------------
READY_TRUST = 50
LATE_ESCALATION = 70


def judge(s: Situation) -> list[Judgement]:
    parties = s.all_parties()
    label = s.loaded.scenario.clock.turn_label
    ready = all(s.consent_index(p) >= 2 and s.trust(p) >= READY_TRUST for p in parties)
    if ready and s.before.meetings == 0:
        return [
            Judgement(
                "timing",
                "missed",
                2,
                "Both sides were ready ("
                + "; ".join(f"{s.name(p)}: {s.consent_words(p)}, trust {number(s.trust(p))}" for p in parties)
                + f") and no meeting had been held, yet you waited a {label}.",
                "paris-1968",
            )
        ]
    if s.before.channel.state == "public" and s.before.waits_in_a_row == 0:
        return [
            Judgement(
                "channel",
                "honoured",
                1,
                f"With the contacts in the open, a quiet {label} let the public storm pass before the next step.",
                "seed-000-advantages",
            )
        ]
    if s.before.escalation >= LATE_ESCALATION:
        return [
            Judgement(
                "timing",
                "breached",
                2,
                f"You waited with escalation at {number(s.before.escalation)}/100; by the time violence breaks out, prevention is over.",
                "seed-001-prevention",
            )
        ]
    setback = _setback(s)
    if setback:
        return [
            Judgement(
                "channel",
                "breached",
                1,
                f"Right after a setback ({setback}) you stepped back instead of keeping contact.",
                "seed-000-practice",
            )
        ]
    if s.before.waits_in_a_row >= 2:
        return [
            Judgement(
                "mandate",
                "missed",
                1,
                f"This was your {s.ordinal(s.before.waits_in_a_row + 1)} {label} in a row without "
                f"an initiative, while your role allowed steps that could move things.",
                "seed-000-limits",
            )
        ]
    return []


def _setback(s: Situation) -> str:
    if s.previous is None:
        return ""
    for change in s.previous.changes:
        prefix, _, pid = change.name.partition(".")
        if prefix == "consent" and pid in s.before.parties and _lower(change.before, change.after):
            return f"{s.name(pid)} pulled back to {CONSENT_WORDS[str(change.after)]}"
    return ""


def _lower(before: object, after: object) -> bool:
    return CONSENT_LEVELS.index(str(after)) < CONSENT_LEVELS.index(str(before))
