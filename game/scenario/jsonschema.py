"""The JSON Schema of the scenario format, for editors with a YAML language server.

The schema is generated from the models (game/scenario/model.py), then brought into line with
what `good-offices validate` accepts, value by value, because the two read a file differently:

- validate reads YAML 1.1, where the plain words yes/no/on/off are true/false; an editor's
  language server reads YAML 1.2, where they are text. So wherever true/false is expected the
  schema also accepts those words, as validate does (`once: no`).
- validate refuses text with control or invisible formatting characters (game/printable.py);
  the schema says the same with a pattern.
- an id used as a key (a party, a venue, a phase) that does not match the id pattern is
  refused, not ignored: patternProperties alone would let it through.
- `format` is one of the versions this program reads.

Where the two cannot agree (validate's YAML 1.1 reads a plain `Yes` as true/false even where text
is expected; JSON Schema cannot tell 14 from 14.0), tests/test_schema_agreement.py names the
case. Indexes in diagnostics are 1-based; the schema has none of its own.
"""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from game.printable import SPOOFING
from game.scenario.model import READABLE_FORMATS, Scenario, _printable

DRAFT = "https://json-schema.org/draft/2020-12/schema"

YAML11_BOOLEAN_WORDS = ("yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF")
"""The plain words PyYAML (YAML 1.1, what validate reads) takes for true/false and a YAML 1.2
language server takes for text."""

_INVISIBLE = "".join(f"\\u{ord(c):04x}" for c in sorted(SPOOFING))
PRINTABLE_PATTERN = f"^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f{_INVISIBLE}]*$"
"""Text without control characters (tab and line feed allowed) or invisible formatting ones,
in the ECMAScript syntax JSON Schema patterns use."""


class _ScenarioSchema(GenerateJsonSchema):
    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "boolean"},
                {"enum": list(YAML11_BOOLEAN_WORDS), "description": "read as true (yes, on) or false (no, off)"},
            ]
        }

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        """A value converted before it is checked (an expression written as a number, a whole
        number written 14.0): what may be written, with the limits the converted value must meet.
        Pydantic would give the written types alone and drop the limits (minimum, maxLength)."""
        written = schema.get("json_schema_input_schema")
        if self.mode != "validation" or not written:
            return super().function_before_schema(schema)
        converted = self.generate_inner(schema["schema"])
        accepted = self.generate_inner(written)
        branches = accepted.get("anyOf", [accepted])
        kind = converted.get("type")
        merged = [converted if branch.get("type") == kind else branch for branch in branches]
        if converted not in merged:
            merged.insert(0, converted)
        return merged[0] if len(merged) == 1 else {"anyOf": merged}

    def function_after_schema(self, schema: core_schema.AfterValidatorFunctionSchema) -> JsonSchemaValue:
        result = super().function_after_schema(schema)
        if schema["function"].get("function") is _printable:
            result = (
                {**result, "pattern": PRINTABLE_PATTERN} if "pattern" not in result else {"allOf": [result, {"pattern": PRINTABLE_PATTERN}]}
            )
        return result


def scenario_json_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema(by_alias=True, mode="validation", schema_generator=_ScenarioSchema)
    _close_id_keys(schema)
    schema["properties"]["format"]["enum"] = list(READABLE_FORMATS)
    return {"$schema": DRAFT, **schema}


_LIMITS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}
"""Pydantic leaves a Field's limits under their Python names when it cannot fold them into a
converted number's schema (`deliver_within: Whole | None = Field(ge=0)`); JSON Schema ignores
those names, so the limits are renamed to the keywords an editor checks."""


def _close_id_keys(node: Any) -> None:
    """A mapping of ids (patternProperties) refuses a key that is not an id, as validate does;
    a number's limits are JSON Schema keywords."""
    if isinstance(node, dict):
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        if node.get("type") in ("integer", "number"):
            for name, keyword in _LIMITS.items():
                if name in node:
                    node[keyword] = node.pop(name)
        for value in node.values():
            _close_id_keys(value)
    elif isinstance(node, list):
        for value in node:
            _close_id_keys(value)
