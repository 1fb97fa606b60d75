"""The summary adds up: planned, actual and wall-clock time reconcile (pauses, a break taken
early and the time the app was down listed with their minutes), the equity figure is in it,
questions go by their own titles, the case file by its file name, and a planned start is
recorded beside the actual start and end (fake clock from 08:30 UTC)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.store.export import to_markdown
from caseroom.store.export.view import build_view, first_words
from tests.conftest import make_case

PEOPLE = [Participant("Anna", "læge"), Participant("Bo", "sygeplejerske")]


def small() -> Case:
    return make_case()


def eventful(clock: FakeClock, case: Case | None = None) -> Meeting:
    """intro 10 (a 3-minute pause in it), case q1: 4 minutes, then the break early (5), q1 on
    to its end, the app down 2 min 30 s in q2, then to the end."""
    meeting = Meeting(case or small(), clock, participants=list(PEOPLE))
    meeting.start()
    meeting.speak("Anna")
    clock.advance(4 * 60)
    meeting.toggle_pause()
    clock.advance(3 * 60)
    meeting.toggle_pause()
    meeting.speak("Bo")
    clock.advance(6 * 60 + 20)
    meeting.next()  # q1
    clock.advance(4 * 60)
    meeting.take_break()
    clock.advance(5 * 60 + 10)
    meeting.next()  # back to q1
    clock.advance(6 * 60)
    meeting.next()  # q2
    clock.advance(5 * 60)
    saved = clock.now()
    clock.advance(150)  # the app was down
    meeting.resume_after_gap(saved)
    clock.advance(5 * 60)
    meeting.next()  # end (the break was taken)
    clock.advance(10 * 60)
    meeting.next()  # finishes
    return meeting


def test_start_to_end_is_the_agenda_plus_pauses_plus_the_time_the_app_was_down(
    clock: FakeClock,
) -> None:
    meeting = eventful(clock)
    view = build_view(meeting, "da")
    time = view.time
    assert time is not None
    wall = (view.header.end - view.header.start).total_seconds()  # type: ignore[operator]
    parts = time.agenda_seconds + time.pause_seconds + time.down_seconds
    assert abs(wall - parts) < 1
    assert abs(time.rest) < 1
    assert time.pause_seconds == 180
    assert time.down_seconds == 150
    assert [(p.seconds, p.place) for p in time.pauses] == [(180, "Intro")]
    assert [(b.seconds, b.place) for b in time.early_breaks] == [
        (310, "Case – spørgsmål 1: What about q1?")
    ]
    text = to_markdown(meeting, "da")
    assert "## Tidsregnskab" in text
    assert "| Pauser (tiden stod stille) | 3:00 |" in text
    assert "| Programmet var nede | 2:30 |" in text
    assert "- 08:34–08:37 (3 min) under Intro" in text
    assert "- 08:47–08:52 (5 min 10 s) midt i Case – spørgsmål 1: What about q1?, som" in text
    assert "Uforklaret" not in text


def test_a_break_where_the_agenda_has_it_is_not_taken_early(clock: FakeClock) -> None:
    meeting = Meeting(small(), clock, participants=list(PEOPLE))
    meeting.start()
    for _ in range(3):
        clock.advance(600)
        meeting.next()
    assert meeting.agenda.current.segment.kind == "break"
    view = build_view(meeting, "en")
    assert view.time is not None and view.time.early_breaks == ()
    assert "Breaks taken early" not in to_markdown(meeting, "en")


def test_the_equity_figure_is_in_the_summary_for_the_meeting_and_each_item(
    clock: FakeClock,
) -> None:
    meeting = eventful(clock)
    view = build_view(meeting, "en")
    assert view.talk is not None and view.talk.equity is not None
    rows = {row.title: row for row in view.agenda.rows}
    assert rows["Intro"].equity is not None  # Anna 4 min, Bo 6:20
    assert rows["Question 2: What about q2?"].equity is None  # nobody spoke there
    assert rows["Pause"].equity is None
    text = to_markdown(meeting, "en")
    assert "| Item | Planned | Extended | Actual | Equity |" in text
    assert f"over the whole meeting: {round(view.talk.equity * 100)}%" in text


def test_questions_go_by_their_own_title_else_their_number_and_first_words(
    clock: FakeClock,
) -> None:
    case = make_case(
        format=2,
        question=[
            {"id": "q1", "text": "What about q1?", "minutes": 10, "title": "Booking"},
            {"id": "q2", "text": "Why " + "very " * 20 + "long?", "minutes": 10},
        ],
    )
    meeting = Meeting(case, clock, participants=list(PEOPLE))
    meeting.start()
    meeting.next()
    meeting.add_learning_point("Book early")
    meeting.next()
    meeting.add_learning_point("Ask why")
    titles = [row.title for row in build_view(meeting, "da").agenda.rows if row.is_question]
    assert titles[0] == "Booking"
    assert titles[1].startswith("Spørgsmål 2: Why very very") and titles[1].endswith("…")
    text = to_markdown(meeting, "da")
    assert "### Case – Booking" in text
    assert "### Case – spørgsmål 2: Why very" in text


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Short one.", 48, "Short one."),
        ("one two three four", 10, "one two…"),
        ("  spaced\n  out  ", 48, "spaced out"),
        ("Supercalifragilistic", 8, "Superca…"),
    ],
)
def test_first_words(text: str, width: int, expected: str) -> None:
    assert first_words(text, width) == expected


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("bundled:t2d-aarsstatus", "t2d-aarsstatus.toml"),
        ("/home/anna/cases/min-case.toml", "min-case.toml"),
        ("", "t2d-aarsstatus"),  # a session that does not record its file
    ],
)
def test_the_case_file_is_named_by_its_file(clock: FakeClock, source: str, shown: str) -> None:
    case = open_case("t2d-aarsstatus")[0]
    meeting = Meeting(case, clock, participants=list(PEOPLE), case_source=source)
    meeting.start()
    assert build_view(meeting, "da").header.case_file == shown
    assert f"- **Case-fil:** `{shown}`" in to_markdown(meeting, "da")
    assert "/home/anna" not in to_markdown(meeting, "da")


def test_the_summary_records_the_planned_and_the_actual_start_and_end(clock: FakeClock) -> None:
    meeting = Meeting(small(), clock, participants=list(PEOPLE))
    meeting.plan_start_at("08:23")
    meeting.start()
    clock.advance(50 * 60)
    meeting.finish()
    header = build_view(meeting, "da").header
    assert header.planned and header.planned_start.strftime("%H:%M") == "08:23"
    assert header.planned_end - header.planned_start == timedelta(minutes=45)
    text = to_markdown(meeting, "da")
    assert "- **Tid:** 08:30–09:20 (planlagt 08:23–09:08)" in text
    assert "- **Planlagt start:** 08:23; startet 7 min forsinket" in text
    english = to_markdown(meeting, "en")
    assert "- **Planned start:** 08:23; started 7 min late" in english


def test_without_a_planned_start_the_plan_is_the_actual_start(clock: FakeClock) -> None:
    meeting = Meeting(small(), clock, participants=list(PEOPLE))
    meeting.start()
    clock.advance(45 * 60)
    meeting.finish()
    text = to_markdown(meeting, "da")
    assert "- **Tid:** 08:30–09:15 (planlagt 08:30–09:15)" in text
    assert "Planlagt start" not in text


def test_a_start_hours_off_the_plan_says_hours_as_the_screen_does(clock: FakeClock) -> None:
    """08:30 against a plan of 12:49 is 4 h 19 min early, not '259 min'."""
    meeting = Meeting(small(), clock, participants=list(PEOPLE))
    meeting.plan_start_at("12:49")
    meeting.start()
    assert "- **Planlagt start:** 12:49; startet 4 t 19 min før tid" in to_markdown(meeting, "da")
    assert "- **Planned start:** 12:49; started 4 h 19 min early" in to_markdown(meeting, "en")
