"""The meeting as every export sees it, computed once: `build_view(meeting, lang)`.

Rows and totals (people with their roles, the agenda planned against actual, speaking time,
captures grouped by where in the meeting they were made, the follow-up dates) as frozen
dataclasses of plain values. The renderings only arrange and word them: the Markdown summary
and the action-plan draft through templates, the calendar in code (`ics`).

The rules for dates after the meeting (the Opsamling deadline, `follow_ups`) and the order of
proposals by area live here, in one place, until the domain owns them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from itertools import pairwise

from caseroom.catalogue import MONTHS, WEEKDAYS, Lang, format_date, t
from caseroom.domain.captures import (
    PLAN_DAYS,
    Deadline,
    LearningPoint,
    Proposal,
    plan_deadline,
)
from caseroom.domain.captures import proposals_by_area as grouped_by_area
from caseroom.domain.case import Case
from caseroom.domain.errors import CaseroomError
from caseroom.domain.meeting import Meeting
from caseroom.domain.workdays import holiday_name, next_workday
from caseroom.store.export.text import capitalised, round_second

FOLLOWUP_WEEKS = (6, 12)
DEFAULT_FOLLOWUP_WEEKS = 8
PRESENTATION_DAYS = 14


class ExportError(CaseroomError):
    """An export cannot be made as asked (e.g. a follow-up date before the meeting)."""


# --- the view -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    title: str
    case_id: str
    day: date
    start: datetime  # when it started (when the session was made, if it never started)
    end: datetime | None  # None while it runs (or never ran)
    planned_end: datetime
    started: bool
    preliminary: bool  # not finished: the export says so
    saved: datetime  # the last save, which a preliminary export is as of


@dataclass(frozen=True)
class Person:
    name: str
    profession: str | None  # None: holds a role without taking part
    present: bool
    roles: tuple[str, ...]  # worded: 'mødeleder', …


@dataclass(frozen=True)
class AgendaRow:
    title: str  # a segment's title, or a question's 'spørgsmål 3: Section'
    planned_minutes: int
    extension_seconds: float
    actual_seconds: float | None  # None: not held
    is_question: bool


@dataclass(frozen=True)
class Agenda:
    rows: tuple[AgendaRow, ...]
    planned_minutes: int
    extension_seconds: float
    actual_seconds: float


@dataclass(frozen=True)
class TalkRow:
    name: str
    profession: str
    seconds: float
    turns: int


@dataclass(frozen=True)
class ProfessionRow:
    profession: str
    people: int
    seconds: float


@dataclass(frozen=True)
class Talk:
    total_seconds: float
    share_seconds: float  # an equal share of the total
    people: int
    rows: tuple[TalkRow, ...]
    silent: tuple[str, ...]  # did not get the floor
    professions: tuple[ProfessionRow, ...]


@dataclass(frozen=True)
class PlaceGroup:
    """The learning points made at one place of the meeting, in the agenda's order."""

    place: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class ProposalRow:
    text: str
    area: str  # as written ('' for none)
    area_title: str  # capitalised, or 'Uden område'
    agreed: bool
    responsible: str
    proposed_by: str
    place: str
    related: tuple[str, ...]  # learning points from the same place


@dataclass(frozen=True)
class AreaGroup:
    area: str
    title: str
    proposals: tuple[ProposalRow, ...]


@dataclass(frozen=True)
class Proposals:
    all: tuple[ProposalRow, ...]
    by_area: tuple[AreaGroup, ...]
    agreed: int
    plan: tuple[ProposalRow, ...]  # the action plan's changes: the agreed ones, else all


@dataclass(frozen=True)
class Opsamling:
    drafter: str  # '' when not decided
    deadline: str  # worded
    plan_deadline: str  # worded; the action-plan meeting's chosen date when none was decided


@dataclass(frozen=True)
class EvaluationView:
    participant: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class GroupsView:
    at: datetime  # in the meeting's offset
    place: str
    groups: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Interruption:
    start: datetime  # in the meeting's offset
    end: datetime
    seconds: float


