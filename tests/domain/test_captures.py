"""What the note-taker captures: cleaned text, stamped with where and when in the meeting."""

from __future__ import annotations

from datetime import date

import pytest

from caseroom.domain.captures import MAX_CAPTURE_LENGTH, clean_text, deadline_date
from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import DomainError
from caseroom.domain.meeting import Meeting


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Book 30 minutes  ", "Book 30 minutes"),
        ("a\x00b\x07c\x1b[31md", "abc[31md"),  # NUL, BEL, ESC are dropped
        ("one\r\ntwo", "one\ntwo"),  # newlines stay, carriage returns go
        ("col\tumn", "col\tumn"),
        ("del\x7fete", "delete"),
        ("c1\x9b2Jcsi\x85", "c12Jcsi"),  # C1 controls too (U+009B is CSI to a terminal)
        ("Blodprøver før årsstatus – 🙂", "Blodprøver før årsstatus – 🙂"),
        ("\n\n  text\n\n", "text"),
    ],
)
def test_clean_text_strips_control_characters(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize("raw", ["", "   ", "\n\t\n", "\x00\x1b\x07", "\x1b \x9b"])
def test_clean_text_refuses_empty_text(raw: str) -> None:
    with pytest.raises(DomainError, match="the text is empty"):
        clean_text(raw)


def test_clean_text_refuses_overlong_text() -> None:
    assert len(clean_text("x" * MAX_CAPTURE_LENGTH)) == MAX_CAPTURE_LENGTH
    with pytest.raises(DomainError, match="longer than"):
        clean_text("x" * (MAX_CAPTURE_LENGTH + 1))


@pytest.fixture
def meeting(small_case: Case, clock: FakeClock) -> Meeting:
    meeting = Meeting(small_case, clock)
    meeting.start()
    return meeting


def test_captures_are_stamped_with_segment_question_and_time(
    meeting: Meeting, clock: FakeClock
) -> None:
    clock.advance(60)
    first = meeting.add_learning_point("  Intro point\x00 ")
    meeting.next()
    clock.advance(30)
    second = meeting.add_proposal(
        "Reserve 30 minutes", area=" flow ", responsible=" Bo ", proposed_by=" Anna "
    )
    assert (first.text, first.segment, first.question, first.at) == (
        "Intro point",
        "intro",
        None,
        meeting.agenda.wall(1060.0),
    )
    assert (second.text, second.segment, second.question) == ("Reserve 30 minutes", "case", "q1")
    assert (second.area, second.responsible, second.proposed_by) == ("flow", "Bo", "Anna")
    assert second.at == clock.now()
    assert meeting.learning_points == [first]
    assert meeting.proposals == [second]


def test_an_empty_capture_is_not_recorded(meeting: Meeting) -> None:
    with pytest.raises(DomainError):
        meeting.add_learning_point(" \x1b ")
    with pytest.raises(DomainError):
        meeting.add_proposal("\n")
    assert meeting.learning_points == [] and meeting.proposals == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        (" 2026-12-01 ", date(2026, 12, 1)),
        ("", None),
        ("1. december", None),
        ("2026-12-1", None),
        ("20261201", None),  # ISO, but not the shape the dialog asks for
        ("13-12-2026", date(2026, 12, 13)),  # day first, as people write it
        ("13.12.2026", date(2026, 12, 13)),
        (" 1.2.2027 ", date(2027, 2, 1)),
        ("01-02-2027", date(2027, 2, 1)),
        ("13.12-2026", None),  # one separator throughout
        ("13/12/2026", None),
        ("13.12.26", None),  # a year has four digits
        ("13. 12. 2026", None),
    ],
)
def test_a_deadline_is_a_date_when_written_as_a_day(text: str, expected: date | None) -> None:
    assert deadline_date(text) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "30.02.2026", "31-04-2027", "13.13.2026"])
def test_a_deadline_of_the_right_shape_on_no_such_day_is_an_error(text: str) -> None:
    with pytest.raises(ValueError):
        deadline_date(text)


def test_ids_as_loaded_keep_the_first_holder_and_number_the_rest_after_the_file() -> None:
    """One rule for a meeting's load, a follow-up taking up proposals and a report."""
    from caseroom.domain.captures import ids_as_loaded

    notes = [
        ("learning_point", "lp-2"),
        ("learning_point", None),
        ("proposal", "p-1"),
        ("proposal", "p-1"),  # an id an earlier note holds: a new one
        ("proposal", ""),
    ]
    ids, numbers = ids_as_loaded(notes, {"p": 4})
    assert ids == ["lp-2", "lp-3", "p-1", "p-5", "p-6"]
    assert numbers.new("proposal") == "p-7"
