"""Following a session file written by another process: change detection, bad reads, staleness."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from caseroom.domain.agenda import RunState
from caseroom.domain.clock import Clock, FakeClock, SpeedClock
from caseroom.domain.errors import SessionFileError
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store import follow
from caseroom.store.cases import open_case
from caseroom.store.follow import STALE_SECONDS, SessionFollower, find_session
from caseroom.store.session_file import (
    load,
    read_document,
    read_session,
    restore,
    save,
    to_document,
)


def new_meeting(clock: Clock, case_id: str = "t2d-aarsstatus") -> Meeting:
    case, source, _ = open_case(case_id)
    people = [Participant("Anna", "læge"), Participant("Bo", "sygeplejerske")]
    return Meeting(case, clock, participants=people, case_source=source)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def session(tmp_path: Path, clock: FakeClock) -> tuple[Meeting, Path]:
    meeting = new_meeting(clock)
    path = tmp_path / "sessions" / "s.toml"
    meeting.start()
    save(meeting, path)
    return meeting, path


def test_poll_rebuilds_only_when_the_agenda_changed(
    session: tuple[Meeting, Path], clock: FakeClock
) -> None:
    meeting, path = session
    follower = SessionFollower(path, clock)
    assert follower.poll() is False  # nothing happened
    clock.advance(30)
    meeting.agenda.next()
    save(meeting, path)
    assert follower.poll() is True
    assert follower.meeting.agenda.current.key == meeting.agenda.current.key
    assert follower.meeting.agenda.step_remaining() == pytest.approx(
        meeting.agenda.step_remaining()
    )
    assert follower.poll() is False


def test_a_heartbeat_save_costs_no_rebuild(session: tuple[Meeting, Path], clock: FakeClock) -> None:
    meeting, path = session
    follower = SessionFollower(path, clock)
    reloads = follower.reloads
    before = read_document(path)
    clock.advance(5)
    save(meeting, path)  # what the meeting app's heartbeat does: only saved_at and figures move
    assert read_document(path) != before
    assert follower.poll() is False
    assert follower.reloads == reloads
    assert follower.meeting.agenda.step_remaining() == pytest.approx(
        meeting.agenda.step_remaining()
    )


def test_what_a_session_records_leaves_out_the_moment_of_its_save_only(
    session: tuple[Meeting, Path], clock: FakeClock
) -> None:
    meeting, path = session
    meeting.speak("Anna")
    save(meeting, path)
    first = read_session(path)
    clock.advance(7)
    save(meeting, path)  # a heartbeat: saved_at, elapsed, actual and spoken seconds move
    second = read_session(path)
    assert second.saved_at != first.saved_at
    assert second.participant[0].spoken_seconds != first.participant[0].spoken_seconds
    assert second.agenda.step[0].elapsed_seconds != first.agenda.step[0].elapsed_seconds
    assert second.segment[0].actual_seconds != first.segment[0].actual_seconds
    assert second.recorded() == first.recorded()
    changes: list[Callable[[], object]] = [
        lambda: meeting.agenda.extend(1),
        lambda: meeting.speak("Bo"),
    ]
    for change in changes:
        change()
        save(meeting, path)
        assert read_session(path).recorded() != first.recorded()


@pytest.mark.parametrize(
    "damage",
    [b"", b'format = 1\ncase_id = "t2d', b"\xff\xfe not text", b"format = 99\n"],
    ids=["empty", "truncated", "binary", "future-format"],
)
def test_a_bad_read_keeps_the_last_good_state(
    session: tuple[Meeting, Path], clock: FakeClock, damage: bytes
) -> None:
    meeting, path = session
    follower = SessionFollower(path, clock)
    good = follower.meeting
    path.write_bytes(damage)  # a half-replaced file
    assert follower.poll() is False
    assert follower.meeting is good
    assert follower.error is not None
    meeting.agenda.next()
    save(meeting, path)  # the writer's next save repairs it
    assert follower.poll() is True
    assert follower.error is None
    assert follower.meeting.agenda.current.key == meeting.agenda.current.key


def test_a_vanished_file_keeps_the_last_good_state(
    session: tuple[Meeting, Path], clock: FakeClock
) -> None:
    _, path = session
    follower = SessionFollower(path, clock)
    path.unlink()
    assert follower.poll() is False
    assert follower.error is not None
    assert follower.meeting.agenda.state is RunState.RUNNING


def test_following_never_writes(session: tuple[Meeting, Path], clock: FakeClock) -> None:
    _, path = session
    data, stat = path.read_bytes(), path.stat()
    follower = SessionFollower(path, clock)
    for _ in range(3):
        follower.poll()
        follower.reload()
    assert path.read_bytes() == data
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert sorted(os.listdir(path.parent)) == ["s.toml"]


@pytest.mark.parametrize("content", [None, b"not toml at all ["])
def test_an_unreadable_session_fails_the_first_load(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "s.toml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(SessionFileError):
        SessionFollower(path, FakeClock())


def test_stale_after_fifteen_silent_seconds_while_live(
    session: tuple[Meeting, Path], clock: FakeClock
) -> None:
    meeting, path = session
    mtime = path.stat().st_mtime
    now = [mtime + 1]
    follower = SessionFollower(path, clock, real_time=lambda: now[0])
    assert not follower.is_stale()
    now[0] = mtime + STALE_SECONDS + 1
    assert follower.is_stale()
    meeting.finish()
    save(meeting, path)
    follower.poll()
    now[0] = path.stat().st_mtime + 3600
    assert not follower.is_stale()  # a finished meeting has no heartbeat to miss


def _write(folder: Path, name: str, meeting: Meeting, mtime: float) -> Path:
    path = folder / name
    save(meeting, path)
    os.utime(path, (mtime, mtime))
    return path


def test_find_session_prefers_the_newest_running_one(tmp_path: Path, clock: FakeClock) -> None:
    running, finished = new_meeting(clock), new_meeting(clock)
    running.start()
    finished.start()
    finished.finish()
    _write(tmp_path, "old-running.toml", running, 1_000)
    newer = _write(tmp_path, "newer-running.toml", running, 2_000)
    _write(tmp_path, "newest-finished.toml", finished, 3_000)
    (tmp_path / "junk.toml").write_bytes(b"\x00")
    assert find_session(tmp_path) == newer


def test_find_session_reads_only_the_heads_of_session_files(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`status` is a top-level key: choosing among long meetings' files parses no whole file."""
    running, finished = new_meeting(clock), new_meeting(clock)
    running.start()
    finished.start()
    finished.finish()
    newer = _write(tmp_path, "newer-running.toml", running, 2_000)
    _write(tmp_path, "newest-finished.toml", finished, 3_000)

    def whole_file(path: Path) -> dict[str, object]:
        raise AssertionError(f"{path.name} was read whole")

    monkeypatch.setattr(follow, "read_document", whole_file)
    assert find_session(tmp_path) == newer


