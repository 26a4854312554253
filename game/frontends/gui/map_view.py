"""A schematic map: each party's ground as a soft disc, venues as small squares, and the line
between the parties drawn as the channel stands (none, back channel, official, public).

Positions come from the scenario's `map_position` fractions; missing ones are spread evenly.
Drawn by hand from the theme's palette, over the scenario's own `map_image` when it has one.
"""

from __future__ import annotations

import pygame

from game.engine.session import Session
from game.frontends.gui.map_backdrop import backdrop
from game.frontends.gui.party_panel import party_colour
from game.frontends.gui.sheet import Sheet, tip
from game.frontends.presenter import CHANNEL_WORDS, term_tooltip

CHANNEL_TIPS = {
    "none": "No contact: the parties do not talk, even through you.",
    "indirect": "Indirect: the parties exchange messages through you, without meeting.",
    "proximity": "Proximity talks: both delegations in one place, in separate rooms, with you walking between them.",
    "back_channel": "Secret channel: quiet, deniable meetings in a small circle. Useful early; it can leak.",
    "official": "Official talks: the contact is acknowledged and has a format and a venue.",
    "public": "In public: the contact and its content are out in the open.",
}


def _positions(session: Session) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    scenario = session.scenario
    parties = list(scenario.parties.items())
    spots: dict[str, tuple[float, float]] = {}
    for index, (pid, party) in enumerate(parties):
        spots[pid] = tuple(party.map_position) if party.map_position else ((index + 1) / (len(parties) + 1), 0.42)  # type: ignore[assignment]
    venues: dict[str, tuple[float, float]] = {}
    neutral = [vid for vid, v in scenario.venues.items() if not v.map_position and not v.territory]
    for vid, venue in scenario.venues.items():
        if venue.map_position:
            venues[vid] = tuple(venue.map_position)  # type: ignore[assignment]
        elif venue.territory in spots:
            px, py = spots[venue.territory]
            venues[vid] = (px, min(py + 0.3, 0.9))
        else:
            venues[vid] = ((neutral.index(vid) + 1) / (len(neutral) + 1), 0.8)
    return spots, venues


