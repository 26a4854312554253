"""Help that names the default folders, found only when the help is shown.

Finding the folders imports platformdirs, a few milliseconds of every command's start-up
(`good-offices list` included) while the parser's texts held them. A subcommand's texts name
them as {log_folder} and {settings_folder} instead, and its parser's formatter, `FolderHelp`,
puts the folders in wherever help is shown: `--help`, a usage message, a completion script.
"""

from __future__ import annotations

import argparse

PLACES = ("log_folder", "settings_folder")
"""The functions of `game.paths` a help text may name, in braces."""


def filled(text: str, *, percent: bool) -> str:
    """`text` with each {place} replaced by its folder; a '%' in a folder doubled where the text
    is then %-formatted (as argparse formats an argument's help)."""
    if "{" not in text:
        return text
    from game import paths

    for place in PLACES:
        mark = "{" + place + "}"
        if mark in text:
            folder = str(getattr(paths, place)())
            text = text.replace(mark, folder.replace("%", "%%") if percent else folder)
    return text


class FolderHelp(argparse.HelpFormatter):
    """The formatter of a subcommand whose help names the default folders."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:  # a description, once %(prog) is filled in
        return super()._fill_text(filled(text, percent=False), width, indent)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = super()._get_help_string(action)
        return filled(text, percent=True) if text else text
