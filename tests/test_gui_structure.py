"""The window's modules form no import cycle, and scenes move by name, not by importing each
other (every import counts, including those inside functions and under TYPE_CHECKING)."""

from __future__ import annotations

import ast
from pathlib import Path

GUI = Path(__file__).resolve().parent.parent / "game" / "frontends" / "gui"
PACKAGE = "game.frontends.gui"
BASES = {"scene", "scene_drawer", "scene_menu"}
"""Scene modules that others may subclass; every other scene is reached through the app."""


def imports(module: str) -> set[str]:
    tree = ast.parse((GUI / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            if name.startswith(PACKAGE + "."):
                found.add(name[len(PACKAGE) + 1 :].split(".")[0])
    return {name for name in found if (GUI / f"{name}.py").exists()} - {module}


def graph() -> dict[str, set[str]]:
    return {path.stem: imports(path.stem) for path in GUI.glob("*.py") if path.stem != "__init__"}


def test_the_window_modules_import_each_other_in_no_cycle() -> None:
    edges = graph()
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            assert state.get(nxt) != 1, "import cycle: " + " -> ".join([*trail, node, nxt])
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])


def test_scenes_reach_other_scenes_only_by_name() -> None:
    edges = graph()
    assert "app" not in edges["scene"], "scene.py sees the app through its Host protocol"
    for module, targets in edges.items():
        if module.startswith("scene_"):
            others = {t for t in targets if t.startswith("scene_") and t not in BASES}
            assert not others, f"{module} imports {others}: use app.go(name) / app.open(name)"
            assert "app" not in targets and "scenes" not in targets, module


def test_every_scene_module_is_in_the_registry_under_its_name() -> None:
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from game.frontends.gui.scenes import SCENES

    for name, cls in SCENES.items():
        assert cls.name == name  # type: ignore[attr-defined]
    modules = {path.stem for path in GUI.glob("scene_*.py")} - BASES
    registered = {cls.__module__.rsplit(".", 1)[1] for cls in SCENES.values()}
    assert modules <= registered, modules - registered
