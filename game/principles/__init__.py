"""The principles catalogue and its bibliography: what the debrief judges decisions against,
and the sources it may cite for a judgement.

It sits below the scenario layer because the validator must know the principle and source ids
too. Both files are our own and trusted; still, a principle that lists a source id the
bibliography does not have is a mistake in the package, and loading fails loudly rather than
letting a report cite nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = [
    "SOURCE_KINDS",
    "Principle",
    "Source",
    "UnknownPrinciple",
    "UnknownSource",
    "bibliography",
    "build_catalogue",
    "catalogue",
    "primary_source",
    "principle",
    "principle_ids",
    "source",
    "source_ids",
]

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SOURCE_KINDS = ("instrument", "guidance", "case", "seed")


class UnknownSource(LookupError):
    """A judgement or a principle named a source id the bibliography does not have."""


class UnknownPrinciple(LookupError):
    """A judgement named a principle id the catalogue does not have."""


@dataclass(frozen=True, slots=True)
class Source:
    """One entry of the bibliography (game/principles/sources.yaml)."""

    id: str
    kind: str
    cite: str
    """The citation as a report prints it."""
    pinpoint: str | None
    """Article, paragraph, section or fundamental; None where the place is not certain."""
    supports: str
    not_for: tuple[str, ...]
    seed: tuple[str, str] | None
    """(file, section heading) of the project's source text that states the point, if any."""


@dataclass(frozen=True, slots=True)
class Principle:
    id: str
    name: str
    explanation: str
    honoured_by: tuple[str, ...]
    breached_by: tuple[str, ...]
    sources: tuple[str, ...]
    """Source ids, the principle's primary source first."""

    @property
    def primary_source(self) -> str:
        return self.sources[0]


def _read(name: str) -> Any:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_SafeLoader)


@cache
def bibliography() -> dict[str, Source]:
    """Every citable source, keyed by id, in the file's order."""
    raw = _read("sources.yaml")["sources"]
    found: dict[str, Source] = {}
    for sid, entry in raw.items():
        if entry["kind"] not in SOURCE_KINDS:
            raise ValueError(f"sources.yaml: source '{sid}' has kind '{entry['kind']}', not one of {SOURCE_KINDS}")
        seed = entry.get("seed")
        found[sid] = Source(
            id=sid,
            kind=entry["kind"],
            cite=entry["cite"],
            pinpoint=entry.get("pinpoint"),
            supports=" ".join(entry["supports"].split()),
            not_for=tuple(entry.get("not_for") or ()),
            seed=(str(seed["file"]), seed["section"]) if seed else None,
        )
    return found


def source(source_id: str) -> Source:
    """The bibliography entry for an id; an unknown id is a programming error and raises."""
    try:
        return bibliography()[source_id]
    except KeyError:
        raise UnknownSource(f"unknown source id {source_id!r}; the bibliography is game/principles/sources.yaml") from None


@cache
def catalogue() -> dict[str, Principle]:
    """The bundled catalogue, keyed by id, in the order the file gives.

    Raises UnknownSource when a principle lists a source id the bibliography lacks, and
    ValueError when a principle lists no source at all."""
    return build_catalogue(_read("catalogue.yaml")["principles"], bibliography())


def build_catalogue(raw: dict[str, Any], known: dict[str, Source]) -> dict[str, Principle]:
    """Principles from the catalogue's parsed YAML, every source id checked against `known`."""
    principles: dict[str, Principle] = {}
    for pid, entry in raw.items():
        sources = tuple(entry["sources"])
        if not sources:
            raise ValueError(f"catalogue.yaml: principle '{pid}' lists no source")
        for sid in sources:
            if sid not in known:
                raise UnknownSource(f"catalogue.yaml: principle '{pid}' lists unknown source id {sid!r}")
        principles[pid] = Principle(
            id=pid,
            name=entry["name"],
            explanation=entry["explanation"],
            honoured_by=tuple(entry["honoured_by"]),
            breached_by=tuple(entry["breached_by"]),
            sources=sources,
        )
    return principles


def principle(principle_id: str) -> Principle:
    """The catalogue entry for an id; an unknown id is a programming error and raises."""
    try:
        return catalogue()[principle_id]
    except KeyError:
        raise UnknownPrinciple(f"unknown principle id {principle_id!r}; the catalogue is game/principles/catalogue.yaml") from None


def primary_source(principle_id: str) -> str:
    """The id of the principle's primary source (cited when nothing more precise is named)."""
    return principle(principle_id).primary_source


def principle_ids() -> tuple[str, ...]:
    return tuple(catalogue())


def source_ids() -> tuple[str, ...]:
    return tuple(bibliography())
