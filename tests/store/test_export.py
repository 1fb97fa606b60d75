"""Exports from a fixed session file: golden Markdown and plan, the calendar parsed back."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypedDict

import pytest
from icalendar import Calendar

from caseroom.catalogue import t
from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.store.cases import open_case
from caseroom.store.export import (
    ExportError,
    follow_ups,
    load_for_export,
    render,
    to_ics,
    to_markdown,
    to_plan,
)
from caseroom.store.session_file import save

from .export_fixture import FIXTURE, GOLDEN, TZ, build_session, running_meeting

REGEN = os.environ.get("CASEROOM_REGEN") == "1"
PROPOSAL_TEXTS = (
    "Lav en bookingtjekliste til årsstatus: lang tid, blodprøver en uge før, røde ord.",
    "Fast stedfortræder for indbakken, når lægen er væk.",
    "Fast supervisor hver dag, som sygeplejersken kan spørge uden at vente.",
    "Fælles frase for fodundersøgelse i journalen.",
    "Sekretærerne får en kort oplæring i, hvad en årsstatus indeholder.",
    "Røde ord i telefonen | liste ved skranken.",
)


@pytest.fixture(autouse=True)
def _bundled_templates_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No clinic's own templates (a developer's config folder) reach the golden files."""
    monkeypatch.setenv("CASEROOM_CONFIG", str(tmp_path / "config"))


@pytest.fixture(scope="module")
def meeting() -> Meeting:
    if REGEN:
        FIXTURE.parent.mkdir(parents=True, exist_ok=True)
        FIXTURE.unlink(missing_ok=True)
        build_session(FIXTURE)
    return load_for_export(FIXTURE)


class Event(TypedDict):
    """A VEVENT of an export, as the tests read it back."""

    uid: str
    summary: str
    description: str
    start: datetime
    end: datetime
    stamp: datetime


class ChosenDates(TypedDict, total=False):
    """Dates `to_ics` is told to use."""

    plan_date: date
    presentation_date: date
    followup_date: date


def _events(data: bytes) -> list[Event]:
    calendar = Calendar.from_ical(data)
    return [
        {
            "uid": str(e["UID"]),
            "summary": str(e["SUMMARY"]),
            "description": str(e["DESCRIPTION"]),
            "start": e.decoded("DTSTART"),
            "end": e.decoded("DTEND"),
            "stamp": e.decoded("DTSTAMP"),
        }
        for e in calendar.walk("VEVENT")
    ]


# --- golden files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "lang"),
    [
        ("meeting-da.md", "markdown", "da"),
        ("meeting-en.md", "markdown", "en"),
        ("plan-da.md", "plan", "da"),
        ("plan-en.md", "plan", "en"),
    ],
)
def test_golden(meeting: Meeting, name: str, fmt: str, lang: str) -> None:
    text = to_markdown(meeting, lang) if fmt == "markdown" else to_plan(meeting, lang)
    golden = GOLDEN / name
    if REGEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_fixture_matches_its_builder(meeting: Meeting, tmp_path: Path) -> None:
    """The committed session file is what the builder makes (regenerate if this fails)."""
    build_session(tmp_path / "s.toml")
    fresh = load_for_export(tmp_path / "s.toml")
    assert to_markdown(fresh) == to_markdown(meeting)
    assert to_plan(fresh) == to_plan(meeting)
    assert to_ics(fresh) == to_ics(meeting)


def test_one_proposal_and_one_speaker_are_singular() -> None:
    meeting, clock = running_meeting()
    meeting.add_proposal("Fast tid til fodundersøgelse")
    meeting.speak("Anna Lund")
    clock.advance(60)
    english = to_markdown(meeting, lang="en")
    assert "1 proposal, 0 agreed." in english and "1 proposals" not in english
    assert "1 forslag, 0 aftalt." in to_markdown(meeting, lang="da")
    alone = t("md.talk_total", "en", total="01:00", share="01:00", n=1)
    assert alone == "Total tracked speaking time 01:00 (1 person)."


