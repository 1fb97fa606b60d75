"""One caseroom per session: a second one would save over the first one's notes.

The lock is `flock` on a hidden file beside the session (`.NAME.lock`, owner-only). The kernel
releases it when the process ends, however it ends (a crash or `kill -9` included), so a lock
is never left behind: a file left by a crash is only a name, which the next caseroom takes.
A clean exit removes the file. The timekeeper's clock and the exports only read a session
and take no lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from pathlib import Path

from caseroom.domain.errors import SessionFileError
from caseroom.store.atomic import FILE_MODE, ensure_private_folder


def lock_path(session: Path) -> Path:
    return session.parent / f".{session.name}.lock"


class SessionLock:
    def __init__(self, session: Path) -> None:
        self.session = session
        self.path = lock_path(session)
        self.fd: int | None = None
        self._releasing = threading.Lock()  # the UI's thread, or the one that forces the exit

    def acquire(self) -> SessionLock:
        """Take the lock, or raise SessionFileError when another caseroom has the session."""
        try:
            ensure_private_folder(self.session.parent)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError as exc:
            raise SessionFileError(
                f"{self.session}: cannot lock it: {exc.strerror or exc}"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise SessionFileError(
                f"{self.session}: open in another caseroom; close that one first "
                "(`caseroom clock` can watch it meanwhile)"
            ) from None
        self.fd = fd
        return self

    def release(self) -> None:
        """Remove the lock file and drop the lock; from any thread, once (then it does nothing)."""
        with self._releasing:
            fd, self.fd = self.fd, None
            if fd is None:
                return
            with contextlib.suppress(OSError):
                self.path.unlink()  # while still held: nobody holds a lock on a lost name
            with contextlib.suppress(OSError):
                os.close(fd)  # closing drops the flock
