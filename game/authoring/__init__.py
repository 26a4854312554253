"""Tools for scenario authors: the structure of a scenario, and proof that each ending can be reached."""

__all__ = ["endings", "structure"]
