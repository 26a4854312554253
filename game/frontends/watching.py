"""`play --watch`: a logged session that follows its scenario file, for both front ends.

The session log of a watched session: after each rebuild the log is written afresh at the same
path, with the moves replayed on the new version, so the log on disk always replays (and
resumes, and debriefs) against the scenario file as it now is. While the file is invalid the
session and its log stay as they were. See docs/authoring.md, "Watching a scenario while you
play it".
"""

from __future__ import annotations

from pathlib import Path

from game.authoring.watch import Reload, ScenarioWatch
from game.engine.logfile import LogWriter
from game.scenario.loader import LoadedScenario
from game.sessions import LiveSession


class LiveWatch:
    """A live session and the scenario file it follows; `live` changes with each rebuild."""

    def __init__(self, live: LiveSession) -> None:
        self.live = live
        self.watch = ScenarioWatch(live.session.loaded.file)

    @property
    def file(self) -> Path:
        return self.watch.file.path

    def poll(self) -> Reload | None:
        """Look at the file; on a save, rebuild. Raises OSError when the fresh log cannot be
        written (the front ends say so as they do when a decision cannot be saved)."""
        opened: list[LogWriter] = []

        def fresh_log(loaded: LoadedScenario) -> LogWriter:
            del loaded
            path = self.live.log_path
            self.live.writer.close()
            path.unlink(missing_ok=True)
            opened.append(LogWriter(path, new=True))
            return opened[0]

        reload = self.watch.check(self.live.session, open_sink=fresh_log)
        if reload is not None and reload.session is not None:
            self.live = LiveSession(reload.session, opened[0], self.live.log_path)
        return reload
