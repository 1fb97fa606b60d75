"""Snapshots of the timekeeper's clock at 120x40 and 40x12, dark and light (fake clock)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.store.session_file import save
from caseroom.ui.clock_app import ClockApp, make_clock_app

SnapCompare = Callable[..., bool]


def running_question(meeting: Meeting, clock: FakeClock) -> None:
    """In the case, question 2, 6 min 19 s gone of its 15: a little late overall."""
    meeting.start()
    clock.advance(12 * 60)
    meeting.agenda.next()
    clock.advance(10 * 60)
    meeting.agenda.next()
    clock.advance(10 * 60)
    meeting.agenda.next()
    clock.advance(6 * 60 + 19)


def paused_question(meeting: Meeting, clock: FakeClock) -> None:
    running_question(meeting, clock)
    meeting.toggle_pause()
    clock.advance(90)


def overrun(meeting: Meeting, clock: FakeClock) -> None:
    meeting.start()
    clock.advance(13 * 60 + 12)


def on_break(meeting: Meeting, clock: FakeClock) -> None:
    meeting.start()
    clock.advance(8 * 60)
    meeting.agenda.take_break()
    clock.advance(13 * 60 + 30)  # in the break's wrap-up


def finished(meeting: Meeting, clock: FakeClock) -> None:
    running_question(meeting, clock)
    meeting.finish()
    clock.advance(600)


def clock_app(tmp_path: Path, state: Callable[[Meeting, FakeClock], None], **kw: Any) -> ClockApp:
    clock = FakeClock()
    case, source, _ = open_case("t2d-aarsstatus")
    people = [Participant("Anna", "læge"), Participant("Bo", "sygeplejerske")]
    meeting = Meeting(case, clock, participants=people, case_source=source)
    state(meeting, clock)
    path = tmp_path / "session.toml"
    save(meeting, path)
    fresh = path.stat().st_mtime + 1
    return make_clock_app(path, clock=clock, poll_seconds=3600, real_time=lambda: fresh, **kw)


@pytest.mark.parametrize(
    ("size", "theme", "state"),
    [
        ((120, 40), "dark", running_question),
        ((120, 40), "light", paused_question),
        ((40, 12), "dark", overrun),
        ((40, 12), "light", on_break),
        ((120, 40), "dark", finished),
        ((40, 12), "dark", running_question),
        ((120, 40), "light", on_break),
    ],
    ids=[
        "120x40-dark-running",
        "120x40-light-paused",
        "40x12-dark-overrun",
        "40x12-light-break",
        "120x40-dark-finished",
        "40x12-dark-running",
        "120x40-light-break",
    ],
)
def test_clock_snapshot(
    snap_compare: SnapCompare,
    tmp_path: Path,
    size: tuple[int, int],
    theme: str,
    state: Callable[[Meeting, FakeClock], None],
) -> None:
    app = clock_app(tmp_path, state, theme=theme)
    assert snap_compare(app, terminal_size=size)


def test_clock_snapshot_english(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = clock_app(tmp_path, paused_question, lang="en")
    assert snap_compare(app, terminal_size=(80, 24))
