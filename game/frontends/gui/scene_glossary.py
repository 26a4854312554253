"""The glossary drawer: the terms on the play screen and the principles the debrief judges by.
It serves keyboard users, for whom the hover tooltips are out of reach. G or Esc closes it."""

from __future__ import annotations

import pygame

from game.frontends.gui.scene_drawer import DrawerScene
from game.frontends.gui.sheet import Sheet
from game.frontends.presenter import GLOSSARY_TERMS, glossary


class GlossaryScene(DrawerScene):
    name = "glossary"
    title = "Terms and principles"
    toggle_key = pygame.K_g

    def paint(self, sheet: Sheet, pad: int) -> None:
        pal = sheet.pal
        x, width = pad, sheet.width - 2 * pad
        for index, (term, explanation) in enumerate(glossary()):
            if index == len(GLOSSARY_TERMS):
                sheet.space(8)
                sheet.text("caps", "THE PRINCIPLES YOUR DECISIONS ARE JUDGED BY", pal.muted, x=x, width=width)
            sheet.rule()
            sheet.space(8)
            sheet.text("body_b", term, pal.heading, x=x, width=width)
            sheet.text("small", explanation, pal.text, x=x, width=width)
            sheet.space(8)
