"""The `good-offices` subcommands, one module each, between `game/cli.py` (the parser) and the
core (which never writes to the terminal).

Each module has `add_parser(commands) -> ArgumentParser`, which adds its subcommand and
arguments, and `run(args) -> int`, which does the work and gives the exit code (from
`game.console`). Imports of the core sit inside `run`, so `good-offices --help` stays quick.
"""

__all__ = [
    "completion",
    "debrief",
    "endings",
    "listing",
    "map",
    "moves",
    "new",
    "play",
    "playtest",
    "proof",
    "replay",
    "schema",
    "sessions",
    "structure",
    "validate",
]
