"""A snapshot of the note-taker's screen (`caseroom notes`) at 80x24 (issue 19): where the
meeting is, that it runs, the capture panel with a note being typed, and the notes so far:
the leader's, one of the note-taker's saved, one still waiting for the meeting."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from caseroom.domain.clock import FakeClock
from caseroom.domain.inbox import InboxEntry, apply_entry
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.store.inbox import InboxWriter
from caseroom.store.lock import SessionLock
from caseroom.store.session_file import save
from caseroom.ui.notes_app import make_notes_app

SnapCompare = Callable[..., bool]


def note(n: int, text: str) -> InboxEntry:
    key = f"n1.lp-{n}"
    return InboxEntry(key, "add", key, "learning_point", "Erik", text=text, segment="2c")


@pytest.fixture
def session(tmp_path: Path) -> Iterator[tuple[Path, FakeClock]]:
    clock = FakeClock()
    case, source, _ = open_case("t2d-aarsstatus")
    people = [Participant("Anna", "læge"), Participant("Erik", "sekretær")]
    meeting = Meeting(case, clock, participants=people, case_source=source)
    meeting.start()
    for _ in range(3):  # the case, its first question
        clock.advance(600)
        meeting.agenda.next()
    meeting.add_learning_point("Blodprøver en uge før årsstatus")
    apply_entry(meeting, note(1, "Ring til apoteket om dosisdispensering"))
    path = tmp_path / "session.toml"
    save(meeting, path)
    writer = InboxWriter(path, "n1")
    writer.send(note(2, "Fodstatus hos alle over 70"))  # typed, not yet taken by the meeting
    writer.close()
    lock = SessionLock(path).acquire()  # the meeting runs in its own process
    try:
        yield path, clock
    finally:
        lock.release()


def test_the_note_taker_s_screen_at_80x24(
    snap_compare: SnapCompare, session: tuple[Path, FakeClock]
) -> None:
    path, clock = session
    app = make_notes_app(path, author="Erik", clock=clock, poll_seconds=3600, token="n9")

    async def typing(pilot: Pilot[int]) -> None:
        await pilot.pause()
        await pilot.press(*"Husk HbA1c")

    assert snap_compare(app, terminal_size=(80, 24), run_before=typing)
