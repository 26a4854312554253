"""Rerun the hostile-file set and say how the game answered each file.

    python tools/hostile.py                  # every file, every command that reads it
    python tools/hostile.py --only escape    # the recipes whose name contains 'escape'
    python tools/hostile.py --json out.json  # also write every run as JSON

Each input from tools/hostile_corpus.py goes through the installed `good-offices` command the
way a user would hand it over: a scenario is validated, outlined, played through a pipe and its
session debriefed in text, JSON and HTML and replayed; a log is replayed, debriefed and resumed;
a folder of move files is replayed by `endings --transcripts`. A run is answered cleanly when the
command exits 0, 1 or 2 within the time limit, prints no traceback, writes no terminal control or
text-direction character, writes strict JSON where JSON was asked for and no live markup into
HTML, and a bad input is refused on a located line (`file:line: GOxxxx ...`) while a good one is
accepted. Prints the failures, then the count answered cleanly, the slowest run and the run that
used the most memory (each command's own peak resident size). Exits 1 when any run failed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))

from hostile_corpus import MINIMAL, Recipe, recipes  # noqa: E402

TIME_LIMIT = 30.0
MOVES = b"1\n" * 60 + b"q\n"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
LOCATED = re.compile(r":\d+(?::\d+)?: GO\d{4} ")
FILE_LEVEL = re.compile(r": GO000[12] ")
"""A file that cannot be read or is too large is answered about the whole file, with no line."""
LIVE_MARKUP = ("<script>alert(1)</script>", 'onerror="alert(1)"', "javascript:alert(1)</a>", 'href="javascript:')


@dataclass
class Run:
    recipe: str
    command: str
    code: int
    seconds: float
    peak_mb: float
    problems: list[str] = field(default_factory=list)


def command_line() -> list[str]:
    installed = Path(sys.executable).with_name("good-offices")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "game"]


def execute(argv: list[str], stdin: bytes, folder: Path) -> tuple[int, str, float, float]:
    """Runs one command; returns its exit code (-9 when killed at the time limit), its stdout and
    stderr together, seconds and peak resident megabytes (from wait4, this child's own)."""
    out_path = folder / "out.txt"
    with out_path.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=out, stderr=subprocess.STDOUT, cwd=folder)
        assert process.stdin is not None
        try:
            process.stdin.write(stdin)
            process.stdin.close()
        except BrokenPipeError:
            pass
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > TIME_LIMIT:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code
    return code, out_path.read_bytes().decode("utf-8", "replace"), seconds, usage.ru_maxrss / 1024


def judge(run: Run, output: str, expect: set[int]) -> None:
    if run.code == -9 and run.seconds >= TIME_LIMIT:
        run.problems.append(f"no answer in {TIME_LIMIT:.0f} s")
    elif run.code not in (0, 1, 2):
        run.problems.append(f"exit code {run.code}")
    elif run.code not in expect:
        run.problems.append(f"exit code {run.code}, expected {' or '.join(map(str, sorted(expect)))}")
    if "Traceback (most recent call last)" in output:
        run.problems.append("a traceback: " + output.strip().splitlines()[-1][:120])
    control = CONTROL.search(output)
    if control:
        run.problems.append(f"wrote the control character U+{ord(control.group()):04X}")


def strict_json(path: Path) -> str | None:
    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    try:
        json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)
    except (OSError, ValueError) as exc:
        return f"{path.name}: {exc}"
    return None


