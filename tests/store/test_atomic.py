"""Durable writes: a failed write leaves the old file as it was; files 0600, folders 0700."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import SaveError
from caseroom.domain.meeting import Meeting
from caseroom.store.atomic import ensure_private_folder, write_atomic
from caseroom.store.cases import open_case
from caseroom.store.session_file import save

OLD = b"old contents\n" * 1000
NEW = b"new contents\n" * 5000


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path, keep: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p != keep]


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "session.toml"
    write_atomic(path, OLD)
    return path


def test_write_atomic_writes_and_replaces(tmp_path: Path, old_file: Path) -> None:
    assert old_file.read_bytes() == OLD
    write_atomic(old_file, NEW)
    assert old_file.read_bytes() == NEW
    assert leftovers(tmp_path, old_file) == []


def test_files_are_owner_only_even_when_they_were_not(tmp_path: Path, old_file: Path) -> None:
    assert mode(old_file) == 0o600
    old_file.chmod(0o644)
    write_atomic(old_file, NEW)
    assert mode(old_file) == 0o600


def test_a_file_may_ask_for_its_own_mode(tmp_path: Path) -> None:
    path = tmp_path / "case.toml"
    write_atomic(path, NEW, mode=0o644)  # a case file: no notes, shared like a document
    assert mode(path) == 0o644 and path.read_bytes() == NEW


@pytest.mark.parametrize("links", [True, False])  # False: a file system without hard links
def test_a_write_that_may_not_replace_never_touches_an_existing_file(
    tmp_path: Path, old_file: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    if not links:

        def no_links(*args: object) -> None:
            raise OSError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "link", no_links)
    with pytest.raises(FileExistsError):
        write_atomic(old_file, NEW, replace=False)
    assert old_file.read_bytes() == OLD
    assert leftovers(tmp_path, old_file) == []
    fresh = tmp_path / "fresh.toml"
    write_atomic(fresh, NEW, replace=False)
    assert fresh.read_bytes() == NEW and mode(fresh) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.toml", "session.toml"]


def test_new_folders_are_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "home" / "sessions"
    ensure_private_folder(folder)
    assert folder.is_dir() and mode(folder) == 0o700
    ensure_private_folder(folder)  # exists already: fine


def failing_write(after: int) -> Callable[[int, Any], int]:
    """os.write that writes `after` bytes, then fails as a full disk does."""
    real = os.write
    state = {"written": 0}

    def write(fd: int, data: Any) -> int:
        if state["written"] >= after:
            raise OSError(errno.ENOSPC, "No space left on device")
        chunk = bytes(data[: after - state["written"]])
        state["written"] += len(chunk)
        return real(fd, chunk)

    return write


@pytest.mark.parametrize("after", [0, 1, len(NEW) // 2, len(NEW) - 1])
def test_a_write_failing_midway_leaves_the_old_file_intact(
    tmp_path: Path, old_file: Path, monkeypatch: pytest.MonkeyPatch, after: int
) -> None:
    monkeypatch.setattr(os, "write", failing_write(after))
    with pytest.raises(OSError, match="No space left"):
        write_atomic(old_file, NEW)
    monkeypatch.undo()
    assert old_file.read_bytes() == OLD
    assert leftovers(tmp_path, old_file) == []  # the half-written temporary file is gone


@pytest.mark.parametrize("call", ["fsync", "replace", "fchmod"])
def test_a_failing_fsync_replace_or_chmod_leaves_the_old_file_intact(
    tmp_path: Path, old_file: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, f"{call} failed")

    monkeypatch.setattr(os, call, fail)
    with pytest.raises(OSError, match=f"{call} failed"):
        write_atomic(old_file, NEW)
    monkeypatch.undo()
    assert old_file.read_bytes() == OLD
    assert leftovers(tmp_path, old_file) == []


def test_an_interrupt_during_the_write_leaves_the_old_file_intact(
    tmp_path: Path, old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int, data: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(old_file, NEW)
    monkeypatch.undo()
    assert old_file.read_bytes() == OLD
    assert leftovers(tmp_path, old_file) == []


# --- through save(): SaveError, one line, the old session kept ------------------------------


@pytest.fixture
def meeting(clock: FakeClock) -> Meeting:
    case: Case = open_case(None)[0]
    meeting = Meeting(case, clock, case_source="bundled:t2d-aarsstatus")
    meeting.add_participant("Anna", "læge")
    meeting.start()
    return meeting


def test_save_creates_a_private_folder_and_file(tmp_path: Path, meeting: Meeting) -> None:
    path = tmp_path / "new" / "sessions" / "s.toml"
    save(meeting, path)
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600
    assert path.read_bytes().startswith(b"format = 2\n")


def test_a_failed_save_raises_save_error_and_keeps_the_old_session(
    tmp_path: Path, meeting: Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.toml"
    save(meeting, path)
    before = path.read_bytes()
    meeting.add_learning_point("this one is not saved")
    monkeypatch.setattr(os, "write", failing_write(100))
    with pytest.raises(SaveError) as caught:
        save(meeting, path)
    monkeypatch.undo()
    assert str(caught.value) == f"not saved to {path}: No space left on device"
    assert path.read_bytes() == before
    save(meeting, path)  # the next attempt succeeds
    assert b"this one is not saved" in path.read_bytes()


def test_saving_into_a_read_only_folder_raises_save_error(
    tmp_path: Path, meeting: Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "sessions"
    path = folder / "s.toml"
    save(meeting, path)
    before = path.read_bytes()
    meeting.add_learning_point("after the folder became read-only")
    folder.chmod(0o500)
    try:
        if os.geteuid() == 0:
            # root writes into a 0500 folder anyway: refuse the way the kernel would for others
            real_open = os.open

            def refusing_open(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
                if Path(file).parent == folder and flags & os.O_CREAT:
                    raise PermissionError(errno.EACCES, "Permission denied", str(file))
                return real_open(file, flags, *args, **kwargs)

            monkeypatch.setattr(os, "open", refusing_open)
        with pytest.raises(SaveError) as caught:
            save(meeting, path)
        monkeypatch.undo()
    finally:
        folder.chmod(0o700)
    assert str(caught.value) == f"not saved to {path}: Permission denied"
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == before
    assert leftovers(folder, path) == []


def test_a_save_in_two_halves_is_whole_at_once_and_durable_after_the_flush(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An agenda key's save: written and renamed before the frame, flushed to disk after it."""
    from caseroom.domain.people import Participant
    from caseroom.store.keeper import SessionKeeper

    case = open_case(None)[0]
    meeting = Meeting(case, FakeClock(), participants=[Participant("Anna", "læge")])
    path = tmp_path / "sessions" / "s.toml"
    keeper = SessionKeeper(meeting, path)
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)

    meeting.start()
    assert keeper.save(durable=False)
    assert synced == []  # nothing waited for the disk
    assert 'state = "running"' in path.read_text()  # but the file is whole and current
    assert keeper.unsynced and not keeper.saved
    assert leftovers(path.parent, path) == []

    assert keeper.sync()
    assert len(synced) == 2  # the file, then its folder (the rename)
    assert keeper.saved and not keeper.unsynced
    assert keeper.sync() and len(synced) == 2  # nothing left to flush

    assert keeper.save()  # a capture's save: both halves before it returns
    assert len(synced) == 4 and keeper.saved


