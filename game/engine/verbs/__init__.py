"""The envoy's verbs, one module each with its rules (and, beside them, its debrief judgement).

Each module exposes VERB, GROUP, `moves(turn) -> list[Move]` and `apply(turn, move)`. Which
modules there are, and in what order their moves are offered, is `game.scenario.verbs`: the
one list of verb names, which the scenario format reads too.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from game.scenario.verbs import ENGINE_VERBS

__all__ = ["VERB_MODULES"]


def _load(verb: str) -> ModuleType:
    module = importlib.import_module(f"game.engine.verbs.{verb}")
    if verb != module.VERB:
        raise ImportError(f"game/engine/verbs/{verb}.py declares VERB = {module.VERB!r}")
    return module


VERB_MODULES: dict[str, ModuleType] = {verb: _load(verb) for verb in ENGINE_VERBS}
