"""caseroom/ui/ending.py where POSIX's pieces are missing (Windows): no SIGHUP, no `poll`, no
`termios`, and `signal.set_wakeup_fd` taking only a socket.

Each branch on this machine by the flag it checks, then the whole way out in a child that lacks
those pieces: a signal still ends a stuck caseroom saved and unlocked.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.store.keeper import SessionKeeper
from caseroom.store.lock import SessionLock, lock_path
from caseroom.ui import ending
from caseroom.ui.ending import Ending, ending_signals

ROOT = Path(__file__).resolve().parents[1]


def test_the_ending_signals_are_those_the_platform_has() -> None:
    posix = SimpleNamespace(SIGTERM=15, SIGHUP=1, SIGINT=2)
    windows = SimpleNamespace(SIGTERM=15, SIGBREAK=21, SIGINT=2)  # no SIGHUP there
    assert ending_signals(posix) == (15, 1)
    assert ending_signals(windows) == (15, 21)
    assert ending.ENDING_SIGNALS == (signal.SIGTERM, signal.SIGHUP)  # this machine's


@pytest.fixture
def an_ending(tmp_path: Path) -> Ending:
    meeting = Meeting(open_case(None)[0], FakeClock(), participants=[Participant("A", "læge")])
    path = tmp_path / "s.toml"
    return Ending(SessionKeeper(meeting, path), SessionLock(path))


def test_without_poll_the_watcher_waits_for_a_signal_on_the_socket_alone(
    an_ending: Ending, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ending, "HAVE_POLL", False)
    monkeypatch.delattr(select, "poll")  # as on Windows: using it would fail
    an_ending.open_wakeup()
    an_ending._on_signal(signal.SIGWINCH, None)  # another handler's signal: not an ending one
    an_ending._on_signal(signal.SIGTERM, None)
    assert an_ending._wait_for_the_end() == signal.SIGTERM


def test_the_wakeup_is_a_socket_as_set_wakeup_fd_needs_on_windows(an_ending: Ending) -> None:
    wake = an_ending.open_wakeup()
    assert isinstance(wake, socket.socket)  # Windows' set_wakeup_fd takes nothing else
    assert not wake.getblocking()  # set_wakeup_fd's condition
    wake.send(bytes([signal.SIGTERM]))  # what C's handler does with it
    assert an_ending._wait_for_the_end() == signal.SIGTERM


def test_without_termios_the_terminal_modes_are_not_touched(
    an_ending: Ending, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ending, "HAVE_TERMIOS", False)
    monkeypatch.setattr(ending, "HAVE_POLL", False)
    monkeypatch.setattr(ending, "termios", None)  # any use would fail
    an_ending._tty_modes = ["as a shell left them"]
    an_ending._restore_terminal("")  # nothing to do, and no error


STUCK_AS_ON_WINDOWS = textwrap.dedent(
    """
    import select, signal, sys
    sys.modules["fcntl"] = None
    sys.modules["termios"] = None
    for name in [n for n in dir(select) if n == "poll" or n.startswith("POLL")]:
        delattr(select, name)
    del signal.SIGHUP

    import threading
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
    meeting.add_learning_point("gemt før")
    assert keeper.save()
    Ending(keeper, lock, grace=0.2).install()
    meeting.add_learning_point("kun i hukommelsen")  # the screen never said it was saved
    print("stuck", flush=True)
    signal.raise_signal(signal.SIGTERM)  # as Windows' raise() delivers it (and Ctrl+Break)
    threading.Event().wait()  # blocks for good, as a stuck app's loop
    """
)


def test_a_signal_ends_a_stuck_caseroom_saved_and_unlocked_without_poll_sighup_or_termios(
    tmp_path: Path,
) -> None:
    session = tmp_path / "s.toml"
    done = subprocess.run(
        [sys.executable, "-c", STUCK_AS_ON_WINDOWS, str(session)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30,
    )
    assert done.stdout == "stuck\n", done.stderr
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert done.stderr == ""
    saved = tomllib.loads(session.read_text(encoding="utf-8"))
    assert [p["text"] for p in saved["learning_point"]] == ["gemt før", "kun i hukommelsen"]
    assert not lock_path(session).exists()
    SessionLock(session).acquire().release()  # free: a `resume` may open it
