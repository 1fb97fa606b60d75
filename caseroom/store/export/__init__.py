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

from collections.abc import Sequence
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
    render_follow_up_ics,
    render_ics,
)
from caseroom.store.export.reading import load_for_export, salvage_for_export
from caseroom.store.export.view import (
    DEFAULT_FOLLOWUP_WEEKS,
    FOLLOWUP_WEEKS,
    MAX_NEXT_MONTHS,
    NEXT_MONTHS,
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
    "MAX_NEXT_MONTHS",
    "NEXT_MONTHS",
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
    "follow_up_options",
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


def follow_up_options(
    meeting: Meeting,
    *,
    next_months: Sequence[int] | None = None,
    followup_weeks: int | None = None,
    plan_date: date | None = None,
    presentation_date: date | None = None,
    followup_date: date | None = None,
) -> tuple[int, ...]:
    """The months after the chain's first meeting of a follow-up's next follow-ups (default
    6 and 12). The dates of a case meeting's follow-ups do not apply to a follow-up, nor
    `next_months` to a meeting that continues nothing: ExportError naming the option."""
    if meeting.follow.continues is None:
        if next_months is not None:
            raise ExportError(
                "--next-months is for a meeting that continues an earlier one (caseroom run "
                "--from); this meeting's follow-up dates are --followup-weeks/--followup-date"
            )
        return NEXT_MONTHS
    for option, given in (
        ("--followup-weeks", followup_weeks),
        ("--followup-date", followup_date),
        ("--plan-date", plan_date),
        ("--presentation-date", presentation_date),
    ):
        if given is not None:
            raise ExportError(
                f"{option}: this meeting continues an earlier one; its next follow-ups come "
                "--next-months after the chain's first meeting (default 6,12)"
            )
    months = tuple(next_months) if next_months is not None else NEXT_MONTHS
    for n in months:
        if not 1 <= n <= MAX_NEXT_MONTHS:
            raise ExportError(f"--next-months: 1–{MAX_NEXT_MONTHS} months, not {n}")
    return months


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
    next_months: Sequence[int] | None = None,
) -> str:
    """A handleplan draft: a section per agreed proposal (or per proposal if none is agreed).

    Where the room chose its proposals in the meeting (`[action_plan] made = "in-meeting"`):
    the chosen proposals with who is responsible (`chosen.md.j2`). A meeting that makes no
    action plan has none: ExportError. A meeting that continues an earlier one: its next
    steps, who does what by when, its new proposals and its next follow-ups
    (`next_steps.md.j2`).
    """
    from caseroom.store.export.markdown import render_template  # Jinja2: only to export

    months = follow_up_options(
        meeting,
        next_months=next_months,
        followup_weeks=followup_weeks,
        plan_date=plan_date,
        presentation_date=presentation_date,
        followup_date=followup_date,
    )
    if meeting.follow.continues is not None:
        view = build_view(meeting, _lang(meeting, lang), next_months=months)
        return render_template("next_steps.md.j2", view)
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
    next_months: Sequence[int] | None = None,
) -> bytes:
    """Three VEVENTs (action-plan meeting, presentation, follow-up) as iCalendar bytes
    (`ics.render_ics`); where the room chose its proposals itself, the follow-up only. A
    meeting that makes no action plan has none: ExportError. A meeting that continues an
    earlier one: its next follow-ups and its next steps' due dates
    (`ics.render_follow_up_ics`)."""
    months = follow_up_options(
        meeting,
        next_months=next_months,
        followup_weeks=followup_weeks,
        plan_date=plan_date,
        presentation_date=presentation_date,
        followup_date=followup_date,
    )
    if meeting.follow.continues is not None:
        return render_follow_up_ics(
            meeting, _lang(meeting, lang), months, followup_minutes=followup_minutes
        )
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
    next_months: Sequence[int] | None = None,
) -> bytes:
    """One export as bytes (UTF-8 text for markdown and plan, iCalendar for ics)."""
    if fmt == "markdown":
        follow_up_options(meeting, next_months=next_months)  # said, rather than left unused
        return to_markdown(meeting, lang).encode("utf-8")
    if fmt == "plan":
        return to_plan(
            meeting,
            lang,
            followup_weeks=followup_weeks,
            plan_date=plan_date,
            presentation_date=presentation_date,
            followup_date=followup_date,
            next_months=next_months,
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
            next_months=next_months,
        )
    raise ExportError(f"unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}")
