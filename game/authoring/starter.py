"""The files `good-offices new` writes: a scenario and its proofs, under a new id.

The source is the starter scenario shipped beside this module (`starter.yaml`, two parties,
three endings, a venue choice, a message, an event and a mandate trap, every ending proven by a
move file in `starter.proofs/`), or any scenario with its `.proofs` folder (`--from`). Copies keep
their comments: the id is replaced on its own line, not by re-writing the YAML, and each file's
first line points an editor at the installed schema.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from game.authoring.editor import with_modeline
from game.scenario.yaml_source import read_yaml_text

STARTER = Path(__file__).resolve().parent / "starter.yaml"
ID_LIMIT = 48


class CannotCopy(Exception):
    """The source cannot be copied under a new id; the message says why, in one line."""


@dataclass(frozen=True)
class NewFiles:
    scenario: tuple[Path, str]
    proofs: tuple[tuple[Path, str], ...]
    scenario_id: str
    picture: tuple[Path, Path] | None = None
    """The map picture to copy (from, to), when the source names one that exists."""


def scenario_id_for(path: Path) -> str:
    """An id from a file or folder name: 'Border Well.yaml' -> 'border_well'."""
    plain = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode("ascii")  # 'Été' -> 'Ete'
    words = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")
    if not words:
        return "my_scenario"
    if not words[0].isalpha():
        words = "scenario_" + words
    return words[:ID_LIMIT].rstrip("_")


def target_file(path: Path) -> Path:
    """PATH ending in .yaml is the scenario file; any other PATH is a folder to hold it."""
    return path if path.suffix in (".yaml", ".yml") else path / f"{scenario_id_for(path)}.yaml"


def proofs_folder(scenario_file: Path) -> Path:
    return scenario_file.with_name(scenario_file.stem + ".proofs")


def new_files(target: Path, source: Path, scenario_modeline: str, move_modeline: str) -> NewFiles:
    """The texts to write for a scenario at `target` copied from `source` (and its proofs)."""
    new_id = scenario_id_for(target)
    text = _read(source)
    old_id, picture = _id_and_picture(text, source)
    scenario_text = with_modeline(_replace_top_level(text, "id", old_id, new_id, source), scenario_modeline)
    folder = proofs_folder(target)
    proofs = []
    for proof in sorted(proofs_folder(source).glob("*.yaml")):
        proof_text = _read(proof)
        if re.search(r"^scenario:", proof_text, re.MULTILINE):
            proof_text = _replace_top_level(proof_text, "scenario", old_id, new_id, proof)
        proofs.append((folder / proof.name, with_modeline(proof_text, move_modeline)))
    copy = (source.parent / picture, target.parent / picture) if picture and (source.parent / picture).is_file() else None
    return NewFiles((target, scenario_text), tuple(proofs), new_id, copy)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CannotCopy(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from exc


def _id_and_picture(text: str, source: Path) -> tuple[str, str | None]:
    document, _ = read_yaml_text(text, str(source))
    data = document.data if document is not None and isinstance(document.data, dict) else {}
    found, picture = data.get("id"), data.get("map_image")
    if not isinstance(found, str):
        raise CannotCopy(f"{source}: has no 'id:' line to replace; run 'good-offices validate {source}' first")
    inside = isinstance(picture, str) and not Path(picture).is_absolute() and ".." not in Path(picture).parts
    return found, picture if inside else None


def _replace_top_level(text: str, key: str, old: str, new: str, source: Path) -> str:
    """`key: old` at the start of a line (quoted or not, a comment after it kept) made `key: new`."""
    pattern = re.compile(rf"^({re.escape(key)}:[ \t]*)(['\"]?){re.escape(old)}\2(?=[ \t]*(#.*)?$)", re.MULTILINE)
    replaced, count = pattern.subn(lambda m: m.group(1) + new, text, count=1)
    if count != 1:
        raise CannotCopy(f"{source}: cannot find the line '{key}: {old}' to give it the new id")
    return replaced
