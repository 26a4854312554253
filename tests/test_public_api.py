"""Each package says what it offers (`__all__`), and every name it offers imports.

A name left in `__all__` after a rename, or a package added without saying what it offers,
fails here rather than at a user's `from game.engine import ...`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"
PACKAGES = sorted(
    ".".join(path.parent.relative_to(GAME.parent).parts) for path in GAME.rglob("__init__.py") if "__pycache__" not in path.parts
)


def test_the_packages_are_found() -> None:
    assert {"game", "game.scenario", "game.engine", "game.debrief", "game.frontends.gui"} <= set(PACKAGES)


@pytest.mark.parametrize("name", PACKAGES)
def test_every_package_lists_what_it_offers_and_each_name_imports(name: str) -> None:
    package = importlib.import_module(name)
    offered = getattr(package, "__all__", None)
    assert offered, f"{name} has no __all__"
    assert len(set(offered)) == len(offered), f"{name}.__all__ names something twice"
    for item in offered:
        found = getattr(package, item, None)
        if found is None:  # a public submodule, imported on demand
            found = importlib.import_module(f"{name}.{item}")
        assert found is not None, f"{name}.{item}"
        if isinstance(found, ModuleType):
            assert found.__name__ == f"{name}.{item}", f"{name}.{item} is {found.__name__}"
