"""Thousands of seeded random playthroughs of every bundled scenario, checked end to end.

    python tools/soak.py                 # 10,000 playthroughs per bundled scenario
    python tools/soak.py --games 500     # fewer
    python tools/soak.py --scenario path/to/file.yaml

For each playthrough (random moves drawn from the playthrough's own seed; one in four games starts
careful, so back channels, meetings and the late practices are reached too):
- no exception in the engine;
- the written log replays exactly (`engine/replay.py`), as a save file must;
- a fork taken at a random decision plays exactly like the original from there on;
- every decision is judged by the rules table: no exception, no two rules giving opposite
  verdicts on one principle for one decision, every finding worded with a known source.

Prints one line per scenario with counts and endings, and exits 1 on the first failure, naming
the scenario, the seed and the decision. `tests/test_soak.py` runs a sample of this in the suite.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.debrief.judging import judge_move, make_decision, to_findings  # noqa: E402
from game.engine.logfile import parse_log  # noqa: E402
from game.engine.replay import replay  # noqa: E402
from game.engine.session import Session  # noqa: E402
from game.scenario.loader import LoadedScenario, load_scenario  # noqa: E402

LIMIT = 80
CAREFUL_FIRST = ("approach", "relay", "propose_venue", "convene", "offer_step", "probe", "prepare_disclosure")


class SoakFailure(Exception):
    pass


def _pick(session: Session, chooser: random.Random, careful: bool) -> Any:
    moves = session.moves()
    if careful and chooser.random() < 0.7:
        preferred = [m for m in moves if m.verb in CAREFUL_FIRST and not m.key.endswith((":distorted", ":publish", ":withhold"))]
        if preferred:
            return chooser.choice(preferred)
    return chooser.choice(moves)


def playthrough(loaded: LoadedScenario, seed: int) -> str:
    """Play, replay, fork and judge one game; the ending reached. Raises SoakFailure."""
    records: list[dict[str, Any]] = []
    session = Session(loaded, seed=seed, sink=records.append)
    chooser = random.Random(f"soak:{seed}")
    careful = seed % 4 == 0
    fork_at = chooser.randrange(1, 30)
    fork = None
    fork_moves: list[str] = []
    previous = None
    while not session.is_over and session.state.decisions < LIMIT:
        if session.state.decisions == fork_at:
            fork = session.fork()
        before = session.state.copy()
        offered = tuple(session.moves())
        move = _pick(session, chooser, careful)
        outcome = session.choose(move)
        if fork is not None:
            fork_moves.append(move.key)
        decision = make_decision(loaded, session.state.decisions, before, session.state, outcome, offered, previous)
        _check_judgement(decision, seed)
        previous = decision
    _check_replay(loaded, records, seed)
    if fork is not None:
        for key in fork_moves:
            fork.choose(key)
        if fork.state != session.state:
            raise SoakFailure(f"seed {seed}: a fork taken at decision {fork_at} ended in a different state")
    return session.state.ending or "unfinished"


def _check_judgement(decision: Any, seed: int) -> None:
    judged = judge_move(decision)
    verdicts: dict[str, set[str]] = {}
    for j in judged:
        verdicts.setdefault(j.principle, set()).add("for" if j.verdict == "honoured" else "against")
    clash = [p for p, v in verdicts.items() if len(v) > 1]
    if clash:
        raise SoakFailure(f"seed {seed}, decision {decision.number} ({decision.move.key}): opposite verdicts on {clash}")
    for finding in to_findings(decision, judged):
        if "{" in finding.explanation or not finding.source:
            raise SoakFailure(f"seed {seed}, decision {decision.number}: badly worded finding {finding.rule}")


def _check_replay(loaded: LoadedScenario, records: list[dict[str, Any]], seed: int) -> None:
    raw = "".join(json.dumps(r, sort_keys=True) + "\n" for r in records).encode()
    contents, problems = parse_log(raw, f"soak-{seed}.jsonl")
    if contents is None:
        raise SoakFailure(f"seed {seed}: the log does not parse: {problems[0].render() if problems else '?'}")
    replayed, problems = replay(loaded, contents)
    if replayed is None:
        raise SoakFailure(f"seed {seed}: the log does not replay: {problems[0].render() if problems else '?'}")


def soak(path: Path, games: int) -> tuple[Counter[str], float]:
    loaded, problems = load_scenario(path)
    if loaded is None:
        raise SoakFailure(f"{path}: does not load: {problems[0].render()}")
    endings: Counter[str] = Counter()
    started = time.perf_counter()
    for seed in range(games):
        endings[playthrough(loaded, seed)] += 1
    return endings, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=10_000)
    parser.add_argument("--scenario", action="append", type=Path)
    args = parser.parse_args(argv)
    paths = args.scenario or sorted((ROOT / "scenarios").glob("*.yaml"))
    for path in paths:
        try:
            endings, seconds = soak(path, args.games)
        except SoakFailure as failure:
            print(f"{path.name}: FAILED: {failure}")
            return 1
        summary = ", ".join(f"{name} {count}" for name, count in endings.most_common())
        print(f"{path.name}: {args.games} playthroughs in {seconds:.1f} s, all replayed, forked and judged; endings: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
