"""Play in the terminal: the situation, the numbered moves, one choice per line.

Works through pipes and tmux: reads plain lines from `stdin`, writes plain text to `stdout`,
and at the end of input stops cleanly (every decision is already in the log).
"""

from __future__ import annotations

import os
import select
import shutil
import textwrap
from enum import Enum
from typing import TextIO

from game.authoring.watch import POLL_SECONDS
from game.engine.outcome import Move, Outcome
from game.engine.session import Session
from game.excerpts import source_lines
from game.frontends.presenter import (
    CHANNEL_WORDS,
    clock_text,
    consequence,
    glossary,
    grade_words,
    inbox_lines,
    kind_prefix,
    mandate_text,
    message_comparison,
    party_views,
    relay_wording,
    suspension_text,
    visible_changes,
)
from game.frontends.terminal.codes import MoveCodes
from game.frontends.watching import LiveWatch

HELP = (
    "Type a move's code and Enter: the letter of its group and a number, such as c1. A move keeps its code "
    "all game, whatever else comes and goes; its key as in move files (approach:north) works too. '? CODE' "
    "describes the move and shows its key, 'm' shows the moves again, 'g' explains the terms and principles, "
    "'h' shows this help, 'q' saves and quits. Moves that cannot be undone ask for a 'y' first "
    "(--confirm all|risky|none)."
)
CONFIRM_MODES = ("all", "risky", "none")


class Followed(Enum):
    """What a look at the watched scenario file found after a save."""

    RELOADED = "reloaded"
    """The session was rebuilt: show the situation again."""
    INVALID = "invalid"
    """The file has errors (shown); the session goes on."""


RELOADED = Followed.RELOADED


