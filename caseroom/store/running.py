"""The sessions open in a caseroom on this machine, wherever their files are.

`caseroom clock` with no argument follows the newest running meeting. The sessions folder
holds most of them, but `caseroom run --session FILE` may save anywhere; so the data folder
keeps a small list, `running.json` (beside `sessions/`): each entry the session's absolute
path, the process holding it and when that process started (a process number used again is
another process). A meeting is added as it opens and removed as it closes (`Registration`).
An entry whose process is gone (a crash, `kill -9`), or whose session is gone (neither the
file nor its lock), is stale: readers ignore it, and every write of the list drops it.

The list is owner-only (0600, in the owner-only data folder), written atomically under a
lock of its own (`.running.json.lock`). It is a convenience: a list that cannot be read or
written never stops a meeting, it is only not updated.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caseroom.store.atomic import FILE_MODE, ensure_private_folder, write_atomic
from caseroom.store.lock import lock_path
from caseroom.store.paths import sessions_dir

RUNNING_FILE = "running.json"
LOCK_SECONDS = 2.0  # for another caseroom's write of the list (a few milliseconds)
START_SLACK = 1.0  # seconds: how far two reads of one process's start time may differ


def running_list(home: Path | None = None) -> Path:
    """The list's file: in the data folder, beside the sessions folder."""
    return (home or sessions_dir().parent) / RUNNING_FILE


@dataclass(frozen=True)
class Entry:
    session: Path  # absolute
    pid: int
    since: float  # the process's start time (seconds since the epoch)

    def to_json(self) -> dict[str, Any]:
        return {"session": str(self.session), "pid": self.pid, "since": self.since}


def process_start(pid: int) -> float | None:
    """When process `pid` started, or None when there is none (asked of psutil: `os.kill(pid,
    0)` would end a process on Windows)."""
    import psutil

    try:
        return float(psutil.Process(pid).create_time())
    except (psutil.Error, OSError, ValueError):
        return None


def is_live(entry: Entry) -> bool:
    """Its process is the one that added it and still runs, and its session is there (the
    file, or while the start screen is up only its lock)."""
    started = process_start(entry.pid)
    if started is None or abs(started - entry.since) > START_SLACK:
        return False
    return entry.session.exists() or lock_path(entry.session).exists()


def read_entries(path: Path) -> list[Entry]:
    """The entries of the list at `path`, as written; [] when it is missing or unreadable, and
    entries of the wrong shape are left out."""
    try:
        doc = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return []
    items = doc.get("running") if isinstance(doc, dict) else None
    found = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        session, pid, since = item.get("session"), item.get("pid"), item.get("since")
        if (
            isinstance(session, str)
            and os.path.isabs(session)
            and isinstance(pid, int)
            and not isinstance(pid, bool)
            and isinstance(since, int | float)
            and not isinstance(since, bool)
        ):
            found.append(Entry(Path(session), pid, float(since)))
    return found


def running_sessions(home: Path | None = None) -> list[Path]:
    """The session files of the live entries (only read: the list is not written)."""
    return [
        e.session for e in read_entries(running_list(home)) if is_live(e) and e.session.is_file()
    ]


def _update(change: Callable[[list[Entry]], list[Entry]], home: Path | None) -> bool:
    """Rewrite the list under its lock: its live entries, changed by `change`. False when the
    list could not be written (then it is left as it was)."""
    from filelock import FileLock, Timeout

    path = running_list(home)
    try:
        ensure_private_folder(path.parent)
        lock = FileLock(path.parent / f".{path.name}.lock", mode=FILE_MODE, timeout=LOCK_SECONDS)
        with lock:
            entries = change([e for e in read_entries(path) if is_live(e)])
            doc = {"running": [e.to_json() for e in entries]}
            data = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
            write_atomic(path, data.encode("utf-8"), durable=False)
    except (OSError, Timeout):
        return False
    return True


class Registration:
    """This process's entry for `session`, from `add()` until `remove()`.

    `add(wait=False)` writes the entry on a thread of its own, so that the meeting's screen
    does not wait for it (psutil's import, another caseroom's write of the list); `remove`
    waits for that first.
    """

    def __init__(self, session: Path, home: Path | None = None) -> None:
        self.session = session.resolve()
        self.home = home
        self.pid = os.getpid()
        self.adding: threading.Thread | None = None

    def add(self, *, wait: bool = True) -> Registration:
        if wait:
            self._add()
        else:
            self.adding = threading.Thread(target=self._add, name="caseroom-list", daemon=True)
            self.adding.start()
        return self

    def _add(self) -> None:
        with contextlib.suppress(Exception):  # a convenience: never in the way of a meeting
            since = process_start(self.pid)
            if since is None:
                return
            entry = Entry(self.session, self.pid, since)
            _update(
                lambda entries: [*(e for e in entries if e.session != self.session), entry],
                self.home,
            )

    def remove(self) -> None:
        if self.adding is not None:
            self.adding.join(LOCK_SECONDS + 1.0)
        with contextlib.suppress(Exception):  # on the way out: never in the way of the exit
            _update(
                lambda entries: [
                    e for e in entries if not (e.session == self.session and e.pid == self.pid)
                ],
                self.home,
            )
