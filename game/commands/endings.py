"""`good-offices endings`: search for witnesses of every ending, replay the author's
transcripts, and say which endings are proven and which are not."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from game.console import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, complain, load_named, print_diagnostics

if TYPE_CHECKING:
    from game.authoring.endings import Witness
    from game.diagnostics import Diagnostic
    from game.scenario.loader import LoadedScenario


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser("endings", help="prove that every ending can be reached in play")
    parser.add_argument("scenario", metavar="SCENARIO", help="a bundled scenario id or a path to a scenario file")
    parser.add_argument("--playouts", type=int, default=200, help="how many simulated sessions to try at most (default 200)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the search (the same seed finds the same witnesses)")
    parser.add_argument("--transcripts", type=Path, default=None, metavar="DIR", help="also replay the transcripts (*.yaml) in DIR")
    parser.add_argument("--logs", type=Path, default=None, metavar="DIR", help="write each witness as a session log in DIR")
    return parser


def run(args: argparse.Namespace) -> int:
    if args.playouts < 0:
        complain("--playouts must be 0 or more")
        return EXIT_USAGE
    loaded = load_named(args.scenario)
    if loaded is None:
        return EXIT_ERRORS
    return prove_endings(loaded, args)


def prove_endings(loaded: LoadedScenario, args: argparse.Namespace) -> int:
    from game.authoring.endings import endings_of, read_transcript, search

    witnesses: dict[str, Witness] = {}
    problems: list[Diagnostic] = []
    for path in transcript_files(loaded, args.transcripts):
        witness, found = read_transcript(path, loaded)
        problems += found
        if witness is not None:
            witnesses.setdefault(witness.ending, witness)
    missing = [e for e in endings_of(loaded) if e not in witnesses]
    if missing and args.playouts:
        for ending, witness in search(loaded, playouts=args.playouts, seed=args.seed).items():
            witnesses.setdefault(ending, witness)
    print_diagnostics(problems)
    phases = loaded.scenario.phases.phases
    unproven = []
    print(f"{loaded.scenario.title}: {len(endings_of(loaded))} endings")
    for ending in endings_of(loaded):
        phase = phases[ending]
        grade = phase.ending.grade if phase.ending else ""
        witness = witnesses.get(ending)
        if witness is None:
            unproven.append(ending)
            print(f"  NOT REACHED  {ending} [{grade}] {phase.title}")
            continue
        how = "simulated play" if witness.source == "search" else f"{Path(witness.source).parent.name}/{Path(witness.source).name}"
        print(f"  reached      {ending} [{grade}] {phase.title}: seed {witness.seed}, {len(witness.moves)} decisions ({how})")
        if args.logs is not None:
            _write_log(loaded, witness, Path(args.logs))
    if args.logs is not None and witnesses:
        print(f"Session logs of the witnesses: {args.logs} (replay or debrief them)")
    if unproven:
        searched = f"{args.playouts} simulated sessions" + (" and the transcripts" if transcript_files(loaded, args.transcripts) else "")
        print(
            f"{len(unproven)} ending(s) not reached by {searched}. Write a transcript that reaches each "
            "(docs/authoring.md, 'Proving the endings'), or check the conditions on the way to it."
        )
        return EXIT_ERRORS
    return EXIT_ERRORS if problems else EXIT_OK


def transcript_files(loaded: LoadedScenario, given: Path | None) -> list[Path]:
    """The transcripts given, plus those in the `<scenario>.proofs/` folder beside the file."""
    files: list[Path] = []
    if loaded.folder is not None:
        files += sorted((loaded.folder / f"{Path(loaded.file).stem}.proofs").glob("*.yaml"))
    if given is not None:
        files += sorted(given.glob("*.yaml")) if given.is_dir() else [given]
    return list(dict.fromkeys(files))


def _write_log(loaded: LoadedScenario, witness: Witness, folder: Path) -> None:
    from game.debrief.scripted import play_script

    folder.mkdir(parents=True, exist_ok=True)
    play_script(
        loaded, list(witness.moves), seed=witness.seed, trainee="witness", log=folder / f"{loaded.scenario.id}-{witness.ending}.jsonl"
    )
