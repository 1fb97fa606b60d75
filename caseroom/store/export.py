"""Exports of a session: a meeting summary, an action-plan draft, follow-ups as calendar events.

Pure functions of a `Meeting` (no Textual or Rich): `to_markdown`, `to_plan` and `to_ics`.
Labels come from the small catalogue below, in the case's language unless told otherwise;
what people wrote stays as they wrote it. `load_for_export` reads a session file without ever
writing it and without recording an interruption: the meeting is shown as of its last save.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Literal

from icalendar import Calendar, Event

from caseroom.domain.agenda import whole_minutes
from caseroom.domain.captures import LearningPoint, Proposal, deadline_date, one_line
from caseroom.domain.case import Case
from caseroom.domain.errors import CaseroomError, UntrustedSessionError
from caseroom.domain.meeting import Meeting
from caseroom.store.session_file import load, read_document, salvage

Lang = Literal["da", "en"]
FORMATS = ("markdown", "plan", "ics")
FOLLOWUP_WEEKS = (6, 12)
DEFAULT_FOLLOWUP_WEEKS = 8
PLAN_DAYS = 7
PRESENTATION_DAYS = 14
PLAN_MINUTES = 45
PRESENTATION_MINUTES = 30
FOLLOWUP_MINUTES = 30
MAX_EVENT_MINUTES = 8 * 60


class ExportError(CaseroomError):
    """An export cannot be made as asked (e.g. a follow-up date before the meeting)."""


# --- the label catalogue (Danish, English) ------------------------------------------------

LABELS: dict[str, tuple[str, str]] = {
    "preliminary": (
        "Foreløbigt: mødet er ikke afsluttet",
        "Preliminary: the meeting has not finished",
    ),
    "preliminary.saved": ("Status pr. {when}.", "As of {when}."),
    "md.title": ("Referat: {title}", "Summary: {title}"),
    "md.date": ("Dato", "Date"),
    "md.time": ("Tid", "Time"),
    "md.time_value": (
        "{start}–{end} (planlagt {start}–{planned_end})",
        "{start}–{end} (planned {start}–{planned_end})",
    ),
    "md.time_running": ("fra {start}, i gang", "from {start}, in progress"),
    "md.not_started": ("Mødet er ikke startet.", "The meeting has not started."),
    "md.case": ("Case-fil", "Case file"),
    "md.people": ("Deltagere", "Participants"),
    "md.name": ("Navn", "Name"),
    "md.profession": ("Faggruppe", "Profession"),
    "md.role": ("Rolle", "Role"),
    "md.left": ("forlod mødet", "left the meeting"),
    "md.no_people": ("Ingen deltagere registreret.", "No participants recorded."),
    "role.leader": ("mødeleder", "meeting leader"),
    "role.timekeeper": ("tidsholder", "timekeeper"),
    "role.note_taker": ("referent", "note-taker"),
    "md.agenda": ("Dagsorden", "Agenda"),
    "md.item": ("Punkt", "Item"),
    "md.planned": ("Plan", "Planned"),
    "md.extended": ("Forlænget", "Extended"),
    "md.actual": ("Faktisk", "Actual"),
    "md.total": ("I alt", "Total"),
    "md.not_run": ("ikke holdt", "not held"),
    "md.question": ("spørgsmål {n}", "question {n}"),
    "md.talk": ("Taletid", "Speaking time"),
    "md.talk_total": (
        "Samlet registreret taletid {total}; ved lige fordeling {share} pr. person ({n} personer).",
        "Total tracked speaking time {total}; an equal share would be {share} each ({n} people).",
    ),
    "md.talk_total.one": (
        "Samlet registreret taletid {total} (1 person).",
        "Total tracked speaking time {total} (1 person).",
    ),
    "md.talk_time": ("Taletid", "Time"),
    "md.talk_share": ("Andel", "Share"),
    "md.talk_turns": ("Ture", "Turns"),
    "md.talk_people": ("Personer", "People"),
    "md.talk_silent": ("Har ikke haft ordet: {names}.", "Did not get the floor: {names}."),
    "md.talk_by_profession": ("Pr. faggruppe", "By profession"),
    "md.learning": ("Læringspunkter", "Learning points"),
    "md.none": ("Ingen.", "None."),
    "md.proposals": ("Forbedringsforslag", "Improvement proposals"),
    "md.proposal_count": ("{n} forslag, heraf {agreed} aftalt.", "{n} proposals, {agreed} agreed."),
    "md.proposal_count.one": ("1 forslag, {agreed} aftalt.", "1 proposal, {agreed} agreed."),
    "md.agreed": ("Aftalt", "Agreed"),
    "md.responsible": ("Ansvarlig", "Responsible"),
    "md.nobody": ("ikke fordelt", "not assigned"),
    "md.proposed_by": ("Foreslået af", "Proposed by"),
    "md.from": ("Fra", "From"),
    "md.no_area": ("Uden område", "No area"),
    "md.handleplan": ("Handleplan", "Action plan"),
    "md.drafter": ("Handleplanen skrives af", "The action plan is drafted by"),
    "md.deadline": ("Frist", "Deadline"),
    "md.not_decided": ("ikke aftalt", "not decided"),
    "md.default_deadline": ("{date} (en uge efter mødet)", "{date} (a week after the meeting)"),
    "md.evaluation": (
        "Evaluering: de 3 vigtigste ting, jeg har lært",
        "Evaluation: the 3 most important things I learned",
    ),
    "md.no_points": ("(ingen punkter)", "(no points)"),
    "md.no_evaluation": ("Ingen evaluering fra: {names}.", "No evaluation from: {names}."),
    "md.groups": ("Gruppeforslag", "Group proposals"),
    "md.group": ("gruppe {n}", "group {n}"),
    "md.at": ("kl. {time}", "at {time}"),
    "md.interruptions": ("Afbrydelser", "Interruptions"),
    "md.interruption": (
        "Programmet var nede {start}–{end} ({duration}); tiden tæller ikke som mødetid.",
        "The app was down {start}–{end} ({duration}); not counted as meeting time.",
    ),
    "plan.title": ("Handleplan (udkast): {title}", "Action plan (draft): {title}"),
    "plan.from": (
        "Fra case-mødet {date} kl. {time}.",
        "From the case meeting on {date} at {time}.",
    ),
    "plan.drafter": ("Udkastet skrives af", "Drafted by"),
    "plan.deadline": ("Frist", "Deadline"),
    "plan.howto": (
        "Felter med {blank} besluttede mødet ikke: dem udfylder ledelsen. "
        "Beskriv for hver ændring, hvad og hvorfor, hvordan I ved, at den virker, hvornår den er "
        "gennemført, hvem der gør hvad og hvornår, hvordan den afprøves i lille skala først, og "
        "hvordan erfaringerne meldes tilbage til projektkoordinatoren.",
        "The meeting did not decide the fields marked {blank}: management fills them in. "
        "For each change, describe what and why, how you will know it works, when it is done, "
        "who does what and when, how it is tested small first, and how the experience is "
        "reported back to the project coordinator.",
    ),
    "plan.none_agreed": (
        "Mødet markerede ingen forslag som aftalt, så udkastet har et afsnit for hvert forslag. "
        "Slet dem, I ikke går videre med.",
        "The meeting marked no proposal as agreed, so the draft has a section for every "
        "proposal. Delete those you do not take forward.",
    ),
    "plan.no_proposals": (
        "Mødet registrerede ingen forbedringsforslag. Skriv ændringerne ind nedenfor.",
        "The meeting recorded no improvement proposals. Write the changes in below.",
    ),
    "plan.blank": ("_[udfyld]_", "_[fill in]_"),
    "plan.change": ("Ændring {n}", "Change {n}"),
    "plan.what": ("Hvad skal ændres?", "What changes?"),
    "plan.why": ("Hvorfor?", "Why?"),
    "plan.related": (
        "Læringspunkter fra samme sted på mødet:",
        "Learning points from the same point of the meeting:",
    ),
    "plan.success": (
        "Succeskriterium: hvordan ved vi, at det virker?",
        "Success criterion: how do we know it works?",
    ),
    "plan.done": ("Hvornår er det gennemført?", "When is it done?"),
    "plan.steps": (
        "Konkrete skridt: hvem gør hvad, hvornår?",
        "Concrete steps: who does what, when?",
    ),
    "plan.step": ("Skridt", "Step"),
    "plan.who": ("Hvem", "Who"),
    "plan.when": ("Hvornår", "When"),
    "plan.test": (
        "Hvordan afprøver vi det i lille skala først?",
        "How do we test it small first?",
    ),
    "plan.report": (
        "Hvordan melder vi erfaringerne tilbage til projektkoordinatoren?",
        "How is the experience reported back to the project coordinator?",
    ),
    "plan.area": ("Område", "Area"),
    "plan.agreed": ("Aftalt på mødet", "Agreed at the meeting"),
    "plan.not_agreed": ("Ikke aftalt på mødet", "Not agreed at the meeting"),
    "plan.background": ("Baggrund: læringspunkter fra mødet", "Background: learning points"),
    "plan.followups": ("Opfølgning", "Follow-up"),
    "plan.followup_plan": (
        "Ledelsens møde om handleplanen: {date}",
        "Management meeting on the action plan: {date}",
    ),
    "plan.followup_presentation": (
        "Handleplanen præsenteres for hele personalet: {date}",
        "The action plan is presented to all staff: {date}",
    ),
    "plan.followup_meeting": (
        "Opfølgningsmøde: {date}",
        "Follow-up meeting: {date}",
    ),
    "plan.weeks_after": ("{n} uger efter case-mødet", "{n} weeks after the case meeting"),
    "ics.plan": ("Handleplan: ledelsesmøde – {title}", "Action plan: management meeting – {title}"),
    "ics.presentation": (
        "Handleplanen præsenteres for alle – {title}",
        "The action plan is presented to all staff – {title}",
    ),
    "ics.followup": (
        "Opfølgning på case-mødet – {title}",
        "Follow-up on the case meeting – {title}",
    ),
    "ics.plan_text": (
        "Ledelsen skriver handleplanen ud fra forslagene fra case-mødet {date}: for hver ændring "
        "hvad og hvorfor, succeskriterium, hvornår den er gennemført, konkrete skridt (hvem og "
        "hvornår), afprøvning i lille skala og tilbagemelding til projektkoordinatoren.",
        "Management writes the action plan from the proposals of the case meeting on {date}: "
        "for each change what and why, the success criterion, when it is done, concrete steps "
        "(who and when), a small test first, and how experience reaches the project coordinator.",
    ),
    "ics.presentation_text": (
        "Ledelsen præsenterer handleplanen fra case-mødet {date} for hele personalet.",
        "Management presents the action plan from the case meeting on {date} to all staff.",
    ),
    "ics.followup_text": (
        "Opfølgning på case-mødet {date}: hvordan gik det med ændringerne, hvad virker, og hvad "
        "skal justeres?",
        "Follow-up on the case meeting on {date}: how did the changes go, what works, and what "
        "needs adjusting?",
    ),
    "ics.drafter": ("Handleplanen skrives af {name}.", "The action plan is drafted by {name}."),
    "ics.proposals": ("Forslag fra mødet:", "Proposals from the meeting:"),
    "ics.no_proposals": ("Mødet registrerede ingen forslag.", "The meeting recorded no proposals."),
    "ics.agreed": ("aftalt", "agreed"),
}

MONTHS: dict[Lang, tuple[str, ...]] = {
    "da": (
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
WEEKDAYS: dict[Lang, tuple[str, ...]] = {
    "da": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def label(key: str, lang: Lang, **values: object) -> str:
    """The label in `lang`; with `n=1`, its `.one` form where the plural would be wrong."""
    if values.get("n") == 1 and f"{key}.one" in LABELS:
        key = f"{key}.one"
    danish, english = LABELS[key]
    text = danish if lang == "da" else english
    return text.format(**values) if values else text


def _lang(meeting: Meeting, lang: str | None) -> Lang:
    chosen = lang or meeting.case.language
    return "en" if chosen == "en" else "da"


# --- formatting helpers -------------------------------------------------------------------


def format_date(day: date, lang: Lang) -> str:
    """'tirsdag 24. november 2026' / 'Tuesday 24 November 2026'."""
    weekday = WEEKDAYS[lang][day.weekday()]
    month = MONTHS[lang][day.month - 1]
    if lang == "da":
        return f"{weekday} {day.day}. {month} {day.year}"
    return f"{weekday} {day.day} {month} {day.year}"


def _clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def _duration(seconds: float) -> str:
    """'6:52', '1:02:10' (h:mm:ss past an hour)."""
    total = int(max(0.0, seconds) + 0.5)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _duration_words(seconds: float, lang: Lang) -> str:
    """'3 min 20 s', '1 t 5 min' (hours and minutes past an hour)."""
    total = int(max(0.0, seconds) + 0.5)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} {'t' if lang == 'da' else 'h'} {minutes} min"
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"


def _minutes(seconds: float) -> str:
    return f"{whole_minutes(seconds)} min"


def _signed_minutes(seconds: float) -> str:
    value = whole_minutes(seconds)
    return f"{value:+d} min" if value else ""


def _percent(part: float, whole: float, lang: Lang) -> str:
    value = int(100 * part / whole + 0.5) if whole > 0 else 0
    return f"{value} %" if lang == "da" else f"{value}%"


def _cell(text: str) -> str:
    """Text fit for one Markdown table cell."""
    return one_line(text).replace("|", "\\|") or " "


def _bullet(text: str, marker: str = "-") -> list[str]:
    """A list item whose further lines are indented under it (multi-line captures)."""
    lines = text.splitlines() or [""]
    indent = " " * (len(marker) + 1)
    out = [f"{marker} {lines[0]}"]
    out.extend(f"{indent}{line}" if line.strip() else "" for line in lines[1:])
    return out


def _first_line(text: str, width: int = 60) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _round_second(moment: datetime) -> datetime:
    return (moment + timedelta(microseconds=500_000)).replace(microsecond=0)


# --- what every export needs --------------------------------------------------------------


def meeting_start(meeting: Meeting) -> datetime:
    """When the meeting started (when the session was created, if it never started)."""
    agenda = meeting.agenda
    if agenda.started_at is None:
        return _round_second(meeting.created_at)
    return _round_second(agenda.wall(agenda.started_at))


def meeting_end(meeting: Meeting) -> datetime | None:
    agenda = meeting.agenda
    if agenda.finished_at is None:
        return None
    return _round_second(agenda.wall(agenda.finished_at)).astimezone(meeting_start(meeting).tzinfo)


def is_preliminary(meeting: Meeting) -> bool:
    return meeting.status != "finished"


def _step_order(case: Case) -> dict[tuple[str, str | None], int]:
    """(segment id, question id) in the order of the case's agenda."""
    order: dict[tuple[str, str | None], int] = {}
    for segment in case.segments:
        order[(segment.id, None)] = len(order)
        for question in case.questions_of(segment.id) if segment.kind == "case" else []:
            order[(segment.id, question.id)] = len(order)
    return order


