"""Following a session file that another caseroom process writes (the timekeeper's clock).

The follower only ever reads: it polls the file's identity (mtime, size, inode: an atomic
rename gives every save a new inode) and rebuilds the meeting with `load(..., follow=True)`
only when the file changed in a way that matters. The heartbeat saves of a running meeting
(every few seconds, only `saved_at` and elapsed figures differ) cost a stat, a read and a
TOML parse, not a full rebuild. A read that fails keeps the last good meeting.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from caseroom.domain.clock import Clock
from caseroom.domain.errors import SessionFileError
from caseroom.domain.meeting import Meeting
from caseroom.store.paths import sessions_dir
from caseroom.store.session_file import MAX_SESSION_BYTES, load, read_document

STALE_SECONDS = 15.0
"""A live meeting saves a heartbeat every 5 s; after this much silence it is not updating."""

CANDIDATES = 20
"""How many of the newest session files `find_session` opens to look for a running one."""

Signature = tuple[int, int, int]

_VOLATILE = (
    (re.compile(rb"^saved_at = .*$", re.MULTILINE), b""),
    (re.compile(rb"\b(elapsed_seconds|spoken_seconds|actual_seconds) = [-+0-9.eE]+"), rb"\1"),
    # the same instant is written a few microseconds apart from save to save
    (re.compile(rb"(\d\d:\d\d:\d\d)\.\d+"), rb"\1"),
)


def file_signature(path: Path) -> tuple[Signature, float] | None:
    """(mtime_ns, size, inode) and the mtime in seconds, or None when the file cannot be seen."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino), st.st_mtime


def fingerprint(doc: dict[str, Any]) -> str:
    """What a reader of the agenda needs from a session document, without the figures that a
    heartbeat save changes (saved_at, elapsed and spoken seconds).

    Wall-clock anchors are compared to a tenth of a second: the writer converts its monotonic
    instants to wall time on every save, so the same instant comes out a few microseconds
    apart from one save to the next. Every real change (start, pause, next, ±minute, break)
    adds an event or changes a state, so nothing that matters hides below that.
    """
    stable = {k: v for k, v in doc.items() if k not in ("saved_at", "participant", "segment")}
    agenda = doc.get("agenda")
    if isinstance(agenda, dict):
        steps = agenda.get("step")
        if isinstance(steps, list):
            agenda = dict(agenda)
            agenda["step"] = [
                {k: v for k, v in s.items() if k != "elapsed_seconds"} if isinstance(s, dict) else s
                for s in steps
            ]
        stable["agenda"] = agenda
    return repr(_coarse(stable))


def _coarse(value: Any) -> Any:
    if isinstance(value, datetime):
        return round(value.timestamp(), 1)
    if isinstance(value, dict):
        return {k: _coarse(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_coarse(v) for v in value]
    return value


class SessionFollower:
    """Holds the last good meeting of a session file and notices when the file changes.

    `poll()` is cheap while nothing changes (one stat); it returns True when the meeting
    was rebuilt. `error` holds the last read problem (cleared by the next good read).
    """

    def __init__(
        self,
        path: Path,
        clock: Clock,
        *,
        real_time: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self.clock = clock
        self.real_time = real_time
        self.error: str | None = None
        self.reloads = 0
        self._signature: Signature | None = None
        self._fingerprint: str | None = None
        self._quick: bytes | None = None
        self._mtime: float | None = None
        self.meeting = self._first_load()

    def _first_load(self) -> Meeting:
        """The first read must succeed: a missing or corrupt file is the caller's error."""
        seen = file_signature(self.path)
        if seen is not None:
            self._quick = self._quick_look(seen[0])
        doc = read_document(self.path)  # before load: a save in between is seen next poll
        meeting = load(self.path, self.clock, follow=True)
        if seen is not None:
            self._signature, self._mtime = seen
        self._fingerprint = fingerprint(doc)
        self.reloads = 1
        return meeting

    def poll(self) -> bool:
        """Look at the file; rebuild the meeting when it changed. Never raises on a bad read."""
        seen = file_signature(self.path)
        if seen is None:
            self.error = f"{self.path}: cannot be read"
            return False
        signature, mtime = seen
        self._mtime = mtime
        if signature == self._signature:
            return False
        quick = self._quick_look(signature)
        if quick is not None and quick == self._quick:
            self._signature = signature  # a heartbeat: only times and figures moved
            self.error = None
            return False
        try:
            doc = read_document(self.path)
            mark = fingerprint(doc)
            if mark == self._fingerprint:
                self._signature, self._quick = signature, quick
                self.error = None
                return False
            meeting = load(self.path, self.clock, follow=True)
        except SessionFileError as exc:
            # half-replaced or unreadable for a moment: keep the last good state, retry later
            self.error = str(exc)
            return False
        self.meeting = meeting
        self._signature, self._fingerprint, self._quick = signature, mark, quick
        self.error = None
        self.reloads += 1
        return True

    def _quick_look(self, signature: Signature) -> bytes | None:
        """The file's bytes without what a heartbeat save changes: comparing them costs far
        less than parsing TOML. None when the file cannot be read now (the parse reports it)."""
        if signature[1] > MAX_SESSION_BYTES:
            return None
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        for pattern, replacement in _VOLATILE:
            data = pattern.sub(replacement, data)
        return data

    def reload(self) -> bool:
        """Forget what was seen and read the file again (tests, and a manual refresh)."""
        self._signature = None
        self._fingerprint = None
        self._quick = None
        return self.poll()

    @property
    def last_modified(self) -> float | None:
        """The file's last modification (real time, seconds since the epoch)."""
        return self._mtime

    def silent_seconds(self) -> float:
        """Real seconds since the file last changed."""
        if self._mtime is None:
            return 0.0
        return max(0.0, self.real_time() - self._mtime)

    def is_stale(self, limit: float = STALE_SECONDS) -> bool:
        """A live meeting whose file has not changed for `limit` real seconds."""
        return self.meeting.agenda.is_live and self.silent_seconds() > limit


def find_session(folder: Path | None = None) -> Path:
    """The session to follow when none is named: the newest running one, else the newest.

    Raises SessionFileError when the folder holds no session file.
    """
    folder = folder or sessions_dir()
    files: list[tuple[float, Path]] = []
    try:
        for path in folder.glob("*.toml"):
            try:
                files.append((path.stat().st_mtime, path))
            except OSError:
                continue
    except OSError:
        files = []
    if not files:
        raise SessionFileError(f"{folder}: no session to follow; name one: caseroom clock SESSION")
    files.sort(key=lambda item: item[0], reverse=True)
    for _, path in files[:CANDIDATES]:
        try:
            if read_document(path).get("status") == "running":
                return path
        except SessionFileError:
            continue
    return files[0][1]
