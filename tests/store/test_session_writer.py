"""The session file is the dump of its models, and a keeper's writer prints only what changed.

- Whatever the writer writes, the models read back and dump to the same document (one schema
  both ways).
- The keeper owns what saving caches (`SessionKeeper.writer`): its saves are byte for byte a
  fresh dump, and with many turns a save prints only the newest.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.store import session_file
from caseroom.store.keeper import SessionKeeper
from caseroom.store.session_file import SessionWriter, dumps, read_session, restore, save
from tests.store.test_session_file import STATES, case, new_meeting, play

__all__ = ["case"]  # the fixture


@pytest.mark.parametrize("until", STATES)
def test_the_file_is_its_models_dumped(
    case: Case, clock: FakeClock, tmp_path: Path, until: str
) -> None:
    meeting = new_meeting(case, clock)
    play(meeting, clock, until)
    path = tmp_path / "s.toml"
    save(meeting, path)
    written = tomllib.loads(path.read_text("utf-8"))
    assert listed(read_session(path).model_dump(exclude_none=True)) == written
    assert listed(session_file.to_document(meeting)) == written


def listed(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as the file lists it: no turn and no event yet is no table at all."""
    return {k: v for k, v in doc.items() if v != [] or k not in ("turn", "event")}


def test_a_keepers_saves_are_a_fresh_dump(case: Case, clock: FakeClock, tmp_path: Path) -> None:
    meeting = new_meeting(case, clock)
    keeper = SessionKeeper(meeting, tmp_path / "s.toml")

    def saved_as_fresh() -> bool:
        assert keeper.save(durable=False)
        return keeper.path.read_bytes() == dumps(keeper.meeting)

    assert saved_as_fresh()
    play(meeting, clock, "running")
    assert saved_as_fresh()
    for step in range(30):
        meeting.speak(["Anna", "Bo", "Carl"][step % 3])
        clock.advance(7)
        if step % 5 == 0:
            meeting.toggle_pause()  # splits the open turn's spans
            clock.advance(3)
            meeting.toggle_pause()
        if step % 4 == 0:
            meeting.speak(None)
        if step % 7 == 0:
            meeting.add_learning_point(f"point {step}")
            meeting.edit_learning_point("lp-1", f"first, edited at {step}")
        assert saved_as_fresh()
    # the last turn changed in place (a crash-resume closes an open turn) is printed anew
    meeting.speak("Bo")
    clock.advance(5)
    assert saved_as_fresh()
    meeting.talk.turns[-1].spans[-1][1] = meeting.talk.turns[-1].spans[-1][0] + 2.5  # type: ignore[operator]
    assert saved_as_fresh()
    # a meeting put back from its file (new lists) is printed anew
    keeper.meeting = restore(keeper.path, clock)
    assert saved_as_fresh()
    keeper.meeting.agenda.events = keeper.meeting.agenda.events[:3]
    assert saved_as_fresh()


def test_a_save_prints_only_the_newest_turns(case: Case, clock: FakeClock) -> None:
    meeting = new_meeting(case, clock)
    meeting.start()
    for index in range(300):
        meeting.speak(["Anna", "Bo"][index % 2])
        clock.advance(2)
    writer = SessionWriter()
    first = writer.dumps(meeting)
    printed: list[object] = []
    real = session_file._turn_record

    def counting(*args: object) -> object:
        printed.append(args[0])
        return real(*args)  # type: ignore[arg-type]

    writer._turns.record = counting  # type: ignore[assignment]
    clock.advance(5)
    assert writer.dumps(meeting) != first  # the open turn moved on
    assert printed == [meeting.talk.turns[-1]]  # only the last turn can still change
    printed.clear()
    meeting.speak("Carl")
    assert writer.dumps(meeting) == dumps(meeting)
    assert printed == meeting.talk.turns[-2:]  # the one just ended, and the new one


def test_each_writer_keeps_its_own(case: Case, clock: FakeClock) -> None:
    """Nothing is cached beside the writer: two meetings' writers share nothing."""
    one, two = new_meeting(case, clock), new_meeting(case, clock)
    for meeting in (one, two):
        meeting.start()
    one.speak("Anna")
    clock.advance(3)
    first, second = SessionWriter(), SessionWriter()
    assert first.dumps(one) == dumps(one)
    assert second.dumps(two) == dumps(two)
    assert first.dumps(one) != second.dumps(two)
