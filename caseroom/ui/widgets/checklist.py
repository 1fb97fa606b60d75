"""A list to tick (the set-up checklist, a segment's prompts): Enter or a click ticks an item,
long items wrap under their text, and space stays the pause key.

Textual's SelectionList draws one line per item, so a prompt longer than the column ended in
"…" at 80 columns; this is an OptionList whose options are a tick box beside the wrapped text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.table import Table
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from caseroom.ui.keys import CHECKLIST_KEYS, make_bindings

TICKED, UNTICKED = "☑", "☐"


class Checklist(OptionList):
    """Items of segment `segment` ticked with Enter or a click; `selected` is the ticked
    items' indexes.

    Enter asks (`Toggled`, naming the segment, which may no longer be the current step when
    keys come fast); the screen asks the engine and shows its answer with `show_ticked`. The
    list is often the only focusable widget of its segment: if it kept space, a leader who had
    ticked an item could no longer pause until the next segment.
    """

    BINDINGS = make_bindings(CHECKLIST_KEYS)

    class Toggled(Message):
        """Item `index` was ticked or unticked (by a person: Enter or a click)."""

        def __init__(self, checklist: Checklist, index: int) -> None:
            super().__init__()
            self.checklist = checklist
            self.segment = checklist.segment
            self.index = index

        @property
        def control(self) -> Checklist:
            return self.checklist

    def __init__(
        self,
        segment: str,
        items: Sequence[str],
        ticked: Iterable[int] = (),
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        self.segment = segment
        self.items = tuple(items)
        self.ticked = {index for index in ticked if 0 <= index < len(self.items)}
        super().__init__(
            *(Option(self.row(index), id=str(index)) for index in range(len(self.items))),
            id=id,
            classes=classes,
        )

    @property
    def selected(self) -> list[int]:
        return sorted(self.ticked)

    def row(self, index: int) -> Table:
        """The tick box, then the item's text wrapping beside it (never read as markup)."""
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(TICKED if index in self.ticked else UNTICKED, Text(self.items[index]))
        return grid

    def show_ticked(self, ticked: Iterable[int]) -> None:
        """Show these items ticked (the engine's answer), the others not."""
        ticked = set(ticked)
        for index in self.ticked ^ ticked:
            self.ticked ^= {index}
            self.replace_option_prompt_at_index(index, self.row(index))

    @on(OptionList.OptionSelected)
    def toggle(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Toggled(self, event.option_index))
