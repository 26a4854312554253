"""The pause menu (Esc during play): resume, settings, save and leave."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.frontends.gui.scene_menu import MenuScene

if TYPE_CHECKING:
    from game.frontends.gui.app import App


class PauseScene(MenuScene):
    def __init__(self, app: App) -> None:
        where = str(app.live.log_path) if app.live is not None else ""
        super().__init__(
            app,
            "Paused",
            "Every decision is saved as you make it" + (f", in {where}." if where else "."),
            [
                ("Resume", self.resume_play, "Back to the crisis (Esc)"),
                ("Terms and principles", self.terms, "What consent, channel and mandate mean, and the principles (G during play)"),
                ("Settings", self.settings, "Text size, high contrast, full screen"),
                ("Save and return to the title screen", self.to_title, "The session can be resumed from the title screen"),
                ("Save and quit", self.app_quit, "Close the window; the session can be resumed next time"),
            ],
            name="pause",
        )

    def resume_play(self) -> None:
        self.app.pop()

    def terms(self) -> None:
        from game.frontends.gui.scene_glossary import GlossaryScene

        self.app.push(GlossaryScene(self.app))

    def settings(self) -> None:
        from game.frontends.gui.scene_settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def to_title(self) -> None:
        from game.frontends.gui.scene_title import TitleScene

        self.app.close_session()
        self.app.replace(TitleScene(self.app))

    def app_quit(self) -> None:
        self.app.quit()
