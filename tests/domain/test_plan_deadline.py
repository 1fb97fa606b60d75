"""The action plan's deadline, and the proposals grouped by area: one rule for the Opsamling
dialog and list and for the exports."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from caseroom.domain.captures import (
    PLAN_DAYS,
    Deadline,
    DeadlineProblem,
    Proposal,
    plan_deadline,
    proposals_by_area,
)
from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting

DAY = date(2026, 11, 24)
WEEK_ON = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "day", "problem"),
    [
        ("", None, None),  # none decided yet: the plan is due a week on
        ("  ", None, None),
        ("2026-12-01", WEEK_ON, None),
        (" 2026-11-24 ", DAY, None),  # the meeting's own day will do
        ("2026-11-23", date(2026, 11, 23), DeadlineProblem.BEFORE_MEETING),
        ("2026-02-30", None, DeadlineProblem.NO_SUCH_DATE),
        ("1. december", None, DeadlineProblem.NOT_A_DATE),
        ("20261201", None, DeadlineProblem.NOT_A_DATE),
        ("13-12-2026", date(2026, 12, 13), None),  # the ways people write a day
        ("13.12.2026", date(2026, 12, 13), None),
        ("2026-12-13", date(2026, 12, 13), None),
        ("23.11.2026", date(2026, 11, 23), DeadlineProblem.BEFORE_MEETING),
        ("30.02.2027", None, DeadlineProblem.NO_SUCH_DATE),
        ("13/12/2026", None, DeadlineProblem.NOT_A_DATE),
    ],
)
def test_a_deadline_is_empty_or_a_day_from_the_meeting_on(
    text: str, day: date | None, problem: DeadlineProblem | None
) -> None:
    deadline = plan_deadline(text, DAY)
    assert deadline == Deadline(text.strip(), day, DAY, problem)
    assert deadline.default == WEEK_ON
    assert deadline.due == (day or WEEK_ON)


def test_the_default_is_a_week_after_the_meeting() -> None:
    assert PLAN_DAYS == 7
    assert plan_deadline("", date(2026, 12, 28)).default == date(2027, 1, 4)


def test_the_meetings_day_is_the_day_it_started(small_case: Case, clock: FakeClock) -> None:
    meeting = Meeting(small_case, clock)  # made on 2026-11-24
    clock.advance(2 * 86_400)
    assert meeting.day() == DAY  # not started: the day the session was made
    meeting.start()
    clock.advance(86_400)
    assert meeting.day() == date(2026, 11, 26)
    meeting.opsamling.deadline = "2026-11-25"
    deadline = meeting.plan_deadline()
    assert deadline.problem is DeadlineProblem.BEFORE_MEETING
    assert deadline.day == date(2026, 11, 25)  # what a session holds is still its date
    assert meeting.plan_deadline(" 2026-12-03 ").problem is None
    assert meeting.plan_deadline("").default == date(2026, 12, 3)


# --- proposals by area -----------------------------------------------------------------------

AT = datetime(2026, 11, 24, 9, tzinfo=UTC)


def proposals(*areas: str) -> list[Proposal]:
    return [Proposal(f"p{i}", AT, "end", area=area) for i, area in enumerate(areas)]


def test_proposals_by_area_case_areas_first_then_own_then_none() -> None:
    found = proposals_by_area(
        ("Medicin", "Samarbejde", "Logistik"),
        proposals("", "Økonomi", "Samarbejde", "Medicin", "IT", "Samarbejde", "Økonomi"),
    )
    assert found == [
        ("Medicin", [3]),
        ("Samarbejde", [2, 5]),
        ("Økonomi", [1, 6]),  # areas of one's own, in the order first used
        ("IT", [4]),
        ("", [0]),  # no area: last
    ]


def test_proposals_by_area_leaves_out_areas_nobody_used() -> None:
    assert proposals_by_area(("Medicin", "IT"), []) == []
    assert proposals_by_area(("Medicin", "Medicin", "IT"), proposals("Medicin", "medicin")) == [
        ("Medicin", [0]),  # an area listed twice is one group
        ("medicin", [1]),  # as written: another area
    ]
