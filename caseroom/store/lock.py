"""One caseroom per session: a second one would save over the first one's notes.

The lock is an OS file lock on a hidden file beside the session (`.NAME.lock`, owner-only),
taken with `filelock`: `flock` on POSIX, `LockFileEx` on Windows. The OS drops it when the
process ends, however it ends (a crash or `kill -9` included), so a lock is never left behind:
a file left by a crash is only a name, which the next caseroom takes. Where the file system has
no `flock` (some network shares), or a platform has neither, filelock's soft lock stands in:
the file itself is the lock and names its owner's PID, and a caseroom finding a file whose
owner is gone on this machine takes it over. A clean exit removes the file. The timekeeper's
clock and the exports only read a session and take no lock.
"""

from __future__ import annotations

import contextlib
import os
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from caseroom.domain.errors import SessionFileError
from caseroom.store.atomic import FILE_MODE, ensure_private_folder

if TYPE_CHECKING:
    from filelock import BaseFileLock

# POSIX lets a file's name go while the file is open and locked, so the holder removes the name
# before it unlocks: whoever opens the name afterwards makes a new file, and a lock filelock wins
# on a file whose name went meanwhile does not count, so two can never both hold it. Windows does
# not delete an open file: there filelock's lock removes it itself, right after unlocking.
REMOVE_WHILE_HELD = os.name != "nt"

# held locks stay referenced until released: filelock unlocks a lock object that is collected,
# and a caller may keep none (the lock is then held until the process ends, as the OS's is)
_held: set[SessionLock] = set()
_held_guard = threading.Lock()


class SessionLocked(SessionFileError):
    """Another caseroom has the session open (its lock is taken)."""


def lock_path(session: Path) -> Path:
    return session.parent / f".{session.name}.lock"


class SessionLock:
    def __init__(self, session: Path) -> None:
        self.session = session
        self.path = lock_path(session)
        self.file_lock: BaseFileLock | None = None  # while held
        self._releasing = threading.Lock()  # the UI's thread, or the one that forces the exit

    def acquire(self) -> SessionLock:
        """Take the lock, or raise SessionFileError when another caseroom has the session."""
        with warnings.catch_warnings():
            # the soft lock where there is no OS lock is the module docstring's, not news
            warnings.filterwarnings("ignore", "only soft file lock is available", UserWarning)
            warnings.filterwarnings("ignore", "flock not supported", UserWarning)
            from filelock import FileLock, Timeout  # only here: most commands take no lock

            # not thread-local: the thread that ends the process may be the one releasing it
            file_lock = FileLock(self.path, mode=FILE_MODE, thread_local=False, blocking=False)
            try:
                ensure_private_folder(self.session.parent)
                file_lock.acquire()
            except Timeout:
                raise SessionLocked(
                    f"{self.session}: open in another caseroom; close that one first "
                    "(`caseroom clock` can watch it meanwhile)"
                ) from None
            except OSError as exc:
                raise SessionFileError(
                    f"{self.session}: cannot lock it: {exc.strerror or exc}"
                ) from None
        self.file_lock = file_lock
        with _held_guard:
            _held.add(self)
        return self

    def release(self) -> None:
        """Remove the lock file and drop the lock; from any thread, once (then it does nothing)."""
        with self._releasing:
            file_lock, self.file_lock = self.file_lock, None
            if file_lock is None:
                return
            try:
                if REMOVE_WHILE_HELD:
                    with contextlib.suppress(OSError):
                        self.path.unlink()  # while still held: nobody holds a lock on a lost name
                with contextlib.suppress(OSError):
                    file_lock.release()  # unlocks and closes (on Windows: then removes the file)
            finally:
                with _held_guard:
                    _held.discard(self)


def open_elsewhere(session: Path) -> bool:
    """Whether another caseroom holds `session` open now (its lock is taken).

    Asks by taking the lock beside it and dropping it at once: the session file itself is
    not touched. False where the lock cannot be taken for another reason (a read-only
    folder): nobody can be writing the session there either.
    """
    lock = SessionLock(session)
    try:
        lock.acquire()
    except SessionLocked:
        return True
    except SessionFileError:
        return False
    lock.release()
    return False
