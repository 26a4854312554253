"""The JSON Schema of a move file (a proof): a seed and the moves of one play.

Written by hand because move files are read without a model (game/authoring/endings.py and
the move-file reader): `seed` a whole number, `moves` a list of move keys, `scenario` and
`expect` optional, any other key (a `note`) ignored. The schema says exactly that, so the
editor underlines what `good-offices endings` would refuse, and nothing else.
"""

from __future__ import annotations

from typing import Any

from game.scenario.jsonschema import DRAFT


def move_json_schema() -> dict[str, Any]:
    return {
        "$schema": DRAFT,
        "title": "Good Offices move file",
        "description": "A seed and the moves of one play of a scenario, replayed exactly by `good-offices endings`.",
        "type": "object",
        "required": ["seed", "moves"],
        "properties": {
            "scenario": {
                "type": ["string", "null"],
                "description": "The id of the scenario the moves are for (its 'id:' line); checked when given.",
            },
            "seed": {"type": "integer", "description": "The session's random seed: the same seed and moves give the same game."},
            "note": {"description": "What this play shows, for the author; the program ignores it."},
            "expect": {
                "description": "The id of the ending the moves must reach.",
                "anyOf": [
                    {"type": "string"},
                    {"type": "null"},
                    {
                        "type": "object",
                        "properties": {"ending": {"type": ["string", "null"], "description": "The id of the ending."}},
                    },
                ],
            },
            "moves": {
                "type": "array",
                "description": "Move keys in the order played, as the game records them in its logs, e.g. approach:arvenia. "
                "Quote a key that ends with ':' (\"wait:\"), or YAML reads it as a mapping.",
                "items": {"type": "string"},
            },
        },
    }
