"""`good-offices map SCENARIO -o map.png`: the play screen's map as a picture, drawn off screen.

An instructor checks a scenario's map picture (`map_image`) and where its parties and venues
sit without starting the game or having a display. pygame is imported only when the command
runs, through the window's own map drawing, with SDL's dummy video driver.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from game.console import EXIT_ERRORS, EXIT_OK, complain, load_named
from game.printable import shown

DEFAULT_SIZE = (960, 540)
TEXT_SIZES = (100, 125, 150, 175, 200)


def picture_size(text: str) -> tuple[int, int]:
    found = re.fullmatch(r"\s*(\d{2,5})\s*[xX\u00d7]\s*(\d{2,5})\s*", text)
    if found is None:
        raise argparse.ArgumentTypeError("give the size as WIDTHxHEIGHT in pixels, for example 960x540")
    width, height = int(found.group(1)), int(found.group(2))
    if not (160 <= width <= 4096 and 120 <= height <= 4096):
        raise argparse.ArgumentTypeError("the width must be 160 to 4096 pixels and the height 120 to 4096")
    return width, height


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "map",
        help="save a scenario's map (parties, venues, map picture) as a PNG, without a display",
        description="Draw a scenario's map panel (its picture, parties and venues with their labels) off screen and save it "
        "as a PNG; print where each marker and label went. Needs no display.",
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="a bundled scenario id (see 'good-offices list') or a path to a scenario file")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="the PNG file to write")
    parser.add_argument(
        "--size", type=picture_size, default=DEFAULT_SIZE, metavar="WxH", help="the picture's size in pixels (default 960x540)"
    )
    parser.add_argument("--text-size", type=int, choices=TEXT_SIZES, default=100, help="the labels' text size in percent (default 100)")
    parser.add_argument("--contrast", action="store_true", help="use the high-contrast theme (default: the calm one)")
    return parser


def run(args: argparse.Namespace) -> int:
    loaded = load_named(args.scenario)
    if loaded is None:
        return EXIT_ERRORS
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        import pygame

        from game.frontends.gui.map_backdrop import backdrop, backdrop_path
        from game.frontends.gui.map_picture import map_picture, start_offscreen
        from game.frontends.gui.map_view import map_positions
    except ImportError as exc:  # pragma: no cover - a broken install
        complain(f"drawing the map needs pygame-ce ({exc})")
        return EXIT_ERRORS
    try:
        start_offscreen()
        picture, layout = map_picture(loaded, args.size, text_size=args.text_size, high_contrast=args.contrast)
        pygame.image.save(picture, str(args.output))
    except (pygame.error, OSError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        print(f"{shown(str(args.output))}: cannot write the map: {reason}", file=sys.stderr)
        return EXIT_ERRORS
    finally:
        pygame.quit()
    scenario = loaded.scenario
    print(f"wrote {shown(str(args.output))} ({args.size[0]}\u00d7{args.size[1]}): the map of {scenario.title}")
    image = scenario.map_image
    if image is not None:
        drawn = backdrop_path(loaded) is not None and backdrop(loaded, (8, 8)) is not None
        print(
            f"  map picture {image}: "
            + ("drawn behind the map" if drawn else "NOT drawn: missing, not a PNG/JPEG, too large, or outside the scenario's folder")
        )
    from game.engine.session import Session

    parties, venues = map_positions(Session(loaded, seed=0))
    for kind, spots, specs in (("party", parties, scenario.parties), ("venue", venues, scenario.venues)):
        for key, (x, y) in spots.items():
            where = "map_position" if specs[key].map_position else "placed automatically"
            label = layout.texts.get(f"{kind}:{key}", "")
            print(f"  {kind:<5} {key:<20} at {x:.2f}, {y:.2f} ({where}); labelled '{label}'")
    return EXIT_OK
