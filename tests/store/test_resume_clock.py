"""Time has one owner: a resumed session goes on on its own clock.

A rehearsal (`--speed N`) continues its own timeline; the time the app was down passes as
real time, not N times as fast; `--speed` on resume applies from then on, never to the past;
a real-time meeting is never sped up. A read-only session file is left alone, and a file
whose figures fail their checks still gives up its notes.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
import tomli_w

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock, SpeedClock
from caseroom.domain.errors import SessionFileError, UntrustedSessionError
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.store.export import load_for_export, salvage_for_export, to_markdown
from caseroom.store.session_file import (
    dumps,
    load,
    open_for_resume,
    restore,
    save,
    session_clock,
)
from tests.conftest import START, RunCaseroom


@pytest.fixture
def case() -> Case:
    return open_case("t2d-aarsstatus")[0]


def rehearsal(case: Case, real: FakeClock, speed: float = 30) -> Meeting:
    """`caseroom run --speed 30 --people "Anna:læge,Bo:sygeplejerske"`, space, `1`."""
    people = [Participant("Anna", "læge"), Participant("Bo", "sygeplejerske")]
    meeting = Meeting(
        case,
        SpeedClock(speed, base=real),
        participants=people,
        case_source="bundled:t2d-aarsstatus",
    )
    meeting.start()
    meeting.speak("Anna")
    return meeting


def real_time(case: Case, clock: FakeClock) -> Meeting:
    """`caseroom run --people Anna:læge`, space: a meeting on the real clock."""
    meeting = Meeting(case, clock, participants=[Participant("Anna", "læge")])
    meeting.start()
    return meeting


def figures(meeting: Meeting) -> list[float]:
    """Every duration the session holds or shows, as the file and the screen do."""
    now = meeting.agenda.now()
    return [
        *(meeting.talk.spoken_seconds(p.name, now) for p in meeting.participants),
        *(step.elapsed(now) for step in meeting.agenda.steps),
        *(gap.seconds for gap in meeting.interruptions),
        meeting.took_seconds(),
    ]


def test_a_resumed_rehearsal_keeps_every_figure_non_negative(case: Case, tmp_path: Path) -> None:
    """The reported case: --speed 30, Anna speaks 4 s, quit; resume --speed 30, quit."""
    real = FakeClock(start=START)
    path = tmp_path / "s.toml"
    meeting = rehearsal(case, real)
    real.advance(4)
    save(meeting, path)  # q → "Luk, fortsæt senere"
    real.advance(20)  # the app is down
    resumed = open_for_resume(path, speed=30, base=real)
    save(resumed, path)  # q again, at once
    again = open_for_resume(path, speed=30, base=real)  # the file loads back
    assert min(figures(resumed)) >= 0
    assert min(figures(again)) >= 0
    spoken = again.talk.spoken_seconds("Anna", again.agenda.now())
    assert spoken == pytest.approx(4 * 30)  # 4 real seconds at 30x, nothing since
    assert load_for_export(path).talk.spoken_seconds("Anna", 0.0) == pytest.approx(120)
    doc = tomllib.loads(path.read_text("utf-8"))
    assert all(p["spoken_seconds"] >= 0 for p in doc["participant"])
    assert all(s["elapsed_seconds"] >= 0 for s in doc["agenda"]["step"])


def test_a_closed_rehearsals_downtime_is_wall_time_not_multiplied(
    case: Case, tmp_path: Path
) -> None:
    real = FakeClock(start=START)
    path = tmp_path / "s.toml"
    meeting = rehearsal(case, real)
    real.advance(10)  # 300 s of meeting time
    save(meeting, path)
    real.advance(90)  # down for a minute and a half
    resumed = open_for_resume(path, base=real)
    (gap,) = resumed.interruptions
    assert gap.seconds == pytest.approx(90)
    step = resumed.agenda.current
    assert step.elapsed(resumed.agenda.now()) == pytest.approx(300)
    real.advance(1)
    assert step.elapsed(resumed.agenda.now()) == pytest.approx(330)  # still 30x after it


def test_speed_on_resume_applies_from_then_on_and_is_recorded_for_the_clock(
    case: Case, tmp_path: Path
) -> None:
    real = FakeClock(start=START)
    path = tmp_path / "s.toml"
    meeting = rehearsal(case, real)
    real.advance(10)
    save(meeting, path)
    resumed = open_for_resume(path, speed=60, base=real)
    step = resumed.agenda.current
    assert step.elapsed(resumed.agenda.now()) == pytest.approx(300)  # the past as it was
    real.advance(2)
    assert step.elapsed(resumed.agenda.now()) == pytest.approx(300 + 120)
    save(resumed, path)
    doc = tomllib.loads(path.read_text("utf-8"))
    assert doc["format"] == 2
    assert [c["speed"] for c in doc["clock"]["change"]] == [30, 60]
    follower = session_clock(path)  # `caseroom clock` reads the new record
    assert isinstance(follower, SpeedClock) and follower.speed == 60
    assert follower.changes == resumed.clock.changes  # type: ignore[attr-defined]
    # a plain resume later goes on at the speed last set, not the first one
    real.advance(5)
    later = open_for_resume(path, base=real)
    assert isinstance(later.clock, SpeedClock) and later.clock.speed == 60


def test_a_real_time_meeting_is_never_sped_up(
    case: Case, tmp_path: Path, run_caseroom: RunCaseroom
) -> None:
    clock = FakeClock(start=START)
    path = tmp_path / "s.toml"
    meeting = real_time(case, clock)
    save(meeting, path)
    before = path.read_bytes()
    with pytest.raises(SessionFileError, match="a real-time meeting is never sped up"):
        open_for_resume(path, speed=30, base=clock)
    result = run_caseroom("resume", path, "--speed", "30")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "never sped up" in result.stderr
    assert path.read_bytes() == before
    resumed = open_for_resume(path, base=clock)  # without --speed: real time, as it was
    assert "clock" not in tomllib.loads(dumps(resumed).decode())


def test_a_format_1_rehearsal_file_still_loads_and_follows(case: Case, tmp_path: Path) -> None:
    real = FakeClock(start=START)
    path = tmp_path / "s.toml"
    meeting = rehearsal(case, real)
    real.advance(10)
    save(meeting, path)
    doc = tomllib.loads(path.read_text("utf-8"))
    (change,) = doc["clock"].pop("change")
    doc["format"] = 1
    doc["clock"]["origin"] = change["real"]  # format 1: one origin, read and run from there
    path.write_text(tomli_w.dumps(doc), "utf-8")
    follower = session_clock(path)
    assert isinstance(follower, SpeedClock) and follower.changes == meeting.clock.changes  # type: ignore[attr-defined]
    resumed = open_for_resume(path, base=real)
    assert resumed.agenda.current.elapsed(resumed.agenda.now()) == pytest.approx(300)


def test_loading_is_exact_and_resuming_is_a_step_of_its_own(case: Case, tmp_path: Path) -> None:
    """save → restore → save writes the same bytes; the gap step closes what was open."""
    real = FakeClock(start=START)
    path = tmp_path / "s.toml"
    meeting = rehearsal(case, real)
    real.advance(3)
    save(meeting, path)
    written = path.read_bytes()
    same = restore(path, meeting.clock)
    assert dumps(same) == written
    assert same.talk.speaker == "Anna"  # exactly as saved: still speaking
    saved_at = tomllib.loads(written.decode())["saved_at"]
    assert same.resume_after_gap(saved_at) is None  # no time passed: no interruption
    real.advance(60)
    later = restore(path, meeting.clock)
    gap = later.resume_after_gap(saved_at)
    assert later.talk.speaker is None  # the speaker stopped when the app went down
    assert gap is not None and gap.seconds == pytest.approx(60 * 30)
    assert later.talk.spoken_seconds("Anna", later.agenda.now()) == pytest.approx(90)


def test_a_read_only_session_is_left_alone(
    case: Case, tmp_path: Path, run_caseroom: RunCaseroom
) -> None:
    clock = FakeClock(start=START)
    path = tmp_path / "s.toml"
    meeting = real_time(case, clock)
    save(meeting, path)
    os.chmod(path, 0o400)
    before = path.read_bytes(), path.stat().st_ino
    with pytest.raises(SessionFileError, match="read-only"):
        open_for_resume(path, base=clock)
    result = run_caseroom("resume", path)  # CI runs as root: the mode decides, not access()
    assert result.returncode == 2 and "read-only" in result.stderr
    assert (path.read_bytes(), path.stat().st_ino) == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o400


def broken_figures(case: Case, tmp_path: Path) -> Path:
    """A session as the old resume bug left it: a negative speaking time, notes inside."""
    clock = FakeClock(start=START)
    path = tmp_path / "s.toml"
    meeting = Meeting(
        case,
        clock,
        participants=[Participant("Anna", "læge"), Participant("Bo", "sygeplejerske")],
        case_source="bundled:t2d-aarsstatus",
    )
    meeting.start()
    meeting.add_learning_point("Årsstatus tager 30 minutter")
    meeting.add_proposal("Book 30 minutter", area="arbejdsgang", responsible="Bo")
    meeting.set_evaluation("Anna", ["Tid", "Fraser", "Flow"])
    save(meeting, path)
    text = path.read_text("utf-8").replace("spoken_seconds = 0.0", "spoken_seconds = -4.3", 1)
    path.write_text(text, "utf-8")
    return path


def test_a_session_with_broken_figures_still_gives_up_its_notes(
    case: Case, tmp_path: Path, run_caseroom: RunCaseroom
) -> None:
    path = broken_figures(case, tmp_path)
    with pytest.raises(UntrustedSessionError) as untrusted:
        load_for_export(path)
    meeting, problems = salvage_for_export(path, untrusted.value)
    markdown = to_markdown(meeting)
    for text in ("Årsstatus tager 30 minutter", "Book 30 minutter", "Fraser", "Anna", "Bo"):
        assert text in markdown
    assert any("participant[1].spoken_seconds" in line for line in problems)

    result = run_caseroom("export", path, "--format", "markdown")
    assert result.returncode == 2
    assert "Book 30 minutter" in result.stdout and "Fraser" in result.stdout
    lines = result.stderr.splitlines()
    assert any("participant[1].spoken_seconds" in line for line in lines)
    assert all(line.startswith(str(path)) for line in lines)  # one line per problem

    resumed = run_caseroom("resume", path)
    assert resumed.returncode == 2
    assert "participant[1].spoken_seconds" in resumed.stderr
    assert "caseroom export" in resumed.stderr  # how to get the notes out


def test_a_resumed_session_loads_with_load_too(case: Case, tmp_path: Path) -> None:
    """`load` (resuming) and `open_for_resume` agree on a real-time meeting."""
    clock = FakeClock(start=START)
    path = tmp_path / "s.toml"
    meeting = real_time(case, clock)
    meeting.speak("Anna")
    clock.advance(30)
    save(meeting, path)
    clock.advance(120)
    one, other = load(path, clock), open_for_resume(path, base=clock)
    assert dumps(one) == dumps(other)
    assert [gap.seconds for gap in one.interruptions] == [120]


def test_a_paused_meeting_closed_and_resumed_does_not_count_the_gap_twice(
    case: Case, tmp_path: Path
) -> None:
    """Found by the property test: the open pause ran on through the time the app was down,
    which was also recorded as an interruption."""
    clock = FakeClock(start=START)
    path = tmp_path / "s.toml"
    meeting = real_time(case, clock)
    clock.advance(60)
    meeting.toggle_pause()
    clock.advance(30)
    save(meeting, path)
    clock.advance(600)  # the laptop sleeps
    resumed = open_for_resume(path, base=clock)
    clock.advance(10)
    agenda = resumed.agenda
    paused = sum((p.end or agenda.now()) - p.start for p in agenda.pauses)
    (gap,) = resumed.interruptions
    assert (paused, gap.seconds) == (40, 600)
    assert agenda.current.elapsed(agenda.now()) + paused + gap.seconds == agenda.run_seconds()
    assert resumed.took_seconds() == 100


def test_the_timekeepers_clock_follows_a_speed_set_on_resume(case: Case, tmp_path: Path) -> None:
    from caseroom.store.follow import SessionFollower

    real = FakeClock(start=START)
    path = tmp_path / "s.toml"
    meeting = rehearsal(case, real)
    real.advance(10)
    save(meeting, path)
    follower = SessionFollower(path, SpeedClock(30, base=real, origin=START))
    assert follower.meeting.agenda.step_remaining() == pytest.approx(300)
    real.advance(5)  # the app is down; the clock says so
    resumed = open_for_resume(path, speed=60, base=real)
    save(resumed, path)
    assert follower.poll() is True
    assert isinstance(follower.clock, SpeedClock) and follower.clock.speed == 60
    real.advance(2)
    assert follower.meeting.agenda.step_remaining() == pytest.approx(
        resumed.agenda.step_remaining()
    )
    assert follower.meeting.agenda.step_remaining() == pytest.approx(300 - 120)
