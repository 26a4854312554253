"""Review by search: every decision valued by the outcomes it could be expected to lead to.

As a chess engine reviews a game, the debrief goes back to each decision, forks the session
there (`Session.fork(seed=...)`) and plays every move that was on offer forward over several
simulated continuations, each with its own random draws, to the ending or a horizon. After the
candidate move the careful envoy of `policy.py` makes every move. The average value of those
continuations is the move's **expected outcome** (0 to 100). The review of a decision is:

- the expected outcome of the move made, and of the **best** move on offer among those the rules
  judge to breach nothing and miss nothing at that decision (`judge_move`, the same rules that
  judged the trainee) and that the careful envoy could make (`policy.avoided`: belt and braces,
  so a gap in the rules table can never make a distortion the benchmark); a breach is never the
  benchmark;
- the **loss**, best minus made (never below 0), and its **class** (`model.CLASS_THRESHOLDS`),
  taken from the loss less what chance alone could make of it (`continuations.chance_spread`;
  a close call is first played on further: `_confirmed`);
- the **stronger move**: the best such move other than the one made, shown with its numbers
  when it is at least `MARGIN` better. When the move made breached or missed something and a
  move that corrects it directly (the same message delivered faithfully, a neutral venue, the
  mandate asked for, ...: `corrects`) is within `MARGIN` of the best, that corrective is shown
  instead: within the noise of the search they are equally good, and the corrective is the
  lesson.

Values: an ending is worth its grade (success 100, partial 70, stalemate 40, failure 0: an
ending in failure has lost everything the envoy could still save, so it counts nothing, where
the overall score's 10 is a floor for conduct). No conduct is blended in: the move's own
conduct is judged by the findings and filters the stronger move, and the continuations are all
played by the same principled envoy, so judging every continuation would only add noise and
cost. A continuation still open at the horizon is valued from its state: the grade of the
ending the clock would give (`on_timeout`), shading into the grade of the escalation ending as
escalation climbs from 50 to 100. Consent rungs, the mandate's width, trust or meetings are
never valued for their own sake: they count only through the endings they lead to.

Cost: every candidate first gets `first_round` continuations; only the move made, the best few,
the careful envoy's own move and the best corrective get all of them (successive halving). The
decisions are spread over two worker processes where there are cores for them
(`PendingReview`); the result never depends on how many.

Seeds: continuation i of decision n plays with seed `SEED_BASE * n + i`, so the same log always
gives the same review, the same position is always valued the same way, and every candidate
at a decision meets the same draws (common random numbers: the differences between moves are
not drowned by luck). A candidate whose first continuation made no draw that could go either
way is valued exactly by that one line, since every seed would play it the same.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from game.debrief.continuations import (
    Candidate,
    Judge,
    chance_spread,
    continuation_seeds,
    ended,
    extend,
    verify_seeds,
)
from game.debrief.decision import Decision
from game.debrief.judging import make_decision
from game.debrief.model import Alternative, MoveReview, classify
from game.debrief.policy import avoided, careful_move
from game.debrief.rules.situation import join
from game.engine.machines import Machines
from game.engine.outcome import Move
from game.engine.session import Session
from game.principles import catalogue
from game.scenario.loader import LoadedScenario

MARGIN = 10.0
"""A stronger move is shown only when its expected outcome beats the move made by this much
(the inaccuracy threshold); a corrective of a wrong move is preferred to the best when it is
within this much of it."""
DELIVERIES = ("agreed", "softened", "verbatim")


@dataclass(frozen=True)
class SearchSettings:
    """How hard the review searches.

    Every candidate is first played on `first_round` continuations; then the move made, the
    `finalists` best candidates, the careful envoy's own move and the best move that corrects
    the one made go on to `continuations` in all (successive halving: a move far behind after
    the first round does not get the rest). With `first_round` 0 only those last three are
    played at all. At most `horizon` decisions are played after the candidate. `workers`:
    processes to spread the decisions over (None: one per core, at most 2; 1: this process
    only); the result never depends on it.
    """

    continuations: int = 8
    first_round: int = 2
    finalists: int = 4
    horizon: int = 30
    workers: int | None = None
    label: str = "full"
    confirm: int = 32
    """Continuations in all for the move made, the best and the stronger move at a close call:
    a loss or a stronger move that chance alone could explain is played on further before it
    is called anything (`_confirmed`)."""

    def describe(self) -> dict[str, int | str]:
        return {
            "search": self.label,
            "continuations": self.continuations,
            "first_round": self.first_round,
            "finalists": self.finalists,
            "horizon": self.horizon,
            "confirm": self.confirm,
        }


FULL = SearchSettings()
REDUCED = SearchSettings(continuations=3, first_round=0, finalists=0, horizon=30, workers=1, label="reduced", confirm=8)
"""The class report's search: no first round; the move made is compared with the careful
envoy's own move and the move that corrects it, on three continuations each. Enough to count
blunders and mistakes across a class; it can only underestimate a loss."""


# -- one candidate ---------------------------------------------------------------------------------
# -- one decision ----------------------------------------------------------------------------------
def review_position(base: Session, number: int, made_key: str, previous: Decision | None, settings: SearchSettings = FULL) -> MoveReview:
    """The review of decision `number`, taken from `base` (a session at that decision, which
    this leaves untouched) where the trainee chose `made_key`."""
    loaded = base.loaded
    offered = tuple(base.moves())
    keys = frozenset(m.key for m in offered)
    judge = Judge(base, number, offered, previous)
    candidates = [Candidate(m, i, judge, avoided(loaded.scenario, base.state, m, keys)) for i, m in enumerate(offered)]
    made = next(c for c in candidates if c.move.key == made_key)
    careful_key = careful_move(loaded, base.state, offered).key
    careful = [c for c in candidates if c.move.key == careful_key]
    if settings.first_round:
        benchmark = [c for c in candidates if c.clean] or [c for c in candidates if not c.avoided and not c.breached]
        fixes = [c for c in benchmark if c is not made and corrects(loaded, made, c)] if made.wrong else []
        searched = list(dict.fromkeys([made, *benchmark]))
    else:  # reduced: only the move made, the careful envoy's move and the first corrective
        fixes = [c for c in candidates if c is not made and corrects(loaded, made, c) and c.clean][:1] if made.wrong else []
        benchmark = [c for c in dict.fromkeys([*careful, *fixes]) if c.clean]
        searched = list(dict.fromkeys([made, *benchmark]))
    seeds = continuation_seeds(number, settings.continuations)
    for candidate in searched:
        extend(base, candidate, seeds, settings.first_round, settings.horizon)
    ranked = _ranked(benchmark, made)
    fixes = sorted(fixes, key=lambda c: (-c.value, _delivery_rank(c.move), c.index))
    picked = [c for c in careful if c in benchmark]
    finalists = list(dict.fromkeys([made, *ranked[: settings.finalists], *picked, *fixes[:1]]))
    for candidate in finalists:
        extend(base, candidate, seeds, settings.continuations, settings.horizon)
    # only moves played on every continuation can be the best or the stronger move
    contenders = _ranked([c for c in benchmark if c in finalists], made)
    best = contenders[0] if contenders else made
    pick = _pick(loaded, made, [c for c in contenders if c is not made])
    if settings.first_round:
        made, best, pick = _measured_again(base, number, (made, best, pick), settings)
        best = _ranked([c for c in (best, pick) if c is not None], made)[0]
    if best is not made and best.value <= made.value:
        best = made  # measured again, the winner of the search did no better than the move made
    count = _confirmed(base, number, (made, best, pick), settings)
    if best is not made and best.value <= made.value:
        best = made  # played on further, the best did no better than the move made
    loss = max(best.value - made.value, 0.0)
    chance = chance_spread(made, best) if best is not made else 0.0
    stronger = _alternative(number, made, pick, best, settings, count)
    return MoveReview(
        decision=number,
        move_key=made_key,
        expected=round(made.value, 1),
        best=round(best.value, 1),
        best_key=best.move.key,
        best_label=best.move.label,
        loss=round(loss, 1),
        classification=classify(round(loss, 1) - round(chance, 1)),
        stronger=stronger,
        endings=made.ending_counts(count),
        best_endings=best.ending_counts(count),
        continuations=count,
        candidates=len(searched),
        breached=made.breached,
        chance=round(chance, 1),
    )


def _close_call(made: Candidate, other: Candidate | None) -> bool:
    """`other` would be called better than the move made, but chance alone could be why."""
    if other is None or other is made:
        return False
    gap = other.value - made.value
    return gap >= MARGIN and classify(gap - chance_spread(made, other)) != classify(gap)


def _confirmed(base: Session, number: int, chosen: tuple[Candidate, Candidate, Candidate | None], settings: SearchSettings) -> int:
    """Play the move made, the best and the stronger move on to `settings.confirm`
    continuations in all when chance alone could explain a loss or a stronger move (on the
    same seeds as their first ones, so still on equal dice), and return how many continuations
    the figures now rest on.

    Where the endings vary, the difference between two moves over eight continuations moves
    by 15 to 20 points (one standard error) with the dice alone: a loss of 15 there is as
    likely luck as a worse move. Played on further,
    the figures a trainee reads rest on more continuations exactly where the verdict depends
    on them; elsewhere the first ones suffice."""
    made, best, pick = chosen
    if _close_call(made, best) or _close_call(made, pick):
        seeds = verify_seeds(number, settings.confirm) if settings.first_round else continuation_seeds(number, settings.confirm)
        for candidate in dict.fromkeys(c for c in chosen if c is not None):
            extend(base, candidate, seeds, settings.confirm, settings.horizon)
    played = [len(c.values) for c in chosen if c is not None and not c.exact]
    return max([settings.continuations, *played])


def _ranked(candidates: list[Candidate], made: Candidate) -> list[Candidate]:
    """Best first; ties go to the move made, then to the gentler delivery of a message, then to
    the order the moves were offered in."""
    return sorted(candidates, key=lambda c: (-c.value, c is not made, _delivery_rank(c.move), c.index))


def _pick(loaded: LoadedScenario, made: Candidate, others: list[Candidate]) -> Candidate | None:
    """The stronger move to show, chosen on the search's continuations: the best of the others,
    or a move that puts right what the one made got wrong when it is within MARGIN of the best."""
    if not others:
        return None
    pick = others[0]
    if made.wrong:
        fixes = sorted((c for c in others if corrects(loaded, made, c)), key=lambda c: (-c.value, _delivery_rank(c.move), c.index))
        if fixes and fixes[0].value >= pick.value - MARGIN:
            pick = fixes[0]
    return pick


def _measured_again(
    base: Session, number: int, chosen: tuple[Candidate, Candidate, Candidate | None], settings: SearchSettings
) -> tuple[Candidate, Candidate, Candidate | None]:
    """The move made, the best move and the stronger move, each played again on fresh
    continuations (the same ones for all three, so they are compared on equal dice).

    The best of a dozen moves, each measured on eight continuations, is the one the dice
    favoured as much as the one that is better: its measure is biased upwards (the winner's
    curse), and an honest move was called a blunder against a move no better than it. A winner
    measured again on continuations that played no part in choosing it has no such bias."""
    seeds = verify_seeds(number, settings.continuations)
    again: dict[int, Candidate] = {}
    for candidate in chosen:
        if candidate is None or id(candidate) in again:
            continue
        fresh = Candidate(candidate.move, candidate.index, candidate.judge, candidate.avoided, _judged=candidate._judged)
        extend(base, fresh, seeds, settings.continuations, settings.horizon)
        again[id(candidate)] = fresh
    made, best, pick = chosen
    return again[id(made)], again[id(best)], again[id(pick)] if pick is not None else None


def _alternative(
    number: int, made: Candidate, pick: Candidate | None, best: Candidate, settings: SearchSettings, count: int
) -> Alternative | None:
    """The stronger move, when it beats the move made by MARGIN more than chance alone could."""
    if pick is None or pick.value - made.value - chance_spread(made, pick) < MARGIN:
        return None
    return Alternative(
        decision=number,
        move_key=pick.move.key,
        move_label=pick.move.label,
        text=_describe(pick, made, settings, count, best=best if best is not made else None),
        margin=round(pick.value - made.value, 1),
        expected=round(pick.value, 1),
        instead_of=round(made.value, 1),
    )


def _delivery_rank(move: Move) -> int:
    """Among equally good deliveries of a message: the wording the sender agreed, then softened,
    then word for word."""
    mode = move.mode if move.verb == "relay" else ""
    return DELIVERIES.index(mode) if mode in DELIVERIES else len(DELIVERIES)


def corrects(loaded: LoadedScenario, made: Candidate, candidate: Candidate) -> bool:
    """Whether `candidate` puts right what was wrong with the move made, on the same matter:
    the same message delivered faithfully; a venue on neutral ground; the mandate asked for, or
    the parties' own proposals carried, instead of a formula; the meeting convened with
    simultaneous invitations; a scenario choice that honours what the one made breached; else
    another move of the same verb."""
    move, other = made.move, candidate.move
    if move.verb == "relay":
        return other.verb == "relay" and other.target == move.target and other.mode in DELIVERIES
    if move.verb == "propose_venue":
        if other.verb != "propose_venue":
            return False
        venue = loaded.scenario.venues[other.target]
        return venue.territory is None and venue.neutrality >= 50
    if move.verb == "propose_formula":
        return other.verb == "request_mandate" or (other.verb == "relay" and other.mode in DELIVERIES)
    if move.verb == "convene":
        return other.key == "convene:talks"
    if move.verb == "choice":
        if other.verb != "choice":
            return False
        wronged = {j.principle for j in made.judged if j.verdict != "honoured"}
        notes = loaded.scenario.choices[other.target].annotations
        return any(n.principle in wronged and n.verdict == "honoured" for n in notes)
    if move.verb == "public_statement":
        return other.key == "public_statement:restraint"
    return other.verb == move.verb


# -- words ----------------------------------------------------------------------------------------
def points(value: float) -> str:
    return f"{int(value + 0.5)}"


def _describe(pick: Candidate, made: Candidate, settings: SearchSettings, n: int, best: Candidate | None = None) -> str:
    """The stronger move in words. When it is not the best move on offer (a move that puts right
    what the one made got wrong is preferred within MARGIN of the best), the best is named too, so
    the review line above it and this one do not seem to disagree."""
    text = f"{pick.move.label}: expected outcome {points(pick.value)} instead of {points(made.value)}."
    if best is not None and best is not pick:
        text += (
            f" It puts right, on the same matter, what your move got wrong; the best move on offer, "
            f"{best.move.label}, could be expected to lead to {points(best.value)}."
        )
    if not made.wrong and made.judged:
        text += " Your move was sound by the rules; this one was stronger in what it led to."
    text += (
        f" Played on from this position by a careful envoy over {n} simulated continuations, it "
        f"{ended(pick, n, settings.horizon)}; your move {ended(made, n, settings.horizon)}."
    )
    names = catalogue()
    served = list(dict.fromkeys(names[j.principle].name.lower() for j in pick.judged if j.verdict == "honoured"))
    if served:
        text += f" By the same rules it would have honoured {join(served)}."
    return text


# -- a whole session -------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Job:
    loaded: LoadedScenario
    machines: Machines
    seed: int
    keys: tuple[str, ...]
    settings: SearchSettings


def review_decisions(job: _Job, wanted: frozenset[int]) -> list[MoveReview]:
    """Replay the session and review the decisions whose numbers are in `wanted`."""
    loaded = job.loaded
    session = Session(loaded, seed=job.seed, machines=job.machines)
    previous: Decision | None = None
    found = []
    for number, key in enumerate(job.keys, start=1):
        if session.is_over or number > max(wanted, default=0):
            break
        if number in wanted:
            found.append(review_position(session.fork(), number, key, previous, job.settings))
        before = session.state.copy()
        offered = tuple(session.moves())
        outcome = session.choose(key)
        previous = make_decision(loaded, number, before, session.state, outcome, offered, previous)
    return found


WORKER_CPU: list[float] = []
"""CPU seconds of each worker of the last review that used workers (read by the benchmark)."""


class PendingReview:
    """A review started in worker processes (or deferred, with one worker): `result()` waits.
    `cpu` then holds the CPU seconds each worker spent (for `tools/bench_debrief.py`)."""

    def __init__(self, job: _Job) -> None:
        self._job = job
        self._futures: list[Future[tuple[list[MoveReview], float]]] = []
        self._pool: ProcessPoolExecutor | None = None
        self.cpu: list[float] = []
        workers = _workers(job.settings, len(job.keys))
        if workers > 1:
            try:
                self._pool = ProcessPoolExecutor(
                    workers, mp_context=multiprocessing.get_context("fork"), initializer=_adopt, initargs=(job, os.getpid())
                )
                # interleaved, so each worker gets early (long) and late (short) decisions alike
                shares = [frozenset(range(first, len(job.keys) + 1, workers)) for first in range(1, workers + 1)]
                self._futures = [self._pool.submit(_review_share, share) for share in shares]
            except (OSError, NotImplementedError):  # no processes to be had here: this process does it all
                self._close()

    def result(self) -> list[MoveReview]:
        if self._pool is None:
            return review_decisions(self._job, frozenset(range(1, len(self._job.keys) + 1)))
        try:
            done = [future.result() for future in self._futures]
        except BrokenProcessPool:  # a worker died (killed, out of memory): the same review, here
            return review_decisions(self._job, frozenset(range(1, len(self._job.keys) + 1)))
        finally:
            self._close()
        self.cpu = [cpu for _, cpu in done]
        WORKER_CPU[:] = self.cpu
        return sorted((review for found, _ in done for review in found), key=lambda r: r.decision)

    def cancel(self) -> None:
        """Drop the review: its workers stop and `result()` must not be called."""
        self._close()

    def _close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        self._pool, self._futures = None, []


def start_review(
    loaded: LoadedScenario, machines: Machines, seed: int, keys: Sequence[str], settings: SearchSettings = FULL
) -> PendingReview:
    return PendingReview(_Job(loaded, machines, seed, tuple(keys), settings))


MIN_PER_WORKER = 4
"""Fewer decisions than this per extra worker are reviewed in this process: starting a worker
costs more than it saves."""


def _workers(settings: SearchSettings, decisions: int) -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    wanted = settings.workers if settings.workers is not None else min(os.cpu_count() or 1, 2)
    return max(1, min(wanted, decisions // MIN_PER_WORKER))


_ADOPTED: _Job | None = None


def _adopt(job: _Job, parent: int) -> None:
    global _ADOPTED
    _ADOPTED = job
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose debrief was killed (SIGKILL, a closed terminal) stops within a second
    instead of searching on for nobody: it is adopted by another process when its parent dies.
    The parent's id comes from the parent, since a worker may start after its parent is gone."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _review_share(share: frozenset[int]) -> tuple[list[MoveReview], float]:
    assert _ADOPTED is not None
    start = time.process_time()
    found = review_decisions(_ADOPTED, share)
    return found, time.process_time() - start
