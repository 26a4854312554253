"""`play --watch`: a save of the scenario file rebuilds the session and replays the moves made so
far; a move that no longer exists stops the replay and is named; an invalid file shows its
errors and the session goes on. The core (game/authoring/watch.py) and the terminal."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.authoring.watch import FileWatch, ScenarioWatch, rebuild
from game.engine.session import Session
from game.frontends.terminal.play import TerminalPlay
from game.frontends.watching import LiveWatch
from game.scenario.loader import load_scenario
from game.sessions import open_log_for_replay, start_session

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"
TEA = (
    "choices:\n  share_tea:\n    label: Share tea with both delegations\n    description: A gesture of hospitality.\n"
    "    phases: [standoff]\n    effects: ['escalation -= 1']\n"
)
MOVES = ["approach:upper", "choice:share_tea", "wait:"]


def original() -> str:
    return MINIMAL.read_text(encoding="utf-8").replace("choices:\n", TEA, 1)


def kept_moves(text: str) -> str:
    """An edit that keeps every move: the upper valley's leader renamed."""
    return text.replace("leader: Reeve Ama", "leader: Reeve Amara")


def tea_removed(text: str) -> str:
    return text.replace(TEA, "choices:\n")


def broken(text: str) -> str:
    return text.replace("  turns: 12\n", "  turns: twelve\n")


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "valleys.yaml"
    path.write_text(original(), encoding="utf-8")
    return path


def played(path: Path, moves: list[str] = MOVES) -> Session:
    loaded, problems = load_scenario(path)
    assert loaded is not None, problems
    session = Session(loaded, seed=7, trainee="Ada")
    for key in moves:
        session.choose(key)
    return session


# -- the core ----------------------------------------------------------------------------------------
def test_a_save_is_seen_once_and_a_touch_without_change_is_not(scenario_file: Path) -> None:
    watch = FileWatch(scenario_file)
    assert not watch.changed()
    scenario_file.write_text(original(), encoding="utf-8")  # the same text saved again
    assert not watch.changed()
    scenario_file.write_text(kept_moves(original()), encoding="utf-8")
    assert watch.changed()
    assert not watch.changed(), "one change is reported once"
    scenario_file.unlink()
    assert not watch.changed(), "a file briefly missing (an editor's rename) is not a change"


def test_an_edit_that_keeps_the_moves_replays_to_the_same_point(scenario_file: Path) -> None:
    session = played(scenario_file)
    scenario_file.write_text(kept_moves(original()), encoding="utf-8")
    reload = ScenarioWatch(scenario_file).check(session)
    assert reload is None, "a watch started after the save sees nothing new"
    watch = ScenarioWatch(scenario_file)
    scenario_file.write_text(kept_moves(kept_moves(original())), encoding="utf-8")
    reload = watch.check(session)
    assert reload is not None and reload.kind == "replayed"
    new = reload.session
    assert new is not None and new is not session
    assert [o.move.key for o in new.history] == MOVES
    assert (new.seed, new.trainee, new.state.decisions, new.state.turn) == (7, "Ada", 3, session.state.turn)
    assert new.scenario.parties["upper"].leader == "Reeve Amarara"
    assert "replayed to the same point" in reload.summary() and "3 moves" in reload.summary()


def test_an_edit_that_removes_a_move_names_it_and_stops_before_it(scenario_file: Path) -> None:
    session = played(scenario_file)
    scenario_file.write_text(tea_removed(original()), encoding="utf-8")
    reload = rebuild(scenario_file, session)
    assert reload.kind == "stopped" and reload.session is not None
    assert [o.move.key for o in reload.session.history] == ["approach:upper"]
    assert (reload.replayed, reload.total, reload.stop_move) == (1, 3, "choice:share_tea")
    summary = reload.summary()
    assert "move 2, 'Share tea with both delegations' (choice:share_tea), is no longer on offer" in summary
    assert "Replayed the 1 move before it and stopped there." in summary


def test_an_invalid_edit_builds_nothing_and_locates_the_error(scenario_file: Path) -> None:
    session = played(scenario_file)
    scenario_file.write_text(broken(original()), encoding="utf-8")
    reload = rebuild(scenario_file, session)
    assert reload.kind == "invalid" and reload.session is None
    assert any(p.is_error and p.line == original().splitlines().index("  turns: 12") + 1 for p in reload.problems)
    assert "the session goes on with the version before" in reload.summary()


# -- the log of a watched session -------------------------------------------------------------------
def test_a_rebuild_writes_a_fresh_log_that_replays_against_the_saved_file(scenario_file: Path, tmp_path: Path) -> None:
    loaded, _ = load_scenario(scenario_file)
    assert loaded is not None
    live = start_session(loaded, seed=7, trainee="Ada", log_dir=tmp_path / "logs")
    for key in MOVES:
        live.session.choose(key)
    watched = LiveWatch(live)
    scenario_file.write_text(broken(original()), encoding="utf-8")
    reload = watched.poll()
    assert reload is not None and reload.kind == "invalid"
    assert watched.live is live, "an invalid save keeps the session and its log"
    scenario_file.write_text(tea_removed(original()), encoding="utf-8")
    reload = watched.poll()
    assert reload is not None and reload.kind == "stopped"
    assert watched.live.log_path == live.log_path
    watched.live.session.choose("wait:")
    replayed, problems = open_log_for_replay(live.log_path)
    assert replayed is not None, [p.render() for p in problems]
    assert [o.move.key for o in replayed.history] == ["approach:upper", "wait:"]
    watched.live.close()


