"""The app's own messages between its parts."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class MeetingChanged(Message, bubble=False):
    """The meeting changed and the keeper has tried to save it (`CaseroomApp.apply`).

    Posted to every screen on the app's stack; each screen that shows the meeting repaints it
    (the meeting screen also flushes a save that is not on the disk yet, after its frame).
    Carries nothing: the screens read the meeting and the keeper.
    """
