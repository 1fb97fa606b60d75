"""Following a session file that another caseroom process writes (the timekeeper's clock).

The follower only ever reads: it polls the file's identity (mtime, size, inode: an atomic
rename gives every save a new inode) and, when that changed, reads what the file records
(`recorded_state`): the `revision` its writer puts in the file's head, a hash of all but the
figures a save derives from its own moment, read from the first few hundred bytes without
parsing the rest. It rebuilds the meeting with `load(..., follow=True)` only when that
changed: the heartbeat saves of a running meeting (every few seconds, only `saved_at` and the
elapsed and spoken seconds move) cost a stat and a short read, not a parse of the whole file,
a rebuild or a repaint. A file of an older writer (no revision) is compared by its validated
tables (`Session.recorded`), which costs a full read. A read that fails keeps the last good
meeting.
"""

from __future__ import annotations

import contextlib
import os
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caseroom.domain.clock import Clock, SpeedClock
from caseroom.domain.errors import SessionFileError
from caseroom.domain.meeting import Meeting
from caseroom.store.paths import sessions_dir
from caseroom.store.session_file import load, read_document, read_session

STALE_SECONDS = 15.0
"""A live meeting saves a heartbeat every 5 s; after this much silence it is not updating."""

CANDIDATES = 20
"""How many of the newest session files `find_session` opens to look for a running one."""

HEAD_BYTES = 16 * 1024
"""How much of a session file `read_head` reads: its head is a few hundred bytes."""

Signature = tuple[int, int, int]


def file_signature(path: Path) -> tuple[Signature, float] | None:
    """(mtime_ns, size, inode) and the mtime in seconds, or None when the file cannot be seen."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino), st.st_mtime


def read_head(path: Path) -> dict[str, Any] | None:
    """The top-level keys of a session file, parsed from its start up to its first table
    (TOML puts them there, before any `[table]`). None when that part does not parse on its
    own or is not within `HEAD_BYTES` (a caller then reads the whole file). Raises OSError."""
    with open(path, "rb") as file:
        data = file.read(HEAD_BYTES)
    end = data.find(b"\n[")
    if end < 0:
        return None
    try:
        return tomllib.loads(data[: end + 1].decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None


def recorded_state(path: Path) -> str | dict[str, Any]:
    """What a session file records, in a form to compare with an earlier read: its writer's
    `revision` when its head holds one, else (an older file) its tables without the figures
    of the save's moment (`Session.recorded`). Raises SessionFileError."""
    try:
        head = read_head(path)
    except OSError:
        head = None  # the full read says what is wrong
    revision = head.get("revision") if head is not None else None
    if isinstance(revision, str) and revision:
        return revision
    return read_session(path).recorded()


@dataclass(frozen=True)
class Change:
    """A save that changed what the file records, seen by `SessionFollower.check`."""

    signature: Signature  # the file's identity when it was seen
    recorded: str | dict[str, Any]  # what it records (`recorded_state`)
    taken: int  # how many meetings the follower had taken then (`reloads`)


class SessionFollower:
    """Holds the last good meeting of a session file and notices when the file changes.

    `poll()` is cheap while nothing changes (one stat) and after a heartbeat save (a stat and
    the file's head); it returns True when the meeting was rebuilt. `error` holds the last
    read problem (cleared by the next good read).
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
        self._recorded: str | dict[str, Any] | None = None  # what the meeting was built from
        self._mtime: float | None = None
        self.meeting = self._first_load()

    def _first_load(self) -> Meeting:
        """The first read must succeed: a missing or corrupt file is the caller's error."""
        seen = file_signature(self.path)
        recorded = recorded_state(self.path)  # before load: a save in between is
        meeting = load(self.path, self.clock, follow=True)  # seen (and rebuilt) next poll
        if seen is not None:
            self._signature, self._mtime = seen
        self._recorded = recorded
        self.reloads = 1
        return meeting

    def poll(self) -> bool:
        """Look at the file; rebuild the meeting when it changed. Never raises on a bad read."""
        change = self.check()
        if change is None:
            return False
        try:
            meeting = self.read()
        except SessionFileError as exc:
            self.failed(change, exc)
            return False
        return self.take(change, meeting)

    # `poll` in three parts, for a caller that reads a change aside (the clock's worker
    # thread): `check` and `take` on the caller's thread, `read` on any

    def check(self) -> Change | None:
        """The cheap part of a poll (a stat; after a save, its head): the change to read, or
        None when there is none (nothing saved, a heartbeat, a bad read: see `error`)."""
        seen = file_signature(self.path)
        if seen is None:
            self.error = f"{self.path}: cannot be read"
            return None
        signature, mtime = seen
        self._mtime = mtime
        if signature == self._signature:
            return None
        try:
            recorded = recorded_state(self.path)
        except SessionFileError as exc:
            # half-replaced or unreadable for a moment: keep the last good state, retry later
            self.error = str(exc)
            return None
        if recorded == self._recorded:
            self._signature = signature  # a heartbeat: only the moment's figures moved
            self.error = None
            return None
        return Change(signature, recorded, self.reloads)

    def read(self) -> Meeting:
        """The meeting of the file, rebuilt (the costly part: a full read). Changes nothing
        of the follower: safe on another thread when `reads_aside`. Raises SessionFileError."""
        return load(self.path, self.clock, follow=True)

    def take(self, change: Change, meeting: Meeting) -> bool:
        """Follow `meeting`, read for `change`; False (and nothing changed) when another
        meeting was taken since `change` was seen."""
        if change.taken != self.reloads:
            return False
        self.meeting = meeting
        self._signature, self._recorded = change.signature, change.recorded
        self.error = None
        self.reloads += 1
        return True

    def failed(self, change: Change, error: SessionFileError) -> None:
        """`change` could not be read: keep the last good meeting, say why, retry next poll."""
        if change.taken == self.reloads:
            self.error = str(error)

    @property
    def reads_aside(self) -> bool:
        """Whether `read` may run on another thread while the meeting is shown: with a real
        clock. A rehearsal's read may retime its clock, which the shown meeting reads."""
        return not isinstance(self.clock, SpeedClock)

    def reload(self) -> bool:
        """Forget what was seen and read the file again (tests, and a manual refresh)."""
        self._signature = None
        self._recorded = None
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

    Looks in the sessions folder and at the data folder's list of sessions open in a
    caseroom (`running.running_sessions`: those started with `--session` elsewhere).
    Raises SessionFileError when neither has a session file.
    """
    from caseroom.store.running import running_sessions

    folder = folder or sessions_dir()
    paths: list[Path] = []
    with contextlib.suppress(OSError):
        paths += folder.glob("*.toml")
    paths += running_sessions(folder.parent)
    files: list[tuple[float, Path]] = []
    for path in dict.fromkeys(p.absolute() for p in paths):
        try:
            files.append((path.stat().st_mtime, path))
        except OSError:
            continue
    if not files:
        raise SessionFileError(f"{folder}: no session to follow; name one: caseroom clock SESSION")
    files.sort(key=lambda item: item[0], reverse=True)
    for _, path in files[:CANDIDATES]:
        try:
            if _status(path) == "running":
                return path
        except SessionFileError:
            continue
    return files[0][1]


def _status(path: Path) -> object:
    """A session file's `status`: a top-level key, so its head holds it (else the whole file
    is read). Raises SessionFileError."""
    try:
        head = read_head(path)
    except OSError:
        head = None
    return (head if head and "status" in head else read_document(path)).get("status")
