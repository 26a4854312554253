"""The top bar of the play screen: scenario, clock, escalation, mandate and channel.

Fields flow left to right and wrap onto a second row when the window is narrow or the text
large; each explains its term in a tooltip.
"""

from __future__ import annotations

import pygame

from game.engine.session import Session
from game.frontends.gui.sheet import Sheet, tip
from game.frontends.presenter import CHANNEL_WORDS, MANDATE_WORDS, SOURCE_WORDS, clock_text, term_tooltip

ESCALATION_TIP = "How close the crisis is to open conflict, from 0 (calm) to 100 (violence). It drifts up on its own each turn."
MANDATE_TIP = "Your mandate: good offices let you open a channel and carry messages; mediation also lets you suggest terms."
CHANNEL_TIP = (
    "How the parties communicate now: no contact, messages through you, proximity talks, a secret channel, official talks, or in public."
)
CLOCK_TIP = "Time left before the crisis runs its course."


def paint_top_bar(sheet: Sheet, session: Session, *, reserve: int, compact: bool) -> None:
    """Fields left to right, wrapping to new rows; the first row leaves `reserve` pixels free on
    the right for the buttons. `compact` drops the small captions and gives the title its own row."""
    fonts, pal = sheet.fonts, sheet.pal
    state = session.state
    pad_x, pad_y, gap = sheet.u(16), sheet.u(9), sheet.u(24 if not compact else 20)
    label_h = 0 if compact else fonts.line_height("caps")
    value_h = max(fonts.line_height("body_b"), fonts.line_height("h3"))
    escalation = state.escalation
    level = pal.danger if escalation >= 70 else pal.warn if escalation >= 40 else pal.good
    meter_w = sheet.u(120 if not compact else 90)
    number = f"{escalation:.0f}/100"
    mandate = MANDATE_WORDS[state.mandate.state].capitalize()
    source = f"from {SOURCE_WORDS[session.scenario.envoy.mandate_source]}"
    mandate_tip = tip(term_tooltip("mandate", MANDATE_TIP + "\n\n" + session.scenario.envoy.mandate_text))
    fields = [
        ("title", session.scenario.title, fonts.width("h3", session.scenario.title), None),
        ("CLOCK", clock_text(session), fonts.width("body_b", clock_text(session)), tip(CLOCK_TIP)),
        ("ESCALATION", number, meter_w + sheet.u(10) + fonts.width("body_b", number), tip(term_tooltip("timing", ESCALATION_TIP))),
        ("MANDATE", mandate, fonts.width("body_b", mandate) + sheet.u(18), mandate_tip),
        ("SOURCE", source, fonts.width("small", source), mandate_tip),
        (
            "CHANNEL",
            CHANNEL_WORDS[state.channel.state].capitalize(),
            fonts.width("body_b", CHANNEL_WORDS[state.channel.state].capitalize()),
            tip(term_tooltip("channel", CHANNEL_TIP)),
        ),
    ]
    left = sheet.pad + pad_x
    x, y = left, sheet.pad + pad_y
    row_right = sheet.width - sheet.pad - pad_x - reserve
    row_h = label_h + value_h
    for label, value, width, tooltip in fields:
        if label != "title" and not compact:
            width = max(width, fonts.width("caps", label))
        width = min(width, sheet.width - 2 * pad_x - (reserve if y == sheet.pad + pad_y else 0))
        wrap = x > left and (x + width > row_right or (compact and label == "CLOCK"))
        if label == "SOURCE" and not compact:
            wrap = False
        if wrap:
            x, y = left, sheet.y
            row_right = sheet.width - sheet.pad - pad_x
        top = y
        vy = y + label_h
        if label == "title":
            sheet.line_text("h3", value, pal.bar_text, (x, y + (row_h - fonts.line_height("h3")) // 2), max_width=width)
        elif label == "SOURCE":
            if compact:
                sheet.line_text("small", value, pal.bar_muted, (x, vy + (value_h - fonts.line_height("small")) // 2), max_width=width)
            else:
                x -= gap + fields[3][2]
                sheet.line_text("small", value, pal.bar_muted, (x, vy + value_h), max_width=width)
                top = vy + value_h
                y_bottom = top + fonts.line_height("small")
                sheet.region(pygame.Rect(x, top, width, y_bottom - top), tooltip=tooltip)
                sheet.y = max(sheet.y, y_bottom + pad_y)
                x += max(width, fields[3][2]) + gap
                continue
        else:
            if not compact:
                sheet.line_text("caps", label, pal.bar_muted, (x, y))
            if label == "ESCALATION":
                bar_h = max(6, sheet.u(8))
                bar_y = vy + (value_h - bar_h) // 2
                sheet.box(pygame.Rect(x, bar_y, meter_w, bar_h), pal.bar_muted.lerp(pal.bar_bg, 0.6), radius=bar_h // 2)
                sheet.box(pygame.Rect(x, bar_y, max(bar_h, round(meter_w * min(escalation, 100) / 100)), bar_h), level, radius=bar_h // 2)
                sheet.line_text(
                    "body_b", number, pal.bar_text, (x + meter_w + sheet.u(10), vy + (value_h - fonts.line_height("body_b")) // 2)
                )
            elif label == "MANDATE":
                pill = pygame.Rect(x, vy + sheet.u(1), width, value_h - sheet.u(2))
                sheet.box(pill, pal.accent, radius=pill.height // 2)
                sheet.line_text("body_b", value, pal.on_accent, (x + sheet.u(9), vy + (value_h - fonts.line_height("body_b")) // 2))
            else:
                sheet.line_text("body_b", value, pal.bar_text, (x, vy + (value_h - fonts.line_height("body_b")) // 2), max_width=width)
        bottom = top + row_h
        if tooltip:
            sheet.region(pygame.Rect(x - sheet.u(4), top, width + sheet.u(8), bottom - top), tooltip=tooltip)
        sheet.y = max(sheet.y, bottom + pad_y)
        x += width + (gap if label != "MANDATE" or not compact else sheet.u(8))
