"""Playing in the terminal: `play.TerminalPlay` reads numbered choices from any text stream."""

__all__ = ["play"]
