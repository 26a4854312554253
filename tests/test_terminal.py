"""Terminal play as a trainee at a keyboard (or a script at a pipe) meets it."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys

from conftest import STRAIT

from game.engine.session import Session
from game.frontends.terminal.play import TerminalPlay

LOG = "/tmp/logs/strait-ada-20240501T090000-7.jsonl"


def run(loaded, typed: str, *, seed: int = 7, briefing: bool = True) -> tuple[Session, str, int]:
    session = Session(loaded, seed=seed)
    out = io.StringIO()
    code = TerminalPlay(session, LOG, io.StringIO(typed), out).run(show_briefing=briefing)
    return session, out.getvalue(), code


class AlwaysWait(io.StringIO):
    """Types the number of the last move (always 'Wait') at every prompt."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def readline(self, size: int = -1) -> str:
        return f"{len(self.session.moves())}\n"


def test_briefing_shows_the_situation_role_and_parties(strait) -> None:
    _, text, code = run(strait, "")
    assert code == 0
    assert "== The Narrow Strait " in text
    assert "A patrol boat of the North has seized a Southern trawler." in text
    assert "You are: Special Envoy of the Secretary-General, acting for the Secretary-General." in text
    assert "the North (Premier Halvard): Holds the trawler and its crew." in text
    assert "> New message for relay: The North's terms for the crew" in text


def test_status_shows_what_the_trainee_may_see_and_hides_the_rest(strait) -> None:
    _, text, _ = run(strait, "")
    assert "Day 1 of 20" in text and "Standoff at sea" in text
    assert "Escalation [" in text and "30/100" in text
    assert "preconditions: The crew must be released" in text
    assert "Inbox (1):" in text
    assert "Face-saving" not in text and "face-saving" not in text, "hidden intentions stay hidden"
    assert "pressure" not in text.lower().replace("hardliner pressure", ""), "hardliner pressure is not on the screen"


def test_moves_have_codes_and_are_grouped(strait) -> None:
    session, text, _ = run(strait, "")
    assert " w1. Wait a day" in text and " c1. Offer good offices to the North" in text and " c2. Offer good offices to the South" in text
    assert " Consent:" in text and " Messages:" in text
    assert "Your move (a code such as o1, h for help, q to quit): " in text


def test_end_of_input_saves_and_names_the_log(strait) -> None:
    session, text, code = run(strait, "1\n")
    assert code == 0 and len(session.history) == 1
    assert text.rstrip().endswith(f"Resume with: good-offices play --resume {LOG} --text")
    assert f"Session saved: {LOG}\n" in text
    assert "End of input." in text


def test_quit_saves_too(strait) -> None:
    session, text, code = run(strait, "1\nq\n2\n")
    assert code == 0 and len(session.history) == 1
    assert f"Session saved: {LOG}" in text and "End of input." not in text


def test_quit_before_any_decision_says_no_log_is_kept(strait) -> None:
    session, text, code = run(strait, "q\n")
    assert code == 0 and session.history == []
    assert "No decision was made, so no session log is kept." in text and "Session saved" not in text


def test_long_log_paths_are_never_wrapped(strait) -> None:
    session = Session(strait, seed=1)
    out = io.StringIO()
    long_path = "/home/trainee/" + "very-long-folder-name-" * 8 + "log.jsonl"
    session.choose("wait:")
    TerminalPlay(session, long_path, io.StringIO(""), out).run()
    assert f"good-offices play --resume {long_path} --text\n" in out.getvalue()


def test_words_and_out_of_range_numbers_get_a_hint_and_the_question_again(strait) -> None:
    session, text, code = run(strait, "abc\n999\n0\n-1\n\n1\n")
    count = len(Session(strait, seed=7).moves())
    for typed in ("abc", "999", "0", "-1"):
        assert f"'{typed}' is not a move. Type a move's code, such as o1 ('h' for help)." in text
    assert count < 999
    assert len(session.history) == 1, "the valid number after them was played"
    assert text.count("Your move (") >= 7


def test_help_and_move_descriptions(strait) -> None:
    session, text, _ = run(strait, "h\n? c1\n? 99\n? w7\n")
    first = next(m for m in Session(strait, seed=7).moves() if m.key == "approach:north")
    assert "Type a move's code and Enter" in text
    assert f"c1. {first.label}  [key: approach:north]\n  {first.description}" in text
    assert "There is no move 99 on offer." in text and "There is no move w7 on offer." in text
    assert session.history == []


def test_an_outcome_shows_replies_visible_changes_and_events(strait) -> None:
    session = Session(strait, seed=7)
    number = next(i for i, m in enumerate(session.moves(), 1) if m.key == "approach:north")
    _, text, _ = run(strait, f"{number}\n")
    assert "== You chose: Offer good offices to the North " in text
    assert "the North: We will receive your envoy. This is not a negotiation." in text
    assert "* the North consent: no consent \u2192 contact: the North accepted contact with the envoy" in text
    assert "* the North trust +3 (now 53)" in text


def test_playing_to_the_end_shows_the_ending_and_the_debrief_command(strait) -> None:
    session = Session(strait, seed=7)
    out = io.StringIO()
    code = TerminalPlay(session, LOG, AlwaysWait(session), out).run()
    text = out.getvalue()
    assert code == 0 and session.is_over
    assert "== The end: Stalemate " in text
    assert "Outcome: Stalemate" in text and "The crew is still held; nothing was agreed." in text
    assert f"Decisions: {strait.scenario.clock.turns}" in text
    assert f"For the full debrief: good-offices debrief {LOG}\n" in text
    assert "Your move" not in text.split("== The end")[1]


def test_a_resumed_session_skips_the_briefing(strait) -> None:
    _, text, _ = run(strait, "", briefing=False)
    assert "You are:" not in text and "Day 1 of 20" in text


