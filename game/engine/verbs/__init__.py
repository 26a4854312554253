"""The envoy's verbs, one module each with its rules (and, beside them, its debrief judgement).

Each module exposes VERB, GROUP, `moves(turn) -> list[Move]` and `apply(turn, move)`.
"""

from __future__ import annotations

from types import ModuleType

from game.engine.verbs import (
    advise_circle,
    approach,
    choice,
    consult,
    convene,
    keep_line,
    offer_step,
    prepare_disclosure,
    probe,
    propose_formula,
    propose_venue,
    public_statement,
    raise_stalling,
    relay,
    request_mandate,
    suspend,
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
        advise_circle,
        prepare_disclosure,
        probe,
        raise_stalling,
        consult,
        public_statement,
        request_mandate,
        propose_formula,
        suspend,
        keep_line,
        wait,
    )
}
