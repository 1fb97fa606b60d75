"""A new session records the local zone's IANA name; the calendar export gives its events that
TZID and a VTIMEZONE; an older session (an offset only) falls back to that offset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from caseroom.domain.clock import FakeClock
from caseroom.store.cases import open_case
from caseroom.store.export import load_for_export, to_ics
from caseroom.store.session_file import load, read_document, save
from caseroom.store.zone import local_zone_name, zone
from caseroom.ui.app import make_app

from .export_fixture import FIXTURE

CET = timezone(timedelta(hours=1))
WINTER = datetime(2026, 11, 24, 8, 30, tzinfo=CET)  # Copenhagen's offset in winter
NOWHERE = Path("/nonexistent/caseroom")


def link_to(tmp_path: Path, name: str) -> Path:
    """An /etc/localtime of our own: a link into a zoneinfo folder."""
    localtime = tmp_path / "localtime"
    localtime.symlink_to(f"/usr/share/zoneinfo/{name}")
    return localtime


def test_the_name_comes_from_the_localtime_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TZ", raising=False)
    localtime = link_to(tmp_path, "Europe/Copenhagen")
    assert local_zone_name(WINTER, localtime=localtime, timezone_file=NOWHERE) == (
        "Europe/Copenhagen"
    )
    # the zone must give the clock's offset: a clock in UTC is not in Copenhagen
    utc = WINTER.astimezone(UTC)
    assert local_zone_name(utc, localtime=localtime, timezone_file=NOWHERE) is None
    posix = tmp_path / "posix-localtime"
    posix.symlink_to("/usr/share/zoneinfo/posix/Europe/Copenhagen")
    assert local_zone_name(WINTER, localtime=posix, timezone_file=NOWHERE) == "Europe/Copenhagen"


def test_the_name_comes_from_tz_or_the_timezone_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", ":Europe/Copenhagen")
    assert local_zone_name(WINTER, localtime=NOWHERE, timezone_file=NOWHERE) == (
        "Europe/Copenhagen"
    )
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")  # a POSIX rule names no zone
    assert local_zone_name(WINTER, localtime=NOWHERE, timezone_file=NOWHERE) is None
    monkeypatch.delenv("TZ")
    debian = tmp_path / "timezone"
    debian.write_text("Europe/Copenhagen\n", encoding="utf-8")
    assert local_zone_name(WINTER, localtime=NOWHERE, timezone_file=debian) == "Europe/Copenhagen"
    debian.write_text("../../etc/passwd\n", encoding="utf-8")
    assert local_zone_name(WINTER, localtime=NOWHERE, timezone_file=debian) is None
    assert local_zone_name(WINTER, localtime=NOWHERE, timezone_file=NOWHERE) is None


@pytest.mark.parametrize("name", ["", "Nowhere/Atlantis", "/etc/passwd", "../x", "Europe/../x"])
def test_a_name_zoneinfo_does_not_know_is_no_zone(name: str) -> None:
    assert zone(name) is None


def test_a_new_session_records_its_zone_and_loads_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Copenhagen")
    case, source, _ = open_case("t2d-aarsstatus")
    path = tmp_path / "s.toml"
    clock = FakeClock(WINTER)
    app = make_app(case, session_path=path, clock=clock, case_source=source, people=[])
    assert app.meeting.time_zone == "Europe/Copenhagen"
    save(app.meeting, path)
    assert read_document(path)["time_zone"] == "Europe/Copenhagen"
    assert load(path, FakeClock(WINTER)).time_zone == "Europe/Copenhagen"
    # an older session without the key loads, with no zone
    assert "time_zone" not in read_document(FIXTURE)
    assert load_for_export(FIXTURE).time_zone == ""


def _events(data: bytes) -> tuple[Calendar, list[dict[str, object]]]:
    calendar = Calendar.from_ical(data)
    return calendar, [
        {"start": e.decoded("DTSTART"), "tzid": e["DTSTART"].params.get("TZID")}
        for e in calendar.walk("VEVENT")
    ]


def test_events_carry_the_sessions_zone_with_a_vtimezone() -> None:
    meeting = load_for_export(FIXTURE)  # started 2026-11-24 08:30 +01:00
    meeting.time_zone = "Europe/Copenhagen"
    # the follow-up after the spring change to summer time: still 08:30 there (06:30 UTC)
    calendar, events = _events(to_ics(meeting, followup_weeks=12))
    assert [e["tzid"] for e in events] == ["Europe/Copenhagen"] * 3
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Copenhagen"]
    assert {str(s["TZNAME"]) for s in zones[0].walk("DAYLIGHT")} == {"CEST"}
    summer = to_ics(meeting, followup_date=datetime(2027, 4, 27).date())
    _, events = _events(summer)
    follow_up = events[2]["start"]
    assert isinstance(follow_up, datetime)
    assert (follow_up.hour, follow_up.minute) == (8, 30)
    assert follow_up.utcoffset() == timedelta(hours=2)
    assert b"DTSTART;TZID=Europe/Copenhagen:20270427T083000" in summer


def test_an_older_session_falls_back_to_its_offset() -> None:
    meeting = load_for_export(FIXTURE)  # no zone name: +01:00 is all it knows
    data = to_ics(meeting, followup_date=datetime(2027, 4, 27).date())
    calendar, events = _events(data)
    assert not calendar.walk("VTIMEZONE")
    assert all(e["tzid"] is None for e in events)
    assert events[2]["start"] == datetime(2027, 4, 27, 8, 30, tzinfo=CET)
    assert b"DTSTART:20270427T073000Z" in data
    meeting.time_zone = "Nowhere/Atlantis"  # a zone this machine does not know: the same
    assert to_ics(meeting, followup_date=datetime(2027, 4, 27).date()) == data


def test_the_events_hour_is_the_meetings_hour_in_its_zone() -> None:
    """A session whose start is at +01:00 but names a zone one hour on (the meeting held in
    Helsinki, its file read on a machine an hour west): events keep the hour the room had,
    09:30 there, not the offset's 08:30 labelled with the zone."""
    meeting = load_for_export(FIXTURE)  # started 2026-11-24 08:30 +01:00 (09:30 in Helsinki)
    meeting.time_zone = "Europe/Helsinki"
    data = to_ics(meeting, followup_date=datetime(2027, 1, 19).date())
    assert b"DTSTART;TZID=Europe/Helsinki:20270119T093000" in data
