"""Every scene by name, in one place: the app builds scenes from this table, so scenes never
import each other (`app.go("debrief", session=..., log_path=...)`).

A scene's module is imported the first time the scene is asked for, or by the window in the
background once its first frame is up, so the title screen is up before the play screen, the
debrief and the scenario loader behind them are imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module

from game.frontends.gui.scene import Scene

_WHERE: dict[str, tuple[str, str]] = {
    "title": ("scene_title", "TitleScene"),
    "sessions": ("scene_sessions", "SessionsScene"),
    "picker": ("scene_picker", "PickerScene"),
    "name": ("scene_name", "NameScene"),
    "briefing": ("scene_briefing", "BriefingScene"),
    "play": ("scene_play", "PlayScene"),
    "ending": ("scene_ending", "EndingScene"),
    "debrief": ("scene_debrief", "DebriefScene"),
    "pause": ("scene_pause", "PauseScene"),
    "settings": ("scene_settings", "SettingsScene"),
    "history": ("scene_history", "HistoryScene"),
    "glossary": ("scene_glossary", "GlossaryScene"),
    "dialog": ("scene_dialog", "DialogScene"),
}


class SceneTable(Mapping[str, Callable[..., Scene]]):
    """name -> scene class, each module imported on first use."""

    def __init__(self, where: dict[str, tuple[str, str]]) -> None:
        self._where = where

    def __getitem__(self, name: str) -> Callable[..., Scene]:
        module, cls = self._where[name]
        scene: Callable[..., Scene] = getattr(import_module(f"{__package__}.{module}"), cls)
        return scene

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def import_all(self) -> None:
        """Import every scene's module (the window does it in a thread once its first frame is
        up, so the first play screen does not wait for the engine's and the loader's imports), and
        load what the first count in words needs."""
        for module, _ in self._where.values():
            import_module(f"{__package__}.{module}")
        from game.words import count

        count(2, "session")  # Babel's locale data, loaded by the first count in words: 25-40 ms


SCENES: Mapping[str, Callable[..., Scene]] = SceneTable(_WHERE)