def place(case: Case, segment_id: str, question_id: str | None, lang: Lang) -> str:
    """'Case – spørgsmål 3: Sygeplejerskekonsultationen', 'Opsamling' (titles, not ids)."""
    segment = next((s for s in case.segments if s.id == segment_id), None)
    title = segment.title if segment is not None else segment_id
    if question_id is None:
        return title
    questions = case.questions_of(segment_id) if segment is not None else []
    number = next((i for i, q in enumerate(questions, start=1) if q.id == question_id), None)
    if number is None:
        return f"{title} – {question_id}"
    text = f"{title} – {label('md.question', lang, n=number)}"
    section = case.section(questions[number - 1].section)
    return f"{text}: {section.title}" if section is not None else text


def _place_of_step(case: Case, step_key: str, lang: Lang) -> str:
    segment_id, _, question_id = step_key.partition("/")
    return place(case, segment_id, question_id or None, lang)


def _grouped_points(
    case: Case, points: Iterable[LearningPoint]
) -> list[tuple[tuple[str, str | None], list[LearningPoint]]]:
    order = _step_order(case)
    groups: dict[tuple[str, str | None], list[LearningPoint]] = {}
    for point in points:
        groups.setdefault((point.segment, point.question), []).append(point)
    return sorted(groups.items(), key=lambda item: order.get(item[0], len(order)))


