"""The envoy's verbs, one module each with its rules (and, beside them, its debrief judgement).

Each module exposes VERB, GROUP, `moves(turn) -> list[Move]` and `apply(turn, move)`.
"""

from __future__ import annotations

from types import ModuleType

from game.engine.verbs import (
    approach,
    choice,
    consult,
    convene,
    offer_step,
    probe,
    propose_formula,
    propose_venue,
    public_statement,
    relay,
    request_mandate,
    wait,
)

VERB_MODULES: dict[str, ModuleType] = {
    module.VERB: module
    for module in (
        choice,
        relay,
        approach,
        propose_venue,
        convene,
        offer_step,
        probe,
        consult,
        public_statement,
        request_mandate,
        propose_formula,
        wait,
    )
}