FOLLOWUP_KINDS = ("plan", "presentation", "followup")


@dataclass(frozen=True)
class FollowUps:
    """The three dates after the meeting, each on a working day; `followup_weeks` is None
    unless the follow-up is that many weeks after the meeting. `moved_from`: the day each one
    that fell on a weekend or a public holiday was moved from (by kind: 'plan', …); `notes`:
    that said in the view's language, '' for a date that was not moved (every kind)."""

    meeting: date
    plan: date
    presentation: date
    followup: date
    followup_weeks: int | None
    moved_from: Mapping[str, date] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Schedule:
    """The dates a user chose for the follow-ups (None: the default)."""

    followup_weeks: int | None = None
    plan_date: date | None = None
    presentation_date: date | None = None
    followup_date: date | None = None


@dataclass(frozen=True)
class MeetingView:
    lang: Lang
    header: Header
    people: tuple[Person, ...]
    agenda: Agenda
    talk: Talk | None  # None: nobody's speaking time was tracked
    learning: tuple[PlaceGroup, ...]
    proposals: Proposals
    opsamling: Opsamling
    evaluations: tuple[EvaluationView, ...]
    not_evaluated: tuple[str, ...]
    groups: tuple[GroupsView, ...]
    interruptions: tuple[Interruption, ...]
    followups: FollowUps | None  # only when asked for (a schedule): the dates may be refused


def build_view(meeting: Meeting, lang: Lang, schedule: Schedule | None = None) -> MeetingView:
    """The view of `meeting` in `lang`; with a `schedule`, its follow-up dates too (which
    raises ExportError for dates that cannot be)."""
    followups = None
    if schedule is not None:
        followups = follow_ups(
            meeting,
            followup_weeks=schedule.followup_weeks,
            plan_date=schedule.plan_date,
            presentation_date=schedule.presentation_date,
            followup_date=schedule.followup_date,
        )
        notes = {kind: "" for kind in FOLLOWUP_KINDS}
        notes |= {kind: moved_note(day, lang) for kind, day in followups.moved_from.items()}
        followups = replace(followups, notes=notes)
    plan_date = schedule.plan_date if schedule is not None else None
    return MeetingView(
        lang=lang,
        header=_header(meeting),
        people=_people(meeting, lang),
        agenda=_agenda(meeting, lang),
        talk=_talk(meeting),
        learning=_learning(meeting, lang),
        proposals=_proposals(meeting, lang),
        opsamling=Opsamling(
            drafter=meeting.opsamling.action_plan_drafter,
            deadline=_deadline_text(meeting, lang),
            plan_deadline=_deadline_text(meeting, lang, plan_date),
        ),
        evaluations=tuple(
            EvaluationView(e.participant, tuple(p for p in e.points if p.strip()))
            for e in meeting.evaluations
        ),
        not_evaluated=_not_evaluated(meeting),
        groups=_groups(meeting, lang),
        interruptions=_interruptions(meeting),
        followups=followups,
    )


# --- when ---------------------------------------------------------------------------------


def meeting_start(meeting: Meeting) -> datetime:
    """When the meeting started (when the session was created, if it never started)."""
    agenda = meeting.agenda
    if agenda.started_at is None:
        return round_second(meeting.created_at)
    return round_second(agenda.wall(agenda.started_at))


def meeting_end(meeting: Meeting) -> datetime | None:
    agenda = meeting.agenda
    if agenda.finished_at is None:
        return None
    return round_second(agenda.wall(agenda.finished_at)).astimezone(meeting_start(meeting).tzinfo)


def is_preliminary(meeting: Meeting) -> bool:
    return meeting.status != "finished"


def _header(meeting: Meeting) -> Header:
    start = meeting_start(meeting)
    return Header(
        title=meeting.case.title,
        case_id=meeting.case.id,
        day=start.date(),
        start=start,
        end=meeting_end(meeting),
        planned_end=start + timedelta(minutes=meeting.case.total_minutes),
        started=meeting.agenda.started_at is not None,
        preliminary=is_preliminary(meeting),
        saved=round_second(meeting.clock.now()),
    )