def _learning_points(meeting: Meeting, lang: Lang, heading: str) -> list[str]:
    out: list[str] = []
    groups = _grouped_points(meeting.case, meeting.learning_points)
    if not groups:
        return [label("md.none", lang), ""]
    for (segment_id, question_id), points in groups:
        out += [f"{heading} {place(meeting.case, segment_id, question_id, lang)}", ""]
        for point in points:
            out += _bullet(point.text)
        out.append("")
    return out


def _areas_in_order(case: Case, proposals: Iterable[Proposal]) -> list[str]:
    seen = [p.area for p in proposals]
    known = [a for a in case.areas if a in seen]
    extra = [a for a in dict.fromkeys(seen) if a not in case.areas and a]
    return known + extra + ([""] if "" in seen else [])


def _proposals_by_area(case: Case, proposals: list[Proposal]) -> list[tuple[str, list[Proposal]]]:
    return [
        (area, [p for p in proposals if p.area == area])
        for area in _areas_in_order(case, proposals)
    ]


def _area_title(area: str, lang: Lang) -> str:
    return _capitalised(area) if area else label("md.no_area", lang)


def _deadline_date(meeting: Meeting) -> date | None:
    """The Opsamling deadline when it is a date (YYYY-MM-DD), else None."""
    try:
        return deadline_date(meeting.opsamling.deadline)
    except ValueError:
        return None