def test_a_failed_flush_is_reported_as_not_saved(tmp_path: Path) -> None:
    from caseroom.domain.people import Participant
    from caseroom.store.keeper import SessionKeeper

    meeting = Meeting(open_case(None)[0], FakeClock(), participants=[Participant("Bo", "læge")])
    path = tmp_path / "s.toml"
    keeper = SessionKeeper(meeting, path)
    assert keeper.save(durable=False)
    path.unlink()  # the file vanished before its flush
    assert not keeper.sync()
    assert keeper.error is not None and str(path) in keeper.error
    assert not keeper.saved


def test_torn_copies_of_killed_savers_are_cleaned_up_and_live_ones_kept(tmp_path: Path) -> None:
    """A kill mid-save leaves `.NAME.PID.tmp`; the next keeper of that session removes it."""
    import subprocess
    import sys

    from caseroom.domain.people import Participant
    from caseroom.store.keeper import SessionKeeper

    path = tmp_path / "session.toml"
    write_atomic(path, OLD)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = tmp_path / f".session.toml.{gone.stdout.strip()}.tmp"
    live = tmp_path / f".session.toml.{os.getppid()}.tmp"  # our parent is alive
    other = tmp_path / ".other.toml.1.tmp"  # another session's: not ours to touch
    for torn in (dead, live, other):
        torn.write_bytes(NEW[:100])
    meeting = Meeting(open_case(None)[0], FakeClock(), participants=[Participant("A", "læge")])
    SessionKeeper(meeting, path)
    assert not dead.exists()
    assert live.exists() and other.exists()
    assert path.read_bytes() == OLD  # the session itself untouched
