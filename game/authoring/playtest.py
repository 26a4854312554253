"""Playtest a scenario: many seeded sessions under a few policies, summed up per ending.

An instructor balancing a scenario wants to know how often each ending comes, to whom, with
what debrief score, and whether the proofs (`<scenario>.proofs/*.yaml`) hold when the dice
fall differently. The policies:

- principled: the careful envoy of the review (`game/debrief/policy.py`) at every decision;
- careless: the careful envoy, but a random move on offer at CARELESS_SHARE of the decisions;
- random: a random move on offer at every decision;
- proof:NAME: a proof's moves in order under each seed; it stops where a move is not on offer.

Session i of every policy uses game seed `base_seed + i` (so an instructor can play the same
game with `good-offices play --seed`); the random choices of careless and random come from
their own generator seeded by policy and seed. A session that reaches an ending is scored by
the debrief (`game/debrief/build.walk`, without the review by search). Nothing here depends on
the process that plays a session, so `jobs=2` gives exactly the report of `jobs=1`.
"""

from __future__ import annotations

import multiprocessing
import random
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from game.authoring.endings import read_transcript
from game.debrief.build import walk
from game.debrief.policy import careful_move_now
from game.engine.machines import Machines, machines_for
from game.engine.session import MoveNotAvailable, Session
from game.scenario.loader import LoadedScenario

PRINCIPLED, CARELESS, RANDOM = "principled", "careless", "random"
POLICIES = (PRINCIPLED, CARELESS, RANDOM)
PROOF_PREFIX = "proof:"
CARELESS_SHARE = 0.3
"""Share of a careless envoy's decisions that are a random move (the others are careful)."""
DECISION_LIMIT = 400
"""A session still open after this many decisions counts as unfinished."""
UNFINISHED = ""
"""The ending id of a session that reached no ending."""
CHUNK = 20
"""Sessions sent to a worker process at a time (small enough for a smooth progress bar)."""


@dataclass(frozen=True)
class Proof:
    """A proof transcript: its moves, the seed it was written for and the ending it reaches
    there (None when it does not replay under its own seed: `problem` says why)."""

    name: str
    file: str
    seed: int
    moves: tuple[str, ...]
    ending: str | None
    problem: str = ""


@dataclass(frozen=True)
class Played:
    """One playtest session: who played, with which seed, how it ended and its debrief score."""

    policy: str
    seed: int
    ending: str
    """The ending id, or UNFINISHED."""
    score: int | None
    """The debrief's overall score; None for an unfinished session."""
    decisions: int
    stopped: str = ""
    """For a proof: the first move not on offer ("move 4 'relay:x:softened'"), or ''."""


@dataclass(frozen=True)
class Scores:
    count: int
    low: int
    median: float
    high: int


@dataclass(frozen=True)
class EndingLine:
    """One ending (or the unfinished sessions, id UNFINISHED) across the policies."""

    ending: str
    title: str
    grade: str
    reached: dict[str, int]
    """Sessions that ended here, by policy (proofs each under their own `proof:NAME`)."""
    scores: Scores | None
    """The debrief scores of every session that ended here, whatever the policy."""
    by_policy: dict[str, Scores]
    first_seed: dict[str, int]
    """The first seed on which each policy reached it (to play it again with --seed)."""
    proof_scores: Scores | None = None
    """The scores of the proofs' sessions that ended here, all proofs together."""

    def total(self, policies: Sequence[str]) -> int:
        return sum(self.reached.get(p, 0) for p in policies)


@dataclass(frozen=True)
class ProofLine:
    """How one proof fares under every seed of the playtest."""

    name: str
    file: str
    ending: str | None
    own_seed: int
    seeds: int
    held: int
    """Seeds on which the proof's moves are all on offer and reach its own ending."""
    elsewhere: dict[str, int]
    """Other endings reached (including UNFINISHED: the moves ran out first)."""
    stopped: dict[str, int]
    """Where the moves stopped being on offer, most frequent first."""
    problem: str = ""


