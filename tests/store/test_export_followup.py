"""Exports of a follow-up meeting (`caseroom run opfoelgning --from SESSION`), as golden files.

The follow-up is played by the domain on a fake clock from the fixture earlier session with six
proposals (`followup_export_fixture.play_followup`), saved, and read back as an export reads it:
its summary (what it continues, a table per item, then and now), its next steps as the plan,
and its calendar (the next follow-ups 6 and 12 months after the chain's first meeting, on
working days, and the next steps' due dates), compared with tests/data/exports/opfoelgning/.
Regenerate with CASEROOM_REGEN=1.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from caseroom.cli import main
from caseroom.domain.meeting import Meeting
from caseroom.store.export import ExportError, load_for_export, render, to_ics, to_plan
from caseroom.store.export.view import add_months, next_meetings
from caseroom.store.session_file import save

from .export_fixture import GOLDEN
from .followup_export_fixture import play_followup

REGEN = os.environ.get("CASEROOM_REGEN") == "1"
EARLIER = Path(__file__).resolve().parents[1] / "data" / "sessions" / "earlier-6-proposals.toml"
FOLDER = GOLDEN / "opfoelgning"
EXPORTS = (
    ("summary.md", "markdown", None),
    ("plan.md", "plan", None),
    ("calendar.ics", "ics", None),
    ("summary-en.md", "markdown", "en"),
)


@pytest.fixture(autouse=True)
def _bundled_templates_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEROOM_CONFIG", str(tmp_path / "config"))


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("followup") / "2027-01-14_1200-opfoelgning.toml"
    save(play_followup(EARLIER), path)
    return path


@pytest.fixture
def meeting(saved: Path) -> Meeting:
    return load_for_export(saved)


@pytest.mark.parametrize(("name", "fmt", "lang"), EXPORTS)
def test_golden_exports_of_a_follow_up(
    meeting: Meeting, name: str, fmt: str, lang: str | None
) -> None:
    data = render(meeting, fmt, lang=lang)
    golden = FOLDER / name
    if REGEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
    assert data == golden.read_bytes()


def test_the_summary_says_what_it_continues_and_each_item_then_and_now(meeting: Meeting) -> None:
    text = render(meeting, "markdown").decode()
    assert (
        "- **Fortsætter:** Case-møde: Årsstatus for type 2-diabetes ved praksispersonalet, "
        "mandag 2. november 2026 (`earlier-6-proposals.toml`)"
    ) in text
    assert "6 punkter: 1 gennemført, 2 i gang, 1 ændret, 1 droppet, 1 ikke vurderet." in text
    assert "| Status | aftalt | i gang |" in text  # f2: agreed then
    assert "| Status | foreslået | droppet |" in text  # f4: only proposed then
    assert "| Frist |   | mandag 1. marts 2027 |" in text
    english = render(meeting, "markdown", lang="en").decode()
    assert "## Status of the proposals" in english
    assert "| Status | agreed | in progress |" in english
    assert "6 items: 1 done, 2 in progress, 1 changed, 1 dropped, 1 not reviewed." in english


def test_a_follow_up_of_a_follow_up_shows_the_status_recorded_then(
    saved: Path, tmp_path: Path
) -> None:
    later = play_followup(
        saved, start=datetime(2027, 2, 11, 12, 0, tzinfo=timezone(timedelta(hours=1)))
    )
    path = tmp_path / "second.toml"
    save(later, path)
    text = render(load_for_export(path), "markdown").decode()
    first = "Case-møde: Årsstatus for type 2-diabetes ved praksispersonalet"
    assert f"- **Kædens første møde:** {first}, mandag 2. november 2026" in text
    assert "| Status | gennemført | gennemført |" in text  # f1: done then, done now
    assert "| Status | foreslået | ikke vurderet |" in text  # f6: never reviewed
    # the next follow-ups count from the chain's first meeting, named by its title
    calendar = Calendar.from_ical(render(load_for_export(path), "ics"))
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")][:2]
    assert summaries == [
        f"Opfølgning efter 6 måneder – {first}",
        f"Opfølgning efter 12 måneder – {first}",
    ]


def test_the_calendar_has_the_next_follow_ups_on_working_days_and_the_due_dates(
    meeting: Meeting,
) -> None:
    calendar = Calendar.from_ical(render(meeting, "ics"))
    events = [(str(e["summary"]), e.decoded("dtstart")) for e in calendar.walk("VEVENT")]
    title = "Case-møde: Årsstatus for type 2-diabetes ved praksispersonalet"
    zone = meeting.time_zone
    assert [(s, d if isinstance(d, datetime) else d) for s, d in events] == [
        (f"Opfølgning efter 6 måneder – {title}", events[0][1]),
        (f"Opfølgning efter 12 måneder – {title}", events[1][1]),
        ("Frist: Ny skabelon til booking", date(2027, 2, 15)),
        ("Frist: Fast tid i kalenderen", date(2027, 3, 1)),
    ]
    six, twelve = events[0][1], events[1][1]
    assert isinstance(six, datetime) and isinstance(twelve, datetime)
    # 2 May 2027 is a Sunday: Monday 3 May, at the meeting's hour in its zone (summer time)
    assert (six.date(), six.hour, str(six.tzinfo)) == (date(2027, 5, 3), 12, zone)
    assert (twelve.date(), twelve.hour) == (date(2027, 11, 2), 12)
    moved = next(e for e in calendar.walk("VEVENT") if "6 måneder" in str(e["summary"]))
    assert "Flyttet fra søndag 2.5.: weekend." in str(moved["description"])


def test_only_follow_ups_after_this_meeting_and_months_to_choose(meeting: Meeting) -> None:
    found = next_meetings(meeting, (1, 6, 12, 24), "da")
    assert [(m.months, m.day) for m in found] == [
        (6, date(2027, 5, 3)),
        (12, date(2027, 11, 2)),
        (24, date(2028, 11, 2)),
    ]
    calendar = Calendar.from_ical(to_ics(meeting, next_months=(1, 24)))
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert summaries[0].startswith("Opfølgning efter 24 måneder")
    assert len(summaries) == 3  # and the two due dates
    assert "24 måneder efter det første møde: torsdag 2. november 2028" in to_plan(
        meeting, next_months=(24,)
    )


def test_add_months_keeps_the_day_or_takes_the_months_last() -> None:
    assert add_months(date(2026, 11, 2), 6) == date(2027, 5, 2)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 14) == date(2028, 1, 30)


def test_nothing_for_a_calendar_is_one_line(meeting: Meeting) -> None:
    for item in meeting.items:
        meeting.record_item(item.id, next_due="")
    with pytest.raises(ExportError, match=r"^nothing to put in a calendar: .* 1 months after"):
        to_ics(meeting, next_months=(1,))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--followup-weeks", "8"], "--followup-weeks: this meeting continues an earlier one"),
        (["--plan-date", "2027-02-01"], "--plan-date: this meeting continues an earlier one"),
        (["--next-months", "0"], "months 1–60 separated by commas"),
        (["--next-months", "6,x"], "months 1–60 separated by commas"),
    ],
)
def test_options_that_do_not_apply_to_a_follow_up_are_one_line(
    saved: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    try:
        code = main(["export", str(saved), "--format", "ics", *args])
    except SystemExit as usage:  # argparse refuses a bad value itself
        code = int(str(usage.code))
    assert code == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and message in err


def test_next_months_is_only_for_a_follow_up(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(EARLIER), "--format", "ics", "--next-months", "6"]) == 2
    err = capsys.readouterr().err
    assert "--next-months is for a meeting that continues an earlier one" in err


def test_the_cli_exports_a_follow_up_calendar_with_chosen_months(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(saved), "--format", "ics", "--next-months", "12"]) == 0
    calendar = Calendar.from_ical(capsys.readouterr().out)
    assert [str(e["summary"])[:28] for e in calendar.walk("VEVENT")] == [
        "Opfølgning efter 12 måneder ",
        "Frist: Ny skabelon til booki",
        "Frist: Fast tid i kalenderen",
    ]


def test_a_next_step_of_only_who_or_when_is_in_the_plan_and_the_calendar(
    saved: Path, tmp_path: Path
) -> None:
    """The room set who and by when but no step's words: the plan and the calendar keep it
    (it was dropped from both, though the summary showed it)."""
    meeting = load_for_export(saved)
    item = meeting.items[5]
    meeting.record_item(item.id, next_step="", next_responsible="Bo", next_due="2027-03-15")
    plan = to_plan(meeting)
    assert f"| 6. {item.text} | ikke aftalt | Bo | mandag 15. marts 2027 |" in plan
    calendar = Calendar.from_ical(to_ics(meeting))
    due = [e for e in calendar.walk("VEVENT") if e.decoded("dtstart") == date(2027, 3, 15)]
    assert [str(e["summary"]) for e in due] == [f"Frist: {item.text}"]


def test_a_due_date_years_ahead_is_refused_as_a_typing_slip(meeting: Meeting) -> None:
    from caseroom.domain.errors import DomainError

    with pytest.raises(DomainError) as caught:
        meeting.record_item(meeting.items[0].id, next_due="31.12.9999")
    assert caught.value.text("da") == "datoen 9999-12-31 ligger mere end 10 år ude i fremtiden"
    meeting.record_item(meeting.items[0].id, next_due="31.12.2036")  # ten years: fine
