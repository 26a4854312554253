"""The parties column: a card per party with leader, trust, consent ladder (with what the party
has agreed to, act by act, and why its consent last changed), exposure and preconditions (and,
once observed, the envoy's reading of it, with its confidence)."""

from __future__ import annotations

import pygame

from game.engine.session import Session
from game.frontends.gui.meters import ladder, level_colour, meter
from game.frontends.gui.sheet import Sheet, tip
from game.frontends.presenter import CONSENT_LADDER, CONSENT_WORDS, party_views, term_tooltip

TRUST_TIP = "How far {name} trusts you to be fair and discreet (0 to 100)."
CONSENT_TIP = (
    "How far {name} has accepted you: no consent \u2192 contact \u2192 good offices \u2192 mediation. "
    "Each rung allows more; a party can step back down at any time."
)
EXPOSURE_TIP = "How much of {name}'s contact with you has become public (0 to 100)."
AGREED_TIP = "What {name} has agreed to, act by act, and why its consent last changed."
PRECONDITION_TIP = "What {name} demands before official talks. Publicly known."


def party_colour(sheet: Sheet, index: int) -> pygame.Color:
    return getattr(sheet.pal, f"party{index % 4 + 1}")


def paint_parties(sheet: Sheet, session: Session) -> None:
    fonts, pal = sheet.fonts, sheet.pal
    pad = sheet.u(12)
    x, width = sheet.pad + pad, sheet.inner - 2 * pad
    label_width = max(fonts.width("small", word) for word in ("Trust", "Consent", "Exposure")) + sheet.u(12)
    if label_width > width * 0.34:
        label_width = 0
    gap = sheet.u(6)
    for index, view in enumerate(party_views(session)):
        top = sheet.y
        under = sheet.mark()
        sheet.y += pad
        sheet.text("h3", view.name, pal.heading, x=x + sheet.u(6), width=width - sheet.u(6))
        sheet.text("small", view.leader, pal.muted, x=x + sheet.u(6), width=width - sheet.u(6))
        sheet.space(8)
        name = view.name
        sheet.y += (
            meter(
                sheet,
                x,
                sheet.y,
                width,
                "Trust",
                view.trust,
                level_colour(pal, view.trust, higher_is_better=True),
                label_width=label_width,
                tooltip=term_tooltip("impartiality", TRUST_TIP.format(name=name)),
            )
            + gap
        )
        sheet.y += (
            ladder(
                sheet,
                x,
                sheet.y,
                width,
                "Consent",
                CONSENT_LADDER,
                _consent_key(view.consent),
                CONSENT_WORDS,
                label_width=label_width,
                tooltip=term_tooltip("consent", CONSENT_TIP.format(name=name)),
            )
            + gap
        )
        if view.agreed:
            start = sheet.y
            sheet.text("small", view.agreed, pal.muted, x=x, width=width)
            sheet.region(pygame.Rect(x, start, width, sheet.y - start), tooltip=tip(term_tooltip("consent", AGREED_TIP.format(name=name))))
            sheet.y += gap
        sheet.y += meter(
            sheet,
            x,
            sheet.y,
            width,
            "Exposure",
            view.exposure,
            level_colour(pal, view.exposure, higher_is_better=False),
            label_width=label_width,
            tooltip=term_tooltip("discretion", EXPOSURE_TIP.format(name=name)),
        )
        if view.preconditions:
            sheet.space(8)
            start = sheet.y
            sheet.text("caps", "PRECONDITIONS", pal.muted, x=x, width=width)
            for condition in view.preconditions:
                sheet.text("small", "\u2022 " + condition, pal.text, x=x, width=width)
            sheet.region(pygame.Rect(x, start, width, sheet.y - start), tooltip=tip(PRECONDITION_TIP.format(name=name)))
        if view.probed and view.intentions:
            sheet.space(8)
            start = sheet.y
            sheet.text("caps", "WHAT YOU HAVE OBSERVED", pal.muted, x=x, width=width)
            sheet.text("small", view.intentions, pal.text, x=x, width=width)
            for line in view.red_lines:
                sheet.text("small", "Seems a red line: " + line, pal.danger, x=x, width=width)
            sheet.region(pygame.Rect(x, start, width, sheet.y - start), tooltip=tip(term_tooltip("good_faith")))
        sheet.y += pad
        card = pygame.Rect(sheet.pad, top, sheet.inner, sheet.y - top)
        sheet.box(card, pal.panel, radius=8, at=under)
        sheet.box(card, pal.border, radius=8, border=1)
        stripe = pygame.Rect(card.x + sheet.u(8), card.y + pad, max(3, sheet.u(4)), fonts.line_height("h3") + fonts.line_height("small"))
        sheet.box(stripe, party_colour(sheet, index), radius=2)
        sheet.space(10)


def _consent_key(words: str) -> str:
    for key, value in CONSENT_WORDS.items():
        if value == words:
            return key
    return "none"
