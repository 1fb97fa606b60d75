"""The big countdown: Textual `Digits`, with a one-line fallback on small terminals."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static


class BigCountdown(Vertical):
    """Shows a countdown text such as 08:41 or +03:12, styled by state classes.

    Classes: `-wrapup` (last minutes), `-overrun` (counting up), `-paused`.
    The screen adds `-compact` to itself on small terminals; CSS then swaps to the line.
    """

    DEFAULT_CSS = """
    BigCountdown { height: auto; width: 1fr; align-horizontal: center; }
    BigCountdown Digits { width: auto; }
    BigCountdown .line { display: none; width: auto; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._value = ""

    def compose(self) -> ComposeResult:
        yield Digits("", classes="digits")
        yield Static("", classes="line")

    def show(self, value: str, *, wrapup: bool, overrun: bool, paused: bool) -> None:
        self.set_class(wrapup, "-wrapup")
        self.set_class(overrun, "-overrun")
        self.set_class(paused, "-paused")
        if value != self._value:
            resized = len(value) != len(self._value)
            self._value = value
            self.query_one(Digits).update(value)  # lays out only when its width changes
            self.query_one(".line", Static).update(value, layout=resized)

    @property
    def value(self) -> str:
        return self._value
