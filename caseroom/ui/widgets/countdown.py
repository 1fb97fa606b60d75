"""The meeting screen's big countdown: a BigClock whose size the stylesheet sets per screen size."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Region

from caseroom.ui.widgets.bigclock import BigClock


class BigCountdown(Vertical):
    """Shows a countdown text such as 08:41 or +03:12, styled by state classes.

    Classes: `-wrapup` (last minutes), `-overrun` (counting up), `-paused`. The figures are
    drawn as large as the height the stylesheet gives (one bold line when that is too small).
    """

    DEFAULT_CSS = """
    BigCountdown { height: auto; width: 1fr; }
    BigCountdown BigClock { height: 5; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._value = ""

    def compose(self) -> ComposeResult:
        yield BigClock()

    def show(self, value: str, *, wrapup: bool, overrun: bool, paused: bool) -> list[Region]:
        """Show `value` in its state; returns the screen regions that changed."""
        classes = self.classes
        self.set_class(wrapup, "-wrapup")
        self.set_class(overrun, "-overrun")
        self.set_class(paused, "-paused")
        restyled = self.classes != classes  # another colour: all of it
        changed: list[Region] = []
        if value != self._value:
            self._value = value
            changed = self.query_one(BigClock).show(value)
        return [self.region] if restyled else changed

    @property
    def value(self) -> str:
        return self._value
