"""The citation a report prints for a source id (the bibliography is game/principles/sources.yaml)."""

from __future__ import annotations

from game.principles import source


def citation(source_id: str) -> str:
    """Raises UnknownSource on an id the bibliography does not have."""
    return source(source_id).cite
