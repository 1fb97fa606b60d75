"""caseroom/ui/ending.py: the way out that does not need the event loop.

A child process sets up a live meeting, its keeper and lock, installs `Ending`, changes the
meeting once more without saving it, then blocks its main thread for good on a full queue, as
Textual's shutdown does when it writes to a terminal that is gone. A signal must still end it
within 2 s: saved (the change only in memory included), the lock released and its file gone,
and a terminal that is still there given back (modes restored, the app's screen left).
"""

from __future__ import annotations

import os
import signal
import sys
import termios
import time
import tomllib
from pathlib import Path

import pexpect
import pytest

from caseroom.domain.errors import CaseroomError
from caseroom.store.lock import SessionLock, lock_path

ROOT = Path(__file__).resolve().parents[1]
LEAVE_ALT_SCREEN = "\x1b[?1049l"

STUCK = """
import queue, sys, tty
from pathlib import Path
from caseroom.domain.clock import SystemClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import parse_people
from caseroom.store.cases import open_case
from caseroom.store.keeper import SessionKeeper
from caseroom.store.lock import SessionLock
from caseroom.ui.ending import Ending

session = Path(sys.argv[1])
case, source, _ = open_case(None)
people = parse_people("Anna:læge,Bo:sekretær")
meeting = Meeting(case, SystemClock(), participants=people, case_source=source)
keeper = SessionKeeper(meeting, session)
lock = SessionLock(session).acquire()
meeting.start()
meeting.speak("Anna")
meeting.add_learning_point("gemt før")
assert keeper.save()
Ending(keeper, lock).install()
meeting.add_learning_point("kun i hukommelsen")  # the screen never said it was saved
tty.setraw(0)  # as an app's terminal is
sys.stdout.write("\\x1b[?1049h" + "stuck\\r\\n")
sys.stdout.flush()
full = queue.Queue(1)
full.put("a frame")
full.put("the next frame")  # blocks for good, as Textual's writer queue on a dead terminal
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_ends_a_stuck_caseroom_within_two_seconds_saved_unlocked_and_restored(
    tmp_path: Path, signum: int
) -> None:
    session = tmp_path / "s.toml"
    child = pexpect.spawn(
        sys.executable,
        ["-c", STUCK, str(session)],
        env={**os.environ, "CASEROOM_HOME": str(tmp_path), "TERM": "xterm-256color"},
        cwd=str(ROOT),
        dimensions=(40, 120),
        encoding="utf-8",
        codec_errors="replace",
        timeout=20,
    )
    try:
        modes_before = termios.tcgetattr(child.child_fd)
        child.expect("stuck")
        assert not termios.tcgetattr(child.child_fd)[3] & termios.ECHO  # raw now
        sent = time.monotonic()
        child.kill(signum)
        child.expect(pexpect.EOF, timeout=5)
        child.wait()
        took = time.monotonic() - sent
        modes_after = termios.tcgetattr(child.child_fd)
    finally:
        child.close(force=True)
    assert took < 2.0
    assert child.exitstatus == 128 + signum
    assert child.before is not None and LEAVE_ALT_SCREEN in child.before
    assert modes_after[3] == modes_before[3]  # echo and line editing back
    doc = tomllib.loads(session.read_text(encoding="utf-8"))
    assert [p["text"] for p in doc["learning_point"]] == ["gemt før", "kun i hukommelsen"]
    assert doc["talk"]["speaker"] == "Anna"
    assert not lock_path(session).exists()
    SessionLock(session).acquire().release()  # free: a `resume` may open it


def test_the_lock_is_held_while_the_stuck_process_waits_for_its_signal(tmp_path: Path) -> None:
    """The other side of it: nothing is released before the signal comes."""
    session = tmp_path / "s.toml"
    child = pexpect.spawn(
        sys.executable,
        ["-c", STUCK, str(session)],
        env={**os.environ, "CASEROOM_HOME": str(tmp_path)},
        cwd=str(ROOT),
        encoding="utf-8",
        timeout=20,
    )
    try:
        child.expect("stuck")
        with pytest.raises(CaseroomError, match="open in another caseroom"):
            SessionLock(session).acquire()
        child.kill(signal.SIGTERM)
        child.expect(pexpect.EOF, timeout=5)
    finally:
        child.close(force=True)
    SessionLock(session).acquire().release()
