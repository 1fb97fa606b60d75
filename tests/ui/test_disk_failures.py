"""A full disk or a read-only sessions folder during a meeting, through the meeting screen.

`caseroom.store.atomic` gets an `os` whose write, replace or open fails as a full disk
(ENOSPC) or a read-only folder (EACCES) makes it fail. The meeting must go on in memory, the
banner must say IKKE GEMT and where, the file on disk must keep its last good bytes (and no
temporary file may be left beside it), and once the disk is fine again the next heartbeat or
change must write everything that happened meanwhile.
"""

from __future__ import annotations

import errno
import os
import random
import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Static

from caseroom.domain.clock import FakeClock
from caseroom.domain.people import Participant
from caseroom.store import atomic
from caseroom.store.cases import open_case
from caseroom.ui.app import CaseroomApp, make_app
from caseroom.ui.screens.meeting import MeetingScreen

from .conftest import SIZE
from .helpers import toasts


class FailingOs:
    """`os` as `caseroom.store.atomic` sees it, with one call failing while `failing` is set."""

    def __init__(self, call: str, code: int) -> None:
        self.call, self.code = call, code
        self.failing = True
        self.failures = 0

    def __getattr__(self, name: str) -> Any:
        real = getattr(os, name)
        if name != self.call:
            return real

        def fail(*args: Any, **kwargs: Any) -> Any:
            creating = name != "open" or bool(args[1] & os.O_CREAT)  # the temporary file
            if self.failing and creating:
                self.failures += 1
                raise OSError(self.code, os.strerror(self.code))
            return real(*args, **kwargs)

        return fail


def build(path: Path, clock: FakeClock) -> CaseroomApp:
    case = open_case("t2d-aarsstatus")[0]
    people = [Participant("Anna", "læge"), Participant("Bo", "sygeplejerske")]
    return make_app(case, session_path=path, clock=clock, people=people, rng=random.Random(3))


def banner(app: CaseroomApp) -> str:
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    screen.tick()  # what the running screen does each second: a failed heartbeat shows at once
    widget = screen.query_one("#banner", Static)
    return str(widget.render()).replace("\n", " ") if widget.display else ""


def on_disk(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


async def capture(pilot: Pilot[int], text: str) -> None:
    """l, the text (pasted: quicker than a key each), Enter."""
    await pilot.press("l")
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize(
    ("call", "code", "reason", "retry"),
    [
        pytest.param(
            "write", errno.ENOSPC, "No space left on device", "heartbeat", id="write-full"
        ),
        pytest.param("open", errno.EACCES, "Permission denied", "change", id="read-only-folder"),
        pytest.param("replace", errno.EACCES, "Permission denied", "heartbeat", id="rename-denied"),
    ],
)
async def test_the_meeting_goes_on_says_so_keeps_the_file_and_saves_again(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    call: str,
    code: int,
    reason: str,
    retry: str,
) -> None:
    clock = FakeClock()
    path = tmp_path / "sessions" / "session.toml"
    app = build(path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(60)
        await capture(pilot, "før fejlen")
        assert [p["text"] for p in on_disk(path)["learning_point"]] == ["før fejlen"]
        good = path.read_bytes()

        broken = FailingOs(call, code)
        monkeypatch.setattr(atomic, "os", broken)
        clock.advance(30)
        await pilot.press("n", "1")  # the meeting goes on: next step, Anna speaks
        clock.advance(45)
        await capture(pilot, "under fejlen")
        assert broken.failures >= 3  # every change tried to save, and failed
        assert toasts(app)[-1] == "Noteret, men IKKE gemt på disken endnu – prøver igen"
        assert not app.keeper.saved
        said = banner(app)
        assert said.startswith("IKKE GEMT"), said
        assert str(path) in said and reason in said, said
        meeting = app.meeting
        assert meeting.agenda.current.key == "2b"
        assert meeting.talk.speaker == "Anna"
        assert [p.text for p in meeting.learning_points] == ["før fejlen", "under fejlen"]
        left = meeting.agenda.step_remaining()
        clock.advance(5)
        app.heartbeat()  # it retries while the disk is still full: still not saved
        assert meeting.agenda.step_remaining() == left - 5  # the clock runs on
        assert not app.keeper.saved and "IKKE GEMT" in banner(app)
        assert path.read_bytes() == good  # byte for byte what was saved before the failure
        assert sorted(p.name for p in path.parent.iterdir()) == ["session.toml"]

        broken.failing = False  # the disk has room again / the folder is writable again
        clock.advance(5)
        if retry == "heartbeat":
            app.heartbeat()
        else:
            await pilot.press("2")
        assert app.keeper.saved
        assert banner(app) == ""
        doc = on_disk(path)
        assert [p["text"] for p in doc["learning_point"]] == ["før fejlen", "under fejlen"]
        assert doc["agenda"]["current"] == "2b"
        assert doc["talk"]["speaker"] == ("Anna" if retry == "heartbeat" else "Bo")
        assert sorted(p.name for p in path.parent.iterdir()) == ["session.toml"]


async def test_a_failure_before_the_first_save_leaves_no_file_and_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The very first save (on mount) fails: no file, no temporary, the banner says so."""
    broken = FailingOs("write", errno.ENOSPC)
    monkeypatch.setattr(atomic, "os", broken)
    clock = FakeClock()
    path = tmp_path / "sessions" / "session.toml"
    app = build(path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert not path.exists() and list(path.parent.iterdir()) == []
        assert str(path) in banner(app) and "No space left on device" in banner(app)
        broken.failing = False
        clock.advance(5)
        app.heartbeat()
        assert on_disk(path)["status"] == "running"
        assert banner(app) == ""
