"""Durable writes: temporary file in the same folder, flush, fsync, rename, fsync the folder.

`write_atomic(..., durable=False)` stops after the rename: the new file is then in the kernel,
so no crash or kill of the process can lose it, and `sync_written` makes it survive a power
cut too. The meeting screen uses the two halves around a frame (see SessionKeeper).

Windows differs in three ways, each behind its own flag below: a folder cannot be opened, so
not fsynced (NTFS journals the rename itself); a flush needs a handle open for writing; and
`os.open` defaults to text mode. Without `os.fchmod` (Windows before Python 3.13) a file keeps
the mode it was created with; there the sessions folder's ACL, not a mode, keeps it private.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700

FOLDERS_SYNC = os.name != "nt"  # an fsync of the folder makes a rename durable (POSIX)
FSYNC_NEEDS_WRITE = os.name == "nt"  # FlushFileBuffers refuses a read-only handle
O_BINARY: int = getattr(os, "O_BINARY", 0)  # Windows: no \n -> \r\n on the way to the disk


def ensure_private_folder(folder: Path) -> None:
    """Create `folder` (and parents) owner-only if missing."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)


def write_atomic(
    path: Path,
    data: bytes,
    *,
    durable: bool = True,
    mode: int = FILE_MODE,
    replace: bool = True,
) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file.

    Raises OSError (the caller turns it into a SaveError); the old file is never damaged.
    With `durable=False` the data is not flushed to the disk yet: call `sync_written(path)`.
    With `replace=False` an existing `path` is never touched: FileExistsError instead.
    """
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | O_BINARY, mode)
    try:
        try:
            fchmod = getattr(os, "fchmod", None)
            if fchmod is not None:
                fchmod(fd, mode)  # also when umask took bits away
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if replace:
            os.replace(tmp, path)
        else:
            _move_new(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _sync_folder(folder)


def _move_new(tmp: Path, path: Path) -> None:
    """Rename `tmp` to `path` only if no `path` exists: a hard link fails on an existing
    name in one step, then the temporary name goes. Where the file system has no hard links
    (FAT, some network shares), a check just before the rename."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        if path.exists():
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def remove_leftovers(path: Path) -> list[Path]:
    """Delete the temporary files that writers of `path` killed mid-save left behind.

    A file `.NAME.PID.tmp` whose process is gone is a torn copy, never the session; one of a
    live process (another caseroom saving) is left alone. Returns what was removed.
    """
    removed: list[Path] = []
    prefix = f".{path.name}."
    try:
        candidates = [p for p in path.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return removed
    for candidate in candidates:
        pid = candidate.name[len(prefix) :].removesuffix(".tmp")
        if not candidate.name.endswith(".tmp") or not pid.isdigit() or _alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            candidate.unlink()
            removed.append(candidate)
    return removed


def _alive(pid: int) -> bool:
    """Is process `pid` running? Asked of the OS's process list, the same way everywhere, and
    never by `os.kill(pid, 0)`: that probes a process on POSIX, but on Windows it ends it."""
    if pid == os.getpid():
        return True
    import psutil  # only here: a session with a leftover is rare

    return pid in psutil.pids()


def sync_written(path: Path) -> None:
    """Flush a file written with `durable=False`, and its rename, to the disk."""
    _fsync(path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    if FOLDERS_SYNC:
        _fsync(folder)


def _fsync(path: Path) -> None:
    fd = os.open(path, (os.O_RDWR if FSYNC_NEEDS_WRITE else os.O_RDONLY) | O_BINARY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
