"""The hand-over from a note-taker's screen to the meeting: an append-only inbox file.

One writer per session file: the note-taker's process (`caseroom notes`) never writes the
session. It appends one JSON line per entry (domain/inbox.py: a note added, edited or
deleted) to its own inbox beside the session, `.NAME.inbox-TOKEN.jsonl`, owner-only (0600),
each line written whole and fsynced before the screen counts it as sent. The meeting's
process reads every inbox of its session (`InboxReader`, only the bytes added since its last
read), applies the entries through the engine and acknowledges their keys in the session
file; an inbox whose entries are all acknowledged and whose writer is gone is removed
(`remove_delivered`). The writer holds an OS lock on its inbox while it runs, which is how the
meeting knows it is gone.

Reading tolerates what a crash leaves: a last line without its newline (a torn write) is not
read until it is whole, and once its writer is gone it is skipped; a line that is not an entry
is skipped with a warning, never stopping the meeting.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from caseroom.domain.inbox import OPS, InboxEntry
from caseroom.store.atomic import FILE_MODE, FOLDERS_SYNC, O_BINARY

try:
    import fcntl
except ImportError:  # Windows: no advisory locks here; an inbox is then never removed
    fcntl = None  # type: ignore[assignment]

MAX_LINE = 256 * 1024
"""An inbox line longer than this is not an entry (a capture holds at most 20,000 chars)."""


def inbox_glob(session: Path) -> str:
    return f".{session.name}.inbox-*.jsonl"


def inbox_path(session: Path, token: str) -> Path:
    return session.parent / f".{session.name}.inbox-{token}.jsonl"


def inbox_paths(session: Path) -> list[Path]:
    """The inboxes of `session`, in name order."""
    try:
        return sorted(session.parent.glob(inbox_glob(session)))
    except OSError:
        return []


def new_token() -> str:
    """A token for a note-taker process: its inbox's name and its notes' id stem."""
    return "n" + secrets.token_hex(3)


_NOTE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")  # as the session file's NoteId
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")  # and its InboxKey


def encode(entry: InboxEntry) -> bytes:
    data = {k: v for k, v in asdict(entry).items() if v not in ("", None)}
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def decode(line: bytes) -> InboxEntry:
    """One inbox line as an entry; ValueError when it is not one."""
    data = json.loads(line.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("not an object")
    texts = ("key", "op", "note_id", "kind", "author")
    optional = ("text", "area", "responsible", "proposed_by", "segment")
    for name in texts:
        if not isinstance(data.get(name), str) or not data[name]:
            raise ValueError(f"no {name}")
    for name in optional:
        if not isinstance(data.get(name, ""), str):
            raise ValueError(f"{name} is not text")
    # the session file records these (a note's id, the keys it took): what it could not
    # load back is no entry
    if not _NOTE_ID.fullmatch(data["note_id"]):
        raise ValueError(f"bad note id {data['note_id']!r}")
    if not _KEY.fullmatch(data["key"]):
        raise ValueError(f"bad key {data['key']!r}")
    if data["op"] not in OPS:
        raise ValueError(f"unknown op {data['op']!r}")
    question = data.get("question")
    if question is not None and not isinstance(question, str):
        raise ValueError("question is not text")
    base = data.get("base")
    if base is not None and not (
        isinstance(base, dict) and all(isinstance(v, str) for v in base.values())
    ):
        raise ValueError("base is not a table of texts")
    known = {*texts, *optional, "question", "base"}
    return InboxEntry(**{k: v for k, v in data.items() if k in known})


class InboxWriter:
    """The note-taker's inbox: created owner-only, locked while this process runs, each
    entry appended whole and fsynced (`send` returns once it is on the disk)."""

    def __init__(self, session: Path, token: str | None = None) -> None:
        self.token = token or new_token()
        self.path = inbox_path(session, self.token)
        self._fd: int | None = None

    def _open(self) -> int:
        if self._fd is None:
            created = not self.path.exists()
            # a new inbox is made and locked under a name the meeting does not look at, then
            # renamed into place: the meeting never sees it unlocked (and so never removes it
            # as delivered before its first line is written)
            target = self.path.with_name(self.path.name + ".new") if created else self.path
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | O_BINARY
            fd = os.open(target, flags, FILE_MODE)
            try:
                if hasattr(os, "fchmod"):
                    os.fchmod(fd, FILE_MODE)  # also when the umask took bits away
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                if created:
                    os.replace(target, self.path)
            except OSError:
                os.close(fd)
                raise
            if created and FOLDERS_SYNC:
                _sync_folder(self.path.parent)
            self._fd = fd
        return self._fd

    def send(self, entry: InboxEntry) -> None:
        """Append `entry` and flush it to the disk. Raises OSError."""
        fd = self._open()
        data = encode(entry)
        written = 0
        while written < len(data):
            written += os.write(fd, data[written:])
        os.fsync(fd)

    def close(self, *, remove: bool = False) -> None:
        """Let go of the inbox; `remove` deletes it (everything in it was acknowledged)."""
        if self._fd is None:
            if remove:
                with contextlib.suppress(OSError):
                    self.path.unlink()
            return
        if remove:
            with contextlib.suppress(OSError):
                self.path.unlink()  # while still locked: the meeting never reads half of it
        os.close(self._fd)
        self._fd = None


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def writer_alive(path: Path) -> bool:
    """Whether a note-taker process holds `path` (its inbox) open. Where there are no
    advisory locks (Windows), every inbox counts as held."""
    if fcntl is None:
        return True
    try:
        fd = os.open(path, os.O_RDONLY | O_BINARY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing drops the probe's lock too
    return False


@dataclass
class _Seen:
    inode: int
    offset: int = 0


@dataclass
class InboxReader:
    """Reads the inboxes of one session as they grow: each call to `read` returns the
    entries whole since the last call (a line still being written waits for its newline),
    and `warnings` the lines that could not be read (skipped)."""

    session: Path
    warnings: list[str] = field(default_factory=list)
    _seen: dict[Path, _Seen] = field(default_factory=dict)
    _listed: list[Path] = field(default_factory=list)
    _folder_time: int | None = None

    def changed(self) -> bool:
        """Cheap: whether any inbox appeared, grew or went. The folder is listed again when
        its modification time moved (a file came or went) or is recent (a file may have come
        within the same clock tick as the last listing); else a stat of each inbox."""
        try:
            folder_time: int | None = self.session.parent.stat().st_mtime_ns
        except OSError:
            folder_time = None
        recent = folder_time is not None and time.time_ns() - folder_time < 2_000_000_000
        if folder_time is None or folder_time != self._folder_time or recent:
            self._listed = inbox_paths(self.session)
            self._folder_time = folder_time
        paths = self._listed
        if set(paths) != set(self._seen):
            return True
        for path in paths:
            try:
                st = path.stat()
            except OSError:
                return True
            seen = self._seen[path]
            if st.st_ino != seen.inode or st.st_size != seen.offset:
                return True
        return False

    def read(self, *, final: bool = False) -> list[InboxEntry]:
        """The new entries of every inbox. `final`: a torn last line of an inbox whose
        writer is gone is skipped with a warning (it never becomes whole)."""
        entries: list[InboxEntry] = []
        paths = inbox_paths(self.session)
        for gone in set(self._seen) - set(paths):
            del self._seen[gone]
        for path in paths:
            entries.extend(self._read_one(path, final=final))
        return entries

    def _read_one(self, path: Path, *, final: bool) -> list[InboxEntry]:
        try:
            with open(path, "rb") as file:
                st = os.fstat(file.fileno())
                seen = self._seen.get(path)
                if seen is None or seen.inode != st.st_ino or st.st_size < seen.offset:
                    seen = self._seen[path] = _Seen(st.st_ino)
                file.seek(seen.offset)
                data = file.read()
        except OSError as exc:
            self.warnings.append(f"{path}: cannot be read: {exc.strerror or exc}")
            return []
        entries: list[InboxEntry] = []
        start = 0
        while (end := data.find(b"\n", start)) >= 0:
            line = data[start:end]
            number = seen.offset + start
            start = end + 1
            if not line.strip():
                continue
            try:
                if len(line) > MAX_LINE:
                    raise ValueError("too long")
                entries.append(decode(line))
            except (ValueError, UnicodeDecodeError, TypeError) as exc:
                self.warnings.append(f"{path}: byte {number}: not an inbox entry ({exc}); skipped")
        tail = data[start:]
        if tail and (len(tail) > MAX_LINE or (final and not writer_alive(path))):
            self.warnings.append(f"{path}: a torn last line; skipped")
            start = len(data)
        seen.offset += start
        return entries


def remove_delivered(session: Path, acknowledged: set[str]) -> list[Path]:
    """Delete the inboxes whose writer is gone and whose entries are all in `acknowledged`
    (call it once the session holding them is on the disk). Returns what was removed."""
    removed: list[Path] = []
    for path in inbox_paths(session):
        if writer_alive(path):
            continue
        reader = InboxReader(session)
        entries = reader._read_one(path, final=True)
        if all(entry.key in acknowledged for entry in entries):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def entry_dict(entry: InboxEntry) -> dict[str, Any]:
    return asdict(entry)


def meeting_open(session: Path) -> bool:
    """Whether a caseroom process holds `session` open (its lock, caseroom/store/lock.py).

    A probe of the lock file for a moment; without advisory locks (Windows) the file's
    presence says it."""
    from caseroom.store.lock import lock_path

    path = lock_path(session)
    if fcntl is None:
        return path.exists()
    try:
        fd = os.open(path, os.O_RDONLY | O_BINARY)
    except OSError:
        return False  # a clean exit removes the lock file
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False
