"""A second, real process follows the session a first one writes: in a pseudo-terminal, and
served to a browser over 127.0.0.1. Every wait is bounded; no sleeping on a fixed schedule."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pexpect
import pytest

from caseroom.domain.clock import SpeedClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.store.session_file import save

TIMEOUT = 20.0
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]")


def rehearsal(speed: float = 30.0) -> Meeting:
    """A meeting on a `--speed` clock, as `caseroom run --speed 30` writes it."""
    case, source, _ = open_case("t2d-aarsstatus")
    people = [Participant("Anna", "læge"), Participant("Bo", "sygeplejerske")]
    return Meeting(case, SpeedClock(speed), participants=people, case_source=source)


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(CASEROOM_HOME=str(home), TERM="xterm-256color", LANG="C.UTF-8")
    env.pop("TEXTUAL", None)
    return env


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def meeting_file(home: Path) -> tuple[Meeting, Path]:
    meeting = rehearsal()
    path = home / "sessions" / "2026-11-24_0830-t2d-aarsstatus.toml"
    meeting.start()
    save(meeting, path)
    return meeting, path


def spawn_clock(home: Path, *args: str) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "caseroom", "clock", *args],
        env=environment(home),
        dimensions=(24, 80),
        timeout=TIMEOUT,
    )
    return child


def close(child: pexpect.spawn) -> None:
    if child.isalive():
        child.send("q")
        try:
            child.expect(pexpect.EOF, timeout=10)
        except pexpect.TIMEOUT:
            child.terminate(force=True)
    child.close()


def test_a_second_process_shows_the_segment_the_first_one_is_on(
    home: Path, meeting_file: tuple[Meeting, Path]
) -> None:
    meeting, path = meeting_file
    child = spawn_clock(home, str(path))
    try:
        child.expect("Opstart")
        meeting.agenda.next()
        save(meeting, path)
        child.expect("Introduktion")
        meeting.agenda.take_break()
        save(meeting, path)
        child.expect("PAUSE")
        written = path.stat().st_mtime_ns, path.read_bytes()
        close(child)
        assert child.exitstatus == 0
    finally:
        if child.isalive():
            child.terminate(force=True)
    assert (path.stat().st_mtime_ns, path.read_bytes()) == written  # the clock never writes


def test_with_no_argument_it_follows_the_newest_running_session(
    home: Path, meeting_file: tuple[Meeting, Path]
) -> None:
    meeting, path = meeting_file
    meeting.agenda.next()
    save(meeting, path)
    finished = rehearsal()
    finished.start()
    finished.finish()
    older = path.with_name("2026-11-23_0830-t2d-aarsstatus.toml")
    save(finished, older)
    os.utime(older, (time.time() + 60, time.time() + 60))  # newer, but finished
    child = spawn_clock(home)
    try:
        child.expect("Introduktion")
        close(child)
    finally:
        if child.isalive():
            child.terminate(force=True)


# --- served to a browser ----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else b""
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nothing listens on {port}")


@pytest.fixture
def served(home: Path, meeting_file: tuple[Meeting, Path]) -> Iterator[tuple[int, Meeting, Path]]:
    meeting, path = meeting_file
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "caseroom", "clock", str(path), "--serve", "--port", str(port)],
        env=environment(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_port(port, process)
        yield port, meeting, path
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def test_the_served_page_shows_the_segment_title(served: tuple[int, Meeting, Path]) -> None:
    port, meeting, path = served
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
        assert response.status == 200
        page = response.read().decode("utf-8")
    assert f"ws://127.0.0.1:{port}/ws" in page
    assert "caseroom clock" in page

    async def screen_until(marker: str, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Read the terminal stream the page would draw until `marker` shows (bounded)."""
        seen = b""
        deadline = time.monotonic() + TIMEOUT
        while marker.encode() not in ANSI.sub(b"", seen):
            left = deadline - time.monotonic()
            assert left > 0, f"{marker!r} not shown; last output: {ANSI.sub(b'', seen)[-300:]!r}"
            message = await ws.receive(timeout=left)
            assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), message
            if message.type is aiohttp.WSMsgType.BINARY:
                seen += message.data

    async def browse() -> None:
        async with aiohttp.ClientSession() as client:
            url = f"ws://127.0.0.1:{port}/ws?width=80&height=24"
            async with client.ws_connect(url, timeout=aiohttp.ClientWSTimeout(ws_close=5)) as ws:
                await screen_until("Opstart", ws)
                meeting.agenda.next()
                save(meeting, path)
                await screen_until("Introduktion", ws)

    asyncio.run(asyncio.wait_for(browse(), timeout=TIMEOUT * 3))
