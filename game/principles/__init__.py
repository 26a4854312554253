"""The principles catalogue: what the debrief judges decisions against.

It sits below the scenario layer because the validator must know the principle ids too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Principle:
    id: str
    name: str
    explanation: str
    honoured_by: tuple[str, ...]
    breached_by: tuple[str, ...]
    sources: tuple[str, ...]


@cache
def catalogue() -> dict[str, Principle]:
    """The bundled catalogue, keyed by id, in the order the file gives (our own trusted file)."""
    text = resources.files(__package__).joinpath("catalogue.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=_SafeLoader)["principles"]
    return {
        pid: Principle(
            id=pid,
            name=entry["name"],
            explanation=entry["explanation"],
            honoured_by=tuple(entry["honoured_by"]),
            breached_by=tuple(entry["breached_by"]),
            sources=tuple(entry["sources"]),
        )
        for pid, entry in raw.items()
    }


def principle_ids() -> tuple[str, ...]:
    return tuple(catalogue())
