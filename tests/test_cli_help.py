"""`--help` says what each command does and what each option is, with the default folders, and
the command completes in a shell (issue 10, item 15)."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import build_parser

NO_DEFAULT_TO_STATE = {
    "help",
    "version",
    "text",
    "check",
    "prune",
    "anonymous",
    "as_class",
    "contrast",
    "scenario",
    "logs",
    "paths",
    "log",
    "shell",
}
"""Flags and required or positional arguments: nothing is chosen for the user, so no default to name."""


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_subcommand_has_a_description_and_every_option_a_help_line(name: str) -> None:
    parser = subcommands()[name]
    assert parser.description and len(parser.description) > 40, f"{name}: no description"
    for action in parser._actions:
        label = "/".join(action.option_strings) or action.dest
        assert action.help, f"{name} {label}: no help line"
        optional = action.option_strings and not action.required and action.choices is None
        if action.dest not in NO_DEFAULT_TO_STATE and optional or action.dest == "format":
            assert "default" in action.help, f"{name} {label}: the help does not say what happens without it"


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, env=env, timeout=120)


def test_help_names_the_default_folders(cli_env: dict[str, str], tmp_path: Path) -> None:
    env = {k: v for k, v in cli_env.items() if k != "GOOD_OFFICES_CONFIG_DIR"}
    logs = Path(cli_env["XDG_DATA_HOME"]) / "good-offices" / "logs"
    settings = Path(cli_env["XDG_CONFIG_HOME"]) / "good-offices"

    def joined(text: str) -> str:  # argparse wraps long paths, after a hyphen too
        return "".join(text.split())

    play = cli("play", "--help", env=env)
    assert play.returncode == 0 and joined(play.stdout).count(f"(defaultfolder:{logs})") == 1
    assert joined(f"(default: {logs})") in joined(play.stdout) and joined(f"settings in {settings}.") in joined(play.stdout)
    sessions = cli("sessions", "--help", env=env)
    assert joined(f"(default: {logs})") in joined(sessions.stdout)


def test_completion_scripts_name_every_subcommand(cli_env: dict[str, str]) -> None:
    for shell in ("bash", "zsh", "tcsh"):
        result = cli("completion", shell, env=cli_env)
        assert result.returncode == 0, result.stderr
        for name in subcommands():
            assert name in result.stdout, (shell, name)
    result = cli("completion", "fish", env=cli_env)
    assert result.returncode == 2 and "invalid choice: 'fish'" in result.stderr


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_subcommands_options_and_choices(cli_env: dict[str, str], tmp_path: Path) -> None:
    script = tmp_path / "good-offices.bash"
    script.write_text(cli("completion", "bash", env=cli_env).stdout, encoding="utf-8")
    (tmp_path / "logs").mkdir()

    def complete(*words: str) -> list[str]:
        line = f"""source {script}; COMP_WORDS=(good-offices {" ".join(f'"{w}"' for w in words)}); COMP_CWORD={len(words)};
        _shtab_good_offices; printf '%s\\n' "${{COMPREPLY[@]}}" """
        result = subprocess.run(["bash", "-c", line], capture_output=True, text=True, cwd=tmp_path, timeout=60, env=os.environ)
        return result.stdout.split()

    assert complete("pl") == ["play", "playtest"]
    assert complete("play", "--con") == ["--confirm"]
    assert complete("play", "--confirm", "") == ["all", "risky", "none"]
    assert "logs" in " ".join(complete("sessions", "--log-dir", "lo"))  # folders complete as paths


def test_help_names_a_folder_with_a_percent_sign_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    from game import paths

    monkeypatch.setattr(paths, "log_folder", lambda: Path("/tmp/100%(prog)s/logs"))
    for name in ("play", "sessions"):
        text = subcommands()[name].format_help()
        assert "".join(text.split()).count("/tmp/100%(prog)s/logs") == (2 if name == "play" else 1), text


HEAVY = ("dataclasses", "platformdirs", "pydantic", "importlib.resources", "game.diagnostics", "game.scenario.yaml_source", "game.engine")
LIST_PROBE = f"""
import sys
before = set(sys.modules)
from game.cli import main
status = main(["list"])
print(sorted(name for name in {HEAVY!r} if name in sys.modules and name not in before), status)
"""


def test_list_and_help_import_neither_the_scenario_reader_nor_diagnostics_nor_platform_folders(cli_env: dict[str, str]) -> None:
    """What made `good-offices list` three times `python -c pass`: only the headers are read."""
    result = subprocess.run([sys.executable, "-c", LIST_PROBE], capture_output=True, text=True, env=cli_env, timeout=120)
    assert result.returncode == 0 and result.stdout.splitlines()[-1] == "[] 0", result.stdout + result.stderr
