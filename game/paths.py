"""The folders the program uses unless told otherwise, from platformdirs.

One place for them: session logs (`play --log-dir`, `sessions --log-dir`), the window's
settings, and crash reports. `play --help` and `sessions --help` name them, through
`game/commands/folderhelp.py`, which imports this module only when the help is shown.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_log_path

__all__ = ["crash_folder", "log_folder", "settings_folder"]

APP = "good-offices"


def log_folder() -> Path:
    """Where session logs are written and looked for."""
    return user_data_path(APP, appauthor=False) / "logs"


def settings_folder() -> Path:
    """Where the window keeps its settings (GOOD_OFFICES_CONFIG_DIR overrides it)."""
    override = os.environ.get("GOOD_OFFICES_CONFIG_DIR")
    return Path(override) if override else user_config_path(APP, appauthor=False)


def crash_folder() -> Path:
    """Where the window writes a report of an unexpected error."""
    return user_log_path(APP, appauthor=False)
