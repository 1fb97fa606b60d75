"""caseroom installs and runs where POSIX-only pieces are missing (Windows), module by module.

The floor: a fresh interpreter without `fcntl` and `termios`, `select.poll` and `signal.SIGHUP`
(what Windows lacks of what caseroom could reach at import) imports every module of caseroom and
runs a short meeting through the domain and the store. It is a floor, not the proof: each
platform branch then has its own test here, on this machine, by the flag it checks (`os.fchmod`
among them: gone in the floor, filelock's stand-in lock for a POSIX without `fcntl` would miss
it, which no real platform is).
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import SessionFileError
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store import atomic
from caseroom.store import lock as lock_module
from caseroom.store.atomic import remove_leftovers, sync_written, write_atomic
from caseroom.store.cases import open_case
from caseroom.store.keeper import SessionKeeper
from caseroom.store.lock import SessionLock, lock_path
from caseroom.store.session_file import load, save

ROOT = Path(__file__).resolve().parents[2]
TEXT: dict[str, Any] = {"capture_output": True, "text": True, "check": True}

# What a Windows interpreter lacks of what caseroom could reach; runs before anything else.
AS_ON_WINDOWS = textwrap.dedent(
    """
    import select, signal, sys
    sys.modules["fcntl"] = None  # import fcntl: ImportError
    sys.modules["termios"] = None
    for name in [n for n in dir(select) if n == "poll" or n.startswith("POLL")]:
        delattr(select, name)
    del signal.SIGHUP
    """
)

FLOOR = textwrap.dedent(
    """
    import contextlib, importlib, io, json, pkgutil, sys, tempfile
    from pathlib import Path

    import caseroom

    imported = []
    for info in pkgutil.walk_packages(caseroom.__path__, "caseroom."):
        if info.name != "caseroom.__main__":  # runs the CLI on import
            imported.append(importlib.import_module(info.name).__name__)

    from caseroom.cli import main
    from caseroom.domain.clock import FakeClock
    from caseroom.domain.errors import SessionFileError
    from caseroom.domain.meeting import Meeting
    from caseroom.store.atomic import remove_leftovers
    from caseroom.store.cases import open_case
    from caseroom.store.keeper import SessionKeeper
    from caseroom.store.lock import SessionLock, lock_path
    from caseroom.store.session_file import load

    folder = Path(tempfile.mkdtemp())
    path = folder / "session.toml"
    lock = SessionLock(path).acquire()
    try:
        SessionLock(path).acquire()
        refused = ""
    except SessionFileError as exc:
        refused = str(exc)

    case, source, _ = open_case(None)
    clock = FakeClock()
    meeting = Meeting(case, clock, case_source=source)
    meeting.add_participant("Anna", "læge")
    meeting.add_participant("Bo", "sygeplejerske")
    keeper = SessionKeeper(meeting, path)
    meeting.start()
    meeting.speak("Anna")
    clock.advance(90)
    meeting.add_learning_point("booking før blodprøver")
    meeting.add_proposal("ring dagen før", area="flow", responsible="Bo")
    saved = keeper.save()
    meeting.agenda.next()
    clock.advance(30)
    unsynced = keeper.save(durable=False)
    synced = keeper.sync()
    torn = folder / ".session.toml.999999999.tmp"
    torn.write_text("torn")
    removed = [p.name for p in remove_leftovers(path)]
    lock.release()
    again = load(path, FakeClock(start=clock.now()))

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            main(["--version"])
        except SystemExit as exit:
            version_exit = exit.code
    print(json.dumps({
        "imported": imported,
        "refused": refused,
        "saved": [saved, unsynced, synced],
        "removed": removed,
        "lock_left": lock_path(path).exists(),
        "points": [p.text for p in again.learning_points],
        "proposals": len(again.proposals),
        "status": again.status,
        "version": [version_exit, out.getvalue().strip(), caseroom.__version__],
        "blocked": [m for m in ("fcntl", "termios") if sys.modules.get(m) is not None],
    }))
    """
)


def run_child(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def test_every_module_imports_and_a_meeting_runs_without_posix_only_pieces() -> None:
    done = run_child(AS_ON_WINDOWS + FLOOR)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no warning either (filelock's "only soft file lock")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["blocked"] == []  # the child really ran without them
    for module in (
        "caseroom.cli",
        "caseroom.store.lock",
        "caseroom.store.atomic",
        "caseroom.store.follow",
        "caseroom.ui.app",
        "caseroom.ui.ending",
        "caseroom.ui.clock_app",
        "caseroom.ui.screens.meeting",
    ):
        assert module in result["imported"]
    assert "open in another caseroom" in result["refused"]
    assert result["saved"] == [True, True, True]
    assert result["removed"] == [".session.toml.999999999.tmp"]
    assert result["lock_left"] is False
    assert result["points"] == ["booking før blodprøver"] and result["proposals"] == 1
    assert result["status"] == "running"
    code, printed, version = result["version"]
    assert code == 0 and printed == f"caseroom {version}"


# --- the lock ----------------------------------------------------------------------------------


def test_a_lock_is_released_once_from_whichever_thread_comes_first(tmp_path: Path) -> None:
    """The watcher thread of caseroom/ui/ending.py may release it while the main thread does."""
    import threading

    session = tmp_path / "s.toml"
    held = SessionLock(session).acquire()
    start = threading.Barrier(4)

    def release() -> None:
        start.wait()
        held.release()

    threads = [threading.Thread(target=release) for _ in range(3)]
    for thread in threads:
        thread.start()
    start.wait()
    held.release()
    for thread in threads:
        thread.join()
    assert not lock_path(session).exists()
    SessionLock(session).acquire().release()  # really free again
    held.release()  # and once more: nothing


def test_a_lock_left_unreferenced_is_held_until_the_process_ends(tmp_path: Path) -> None:
    """`SessionLock(path).acquire()` without keeping it: the lock is not collected away."""
    import gc
    import weakref

    session = tmp_path / "s.toml"
    held = weakref.ref(SessionLock(session).acquire())
    gc.collect()
    with pytest.raises(SessionFileError, match="open in another caseroom"):
        SessionLock(session).acquire()
    still = held()
    assert still is not None
    still.release()
    del still
    gc.collect()
    assert held() is None  # released, it is not kept any longer
    SessionLock(session).acquire().release()


NO_FLOCK = textwrap.dedent(
    """
    import errno, fcntl
    def no_flock(*args):  # a file system without flock (some network shares)
        raise OSError(errno.ENOSYS, "Function not implemented")
    fcntl.flock = no_flock
    """
)


def no_flock(*args: object) -> None:
    raise OSError(errno.ENOSYS, "Function not implemented")


def test_without_flock_the_lock_is_a_soft_one_that_a_killed_owner_does_not_keep(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = tmp_path / "s.toml"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            NO_FLOCK + "import sys; from pathlib import Path; "
            "from caseroom.store.lock import SessionLock; "
            f"SessionLock(Path({str(session)!r})).acquire(); print('held', flush=True); "
            "sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    monkeypatch.setattr(fcntl, "flock", no_flock)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert str(holder.pid) in lock_path(session).read_text()  # a marker, not an OS lock
        assert oct(lock_path(session).stat().st_mode & 0o777) == "0o600"
        with pytest.raises(SessionFileError) as refused:
            SessionLock(session).acquire()
        assert str(refused.value) == (
            f"{session}: open in another caseroom; close that one first "
            "(`caseroom clock` can watch it meanwhile)"
        )
    finally:
        holder.kill()  # kill -9: its marker stays …
        _, stderr = holder.communicate()
    assert lock_path(session).exists()
    assert "Warning" not in stderr
    held = SessionLock(session).acquire()  # … but a dead owner's marker is no lock
    assert str(os.getpid()) in lock_path(session).read_text()
    held.release()
    assert not lock_path(session).exists()


def test_where_an_open_file_cannot_be_deleted_the_lock_removes_its_file_after_unlocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows: filelock's lock deletes its file once unlocked; caseroom must not try before."""
    monkeypatch.setattr(lock_module, "REMOVE_WHILE_HELD", False)
    session = tmp_path / "s.toml"
    held = SessionLock(session).acquire()
    inner = held.file_lock
    assert inner is not None
    seen: list[bool] = []
    real_release = inner.release

    def release(force: bool = False) -> None:
        seen.append(lock_path(session).exists())
        real_release(force=force)
        lock_path(session).unlink()  # as WindowsFileLock._release does

    monkeypatch.setattr(inner, "release", release)
    held.release()
    assert seen == [True]  # the file was still there when the lock let go
    assert not lock_path(session).exists()
    SessionLock(session).acquire().release()


