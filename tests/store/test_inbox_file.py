"""The inbox file between a note-taker's process and the meeting's, and the session's record
of what it took (issue 19)."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest

from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import SessionFileError
from caseroom.domain.inbox import InboxEntry, apply_entry
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.store.inbox import (
    InboxReader,
    InboxWriter,
    encode,
    inbox_paths,
    meeting_open,
    remove_delivered,
)
from caseroom.store.lock import SessionLock
from caseroom.store.notetaker import NoteTaker
from caseroom.store.session_file import load, open_for_resume, save


def entry(n: int = 1) -> InboxEntry:
    return InboxEntry(f"n1.lp-{n}", "add", f"n1.lp-{n}", "learning_point", "Carl", text=f"L{n}")


@pytest.fixture
def session(tmp_path: Path) -> tuple[Meeting, Path]:
    case, source, _ = open_case("t2d-aarsstatus")
    people = [Participant("Anna", "læge"), Participant("Carl", "sekretær")]
    meeting = Meeting(case, FakeClock(), participants=people, case_source=source)
    meeting.start()
    path = tmp_path / "session.toml"
    save(meeting, path)
    return meeting, path


def test_the_inbox_is_owner_only_and_each_entry_is_read_once(
    session: tuple[Meeting, Path],
) -> None:
    _, path = session
    writer = InboxWriter(path, "n1")
    writer.send(entry(1))
    assert stat.S_IMODE(writer.path.stat().st_mode) == 0o600
    assert writer.path.name.startswith(f".{path.name}.inbox-")
    reader = InboxReader(path)
    assert reader.changed()
    assert [e.key for e in reader.read()] == ["n1.lp-1"]
    assert not reader.changed() and reader.read() == []
    writer.send(entry(2))
    assert [e.key for e in reader.read()] == ["n1.lp-2"]
    writer.close()


def test_a_torn_last_line_waits_for_its_newline_then_is_skipped_when_its_writer_is_gone(
    session: tuple[Meeting, Path],
) -> None:
    _, path = session
    writer = InboxWriter(path, "n1")
    writer.send(entry(1))
    torn = encode(entry(2))[:-9]
    with open(writer.path, "ab") as file:
        file.write(torn)
    reader = InboxReader(path)
    assert [e.key for e in reader.read(final=True)] == ["n1.lp-1"]  # alive: it may finish
    assert reader.warnings == []
    writer.close()  # gone: it never will
    assert reader.read(final=True) == []
    assert any("torn" in w for w in reader.warnings)


def test_a_line_that_is_no_entry_is_skipped_with_a_warning(session: tuple[Meeting, Path]) -> None:
    _, path = session
    writer = InboxWriter(path, "n1")
    writer.send(entry(1))
    with open(writer.path, "ab") as file:
        file.write(b'{"key": 3}\n\xff\xfe\nnot json\n')
    writer.send(entry(2))
    reader = InboxReader(path)
    assert [e.key for e in reader.read()] == ["n1.lp-1", "n1.lp-2"]
    assert len(reader.warnings) == 3 and all("skipped" in w for w in reader.warnings)
    writer.close()


def test_the_session_records_what_it_took_and_a_reload_does_not_take_it_again(
    session: tuple[Meeting, Path],
) -> None:
    meeting, path = session
    for n in (1, 2):
        apply_entry(meeting, entry(n))
    meeting.delete_capture("learning_point", "n1.lp-2")
    save(meeting, path)
    with path.open("rb") as file:
        doc = tomllib.load(file)
    assert doc["inbox"]["acknowledged"] == ["n1.lp-1", "n1.lp-2"]
    assert doc["learning_point"][0]["author"] == "Carl"
    again = load(path, FakeClock())
    assert again.learning_points[0].author == "Carl"
    assert [apply_entry(again, entry(n)) for n in (1, 2)] == ["seen", "seen"]
    assert [p.id for p in again.learning_points] == ["n1.lp-1"]


def test_a_session_without_notes_from_a_note_taker_has_no_inbox_table(
    session: tuple[Meeting, Path],
) -> None:
    _, path = session
    with path.open("rb") as file:
        doc = tomllib.load(file)
    assert "inbox" not in doc and "author" not in str(doc)


def test_a_delivered_inbox_is_removed_only_once_its_writer_is_gone(
    session: tuple[Meeting, Path],
) -> None:
    _, path = session
    writer = InboxWriter(path, "n1")
    writer.send(entry(1))
    assert remove_delivered(path, {"n1.lp-1"}) == []  # still written to
    writer.close()
    assert remove_delivered(path, set()) == []  # not all taken
    assert remove_delivered(path, {"n1.lp-1"}) == [writer.path]
    assert inbox_paths(path) == []


def test_the_note_taker_sees_saved_only_once_the_meeting_wrote_the_note(
    session: tuple[Meeting, Path],
) -> None:
    meeting, path = session
    meeting.agenda.next()
    save(meeting, path)
    taker = NoteTaker(path, FakeClock(), "car")
    assert taker.author == "Carl"
    sent = taker.add("learning_point", {"text": "Tjek fodstatus"})
    assert (sent.segment, taker.delivery(sent.key)) == ("2b", "sent")
    assert [(n.values["text"], n.delivery) for n in taker.notes()] == [("Tjek fodstatus", "sent")]
    reader = InboxReader(path)
    for e in reader.read():
        apply_entry(meeting, e)
    save(meeting, path)
    taker.poll()
    assert taker.delivery(sent.key) == "saved"
    assert [n.delivery for n in taker.notes()] == ["saved"]
    taker.close()
    assert inbox_paths(path) == []  # all taken: removed


def test_a_note_taker_names_a_participant(session: tuple[Meeting, Path]) -> None:
    _, path = session
    with pytest.raises(SessionFileError, match="not a participant"):
        NoteTaker(path, FakeClock(), "Zoe")


def test_meeting_open_follows_the_session_lock(session: tuple[Meeting, Path]) -> None:
    _, path = session
    assert not meeting_open(path)
    lock = SessionLock(path).acquire()
    try:
        assert meeting_open(path)
    finally:
        lock.release()
    assert not meeting_open(path)
    assert os.listdir(path.parent) == [path.name]


def test_a_note_typed_after_the_meeting_ended_is_kept_and_taken_when_the_record_opens(
    session: tuple[Meeting, Path],
) -> None:
    meeting, path = session
    meeting.finish()
    save(meeting, path)
    taker = NoteTaker(path, FakeClock(), author="Carl")
    assert taker.state() == "finished"
    taker.add("learning_point", {"text": "Efter mødet"})
    taker.close()
    assert len(inbox_paths(path)) == 1  # not taken yet: kept
    record = open_for_resume(path, base=FakeClock())  # the leader opens the record
    assert [apply_entry(record, e) for e in InboxReader(path).read(final=True)] == ["applied"]
    save(record, path)
    assert len(remove_delivered(path, set(record.inbox.acknowledged))) == 1
    assert inbox_paths(path) == []  # all taken: the inbox is gone
    again = load(path, FakeClock())
    assert again.status == "finished"
    assert [(p.text, p.author) for p in again.learning_points] == [("Efter mødet", "Carl")]


def test_the_meeting_lists_its_folder_only_when_a_file_may_have_come_or_gone(
    session: tuple[Meeting, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check every half second is a stat of the folder while nothing comes or goes; an
    inbox that appears within the same clock tick as the last listing is still seen."""
    import caseroom.store.inbox as inbox

    _, path = session
    listings: list[Path] = []
    real = inbox.inbox_paths

    def counted(session_path: Path) -> list[Path]:
        listings.append(session_path)
        return real(session_path)

    monkeypatch.setattr(inbox, "inbox_paths", counted)
    old = path.parent.stat().st_mtime_ns - 60_000_000_000  # the folder last changed a minute ago
    os.utime(path.parent, ns=(old, old))
    reader = InboxReader(path)
    assert not reader.changed() and len(listings) == 1
    assert not reader.changed() and not reader.changed()
    assert len(listings) == 1  # nothing came or went: no listing
    writer = InboxWriter(path, "n1")
    writer.send(entry(1))
    os.utime(path.parent, ns=(old, old))  # as if within the tick of the last listing
    assert not reader.changed()  # an old, unchanged folder time hides it ...
    os.utime(path.parent, None)  # ... a recent one does not
    assert reader.changed()
    assert [e.key for e in reader.read()] == ["n1.lp-1"]