def test_labels_follow_the_case_language_by_default(meeting: Meeting) -> None:
    assert to_markdown(meeting) == to_markdown(meeting, "da")
    assert to_plan(meeting) == to_plan(meeting, "da")
    english = to_markdown(meeting, "en")
    assert "## Agenda" in english and "Dagsorden" not in english
    assert "Lav en bookingtjekliste" in english  # what people wrote is never translated


def test_markdown_contents(meeting: Meeting) -> None:
    text = to_markdown(meeting)
    assert "Foreløbigt" not in text
    assert "| Anna Lund | læge | mødeleder |" in text
    assert "| Bo Kjær | sygeplejerske | tidsholder |" in text
    assert "| Carla Nør | sekretær | referent |" in text
    question_3 = "Spørgsmål 3: Mette har 20 minutter og når først fødderne, da…"
    assert f"| ↳ {question_3} | 15 min | +2 min | 17 min | 30 % |" in text
    assert "### Case – spørgsmål 2: Sanne hørte om vablen og skrev den i…" in text
    assert "2c" not in text and "q2" not in text  # titles and numbers, not raw ids
    assert "Røde ord i telefonen | liste ved skranken." in text
    assert "Programmet var nede 09:32–09:35 (3 min 20 s)" in text
    assert "Ingen evaluering fra: Fie Dam." in text


def test_plan_has_a_section_per_agreed_proposal(meeting: Meeting) -> None:
    text = to_plan(meeting)
    assert text.count("\n## Ændring ") == 3
    assert "Fast supervisor" not in text.split("## Baggrund")[0]
    assert "- **Udkastet skrives af:** Anna Lund" in text
    assert "- **Frist:** tirsdag 1. december 2026" in text
    assert "| 1 | _[udfyld]_ | Carla Nør | _[udfyld]_ |" in text


def test_plan_without_agreed_proposals_has_one_section_each_and_says_so() -> None:
    meeting = load_for_export(FIXTURE)
    for proposal in meeting.proposals:
        proposal.agreed = False
    text = to_plan(meeting)
    english = to_plan(meeting, "en")
    assert text.count("\n## Ændring ") == len(PROPOSAL_TEXTS)
    assert "Mødet markerede ingen forslag som aftalt" in text
    assert "The meeting marked no proposal as agreed" in english


def test_plan_without_proposals_or_drafter_leaves_blanks() -> None:
    bare, _ = running_meeting()
    text = to_plan(bare)
    assert "Mødet registrerede ingen forbedringsforslag." in text
    assert "## Ændring 1" in text
    assert "- **Udkastet skrives af:** _[udfyld]_" in text
    assert text.startswith("# Handleplan (udkast)")
    assert "Foreløbigt: mødet er ikke afsluttet" in text


def test_deadline_from_opsamling() -> None:
    bare, _ = running_meeting()
    bare.opsamling.deadline = "2026-12-03"
    assert "- **Frist:** torsdag 3. december 2026" in to_plan(bare)
    assert follow_ups(bare).plan == date(2026, 12, 3)
    bare.opsamling.deadline = "inden jul"
    assert "- **Frist:** inden jul" in to_plan(bare)
    assert "- Frist: inden jul" in to_markdown(bare)
    assert follow_ups(bare).plan == date(2026, 12, 1)


def test_running_session_says_preliminary(tmp_path: Path) -> None:
    live, clock = running_meeting()
    live.speak("Anna Lund")
    clock.advance(95)
    live.add_learning_point("Et foreløbigt punkt.")
    path = tmp_path / "live.toml"
    save(live, path)
    before = path.read_bytes()
    loaded = load_for_export(path)
    assert path.read_bytes() == before
    assert loaded.interruptions == []
    text = to_markdown(loaded)
    assert text.startswith(
        "# Referat: Case-møde: Årsstatus for type 2-diabetes ved praksispersonalet\n\n"
        "> **Foreløbigt: mødet er ikke afsluttet.** Status pr. tirsdag 24. november 2026 08:31."
    )
    assert "fra 08:30, i gang" in text
    assert "| Anna Lund | læge | 1:35 | 100 % | 1 |" in text  # the open turn, up to the save
    assert "Preliminary: the meeting has not finished" in to_markdown(loaded, "en")
    events = _events(to_ics(loaded))
    assert all(str(e["description"]).startswith("Foreløbigt") for e in events)