@dataclass(frozen=True)
class FollowUps:
    """The three dates after the meeting; `followup_weeks` is None unless the follow-up is
    that many weeks after the meeting."""

    meeting: date
    plan: date
    presentation: date
    followup: date
    followup_weeks: int | None


def follow_ups(
    meeting: Meeting,
    *,
    followup_weeks: int | None = None,
    plan_date: date | None = None,
    presentation_date: date | None = None,
    followup_date: date | None = None,
) -> FollowUps:
    """Default: the Opsamling deadline (else a week), two weeks, eight weeks after the meeting.

    The three come in that order, on different days. Left to their defaults, the presentation
    comes at least a week after the action-plan meeting and the follow-up at least six weeks
    after the presentation, however late the deadline; dates chosen out of order are refused.
    """
    low, high = FOLLOWUP_WEEKS
    if followup_weeks is not None and not low <= followup_weeks <= high:
        raise ExportError(
            f"the follow-up comes {low}–{high} weeks after the meeting, not {followup_weeks}"
        )
    day = meeting_start(meeting).date()
    plan = plan_date or _deadline_date(meeting) or day + timedelta(days=PLAN_DAYS)
    presentation = presentation_date or max(
        day + timedelta(days=PRESENTATION_DAYS),
        plan + timedelta(days=PRESENTATION_DAYS - PLAN_DAYS),
    )
    weeks = DEFAULT_FOLLOWUP_WEEKS if followup_weeks is None else followup_weeks
    followup = followup_date or day + timedelta(weeks=weeks)
    if followup_date is None and followup_weeks is None:
        followup = max(followup, presentation + timedelta(weeks=low))  # after a late plan
    for what, chosen in (
        ("the action-plan meeting", plan),
        ("the presentation", presentation),
        ("the follow-up meeting", followup),
    ):
        if chosen < day:
            hint = (
                "; it is the Opsamling deadline in the session: choose a date with --plan-date"
                if plan_date is None and chosen is plan and what == "the action-plan meeting"
                else ""
            )
            raise ExportError(
                f"{what} ({chosen.isoformat()}) would be before the case meeting "
                f"({day.isoformat()}){hint}"
            )
    for (first, first_day, first_option), (then, then_day, then_option) in pairwise(
        (
            ("the action-plan meeting", plan, "--plan-date"),
            ("the presentation", presentation, "--presentation-date"),
            ("the follow-up meeting", followup, "--followup-date"),
        )
    ):
        if then_day <= first_day:
            raise ExportError(
                f"{then} ({then_day.isoformat()}) would not come after {first} "
                f"({first_day.isoformat()}): choose dates in that order with "
                f"{first_option} and {then_option}"
            )
    in_weeks = weeks if followup == day + timedelta(weeks=weeks) and not followup_date else None
    return FollowUps(day, plan, presentation, followup, in_weeks)