@dataclass(frozen=True)
class PlaytestReport:
    scenario_id: str
    scenario_title: str
    scenario_sha256: str
    sessions: int
    base_seed: int
    policies: tuple[str, ...]
    endings: list[EndingLine]
    proofs: list[ProofLine] = field(default_factory=list)

    @property
    def seeds(self) -> range:
        return range(self.base_seed, self.base_seed + self.sessions)

    @property
    def proof_policies(self) -> tuple[str, ...]:
        return tuple(p for p in self.policies if p.startswith(PROOF_PREFIX))


Progress = Callable[[int], None]
"""Called with the number of sessions just finished."""


def playtest(
    loaded: LoadedScenario,
    *,
    sessions: int = 200,
    base_seed: int = 1,
    proofs: Sequence[Proof] = (),
    jobs: int = 1,
    progress: Progress | None = None,
) -> PlaytestReport:
    """Play `sessions` seeded sessions per policy and per playable proof, and sum them up."""
    playable = [p for p in proofs if p.ending is not None]
    policies = POLICIES + tuple(PROOF_PREFIX + p.name for p in playable)
    tasks = [(policy, base_seed + i) for policy in policies for i in range(sessions)]
    job = _Job(loaded, machines_for(loaded), {PROOF_PREFIX + p.name: p.moves for p in playable})
    played = _run(job, tasks, jobs, progress or (lambda _: None))
    return summarise(loaded, played, sessions=sessions, base_seed=base_seed, policies=policies, proofs=proofs)


def task_count(sessions: int, proofs: Sequence[Proof]) -> int:
    """How many sessions `playtest` plays (for a progress bar)."""
    return sessions * (len(POLICIES) + sum(p.ending is not None for p in proofs))


# -- playing one session ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Job:
    loaded: LoadedScenario
    machines: Machines
    proof_moves: dict[str, tuple[str, ...]]


def play_one(job: _Job, policy: str, seed: int) -> Played:
    loaded, machines = job.loaded, job.machines
    session = Session(loaded, seed=seed, machines=machines)
    stopped = ""
    if policy.startswith(PROOF_PREFIX):
        for number, key in enumerate(job.proof_moves[policy], start=1):
            if session.is_over:
                break
            try:
                session.choose(key)
            except MoveNotAvailable:
                stopped = f"move {number} '{key}'"
                break
    else:
        chooser = random.Random(f"playtest:{policy}:{seed}")
        share = {PRINCIPLED: 0.0, CARELESS: CARELESS_SHARE, RANDOM: 1.0}[policy]
        while not session.is_over and session.state.decisions < DECISION_LIMIT:
            if share and (share >= 1.0 or chooser.random() < share):
                session.choose(chooser.choice(session.moves()))
            else:
                session.choose(careful_move_now(loaded, machines, session.state))
    ending = session.state.ending
    keys = [o.move.key for o in session.history]
    score = walk(loaded, seed, "", keys, machines=machines, suggest=False, brief=True).overall if ending is not None else None
    return Played(policy, seed, ending or UNFINISHED, score, len(keys), stopped)


def _play_all(job: _Job, tasks: Sequence[tuple[str, int]]) -> list[Played]:
    return [play_one(job, policy, seed) for policy, seed in tasks]


PROCESSES: list[int] = [1]
"""How many processes played the last playtest (read by the tests and the benchmark)."""


def _run(job: _Job, tasks: list[tuple[str, int]], jobs: int, progress: Progress) -> list[Played]:
    chunks = [tasks[i : i + CHUNK] for i in range(0, len(tasks), CHUNK)]
    PROCESSES[:] = [1]
    if jobs > 1 and len(chunks) > 1 and "fork" in multiprocessing.get_all_start_methods():
        try:
            played = _run_in_workers(job, chunks, jobs, progress)
            PROCESSES[:] = [min(jobs, len(chunks))]
            return played
        except (OSError, NotImplementedError, BrokenProcessPool):  # no processes here: this one plays them all
            pass
    played = []
    for chunk in chunks:
        played += _play_all(job, chunk)
        progress(len(chunk))
    return played


_ADOPTED: _Job | None = None


