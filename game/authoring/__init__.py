"""Tools for scenario authors: the structure of a scenario, move files, and proof that each ending can be reached."""

__all__ = ["endings", "movefile", "structure"]
