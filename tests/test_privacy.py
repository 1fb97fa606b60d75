"""Privacy: what caseroom writes is its owner's alone, and nothing leaves the machine.

Sessions are made fresh under CASEROOM_HOME (the default location, no --session) with a
umask that would let anyone read them: the sessions folder must still be 0700 and the file
0600, and so must every export written with -o. With every way to open a network connection
made to fail (and recorded), a whole meeting is held through the UI and exported three ways;
it must pass without a single attempt.
"""

from __future__ import annotations

import os
import random
import socket
import stat
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot

from caseroom.cli import main
from caseroom.domain.clock import FakeClock
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.ui.app import CaseroomApp, make_app
from caseroom.ui.screens.dialogs.confirm import FinishScreen

SIZE = (120, 40)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """umask 000: files and folders would be world-readable unless caseroom sets the modes."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("CASEROOM_HOME", str(home))
    assert not home.exists()
    return home


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every network socket, connection and name lookup fails, and is recorded.

    Unix-domain sockets stay allowed: asyncio's event loop wakes itself through a socketpair,
    which never leaves the process.
    """
    attempts: list[str] = []
    real_socket = socket.socket

    def refuse(what: str) -> OSError:
        attempts.append(what)
        return OSError(f"network disabled in this test: {what}")

    def guarded_socket(family: Any = -1, *args: Any, **kwargs: Any) -> socket.socket:
        if family == socket.AF_UNIX:
            return real_socket(family, *args, **kwargs)
        raise refuse(f"socket({family!r})")

    def guarded(name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise refuse(f"{name}{args!r}")

        return fail

    monkeypatch.setattr(socket, "socket", guarded_socket)
    for name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, guarded(name))
    with pytest.raises(OSError, match="network disabled"):  # the guard itself works
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(OSError, match="network disabled"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    attempts.clear()
    return attempts


def build(clock: FakeClock) -> CaseroomApp:
    """The app as `caseroom run --people …` builds it: the session under CASEROOM_HOME."""
    case, source, _ = open_case(None)
    people = [Participant("Anna", "læge"), Participant("Bo", "sygeplejerske")]
    return make_app(case, clock=clock, people=people, case_source=source, rng=random.Random(1))


async def paste_capture(pilot: Pilot[int], key: str, text: str) -> None:
    await pilot.press(key)
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_a_new_session_under_caseroom_home_is_private(home: Path, open_umask: None) -> None:
    clock = FakeClock()
    app = build(clock)
    path = app.keeper.path
    assert path.parent == home / "sessions"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await paste_capture(pilot, "l", "Kun for os")
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left over
    assert "Kun for os" in path.read_text("utf-8")


@pytest.mark.parametrize("fmt", ["markdown", "plan", "ics"])
def test_every_export_written_with_o_is_private(
    tmp_path: Path, open_umask: None, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    session = Path(__file__).parent / "data" / "sessions" / "export-meeting.toml"
    out = tmp_path / f"export.{fmt}"
    out.write_text("an old, world-readable export")
    out.chmod(0o644)
    assert main(["export", str(session), "--format", fmt, "-o", str(out)]) == 0
    assert capsys.readouterr() == ("", "")
    assert mode(out) == 0o600
    assert out.read_bytes() != b"an old, world-readable export"


async def test_a_whole_meeting_and_all_exports_without_network(
    home: Path, tmp_path: Path, no_network: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    clock = FakeClock()
    app = build(clock)
    path = app.keeper.path
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "1")
        await paste_capture(pilot, "l", "Årsstatus begynder i telefonen")
        await paste_capture(pilot, "p", "Bookingtjekliste til sekretærerne")
        agenda = app.meeting.agenda
        for _ in range(len(agenda.steps) + 10):  # every step by key (and the evaluation
            clock.advance(4 * 60)  # round person by person); n on the last one asks first
            await pilot.press("n")
            if isinstance(app.screen, FinishScreen):
                await pilot.press("enter")  # "end the meeting"
            if not agenda.is_live:
                break
    doc = tomllib.loads(path.read_text("utf-8"))
    assert doc["status"] == "finished"
    assert all(s["actual_seconds"] > 0 for s in doc["segment"])  # every segment ran
    assert [p["text"] for p in doc["learning_point"]] == ["Årsstatus begynder i telefonen"]

    for fmt in ("markdown", "plan", "ics"):
        out = tmp_path / f"export.{fmt}"
        assert main(["export", str(path), "--format", fmt, "-o", str(out)]) == 0
        assert out.stat().st_size > 0
    assert main(["export", str(path), "--format", "markdown"]) == 0
    assert "Bookingtjekliste til sekretærerne" in capsys.readouterr().out
    assert no_network == []
