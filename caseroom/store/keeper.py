"""Keeps a meeting saved: after every change, and as a heartbeat while the clock runs.

A failed save never stops the meeting: the error is kept for the screen to show, and the
next change or heartbeat tries again. `saved` is true only once the bytes are on disk.
"""

from __future__ import annotations

from pathlib import Path

from caseroom.domain.errors import SaveError
from caseroom.domain.meeting import Meeting
from caseroom.store.session_file import save


class SessionKeeper:
    def __init__(self, meeting: Meeting, path: Path) -> None:
        self.meeting = meeting
        self.path = path
        self.error: str | None = None
        self.saves = 0

    def save(self) -> bool:
        """Write the session now; True when it is durable on disk."""
        try:
            save(self.meeting, self.path)
        except SaveError as exc:
            self.error = str(exc)
            return False
        self.error = None
        self.saves += 1
        return True

    @property
    def saved(self) -> bool:
        return self.error is None
