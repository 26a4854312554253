"""The centre of the play screen: the situation now, what the last decision did, and the inbox
of messages waiting to be relayed (a click on one opens its relay choices)."""

from __future__ import annotations

from collections.abc import Iterator

import pygame

from game.engine.outcome import Outcome
from game.engine.session import Session
from game.frontends.gui.sheet import Sheet, tip
from game.frontends.presenter import (
    CHANNEL_LADDER,
    CONSENT_LADDER,
    current_tone,
    describe_change,
    is_visible,
    kind_prefix,
    message_tags,
    suspension_text,
    term_tooltip,
    undeliverable_because,
    venue_text,
)

GOOD_WHEN_UP = ("trust", "consent", "meetings", "venue", "probed", "consulted")
BAD_WHEN_UP = ("escalation", "exposure")


def paint_situation(sheet: Sheet, session: Session) -> Iterator[None]:
    """Lay the panel out on `sheet`, yielding between small steps (a reply, an event, a message
    each): a repaint spread over frames."""
    pal = sheet.pal
    state = session.state
    phase = session.scenario.phases.phases[state.phase.state]
    sheet.text("caps", "THE SITUATION", pal.muted)
    sheet.space(2)
    sheet.text("h1", phase.title, pal.heading)
    sheet.space(4)
    sheet.text("body", phase.description, pal.text)
    venue = venue_text(session)
    if venue:
        sheet.space(6)
        sheet.text("body_b", "Agreed: " + venue, pal.good)
    suspension = suspension_text(session)
    if suspension:
        sheet.space(6)
        sheet.text("body_b", suspension, pal.danger)
    sheet.space(14)
    last = session.history[-1] if session.history else session.opening
    yield
    yield from _latest(sheet, session, last)
    sheet.space(16)
    yield from _inbox(sheet, session)


def _inbox(sheet: Sheet, session: Session) -> Iterator[None]:
    pal, fonts = sheet.pal, sheet.fonts
    inbox = session.state.inbox
    top = sheet.y
    sheet.text("caps", f"INBOX \u00b7 {len(inbox)} AWAITING RELAY" if inbox else "INBOX", pal.muted)
    sheet.region(
        pygame.Rect(sheet.pad, top, sheet.inner, sheet.y - top),
        tooltip=tip(term_tooltip("fidelity", "Messages the parties asked you to carry.")),
    )
    sheet.space(4)
    if not inbox:
        sheet.text("small", "No message is waiting to be carried.", pal.muted)
        sheet.space(14)
        return
    pad = sheet.u(10)
    for mid in inbox:
        message = session.scenario.messages[mid]
        sender = session.scenario.parties[message.sender].name
        recipient = session.scenario.parties[message.recipient].name
        top = sheet.y
        under = sheet.mark()
        sheet.y += pad
        x, width = sheet.pad + pad + sheet.u(6), sheet.inner - 2 * pad - sheet.u(6)
        kind = kind_prefix(session, mid)
        sheet.text("body_b", kind + message.summary, pal.danger if kind else pal.text, x=x, width=width)
        tags = message_tags(session, mid)
        if not undeliverable_because(session, mid):
            tags.append("choose how to relay it \u203a")
        tone = current_tone(session, mid)
        sheet.text("small", " \u00b7 ".join([f"From {sender} to {recipient}", f"{tone} tone", *tags]), pal.muted, x=x, width=width)
        sheet.y += pad
        card = pygame.Rect(sheet.pad, top, sheet.inner, sheet.y - top)
        sheet.box(card, pal.panel, radius=8, at=under)
        sheet.box(pygame.Rect(card.x, card.y, max(3, sheet.u(4)), card.height), pal.warn, radius=2)
        sheet.box(card, pal.border, radius=8, border=1)
        sheet.region(card, key=f"inbox:{mid}")
        sheet.space(6)
        yield
    del fonts


def _latest(sheet: Sheet, session: Session, outcome: Outcome) -> Iterator[None]:
    pal = sheet.pal
    first = outcome is session.opening
    heading = "HOW IT BEGAN" if first else f"YOUR LAST DECISION \u00b7 {session.scenario.clock.turn_label.upper()} {outcome.turn}"
    sheet.text("caps", heading, pal.muted)
    sheet.space(2)
    sheet.text("h3", "The crisis begins" if first else outcome.move.label, pal.heading)
    sheet.space(6)
    indent = sheet.pad + sheet.u(12)
    width = sheet.inner - sheet.u(12)
    for reply in outcome.replies:
        top = sheet.y
        if reply.speaker:
            sheet.text("small_b", reply.speaker, pal.text, x=indent, width=width)
        sheet.text("italic", reply.text, pal.text, x=indent, width=width)
        sheet.box(pygame.Rect(sheet.pad, top + sheet.u(2), max(2, sheet.u(3)), sheet.y - top - sheet.u(4)), pal.border)
        sheet.space(6)
        yield
    for event in outcome.events:
        top = sheet.y
        sheet.text("body_b", event.title, pal.heading, x=indent, width=width)
        sheet.text("body", event.text, pal.text, x=indent, width=width)
        sheet.box(pygame.Rect(sheet.pad, top + sheet.u(2), max(3, sheet.u(4)), sheet.y - top - sheet.u(4)), pal.warn, radius=2)
        sheet.space(6)
        yield
    for mid in outcome.arrivals:
        sheet.text("body_b", "New message for relay: " + session.scenario.messages[mid].summary, pal.accent)
    changes = [c for c in outcome.changes if is_visible(c)]
    if changes:
        sheet.space(6)
        sheet.text("caps", "WHAT CHANGED", pal.muted)
        sheet.space(2)
    dot = max(6, sheet.u(7))
    yield
    for change in changes:
        colour = _tone(pal, change.name, change.before, change.after)
        top = sheet.y
        sheet.text("small", describe_change(session, change), pal.text, x=indent, width=width)
        y = top + sheet.fonts.line_height("small") // 2 - dot // 2
        sheet.box(pygame.Rect(sheet.pad + sheet.u(1), y, dot, dot), colour, radius=dot // 2)
        sheet.space(2)
    if first and not (outcome.replies or outcome.events or outcome.arrivals):
        sheet.text("body", "Nothing has moved yet. Your first decision opens the file.", pal.muted)


def _tone(pal, name: str, before: object, after: object) -> pygame.Color:  # type: ignore[no-untyped-def]
    prefix = name.split(".")[0]
    ladder = {"consent": CONSENT_LADDER, "channel": CHANNEL_LADDER}.get(prefix)
    if ladder and before in ladder and after in ladder:
        return pal.good if ladder.index(after) > ladder.index(before) else pal.danger
    try:
        delta = float(after) - float(before)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return pal.accent
    if prefix in GOOD_WHEN_UP:
        return pal.good if delta > 0 else pal.danger
    if prefix in BAD_WHEN_UP:
        return pal.danger if delta > 0 else pal.good
    return pal.accent