def test_an_entry_whose_ids_the_session_could_not_load_back_is_skipped(
    session: tuple[Meeting, Path],
) -> None:
    """A hand-edited or damaged line with an id the session file's schema refuses is no
    entry: taken in, it would make a session that saves but does not load back."""
    meeting, path = session
    writer = InboxWriter(path, "n1")
    with open(writer._open(), "ab", closefd=False) as file:
        file.write(encode(InboxEntry("bad key", "add", "n1.lp-9", "learning_point", "Carl")))
        file.write(encode(InboxEntry("n1.lp-8", "add", "bad id", "learning_point", "Carl")))
    writer.send(entry(1))
    reader = InboxReader(path)
    taken = reader.read()
    assert [e.key for e in taken] == ["n1.lp-1"]
    assert len(reader.warnings) == 2
    for item in taken:
        apply_entry(meeting, item)
    save(meeting, path)
    assert [p.id for p in load(path, FakeClock()).learning_points][-1] == "n1.lp-1"
    writer.close()


def test_a_new_inbox_is_never_seen_unlocked(
    session: tuple[Meeting, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The meeting removes inboxes whose writer is gone: a new one must not show up under
    its name before its writer holds its lock, or it is removed before its first line."""
    import caseroom.store.inbox as inbox

    _, path = session
    seen: list[tuple[Path, bool]] = []
    import fcntl  # advisory locks: POSIX (on Windows the file's presence counts)

    real_flock = fcntl.flock

    def watching_flock(fd: int, operation: int) -> None:
        for listed in inbox_paths(path):  # what the meeting would list right now
            seen.append((listed, inbox.writer_alive(listed)))
        real_flock(fd, operation)

    monkeypatch.setattr(fcntl, "flock", watching_flock)
    writer = InboxWriter(path, "n1")
    writer.send(entry(1))
    monkeypatch.undo()
    assert all(alive for _, alive in seen), seen
    assert remove_delivered(path, set()) == []
    assert [e.key for e in InboxReader(path).read()] == ["n1.lp-1"]
    writer.close()
