"""The folder of session logs as the title screen sees it, without the engine or the scenario
loader: where logs live, which one is the newest unfinished session, and what a log's header
says (its scenario's title, the trainee, how far they got).

The window's first frame needs only this, so it stays light: `read_log` parses the JSON lines
and nothing else, and `scenario_title` reads a scenario file's header, not the whole scenario.
`game.sessions` (starting, replaying and resuming sessions) re-exports these names.
"""

from __future__ import annotations

from pathlib import Path

from game.diagnostics import has_errors
from game.engine.logfile import read_log
from game.paths import log_folder
from game.scenario.bundled import find_bundled
from game.scenario.header import read_header
from game.words import count


def default_log_dir() -> Path:
    return log_folder()


def _modified(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except OSError:  # vanished, or unreadable: sorts last, and read_log will say why
        return 0.0


def _newest_first(log_dir: Path) -> list[Path]:
    if not log_dir.is_dir():
        return []
    return sorted(log_dir.glob("*.jsonl"), key=_modified, reverse=True)


def _unfinished(path: Path) -> bool:
    contents, problems = read_log(path)
    return contents is not None and not contents.finished and not has_errors(problems)


def unfinished_logs(log_dir: Path) -> list[Path]:
    """Logs in the folder whose session has not reached an ending, newest first."""
    return [path for path in _newest_first(log_dir) if _unfinished(path)]


def newest_unfinished(log_dir: Path) -> Path | None:
    """The first of `unfinished_logs(log_dir)`, reading logs only until it is found."""
    return next((path for path in _newest_first(log_dir) if _unfinished(path)), None)


def has_logs(log_dir: Path) -> bool:
    return log_dir.is_dir() and any(log_dir.glob("*.jsonl"))


def describe_log(path: Path) -> str:
    """The scenario's own title, the trainee and how far they got."""
    contents, _ = read_log(path)
    if contents is None:
        return path.name
    header = contents.header
    who = header.get("trainee") or "trainee"
    title = scenario_title(str(header.get("scenario_id", "")), str(header.get("scenario_file") or ""))
    return f"{title} \u00b7 {who} \u00b7 {count(len(contents.decisions), 'decision')}"


def scenario_title(scenario_id: str, scenario_file: str = "", cache: dict[str, str] | None = None) -> str:
    """The title a log's scenario gives itself (read from its header only), or its id made
    readable when the file is gone."""
    key = f"{scenario_id}\0{scenario_file}"
    if cache is not None and key in cache:
        return cache[key]
    title = ""
    for candidate in (Path(scenario_file) if scenario_file else None, find_bundled(scenario_id)):
        if candidate is not None and candidate.is_file():
            header, _ = read_header(candidate)
            if header is not None and header.id == scenario_id:
                title = header.title
                break
    title = title or scenario_id.replace("_", " ").replace("-", " ").capitalize()
    if cache is not None:
        cache[key] = title
    return title