def _adopt(job: _Job) -> None:
    global _ADOPTED
    _ADOPTED = job


def _play_chunk(chunk: list[tuple[str, int]]) -> list[Played]:
    assert _ADOPTED is not None
    return _play_all(_ADOPTED, chunk)


def _run_in_workers(job: _Job, chunks: list[list[tuple[str, int]]], jobs: int, progress: Progress) -> list[Played]:
    """The chunks over `jobs` processes (forked: they inherit the scenario and its machines);
    the results are put back in the order of the chunks, so the report does not depend on
    which worker finished first."""
    done: dict[int, list[Played]] = {}
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_adopt, initargs=(job,)) as pool:
        futures = {pool.submit(_play_chunk, chunk): index for index, chunk in enumerate(chunks)}
        for future in as_completed(futures):
            index = futures[future]
            done[index] = future.result()
            progress(len(chunks[index]))
    return [p for index in range(len(chunks)) for p in done[index]]


# -- summing up ------------------------------------------------------------------------------------
def summarise(
    loaded: LoadedScenario,
    played: Sequence[Played],
    *,
    sessions: int,
    base_seed: int,
    policies: tuple[str, ...],
    proofs: Sequence[Proof] = (),
) -> PlaytestReport:
    phases = loaded.scenario.phases.phases
    ids = [pid for pid, phase in phases.items() if phase.ending is not None] + [UNFINISHED]
    lines = []
    for ending in ids:
        here = [p for p in played if p.ending == ending]
        phase = phases.get(ending)
        reached = {policy: sum(p.policy == policy for p in here) for policy in policies}
        by_policy = {policy: s for policy in policies if (s := _scores([p for p in here if p.policy == policy])) is not None}
        first: dict[str, int] = {}
        for p in here:
            first.setdefault(p.policy, p.seed)
        lines.append(
            EndingLine(
                ending=ending,
                title=phase.title if phase is not None else "No ending reached",
                grade=phase.ending.grade if phase is not None and phase.ending is not None else "",
                reached=reached,
                scores=_scores(here),
                by_policy=by_policy,
                first_seed=first,
                proof_scores=_scores([p for p in here if p.policy.startswith(PROOF_PREFIX)]),
            )
        )
    proof_lines = [_proof_line(proof, [p for p in played if p.policy == PROOF_PREFIX + proof.name], sessions) for proof in proofs]
    scenario = loaded.scenario
    return PlaytestReport(scenario.id, scenario.title, loaded.sha256, sessions, base_seed, policies, lines, proof_lines)


def _scores(played: Sequence[Played]) -> Scores | None:
    values = sorted(p.score for p in played if p.score is not None)
    if not values:
        return None
    return Scores(len(values), values[0], float(statistics.median(values)), values[-1])


def _proof_line(proof: Proof, played: Sequence[Played], sessions: int) -> ProofLine:
    if proof.ending is None:
        return ProofLine(proof.name, proof.file, None, proof.seed, 0, 0, {}, {}, proof.problem)
    held = sum(p.ending == proof.ending and not p.stopped for p in played)
    elsewhere = Counter(p.ending for p in played if not p.stopped and p.ending != proof.ending)
    stopped = Counter(p.stopped for p in played if p.stopped)
    return ProofLine(
        proof.name,
        proof.file,
        proof.ending,
        proof.seed,
        len(played),
        held,
        dict(sorted(elsewhere.items(), key=lambda kv: (-kv[1], kv[0]))),
        dict(sorted(stopped.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def read_proofs(loaded: LoadedScenario, files: Sequence[str | Path]) -> list[Proof]:
    """The proofs in `files`, each replayed under its own seed to learn the ending it proves."""
    proofs = []
    for file in files:
        path = Path(file)
        witness, problems = read_transcript(path, loaded)
        if witness is None:
            problem = problems[0].render() if problems else f"{path}: does not reach an ending"
            proofs.append(Proof(path.stem, str(path), 0, (), None, problem))
        else:
            proofs.append(Proof(path.stem, str(path), witness.seed, witness.moves, witness.ending))
    return proofs