# --- where in the meeting -----------------------------------------------------------------


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
    text = f"{title} – {t('md.question', lang, n=number)}"
    section = case.section(questions[number - 1].section)
    return f"{text}: {section.title}" if section is not None else text


def _place_of_step(case: Case, step_key: str, lang: Lang) -> str:
    segment_id, _, question_id = step_key.partition("/")
    return place(case, segment_id, question_id or None, lang)


# --- people, agenda, speaking time --------------------------------------------------------


def _roles_of(meeting: Meeting, name: str, lang: Lang) -> tuple[str, ...]:
    roles = meeting.roles
    return tuple(
        t(f"role.{key}", lang).lower()  # the screen's "Mødeleder", in a sentence
        for key, holder in (
            ("leader", roles.leader),
            ("timekeeper", roles.timekeeper),
            ("note_taker", roles.note_taker),
        )
        if holder and holder == name
    )


def _people(meeting: Meeting, lang: Lang) -> tuple[Person, ...]:
    """The participants, then whoever holds a role without taking part."""
    names = [p.name for p in meeting.participants]
    holders = [meeting.roles.leader, meeting.roles.timekeeper, meeting.roles.note_taker]
    outsiders = [h for h in dict.fromkeys(holders) if h and h not in names]
    people = [
        Person(p.name, p.profession, p.present, _roles_of(meeting, p.name, lang))
        for p in meeting.participants
    ]
    people += [Person(name, None, True, _roles_of(meeting, name, lang)) for name in outsiders]
    return tuple(people)


def _agenda(meeting: Meeting, lang: Lang) -> Agenda:
    agenda = meeting.agenda
    now = agenda.now()
    rows: list[AgendaRow] = []
    total_extension = 0.0
    total_actual = 0.0
    for index in agenda.segment_order():
        segment = meeting.case.segments[index]
        steps = agenda.segment_steps(index)
        extension = sum(s.extension_seconds for s in steps)
        total_extension += extension
        actual = None
        if agenda.segment_has_run(index):
            actual = max(0.0, agenda.segment_elapsed(index))
            total_actual += actual
        rows.append(AgendaRow(segment.title, segment.minutes, extension, actual, False))
        for step in steps if segment.kind == "case" else []:
            if step.question is None:
                continue
            name = place(meeting.case, segment.id, step.question.id, lang)
            rows.append(
                AgendaRow(
                    title=name.partition(" – ")[2],
                    planned_minutes=step.question.minutes,
                    extension_seconds=step.extension_seconds,
                    actual_seconds=max(0.0, step.elapsed(now)) if step.has_run else None,
                    is_question=True,
                )
            )
    return Agenda(tuple(rows), meeting.case.total_minutes, total_extension, total_actual)


def _talk(meeting: Meeting) -> Talk | None:
    talk = meeting.talk
    if not talk.turns:
        return None
    now = meeting.agenda.now()
    people = meeting.participants
    spoken = {p.name: max(0.0, talk.spoken_seconds(p.name, now)) for p in people}
    total = sum(spoken.values())
    professions: dict[str, list[str]] = {}
    for person in people:
        professions.setdefault(person.profession, []).append(person.name)
    return Talk(
        total_seconds=total,
        share_seconds=total / len(people) if people else 0.0,
        people=len(people),
        rows=tuple(
            TalkRow(p.name, p.profession, spoken[p.name], talk.turn_count(p.name)) for p in people
        ),
        silent=tuple(p.name for p in people if talk.turn_count(p.name) == 0),
        professions=tuple(
            ProfessionRow(profession, len(names), sum(spoken[n] for n in names))
            for profession, names in professions.items()
        ),
    )


# --- captures -----------------------------------------------------------------------------


def _grouped_points(
    case: Case, points: Iterable[LearningPoint]
) -> list[tuple[tuple[str, str | None], list[LearningPoint]]]:
    order = _step_order(case)
    groups: dict[tuple[str, str | None], list[LearningPoint]] = {}
    for point in points:
        groups.setdefault((point.segment, point.question), []).append(point)
    return sorted(groups.items(), key=lambda item: order.get(item[0], len(order)))