def test_not_started_session() -> None:
    from caseroom.domain.clock import FakeClock
    from caseroom.store.cases import open_case

    case, source, _ = open_case("t2d-aarsstatus")
    fresh = Meeting(case, FakeClock(), case_source=source)
    text = to_markdown(fresh)
    assert "Mødet er ikke startet." in text
    assert "ikke holdt" in text
    assert "## Taletid" not in text
    assert len(_events(to_ics(fresh))) == 3


# --- calendar -----------------------------------------------------------------------------


def test_ics_fields(meeting: Meeting) -> None:
    events = _events(to_ics(meeting))
    # the fixture records no zone name (an older session): its offset, +01:00, in UTC
    assert all(e["start"].utcoffset() == timedelta(0) for e in events)
    assert [e["start"] for e in events] == [
        datetime(2026, 12, 1, 8, 30, tzinfo=TZ),
        datetime(2026, 12, 8, 8, 30, tzinfo=TZ),
        datetime(2027, 1, 19, 8, 30, tzinfo=TZ),
    ]
    assert [e["end"] - e["start"] for e in events] == [
        timedelta(minutes=45),
        timedelta(minutes=30),
        timedelta(minutes=30),
    ]
    assert [str(e["summary"]).split(" – ")[0] for e in events] == [
        "Handleplan: ledelsesmøde",
        "Handleplanen præsenteres for alle",
        "Opfølgning på case-mødet",
    ]
    title = "Case-møde: Årsstatus for type 2-diabetes ved praksispersonalet"
    assert all(str(e["summary"]).endswith(title) for e in events)
    assert all(e["stamp"] == datetime(2026, 11, 24, 7, 30, tzinfo=UTC) for e in events)
    for event in events:
        description = str(event["description"])
        for text in PROPOSAL_TEXTS:
            assert text in description
        assert "- [årsstatus] Lav en bookingtjekliste" in description
        assert "(ansvarlig: Carla Nør; aftalt)" in description
        assert "(ansvarlig: ikke fordelt)" in description
    assert len({e["uid"] for e in events}) == 3


def test_ics_is_stable_across_exports(meeting: Meeting) -> None:
    first, second = to_ics(meeting), to_ics(load_for_export(FIXTURE))
    assert first == second
    uids = [e["uid"] for e in _events(first)]
    assert uids == [e["uid"] for e in _events(to_ics(meeting, followup_weeks=10))]
    assert all(str(u).endswith("@caseroom") for u in uids)


def test_ics_validates_as_a_calendar(meeting: Meeting) -> None:
    calendar = Calendar.from_ical(to_ics(meeting))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//caseroom//")
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert required in event
    data = to_ics(meeting)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75


def test_ics_options(meeting: Meeting) -> None:
    events = _events(
        to_ics(
            meeting,
            followup_weeks=6,
            plan_date=date(2026, 11, 30),
            presentation_date=date(2026, 12, 10),
            plan_minutes=60,
            followup_minutes=45,
        )
    )
    assert [e["start"] for e in events] == [
        datetime(2026, 11, 30, 8, 30, tzinfo=TZ),
        datetime(2026, 12, 10, 8, 30, tzinfo=TZ),
        datetime(2027, 1, 5, 8, 30, tzinfo=TZ),
    ]
    assert events[0]["end"] == datetime(2026, 11, 30, 9, 30, tzinfo=TZ)
    assert events[2]["end"] == datetime(2027, 1, 5, 9, 15, tzinfo=TZ)
    chosen = _events(to_ics(meeting, followup_date=date(2027, 2, 2)))
    assert chosen[2]["start"] == datetime(2027, 2, 2, 8, 30, tzinfo=TZ)
    english = _events(to_ics(meeting, lang="en"))
    assert str(english[0]["summary"]).startswith("Action plan: management meeting")


@pytest.mark.parametrize("weeks", [5, 13, 0, -1])
def test_followup_weeks_out_of_range(meeting: Meeting, weeks: int) -> None:
    with pytest.raises(ExportError, match="6–12 weeks"):
        to_ics(meeting, followup_weeks=weeks)