def test_where_a_held_file_can_be_deleted_it_goes_before_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """POSIX: the name goes while the lock is held, so nobody locks a name about to vanish."""
    monkeypatch.setattr(lock_module, "REMOVE_WHILE_HELD", True)
    session = tmp_path / "s.toml"
    held = SessionLock(session).acquire()
    inner = held.file_lock
    assert inner is not None
    seen: list[bool] = []
    real_release = inner.release

    def release(force: bool = False) -> None:
        seen.append(lock_path(session).exists())
        real_release(force=force)

    monkeypatch.setattr(inner, "release", release)
    held.release()
    assert seen == [False]
    assert not lock_path(session).exists()


# --- durable writes -------------------------------------------------------------------------------


def test_without_fchmod_a_write_still_succeeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows before Python 3.13 has no os.fchmod (there, the folder's ACL keeps it private)."""
    monkeypatch.delattr(os, "fchmod")
    path = tmp_path / "s.toml"
    write_atomic(path, b"a = 1\n")
    assert path.read_bytes() == b"a = 1\n"


def folder_open_refused(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """os.open as on Windows: a folder cannot be opened (so not fsynced). Records the calls."""
    real_open = os.open
    opened: list[tuple[str, int]] = []

    def windows_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        opened.append((str(path), flags))
        if Path(path).is_dir():
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", windows_open)
    return opened


def test_where_folders_cannot_be_synced_a_durable_save_syncs_the_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "FOLDERS_SYNC", False)
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    opened = folder_open_refused(monkeypatch)
    path = tmp_path / "s.toml"
    write_atomic(path, b"a = 1\n")
    write_atomic(path, b"a = 2\n", durable=False)
    sync_written(path)
    assert path.read_bytes() == b"a = 2\n"
    assert len(synced) == 2  # the durable write's file, then sync_written's file
    assert all(Path(name) != tmp_path for name, _ in opened)


def test_where_folders_sync_the_rename_is_synced_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "FOLDERS_SYNC", True)
    opened = folder_open_refused(monkeypatch)
    with pytest.raises(PermissionError):
        write_atomic(tmp_path / "s.toml", b"a = 1\n")  # what the guard spares Windows
    assert any(Path(name) == tmp_path for name, _ in opened)