def test_g_explains_the_terms_and_every_principle_without_spending_a_turn(strait) -> None:
    from game.principles import catalogue

    session, text, code = run(strait, "g\n")
    assert code == 0 and session.history == []
    assert "Consent ladder: How far a party has accepted you" in text
    for principle in catalogue().values():
        assert f"{principle.name}: " in text


def test_a_move_that_cannot_be_undone_asks_first_and_m_shows_the_moves_again(strait) -> None:
    session = Session(strait, seed=1)
    moves = [m.key for m in session.moves()]
    blame = moves.index(next(k for k in moves if k.startswith("public_statement:blame"))) + 1
    wait = moves.index("wait:") + 1
    out = io.StringIO()
    script = f"m\n{blame}\nn\n{wait}\nq\n"
    TerminalPlay(session, LOG, io.StringIO(script), out, confirm="risky").run(show_briefing=False)
    text = out.getvalue()
    assert "Words said in public cannot be taken back." in text and "Play it? (y/N)" in text
    assert "Not played." in text
    assert [o.move.key for o in session.history] == ["wait:"], "the declined move was not played, the ordinary one was"
    assert text.count("Your move (") >= 4


def test_confirm_all_asks_even_for_an_ordinary_move_and_a_yes_plays_it(strait) -> None:
    session = Session(strait, seed=1)
    wait = [m.key for m in session.moves()].index("wait:") + 1
    out = io.StringIO()
    TerminalPlay(session, LOG, io.StringIO(f"{wait}\ny\nq\n"), out, confirm="all").run(show_briefing=False)
    assert [o.move.key for o in session.history] == ["wait:"]
    assert "Play it? (y/N)" in out.getvalue()


# -- issue 10, item 9: codes that do not move, the key beside the description, confirmation at a keyboard


def test_a_move_keeps_its_code_when_new_moves_push_it_down_the_list(strait) -> None:
    """After contact with the North, 'Probe the North' joins the Analysis group above 'Ask the
    analysts': every number below it moved, so last turn's number played another move."""
    shifted = Session(strait, seed=7)
    first = [m.key for m in shifted.moves()]
    shifted.choose("approach:north")
    assert [m.key for m in shifted.moves()].index("consult:analysts") != first.index("consult:analysts"), "numbers used to shift"
    session = Session(strait, seed=7)
    out = io.StringIO()
    TerminalPlay(session, LOG, io.StringIO("c1\na1\nq\n"), out).run(show_briefing=False)
    assert [o.move.key for o in session.history] == ["approach:north", "consult:analysts"]
    first_turn, second_turn = out.getvalue().split("== You chose: Offer good offices to the North", 1)
    assert " a1. Ask political analysts for an assessment" in first_turn and " a1. Ask political analysts" in second_turn
    assert " a3. Probe the North's intentions" in second_turn and "Probe the North" not in first_turn


def test_a_move_can_be_typed_as_its_key(strait) -> None:
    session = Session(strait, seed=7)
    TerminalPlay(session, LOG, io.StringIO("approach:north\nc1\nq\n"), io.StringIO()).run(show_briefing=False)
    assert [o.move.key for o in session.history] == ["approach:north", "approach:north"]


def test_a_code_from_an_earlier_turn_that_is_gone_is_named(minimal) -> None:
    session = Session(minimal, seed=1)
    out = io.StringIO()
    TerminalPlay(session, LOG, io.StringIO("a1\na1\nq\n"), out).run(show_briefing=False)
    assert [o.move.key for o in session.history] == ["consult:analysts"]  # asked once, not on offer again
    text = " ".join(out.getvalue().split())
    assert "a1 (Ask political analysts for an assessment) is not on offer this turn; 'm' shows the moves that are." in text


def test_at_a_keyboard_a_move_with_consequences_asks_first_by_default(strait, tmp_path, cli_env) -> None:
    """No --confirm: a terminal on stdin confirms risky moves (a pipe does not, see test_cli)."""
    blame = next(m.key for m in Session(strait, seed=3).moves() if m.key.startswith("public_statement:blame"))
    primary, secondary = pty.openpty()
    os.write(primary, f"{blame}\nn\nq\n".encode())
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", str(STRAIT), "--text", "--seed", "3", "--log-dir", str(tmp_path)],
        stdin=secondary, capture_output=True, text=True, env=cli_env, timeout=120,
    )  # fmt: skip
    os.close(secondary)
    os.close(primary)
    assert "Words said in public cannot be taken back." in result.stdout and "Play it? (y/N)" in result.stdout
    assert "Not played." in result.stdout and result.returncode == 0


def test_a_resumed_session_keeps_the_codes_of_before(strait) -> None:
    """The codes depend on the moves seen so far; a resume lists them again from the start."""
    typed = "c1\na1\nc2\n"
    whole = Session(strait, seed=7)
    out = io.StringIO()
    TerminalPlay(whole, LOG, io.StringIO(typed + "w1\nq\n"), out).run(show_briefing=False)
    continuous = out.getvalue().rsplit("== You chose: ", 1)[0].rsplit("\n== Day", 1)[1]
    resumed = Session(strait, seed=7)
    TerminalPlay(resumed, LOG, io.StringIO(typed + "q\n"), io.StringIO()).run(show_briefing=False)
    out = io.StringIO()
    TerminalPlay(resumed, LOG, io.StringIO("w1\nq\n"), out).run(show_briefing=False)
    after_resume = out.getvalue().split("\n== Day", 1)[1].split("== You chose: ", 1)[0]
    assert " a3. " in continuous and after_resume == continuous
    assert [o.move.key for o in resumed.history] == [o.move.key for o in whole.history]