def _preliminary(meeting: Meeting, lang: Lang) -> list[str]:
    if not is_preliminary(meeting):
        return []
    saved = _round_second(meeting.clock.now())
    when = f"{format_date(saved.date(), lang)} {_clock(saved)}"
    return [
        f"> **{label('preliminary', lang)}.** {label('preliminary.saved', lang, when=when)}",
        "",
    ]


# --- markdown: the meeting summary --------------------------------------------------------


def to_markdown(meeting: Meeting, lang: str | None = None) -> str:
    """A summary of the meeting a clinic can file (Markdown)."""
    lg = _lang(meeting, lang)
    case = meeting.case
    out = [f"# {label('md.title', lg, title=case.title)}", ""]
    out += _preliminary(meeting, lg)
    out += _header(meeting, lg)
    out += _people(meeting, lg)
    out += _agenda(meeting, lg)
    out += _talk(meeting, lg)
    out += [f"## {label('md.learning', lg)}", ""]
    out += _learning_points(meeting, lg, "###")
    out += _proposals(meeting, lg)
    out += _opsamling(meeting, lg)
    out += _evaluations(meeting, lg)
    out += _groups(meeting, lg)
    out += _interruptions(meeting, lg)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _header(meeting: Meeting, lang: Lang) -> list[str]:
    start = meeting_start(meeting)
    out = [f"- **{label('md.date', lang)}:** {format_date(start.date(), lang)}"]
    if meeting.agenda.started_at is None:
        out.append(f"- **{label('md.time', lang)}:** {label('md.not_started', lang)}")
    else:
        end = meeting_end(meeting)
        planned_end = start + timedelta(minutes=meeting.case.total_minutes)
        if end is None:
            value = label("md.time_running", lang, start=_clock(start))
        else:
            value = label(
                "md.time_value",
                lang,
                start=_clock(start),
                end=_clock(end),
                planned_end=_clock(planned_end),
            )
        out.append(f"- **{label('md.time', lang)}:** {value}")
    out.append(f"- **{label('md.case', lang)}:** `{meeting.case.id}`")
    return [*out, ""]


def _roles_of(meeting: Meeting, name: str, lang: Lang) -> list[str]:
    roles = meeting.roles
    return [
        label(f"role.{key}", lang)
        for key, holder in (
            ("leader", roles.leader),
            ("timekeeper", roles.timekeeper),
            ("note_taker", roles.note_taker),
        )
        if holder and holder == name
    ]


def _people(meeting: Meeting, lang: Lang) -> list[str]:
    out = [f"## {label('md.people', lang)}", ""]
    names = [p.name for p in meeting.participants]
    holders = [meeting.roles.leader, meeting.roles.timekeeper, meeting.roles.note_taker]
    outsiders = [h for h in dict.fromkeys(holders) if h and h not in names]
    if not names and not outsiders:
        return [*out, label("md.no_people", lang), ""]
    out += [
        f"| {label('md.name', lang)} | {label('md.profession', lang)} | {label('md.role', lang)} |",
        "|---|---|---|",
    ]
    for person in meeting.participants:
        name = person.name if person.present else f"{person.name} ({label('md.left', lang)})"
        roles = ", ".join(_roles_of(meeting, person.name, lang))
        out.append(f"| {_cell(name)} | {_cell(person.profession)} | {_cell(roles)} |")
    for name in outsiders:
        roles = ", ".join(_roles_of(meeting, name, lang))
        out.append(f"| {_cell(name)} | – | {_cell(roles)} |")
    return [*out, ""]


def _agenda(meeting: Meeting, lang: Lang) -> list[str]:
    agenda = meeting.agenda
    now = agenda.now()
    out = [
        f"## {label('md.agenda', lang)}",
        "",
        f"| {label('md.item', lang)} | {label('md.planned', lang)} | "
        f"{label('md.extended', lang)} | {label('md.actual', lang)} |",
        "|---|---:|---:|---:|",
    ]
    total_extension = 0.0
    total_actual = 0.0
    for index in agenda.segment_order():
        segment = meeting.case.segments[index]
        steps = agenda.segment_steps(index)
        extension = sum(s.extension_seconds for s in steps)
        total_extension += extension
        if agenda.segment_has_run(index):
            elapsed = max(0.0, agenda.segment_elapsed(index))
            total_actual += elapsed
            actual = _minutes(elapsed)
        else:
            actual = label("md.not_run", lang)
        out.append(
            f"| {_cell(segment.title)} | {segment.minutes} min | "
            f"{_signed_minutes(extension) or ' '} | {actual} |"
        )
        for step in steps if segment.kind == "case" else []:
            if step.question is None:
                continue
            step_actual = (
                _minutes(max(0.0, step.elapsed(now))) if step.has_run else label("md.not_run", lang)
            )
            name = place(meeting.case, segment.id, step.question.id, lang)
            out.append(
                f"| ↳ {_cell(name.partition(' – ')[2])} | {step.question.minutes} min | "
                f"{_signed_minutes(step.extension_seconds) or ' '} | {step_actual} |"
            )
    extended = _signed_minutes(total_extension)
    out.append(
        f"| **{label('md.total', lang)}** | **{meeting.case.total_minutes} min** | "
        f"{f'**{extended}**' if extended else ' '} | **{_minutes(total_actual)}** |"
    )
    return [*out, ""]