class Rerun:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.base = command_line()

    def run(self, recipe: Recipe, args: list[str], expect: set[int], stdin: bytes = b"", workdir: Path | None = None) -> tuple[Run, str]:
        workdir = workdir or self.folder / recipe.name.encode("ascii", "replace").decode().replace("?", "_")
        workdir.mkdir(exist_ok=True)
        code, output, seconds, peak = execute(self.base + args, stdin, workdir)
        shown = " ".join(arg if len(arg) < 60 else arg[:57] + "..." for arg in args)
        run = Run(recipe.name, shown.encode("unicode_escape").decode(), code, round(seconds, 3), round(peak, 1))
        judge(run, output, expect)
        return run, output

    def scenario(self, recipe: Recipe, path: Path) -> list[Run]:
        expect = {0, 1} if recipe.bad is None else {1} if recipe.bad else {0}
        validate, output = self.run(recipe, ["validate", str(path)], expect | ({2} if recipe.usage else set()))
        if recipe.bad and validate.code == 1 and not (LOCATED.search(output) or FILE_LEVEL.search(output)):
            validate.problems.append("refused without a located 'file:line: GOxxxx' line")
        runs = [validate, self.run(recipe, ["structure", str(path)], {0, 1})[0]]
        if validate.code != 0:
            return runs
        logs = self.folder / f"{recipe.name}.logs"
        logs.mkdir(exist_ok=True)
        runs.append(self.run(recipe, ["play", str(path), "--text", "--seed", "1", "--log-dir", str(logs)], {0}, MOVES)[0])
        for log in sorted(logs.glob("*.jsonl")):
            runs.extend(self.log(recipe, log, played=True, scenario=path))
        return runs

    def log(self, recipe: Recipe, path: Path, played: bool = False, scenario: Path = MINIMAL) -> list[Run]:
        """A damaged log may still be debriefed up to the damage, with a located warning."""
        expect = {0} if played or not recipe.bad else {1}
        salvage = expect | ({0} if recipe.bad else set())
        report = self.folder / f"{recipe.name}.report"
        runs = [self.run(recipe, ["replay", str(path)], expect)[0]]
        for extra in ([], ["--format", "json", "-o", f"{report}.json"], ["--format", "html", "-o", f"{report}.html"]):
            run, output = self.run(recipe, ["debrief", str(path), *extra], salvage)
            if recipe.bad and not played and run.code == 0 and not LOCATED.search(output):
                run.problems.append("debriefed a damaged log without a located warning")
            if run.code == 0 and "json" in extra:
                problem = strict_json(Path(f"{report}.json"))
                if problem:
                    run.problems.append(problem)
            if run.code == 0 and "html" in extra:
                html = Path(f"{report}.html").read_text(encoding="utf-8")
                live = [markup for markup in LIVE_MARKUP if markup in html]
                if live:
                    run.problems.append(f"live markup in the HTML report: {live[0]}")
            runs.append(run)
        runs.extend(self.authoring(recipe, path, scenario, expect | salvage))
        if not played:
            runs.append(self.run(recipe, ["play", "--resume", str(path), "--text"], {0, 1}, b"q\n")[0])
        return runs

    def authoring(self, recipe: Recipe, path: Path, scenario: Path, expect: set[int]) -> list[Run]:
        """The authoring commands that read a log or a move file: 'moves --after' plays its moves,
        'proof' turns a log into a move file (never over an existing one)."""
        # 1 as well: after a finished session no move is on offer, and 'moves' says so
        runs = [self.run(recipe, ["moves", str(scenario), "--after", str(path)], expect | {1})[0]]
        if path.suffix == ".jsonl":
            proof = self.folder / f"{recipe.name.encode('ascii', 'replace').decode().replace('?', '_')}.proof.yaml"
            proof.unlink(missing_ok=True)
            runs.append(self.run(recipe, ["proof", str(path), "--scenario", str(scenario), "-o", str(proof)], expect)[0])
        return runs

    def moves(self, recipe: Recipe, path: Path) -> list[Run]:
        runs = [self.run(recipe, ["endings", str(MINIMAL), "--playouts", "1", "--transcripts", str(path)], {1})[0]]
        return runs + self.authoring(recipe, path, MINIMAL, {1})

    def recipe(self, recipe: Recipe) -> list[Run]:
        inputs = self.folder / "inputs" / recipe.name.encode("ascii", "replace").decode().replace("?", "_")
        inputs.mkdir(parents=True)
        try:
            path = recipe.write(inputs)
        except Exception as exc:  # noqa: BLE001 - a recipe the machine cannot make is reported, not fatal
            return [Run(recipe.name, "write the input", 0, 0.0, 0.0, [f"could not be written here: {exc}"])]
        if recipe.kind == "scenario":
            return self.scenario(recipe, path)
        if recipe.kind == "log":
            return self.log(recipe, path)
        return self.moves(recipe, path)


def played_log(rerun: Rerun) -> Path:
    logs = rerun.folder / "played"
    logs.mkdir()
    code, output, _, _ = execute(rerun.base + ["play", str(MINIMAL), "--text", "--seed", "1", "--log-dir", str(logs)], MOVES, logs)
    found = sorted(logs.glob("*.jsonl"))
    if code != 0 or not found:
        raise SystemExit(f"hostile: could not play the test scenario to make logs from: {output.strip()[-200:]}")
    return found[0]


def summary(runs: list[Run], recipes_run: int) -> str:
    clean = [run for run in runs if not run.problems]
    failed = [run for run in runs if run.problems]
    lines = [f"FAIL {run.recipe}: {run.command}: {'; '.join(run.problems)}" for run in failed]
    slowest = max(runs, key=lambda run: run.seconds)
    largest = max(runs, key=lambda run: run.peak_mb)
    inputs_clean = recipes_run - len({run.recipe for run in failed})
    lines += [
        f"{inputs_clean} of {recipes_run} hostile inputs answered cleanly ({len(clean)} of {len(runs)} runs)",
        f"slowest: {slowest.seconds:.2f} s ({slowest.recipe}: {slowest.command})",
        f"largest memory: {largest.peak_mb:.0f} MB ({largest.recipe}: {largest.command})",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rerun the hostile-file set against the installed game.")
    parser.add_argument("--only", default="", help="only the recipes whose name contains this text")
    parser.add_argument("--every", type=int, default=1, metavar="N", help="only every Nth recipe (a sample)")
    parser.add_argument("--jobs", type=int, default=2, help="recipes run at once (default 2)")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write every run as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hostile-") as scratch:
        rerun = Rerun(Path(scratch))
        chosen = [recipe for recipe in recipes(played_log(rerun)) if args.only in recipe.name][:: max(1, args.every)]
        if not chosen:
            print(f"hostile: no recipe's name contains {args.only!r}", file=sys.stderr)
            return 2
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            runs = [run for batch in pool.map(rerun.recipe, chosen) for run in batch]
    print(summary(runs, len(chosen)))
    if args.json:
        args.json.write_text(json.dumps([asdict(run) for run in runs], indent=1) + "\n", encoding="utf-8")
    return 1 if any(run.problems for run in runs) else 0


if __name__ == "__main__":
    raise SystemExit(main())
