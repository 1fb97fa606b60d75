"""The data folder's list of sessions open in a caseroom: `caseroom clock` with no argument
finds meetings started with `--session` elsewhere; stale entries are ignored and pruned."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.store.cases import open_case
from caseroom.store.follow import find_session
from caseroom.store.lock import SessionLock
from caseroom.store.running import (
    Entry,
    Registration,
    process_start,
    read_entries,
    running_list,
    running_sessions,
)
from caseroom.store.session_file import save


def session_at(path: Path, *, finished: bool = False) -> Path:
    case, source, _ = open_case("t2d-aarsstatus")
    meeting = Meeting(case, FakeClock(), case_source=source)
    meeting.start()
    if finished:
        meeting.finish()
    path.parent.mkdir(parents=True, exist_ok=True)
    save(meeting, path)
    return path


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def write_list(home: Path, entries: list[Entry]) -> None:
    home.mkdir(parents=True, exist_ok=True)
    doc = {"running": [e.to_json() for e in entries]}
    running_list(home).write_text(json.dumps(doc), encoding="utf-8")


def gone_pid() -> tuple[int, float]:
    """A process that has ended (its number, a start time)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid, 0.0


def test_a_meeting_is_listed_while_open_and_only_then(home: Path, tmp_path: Path) -> None:
    elsewhere = session_at(tmp_path / "elsewhere" / "mit møde.toml")
    listed = Registration(elsewhere, home).add()
    assert running_sessions(home) == [elsewhere.resolve()]
    mode = stat.S_IMODE(running_list(home).stat().st_mode)
    assert mode == 0o600 or os.name == "nt"
    assert not list(home.glob("*.tmp"))  # written atomically: no copy left behind
    listed.remove()
    assert running_sessions(home) == []
    assert read_entries(running_list(home)) == []


def test_stale_entries_are_ignored_and_pruned(home: Path, tmp_path: Path) -> None:
    alive = session_at(tmp_path / "a.toml")
    gone_file = tmp_path / "deleted.toml"
    pid, _ = gone_pid()
    me, since = os.getpid(), process_start(os.getpid())
    assert since is not None
    stale = [
        Entry(alive.resolve(), pid, 0.0),  # its process has ended
        Entry(alive.resolve(), me, since - 3600),  # the number is used again by another
        Entry(gone_file, me, since),  # its file is gone (and no lock: no start screen either)
    ]
    write_list(home, stale)
    assert running_sessions(home) == []  # ignored ...
    assert read_entries(running_list(home)) == stale  # ... by a reader, which never writes
    other = session_at(tmp_path / "b.toml")
    Registration(other, home).add()
    assert read_entries(running_list(home)) == [Entry(other.resolve(), me, since)]  # pruned


def test_a_start_screen_keeps_its_entry_by_its_lock(home: Path, tmp_path: Path) -> None:
    session = tmp_path / "not-yet.toml"  # the start screen is up: only the lock exists
    lock = SessionLock(session).acquire()
    try:
        Registration(session, home).add()
        Registration(session_at(tmp_path / "other.toml"), home).add()
        assert [e.session for e in read_entries(running_list(home))] == [
            session.resolve(),
            (tmp_path / "other.toml").resolve(),
        ]
        assert running_sessions(home) == [(tmp_path / "other.toml").resolve()]
    finally:
        lock.release()


@pytest.mark.parametrize(
    "text", ["", "{", "[]", '{"running": 3}', '{"running": [{"session": "rel.toml", "pid": 1}]}']
)
def test_a_broken_list_is_an_empty_one(home: Path, text: str) -> None:
    home.mkdir(parents=True)
    running_list(home).write_text(text, encoding="utf-8")
    assert read_entries(running_list(home)) == []
    assert running_sessions(home) == []


def test_clock_without_a_session_finds_one_started_elsewhere(home: Path, tmp_path: Path) -> None:
    folder = home / "sessions"
    session_at(folder / "2026-11-20_0830-t2d-aarsstatus.toml", finished=True)
    elsewhere = session_at(tmp_path / "usb" / "klinikmøde.toml")
    assert find_session(folder) == folder / "2026-11-20_0830-t2d-aarsstatus.toml"
    listed = Registration(elsewhere, home).add()
    try:
        assert find_session(folder) == elsewhere.resolve()
    finally:
        listed.remove()
    assert find_session(folder) == folder / "2026-11-20_0830-t2d-aarsstatus.toml"


def test_an_entry_added_on_its_own_thread_is_there_before_it_is_removed(
    home: Path, tmp_path: Path
) -> None:
    session = session_at(tmp_path / "s.toml")
    listed = Registration(session, home).add(wait=False)
    assert listed.adding is not None
    listed.adding.join(5)
    assert running_sessions(home) == [session.resolve()]
    listed.remove()
    assert running_sessions(home) == []