def _talk(meeting: Meeting, lang: Lang) -> list[str]:
    talk = meeting.talk
    if not talk.turns:
        return []
    now = meeting.agenda.now()
    spoken = {p.name: max(0.0, talk.spoken_seconds(p.name, now)) for p in meeting.participants}
    total = sum(spoken.values())
    people = meeting.participants
    out = [
        f"## {label('md.talk', lang)}",
        "",
        label(
            "md.talk_total",
            lang,
            total=_duration(total),
            share=_duration(total / len(people) if people else 0.0),
            n=len(people),
        ),
        "",
        f"| {label('md.name', lang)} | {label('md.profession', lang)} | "
        f"{label('md.talk_time', lang)} | {label('md.talk_share', lang)} | "
        f"{label('md.talk_turns', lang)} |",
        "|---|---|---:|---:|---:|",
    ]
    for person in people:
        seconds = spoken[person.name]
        out.append(
            f"| {_cell(person.name)} | {_cell(person.profession)} | {_duration(seconds)} | "
            f"{_percent(seconds, total, lang)} | {talk.turn_count(person.name)} |"
        )
    out.append("")
    silent = [p.name for p in people if talk.turn_count(p.name) == 0]
    if silent:
        out += [label("md.talk_silent", lang, names=", ".join(silent)), ""]
    professions: dict[str, list[str]] = {}
    for person in people:
        professions.setdefault(person.profession, []).append(person.name)
    out += [
        f"### {label('md.talk_by_profession', lang)}",
        "",
        f"| {label('md.profession', lang)} | {label('md.talk_people', lang)} | "
        f"{label('md.talk_time', lang)} | {label('md.talk_share', lang)} |",
        "|---|---:|---:|---:|",
    ]
    for profession, names in professions.items():
        seconds = sum(spoken[n] for n in names)
        out.append(
            f"| {_cell(profession)} | {len(names)} | {_duration(seconds)} | "
            f"{_percent(seconds, total, lang)} |"
        )
    return [*out, ""]


def _proposal_meta(meeting: Meeting, proposal: Proposal, lang: Lang) -> str:
    parts = [f"{label('md.responsible', lang)}: {proposal.responsible or label('md.nobody', lang)}"]
    if proposal.proposed_by:
        parts.append(f"{label('md.proposed_by', lang)}: {proposal.proposed_by}")
    where = place(meeting.case, proposal.segment, proposal.question, lang)
    parts.append(f"{label('md.from', lang)}: {where}")
    return " · ".join(parts)


def _proposals(meeting: Meeting, lang: Lang) -> list[str]:
    out = [f"## {label('md.proposals', lang)}", ""]
    proposals = meeting.proposals
    if not proposals:
        return [*out, label("md.none", lang), ""]
    agreed = sum(1 for p in proposals if p.agreed)
    out += [label("md.proposal_count", lang, n=len(proposals), agreed=agreed), ""]
    for area, items in _proposals_by_area(meeting.case, proposals):
        out += [f"### {_area_title(area, lang)}", ""]
        for proposal in items:
            text = proposal.text
            if proposal.agreed:
                text = f"**{label('md.agreed', lang)}:** {text}"
            out += _bullet(text)
            out.append(f"  - {_proposal_meta(meeting, proposal, lang)}")
        out.append("")
    return out


def _opsamling(meeting: Meeting, lang: Lang) -> list[str]:
    decisions = meeting.opsamling
    drafter = decisions.action_plan_drafter or label("md.not_decided", lang)
    return [
        f"## {label('md.handleplan', lang)}",
        "",
        f"- {label('md.drafter', lang)}: {drafter}",
        f"- {label('md.deadline', lang)}: {_deadline_text(meeting, lang)}",
        "",
    ]


def _deadline_text(meeting: Meeting, lang: Lang, chosen: date | None = None) -> str:
    """The Opsamling deadline, else a date chosen for the plan meeting, else a week on."""
    text = meeting.opsamling.deadline.strip()
    if (day := _deadline_date(meeting)) is not None:
        return format_date(day, lang)
    if text:
        return text
    if chosen is not None:
        return format_date(chosen, lang)
    default = meeting_start(meeting).date() + timedelta(days=PLAN_DAYS)
    return label("md.default_deadline", lang, date=format_date(default, lang))


def _evaluations(meeting: Meeting, lang: Lang) -> list[str]:
    if not meeting.evaluations:
        return []
    out = [f"## {label('md.evaluation', lang)}", ""]
    for evaluation in meeting.evaluations:
        out += [f"### {evaluation.participant}", ""]
        points = [p for p in evaluation.points if p.strip()]
        if not points:
            out.append(label("md.no_points", lang))
        for number, point in enumerate(points, start=1):
            out += _bullet(point, f"{number}.")
        out.append("")
    evaluated = {e.participant for e in meeting.evaluations}
    missing = [p.name for p in meeting.participants if p.name not in evaluated]
    if missing:
        line = label("md.no_evaluation", lang, names=", ".join(missing))
        out += [line[:-1] if line.endswith("..") else line, ""]  # a name like "Bo B." ends it
    return out


