"""`good-offices endings`: replay the author's move files, search simulated play for a route to
every ending, and say which endings are proven, how firmly, and which are not.

Every move file gets a line in a table (expected ending, reached ending, how many other seeds
its moves still reach it with, its debrief score, ok or FAILED); each ending a line with the
move files and simulated sessions that reach it and their score range; each route the search
found its moves (and, with `--write-proofs DIR`, a move file). A progress bar shows on a
terminal only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from game.console import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, complain, load_named, print_diagnostics

if TYPE_CHECKING:
    from game.authoring.endings import Row, Tally
    from game.diagnostics import Diagnostic
    from game.scenario.loader import LoadedScenario


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "endings",
        help="prove that every ending can be reached in play",
        description="Search for sessions that reach each of a scenario's endings and print each route found (its seed and "
        "moves) and how many other seeds it holds on; replay your own move files with --move-files. Exit 1 if an ending is "
        "never reached or a move file does not reach the ending it expects.",
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="a bundled scenario id (see 'good-offices list') or a path to a scenario file")
    parser.add_argument("--playouts", type=int, default=200, help="how many simulated sessions to play (default 200)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the search: the same seed finds the same routes (default 0)")
    parser.add_argument(
        "--move-files",
        "--transcripts",
        dest="transcripts",
        type=Path,
        default=None,
        metavar="DIR",
        help="also replay the move files (*.yaml) in DIR, or this one file (default: none)",
    )
    parser.add_argument(
        "--margin", type=int, default=20, metavar="N", help="replay each route with N other seeds to see if it holds (default 20)"
    )
    parser.add_argument(
        "--write-proofs", type=Path, default=None, metavar="DIR", help="write each route the search found as a move file (default: none)"
    )
    parser.add_argument(
        "--logs", type=Path, default=None, metavar="DIR", help="write each route as a session log in DIR (default: none are written)"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    if args.playouts < 0 or args.margin < 0:
        complain("--playouts and --margin must be 0 or more")
        return EXIT_USAGE
    loaded = load_named(args.scenario)
    if loaded is None:
        return EXIT_ERRORS
    return prove_endings(loaded, args)


def prove_endings(loaded: LoadedScenario, args: argparse.Namespace) -> int:
    from game.authoring.endings import endings_of
    from game.words import count

    problems: list[Diagnostic] = []
    rows = [_row(loaded, path, args.margin, problems) for path in transcript_files(loaded, args.transcripts)]
    tallies = _search(loaded, args)
    print_diagnostics(problems)
    endings = endings_of(loaded)
    print(
        f"{loaded.scenario.title}: {count(len(endings), 'ending')}; {count(len(rows), 'move file')},"
        f" {count(args.playouts, 'simulated session')} (seed {args.seed})"
    )
    if rows:
        _print_table(rows, args.margin)
    unproven = _print_endings(loaded, endings, rows, tallies, args.playouts)
    if tallies:
        _print_routes(loaded, tallies, args.margin)
    written = True
    if args.write_proofs is not None:
        written = _write_proofs(loaded, tallies, args)
    if args.logs is not None:
        written = _write_logs(loaded, rows, tallies, Path(args.logs)) and written
    failed = [row for row in rows if not row.ok]
    if unproven:
        searched = f"{args.playouts} simulated sessions" + (" and the move files" if rows else "")
        print(
            f"{len(unproven)} ending(s) not reached by {searched}. Write a move file that reaches each "
            "(docs/authoring.md, 'Proving the endings'), or check the conditions on the way to it."
        )
    if failed:
        print(f"{count(len(failed), 'move file')} FAILED: see the table and the messages above.")
    return EXIT_ERRORS if unproven or failed or problems or not written else EXIT_OK


def transcript_files(loaded: LoadedScenario, given: Path | None) -> list[Path]:
    """The move files given, plus those in the `<scenario>.proofs/` folder beside the file."""
    files: list[Path] = []
    if loaded.folder is not None:
        files += sorted((loaded.folder / f"{Path(loaded.file).stem}.proofs").glob("*.yaml"))
    if given is not None:
        files += sorted(given.glob("*.yaml")) if given.is_dir() else [given]
    return list(dict.fromkeys(files))


def _row(loaded: LoadedScenario, path: Path, others: int, problems: list[Diagnostic]) -> Row:
    from game.authoring.endings import Row, Witness, margin, no_ending_problem, route_score
    from game.authoring.movefile import expectation_problem, play_moves, read_move_file, scenario_problem

    moves, found = read_move_file(path)
    problems += found
    if moves is None:
        return Row(None, path.name)
    row = Row(moves, moves.name)
    wrong = scenario_problem(loaded, moves)
    if wrong is not None:
        problems.append(wrong)
        return row
    played = play_moves(loaded, moves)
    row.reached = played.session.state.ending  # also when moves are left over after it
    missed = played.problem or expectation_problem(loaded, moves, played) or no_ending_problem(moves, played)
    if missed is not None:
        problems.append(missed)
    row.ok = missed is None
    if row.reached is not None and played.problem is None:
        row.held = margin(loaded, Witness(row.reached, moves.seed, moves.moves, moves.file), others)
        row.score = route_score(loaded, moves.seed, moves.moves)
    return row


def _search(loaded: LoadedScenario, args: argparse.Namespace) -> dict[str, Tally]:
    if not args.playouts:
        return {}
    from tqdm import tqdm

    from game.authoring.endings import survey

    with tqdm(
        total=args.playouts, desc="simulated sessions", unit=" sessions", file=sys.stderr, disable=not sys.stderr.isatty(), leave=False
    ) as bar:
        return survey(loaded, playouts=args.playouts, seed=args.seed, progress=lambda done: bar.update(done - bar.n))


def _print_table(rows: list[Row], others: int) -> None:
    from game.diagnostics import shown

    header = ("move file", "expected", "reached", f"holds (of {others} seeds)", "score", "result")
    cells = [
        (
            shown(row.file),
            shown(row.moves.expect or "-") if row.moves else "?",
            row.reached or "-",
            "-" if row.held is None else str(row.held),
            "-" if row.score is None else str(row.score),
            "ok" if row.ok else "FAILED",
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(len(header))]
    print()
    for line in [header, *cells]:
        print("  " + "  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip())


def _print_endings(loaded: LoadedScenario, endings: list[str], rows: list[Row], tallies: dict[str, Tally], playouts: int) -> list[str]:
    from game.words import count

    phases = loaded.scenario.phases.phases
    unproven = []
    print("\nEndings:")
    for ending in endings:
        phase = phases[ending]
        grade = phase.ending.grade if phase.ending else ""
        files = [row for row in rows if row.ok and row.reached == ending]
        tally = tallies.get(ending)
        if not files and tally is None:
            unproven.append(ending)
            print(f"  NOT REACHED  {ending} [{grade}] {phase.title}")
            continue
        by = []
        if files:
            by.append(count(len(files), "move file"))
        if tally is not None:
            by.append(f"{tally.playouts} of {playouts} simulated sessions")
        scores = [row.score for row in files if row.score is not None] + (tally.scores if tally else [])
        spread = f"; scores {min(scores)}-{max(scores)}" if scores else ""
        print(f"  reached      {ending} [{grade}] {phase.title}: {' and '.join(by)}{spread}")
    return unproven


def _print_routes(loaded: LoadedScenario, tallies: dict[str, Tally], others: int) -> None:
    from game.authoring.endings import margin

    width = min(shutil.get_terminal_size((100, 24)).columns, 120)
    print(
        "\nRoutes found by simulated play (the first to reach each ending;"
        f" 'holds with': how many of {others} other seeds the same moves still reach it with):"
    )
    for ending, tally in tallies.items():
        witness = tally.witness
        held = margin(loaded, witness, others)
        print(f"  {ending}: seed {witness.seed}, {len(witness.moves)} decisions, holds with {held} of {others}")
        print(textwrap.fill(" ".join(witness.moves), width, initial_indent="      ", subsequent_indent="      ", break_on_hyphens=False))


def _write_proofs(loaded: LoadedScenario, tallies: dict[str, Tally], args: argparse.Namespace) -> bool:
    """Each route the search found as `DIR/ENDING.yaml`, never over an existing file; False when
    the folder or a file cannot be written."""
    from game.authoring.movefile import move_file_text
    from game.diagnostics import shown

    folder = Path(args.write_proofs)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"{shown(os.fspath(folder))}: cannot create the folder: {exc.strerror or exc}", file=sys.stderr)
        return False
    written, ok = 0, True
    for ending, tally in tallies.items():
        witness = tally.witness
        path = folder / f"{ending}.yaml"
        comments = (
            f"Scenario: {loaded.scenario.title} ({loaded.scenario.id})",
            f"Ending: {ending}, after {len(witness.moves)} decisions",
            f"Found by: good-offices endings --seed {args.seed} --playouts {args.playouts} (simulated play)",
        )
        text = move_file_text(loaded, witness.seed, witness.moves, expect=ending, comments=comments)
        try:
            with open(path, "x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            print(f"{shown(os.fspath(path))}: already exists; kept as it is", file=sys.stderr)
            continue
        except OSError as exc:
            print(f"{shown(os.fspath(path))}: cannot write: {exc.strerror or exc}", file=sys.stderr)
            ok = False
            continue
        written += 1
    print(f"\nMove files of the routes: {written} written in {shown(os.fspath(folder))}")
    return ok


def _write_logs(loaded: LoadedScenario, rows: list[Row], tallies: dict[str, Tally], folder: Path) -> bool:
    """Each ending's first route (a move file's, else the search's) as a session log, never over
    an existing file (a log may be a trainee's only record); False when the folder or a log
    cannot be written (said on one line)."""
    from game.debrief.scripted import play_script
    from game.diagnostics import shown

    routes = {row.reached: (row.moves.seed, row.moves.moves) for row in reversed(rows) if row.ok and row.moves and row.reached}
    for ending, tally in tallies.items():
        routes.setdefault(ending, (tally.witness.seed, tally.witness.moves))
    written = 0
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for ending, (seed, moves) in routes.items():
            path = folder / f"{loaded.scenario.id}-{ending}.jsonl"
            if path.exists():
                print(f"{shown(os.fspath(path))}: already exists; kept as it is", file=sys.stderr)
                continue
            play_script(loaded, list(moves), seed=seed, trainee="witness", log=path)
            written += 1
    except OSError as exc:
        print(f"{shown(os.fspath(folder))}: cannot write the session logs: {exc.strerror or exc}", file=sys.stderr)
        return False
    if routes:
        print(f"Session logs of the routes: {written} written in {shown(os.fspath(folder))} (replay or debrief them)")
    return True
