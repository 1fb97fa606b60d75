"""Keeps a meeting saved: after every change, and as a heartbeat while the clock runs.

A failed save never stops the meeting: the error is kept for the screen to show, and the
next change or heartbeat tries again. `saved` is true only once the bytes are on disk.

A save comes in two halves. `save(durable=False)` writes and renames the file: from then on
the change is in the kernel and no crash or `kill -9` of caseroom can lose it, which is what
the meeting screen waits for before it paints an agenda step (a millisecond or two). `sync()`
then flushes it to the disk (against a power cut) right after the frame. Captures, which the
screen confirms as "saved", use `save()`, which does both before it returns.
"""

from __future__ import annotations

from pathlib import Path

from caseroom.domain.errors import SaveError
from caseroom.domain.meeting import Meeting
from caseroom.store.atomic import remove_leftovers
from caseroom.store.session_file import save, sync


class SessionKeeper:
    def __init__(self, meeting: Meeting, path: Path) -> None:
        self.meeting = meeting
        self.path = path
        self.error: str | None = None
        self.saves = 0
        self.unsynced = False  # written, not yet flushed to the disk
        remove_leftovers(path)  # torn copies from a caseroom killed while saving

    def save(self, *, durable: bool = True) -> bool:
        """Write the session now; True when it is written (and, if `durable`, on the disk)."""
        try:
            save(self.meeting, self.path, durable=durable)
        except SaveError as exc:
            self.error = str(exc)
            return False
        self.error = None
        self.saves += 1
        self.unsynced = not durable
        return True

    def sync(self) -> bool:
        """Flush the last `save(durable=False)` to the disk; True when nothing is left unflushed."""
        if not self.unsynced:
            return self.error is None
        try:
            sync(self.path)
        except SaveError as exc:
            self.error = str(exc)
            return False
        self.unsynced = False
        return True

    @property
    def saved(self) -> bool:
        return self.error is None and not self.unsynced