# -- the terminal -----------------------------------------------------------------------------------
class Typist(io.StringIO):
    """Types the given lines; before the line numbered `at` (from 0), saves `text` to the file."""

    def __init__(self, lines: list[str], edits: dict[int, tuple[Path, str]]) -> None:
        super().__init__()
        self.lines, self.edits, self.count = lines, edits, 0

    def readline(self, size: int = -1) -> str:
        if self.count in self.edits:
            path, text = self.edits[self.count]
            path.write_text(text, encoding="utf-8")
        self.count += 1
        return self.lines[self.count - 1] + "\n" if self.count <= len(self.lines) else ""


def terminal(scenario_file: Path, tmp_path: Path, edit: str, *, after: int = 2) -> tuple[TerminalPlay, str]:
    """Play MOVES[:after] at the terminal with --watch, save `edit` to the file, then quit."""
    loaded, _ = load_scenario(scenario_file)
    assert loaded is not None
    live = start_session(loaded, seed=7, trainee="Ada", log_dir=tmp_path / "logs")
    lines = MOVES[:after]  # a move's key is typed as well as its code
    out = io.StringIO()
    stdin = Typist([*lines, "m", "q"], {after: (scenario_file, edit)})
    watch = LiveWatch(live)
    play = TerminalPlay(live.session, str(live.log_path), stdin, out, watch=watch)
    assert play.run() == 0
    watch.live.close()
    return play, " ".join(out.getvalue().split())  # words, as wrapped lines join again


def test_the_terminal_replays_a_kept_edit_and_shows_the_situation_again(scenario_file: Path, tmp_path: Path) -> None:
    play, text = terminal(scenario_file, tmp_path, kept_moves(original()).replace("Standoff", "Deadlock at the dam"))
    after = text.split("== Scenario reloaded ")[1]
    assert "valleys.yaml was saved: reloaded, and the 2 moves made so far replayed to the same point." in after
    assert "A fresh session log, with the moves replayed:" in after
    assert "Deadlock at the dam" in after, "the situation is shown again, from the new version"
    assert [o.move.key for o in play.session.history] == MOVES[:2]


def test_the_terminal_names_a_removed_move_and_stops_there(scenario_file: Path, tmp_path: Path) -> None:
    play, text = terminal(scenario_file, tmp_path, tea_removed(original()))
    assert "move 2, 'Share tea with both delegations' (choice:share_tea), is no longer on offer" in text
    assert [o.move.key for o in play.session.history] == ["approach:upper"]
    assert "Share tea" not in text.split("A fresh session log")[1], "the removed choice is no longer offered"


def test_the_terminal_shows_errors_of_an_invalid_save_and_keeps_the_session(scenario_file: Path, tmp_path: Path) -> None:
    before = played(scenario_file, MOVES[:2])
    play, text = terminal(scenario_file, tmp_path, broken(original()))
    assert "== Scenario NOT reloaded " in text
    assert "valleys.yaml was saved with 1 error: the session goes on with the version before." in text
    line = original().splitlines().index("  turns: 12") + 1
    assert f"valleys.yaml:{line}:" in text, "each error is located in the file"
    assert f"{line} | turns: twelve" in text, "with the line it points at, as validate shows it"
    assert play.session.state == before.state and [o.move.key for o in play.session.history] == MOVES[:2]
    assert "Session saved:" in text


@pytest.mark.skipif(os.name == "nt" or not hasattr(os, "openpty"), reason="needs a POSIX terminal")
def test_at_a_real_terminal_a_save_is_noticed_while_the_game_waits_for_a_move(scenario_file: Path, tmp_path: Path) -> None:
    """The whole program at a pseudo-terminal: no line is typed between the save and the reload."""
    master, slave = os.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")} | {"COLUMNS": "100"}
    args = [sys.executable, "-m", "game", "play", str(scenario_file), "--text", "--watch", "--seed", "7", "--trainee", "Ada"]
    child = subprocess.Popen([*args, "--log-dir", str(tmp_path / "logs")], stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT)
    os.close(slave)
    seen, cursor = "", 0

    def read_until(words: str) -> None:
        """Read until `words` appear after what the last call found."""
        nonlocal seen, cursor
        deadline = time.monotonic() + 120  # a generous bound against a hang, not a speed check
        while words not in seen[cursor:] and time.monotonic() < deadline:
            if select.select([master], [], [], 0.5)[0]:
                seen += os.read(master, 65536).decode("utf-8", "replace")
        assert words in seen[cursor:], seen[-2000:]
        cursor = seen.index(words, cursor) + len(words)

    try:
        read_until("Your move (")
        os.write(master, b"approach:upper\n")
        read_until("You chose:")
        read_until("Your move (")
        scenario_file.write_text(kept_moves(original()).replace("Standoff", "Deadlock at the dam"), encoding="utf-8")
        read_until("Deadlock at the dam")
        assert "the 1 move made so far replayed to the same point" in " ".join(seen.split())
        os.write(master, b"q\n")
        read_until("Session saved:")
        assert child.wait(timeout=60) == 0
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