def _groups(meeting: Meeting, lang: Lang) -> list[str]:
    if not meeting.group_proposals:
        return []
    tz = meeting_start(meeting).tzinfo
    out = [f"## {label('md.groups', lang)}", ""]
    for proposal in meeting.group_proposals:
        at = label("md.at", lang, time=_clock(proposal.at.astimezone(tz)))
        out.append(f"- {_capitalised(at)}, {_place_of_step(meeting.case, proposal.step_key, lang)}")
        out.extend(
            f"  - {_capitalised(label('md.group', lang, n=n))}: {', '.join(names)}"
            for n, names in enumerate(proposal.groups, start=1)
        )
    return [*out, ""]


def _interruptions(meeting: Meeting, lang: Lang) -> list[str]:
    if not meeting.interruptions:
        return []
    tz = meeting_start(meeting).tzinfo
    out = [f"## {label('md.interruptions', lang)}", ""]
    for gap in meeting.interruptions:
        out.append(
            "- "
            + label(
                "md.interruption",
                lang,
                start=_clock(gap.start.astimezone(tz)),
                end=_clock(gap.end.astimezone(tz)),
                duration=_duration_words(gap.seconds, lang),
            )
        )
    return [*out, ""]


# --- plan: the action-plan (handleplan) draft ---------------------------------------------


def to_plan(
    meeting: Meeting,
    lang: str | None = None,
    *,
    followup_weeks: int | None = None,
    plan_date: date | None = None,
    presentation_date: date | None = None,
    followup_date: date | None = None,
) -> str:
    """A handleplan draft: a section per agreed proposal (or per proposal if none is agreed)."""
    lg = _lang(meeting, lang)
    case = meeting.case
    dates = follow_ups(
        meeting,
        followup_weeks=followup_weeks,
        plan_date=plan_date,
        presentation_date=presentation_date,
        followup_date=followup_date,
    )
    blank = label("plan.blank", lg)
    start = meeting_start(meeting)
    drafter = meeting.opsamling.action_plan_drafter or blank
    out = [f"# {label('plan.title', lg, title=case.title)}", ""]
    out += _preliminary(meeting, lg)
    out += [
        label("plan.from", lg, date=format_date(start.date(), lg), time=_clock(start)),
        "",
        f"- **{label('plan.drafter', lg)}:** {drafter}",
        f"- **{label('plan.deadline', lg)}:** {_deadline_text(meeting, lg, plan_date)}",
        "",
        label("plan.howto", lg, blank=blank),
        "",
    ]
    agreed = [p for p in meeting.proposals if p.agreed]
    chosen = agreed or list(meeting.proposals)
    if not meeting.proposals:
        out += [label("plan.no_proposals", lg), ""]
    elif not agreed:
        out += [f"> {label('plan.none_agreed', lg)}", ""]
    ordered = [p for _, items in _proposals_by_area(case, chosen) for p in items]
    for number, proposal in enumerate(ordered, start=1):
        out += _plan_section(meeting, proposal, number, lg)
    if not ordered:
        out += _plan_section(meeting, None, 1, lg)
    out += [f"## {label('plan.background', lg)}", ""]
    out += _learning_points(meeting, lg, "###")
    out += [f"## {label('plan.followups', lg)}", ""]
    followup = format_date(dates.followup, lg)
    if dates.followup_weeks is not None:
        followup += f" ({label('plan.weeks_after', lg, n=dates.followup_weeks)})"
    out += [
        f"- {label('plan.followup_plan', lg, date=format_date(dates.plan, lg))}",
        f"- {label('plan.followup_presentation', lg, date=format_date(dates.presentation, lg))}",
        f"- {label('plan.followup_meeting', lg, date=followup)}",
    ]
    return "\n".join(out) + "\n"


def _plan_section(
    meeting: Meeting, proposal: Proposal | None, number: int, lang: Lang
) -> list[str]:
    blank = label("plan.blank", lang)
    heading = label("plan.change", lang, n=number)
    if proposal is not None:
        heading += f": {_area_title(proposal.area, lang)} – {_first_line(proposal.text)}"
    out = [f"## {heading}", ""]
    if proposal is not None:
        status = label("plan.agreed" if proposal.agreed else "plan.not_agreed", lang)
        area = f"{label('plan.area', lang)}: {proposal.area or label('md.no_area', lang)}"
        out += [f"_{area} · {_proposal_meta(meeting, proposal, lang)} · {status}_", ""]
    out += [f"### {label('plan.what', lang)}", ""]
    out += [proposal.text if proposal is not None else blank, ""]
    out += [f"### {label('plan.why', lang)}", "", blank, ""]
    if proposal is not None:
        related = [
            p
            for p in meeting.learning_points
            if p.segment == proposal.segment and p.question == proposal.question
        ]
        if related:
            out += [label("plan.related", lang), ""]
            for point in related:
                out += _bullet(point.text)
            out.append("")
    who = proposal.responsible if proposal is not None and proposal.responsible else blank
    out += [
        f"### {label('plan.success', lang)}",
        "",
        blank,
        "",
        f"### {label('plan.done', lang)}",
        "",
        blank,
        "",
        f"### {label('plan.steps', lang)}",
        "",
        f"| # | {label('plan.step', lang)} | {label('plan.who', lang)} | "
        f"{label('plan.when', lang)} |",
        "|---:|---|---|---|",
        f"| 1 | {blank} | {_cell(who)} | {blank} |",
        f"| 2 | {blank} | {blank} | {blank} |",
        "",
        f"### {label('plan.test', lang)}",
        "",
        blank,
        "",
        f"### {label('plan.report', lang)}",
        "",
        blank,
        "",
    ]
    return out


