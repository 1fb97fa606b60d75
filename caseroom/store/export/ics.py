"""The follow-ups as calendar events (iCalendar), from the same view as the other exports."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from caseroom.catalogue import Lang, format_date, t
from caseroom.domain.captures import one_line
from caseroom.domain.meeting import Meeting
from caseroom.store.export.text import capitalised
from caseroom.store.export.view import (
    NEXT_MONTHS,
    ExportError,
    MeetingView,
    Schedule,
    build_view,
    meeting_start,
)
from caseroom.store.zone import zone

PLAN_MINUTES = 45
PRESENTATION_MINUTES = 30
FOLLOWUP_MINUTES = 30
MAX_EVENT_MINUTES = 8 * 60


def event_uid(meeting: Meeting, kind: str) -> str:
    """Stable across exports of the same session: case id + start + kind."""
    key = f"{meeting.case.id}\n{meeting_start(meeting).isoformat()}\n{kind}"
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@caseroom"


def meeting_zone(meeting: Meeting) -> ZoneInfo | None:
    """The zone the session recorded, when it names one this machine knows."""
    return zone(meeting.time_zone) if meeting.time_zone else None


def _description(view: MeetingView, intro: str) -> str:
    lang = view.lang
    lines = [f"{t('preliminary', lang)}.", intro] if view.header.preliminary else [intro]
    chosen = view.plan_mode == "in-meeting"  # the room chose its proposals: no drafter
    if view.opsamling.drafter and chosen:
        lines.append(t("ics.forward", lang, name=view.opsamling.drafter))
    elif view.opsamling.drafter:
        lines.append(t("ics.drafter", lang, name=view.opsamling.drafter))
    lines.append("")
    if not view.proposals.all:
        lines.append(t("ics.no_proposals", lang))
    else:
        lines.append(t("ics.proposals", lang))
        for group in view.proposals.by_area:
            for proposal in group.proposals:
                details = [
                    f"{t('capture.responsible', lang).lower()}: "
                    f"{proposal.responsible or t('md.nobody', lang)}"
                ]
                if proposal.agreed:
                    details.append(t("ics.chosen", lang) if chosen else t("ics.agreed", lang))
                area = group.area or t("md.no_area", lang)
                lines.append(f"- [{area}] {one_line(proposal.text)} ({'; '.join(details)})")
    return "\n".join(lines)


def _check_minutes(name: str, minutes: int) -> None:
    if not 1 <= minutes <= MAX_EVENT_MINUTES:
        raise ExportError(f"{name} must be 1–{MAX_EVENT_MINUTES} minutes, not {minutes}")


def render_ics(
    meeting: Meeting,
    lang: Lang,
    schedule: Schedule,
    *,
    plan_minutes: int = PLAN_MINUTES,
    presentation_minutes: int = PRESENTATION_MINUTES,
    followup_minutes: int = FOLLOWUP_MINUTES,
) -> bytes:
    """Three VEVENTs (action-plan meeting, presentation, follow-up) as iCalendar bytes; where
    the room chose its proposals in the meeting, only the follow-up (no management meeting on
    an action plan, no presentation to all staff); each on a working day
    (`view.follow_ups`; a moved one says so in its description).

    Events start at the meeting's time of day in the zone it was held in: with the zone's
    IANA name the session recorded, as local times with that TZID and a VTIMEZONE (so a
    follow-up after a daylight-saving change keeps its hour); an older session, which records
    only a UTC offset, or a zone this machine does not know, gives times in UTC from that
    offset. DTSTAMP is the meeting's start, so the same session always gives the same bytes.
    """
    for name, minutes in (
        ("the action-plan meeting", plan_minutes),
        ("the presentation", presentation_minutes),
        ("the follow-up meeting", followup_minutes),
    ):
        _check_minutes(name, minutes)
    view = build_view(meeting, lang, schedule)
    dates = view.followups
    assert dates is not None  # a schedule was given
    start = view.header.start
    meeting_day = format_date(view.header.day, lang)
    zone = meeting_zone(meeting)
    calendar = _calendar(lang)
    events = [
        ("plan", dates.plan, plan_minutes),
        ("presentation", dates.presentation, presentation_minutes),
        ("followup", dates.followup, followup_minutes),
    ]
    chosen = view.plan_mode == "in-meeting"
    for kind, day, minutes in events[2:] if chosen else events:
        event = _meeting_event(meeting, kind, start, zone, day, minutes)
        title, day_text = view.header.title, meeting_day
        if chosen:  # a follow-up on the chosen proposals, not on a case meeting
            event.add("summary", t(f"ics.{kind}_chosen", lang, title=title))
            intro = t(f"ics.{kind}_chosen_text", lang, date=day_text)
        else:
            event.add("summary", t(f"ics.{kind}", lang, title=title))
            intro = t(f"ics.{kind}_text", lang, date=day_text)
        if note := dates.notes.get(kind):  # moved off a weekend or a holiday: say so
            intro = f"{intro}\n{capitalised(note)}."
        event.add("description", _description(view, intro))
        calendar.add_component(event)
    if zone is not None:  # the zone's rules over the years the events span, no more
        calendar.add_missing_timezones(
            first_date=date(dates.meeting.year, 1, 1), last_date=date(dates.followup.year + 2, 1, 1)
        )
    data: bytes = calendar.to_ical()
    return data


def _calendar(lang: Lang) -> Calendar:
    """An empty calendar as caseroom publishes one."""
    calendar = Calendar()
    calendar.add("prodid", "-//caseroom//caseroom//" + lang.upper())
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    return calendar


def _meeting_event(
    meeting: Meeting, kind: str, start: datetime, zone: ZoneInfo | None, day: date, minutes: int
) -> Event:
    """A meeting `minutes` long on `day` at the time of day the meeting (`start`) began, in its
    zone; its uid stable for `kind` (a re-export replaces, never duplicates)."""
    local = start.astimezone(zone) if zone is not None else start  # its hour in that zone
    begins = datetime.combine(day, time(local.hour, local.minute, tzinfo=zone or start.tzinfo))
    if zone is None:  # a fixed offset has no TZID a calendar knows: the instant in UTC
        begins = begins.astimezone(UTC)
    event = Event()
    event.add("uid", event_uid(meeting, kind))
    event.add("dtstamp", start.astimezone(UTC))
    event.add("dtstart", begins)
    event.add("dtend", begins + timedelta(minutes=minutes))
    return event


def render_follow_up_ics(
    meeting: Meeting,
    lang: Lang,
    months: Sequence[int] = NEXT_MONTHS,
    *,
    followup_minutes: int = FOLLOWUP_MINUTES,
) -> bytes:
    """The calendar of a meeting that continues an earlier one (`caseroom run --from`): the
    next follow-ups `months` after the chain's first meeting (`first_started_at`; by default
    6 and 12 months, the evaluation at half a year and a year) that come after this meeting,
    each on a working day (a moved one says so) at this meeting's time of day in its zone, as
    `render_ics` places its events; and each next step with a due date as an all-day event on
    that day (as agreed: not moved; an all-day event, not a to-do, since not every calendar
    shows to-dos). ExportError when there is nothing to put in a calendar."""
    _check_minutes("the follow-up meeting", followup_minutes)
    view = build_view(meeting, lang, next_months=months)
    follow = view.follow
    assert follow is not None  # a follow-up
    start = view.header.start
    meeting_day = format_date(view.header.day, lang)
    first_day = format_date(follow.first_started.date(), lang)
    if not follow.next_meetings and not any(r.next_due for r in follow.next_steps):
        raise ExportError(
            f"nothing to put in a calendar: the follow-ups {_months(months)} months after the "
            f"first meeting ({follow.first_started.date().isoformat()}) have passed and no next "
            "step has a due date; --next-months chooses later follow-ups"
        )
    zone = meeting_zone(meeting)
    calendar = _calendar(lang)
    items = [t("ics.items", lang, date=meeting_day)]
    for row in follow.items:
        line = f"- [{row.area_title}] {one_line(row.text)}: {row.status_text}"
        if row.next_step:
            who = row.next_responsible or t("md.nobody", lang)
            due = f", {format_date(row.next_due, lang)}" if row.next_due else ""
            line += f" → {one_line(row.next_step)} ({who}{due})"
        items.append(line)
    if not follow.items:
        items = [t("follow.no_items", lang)]
    last = view.header.day
    for nxt in follow.next_meetings:
        kind = f"next-{nxt.months}"
        event = _meeting_event(meeting, kind, start, zone, nxt.day, followup_minutes)
        event.add(
            "summary", t("ics.next_followup", lang, months=nxt.months, title=follow.first_title)
        )
        intro = t(
            "ics.next_followup_text", lang, months=nxt.months, first=first_day, date=meeting_day
        )
        if nxt.note:
            intro = f"{intro}\n{capitalised(nxt.note)}."
        event.add("description", "\n".join([intro, "", *items]))
        calendar.add_component(event)
        last = max(last, nxt.day)
    for row in follow.next_steps:
        if row.next_due is None:
            continue
        event = Event()
        event.add("uid", event_uid(meeting, f"due-{row.id}"))
        event.add("dtstamp", start.astimezone(UTC))
        event.add("dtstart", row.next_due)
        event.add("dtend", row.next_due + timedelta(days=1))
        event.add("summary", t("ics.due", lang, step=one_line(row.next_step or row.text)))
        who = row.next_responsible or t("md.nobody", lang)
        event.add(
            "description",
            t("ics.due_text", lang, item=one_line(row.text), date=meeting_day, who=who),
        )
        event.add("transp", "TRANSPARENT")  # a deadline, not a busy day
        calendar.add_component(event)
    if zone is not None and follow.next_meetings:
        calendar.add_missing_timezones(
            first_date=date(view.header.day.year, 1, 1), last_date=date(last.year + 2, 1, 1)
        )
    data: bytes = calendar.to_ical()
    return data


def _months(months: Sequence[int]) -> str:
    return " and ".join(str(n) for n in sorted(set(months)))
