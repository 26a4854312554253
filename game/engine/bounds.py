"""Numbers an effect may write: finite and within ±10^15, whatever the arithmetic made.

`validate` rejects constants and constant calculations beyond 10^15 (GO0216) and variables
whose start or range lies beyond it (GO0217), but a calculation that reads the state can still
run away during play: a product of large integers grows without limit (and no float can hold
it), a float product overflows to infinity, and infinity times 0 is NaN, which no JSON reader
accepts. So every number written to the state goes through `bounded`: it saturates at ±10^15,
and a NaN is no number at all, so the value it would replace stays as it is.
"""

from __future__ import annotations

from game.scenario.expressions import MAX_LITERAL

LIMIT = float(MAX_LITERAL)


def bounded(value: object) -> float | None:
    """`value` as a float within ±10^15, or None for NaN (and for what is not a number)."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:  # an int beyond a float's range: it has a sign, so saturate
        return LIMIT if value > 0 else -LIMIT  # type: ignore[operator]
    except (TypeError, ValueError):
        return None
    if number != number:  # NaN
        return None
    if number > LIMIT:
        return LIMIT
    if number < -LIMIT:
        return -LIMIT
    return number
