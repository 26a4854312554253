"""Tools for scenario authors: the structure of a scenario, move files, proof that each ending can
be reached, a playtest that balances the endings, and a watch that reloads a scenario file during
play."""

__all__ = ["endings", "movefile", "playtest", "playtest_report", "structure", "watch"]
