"""`good-offices playtest SCENARIO`: many seeded sessions under a few policies, per ending how
often it comes and with what debrief score, and how each proof holds under other seeds.

The table goes to the terminal; `--format json|html` prints JSON or an HTML page instead
(`-o FILE` writes it to a file), and `--json FILE` / `--html FILE` write those besides the
table. A progress bar shows on a terminal only. Exit codes: 0 done, 1 the scenario (or an
output file) is bad, 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from game.console import EXIT_ERRORS, EXIT_OK, emit, load_named

if TYPE_CHECKING:
    from game.authoring.playtest import PlaytestReport, Proof
    from game.scenario.loader import LoadedScenario

__all__ = ["add_parser", "run"]
MAX_SESSIONS = 100_000


def _positive(limit: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if not 1 <= value <= limit:
            raise argparse.ArgumentTypeError(f"give a number from 1 to {limit}")
        return value

    return parse


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "playtest",
        help="play many seeded sessions under a few policies: how often each ending comes, its scores, how robust each proof is",
        description="Play seeded sessions of a scenario as a principled, a careless and a random envoy and with each proof's "
        "moves under every seed; report per ending how often each reaches it and its debrief scores, and per proof on how "
        "many seeds it holds.",
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="a bundled scenario id or a path to a scenario file")
    parser.add_argument(
        "--sessions", type=_positive(MAX_SESSIONS), default=200, metavar="N", help="sessions per policy and per proof (default 200)"
    )
    parser.add_argument("--seed", type=_seed, default=1, metavar="BASE", help="session i plays game seed BASE + i (default 1)")
    parser.add_argument(
        "--jobs", type=_positive(64), default=os.cpu_count() or 1, metavar="N", help="worker processes (default: one per core)"
    )
    parser.add_argument("--format", choices=("text", "json", "html"), default="text", help="what to print (default: a table)")
    parser.add_argument(
        "-o", "--output", type=Path, default=None, metavar="FILE", help="write the --format output to FILE (default: the screen)"
    )
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write the report as JSON to FILE (default: none)")
    parser.add_argument(
        "--html", type=Path, default=None, metavar="FILE", help="also write the report as an HTML page to FILE (default: none)"
    )
    parser.add_argument(
        "--move-files",
        "--transcripts",
        dest="transcripts",
        type=Path,
        default=None,
        metavar="DIR",
        help="more move files (*.yaml) to play as proofs (default: only those in <scenario>.proofs/)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    import json

    from game.authoring.playtest import read_proofs
    from game.authoring.playtest_report import render_html, render_text, to_json
    from game.commands.endings import transcript_files

    loaded = load_named(args.scenario)
    if loaded is None:
        return EXIT_ERRORS
    proofs = read_proofs(loaded, transcript_files(loaded, args.transcripts))
    for proof in proofs:
        if proof.problem:
            print(proof.problem, file=sys.stderr)
    report = _play(loaded, proofs, args)
    renderers: dict[str, Callable[[PlaytestReport], str]] = {
        "text": render_text,
        "json": lambda r: json.dumps(to_json(r), indent=2, ensure_ascii=False) + "\n",
        "html": render_html,
    }
    status = emit(args.output, renderers[args.format](report))
    for extra, fmt in ((args.json, "json"), (args.html, "html")):
        if extra is not None and status == EXIT_OK:
            status = emit(extra, renderers[fmt](report))
    return status


def _play(loaded: LoadedScenario, proofs: list[Proof], args: argparse.Namespace) -> PlaytestReport:
    from tqdm import tqdm

    from game.authoring.playtest import playtest, task_count

    total = task_count(args.sessions, proofs)
    with tqdm(total=total, unit="session", desc="playtest", file=sys.stderr, disable=not sys.stderr.isatty(), leave=False) as bar:
        return playtest(loaded, sessions=args.sessions, base_seed=args.seed, proofs=proofs, jobs=args.jobs, progress=bar.update)