def test_where_a_flush_needs_write_access_the_file_is_opened_for_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows' fsync (FlushFileBuffers) refuses a read-only handle; POSIX's takes one."""
    path = tmp_path / "s.toml"
    write_atomic(path, b"a = 1\n", durable=False)
    for windows, access in ((True, os.O_RDWR), (False, os.O_RDONLY)):
        monkeypatch.setattr(atomic, "FSYNC_NEEDS_WRITE", windows)
        opened = folder_open_refused(monkeypatch)
        monkeypatch.setattr(atomic, "FOLDERS_SYNC", False)
        sync_written(path)
        monkeypatch.undo()
        assert [flags & (os.O_RDONLY | os.O_WRONLY | os.O_RDWR) for _, flags in opened] == [access]


def test_files_are_opened_in_binary_mode_where_there_is_a_text_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows' os.open defaults to text mode, which writes every \\n as \\r\\n."""
    binary = 0x4000_0000  # a stand-in for os.O_BINARY, stripped before the real open
    monkeypatch.setattr(atomic, "O_BINARY", binary)
    real_open = os.open
    flags_seen: list[int] = []

    def spy(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        flags_seen.append(flags)
        return real_open(path, flags & ~binary, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    monkeypatch.setattr(atomic, "FOLDERS_SYNC", False)
    path = tmp_path / "s.toml"
    write_atomic(path, b"a = 1\n")
    sync_written(path)
    monkeypatch.undo()
    assert len(flags_seen) == 2 and all(flags & binary for flags in flags_seen)
    assert path.read_bytes() == b"a = 1\n"


def test_leftovers_are_judged_without_signalling_any_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`os.kill(pid, 0)` probes a process on POSIX, but on Windows it ends it (or sends it
    Ctrl+C): no liveness probe may call os.kill."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], **TEXT)
    path = tmp_path / "s.toml"
    dead = tmp_path / f".s.toml.{gone.stdout.strip()}.tmp"
    live = tmp_path / f".s.toml.{os.getppid()}.tmp"
    mine = tmp_path / f".s.toml.{os.getpid()}.tmp"
    for torn in (dead, live, mine):
        torn.write_bytes(b"torn")

    def kill(pid: int, sig: int) -> None:
        raise AssertionError(f"os.kill({pid}, {sig}) called")

    monkeypatch.setattr(os, "kill", kill)
    assert remove_leftovers(path) == [dead]
    assert live.exists() and mine.exists()


def test_a_meeting_saved_without_fchmod_or_folder_sync_loads_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store's Windows branches together, in this process: save, flush, load."""
    monkeypatch.delattr(os, "fchmod")
    monkeypatch.setattr(atomic, "FOLDERS_SYNC", False)
    monkeypatch.setattr(atomic, "FSYNC_NEEDS_WRITE", True)
    folder_open_refused(monkeypatch)
    case = open_case(None)[0]
    clock = FakeClock()
    meeting = Meeting(case, clock, participants=[Participant("Anna", "læge")])
    path = tmp_path / "sessions" / "s.toml"
    keeper = SessionKeeper(meeting, path)
    meeting.start()
    meeting.add_learning_point("gemt på Windows")
    assert keeper.save(durable=False) and keeper.sync()
    save(meeting, path)
    assert [p.text for p in load(path, FakeClock(start=clock.now())).learning_points] == [
        "gemt på Windows"
    ]


# --- where sessions live --------------------------------------------------------------------------

WINDOWS_LOCAL = "C:\\Users\\Anna\\AppData\\Local"


@pytest.mark.parametrize(
    ("platform", "below_home"),
    [
        ("unix", (".local", "share", "caseroom", "sessions")),
        ("macos", ("Library", "Application Support", "caseroom", "sessions")),
        ("windows", None),  # %LOCALAPPDATA%\caseroom\sessions, no vendor folder between
    ],
)
def test_sessions_live_in_the_platform_s_user_data_folder(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    platform: str,
    below_home: tuple[str, ...] | None,
) -> None:
    import importlib

    import platformdirs

    from caseroom.store.paths import sessions_dir

    module = importlib.import_module(f"platformdirs.{platform}")
    monkeypatch.setattr(platformdirs, "PlatformDirs", getattr(module, module.__all__[0]))
    monkeypatch.delenv("CASEROOM_HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", WINDOWS_LOCAL)
    expected = tmp_path.joinpath(*below_home) if below_home else None
    assert sessions_dir() == (expected or Path(WINDOWS_LOCAL, "caseroom", "sessions"))
    monkeypatch.setenv("CASEROOM_HOME", str(tmp_path / "elsewhere"))
    assert sessions_dir() == tmp_path / "elsewhere" / "sessions"
