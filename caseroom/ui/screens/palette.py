"""Textual's command palette, speaking the UI's language."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from caseroom.ui.i18n import Lang, t
from caseroom.ui.textual_workarounds import reword_no_matches


class Palette(CommandPalette):
    """The palette with its search prompt and its "no matches" line in the UI's language.

    Textual writes "No matches found" itself, half a second after a search that found
    nothing; the line it adds to the list is swapped for ours as it arrives.
    """

    def __init__(self, lang: Lang) -> None:
        super().__init__(placeholder=t("palette.search", lang), id="--command-palette")
        self.lang: Lang = lang

    def on_mount(self) -> None:
        reword_no_matches(self.query_one(CommandList), self.no_matches)

    def no_matches(self, option: Option) -> Option:
        text = Text(t("palette.no_matches", self.lang), style="not bold")
        return Option(Align.center(text), disabled=True, id=option.id)
