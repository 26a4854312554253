"""The bodies of the `good-offices` subcommands that print reports: they sit above the core
(which never writes to the terminal) and below `game/cli.py`, which parses the arguments."""