def _learning(meeting: Meeting, lang: Lang) -> tuple[PlaceGroup, ...]:
    return tuple(
        PlaceGroup(
            place(meeting.case, segment_id, question_id, lang), tuple(p.text for p in points)
        )
        for (segment_id, question_id), points in _grouped_points(
            meeting.case, meeting.learning_points
        )
    )


def proposals_by_area(case: Case, proposals: list[Proposal]) -> list[tuple[str, list[Proposal]]]:
    """The case's areas in its order, then others as first named, then proposals without: the
    domain's order (`captures.proposals_by_area`), as the Opsamling list shows it."""
    return [
        (area, [proposals[i] for i in indices])
        for area, indices in grouped_by_area(case.areas, proposals)
    ]


def _area_title(area: str, lang: Lang) -> str:
    return capitalised(area) if area else t("md.no_area", lang)


def _proposal_row(meeting: Meeting, proposal: Proposal, lang: Lang) -> ProposalRow:
    return ProposalRow(
        text=proposal.text,
        area=proposal.area,
        area_title=_area_title(proposal.area, lang),
        agreed=proposal.agreed,
        responsible=proposal.responsible,
        proposed_by=proposal.proposed_by,
        place=place(meeting.case, proposal.segment, proposal.question, lang),
        related=tuple(
            point.text
            for point in meeting.learning_points
            if point.segment == proposal.segment and point.question == proposal.question
        ),
    )


def _proposals(meeting: Meeting, lang: Lang) -> Proposals:
    case = meeting.case
    row_of = {id(p): _proposal_row(meeting, p, lang) for p in meeting.proposals}

    def rows(proposals: Iterable[Proposal]) -> tuple[ProposalRow, ...]:
        return tuple(row_of[id(p)] for p in proposals)

    agreed = [p for p in meeting.proposals if p.agreed]
    chosen = agreed or list(meeting.proposals)
    return Proposals(
        all=rows(meeting.proposals),
        by_area=tuple(
            AreaGroup(area, _area_title(area, lang), rows(items))
            for area, items in proposals_by_area(case, list(meeting.proposals))
        ),
        agreed=len(agreed),
        plan=rows(p for _, items in proposals_by_area(case, chosen) for p in items),
    )


def _not_evaluated(meeting: Meeting) -> tuple[str, ...]:
    evaluated = {e.participant for e in meeting.evaluations}
    return tuple(p.name for p in meeting.participants if p.name not in evaluated)


def _groups(meeting: Meeting, lang: Lang) -> tuple[GroupsView, ...]:
    tz = meeting_start(meeting).tzinfo
    return tuple(
        GroupsView(
            at=g.at.astimezone(tz),
            place=_place_of_step(meeting.case, g.step_key, lang),
            groups=tuple(tuple(names) for names in g.groups),
        )
        for g in meeting.group_proposals
    )


def _interruptions(meeting: Meeting) -> tuple[Interruption, ...]:
    tz = meeting_start(meeting).tzinfo
    return tuple(
        Interruption(gap.start.astimezone(tz), gap.end.astimezone(tz), gap.seconds)
        for gap in meeting.interruptions
    )


# --- the deadline and the dates after the meeting ------------------------------------------


def _deadline(meeting: Meeting) -> Deadline:
    """The Opsamling deadline read by the domain's one rule, for the meeting's day."""
    return plan_deadline(meeting.opsamling.deadline, meeting_start(meeting).date())


def _deadline_text(meeting: Meeting, lang: Lang, chosen: date | None = None) -> str:
    """The Opsamling deadline, else a date chosen for the plan meeting, else a week on."""
    deadline = _deadline(meeting)
    if deadline.day is not None:
        return format_date(deadline.day, lang)
    if deadline.text:
        return deadline.text
    if chosen is not None:
        return format_date(chosen, lang)
    return t("md.default_deadline", lang, date=format_date(deadline.default, lang))


