"""Re-run a log's choices on its scenario and check that every record comes out the same.

Replay is how a log becomes a save: resume replays, then keeps appending; the debrief replays
to simulate alternatives. A log that does not replay exactly (a changed scenario, a hand-edited
line) is reported at the first line that differs.
"""

from __future__ import annotations

import json
from collections.abc import Generator
from typing import Any, TypeVar

from game.diagnostics import Diagnostic, error, shown
from game.engine.logfile import LogContents
from game.engine.session import MoveNotAvailable, Session, moves_on_offer
from game.scenario import codes
from game.scenario.loader import LoadedScenario

IGNORED_HEADER_FIELDS = ("started", "scenario_file", "game_version")


def replay(
    loaded: LoadedScenario, contents: LogContents, *, check_hash: bool = True, unlogged: list[dict[str, Any]] | None = None
) -> tuple[Session | None, list[Diagnostic]]:
    """Replay the log's moves. Records that follow from the last logged move but are missing from
    the log (a session cut off between a decision's lines) are not an error: they are appended
    to `unlogged`, when given, for a resume to write.

    The debrief checks a log the same way while it walks it (`game/debrief/logs.py`), with the
    pieces below: `wrong_scenario`, `unavailable` and `first_difference`."""
    return run_steps(replay_steps(loaded, contents, check_hash=check_hash, unlogged=unlogged))


def replay_steps(
    loaded: LoadedScenario, contents: LogContents, *, check_hash: bool = True, unlogged: list[dict[str, Any]] | None = None
) -> Generator[None, None, tuple[Session | None, list[Diagnostic]]]:
    """`replay` a decision at a time: yields after each, returns what `replay` returns (a window
    spreads a long replay over its frames)."""
    wrong = wrong_scenario(loaded, contents, check_hash=check_hash)
    if wrong is not None:
        return None, [wrong]
    header = contents.header
    produced: list[dict[str, Any]] = []
    session = Session(
        loaded,
        seed=int(header["seed"]),
        trainee=str(header.get("trainee", "")),
        started=str(header.get("started", "")),
        sink=produced.append,
    )
    for index, decision in enumerate(contents.decisions):
        yield
        try:
            session.choose(str(decision["move"]))
        except MoveNotAvailable as exc:
            return None, [unavailable(contents, index, exc, session)]
    mismatch = first_difference(contents, produced)
    if mismatch is not None:
        return None, [mismatch]
    session.attach_sink(None)
    if unlogged is not None:
        unlogged.extend(produced[len(contents.records) :])
    return session, []


T = TypeVar("T")


def run_steps(steps: Generator[None, None, T]) -> T:
    """Run a stepped computation to its end at once and return its result."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            result: T = done.value
            return result


def wrong_scenario(loaded: LoadedScenario, contents: LogContents, *, check_hash: bool = True) -> Diagnostic | None:
    """Why the log cannot be replayed on `loaded` at all (another scenario, another version of
    its file), or None."""
    header = contents.header
    if header.get("scenario_id") != loaded.scenario.id:
        return error(
            codes.LOG_SCENARIO_CHANGED,
            f"the log is of scenario '{header.get('scenario_id')}', but {shown(loaded.file)} is scenario '{loaded.scenario.id}'",
            contents.file,
            1,
            1,
            "pass the scenario the log was played on with --scenario",
        )
    if check_hash and header.get("scenario_sha256") != loaded.sha256:
        return error(
            codes.LOG_SCENARIO_CHANGED,
            f"the scenario file {shown(loaded.file)} is not the version this session was played on",
            contents.file,
            1,
            1,
            "replay needs the exact version of the scenario the session was played on; restore that file or pass it with --scenario",
        )
    return None


def unavailable(contents: LogContents, index: int, exc: MoveNotAvailable, session: Session) -> Diagnostic:
    """The log's decision number `index` (0-based) names a move the replay does not offer; the
    hint lists every move that was on offer there."""
    decision = contents.decisions[index]
    offered = moves_on_offer([move.key for move in session.moves()]) if not session.is_over else "the game had ended"
    return error(
        codes.LOG_MISMATCH,
        f"decision {decision['n']}: {exc}",
        contents.file,
        contents.line_numbers[contents.records.index(decision)],
        1,
        f"the log was edited, or it belongs to another version of the scenario; {offered}",
    )


def first_difference(contents: LogContents, produced: list[dict[str, Any]]) -> Diagnostic | None:
    """The first record the replay produced that the log does not hold exactly, as a located error."""
    for index, (logged, raw) in enumerate(zip(contents.records, produced, strict=False)):
        if logged == raw and logged.get("type") != "header":
            continue  # equal as they stand, so equal once written as JSON and read back too
        fresh = json.loads(json.dumps(raw, ensure_ascii=False, allow_nan=False))
        if logged.get("type") == "header":
            logged = {k: v for k, v in logged.items() if k not in IGNORED_HEADER_FIELDS}
            fresh = {k: v for k, v in fresh.items() if k not in IGNORED_HEADER_FIELDS}
        if logged != fresh:
            field = next((k for k in sorted(set(logged) | set(fresh)) if logged.get(k) != fresh.get(k)), "?")
            return error(
                codes.LOG_MISMATCH,
                f"replay differs from the log at '{field}' ({logged.get('type')} record)",
                contents.file,
                contents.line_numbers[index],
                1,
                "the log was edited, or the scenario's rules changed",
            )
    if len(produced) < len(contents.records):
        line = contents.line_numbers[-1] if contents.line_numbers else 1
        return error(
            codes.LOG_MISMATCH,
            f"replay produced {len(produced)} records, the log has {len(contents.records)}",
            contents.file,
            line,
            1,
            "the log was edited, or the scenario's rules changed; restore the log from a copy",
        )
    return None
