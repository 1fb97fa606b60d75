"""The checklist of a segment: Enter or a click ticks an item; space stays the pause key."""

from __future__ import annotations

from textual.widgets import SelectionList

from caseroom.ui.keys import CHECKLIST_KEYS, make_bindings


class Checklist(SelectionList[int]):
    """A SelectionList whose space key pauses the meeting instead of ticking.

    The checklist is the only focusable widget of its segment: if it kept space, a leader who
    had ticked an item could no longer pause until the next segment.
    """

    BINDINGS = make_bindings(CHECKLIST_KEYS)