def test_dates_before_the_meeting_are_refused(meeting: Meeting) -> None:
    with pytest.raises(ExportError, match="before the case meeting"):
        to_ics(meeting, followup_date=date(2026, 11, 1))
    with pytest.raises(ExportError, match="before the case meeting"):
        to_plan(meeting, plan_date=date(2026, 11, 23))
    with pytest.raises(ExportError, match="minutes"):
        to_ics(meeting, plan_minutes=0)


def test_a_late_deadline_moves_the_presentation_after_the_plan_meeting() -> None:
    meeting = load_for_export(FIXTURE)  # its own copy: the module's is shared
    day = follow_ups(meeting).meeting
    meeting.set_action_plan("Anna", (day + timedelta(days=14)).isoformat())  # the default day
    dates = follow_ups(meeting)
    assert dates.plan == day + timedelta(days=14)
    assert dates.presentation == day + timedelta(days=21)  # a week after, not the same hour
    starts = [e["start"] for e in _events(to_ics(meeting))]
    assert starts == sorted(starts) and len(set(starts)) == 3


@pytest.mark.parametrize("deadline_weeks", [7, 52])
def test_a_far_deadline_moves_the_presentation_and_the_follow_up_after_it(
    deadline_weeks: int,
) -> None:
    meeting = load_for_export(FIXTURE)
    day = follow_ups(meeting).meeting
    deadline = day + timedelta(weeks=deadline_weeks)
    meeting.set_action_plan("Anna", deadline.isoformat())
    dates = follow_ups(meeting)
    assert dates.plan == deadline
    assert dates.presentation == deadline + timedelta(days=7)
    assert dates.followup == dates.presentation + timedelta(weeks=6)
    assert dates.followup_weeks is None  # not "8 weeks after the meeting" any more
    assert "- Opfølgningsmøde: tirsdag" in to_plan(meeting)  # the draft is written, not refused
    starts = [e["start"] for e in _events(to_ics(meeting))]
    assert starts == sorted(starts) and len(set(starts)) == 3


def test_the_default_follow_up_is_eight_weeks_after_the_meeting(meeting: Meeting) -> None:
    dates = follow_ups(meeting)
    assert dates.followup == dates.meeting + timedelta(weeks=8) and dates.followup_weeks == 8


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        (
            {"plan_date": date(2026, 12, 18), "presentation_date": date(2026, 12, 10)},
            "the presentation (2026-12-10) would not come after the action-plan meeting "
            "(2026-12-18): choose dates in that order with --plan-date and --presentation-date",
        ),
        (  # a Sunday's meeting is held on the Monday, which is no longer before it
            {"plan_date": date(2026, 12, 13), "presentation_date": date(2026, 12, 14)},
            "the presentation (2026-12-14) would not come after the action-plan meeting "
            "(2026-12-14, moved from 2026-12-13: not a working day)",
        ),
        (
            {"plan_date": date(2026, 12, 10), "presentation_date": date(2026, 12, 10)},
            "the presentation (2026-12-10) would not come after",
        ),
        (
            {"presentation_date": date(2027, 3, 1), "followup_date": date(2027, 2, 1)},
            "the follow-up meeting (2027-02-01) would not come after the presentation",
        ),
    ],
)
def test_chosen_dates_out_of_order_are_refused(
    meeting: Meeting, chosen: ChosenDates, message: str
) -> None:
    with pytest.raises(ExportError, match=re.escape(message)):
        to_ics(meeting, **chosen)


def test_a_session_deadline_before_the_meeting_says_how_to_choose_another() -> None:
    meeting = load_for_export(FIXTURE)  # its own copy: the module's is shared
    meeting.set_action_plan("Anna", "2021-02-01")  # from a session before the dialog checked
    with pytest.raises(ExportError, match="Opsamling deadline in the session.*--plan-date"):
        to_ics(meeting)
    assert b"BEGIN:VEVENT" in to_ics(meeting, plan_date=date(2026, 12, 1))


def test_plan_follow_up_dates_follow_the_options(meeting: Meeting) -> None:
    text = to_plan(meeting, followup_weeks=12, presentation_date=date(2026, 12, 9))
    assert "- Handleplanen præsenteres for hele personalet: onsdag 9. december 2026" in text
    assert "- Opfølgningsmøde: tirsdag 16. februar 2027 (12 uger efter case-mødet)" in text


