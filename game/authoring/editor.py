"""Editor checking anywhere: the JSON Schemas installed at one place that survives upgrades.

A modeline (`# yaml-language-server: $schema=...`) with a path relative to the scenario works
only where the schema sits beside the file. `good-offices schema --install` writes the schemas to
the user data folder instead (platformdirs: `~/.local/share/good-offices/schemas` on Linux), a
path that does not depend on where the program is installed or which version it is, so the
modelines `good-offices new` writes keep working; installing again after an upgrade rewrites the
files in place. Modelines name the schema as a file:// URI, which the YAML language server
reads on every system and which survives spaces in a user name.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_data_path

from game.authoring.move_schema import move_json_schema
from game.scenario.jsonschema import scenario_json_schema

MODELINE_PREFIX = "# yaml-language-server: $schema="

SCHEMAS: dict[str, tuple[str, Callable[[], dict[str, Any]]]] = {
    "scenario": ("scenario.schema.json", scenario_json_schema),
    "move": ("move.schema.json", move_json_schema),
}
"""Each kind of file an instructor writes by hand, with its schema's file name."""


@dataclass(frozen=True)
class Installed:
    kind: str
    path: Path
    written: bool
    """False when the file already held this version's schema."""


def schema_folder() -> Path:
    return user_data_path("good-offices", appauthor=False) / "schemas"


def schema_text(kind: str) -> str:
    return json.dumps(SCHEMAS[kind][1](), indent=2, ensure_ascii=False) + "\n"


def installed_path(kind: str, folder: Path | None = None) -> Path:
    return (folder or schema_folder()) / SCHEMAS[kind][0]


def install_schemas(folder: Path | None = None) -> list[Installed]:
    """Write every schema whose file is missing or differs; leave the others untouched.

    Raises OSError when the folder cannot be created or a file cannot be written."""
    target = folder or schema_folder()
    target.mkdir(parents=True, exist_ok=True)
    done = []
    for kind in SCHEMAS:
        path = installed_path(kind, target)
        text = schema_text(kind)
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            temporary = path.with_name(path.name + ".tmp")
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(path)  # an editor reading it meanwhile sees the old or the new file, never half of one
        done.append(Installed(kind, path, current != text))
    return done


def modeline(kind: str, folder: Path | None = None) -> str:
    """The first line that points a YAML language server at the installed schema."""
    return MODELINE_PREFIX + installed_path(kind, folder).resolve().as_uri()


def with_modeline(text: str, line: str) -> str:
    """The text with its first-line modeline replaced by `line`, or `line` added on top."""
    first, newline, rest = text.partition("\n")
    if first.startswith(MODELINE_PREFIX):
        return line + newline + rest
    return line + "\n" + text
