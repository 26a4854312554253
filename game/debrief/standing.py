"""Judgements that belong to no single verb: what the passage of a turn revealed about the
envoy's handling of a back channel (left running too long, or leaking through carelessness)."""

from __future__ import annotations

from game.engine.clock import ENDLESS_AFTER
from game.engine.verbs.judgement import Judgement, Situation, number

CARELESS_RISK = 20.0
"""A leak drawn at this risk or above was the envoy's to prevent, not bad luck."""
WIDE_CIRCLE = 4


def judge(s: Situation) -> list[Judgement]:
    found: list[Judgement] = []
    if _leaked(s):
        found.extend(_leak(s))
    elif s.after.channel.state == "back_channel" and s.before.back_channel_turns <= ENDLESS_AFTER < s.after.back_channel_turns:
        found.append(
            Judgement(
                "backchannel",
                "breached",
                2,
                f"The back channel had run for {s.turns(s.after.back_channel_turns)} without moving to "
                f"official talks; both camps began to see an endless game, and the leak risk stood at "
                f"{number(s.after.leak_risk)}%.",
                "seed-002-testing",
            )
        )
    return found


def _leaked(s: Situation) -> bool:
    return any(d.what == "leak" and d.happened for d in s.outcome.draws)


def _leak(s: Situation) -> list[Judgement]:
    risk = 100 * next(d.probability for d in s.outcome.draws if d.what == "leak" and d.happened)
    found: list[Judgement] = []
    if risk >= CARELESS_RISK:
        found.append(
            Judgement(
                "backchannel",
                "breached",
                2,
                f"The secret contacts leaked after {s.turns(s.after.back_channel_turns)} in a back "
                f"channel, with the risk at {number(risk)}%: a surprise revelation that handed "
                f"hardliners their cause.",
                "seed-002-revelation",
            )
        )
    if s.before.circle > WIDE_CIRCLE:
        found.append(
            Judgement(
                "discretion",
                "breached",
                1,
                f"{s.count(s.before.circle, 'person', 'people')} knew of the secret contacts when they leaked; "
                "the circle had grown too wide to hold.",
                "seed-002-revelation",
            )
        )
    return found
