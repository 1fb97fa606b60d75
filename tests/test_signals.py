"""`kill` (SIGTERM) or a closed terminal (SIGHUP) ends a real caseroom cleanly: the session
is saved, the lock is gone and the terminal is given back (it leaves the app's screen).

A terminal closed for real (the pty's other side gone) is tests/test_terminal_close.py; an app
stuck in its shutdown is tests/test_ending.py.
"""

from __future__ import annotations

import os
import signal
import sys
import time
import tomllib
from pathlib import Path

import pexpect
import pytest

from caseroom.store.lock import SessionLock

ROOT = Path(__file__).resolve().parents[1]
LEAVE_ALT_SCREEN = "\x1b[?1049l"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_ends_the_meeting_app_saved_and_the_terminal_restored(
    tmp_path: Path, signum: int
) -> None:
    session = tmp_path / "s.toml"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "caseroom", "run", "--people", "Anna:læge,Bo:sekretær", "--session", str(session)],
        env={**os.environ, "CASEROOM_HOME": str(tmp_path), "TERM": "xterm-256color"},
        cwd=str(ROOT),
        dimensions=(40, 120),
        encoding="utf-8",
        codec_errors="replace",
        timeout=30,
    )
    try:
        child.expect("KLAR")
        child.send(" ")
        child.expect("KØRER")
        child.send("1")  # Anna speaks: the next save would hold her turn
        child.expect("▶Anna")
        sent = time.monotonic()
        child.kill(signum)
        child.expect(pexpect.EOF)
        child.wait()
        took = time.monotonic() - sent
    finally:
        child.close(force=True)
    assert child.before is not None and LEAVE_ALT_SCREEN in child.before
    assert child.exitstatus == 128 + signum
    assert took < 2.0
    doc = tomllib.loads(session.read_text(encoding="utf-8"))
    assert doc["status"] == "running" and doc["talk"]["speaker"] == "Anna"
    assert not (tmp_path / ".s.toml.lock").exists()
    SessionLock(session).acquire().release()  # free: `resume` may open it


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_on_the_start_screen_ends_caseroom_with_no_session_made(
    tmp_path: Path, signum: int
) -> None:
    """Nothing was started, so nothing is saved; the terminal is given back all the same."""
    session = tmp_path / "s.toml"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "caseroom", "run", "--session", str(session)],
        env={**os.environ, "CASEROOM_HOME": str(tmp_path), "TERM": "xterm-256color"},
        cwd=str(ROOT),
        dimensions=(40, 120),
        encoding="utf-8",
        codec_errors="replace",
        timeout=30,
    )
    try:
        child.expect("siddeorden")
        child.kill(signum)
        child.expect(pexpect.EOF)
        child.wait()
    finally:
        child.close(force=True)
    assert child.before is not None and LEAVE_ALT_SCREEN in child.before
    assert child.exitstatus == 128 + signum
    assert not session.exists()
    assert not (tmp_path / ".s.toml.lock").exists()