# --- ics: the follow-ups as calendar events -----------------------------------------------


def event_uid(meeting: Meeting, kind: str) -> str:
    """Stable across exports of the same session: case id + start + kind."""
    key = f"{meeting.case.id}\n{meeting_start(meeting).isoformat()}\n{kind}"
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@caseroom"


def _ics_description(meeting: Meeting, lang: Lang, intro: str) -> str:
    lines = [f"{label('preliminary', lang)}.", intro] if is_preliminary(meeting) else [intro]
    if meeting.opsamling.action_plan_drafter:
        lines.append(label("ics.drafter", lang, name=meeting.opsamling.action_plan_drafter))
    lines.append("")
    if not meeting.proposals:
        lines.append(label("ics.no_proposals", lang))
    else:
        lines.append(label("ics.proposals", lang))
        for area, items in _proposals_by_area(meeting.case, meeting.proposals):
            for proposal in items:
                details = [
                    f"{label('md.responsible', lang).lower()}: "
                    f"{proposal.responsible or label('md.nobody', lang)}"
                ]
                if proposal.agreed:
                    details.append(label("ics.agreed", lang))
                text = one_line(proposal.text)
                lines.append(
                    f"- [{area or label('md.no_area', lang)}] {text} ({'; '.join(details)})"
                )
    return "\n".join(lines)


def _check_minutes(name: str, minutes: int) -> None:
    if not 1 <= minutes <= MAX_EVENT_MINUTES:
        raise ExportError(f"{name} must be 1–{MAX_EVENT_MINUTES} minutes, not {minutes}")


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
    """Three VEVENTs (action-plan meeting, presentation, follow-up) as iCalendar bytes.

    Events start at the meeting's time of day, as floating local times (the session records
    only a UTC offset, which would be wrong across a daylight-saving change). DTSTAMP is the
    meeting's start, so the same session always gives the same bytes.
    """
    lg = _lang(meeting, lang)
    for name, minutes in (
        ("the action-plan meeting", plan_minutes),
        ("the presentation", presentation_minutes),
        ("the follow-up meeting", followup_minutes),
    ):
        _check_minutes(name, minutes)
    dates = follow_ups(
        meeting,
        followup_weeks=followup_weeks,
        plan_date=plan_date,
        presentation_date=presentation_date,
        followup_date=followup_date,
    )
    start = meeting_start(meeting)
    meeting_day = format_date(start.date(), lg)
    time_of_day = time(start.hour, start.minute)
    title = meeting.case.title
    calendar = Calendar()
    calendar.add("prodid", "-//caseroom//caseroom//" + lg.upper())
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    for kind, day, minutes in (
        ("plan", dates.plan, plan_minutes),
        ("presentation", dates.presentation, presentation_minutes),
        ("followup", dates.followup, followup_minutes),
    ):
        begins = datetime.combine(day, time_of_day)
        event = Event()
        event.add("uid", event_uid(meeting, kind))
        event.add("dtstamp", start.astimezone(UTC))
        event.add("dtstart", begins)
        event.add("dtend", begins + timedelta(minutes=minutes))
        event.add("summary", label(f"ics.{kind}", lg, title=title))
        intro = label(f"ics.{kind}_text", lg, date=meeting_day)
        event.add("description", _ics_description(meeting, lg, intro))
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


# --- reading a session for export, and one entry point -----------------------------------


class _StillClock:
    """A clock standing at one instant: the session's last save."""

    def __init__(self, at: datetime) -> None:
        self._at = at

    def monotonic(self) -> float:
        return 0.0

    def now(self) -> datetime:
        return self._at


def load_for_export(path: Path, case_file: Path | None = None) -> Meeting:
    """The meeting as of its last save; reads the file, never writes it.

    A running session is followed (nothing is recorded as an interruption) on a clock that
    stands at `saved_at`, so what was running counts up to the last save and no further.
    Raises SessionFileError with one line.
    """
    saved = read_document(path).get("saved_at")
    if not isinstance(saved, datetime) or saved.tzinfo is None:
        saved = datetime.now(UTC)
    return load(path, _StillClock(saved), follow=True, case_file=case_file)


def salvage_for_export(
    path: Path, untrusted: UntrustedSessionError, case_file: Path | None = None
) -> tuple[Meeting, list[str]]:
    """The people and notes of a session whose figures fail their checks (`load_for_export`
    raised `untrusted`), and one line per problem (`session_file.salvage`): a broken figure
    never traps a clinic's notes."""
    return salvage(path, _StillClock(datetime.now(UTC)), untrusted, case_file=case_file)


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