def test_find_session_falls_back_to_the_newest(tmp_path: Path, clock: FakeClock) -> None:
    finished = new_meeting(clock)
    finished.start()
    finished.finish()
    _write(tmp_path, "a.toml", finished, 1_000)
    newest = _write(tmp_path, "b.toml", finished, 2_000)
    assert find_session(tmp_path) == newest


def test_find_session_uses_caseroom_home(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEROOM_HOME", str(tmp_path))
    with pytest.raises(SessionFileError, match="no session to follow"):
        find_session()
    meeting = new_meeting(clock)
    meeting.start()
    (tmp_path / "sessions").mkdir()
    path = _write(tmp_path / "sessions", "s.toml", meeting, 1_000)
    assert find_session() == path


def test_a_heartbeat_on_the_system_clock_costs_no_rebuild(tmp_path: Path) -> None:
    """Every save maps the same monotonic instant to the same wall time: through the run's
    anchor, not the moment of the save."""
    from caseroom.domain.clock import SystemClock

    meeting = new_meeting(SystemClock())
    meeting.start()
    meeting.speak("Anna")
    path = tmp_path / "s.toml"
    save(meeting, path)
    first = read_session(path)
    follower = SessionFollower(path, SystemClock())
    for _ in range(3):
        save(meeting, path)
        assert read_session(path).recorded() == first.recorded()
        assert follower.poll() is False
    assert follower.reloads == 1


def test_a_heartbeat_is_told_apart_without_a_rebuild(
    session: tuple[Meeting, Path], clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting, path = session
    follower = SessionFollower(path, clock)
    loads: list[Path] = []
    real = load  # what the follower calls

    def counting(p: Path, *args: Any, **kwargs: Any) -> Meeting:
        loads.append(p)
        return real(p, *args, **kwargs)

    monkeypatch.setattr(follow, "load", counting)
    meeting.speak("Anna")
    save(meeting, path)
    assert follower.poll() is True  # someone speaks: a change
    for _ in range(3):
        clock.advance(5)
        save(meeting, path)
        assert follower.poll() is False
    assert loads == [path]
    meeting.agenda.extend(1)  # a real change is rebuilt
    save(meeting, path)
    assert follower.poll() is True
    assert loads == [path, path]
    assert follower.meeting.talk.speaker == "Anna"


def test_a_rehearsal_followed_before_its_start_keeps_the_writers_time(tmp_path: Path) -> None:
    """The writer's --speed clock starts over when its meeting starts; the follower's too."""
    real = FakeClock()
    writer = SpeedClock(30, base=real)
    meeting = new_meeting(writer)
    path = tmp_path / "rehearsal.toml"
    save(meeting, path)
    follower = SessionFollower(path, SpeedClock(30, base=real, origin=writer.origin))
    real.advance(120)  # the start screen: an hour at 30x
    meeting.start()
    save(meeting, path)
    assert follower.poll() is True
    assert follower.clock.now() == writer.now() == real.now()
    real.advance(10)
    assert follower.meeting.agenda.step_remaining() == pytest.approx(
        meeting.agenda.step_remaining()
    )


# --- the revision: a heartbeat is told apart from the file's head --------------------------


def revision_of(path: Path) -> object:
    head = follow.read_head(path)
    assert head is not None
    return head.get("revision")


def as_older_writer(path: Path) -> None:
    """Rewrite a session as a caseroom before revisions wrote it (atomically: a new inode)."""
    doc = read_document(path)
    assert isinstance(doc.pop("revision"), str)
    replaced = path.with_suffix(".new")
    replaced.write_bytes(tomli_w.dumps(doc).encode())
    replaced.replace(path)


def counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Path]:
    """Record each call of follow's `name` (load, read_session) and let it run."""
    calls: list[Path] = []
    real = getattr(follow, name)

    def counted(p: Path, *args: Any, **kwargs: Any) -> Any:
        calls.append(p)
        return real(p, *args, **kwargs)

    monkeypatch.setattr(follow, name, counted)
    return calls


def test_a_heartbeat_is_told_apart_from_the_head_of_the_file_alone(
    session: tuple[Meeting, Path], clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting, path = session
    meeting.speak("Anna")
    save(meeting, path)
    follower = SessionFollower(path, clock)
    loads, reads = counting(monkeypatch, "load"), counting(monkeypatch, "read_session")
    for _ in range(3):
        clock.advance(5)
        save(meeting, path)
        assert follower.poll() is False
    assert (loads, reads) == ([], [])  # neither parsed nor validated: no rebuild
    meeting.speak("Bo")
    save(meeting, path)
    assert follower.poll() is True
    assert (loads, reads) == ([path], [])
    assert follower.meeting.talk.speaker == "Bo"


def test_the_revision_changes_with_what_the_session_records_and_only_then(
    session: tuple[Meeting, Path], clock: FakeClock
) -> None:
    meeting, path = session
    agenda = meeting.agenda
    changes: list[tuple[str, Callable[[], object]]] = [
        ("someone speaks", lambda: meeting.speak("Anna")),
        ("a minute more", lambda: agenda.extend(1)),
        ("the next step", agenda.next),
        ("another speaker", lambda: meeting.speak("Bo")),
        ("a pause", meeting.toggle_pause),
        ("the pause ends", meeting.toggle_pause),
        ("a learning point", lambda: meeting.add_learning_point("husk HbA1c")),
        ("it is edited", lambda: meeting.edit_learning_point("lp-1", "husk HbA1c og BT")),
        ("silence", lambda: meeting.speak(None)),
        ("the end", meeting.finish),
    ]
    seen = {revision_of(path)}
    recorded = read_session(path).recorded()
    for what, change in changes:
        change()
        save(meeting, path)
        revision = revision_of(path)
        assert read_session(path).recorded() != recorded, what
        assert revision not in seen, what
        seen.add(revision)
        recorded = read_session(path).recorded()
        for _ in range(2):  # heartbeats: the moment's figures move, the revision stays
            clock.advance(5)
            save(meeting, path)
            assert revision_of(path) == revision, what
            assert read_session(path).recorded() == recorded, what


def test_the_revision_of_a_restored_meeting_is_its_files(
    session: tuple[Meeting, Path], clock: FakeClock
) -> None:
    meeting, path = session
    meeting.speak("Anna")
    clock.advance(30)
    save(meeting, path)
    assert revision_of(path) == to_document(restore(path, clock))["revision"]


def test_a_file_without_a_revision_is_still_followed(
    session: tuple[Meeting, Path], clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older caseroom's file: compared by its validated tables (a full read), not rebuilt."""
    meeting, path = session
    as_older_writer(path)
    follower = SessionFollower(path, clock)
    loads = counting(monkeypatch, "load")
    for _ in range(3):
        clock.advance(5)
        save(meeting, path)
        as_older_writer(path)
        assert follower.poll() is False
    assert loads == []
    meeting.agenda.next()
    save(meeting, path)
    as_older_writer(path)
    assert follower.poll() is True
    assert follower.meeting.agenda.current.key == meeting.agenda.current.key
    save(meeting, path)  # the meeting goes on with a newer caseroom: read once, then its head
    assert follower.poll() is True
    clock.advance(5)
    save(meeting, path)
    assert follower.poll() is False
    assert len(loads) == 2


def test_a_head_that_does_not_parse_on_its_own_is_read_whole(
    session: tuple[Meeting, Path], clock: FakeClock
) -> None:
    """A hand-written multi-line string holding a line that starts with `[`: the head ends
    inside it, so the whole file is read (and what it records compared)."""
    meeting, path = session
    text = path.read_text("utf-8")
    title = read_document(path)["case_title"]
    path.write_text(text.replace(f'"{title}"', '"""Årsstatus\n[ikke en tabel]"""', 1), "utf-8")
    assert follow.read_head(path) is None
    assert read_document(path)["case_title"] == "Årsstatus\n[ikke en tabel]"
    assert isinstance(follow.recorded_state(path), dict)
    follower = SessionFollower(path, clock)
    assert follower.poll() is False
    meeting.agenda.next()
    save(meeting, path)
    assert follower.poll() is True


def test_a_change_read_aside_is_not_taken_after_a_newer_one(
    session: tuple[Meeting, Path], clock: FakeClock
) -> None:
    """`check`, `read` (on any thread), `take`: a read that a poll overtook is dropped."""
    meeting, path = session
    follower = SessionFollower(path, clock)
    meeting.agenda.next()
    save(meeting, path)
    change = follower.check()
    assert change is not None
    aside = follower.read()
    meeting.agenda.next()
    save(meeting, path)
    assert follower.poll() is True  # a newer state, taken meanwhile
    newer = follower.meeting
    assert follower.take(change, aside) is False
    follower.failed(change, SessionFileError("too late"))
    assert follower.meeting is newer
    assert follower.error is None
    assert follower.check() is None  # and nothing left to read


def test_a_heartbeat_is_no_change_to_read(session: tuple[Meeting, Path], clock: FakeClock) -> None:
    meeting, path = session
    follower = SessionFollower(path, clock)
    assert follower.reads_aside
    clock.advance(5)
    save(meeting, path)
    assert follower.check() is None
    meeting.speak("Anna")
    save(meeting, path)
    change = follower.check()
    assert change is not None
    assert follower.take(change, follower.read()) is True
    assert follower.meeting.talk.speaker == "Anna"