def test_render_dispatches_and_refuses_unknown(meeting: Meeting) -> None:
    assert render(meeting, "markdown") == to_markdown(meeting).encode("utf-8")
    assert render(meeting, "plan") == to_plan(meeting).encode("utf-8")
    assert render(meeting, "ics") == to_ics(meeting)
    with pytest.raises(ExportError):
        render(meeting, "pdf")


def test_export_does_not_write_the_session_file() -> None:
    digest = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    mtime = FIXTURE.stat().st_mtime_ns
    exported = load_for_export(FIXTURE)
    for fmt in ("markdown", "plan", "ics"):
        render(exported, fmt)
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == digest
    assert FIXTURE.stat().st_mtime_ns == mtime


def test_export_module_imports_no_ui() -> None:
    code = (
        "import sys, caseroom.store.export\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_name_ending_in_a_full_stop_ends_the_sentence_once() -> None:
    meeting = load_for_export(FIXTURE)
    meeting.add_participant("Bo B.", "sekretær")  # never evaluated
    assert "Ingen evaluering fra: Fie Dam, Bo B.\n" in to_markdown(meeting)


def _meeting_on(day: datetime) -> Meeting:
    case, source, _ = open_case("t2d-aarsstatus")
    return Meeting(case, FakeClock(day), case_source=source)


def test_follow_ups_never_land_on_a_weekend_or_a_holiday() -> None:
    # a week after Friday 18 December is juledag: the plan meeting moves to Monday 28th
    meeting = _meeting_on(datetime(2026, 12, 18, 9, tzinfo=TZ))
    dates = follow_ups(meeting)
    assert dates.plan == date(2026, 12, 28)
    assert dates.moved_from == {"plan": date(2026, 12, 25)}
    assert dates.presentation == date(2027, 1, 4)  # a week after the moved plan meeting
    assert all(d.weekday() < 5 for d in (dates.plan, dates.presentation, dates.followup))
    text = to_plan(meeting)
    assert (
        "- Ledelsens møde om handleplanen: mandag 28. december 2026 "
        "(flyttet fra fredag 25.12.: Juledag)\n" in text
    )
    assert "- Handleplanen præsenteres for hele personalet: mandag 4. januar 2027\n" in text
    english = to_plan(meeting, "en")
    assert "Monday 28 December 2026 (moved from Friday 25 December: Christmas Day)" in english
    events = _events(to_ics(meeting))
    assert events[0]["start"].date() == date(2026, 12, 28)
    assert "Flyttet fra fredag 25.12.: Juledag." in str(events[0]["description"])
    assert "Flyttet" not in str(events[1]["description"])


def test_a_chosen_day_off_moves_too_and_the_weeks_stay_said() -> None:
    # Kristi himmelfartsdag 2027 is Thursday 6 May; the follow-up 8 weeks on a Saturday
    meeting = _meeting_on(datetime(2027, 4, 29, 9, tzinfo=TZ))
    text = to_plan(meeting, plan_date=date(2027, 5, 6), followup_date=date(2027, 6, 26))
    assert "fredag 7. maj 2027 (flyttet fra torsdag 6.5.: Kristi himmelfartsdag)" in text
    assert "mandag 28. juni 2027 (flyttet fra lørdag 26.6.: weekend)" in text
    weekly = to_plan(_meeting_on(datetime(2026, 4, 1, 9, tzinfo=TZ)), followup_weeks=8)
    # 8 weeks after Wednesday 1 April 2026 is 27 May: a working day, nothing said
    assert "- Opfølgningsmøde: onsdag 27. maj 2026 (8 uger efter case-mødet)\n" in weekly
    moved = to_plan(_meeting_on(datetime(2026, 3, 30, 9, tzinfo=TZ)), followup_weeks=8)
    # 8 weeks after Monday 30 March 2026 is anden pinsedag (25 May)
    assert (
        "- Opfølgningsmøde: tirsdag 26. maj 2026 "
        "(8 uger efter case-mødet; flyttet fra mandag 25.5.: Anden pinsedag)\n" in moved
    )
