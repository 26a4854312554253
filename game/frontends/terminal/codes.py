"""Short codes for the moves in the terminal, each kept for the whole session.

Plain numbers changed from turn to turn: a message arriving put four relay moves at the top and
every number below moved down, so a trainee who typed last turn's number for "Wait" played
something else. A code is the letter of the move's group and a number within it (`c1` the first
approach, `w1` Wait), given the first time the move is on offer and never given to another
move: a move keeps its code while it comes and goes, and a new move takes the next free number
of its group. Moves are listed as the engine offers them, so a plain number (what scripts
type) is still the move's place in the list; a move that came later may stand above older ones
of its group (`a3` above `a1`).
"""

from __future__ import annotations

from game.engine.outcome import Move

GROUP_LETTERS = {
    "Options in this situation": "o",
    "Messages": "m",
    "Consent": "c",
    "Venue and format": "v",
    "Talks": "t",
    "Confidence building": "s",
    "Analysis": "a",
    "Back channel": "b",
    "Public words": "p",
    "Substance": "f",
    "Mandate": "r",
    "Suspension": "u",
    "Time": "w",
}
"""One letter per verb group (s for steps, f for formula, r for request, w for wait). A command
is a lone letter (`m`, `h`, `q` ...), a code a letter and a number, so they never clash."""


class MoveCodes:
    """The code of every move seen so far in one session of terminal play."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}
        self._counts: dict[str, int] = {}
        self._labels: dict[str, str] = {}
        self._letters = dict(GROUP_LETTERS)

    def code(self, move: Move) -> str:
        found = self._codes.get(move.key)
        if found is None:
            letter = self._letter(move.group)
            self._counts[letter] = self._counts.get(letter, 0) + 1
            found = self._codes[move.key] = f"{letter}{self._counts[letter]}"
        self._labels[found] = move.label
        return found

    def _letter(self, group: str) -> str:
        """The group's letter; a group without one takes the first free letter of its name."""
        letter = self._letters.get(group)
        if letter is None:
            taken = set(self._letters.values())
            letter = next((c for c in group.lower() if c.isascii() and c.isalpha() and c not in taken), "z")
            self._letters[group] = letter
        return letter

    def pick(self, text: str, moves: list[Move]) -> Move | None:
        """The move on offer that `text` names: its code (`c1`), its key as in move files
        (`approach:north`), or its place in `moves` as listed (`3`, as scripts and pipes type it)."""
        text = text.strip().lower()
        if text.isdigit():
            return moves[int(text) - 1] if 1 <= int(text) <= len(moves) else None
        for move in moves:
            if text in (self.code(move), move.key):
                return move
        return None

    def gone(self, text: str) -> str | None:
        """The label of the move a code named on an earlier turn, if it is not on offer now."""
        return self._labels.get(text.strip().lower())
