"""Check that this tree's engine plays exactly like another revision's: same logs, outcomes, states.

    python tools/equivalence.py                      # against the merge base with main, 150 games a scenario
    python tools/equivalence.py --against main --games 300
    python tools/equivalence.py --reference /path/to/a/checkout

Both engines play the same seeded random games over the same scenario files (the bundled ones
and every loadable `tests/fixtures/*.yaml`, read from this tree): the chooser picks from
`moves()` with `Random(seed)`, so a difference in the moves on offer shows too. For each game the
dump holds every log record (through a sink), every move on offer with its words, every Outcome
in full (floats exactly, by `repr`), the state after every decision, and a fork played on from
halfway with a new seed. The two dumps must be identical; the first difference is printed.

Each engine runs in its own interpreter with `PYTHONHASHSEED=0` (set orders then agree, so a
difference is the engine's, not the hash seed's). The other revision is extracted with
`git archive` into a temporary folder; nothing in the working tree is touched.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def scenario_files() -> list[Path]:
    return sorted((ROOT / "scenarios").glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))


# -- the dump (runs inside the interpreter of the engine being checked) ---------------------------


def canonical(value: Any) -> Any:
    """A value as plain, ordered data: dataclasses and slotted objects by field, sets sorted,
    floats exactly (`repr`). A dataclass field left out of equality (`compare=False`, such as
    the parts a Move reads from its key) is left out here too: it follows from the others."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, set | frozenset):
        return sorted(canonical(v) for v in value)
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return [[canonical(k), canonical(v)] for k, v in value.items()]
    if dataclasses.is_dataclass(value):
        return [type(value).__name__, [[f.name, canonical(getattr(value, f.name))] for f in dataclasses.fields(value) if f.compare]]
    slots = getattr(type(value), "__slots__", None)
    if slots:
        return [type(value).__name__, [[name, canonical(getattr(value, name))] for name in slots if not name.startswith("_")]]
    raise TypeError(f"cannot dump {type(value).__name__}")


def outcome_dump(outcome: Any) -> Any:
    fields = ("move", "turn", "changes", "replies", "events", "draws", "arrivals", "phase_before", "phase_after", "ending")
    return [[name, canonical(getattr(outcome, name))] for name in fields]


def play_game(loaded: Any, seed: int, out: list[str]) -> None:
    from game.engine.session import Session

    def line(kind: str, value: Any) -> None:
        out.append(json.dumps([kind, value], sort_keys=True, separators=(",", ":")))

    def record(rec: dict[str, Any]) -> None:
        line("log", rec)

    session = Session(loaded, seed=seed, trainee="t", started="2000-01-01T00:00:00", sink=record)
    line("opening", outcome_dump(session.opening))
    chooser = random.Random(seed)
    fork_at = None
    while not session.is_over:
        moves = session.moves()
        line("moves", canonical(moves))
        if fork_at is None and session.state.decisions >= 6:
            fork_at = session.fork(seed=seed + 100_000)
        outcome = session.choose(chooser.choice(moves))
        line("outcome", outcome_dump(outcome))
        line("state", canonical(session.state))
    line("ending", canonical(session.ending))
    if fork_at is not None:
        other = random.Random(seed + 7)
        while not fork_at.is_over:
            moves = fork_at.moves()
            line("fork.moves", [move.key for move in moves])
            line("fork.outcome", outcome_dump(fork_at.choose(other.choice(moves))))
            line("fork.state", canonical(fork_at.state))
        line("fork.ending", canonical(fork_at.ending))


def dump(paths: list[Path], games: int, target: Path) -> None:
    from game.scenario.loader import load_scenario

    with target.open("w", encoding="utf-8") as handle:
        for path in paths:
            loaded, _ = load_scenario(path)
            if loaded is None:
                continue
            for seed in range(games):
                out: list[str] = []
                play_game(loaded, seed, out)
                handle.write(f"# {path.name} seed {seed}\n")
                handle.write("\n".join(out) + "\n")


# -- the comparison -------------------------------------------------------------------------------


def extract(rev: str, into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    archive = into / "ref.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), rev, "game"], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into


def run_dump(code_root: Path, games: int, target: Path) -> None:
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(code_root), GOOD_OFFICES_EQUIVALENCE_ROOT=str(code_root))
    command = [sys.executable, str(Path(__file__).resolve()), "--dump", str(target), "--games", str(games)]
    subprocess.run(command, check=True, env=env, cwd=str(code_root))


def compare(mine: Path, theirs: Path) -> int:
    a, b = mine.read_text(encoding="utf-8").splitlines(), theirs.read_text(encoding="utf-8").splitlines()
    headers = [text for text in a if text.startswith("# ")]
    games, files = len(headers), len({text.split()[1] for text in headers})
    header = ""
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x.startswith("# "):
            header = x
        if x != y:
            at = next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y)))
            start = max(at - 200, 0)
            print(f"DIFFERENT at line {index + 1} ({header[2:]}), character {at + 1}:")
            print(f"  this tree: ...{x[start : at + 200]}\n  reference: ...{y[start : at + 200]}")
            return 1
    if len(a) != len(b):
        print(f"DIFFERENT: {len(a)} lines here, {len(b)} in the reference")
        return 1
    digest = hashlib.sha256("\n".join(a).encode()).hexdigest()[:16]
    print(f"identical: {games} games ({len(a)} lines, sha256 {digest}) over {files} scenario files")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--against", default=None, help="a git revision (default: the merge base of HEAD and main)")
    parser.add_argument("--reference", type=Path, default=None, help="a checkout to compare with, instead of --against")
    parser.add_argument("--games", type=int, default=150, help="seeded games per scenario file (default 150)")
    parser.add_argument("--dump", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.dump is not None:  # the child: play with whatever `game` PYTHONPATH gives
        import game

        expected = Path(os.environ["GOOD_OFFICES_EQUIVALENCE_ROOT"]).resolve()
        if expected not in Path(game.__file__).resolve().parents:
            raise SystemExit(f"imported {game.__file__}, not the engine under {expected}")
        dump(scenario_files(), args.games, args.dump)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if args.reference is not None:
            reference = args.reference.resolve()
        else:
            rev = (
                args.against
                or subprocess.run(
                    ["git", "-C", str(ROOT), "merge-base", "HEAD", "main"], check=True, capture_output=True, text=True
                ).stdout.strip()
            )
            reference = extract(rev, work / "ref")
        run_dump(ROOT, args.games, work / "mine.txt")
        run_dump(reference, args.games, work / "theirs.txt")
        return compare(work / "mine.txt", work / "theirs.txt")


if __name__ == "__main__":
    raise SystemExit(main())
