"""The envoy's verbs, named once.

`VerbName` is the one list: the scenario format accepts these names (under `verbs:` to tune or
disable one, and as transition triggers), and the engine loads one module per name from
`game/engine/verbs/`, in this order, which is the order the moves are offered in. The
scenario's own `choice` moves are the engine's too but are not a verb an author can tune.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

__all__ = ["CHOICE", "ENGINE_VERBS", "VERB_NAMES", "VerbName"]

VerbName = Literal[
    "relay",
    "approach",
    "propose_venue",
    "convene",
    "offer_step",
    "advise_circle",
    "prepare_disclosure",
    "probe",
    "raise_stalling",
    "consult",
    "public_statement",
    "request_mandate",
    "propose_formula",
    "suspend",
    "keep_line",
    "wait",
]
VERB_NAMES: Final[tuple[VerbName, ...]] = get_args(VerbName)
CHOICE: Final = "choice"
"""The verb of the scenario's own choices (`choice:ID`), offered before every other move."""
ENGINE_VERBS: Final[tuple[str, ...]] = (CHOICE, *VERB_NAMES)
"""Every verb the engine plays, in the order its moves are offered."""
