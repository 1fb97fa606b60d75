"""Textual's command palette, speaking the UI's language."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.visual import VisualType
from textual.widgets.option_list import Option

from caseroom.ui.i18n import Lang, t


class Palette(CommandPalette):
    """The palette with its search prompt and its "no matches" line in the UI's language.

    Textual writes "No matches found" itself, half a second after a search that found
    nothing; the line it adds to the list is swapped for ours as it arrives.
    """

    def __init__(self, lang: Lang) -> None:
        super().__init__(placeholder=t("palette.search", lang), id="--command-palette")
        self.lang: Lang = lang

    def on_mount(self) -> None:
        commands = self.query_one(CommandList)
        add_option = commands.add_option

        def add_translated(option: Option | VisualType | None = None) -> CommandList:
            if isinstance(option, Option) and option.id == self._NO_MATCHES:
                text = Text(t("palette.no_matches", self.lang), style="not bold")
                option = Option(Align.center(text), disabled=True, id=option.id)
            return add_option(option)

        commands.add_option = add_translated  # type: ignore[method-assign]
