"""The pause menu (Esc during play): resume, settings, save and leave."""

from __future__ import annotations

from game.frontends.gui.scene import Host
from game.frontends.gui.scene_menu import MenuScene


class PauseScene(MenuScene):
    name = "pause"

    def __init__(self, app: Host) -> None:
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
        self.app.open("glossary")

    def settings(self) -> None:
        self.app.open("settings")

    def to_title(self) -> None:
        self.app.close_session()
        self.app.go("title")

    def app_quit(self) -> None:
        self.app.quit()
