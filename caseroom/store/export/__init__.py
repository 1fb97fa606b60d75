"""Exports of a session: a meeting summary, an action-plan draft, follow-ups as calendar events.

Pure functions of a `Meeting` (no Textual or Rich): `to_markdown`, `to_plan` and `to_ics`, or
`render(meeting, fmt)` for bytes. Each computes the meeting's view once (`view.build_view`:
rows, totals, dates) and renders it: Markdown through a Jinja2 template (`markdown.py`, which
alone imports Jinja2; a clinic's own templates folder comes before the bundled `templates/`),
the calendar in code (`ics.py`). Labels come from the one catalogue (`caseroom/catalogue.py`,
shared with the screen), in the case's language unless told otherwise; what people wrote stays
as they wrote it. `load_for_export` reads a session file without ever writing it and without
recording an interruption: the meeting is shown as of its last save.
"""

from __future__ import annotations

from datetime import date

from caseroom.catalogue import Lang
from caseroom.domain.captures import PLAN_DAYS
from caseroom.domain.meeting import Meeting
from caseroom.store.export.ics import (
    FOLLOWUP_MINUTES,
    MAX_EVENT_MINUTES,
    PLAN_MINUTES,
    PRESENTATION_MINUTES,
    event_uid,
    render_ics,
)
from caseroom.store.export.reading import load_for_export, salvage_for_export
from caseroom.store.export.view import (
    DEFAULT_FOLLOWUP_WEEKS,
    FOLLOWUP_WEEKS,
    PRESENTATION_DAYS,
    ExportError,
    FollowUps,
    MeetingView,
    Schedule,
    build_view,
    follow_ups,
    is_preliminary,
    meeting_end,
    meeting_start,
    place,
)

__all__ = [
    "DEFAULT_FOLLOWUP_WEEKS",
    "FOLLOWUP_MINUTES",
    "FOLLOWUP_WEEKS",
    "FORMATS",
    "MAX_EVENT_MINUTES",
    "PLAN_DAYS",
    "PLAN_MINUTES",
    "PRESENTATION_DAYS",
    "PRESENTATION_MINUTES",
    "ExportError",
    "FollowUps",
    "Lang",
    "MeetingView",
    "Schedule",
    "build_view",
    "event_uid",
    "follow_ups",
    "is_preliminary",
    "load_for_export",
    "meeting_end",
    "meeting_start",
    "no_action_plan",
    "place",
    "render",
    "salvage_for_export",
    "to_ics",
    "to_markdown",
    "to_plan",
]

FORMATS = ("markdown", "plan", "ics")


def _lang(meeting: Meeting, lang: str | None) -> Lang:
    chosen = lang or meeting.case.language
    return "en" if chosen == "en" else "da"


def no_action_plan(meeting: Meeting, fmt: str) -> None:
    """A meeting whose case makes no action plan (`[action_plan] made = "none"`) has no plan
    draft and no follow-up events: an ExportError saying so, in one line."""
    if meeting.case.plan_mode == "none":
        what = "no action-plan draft" if fmt == "plan" else "no follow-up events for a calendar"
        raise ExportError(
            f"'{meeting.case.id}' makes no action plan (its case file says [action_plan] "
            f'made = "none"), so there is {what} to export; --format markdown is its summary'
        )


def to_markdown(meeting: Meeting, lang: str | None = None) -> str:
    """A summary of the meeting a clinic can file (Markdown)."""
    from caseroom.store.export.markdown import render_template  # Jinja2: only to export

    return render_template("meeting.md.j2", build_view(meeting, _lang(meeting, lang)))


def to_plan(
    meeting: Meeting,
    lang: str | None = None,
    *,
    followup_weeks: int | None = None,
    plan_date: date | None = None,
    presentation_date: date | None = None,
    followup_date: date | None = None,
) -> str:
    """A handleplan draft: a section per agreed proposal (or per proposal if none is agreed).

    Where the room chose its proposals in the meeting (`[action_plan] made = "in-meeting"`):
    the chosen proposals with who is responsible (`chosen.md.j2`). A meeting that makes no
    action plan has none: ExportError.
    """
    from caseroom.store.export.markdown import render_template  # Jinja2: only to export

    no_action_plan(meeting, "plan")
    schedule = Schedule(followup_weeks, plan_date, presentation_date, followup_date)
    template = "chosen.md.j2" if meeting.case.plan_mode == "in-meeting" else "plan.md.j2"
    return render_template(template, build_view(meeting, _lang(meeting, lang), schedule))


def to_ics(
    meeting: Meeting,
    *,
    lang: str | None = None,
    followup_weeks: int | None = None,
    plan_date: date | None = None,
    presentation_date: date | None = None,
    followup_date: date | None = None,
    plan_minutes: int = PLAN_MINUTES,
    presentation_minutes: int = PRESENTATION_MINUTES,
    followup_minutes: int = FOLLOWUP_MINUTES,
) -> bytes:
    """Three VEVENTs (action-plan meeting, presentation, follow-up) as iCalendar bytes
    (`ics.render_ics`); where the room chose its proposals itself, the follow-up only. A
    meeting that makes no action plan has none: ExportError."""
    no_action_plan(meeting, "ics")
    return render_ics(
        meeting,
        _lang(meeting, lang),
        Schedule(followup_weeks, plan_date, presentation_date, followup_date),
        plan_minutes=plan_minutes,
        presentation_minutes=presentation_minutes,
        followup_minutes=followup_minutes,
    )


def render(
    meeting: Meeting,
    fmt: str,
    *,
    lang: str | None = None,
    followup_weeks: int | None = None,
    plan_date: date | None = None,
    presentation_date: date | None = None,
    followup_date: date | None = None,
    plan_minutes: int = PLAN_MINUTES,
    presentation_minutes: int = PRESENTATION_MINUTES,
    followup_minutes: int = FOLLOWUP_MINUTES,
) -> bytes:
    """One export as bytes (UTF-8 text for markdown and plan, iCalendar for ics)."""
    if fmt == "markdown":
        return to_markdown(meeting, lang).encode("utf-8")
    if fmt == "plan":
        return to_plan(
            meeting,
            lang,
            followup_weeks=followup_weeks,
            plan_date=plan_date,
            presentation_date=presentation_date,
            followup_date=followup_date,
        ).encode("utf-8")
    if fmt == "ics":
        return to_ics(
            meeting,
            lang=lang,
            followup_weeks=followup_weeks,
            plan_date=plan_date,
            presentation_date=presentation_date,
            followup_date=followup_date,
            plan_minutes=plan_minutes,
            presentation_minutes=presentation_minutes,
            followup_minutes=followup_minutes,
        )
    raise ExportError(f"unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}")
