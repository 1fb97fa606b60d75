"""Where Textual has no public hook: each work-around here, and only here, reaches inside it.

Each one is pinned by a test (tests/ui/test_textual_workarounds.py) that fails when the
Textual behaviour it works around changes: then the work-around is checked, or dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.command import CommandList, CommandPalette
from textual.visual import VisualType
from textual.widgets.option_list import Option

# The id of the line Textual's palette adds, in English, after a search that found nothing
# ("No matches found"; Textual 8.2). No public way to word it otherwise.
PALETTE_NO_MATCHES_ID: str = CommandPalette._NO_MATCHES


def reword_no_matches(commands: CommandList, line: Callable[[Option], Option]) -> None:
    """Swap the palette's "no matches" line for `line(option)` as Textual adds it."""
    add_option = commands.add_option

    def add_reworded(option: Option | VisualType | None = None) -> CommandList:
        if isinstance(option, Option) and option.id == PALETTE_NO_MATCHES_ID:
            option = line(option)
        return add_option(option)

    commands.add_option = add_reworded  # type: ignore[method-assign]
