"""The README's two commands are what a new user runs first; CI must run the same test command."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _indented_commands(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.startswith("    ") and line.strip()]


def test_readme_opens_with_an_install_and_play_command_and_an_install_and_test_command():
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("---")[0]
    commands = _indented_commands(head)
    assert len(commands) == 2
    play, test = commands
    assert "pip install" in play and "good-offices play" in play
    assert "pip install" in test and "pytest" in test


def test_ci_runs_the_readme_test_command_exactly():
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("---")[0]
    test_command = _indented_commands(head)[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()
