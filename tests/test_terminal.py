"""Terminal play as a trainee at a keyboard (or a script at a pipe) meets it."""

from __future__ import annotations

import io

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


def test_moves_are_numbered_and_grouped(strait) -> None:
    session, text, _ = run(strait, "")
    moves = session.moves()
    assert f"{len(moves):>2}. Wait a day" in text
    assert " Consent:" in text and " Messages:" in text
    assert f"Your move (1-{len(moves)}, h for help, q to quit): " in text


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
        assert f"'{typed}' is not a move. Type a number from 1 to {count} ('h' for help)." in text
    assert len(session.history) == 1, "the valid number after them was played"
    assert text.count("Your move (") >= 7


def test_help_and_move_descriptions(strait) -> None:
    session, text, _ = run(strait, "h\n? 1\n? 99\n")
    first = Session(strait, seed=7).moves()[0]
    assert "Type a move's number and Enter." in text
    assert f"{first.label}: {first.description}" in text
    assert "There is no move 99." in text
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
    assert text.count("Your move (1-") >= 4


def test_confirm_all_asks_even_for_an_ordinary_move_and_a_yes_plays_it(strait) -> None:
    session = Session(strait, seed=1)
    wait = [m.key for m in session.moves()].index("wait:") + 1
    out = io.StringIO()
    TerminalPlay(session, LOG, io.StringIO(f"{wait}\ny\nq\n"), out, confirm="all").run(show_briefing=False)
    assert [o.move.key for o in session.history] == ["wait:"]
    assert "Play it? (y/N)" in out.getvalue()
