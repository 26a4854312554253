"""The rules of play: a session of one scenario, its decisions, its log, and their replay.

The public modules are listed in `__all__`: `session.Session` (moves on offer, `choose`,
`fork`), `outcome` (`Move` and what a decision did), `state` (`GameState`), `logfile` (reading
a session log) and `replay` (re-running one). The verbs, the clock and the machines are the
engine's own. Importing this package imports none of them.
"""

__all__ = ["logfile", "outcome", "replay", "session", "state"]