def moved_note(wanted: date, lang: Lang) -> str:
    """Why a date after the meeting is not the one asked for: 'flyttet fra lørdag 26.12.:
    Anden juledag' / 'moved from Sunday 27 December: weekend'."""
    weekday = WEEKDAYS[lang][wanted.weekday()]
    if lang == "da":
        day = f"{weekday} {wanted.day}.{wanted.month}."
    else:
        day = f"{weekday} {wanted.day} {MONTHS['en'][wanted.month - 1]}"
    reason = holiday_name(wanted, lang) or t("export.weekend", lang)
    return t("export.moved_from", lang, day=day, reason=reason)


def follow_ups(
    meeting: Meeting,
    *,
    followup_weeks: int | None = None,
    plan_date: date | None = None,
    presentation_date: date | None = None,
    followup_date: date | None = None,
) -> FollowUps:
    """Default: the Opsamling deadline (else a week), two weeks, eight weeks after the meeting.

    The three come in that order, on different days, each on a working day: a date (chosen or
    not) on a weekend or a Danish public holiday moves to the next working day
    (`workdays.next_workday`), and `moved_from` says from which. Left to their defaults, the
    presentation comes at least a week after the action-plan meeting and the follow-up at
    least six weeks after the presentation, however late the deadline; dates chosen out of
    order are refused.
    """
    low, high = FOLLOWUP_WEEKS
    if followup_weeks is not None and not low <= followup_weeks <= high:
        raise ExportError(
            f"the follow-up comes {low}–{high} weeks after the meeting, not {followup_weeks}"
        )
    day = meeting_start(meeting).date()
    moved_from: dict[str, date] = {}

    def held(kind: str, wanted: date) -> date:
        move = next_workday(wanted)
        if move.moved:
            moved_from[kind] = wanted
        return move.day

    wanted_plan = plan_date or _deadline(meeting).due
    plan = held("plan", wanted_plan)
    wanted_presentation = presentation_date or max(
        day + timedelta(days=PRESENTATION_DAYS),
        plan + timedelta(days=PRESENTATION_DAYS - PLAN_DAYS),
    )
    presentation = held("presentation", wanted_presentation)
    weeks = DEFAULT_FOLLOWUP_WEEKS if followup_weeks is None else followup_weeks
    wanted_followup = followup_date or day + timedelta(weeks=weeks)
    if followup_date is None and followup_weeks is None:  # after a late plan
        wanted_followup = max(wanted_followup, presentation + timedelta(weeks=low))
    followup = held("followup", wanted_followup)
    for what, chosen in (
        ("the action-plan meeting", wanted_plan),
        ("the presentation", wanted_presentation),
        ("the follow-up meeting", wanted_followup),
    ):
        if chosen < day:
            hint = (
                "; it is the Opsamling deadline in the session: choose a date with --plan-date"
                if plan_date is None and chosen is wanted_plan and what == "the action-plan meeting"
                else ""
            )
            raise ExportError(
                f"{what} ({chosen.isoformat()}) would be before the case meeting "
                f"({day.isoformat()}){hint}"
            )

    def shown(kind: str, held_on: date) -> str:
        wanted = moved_from.get(kind)
        moved = f", moved from {wanted.isoformat()}: not a working day" if wanted else ""
        return f"{held_on.isoformat()}{moved}"

    for (first, first_kind, first_day, first_option), (
        then,
        then_kind,
        then_day,
        then_option,
    ) in pairwise(
        (
            ("the action-plan meeting", "plan", plan, "--plan-date"),
            ("the presentation", "presentation", presentation, "--presentation-date"),
            ("the follow-up meeting", "followup", followup, "--followup-date"),
        )
    ):
        if then_day <= first_day:
            raise ExportError(
                f"{then} ({shown(then_kind, then_day)}) would not come after {first} "
                f"({shown(first_kind, first_day)}): choose dates in that order with "
                f"{first_option} and {then_option}"
            )
    in_weeks = (
        weeks if wanted_followup == day + timedelta(weeks=weeks) and not followup_date else None
    )
    return FollowUps(day, plan, presentation, followup, in_weeks, moved_from)
