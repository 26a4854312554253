"""A scenario's header (id, title, summary, difficulty, length) read without validating the file.

`good-offices list` shows the bundled scenarios: reading a file with the project's safe, limited
YAML reader and taking five fields is a few milliseconds, while a full validation (schema,
references, expressions, structure) of each file is most of the command's time. The bundled
files are validated by the test suite and again when played; `list --check` validates them in
full.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from game.scenario.yaml_source import read_yaml_file


@dataclass(frozen=True)
class ScenarioHeader:
    id: str
    title: str
    summary: str
    difficulty: str
    expected_minutes: int


def read_header(path: str | os.PathLike[str]) -> tuple[ScenarioHeader | None, str]:
    """The header, or None and the reason in a few words."""
    document, problems = read_yaml_file(path)
    if document is None:
        return None, problems[0].message if problems else "cannot be read"
    data = document.data
    if not isinstance(data, dict):
        return None, "not a scenario"
    fields = {name: data.get(name) for name in ("id", "title", "summary", "difficulty")}
    if not all(isinstance(value, str) and value for value in fields.values()):
        return None, "its id, title, summary or difficulty is missing"
    minutes = data.get("expected_minutes", 30)
    return ScenarioHeader(expected_minutes=minutes if isinstance(minutes, int) else 30, **fields), ""  # type: ignore[arg-type]
