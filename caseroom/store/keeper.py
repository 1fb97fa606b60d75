"""Keeps a meeting saved: after every change, and as a heartbeat while the clock runs.

A failed save never stops the meeting: the error is kept for the screen to show, and the
next change or heartbeat tries again. `saved` is true only once the bytes are on disk.

A save comes in two halves. `save(durable=False)` writes and renames the file: from then on
the change is in the kernel and no crash or `kill -9` of caseroom can lose it, which is what
the meeting screen waits for before it paints an agenda step (a millisecond or two). `sync()`
then flushes it to the disk (against a power cut) right after the frame. Captures, which the
screen confirms as "saved", use `save()`, which does both before it returns.

One save at a time: the UI's thread saves, and so may the thread that ends a caseroom whose
UI is stuck (`kill` or a closed terminal, see caseroom/ui/ending.py) with `last_save`, which
waits for a save under way and keeps any other from starting after it. Two saves at once
would share the temporary file.

The keeper owns what saving caches: its `SessionWriter` keeps the text of the turns and
other tables it wrote, so a save of 5,000 turns prints one or two of them.
"""

from __future__ import annotations

import threading
from pathlib import Path

from caseroom.domain.errors import SaveError
from caseroom.domain.meeting import Meeting
from caseroom.store.atomic import remove_leftovers
from caseroom.store.session_file import SessionWriter, save, sync


class SessionKeeper:
    def __init__(self, meeting: Meeting, path: Path) -> None:
        self.meeting = meeting
        self.path = path
        self.error: str | None = None
        self.saves = 0
        self.unsynced = False  # written, not yet flushed to the disk
        self.writer = SessionWriter()  # this meeting's: reuses what earlier saves printed
        self._lock = threading.RLock()
        remove_leftovers(path)  # torn copies from a caseroom killed while saving

    def save(self, *, durable: bool = True) -> bool:
        """Write the session now; True when it is written (and, if `durable`, on the disk)."""
        with self._lock:
            try:
                save(self.meeting, self.path, durable=durable, writer=self.writer)
            except SaveError as exc:
                self.error = str(exc)
                return False
            self.error = None
            self.saves += 1
            self.unsynced = not durable
            return True

    def sync(self) -> bool:
        """Flush the last `save(durable=False)` to the disk; True when nothing is left unflushed."""
        with self._lock:
            if not self.unsynced:
                return self.error is None
            try:
                sync(self.path)
            except SaveError as exc:
                self.error = str(exc)
                return False
            self.unsynced = False
            return True

    def needs_save(self) -> bool:
        """A running clock's seconds, or a change whose save failed or is not flushed yet."""
        return self.meeting.agenda.is_live or not self.saved

    def last_save(self, timeout: float) -> bool:
        """The save of a caseroom that ends now, from any thread; True when the disk is up to date.

        Waits at most `timeout` for a save under way (the UI's thread may be stuck in one), saves
        if `needs_save()`, and keeps the keeper's lock: no other save starts before the process
        ends. Any failure leaves the last good file as it is. Meant for a UI thread that is
        stuck (in a write to a dead terminal, say: between two changes, every one of them saved
        already); one still busy changing the meeting could make this save fail, which keeps
        the last good file, or catch a change half made.
        """
        if not self._lock.acquire(timeout=max(timeout, 0.0)):
            return False  # a save stuck in the disk: the file on it is the last good one
        try:  # the lock is kept: the process ends next
            return self.save() if self.needs_save() else True
        except Exception:  # a change by the UI's thread under the serializer: keep the old file
            return False

    @property
    def saved(self) -> bool:
        return self.error is None and not self.unsynced
