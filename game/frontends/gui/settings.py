"""The window's settings, remembered between runs in the user's config folder.

A missing file means defaults. A corrupt or hand-edited file never stops the game: whatever
cannot be read falls back to its default, with one warning line on stderr.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from game.paths import settings_folder
from game.safefile import read_regular

TEXT_SIZES = (100, 125, 150, 175, 200)
"""Text size steps, in percent of the default."""


@dataclass(frozen=True)
class Settings:
    text_size: int = 100
    high_contrast: bool = False
    fullscreen: bool = False
    trainee: str = ""
    scenario_folder: str = ""

    @property
    def text_scale(self) -> float:
        return self.text_size / 100.0

    def with_changes(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


SETTINGS_LIMIT = 64 * 1024
"""A settings file is a few lines; anything bigger is not ours."""


def settings_path() -> Path:
    return settings_folder() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        raw = json.loads(read_regular(path, SETTINGS_LIMIT).decode("utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        _warn(f"{path}: cannot read the settings ({_reason(exc)}); using the defaults")
        return Settings()
    if not isinstance(raw, dict):
        _warn(f"{path}: the settings are not a JSON object; using the defaults")
        return Settings()
    return _from_dict(raw, path)


def save_settings(settings: Settings, path: Path | None = None) -> str | None:
    """Write the settings; returns a problem in words, or None when saved."""
    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(settings), indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        return f"cannot save the settings in {path}: {exc.strerror or exc}"
    return None


def _from_dict(raw: dict[str, object], path: Path) -> Settings:
    defaults = Settings()
    values: dict[str, object] = {}
    bad: list[str] = []
    size = raw.get("text_size", defaults.text_size)
    if isinstance(size, int) and not isinstance(size, bool) and 100 <= size <= 200:
        values["text_size"] = min(TEXT_SIZES, key=lambda step: abs(step - size))
    else:
        bad.append("text_size")
    for name in ("high_contrast", "fullscreen"):
        value = raw.get(name, getattr(defaults, name))
        if isinstance(value, bool):
            values[name] = value
        else:
            bad.append(name)
    for name in ("trainee", "scenario_folder"):
        value = raw.get(name, "")
        if isinstance(value, str) and len(value) <= 500:
            values[name] = value
        else:
            bad.append(name)
    if bad:
        _warn(f"{path}: ignoring unreadable setting(s) {', '.join(bad)}; using their defaults")
    return replace(defaults, **values)  # type: ignore[arg-type]


def _reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON at line {exc.lineno}"
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)


def _warn(text: str) -> None:
    print(f"good-offices: warning: {text}", file=sys.stderr)
