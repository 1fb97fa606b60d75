"""A meeting that continues an earlier one: its items, their steps and what it records."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from caseroom.catalogue import ERRORS
from caseroom.domain.captures import Proposal
from caseroom.domain.case import check_case
from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import DomainError
from caseroom.domain.followup import FollowItem, FollowUp, make_items, share_minutes
from caseroom.domain.meeting import Meeting, MeetingAction
from caseroom.store.cases import open_case

AT = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


def _proposals(count: int, agreed: tuple[int, ...] = ()) -> list[Proposal]:
    return [
        Proposal(f"Forslag {n}", AT, "2d", area="flow", id=f"p-{n}", agreed=n in agreed)
        for n in range(1, count + 1)
    ]


def _meeting(count: int = 6) -> Meeting:
    case, source, _ = open_case("opfoelgning")
    items = make_items(_proposals(count, agreed=(2, 5)), segment_minutes=15)
    return Meeting(case, FakeClock(), case_source=source, follow=FollowUp(None, items))


@pytest.mark.parametrize(
    ("total", "count", "shares"),
    [
        (15, 6, [3, 3, 3, 2, 2, 2]),
        (17, 4, [5, 4, 4, 4]),
        (15, 1, [15]),
        (3, 5, [1, 1, 1, 1, 1]),  # at least one minute each, even past the segment's
        (10, 0, []),
    ],
)
def test_the_segments_minutes_are_shared_among_the_items(
    total: int, count: int, shares: list[int]
) -> None:
    assert share_minutes(total, count) == shares


def test_agreed_proposals_come_first_then_the_others_each_in_their_order() -> None:
    items = make_items(_proposals(6, agreed=(3, 5)), segment_minutes=15)
    assert [(i.id, i.source) for i in items] == [
        ("f1", "p-3"),
        ("f2", "p-5"),
        ("f3", "p-1"),
        ("f4", "p-2"),
        ("f5", "p-4"),
        ("f6", "p-6"),
    ]
    assert [i.minutes for i in items] == [3, 3, 3, 2, 2, 2]


def test_an_earlier_follow_ups_items_come_first_with_the_status_it_recorded() -> None:
    earlier = [
        FollowItem("f1", "p-1", "A", agreed=True, status="in-progress"),
        FollowItem("f2", "p-2", "B", then="changed"),  # not reviewed then: no status then
        FollowItem("f3", "p-3", "C"),
    ]
    items = make_items(_proposals(1), earlier, segment_minutes=8)
    assert [(i.id, i.source, i.text, i.then) for i in items] == [
        ("f1", "f1", "A", "in-progress"),
        ("f2", "f2", "B", None),  # "then" is what the meeting it continues recorded
        ("f3", "f3", "C", None),
        ("f4", "p-1", "Forslag 1", None),
    ]
    assert all(i.status is None and not i.recorded for i in items)


def test_each_item_is_a_step_of_the_status_segment_with_its_minutes() -> None:
    meeting = _meeting()
    keys = [s.key for s in meeting.agenda.steps]
    assert keys == [
        "velkomst",
        *(f"status/f{n}" for n in range(1, 7)),
        "laering",
        "opsamling",
        "afslutning",
    ]
    planned = [s.planned_seconds / 60 for s in meeting.agenda.steps if s.item is not None]
    assert planned == [3, 3, 3, 2, 2, 2]
    assert meeting.agenda.planned_seconds() == 30 * 60


def test_without_items_the_status_segment_is_one_plain_step() -> None:
    meeting = _meeting(0)
    assert [s.key for s in meeting.agenda.steps][:2] == ["velkomst", "status"]
    assert meeting.agenda.steps[1].planned_seconds == 15 * 60


def test_the_status_is_recorded_on_an_items_step_and_the_key_is_offered_only_there() -> None:
    meeting = _meeting()
    meeting.start()
    assert meeting.can(MeetingAction.RECORD_ITEM).code == "step.not_item"
    meeting.next()
    assert meeting.current_item is meeting.items[0]
    assert meeting.can(MeetingAction.RECORD_ITEM)
    item = meeting.record_item(
        "f1",
        status="in-progress",
        learned="  Det tager\ntid  ",
        next_step="Book tid",
        next_responsible=" Bo\n",
        next_due="13.12.2026",
    )
    assert item is meeting.item("f1")
    assert (item.status, item.learned, item.next_step, item.next_responsible) == (
        "in-progress",
        "Det tager\ntid",
        "Book tid",
        "Bo",
    )
    assert item.next_due == date(2026, 12, 13)
    # None leaves a field; "" clears it
    again = meeting.record_item("f1", status="done", next_due="")
    assert (again.status, again.next_due, again.next_step) == ("done", None, "Book tid")
    cleared = meeting.record_item("f1", status="")
    assert cleared.status is None


@pytest.mark.parametrize("typed", ["13-12-2026", "13.12.2026", "2026-12-13"])
def test_a_due_date_is_typed_as_the_action_plans_deadline_is(typed: str) -> None:
    meeting = _meeting()
    assert meeting.record_item("f2", next_due=typed).next_due == date(2026, 12, 13)


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("status", "finished", "followup.bad_status"),
        ("next_due", "1. december", "followup.bad_date"),
        ("next_due", "30.02.2027", "followup.no_such_date"),
        ("next_due", "2026-11-01", "followup.due_before_meeting"),  # the meeting: 24 Nov 2026
    ],
)
def test_a_bad_status_or_date_is_refused_and_nothing_is_recorded(
    field: str, value: str, code: str
) -> None:
    meeting = _meeting()
    with pytest.raises(DomainError) as raised:
        meeting.record_item("f1", learned="kept out", **{field: value})
    assert raised.value.code == code
    assert code in ERRORS and all(raised.value.text(lang) for lang in ("da", "en"))
    assert not meeting.item("f1").recorded


def test_an_unknown_item_is_refused_as_can_says() -> None:
    meeting = _meeting()
    assert meeting.can(MeetingAction.RECORD_ITEM, "f9").code == "followup.no_such_item"
    with pytest.raises(DomainError, match="no item 'f9'"):
        meeting.record_item("f9", status="done")
    assert meeting.can(MeetingAction.RECORD_ITEM, "f6")


def test_a_whole_follow_up_meeting_runs_on_a_fake_clock() -> None:
    meeting = _meeting()
    clock = meeting.clock
    assert isinstance(clock, FakeClock)
    meeting.start()
    clock.advance(180)
    meeting.next()
    for item in list(meeting.items):
        clock.advance(item.minutes * 60 + 30)  # each runs half a minute over
        meeting.record_item(item.id, status="done")
        meeting.next()
    assert meeting.agenda.current.key == "laering"
    assert meeting.agenda.segment_elapsed(1) == 15 * 60 + 6 * 30
    meeting.add_proposal("Nyt forslag", "flow")
    meeting.finish()
    assert meeting.status == "finished"
    assert [i.status for i in meeting.items] == ["done"] * 6


def _case_file(tmp_path: Path, fmt: int, kinds: tuple[str, ...]) -> Path:
    segments = "".join(
        f'\n[[segment]]\nid = "s{n}"\ntitle = "S{n}"\nminutes = 5\nkind = "{kind}"\n'
        for n, kind in enumerate(kinds)
    )
    path = tmp_path / "c.toml"
    path.write_text(
        f'format = {fmt}\nid = "c"\ntitle = "C"\nlanguage = "da"\n{segments}', encoding="utf-8"
    )
    return path


def test_a_status_segment_needs_no_questions(tmp_path: Path) -> None:
    result = check_case(_case_file(tmp_path, 2, ("plain", "status")))
    assert result.problems == [] and result.case is not None
    assert result.case.status_segment is not None and result.case.status_segment.id == "s1"


def test_kind_status_is_a_format_2_value(tmp_path: Path) -> None:
    path = _case_file(tmp_path, 1, ("status",))
    assert check_case(path).problems == [
        f"{path}:10: segment[1].kind: kind 'status' is a format 2 value; "
        "write format = 2 at the top of the file"
    ]


def test_one_status_segment_takes_up_the_items(tmp_path: Path) -> None:
    path = _case_file(tmp_path, 2, ("status", "plain", "status"))
    (problem,) = check_case(path).problems
    assert "segment[3].kind: a second segment of kind 'status'" in problem
