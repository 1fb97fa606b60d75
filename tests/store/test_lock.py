"""One caseroom per session: the second one is refused before it can save over the first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from caseroom.domain.errors import SessionFileError
from caseroom.store.lock import SessionLock, lock_path
from caseroom.store.paths import new_session_path

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_lock_on_a_session_is_refused_until_the_first_is_released(
    tmp_path: Path,
) -> None:
    session = tmp_path / "s.toml"
    first = SessionLock(session).acquire()
    assert oct(lock_path(session).stat().st_mode & 0o777) == "0o600"
    with pytest.raises(SessionFileError, match=r"s\.toml: open in another caseroom"):
        SessionLock(session).acquire()
    first.release()
    assert not lock_path(session).exists()
    SessionLock(session).acquire().release()


def test_a_lock_dies_with_its_process_however_it_ends(tmp_path: Path) -> None:
    session = tmp_path / "s.toml"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from caseroom.store.lock import SessionLock; "
            f"SessionLock(Path({str(session)!r})).acquire(); print('held', flush=True); "
            "time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(SessionFileError):
            SessionLock(session).acquire()
    finally:
        holder.kill()  # kill -9: no clean release
        holder.wait()
    assert lock_path(session).exists()  # the name is left …
    SessionLock(session).acquire().release()  # … but not the lock


def test_a_new_session_name_skips_one_a_start_screen_holds(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    when = datetime(2026, 11, 24, 8, 30, tzinfo=UTC)
    first = new_session_path("case", when, tmp_path)
    held = SessionLock(first).acquire()  # the meeting has not been saved yet
    second = new_session_path("case", when, tmp_path)
    assert second != first and second.name == "2026-11-24_0830-case-2.toml"
    held.release()


def test_resume_of_a_session_open_elsewhere_is_one_line_and_leaves_it_alone(
    tmp_path: Path,
) -> None:
    from caseroom.domain.clock import FakeClock
    from caseroom.domain.meeting import Meeting
    from caseroom.store.cases import open_case
    from caseroom.store.session_file import save

    case, source, _ = open_case("t2d-aarsstatus")
    meeting = Meeting(case, FakeClock(), case_source=source)
    meeting.add_participant("Anna", "læge")
    session = tmp_path / "open.toml"
    save(meeting, session)
    before = session.read_bytes()
    held = SessionLock(session).acquire()  # the caseroom that has it open
    done = subprocess.run(
        [sys.executable, "-m", "caseroom", "resume", str(session)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    held.release()
    assert done.returncode == 2
    assert done.stderr == (
        f"{session}: open in another caseroom; close that one first "
        "(`caseroom clock` can watch it meanwhile)\n"
    )
    assert session.read_bytes() == before
