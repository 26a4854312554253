"""Play scripted runs in the game window (off screen) and save a PNG of every screen.

    python tools/screenshots.py --out DIR [--scenario PATH] [--variants default,text200,...]

Each settings variant (text size, high contrast, window size) plays the same run, so the PNGs
can be compared side by side; the README's images in docs/screenshots/ come from here.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.frontends.gui.driver import headless  # noqa: E402

headless()

import pygame  # noqa: E402

from game.frontends.gui import driver  # noqa: E402
from game.frontends.gui.app import App  # noqa: E402
from game.frontends.gui.scene_play import PlayScene  # noqa: E402
from game.scenario.bundled import bundled_paths  # noqa: E402

VARIANTS = {
    "default": ((1280, 720), {}),
    "text200": ((1280, 720), {"text_size": 200}),
    "contrast": ((1280, 720), {"high_contrast": True}),
    "small": ((1024, 600), {}),
    "small_text200": ((1024, 600), {"text_size": 200}),
}
AVOID = ("distorted", "publish", "withhold", "blame", "propose_formula")


def default_scenario() -> Path:
    bundled = bundled_paths()
    return bundled[0] if bundled else ROOT / "tests" / "fixtures" / "minimal.yaml"


class Shooter:
    def __init__(self, out: Path, variant: str, app: App) -> None:
        self.out, self.variant, self.app = out, variant, app
        self.taken: list[str] = []

    def __call__(self, name: str) -> None:
        driver.settle(self.app, 4)
        path = self.out / f"{self.variant}-{name}.png"
        pygame.image.save(self.app.screen, str(path))
        self.taken.append(path.name)


def pick_move(scene: PlayScene, rng: random.Random) -> str:
    moves = [m for m in scene.session.moves() if not any(word in m.key for word in AVOID)]
    choices = [m for m in moves if m.verb == "choice"]
    if choices:
        return choices[0].key
    for verb in ("approach", "relay", "propose_venue", "convene"):
        found = [m for m in moves if m.verb == verb]
        if found and rng.random() < 0.7:
            return rng.choice(found).key
    return rng.choice(moves).key


def run_variant(out: Path, variant: str, scenario: Path, seed: int) -> list[str]:
    size, overrides = VARIANTS[variant]
    work = Path(tempfile.mkdtemp(prefix="go-shots-"))
    os.environ["GOOD_OFFICES_CONFIG_DIR"] = str(work / "config")
    (work / "config").mkdir()
    settings = {"trainee": "", "scenario_folder": str(ROOT / "tests" / "invalid")} | overrides
    (work / "config" / "settings.json").write_text(json.dumps(settings))
    app = App(log_dir=work / "logs", seed=seed, size=size)
    shoot = Shooter(out, variant, app)
    try:
        from game.frontends.gui import start

        start(app)
        shoot("01-title")
        driver.press(app, pygame.K_TAB)
        driver.press(app, pygame.K_RETURN)
        shoot("02-picker")
        names = [e.path.resolve() for e in app.top.entries]  # type: ignore[attr-defined]
        index = names.index(scenario.resolve()) if scenario.resolve() in names else 0
        app.top.focus.focus_key(f"entry:{index}")  # type: ignore[attr-defined]
        broken = next((i for i, e in enumerate(app.top.entries) if e.loaded is None), None)  # type: ignore[attr-defined]
        if broken is not None:
            app.top.focus.focus_key(f"entry:{broken}")  # type: ignore[attr-defined]
            shoot("03-picker-invalid")
            app.top.focus.focus_key(f"entry:{index}")  # type: ignore[attr-defined]
        driver.press(app, pygame.K_RETURN)
        driver.type_text(app, "Amina Diallo")
        shoot("04-name")
        driver.press(app, pygame.K_RETURN)
        shoot("05-briefing")
        driver.press(app, pygame.K_RETURN)
        if app.top.name == "event":
            shoot("06-event")
            driver.dismiss_dialogs(app)
        shoot("07-play")
        rng = random.Random(seed)
        scene = app.top
        assert isinstance(scene, PlayScene)
        key = pick_move(scene, rng)
        path = driver.menu_path(app, key)
        driver.digit(app, path[0])
        shoot("08-play-group")
        for number in path[1:]:
            driver.digit(app, number)
        driver.press(app, pygame.K_TAB)
        shoot("09-play-confirm")
        driver.press(app, pygame.K_RETURN)
        event_shot = False
        for turn in range(60):
            if app.top.name == "event":
                if not event_shot:
                    shoot("10-event")
                    event_shot = True
                driver.dismiss_dialogs(app)
            if not isinstance(app.top, PlayScene):
                break
            if turn == 3:
                shoot("11-play-later")
                driver.press(app, pygame.K_h, "h")
                shoot("12-history")
                driver.press(app, pygame.K_ESCAPE)
                driver.press(app, pygame.K_g, "g")
                shoot("12b-glossary")
                driver.press(app, pygame.K_ESCAPE)
                driver.press(app, pygame.K_ESCAPE)
                shoot("13-pause")
                driver.press(app, pygame.K_DOWN)
                driver.press(app, pygame.K_DOWN)  # past "Terms and principles"
                driver.press(app, pygame.K_RETURN)
                shoot("14-settings")
                driver.press(app, pygame.K_ESCAPE)
                driver.press(app, pygame.K_ESCAPE)
            driver.choose(app, pick_move(app.top, rng))  # type: ignore[arg-type]
        driver.settle(app)
        if app.top.name == "ending":
            shoot("15-ending")
            driver.press(app, pygame.K_RETURN)
            driver.until(app, lambda: getattr(app.top, "ready", False))  # computed off the frame
            driver.settle(app, 2)
            shoot("16-debrief")
            app.top.write_report()  # type: ignore[attr-defined]
            shoot("17-debrief-report")
    finally:
        app.shutdown()
    return shoot.taken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--scenario", type=Path, default=None)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    scenario = args.scenario or default_scenario()
    for variant in args.variants.split(","):
        taken = run_variant(args.out, variant, scenario, args.seed)
        print(f"{variant}: {len(taken)} screens")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