class TerminalPlay:
    def __init__(
        self, session: Session, log_path: str, stdin: TextIO, stdout: TextIO, *, confirm: str = "none", watch: LiveWatch | None = None
    ) -> None:
        self.session = session
        self.watch = watch
        """With `play --watch`: the scenario file, looked at before each line is read (and,
        at a terminal, twice a second while waiting for one)."""
        self.confirm = confirm
        self.log_path = log_path
        self.stdin = stdin
        self.out = stdout
        self.width = min(max(shutil.get_terminal_size((100, 30)).columns, 60), 110)
        self.codes = MoveCodes()

    # -- output helpers ----------------------------------------------------------------------
    def say(self, text: str = "", indent: str = "") -> None:
        if not text:
            self.out.write("\n")
            return
        for paragraph in text.split("\n"):
            wrapped = textwrap.fill(paragraph, self.width, initial_indent=indent, subsequent_indent=indent + "  ") if paragraph else ""
            self.out.write(wrapped + "\n")

    def verbatim(self, text: str) -> None:
        """One line, never wrapped: paths and commands must survive copy and paste."""
        self.out.write(text + "\n")

    def rule(self, title: str) -> None:
        self.out.write(f"\n== {title} " + "=" * max(self.width - len(title) - 4, 3) + "\n")

    # -- screens -----------------------------------------------------------------------------
    def briefing(self) -> None:
        s = self.session.scenario
        self.rule(s.title)
        self.say(s.briefing)
        self.say()
        self.say(f"You are: {s.envoy.title}, acting for {s.envoy.represents}.")
        self.say(f"Mandate: {s.envoy.mandate_text}")
        self.say("Objectives: " + "; ".join(s.objectives))
        for pid, party in s.parties.items():
            self.say(f"{party.name} ({party.leader}): {party.public_profile}", "  ")
            del pid
        self.say()
        self.say(HELP)

    def status(self) -> None:
        session = self.session
        state = session.state
        phase = session.scenario.phases.phases[state.phase.state]
        self.rule(f"{clock_text(session)} \u00b7 {phase.title}")
        self.say(phase.description)
        bar = "#" * round(state.escalation / 5) + "." * (20 - round(state.escalation / 5))
        channel = CHANNEL_WORDS[state.channel.state]
        self.say(f"Escalation [{bar}] {state.escalation:.0f}/100   Channel: {channel}   Mandate: {mandate_text(session)}")
        suspension = suspension_text(session)
        if suspension:
            self.say(suspension)
        for view in party_views(session):
            self.say(f"{view.name:<28} trust {view.trust:>3.0f}   consent: {view.consent:<13} exposure {view.exposure:>3.0f}", "  ")
            self.say(view.agreed, "      ")
            if view.preconditions:
                self.say("preconditions: " + "; ".join(view.preconditions), "      ")
            if view.intentions:
                self.say("your reading: " + view.intentions, "      ")
            for line in view.red_lines:
                self.say("seems a red line: " + line, "      ")
        if state.venue:
            venue = session.scenario.venues[state.venue]
            self.say(f"Agreed venue: {venue.name} ({(state.venue_format or '').replace('_', ' ')})")
        inbox = inbox_lines(session)
        self.say(f"Inbox ({len(inbox)}):" if inbox else "Inbox: empty")
        for line in inbox:
            self.say(f"- {line}", "  ")

    def show_moves(self, moves: list[Move]) -> None:
        self.say()
        group, message = None, None
        for move in moves:
            if move.group != group:
                group = move.group
                self.say(f"{group}:", " ")
            if move.verb == "relay" and move.target != message:
                message = move.target
                self.show_message(message)
            self.say(f"{self.codes.code(move):>3}. {move.label}", "  ")
            if move.verb == "relay":
                wording = relay_wording(self.session, move)
                original = self.session.scenario.messages[message].original
                if wording and wording != f"\u201c{original}\u201d":
                    self.say(f"they would read: {wording}", "       ")

    def show_message(self, mid: str) -> None:
        """A message's original wording and substance, above the ways of relaying it."""
        message = self.session.scenario.messages[mid]
        parties = self.session.scenario.parties
        sender, recipient = parties[message.sender].name, parties[message.recipient].name
        self.say(f"{kind_prefix(self.session, mid)}'{message.summary}', from {sender} to {recipient}", "   ")
        self.say(message_comparison(self.session, mid), "     ")

    def show_outcome(self, outcome: Outcome) -> None:
        self.rule(f"You chose: {outcome.move.label}")
        for reply in outcome.replies:
            self.say(f"{reply.speaker}: {reply.text}" if reply.speaker else reply.text, "  ")
        for line in visible_changes(self.session, outcome):
            self.say(f"* {line}", "  ")
        self.show_events(outcome)

    def show_events(self, outcome: Outcome) -> None:
        for event in outcome.events:
            self.say(f"! {event.title.upper()}: {event.text}", "  ")
        for mid in outcome.arrivals:
            message = self.session.scenario.messages[mid]
            self.say(f"> New message for relay: {message.summary}", "  ")

    def ending(self) -> None:
        ending = self.session.ending
        assert ending is not None
        self.rule(f"The end: {ending.title}")
        self.say(f"Outcome: {grade_words(ending.grade)}")
        self.say(ending.outcome)
        state = self.session.state
        self.say()
        self.say(f"Decisions: {len(self.session.history)}   Meetings held: {state.meetings}   Final escalation: {state.escalation:.0f}/100")
        for view in party_views(self.session):
            self.say(f"{view.name}: trust {view.trust:.0f}, consent {view.consent}", "  ")
        self.say()
        self.verbatim(f"Session log: {self.log_path}")
        self.verbatim(f"For the full debrief: good-offices debrief {self.log_path}")

    # -- the loop ----------------------------------------------------------------------------
    def run(self, *, show_briefing: bool = True) -> int:
        self.recall_codes()
        if show_briefing:
            self.briefing()
            self.show_events(self.session.opening)
        while not self.session.is_over:
            self.status()
            moves = self.session.moves()
            self.show_moves(moves)
            try:
                move = self.ask(moves)
            except OSError as exc:  # the fresh log of a rebuilt session could not be written
                return self.cannot_save(exc)
            if isinstance(move, Followed):
                continue
            if move is None:
                self.say()
                if not self.session.history:
                    self.verbatim("No decision was made, so no session log is kept.")
                    return 0
                self.verbatim(f"Session saved: {self.log_path}")
                self.verbatim(f"Resume with: good-offices play --resume {self.log_path} --text")
                return 0
            try:
                outcome = self.session.choose(move)
            except OSError as exc:
                return self.cannot_save(exc)
            self.show_outcome(outcome)
        self.ending()
        return 0

    def recall_codes(self) -> None:
        """A resumed session: give each move the code it had before, by listing the moves at
        every past decision of a copy of the game played again from the start (fast, silent)."""
        if not self.session.history:
            return
        again = Session(self.session.loaded, seed=self.session.seed, machines=self.session.machines)
        for outcome in self.session.history:
            for move in again.moves():
                self.codes.code(move)
            again.choose(outcome.move.key)

    def cannot_save(self, exc: OSError) -> int:
        """The log could not be written (a full disk, a vanished folder): every decision before
        this one is in the log; say so, where it is, and how to go on."""
        self.say()
        self.verbatim(f"good-offices: this decision could not be saved ({exc.strerror or exc}).")
        self.verbatim(f"Every decision before it is in {self.log_path}.")
        self.verbatim(f"Free some space, then resume with: good-offices play --resume {self.log_path} --text")
        return 1

    def ask(self, moves: list[Move]) -> Move | Followed | None:
        example = self.codes.code(moves[0])
        while True:
            if self.follow() is RELOADED:
                return RELOADED
            self.out.write(f"\nYour move (a code such as {example}, h for help, q to quit): ")
            self.out.flush()
            line = self.read_line()
            if line is RELOADED:
                return RELOADED
            if isinstance(line, Followed):
                continue
            if not line:
                self.say()
                self.say("End of input.")
                return None
            text = line.strip().lower()
            if not text:
                continue
            if text in ("q", "quit", "exit"):
                return None
            if text in ("h", "help", "?"):
                self.say(HELP)
                continue
            if text in ("g", "glossary"):
                for term, explanation in glossary():
                    self.say(f"{term}: {explanation}", "  ")
                continue
            if text in ("m", "menu", "moves"):
                self.show_moves(moves)
                continue
            if text.startswith("?"):
                move = self.codes.pick(text[1:], moves)
                if move is None:
                    self.say(f"There is no move {text[1:].strip()} on offer.")
                else:
                    self.say(f"{self.codes.code(move)}. {move.label}  [key: {move.key}]")
                    self.say(move.description, "  ")
                continue
            move = self.codes.pick(text, moves)
            if move is not None:
                if self.confirmed(move):
                    return move
                continue
            gone = self.codes.gone(text)
            if gone:
                self.say(f"{text} ({gone}) is not on offer this turn; 'm' shows the moves that are.")
            else:
                self.say(f"'{line.strip()}' is not a move. Type a move's code, such as {example} ('h' for help).")

    def read_line(self) -> str | Followed:
        """The next line typed. When watching at a terminal (not through a pipe, not on
        Windows, where a console cannot be waited on this way), the file is looked at twice a
        second meanwhile, and a save interrupts the wait."""
        if self.watch is not None and os.name != "nt" and _is_terminal(self.stdin):
            while not select.select([self.stdin], [], [], POLL_SECONDS)[0]:
                followed = self.follow()
                if followed is not None:
                    return followed
        return self.stdin.readline()

    def follow(self) -> Followed | None:
        """Look at the watched file: None if it is unchanged; after a save, say what the
        rebuild did (the session is then the new one) or show the file's errors."""
        if self.watch is None:
            return None
        reload = self.watch.poll()
        if reload is None:
            return None
        self.rule("Scenario reloaded" if reload.session is not None else "Scenario NOT reloaded")
        self.say(reload.summary())
        source = source_lines(reload.file) if reload.problems else None
        for problem in reload.problems:  # as `validate` shows them: located, the line with a caret, the hint
            at = problem.line
            self.verbatim(
                problem.render(source[at - 1] if source is not None and problem.file == reload.file and 0 < at <= len(source) else None)
            )
        if reload.session is None:
            return Followed.INVALID
        self.session = reload.session
        self.log_path = str(self.watch.live.log_path)
        self.verbatim(f"A fresh session log, with the moves replayed: {self.log_path}")
        return RELOADED

    def confirmed(self, move: Move) -> bool:
        """Ask before a move that cannot be undone (or before every move, with --confirm all)."""
        warning = consequence(move)
        if self.confirm == "none" or (self.confirm == "risky" and not warning):
            return True
        self.say(f"{self.codes.code(move)}. {move.label}. {warning}".strip())
        self.out.write("Play it? (y/N): ")
        self.out.flush()
        answer = self.stdin.readline().strip().lower()
        if answer in ("y", "yes"):
            return True
        self.say("Not played. Choose again ('m' shows the moves).")
        return False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and stream.fileno() >= 0
    except (AttributeError, ValueError, OSError):
        return False
