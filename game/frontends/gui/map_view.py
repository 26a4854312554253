"""A schematic map: each party's ground as a soft disc, venues as small squares, and the line
between the parties drawn as the channel stands (none, back channel, official, public).

Positions come from the scenario's `map_position` fractions; missing ones are spread evenly.
Drawn by hand from the theme's palette, over the scenario's own `map_image` when it has one.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def map_positions(session: Session) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
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


def paint_map(sheet: Sheet, session: Session, height: int) -> MapLayout:
    """Paint the map on the sheet; returns where each marker and label went."""
    fonts, pal = sheet.fonts, sheet.pal
    area = pygame.Rect(sheet.pad, sheet.y, sheet.inner, height)
    sheet.y += height
    spots, venue_spots = map_positions(session)
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
    party_r = max(7, sheet.u(9))
    venue_size = max(8, sheet.u(10))
    markers: dict[str, pygame.Rect] = {}
    for pid in party_ids:
        cx, cy = at(spots[pid])
        markers[f"party:{pid}"] = pygame.Rect(cx - party_r - 3, cy - party_r - 3, 2 * party_r + 6, 2 * party_r + 6)
    for vid, fraction in venue_spots.items():
        cx, cy = at(fraction)
        markers[f"venue:{vid}"] = pygame.Rect(cx - venue_size // 2 - 2, cy - venue_size // 2 - 2, venue_size + 4, venue_size + 4)
    for rect in markers.values():
        placer.occupy(rect)
    layout = MapLayout(area, markers, {}, {}, [])
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
            chip, _ = placer.place_first([([words], label_w, label_h)], pygame.Rect(middle, (0, 0)).inflate(4, 4), sheet.u(6))
            layout.chips.append(chip)
            sheet.box(chip, pal.panel, radius=label_h // 2)
            sheet.box(chip, colour, radius=label_h // 2, border=1)
            sheet.line_text("small_b", words, pal.text, (chip.x + sheet.u(7), chip.y + sheet.u(2)))
            sheet.region(
                chip.inflate(sheet.u(8), sheet.u(8)),
                tooltip=tip(term_tooltip("backchannel" if channel == "back_channel" else "channel", CHANNEL_TIPS[channel])),
            )
    # what each label could say, longest first (the name and the capital, the name alone, the
    # name cut short; a venue's full name, its short name, shorter still): never no label
    requests: dict[str, tuple[list[tuple[list[str], int, int]], pygame.Rect, int]] = {}
    name_h, sub_h = fonts.line_height("small_b"), fonts.line_height("small")
    for pid in party_ids:
        party = session.scenario.parties[pid]
        sub = party.capital or party.leader
        pad = sheet.u(10)
        both_w = max(fonts.width("small_b", party.name), fonts.width("small", sub)) + pad
        choices = [([party.name, sub], both_w, name_h + sub_h + sheet.u(4))]
        choices += [([text], fonts.width("small_b", text) + pad, name_h + sheet.u(4)) for text in _shorter(party.name)]
        requests[f"party:{pid}"] = (choices, markers[f"party:{pid}"], sheet.u(4))
    for vid in sorted(venue_spots, key=lambda vid: vid != venue):  # the chosen venue gets the best place
        name = session.scenario.venues[vid].name
        name = name[:1].upper() + name[1:]
        style = "small_b" if vid == venue else "small"
        texts = list(dict.fromkeys([name, *_shorter(_short_venue_name(name))]))
        line_h = fonts.line_height(style)
        choices = [([text], min(fonts.width(style, text), area.width - sheet.u(16)) + sheet.u(8), line_h) for text in texts]
        requests[f"venue:{vid}"] = (choices, markers[f"venue:{vid}"], sheet.u(2))
    placer.markers = list(markers.values())
    placer.step = max(4, fonts.line_height("small") // 3)
    placed = _place_all(placer, requests)
    for index, pid in enumerate(party_ids):
        party = session.scenario.parties[pid]
        sheet.draw(_dot(at(spots[pid]), party_r, party_colour(sheet, index), pal.panel))
        block, lines = placed[f"party:{pid}"]
        sheet.box(block, pal.panel, radius=6)
        sheet.box(block, party_colour(sheet, index), radius=6, border=1)
        top = block.y + sheet.u(2)
        for number, text in enumerate(lines):
            style = "small_b" if number == 0 else "small"
            width = fonts.width(style, text)
            colour = pal.heading if number == 0 else pal.muted
            sheet.line_text(style, text, colour, (block.centerx - width // 2, top), max_width=block.width)
            top += fonts.line_height(style)
        layout.labels[f"party:{pid}"] = block
        layout.texts[f"party:{pid}"] = " / ".join(lines)
        sheet.region(block, tooltip=tip(f"{party.name} ({party.leader}): {party.public_profile}"))
    for vid in venue_spots:
        spec = session.scenario.venues[vid]
        cx, cy = at(venue_spots[vid])
        square = pygame.Rect(cx - venue_size // 2, cy - venue_size // 2, venue_size, venue_size)
        chosen = vid == venue
        sheet.box(square, pal.good if chosen else pal.panel, radius=2)
        sheet.box(square, pal.good if chosen else pal.muted, radius=2, border=2)
        label, lines = placed[f"venue:{vid}"]
        style = "small_b" if chosen else "small"
        sheet.box(label, pygame.Color(pal.map_sea), radius=4)
        colour = pal.text if chosen else pal.muted
        sheet.line_text(style, lines[0], colour, (label.x + sheet.u(4), label.y), max_width=label.width - sheet.u(8))
        layout.labels[f"venue:{vid}"] = label
        layout.texts[f"venue:{vid}"] = lines[0]
        # the square's tooltip (and the moves list) always give the full name
        name = spec.name[:1].upper() + spec.name[1:]
        sheet.region(square.union(label).inflate(6, 6), tooltip=tip(f"{name}: {spec.description}"))
    return layout


@dataclass
class MapLayout:
    """Where the map put things (screen pixels of the sheet): each marker and its label."""

    area: pygame.Rect
    markers: dict[str, pygame.Rect]
    labels: dict[str, pygame.Rect]
    texts: dict[str, str]
    chips: list[pygame.Rect]


class _Placer:
    """Puts each label next to its marker where it overlaps nothing placed before: nearest
    first, then a little farther out, then with a shorter text."""

    def __init__(self, bounds: pygame.Rect, markers: list[pygame.Rect] | None = None) -> None:
        self.bounds = bounds
        self.markers = markers or []
        """Every marker: a label must lie nearer its own than any other, so none is misread."""
        self.taken: list[pygame.Rect] = []
        self.step = 6
        """How much farther out each second and third try goes."""

    def occupy(self, rect: pygame.Rect) -> None:
        self.taken.append(rect)

    def place_first(self, choices: list[tuple[list[str], int, int]], marker: pygame.Rect, gap: int) -> tuple[pygame.Rect, list[str]]:
        rect, lines, _ = self.place_ranked(choices, marker, gap)
        return rect, lines

    def place_ranked(self, choices: list[tuple[list[str], int, int]], marker: pygame.Rect, gap: int) -> tuple[pygame.Rect, list[str], int]:
        """The first (text, width, height) choice that fits next to the marker without overlap,
        and how far down the list it was; failing all, the least overlapping spot for the last
        (shortest) choice, ranked past every choice by its overlap."""
        fallback: tuple[int, pygame.Rect, list[str]] | None = None
        for rank, (lines, width, height) in enumerate(choices):
            width = min(width, self.bounds.width)
            for distance in (gap, gap + self.step, gap + 2 * self.step):
                for rect in self._candidates(width, height, marker, distance):
                    cost = sum(_overlap(rect, other) for other in self.taken)
                    if not cost:
                        self.taken.append(rect)
                        return rect, lines, rank
                    if fallback is None or cost < fallback[0]:
                        fallback = (cost, rect, lines)
        if fallback is None:  # no spot near enough at all: under the marker, inside the map
            lines, width, height = choices[-1]
            fallback = (0, pygame.Rect(marker.centerx - width // 2, marker.bottom + gap, width, height).clamp(self.bounds), lines)
        self.taken.append(fallback[1])
        return fallback[1], fallback[2], len(choices) + fallback[0]

    def _candidates(self, width: int, height: int, marker: pygame.Rect, gap: int) -> list[pygame.Rect]:
        """Below, above, right, left, then the corners and the sides' ends; each kept inside the
        map, and dropped if keeping it inside pushed it away from the marker."""
        x, y = marker.center
        left, right, top, bottom = marker.left - gap, marker.right + gap, marker.top - gap, marker.bottom + gap
        spots = [
            (x - width // 2, bottom),
            (x - width // 2, top - height),
            (right, y - height // 2),
            (left - width, y - height // 2),
            (right, bottom),
            (left - width, top - height),
            (right, top - height),
            (left - width, bottom),
            (right, y - height + marker.height // 2),
            (right, y - marker.height // 2),
            (left - width, y - height + marker.height // 2),
            (left - width, y - marker.height // 2),
            (marker.left, bottom),
            (marker.right - width, bottom),
            (marker.left, top - height),
            (marker.right - width, top - height),
        ]
        others = [other for other in self.markers if other != marker]
        found = []
        for sx, sy in spots:
            rect = pygame.Rect(sx, sy, width, height).clamp(self.bounds)
            own = _distance(rect, marker)
            if own > gap + 2 or rect in found:
                continue
            if all(_distance(rect, other) > own for other in others):
                found.append(rect)
        return found


_PLACED: dict[tuple[object, ...], tuple[dict[str, tuple[tuple[int, int, int, int], list[str]]], list[tuple[int, int, int, int]]]] = {}
"""Label layouts already worked out: the map's labels rarely change from one turn to the next
(only the channel chip and the chosen venue do), and placing them is the costly part of a map."""


def _place_all(
    placer: _Placer, requests: dict[str, tuple[list[tuple[list[str], int, int]], pygame.Rect, int]]
) -> dict[str, tuple[pygame.Rect, list[str]]]:
    """Every label, placed greedily in a few orders; the order that cut the fewest words wins
    (the same question twice gets the answer worked out the first time)."""
    key = (
        tuple(placer.bounds),
        tuple(tuple(rect) for rect in placer.markers),
        tuple(tuple(rect) for rect in placer.taken),
        placer.step,
        tuple(
            (name, tuple((tuple(lines), w, h) for lines, w, h in choices), tuple(marker), gap)
            for name, (choices, marker, gap) in requests.items()
        ),
    )
    if key not in _PLACED:
        if len(_PLACED) > 64:
            _PLACED.clear()
        result = _place_all_now(placer, requests)
        _PLACED[key] = ({name: (tuple(rect), list(lines)) for name, (rect, lines) in result.items()}, [tuple(r) for r in placer.taken])  # type: ignore[misc]
    placed, taken = _PLACED[key]
    placer.taken = [pygame.Rect(rect) for rect in taken]
    return {name: (pygame.Rect(rect), list(lines)) for name, (rect, lines) in placed.items()}


def _place_all_now(
    placer: _Placer, requests: dict[str, tuple[list[tuple[list[str], int, int]], pygame.Rect, int]]
) -> dict[str, tuple[pygame.Rect, list[str]]]:
    keys = list(requests)
    orders = [keys, sorted(keys, key=lambda k: -requests[k][0][0][1]), keys[::-1], sorted(keys, key=lambda k: requests[k][0][0][1])]
    best: tuple[int, dict[str, tuple[pygame.Rect, list[str]]], list[pygame.Rect]] | None = None
    for order in orders:
        trial = _Placer(placer.bounds, placer.markers)
        trial.step = placer.step
        trial.taken = list(placer.taken)
        result, score = {}, 0
        for key in order:
            rect, lines, rank = trial.place_ranked(*requests[key])
            result[key] = (rect, lines)
            score += rank
        if best is None or score < best[0]:
            best = (score, result, trial.taken)
        if score == 0:
            break
    assert best is not None
    placer.taken = best[2]
    return best[1]


def _shorter(text: str) -> list[str]:
    """The text, then cut shorter and shorter with an ellipsis (at least three letters)."""
    cuts = [text]
    for keep in (16, 12, 8, 5, 3):
        if len(text) > keep + 1:
            cuts.append(text[:keep].rstrip() + "\u2026")
    return cuts


def _short_venue_name(name: str) -> str:
    """'The Presidential Office in Velgrad' -> 'Presidential Office'."""
    short = name[4:] if name.lower().startswith("the ") else name
    for joint in (" in ", " at ", " on "):
        short = short.split(joint)[0]
    return short[:1].upper() + short[1:]


def _distance(a: pygame.Rect, b: pygame.Rect) -> float:
    dx = max(0, a.left - b.right, b.left - a.right)
    dy = max(0, a.top - b.bottom, b.top - a.bottom)
    return float((dx * dx + dy * dy) ** 0.5)


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
