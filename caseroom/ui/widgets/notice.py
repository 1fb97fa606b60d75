"""The meeting screen's notice line: one line above the key bar for "Gemt ✓" and hints.

Textual's toasts stack over the right of the screen, where the question, the case text and the
Opsamling list are: two "Gemt ✓" and a round's hint covered the question the room was reading.
Here a notice takes one line of its own, the newest replaces the one before (at most one hint
at a time), and it goes after its time. Errors stay toasts (caseroom/ui/app.py decides).
"""

from __future__ import annotations

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static


class NoticeLine(Static):
    DEFAULT_CSS = """
    NoticeLine { height: 1; padding: 0 1; color: $text-muted; text-wrap: nowrap;
                 text-overflow: ellipsis; }
    NoticeLine.-information { color: $text-success; }
    NoticeLine.-warning { color: $text-warning; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)  # a notice may carry a name: plain text
        self.text = ""
        self.repeats = 0  # the same notice again while shown: "Gemt ✓ ×2", so a save shows
        self.timer: Timer | None = None

    def say(self, message: str, *, severity: str = "information", timeout: float = 5) -> None:
        """Show `message` (one line) in place of whatever the line said, for `timeout` s; the
        same message again while it shows is counted ("Gemt ✓ ×2"): each save is seen."""
        text = " ".join(message.split())
        self.repeats = self.repeats + 1 if text == self.text and text else 1
        self.text = text
        self.update(Text(f"{text} ×{self.repeats}" if self.repeats > 1 else text))
        self.set_class(severity == "information", "-information")
        self.set_class(severity == "warning", "-warning")
        if self.timer is not None:
            self.timer.stop()
        self.timer = self.set_timer(timeout, self.clear) if timeout > 0 else None

    def clear(self, message: str | None = None) -> None:
        """Empty the line; with `message`, only while it is what the line says (an offer
        withdrawn after a later notice replaced it leaves that notice alone)."""
        if message is not None and " ".join(message.split()) != self.text:
            return
        self.text = ""
        self.repeats = 0
        self.update("")
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