def paint_map(sheet: Sheet, session: Session, height: int) -> None:
    fonts, pal = sheet.fonts, sheet.pal
    area = pygame.Rect(sheet.pad, sheet.y, sheet.inner, height)
    sheet.y += height
    spots, venue_spots = _positions(session)
    margin = sheet.u(24)
    inner = area.inflate(-2 * margin, -2 * margin)

    def at(fraction: tuple[float, float]) -> tuple[int, int]:
        return inner.x + round(fraction[0] * inner.width), inner.y + round(fraction[1] * inner.height)

    state = session.state
    channel = state.channel.state
    party_ids = list(spots)
    reach = max(28, round(min(inner.width / max(len(party_ids), 1), inner.height) * 0.34))

    picture = backdrop(session.loaded, area.size)

    def background(surface: pygame.Surface) -> None:
        pygame.draw.rect(surface, pal.map_sea, area, border_radius=8)
        clip = surface.get_clip()
        surface.set_clip(area)
        if picture is not None:
            surface.blit(picture, area.topleft)
            wash = pygame.Surface(area.size, pygame.SRCALPHA)
            wash.fill((*pal.map_sea[:3], 120))  # keeps labels readable over any picture
            surface.blit(wash, area.topleft)
        else:
            step = max(24, sheet.u(36))
            for gx in range(area.x + step, area.right, step):
                pygame.draw.line(surface, pal.map_grid, (gx, area.y), (gx, area.bottom), 1)
            for gy in range(area.y + step, area.bottom, step):
                pygame.draw.line(surface, pal.map_grid, (area.x, gy), (area.right, gy), 1)
        for index, pid in enumerate(party_ids):
            land = pal.map_land.lerp(party_colour(sheet, index), 0.10 if not pal.high_contrast else 0.0)
            pygame.draw.circle(surface, land, at(spots[pid]), reach)
            pygame.draw.circle(surface, party_colour(sheet, index).lerp(pal.map_land, 0.55), at(spots[pid]), reach, 2)
        surface.set_clip(clip)
        pygame.draw.rect(surface, pal.border, area, 1, border_radius=8)

    sheet.draw(background)
    placer = _Placer(area.inflate(-8, -8))
    venue = state.venue
    if venue and venue in venue_spots:
        for pid in party_ids:
            sheet.draw(_line(at(spots[pid]), at(venue_spots[venue]), pal.good, 2, dash=0))
    if len(party_ids) >= 2:
        width = {"none": 1, "indirect": 1, "proximity": 2, "back_channel": 2, "official": 3, "public": 5}[channel]
        colour = pal.map_line if channel == "none" else pal.accent
        dash = {"none": 4, "indirect": 6, "back_channel": 10}.get(channel, 0)
        for first, second in zip(party_ids, party_ids[1:], strict=False):
            a, b = at(spots[first]), at(spots[second])
            sheet.draw(_line(a, b, colour, width, dash))
            middle = ((a[0] + b[0]) // 2, (a[1] + b[1]) // 2)
            words = CHANNEL_WORDS[channel]
            label_w = fonts.width("small_b", words) + sheet.u(14)
            label_h = fonts.line_height("small_b") + sheet.u(4)
            chip = pygame.Rect(middle[0] - label_w // 2, middle[1] - label_h - sheet.u(6), label_w, label_h)
            placer.occupy(chip)
            sheet.box(chip, pal.panel, radius=label_h // 2)
            sheet.box(chip, colour, radius=label_h // 2, border=1)
            sheet.line_text("small_b", words, pal.text, (chip.x + sheet.u(7), chip.y + sheet.u(2)))
            sheet.region(
                chip.inflate(sheet.u(8), sheet.u(8)),
                tooltip=tip(term_tooltip("backchannel" if channel == "back_channel" else "channel", CHANNEL_TIPS[channel])),
            )
    dots: list[tuple[str, str, tuple[int, int], int]] = []
    for pid in party_ids:
        centre = at(spots[pid])
        dots.append(("party", pid, centre, max(7, sheet.u(9))))
    for vid, fraction in venue_spots.items():
        dots.append(("venue", vid, at(fraction), max(8, sheet.u(10)) // 2 + 1))
    for _, _, centre, radius in dots:
        placer.occupy(pygame.Rect(centre[0] - radius - 3, centre[1] - radius - 3, 2 * radius + 6, 2 * radius + 6))
    for index, pid in enumerate(party_ids):
        party = session.scenario.parties[pid]
        cx, cy = at(spots[pid])
        radius = max(7, sheet.u(9))
        sheet.draw(_dot((cx, cy), radius, party_colour(sheet, index), pal.panel))
        sub = party.capital or party.leader
        name_w, name_h = fonts.width("small_b", party.name), fonts.line_height("small_b")
        sub_w, sub_h = fonts.width("small", sub), fonts.line_height("small")
        block = placer.place(max(name_w, sub_w) + sheet.u(10), name_h + sub_h + sheet.u(4), (cx, cy), radius + sheet.u(4))
        sheet.box(block, pal.panel, radius=6)
        sheet.box(block, party_colour(sheet, index), radius=6, border=1)
        sheet.line_text("small_b", party.name, pal.heading, (block.centerx - name_w // 2, block.y + sheet.u(2)), max_width=block.width)
        sheet.line_text("small", sub, pal.muted, (block.centerx - sub_w // 2, block.y + sheet.u(2) + name_h), max_width=block.width)
        sheet.region(block, tooltip=tip(f"{party.name} ({party.leader}): {party.public_profile}"))
    for vid, fraction in venue_spots.items():
        spec = session.scenario.venues[vid]
        cx, cy = at(fraction)
        size = max(8, sheet.u(10))
        square = pygame.Rect(cx - size // 2, cy - size // 2, size, size)
        chosen = vid == venue
        sheet.box(square, pal.good if chosen else pal.panel, radius=2)
        sheet.box(square, pal.good if chosen else pal.muted, radius=2, border=2)
        name = spec.name[:1].upper() + spec.name[1:]
        style = "small_b" if chosen else "small"
        label, shown = None, name
        # the full name where it fits, else a short one, else none (crowded maps): the
        # square's tooltip and the moves list always give the full name
        for candidate in dict.fromkeys((name, _short_venue_name(name))):
            width = min(fonts.width(style, candidate), area.width - sheet.u(16))
            label = placer.place_if_free(width + sheet.u(8), fonts.line_height(style), (cx, cy), size // 2 + sheet.u(3))
            if label is not None:
                shown = candidate
                break
        if label is not None:
            sheet.box(label, pygame.Color(pal.map_sea), radius=4)
            colour = pal.text if chosen else pal.muted
            sheet.line_text(style, shown, colour, (label.x + sheet.u(4), label.y), max_width=label.width - sheet.u(8))
        sheet.region((square.union(label) if label else square).inflate(6, 6), tooltip=tip(f"{name}: {spec.description}"))


class _Placer:
    """Puts labels next to their points where they overlap nothing placed before."""

    def __init__(self, bounds: pygame.Rect) -> None:
        self.bounds = bounds
        self.taken: list[pygame.Rect] = []

    def occupy(self, rect: pygame.Rect) -> None:
        self.taken.append(rect)

    def place_if_free(self, width: int, height: int, point: tuple[int, int], gap: int) -> pygame.Rect | None:
        """Like `place` (trying farther out too), but only where it overlaps nothing; None (and
        nothing taken) otherwise."""
        for distance in (gap, gap * 2 + height // 2):
            rect, cost = self._best(width, height, point, distance)
            if not cost:
                self.taken.append(rect)
                return rect
        return None

    def place(self, width: int, height: int, point: tuple[int, int], gap: int) -> pygame.Rect:
        rect, _ = self._best(width, height, point, gap)
        self.taken.append(rect)
        return rect

    def _best(self, width: int, height: int, point: tuple[int, int], gap: int) -> tuple[pygame.Rect, int]:
        x, y = point
        candidates = [
            pygame.Rect(x - width // 2, y + gap, width, height),
            pygame.Rect(x - width // 2, y - gap - height, width, height),
            pygame.Rect(x + gap + 2, y - height // 2, width, height),
            pygame.Rect(x - gap - 2 - width, y - height // 2, width, height),
            pygame.Rect(x + gap, y + gap, width, height),
            pygame.Rect(x - gap - width, y - gap - height, width, height),
            pygame.Rect(x + gap, y - gap - height, width, height),
            pygame.Rect(x - gap - width, y + gap, width, height),
        ]
        best, best_cost = candidates[0].clamp(self.bounds), None
        for candidate in candidates:
            rect = candidate.clamp(self.bounds)
            cost = sum(_overlap(rect, other) for other in self.taken) + 4 * _overlap(candidate, candidate) - 4 * _overlap(candidate, rect)
            if best_cost is None or cost < best_cost:
                best, best_cost = rect, cost
            if cost == 0:
                break
        return best, best_cost or 0


def _short_venue_name(name: str) -> str:
    """'The Presidential Office in Velgrad' -> 'Presidential Office'."""
    short = name[4:] if name.lower().startswith("the ") else name
    for joint in (" in ", " at ", " on "):
        short = short.split(joint)[0]
    return short[:1].upper() + short[1:]


def _overlap(a: pygame.Rect, b: pygame.Rect) -> int:
    clip = a.clip(b)
    return clip.width * clip.height


def _dot(centre: tuple[int, int], radius: int, fill: pygame.Color, ring: pygame.Color):  # type: ignore[no-untyped-def]
    def paint(surface: pygame.Surface) -> None:
        pygame.draw.circle(surface, ring, centre, radius + 3)
        pygame.draw.circle(surface, fill, centre, radius)

    return paint


def _line(a: tuple[int, int], b: tuple[int, int], colour: pygame.Color, width: int, dash: int):  # type: ignore[no-untyped-def]
    def paint(surface: pygame.Surface) -> None:
        if not dash:
            pygame.draw.line(surface, colour, a, b, width)
            return
        start, end = pygame.Vector2(a), pygame.Vector2(b)
        length = start.distance_to(end)
        if length == 0:
            return
        direction = (end - start) / length
        travelled = 0.0
        while travelled < length:
            segment_end = min(travelled + dash, length)
            pygame.draw.line(surface, colour, start + direction * travelled, start + direction * segment_end, width)
            travelled += dash * 2

    return paint
