"""Every scene by name, in one place: the app builds scenes from this table, so scenes never
import each other (`app.go("debrief", session=..., log_path=...)`)."""

from __future__ import annotations

from collections.abc import Callable

from game.frontends.gui.scene import Scene
from game.frontends.gui.scene_briefing import BriefingScene
from game.frontends.gui.scene_debrief import DebriefScene
from game.frontends.gui.scene_dialog import DialogScene
from game.frontends.gui.scene_ending import EndingScene
from game.frontends.gui.scene_glossary import GlossaryScene
from game.frontends.gui.scene_history import HistoryScene
from game.frontends.gui.scene_name import NameScene
from game.frontends.gui.scene_pause import PauseScene
from game.frontends.gui.scene_picker import PickerScene
from game.frontends.gui.scene_play import PlayScene
from game.frontends.gui.scene_sessions import SessionsScene
from game.frontends.gui.scene_settings import SettingsScene
from game.frontends.gui.scene_title import TitleScene

SCENES: dict[str, Callable[..., Scene]] = {
    "title": TitleScene,
    "sessions": SessionsScene,
    "picker": PickerScene,
    "name": NameScene,
    "briefing": BriefingScene,
    "play": PlayScene,
    "ending": EndingScene,
    "debrief": DebriefScene,
    "pause": PauseScene,
    "settings": SettingsScene,
    "history": HistoryScene,
    "glossary": GlossaryScene,
    "dialog": DialogScene,
}
