"""The JSON Schema of the scenario format, for editors with a YAML language server."""

from __future__ import annotations

from typing import Any

from game.scenario.model import Scenario


def scenario_json_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }
