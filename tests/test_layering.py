"""The layers of the code, read from the source: who may import whom.

    game.cli  ->  game.commands.*  ->  game.frontends.*  ->  game.console  ->  the core
                                                           (scenario, engine, debrief, authoring)

Every `import` counts, at the top of a module or inside a function, so a lazy import cannot
hide a cycle. A module that moves or is renamed makes these tests fail, not pass silently:
each rule first checks that the modules it speaks of exist.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"
CORE = ("game.scenario", "game.engine", "game.debrief", "game.authoring", "game.principles")
ABOVE_CORE = ("game.cli", "game.commands", "game.frontends", "game.console")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(GAME.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(GAME.rglob("*.py"))}


def imported(path: Path, name: str) -> Iterator[str]:
    """The modules `path` imports, by their full names (`from game.x import y` gives game.x and,
    when y is a module, game.x.y). The project writes absolute imports only."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{name}:{node.lineno}: a relative import; write it absolute"
            yield node.module or ""
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {target for target in imported(path, name) if target in known and target != name} for name, path in known.items()}


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


@pytest.fixture(scope="module")
def edges() -> dict[str, set[str]]:
    found = graph()
    for expected in ("game.cli", "game.console", "game.frontends.launch", "game.frontends.gui", "game.frontends.options"):
        assert expected in found, f"{expected} is gone: update this test with the new layering"
    assert any(within(name, ("game.commands",)) and name != "game.commands" for name in found)
    return found


def reaches(edges: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in edges.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_nothing_imports_the_command_line_but_the_program_entry(edges: dict[str, set[str]]) -> None:
    importers = sorted(name for name, targets in edges.items() if "game.cli" in targets)
    assert importers == ["game.__main__"]


def test_front_ends_and_commands_do_not_reach_back_up_to_the_command_line(edges: dict[str, set[str]]) -> None:
    for name in edges:
        if within(name, ("game.frontends", "game.commands", "game.console")):
            assert "game.cli" not in reaches(edges, name), f"{name} reaches game.cli"


def test_the_front_ends_never_import_the_subcommands(edges: dict[str, set[str]]) -> None:
    for name, targets in edges.items():
        if within(name, ("game.frontends",)):
            assert not [t for t in targets if within(t, ("game.commands",))], name


def test_console_sits_below_the_commands_and_the_front_ends(edges: dict[str, set[str]]) -> None:
    above = [t for t in reaches(edges, "game.console") if within(t, ("game.cli", "game.commands", "game.frontends"))]
    assert above == []


def test_the_core_never_imports_the_commands_front_ends_or_console(edges: dict[str, set[str]]) -> None:
    for name, targets in edges.items():
        if within(name, CORE):
            assert not [t for t in targets if within(t, ABOVE_CORE)], name


def test_no_import_cycle_passes_through_the_command_line_layers(edges: dict[str, set[str]]) -> None:
    for name in edges:
        if within(name, ABOVE_CORE):
            assert name not in reaches(edges, name), f"{name} imports itself through others"


def test_exit_codes_are_defined_once() -> None:
    definitions = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign):
                names = [n.id for target in node.targets for n in ast.walk(target) if isinstance(n, ast.Name)]
                definitions += [(name, n) for n in names if n.startswith("EXIT_")]
    assert sorted(definitions) == [
        ("game.console", "EXIT_ERRORS"),
        ("game.console", "EXIT_INTERRUPTED"),
        ("game.console", "EXIT_OK"),
        ("game.console", "EXIT_USAGE"),
    ]


def test_importing_the_window_package_leaves_the_environment_alone() -> None:
    import os
    import subprocess
    import sys

    probe = "import os; before = dict(os.environ); import game.frontends.gui; print(dict(os.environ) == before)"
    env = {k: v for k, v in os.environ.items() if k != "PYGAME_HIDE_SUPPORT_PROMPT"}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env)
    assert result.stdout.strip() == "True", result.stderr
