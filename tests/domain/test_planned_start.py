"""The plan's clock times: a planned start, each segment's planned time of day, a late start,
and the projected end against the planned end (fake clock; the small case: intro 10, case 20
(q1 10, q2 10), pause 5, end 10 = 45 minutes, from 08:30 UTC)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock, SpeedClock
from caseroom.domain.errors import DomainError
from caseroom.domain.meeting import Meeting, planned_start_on
from caseroom.domain.people import Participant


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 11, 24, hour, minute, tzinfo=UTC)


@pytest.fixture
def meeting(small_case: Case, clock: FakeClock) -> Meeting:
    return Meeting(small_case, clock, participants=[Participant("Anna", "læge")])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12:00", at(12, 0)), ("9:05", at(9, 5)), (" 07.45 ", at(7, 45)), ("", None), (None, None)],
)
def test_a_planned_start_is_a_time_of_day_on_the_meeting_s_day(
    text: str | None, expected: datetime | None
) -> None:
    assert planned_start_on(text, at(8, 30)) == expected


@pytest.mark.parametrize("text", ["25:00", "12:60", "noon", "12", "12:5", "-1:00"])
def test_anything_else_is_refused_naming_what_was_typed(text: str) -> None:
    with pytest.raises(DomainError) as caught:
        planned_start_on(text, at(8, 30))
    assert caught.value.code == "start.bad_time"
    assert text.strip() in caught.value.text("en")


def test_without_a_planned_start_the_plan_starts_when_the_meeting_does(
    meeting: Meeting, clock: FakeClock
) -> None:
    agenda = meeting.agenda
    assert agenda.planned_start is None
    clock.advance(600)  # ten minutes on the start screen: the plan moves with now
    assert agenda.planned_clock_times()[0] == at(8, 40)
    meeting.start()
    clock.advance(3600)
    assert agenda.plan_start() == at(8, 40)
    assert [f"{t:%H:%M}" for t in agenda.planned_clock_times().values()] == [
        "08:40",
        "08:50",
        "09:10",
        "09:15",
    ]
    assert agenda.planned_end() == at(9, 25)
    assert agenda.start_lateness_seconds() is None


def test_a_late_start_shows_and_the_projected_end_is_against_the_planned_end(
    meeting: Meeting, clock: FakeClock
) -> None:
    meeting.plan_start_at("08:23")
    agenda = meeting.agenda
    assert agenda.planned_end() == at(9, 8)
    # before the start, being late already moves the projected end
    assert agenda.lateness_seconds() == 7 * 60
    meeting.start()
    assert agenda.start_lateness_seconds() == 7 * 60
    assert agenda.planned_clock_times()[1] == at(8, 33)  # the plan's times, not the run's
    clock.advance(13 * 60)  # intro overruns by 3 minutes: 10 minutes late in all
    assert agenda.projected_end() == at(9, 18)
    assert agenda.lateness_seconds() == 10 * 60


def test_an_early_start_counts_as_early(meeting: Meeting) -> None:
    meeting.plan_start_at("08:40")
    meeting.start()
    assert meeting.agenda.start_lateness_seconds() == -10 * 60
    assert meeting.agenda.lateness_seconds() == -10 * 60


def test_once_started_the_plan_stays_as_recorded(meeting: Meeting) -> None:
    meeting.plan_start_at("08:00")
    meeting.start()
    with pytest.raises(DomainError) as caught:
        meeting.plan_start_at("09:00")
    assert caught.value.code == "meeting.already_started"
    assert meeting.planned_start == at(8, 0)


def test_a_break_taken_early_keeps_its_planned_time(meeting: Meeting, clock: FakeClock) -> None:
    meeting.plan_start_at("08:30")
    meeting.start()
    meeting.next()  # q1
    clock.advance(120)
    meeting.take_break()
    agenda = meeting.agenda
    assert agenda.segment_order() == [0, 2, 1, 3]
    assert agenda.planned_clock_times()[2] == at(9, 0)


def test_a_rehearsal_s_time_of_day_does_not_jump_back_when_it_starts(small_case: Case) -> None:
    real = FakeClock(start=at(8, 30))
    rehearsal = SpeedClock(60, base=real)
    meeting = Meeting(small_case, rehearsal, participants=[Participant("Anna", "læge")])
    real.advance(120)  # two real minutes on the start screen, two hours at 60×
    before = meeting.agenda.wall_now()
    assert before == at(8, 32)  # the real time: the rehearsal has not started
    meeting.start()
    assert meeting.agenda.wall_now() == before
    real.advance(60)
    assert meeting.agenda.wall_now() == at(9, 32)  # from the start on, 60× fast
