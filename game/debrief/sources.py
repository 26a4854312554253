"""The citation a report prints for a source id (the bibliography is game/principles/sources.yaml)."""

from __future__ import annotations

from game.principles import UnknownSource, bibliography


def citation(source_id: str) -> str:
    entry = bibliography().get(source_id)
    if entry is None:
        raise UnknownSource(f"unknown source id '{source_id}'")
    return entry.cite
