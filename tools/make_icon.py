"""Draw the game's icon (assets/good-offices.png, 256x256) with pygame: two parties' grounds,
the envoy's dashed line between them, and the venue where they meet, on the title screen's
colours. Run once after changing the drawing; the PNG is committed.

    python tools/make_icon.py [--out assets/good-offices.png] [--size 256]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NAVY, SEA, LAND, BLUE, OCHRE, GREEN, WHITE = "#1B2A3A", "#24384D", "#EEEBE5", "#2E75BE", "#B8652A", "#4E9A5B", "#FFFFFF"


def draw(size: int) -> pygame.Surface:
    scale = 4  # drawn large, then smoothed down: pygame's shapes have no anti-aliasing of their own
    big = size * scale
    surface = pygame.Surface((big, big), pygame.SRCALPHA)
    pygame.draw.rect(surface, NAVY, surface.get_rect(), border_radius=big // 6)
    inner = surface.get_rect().inflate(-big // 16, -big // 16)
    pygame.draw.rect(surface, SEA, inner, border_radius=big // 7)
    a, b = (int(big * 0.28), int(big * 0.34)), (int(big * 0.72), int(big * 0.52))
    venue = (int(big * 0.47), int(big * 0.76))
    for centre, colour in ((a, BLUE), (b, OCHRE)):
        ground = pygame.Color(LAND).lerp(colour, 0.25)
        pygame.draw.circle(surface, ground, centre, int(big * 0.17))
    for centre in (a, b):
        pygame.draw.line(surface, LAND, centre, venue, max(2, big // 90))
    direction = pygame.Vector2(b) - pygame.Vector2(a)
    length, step = direction.length(), big / 22
    direction = direction.normalize()
    travelled = 0.0
    while travelled < length:
        start = pygame.Vector2(a) + direction * travelled
        end = pygame.Vector2(a) + direction * min(travelled + step, length)
        pygame.draw.line(surface, WHITE, start, end, big // 36)
        travelled += step * 2
    for centre, colour in ((a, BLUE), (b, OCHRE)):
        pygame.draw.circle(surface, WHITE, centre, int(big * 0.085))
        pygame.draw.circle(surface, colour, centre, int(big * 0.065))
    square = pygame.Rect(0, 0, int(big * 0.12), int(big * 0.12))
    square.center = venue
    pygame.draw.rect(surface, WHITE, square.inflate(big // 40, big // 40), border_radius=big // 60)
    pygame.draw.rect(surface, GREEN, square, border_radius=big // 80)
    return pygame.transform.smoothscale(surface, (size, size))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "good-offices.png")
    parser.add_argument("--size", type=int, default=256)
    args = parser.parse_args()
    pygame.display.init()
    pygame.image.save(draw(args.size), str(args.out))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
