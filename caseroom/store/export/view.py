"""The meeting as every export sees it, computed once: `build_view(meeting, lang)`.

Rows and totals (people with their roles, the agenda planned against actual, speaking time,
captures grouped by where in the meeting they were made, the follow-up dates) as frozen
dataclasses of plain values. The renderings only arrange and word them: the Markdown summary
and the action-plan draft through templates, the calendar in code (`ics`).

The rules for dates after the meeting (the Opsamling deadline, `follow_ups`) and the order of
proposals by area live here, in one place, until the domain owns them.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import PurePath, PureWindowsPath

from caseroom.catalogue import MONTHS, WEEKDAYS, Lang, format_date, t
from caseroom.domain.captures import (
    PLAN_DAYS,
    Deadline,
    LearningPoint,
    Proposal,
    plan_deadline,
)
from caseroom.domain.captures import proposals_by_area as grouped_by_area
from caseroom.domain.case import Case, Question
from caseroom.domain.errors import CaseroomError
from caseroom.domain.followup import ITEM_STATUSES, STATUS_LABEL_KEYS, FollowItem
from caseroom.domain.meeting import Meeting
from caseroom.domain.talk import equity
from caseroom.domain.workdays import holiday_name, next_workday
from caseroom.store.cases import BUNDLED_PREFIX
from caseroom.store.export.text import capitalised, round_second

FOLLOWUP_WEEKS = (6, 12)
NEXT_MONTHS = (6, 12)
"""A follow-up's next follow-ups: this many months after the chain's first meeting (3d: book
the next follow-up and the evaluation at 6 months and 1 year)."""
MAX_NEXT_MONTHS = 60
DEFAULT_FOLLOWUP_WEEKS = 8
PRESENTATION_DAYS = 14
QUESTION_WORDS_WIDTH = 48  # a question without a title: its first words, up to this many


class ExportError(CaseroomError):
    """An export cannot be made as asked (e.g. a follow-up date before the meeting)."""


# --- the view -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    title: str
    case_id: str
    case_file: str  # the case file's name ('t2d-aarsstatus.toml'), not its folder
    day: date
    start: datetime  # when it started (when the session was made, if it never started)
    end: datetime | None  # None while it runs (or never ran)
    planned_start: datetime  # the plan's start: the planned start, else the start
    planned_end: datetime
    planned: bool  # a planned start was set (`--start`, the start screen, the case)
    start_lateness: float | None  # seconds late (negative: early) against the planned start
    started: bool
    preliminary: bool  # not finished: the export says so
    saved: datetime  # the last save, which a preliminary export is as of


@dataclass(frozen=True)
class Person:
    name: str
    profession: str | None  # None: holds a role without taking part
    present: bool
    roles: tuple[str, ...]  # worded: 'mødeleder', …
    clinic: str = ""  # "" when not given


@dataclass(frozen=True)
class AgendaRow:
    title: str  # a segment's title, or a question's own ('Spørgsmål 3: Its first words…')
    planned_minutes: int
    extension_seconds: float
    actual_seconds: float | None  # None: not held
    is_question: bool
    equity: float | None = None  # of the speaking time in it (talk.equity); None: no figure


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
    equity: float | None  # the whole meeting's (talk.equity); None: fewer than two spoke
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
    agreed: int  # agreed (chosen, where the room chooses: `MeetingView.plan_mode`)
    plan: tuple[ProposalRow, ...]  # the action plan's changes: the agreed ones, else all
    chosen: tuple[ProposalRow, ...]  # the agreed ones, by area
    not_chosen: tuple[ProposalRow, ...]  # the others, by area


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
class TimeSpan:
    """A stretch of the meeting's wall-clock time: a pause, or a break taken early."""

    start: datetime  # in the meeting's offset
    end: datetime
    seconds: float
    place: str  # where the meeting stood (a pause), or what the break interrupted


@dataclass(frozen=True)
class TimeAccount:
    """Where the time from the start to the end (or the last save) went: the agenda's items,
    pauses (the clock stood still) and the time the app was down; `rest` is what these do
    not explain (nothing, up to rounding). Breaks taken early are agenda time, listed."""

    wall_seconds: float
    agenda_seconds: float
    pauses: tuple[TimeSpan, ...]
    pause_seconds: float
    down_seconds: float
    early_breaks: tuple[TimeSpan, ...]

    @property
    def rest(self) -> float:
        return self.wall_seconds - self.agenda_seconds - self.pause_seconds - self.down_seconds


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
class ItemRow:
    """An item of a follow-up (an earlier proposal, or an earlier follow-up's item): then and
    now. `status` is the status's key ('done', …; '' while not reviewed), the rest worded."""

    number: int
    id: str
    text: str
    area_title: str
    proposed_by: str
    then: str  # 'aftalt' / 'foreslået', or the status an earlier follow-up recorded
    responsible: str  # as it was agreed then
    status: str
    status_text: str
    learned: str
    next_step: str
    next_responsible: str
    next_due: date | None


@dataclass(frozen=True)
class NextMeeting:
    """A next follow-up of the chain: `months` after its first meeting, on a working day."""

    months: int
    wanted: date
    day: date
    note: str  # why it moved from `wanted` ('' when it did not), worded


@dataclass(frozen=True)
class FollowView:
    """What a follow-up continues (`[continues]`) and its items, then and now."""

    case_title: str  # of the meeting it continues
    started: datetime  # that meeting's start
    file_name: str  # that meeting's session file, its name only
    first_case_id: str
    first_title: str  # the first meeting's case title where known, else its case id
    first_started: datetime  # the chain's first meeting
    first_is_continued: bool  # the meeting it continues is the chain's first
    items: tuple[ItemRow, ...]
    counts: tuple[tuple[int, str], ...]  # (how many, status worded), in the statuses' order
    # the items with a next step, someone to take it or a date for it, by due date (none
    # last); and those with none of the three
    next_steps: tuple[ItemRow, ...]
    without_next_step: tuple[ItemRow, ...]
    next_meetings: tuple[NextMeeting, ...]  # only after this meeting; () unless asked for
    months: tuple[int, ...] = NEXT_MONTHS  # the months after the first meeting asked for


@dataclass(frozen=True)
class MeetingView:
    lang: Lang
    # how proposals become an action plan (the case's [action_plan] made): "after" (drafted by
    # management: the case meeting), "in-meeting" (chosen by the room), "none"
    plan_mode: str
    closing_prompt: str | None  # what the closing round asks, if the case words it
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
    time: TimeAccount | None  # None: it never started
    followups: FollowUps | None  # only when asked for (a schedule): the dates may be refused
    follow: FollowView | None = None  # a follow-up (`caseroom run --from`); None otherwise


def build_view(
    meeting: Meeting,
    lang: Lang,
    schedule: Schedule | None = None,
    *,
    next_months: Sequence[int] | None = None,
) -> MeetingView:
    """The view of `meeting` in `lang`; with a `schedule`, its follow-up dates too (which
    raises ExportError for dates that cannot be). A follow-up's next meetings (`next_months`
    after the chain's first) are in `follow` when `next_months` is given."""
    followups = None
    if schedule is not None and meeting.follow.continues is None:
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
        plan_mode=meeting.case.plan_mode,
        closing_prompt=meeting.case.closing.prompt,
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
        time=_time_account(meeting, lang),
        followups=followups,
        follow=_follow(meeting, lang, next_months),
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


def case_file_name(meeting: Meeting) -> str:
    """The case file's name as the session records it ('t2d-aarsstatus.toml' for a bundled
    case too); the case's id for a session that does not record its file."""
    source = meeting.case_source
    if not source:
        return meeting.case.id
    if source.startswith(BUNDLED_PREFIX):
        return f"{source.removeprefix(BUNDLED_PREFIX)}.toml"
    return PurePath(source).name


def _header(meeting: Meeting) -> Header:
    start = meeting_start(meeting)
    agenda = meeting.agenda
    planned = agenda.planned_start
    planned_start = start if planned is None else round_second(planned).astimezone(start.tzinfo)
    return Header(
        title=meeting.case.title,
        case_id=meeting.case.id,
        case_file=case_file_name(meeting),
        day=start.date(),
        start=start,
        end=meeting_end(meeting),
        planned_start=planned_start,
        planned_end=planned_start + timedelta(minutes=meeting.case.total_minutes),
        planned=planned is not None,
        start_lateness=agenda.start_lateness_seconds(),
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
    return f"{title} – {question_label(questions[number - 1], number, lang)}"


def question_label(question: Question, number: int, lang: Lang) -> str:
    """A question by its own title, else 'spørgsmål 3: Its first words…' (not its section's
    title, which several questions share)."""
    if question.title:
        return question.title
    return f"{t('md.question', lang, n=number)}: {first_words(question.text)}"


def first_words(text: str, width: int = QUESTION_WORDS_WIDTH) -> str:
    """The text's first words, in `width` characters with "…" when there is more."""
    words = text.split()
    line = ""
    for word in words:
        longer = f"{line} {word}" if line else word
        if len(longer) > width - 1:
            break
        line = longer
    if not line and words:  # one long word
        line = words[0][: width - 1]
    return line + ("…" if line != " ".join(words) else "")


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
        Person(p.name, p.profession, p.present, _roles_of(meeting, p.name, lang), p.clinic)
        for p in meeting.participants
    ]
    people += [Person(name, None, True, _roles_of(meeting, name, lang)) for name in outsiders]
    return tuple(people)


def _equity_in(meeting: Meeting, keys: set[str]) -> float | None:
    """The equity of the speaking time in these steps, among everyone who took part."""
    names = [p.name for p in meeting.participants]
    return equity(meeting.talk.seconds_by_person(names, meeting.agenda.now(), keys).values())


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
        keys = {s.key for s in steps}
        rows.append(
            AgendaRow(
                segment.title,
                segment.minutes,
                extension,
                actual,
                False,
                _equity_in(meeting, keys) if actual is not None else None,
            )
        )
        for number, step in enumerate(s for s in steps if s.item is not None):
            item = step.item
            assert item is not None
            rows.append(  # a follow-up's item: the time it took, as a question's
                AgendaRow(
                    title=f"{number + 1}. {first_words(item.text)}",
                    planned_minutes=item.minutes,
                    extension_seconds=step.extension_seconds,
                    actual_seconds=max(0.0, step.elapsed(now)) if step.has_run else None,
                    is_question=True,
                    equity=_equity_in(meeting, {step.key}) if step.has_run else None,
                )
            )
        questions = meeting.case.questions_of(segment.id)
        for step in steps if segment.kind == "case" else []:
            if step.question is None:
                continue
            number = questions.index(step.question) + 1
            rows.append(
                AgendaRow(
                    title=capitalised(question_label(step.question, number, lang)),
                    planned_minutes=step.question.minutes,
                    extension_seconds=step.extension_seconds,
                    actual_seconds=max(0.0, step.elapsed(now)) if step.has_run else None,
                    is_question=True,
                    equity=_equity_in(meeting, {step.key}) if step.has_run else None,
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
        equity=equity(spoken.values()),
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
    others = [p for p in meeting.proposals if not p.agreed]
    return Proposals(
        all=rows(meeting.proposals),
        by_area=tuple(
            AreaGroup(area, _area_title(area, lang), rows(items))
            for area, items in proposals_by_area(case, list(meeting.proposals))
        ),
        agreed=len(agreed),
        plan=rows(p for _, items in proposals_by_area(case, chosen) for p in items),
        chosen=rows(p for _, items in proposals_by_area(case, agreed) for p in items),
        not_chosen=rows(p for _, items in proposals_by_area(case, others) for p in items),
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


def _time_account(meeting: Meeting, lang: Lang) -> TimeAccount | None:
    agenda = meeting.agenda
    if agenda.started_at is None:
        return None
    tz = meeting_start(meeting).tzinfo
    now = agenda.now()

    def span(start: float, end: float, where: str) -> TimeSpan:
        return TimeSpan(
            round_second(agenda.wall(start)).astimezone(tz),
            round_second(agenda.wall(end)).astimezone(tz),
            max(0.0, end - start),
            where,
        )

    pauses: list[TimeSpan] = []
    merged: list[tuple[float, float, str]] = []
    for pause in agenda.pauses:
        end = now if pause.end is None else pause.end
        if merged and abs(merged[-1][1] - pause.start) < 1e-6:  # one pause over a step change
            merged[-1] = (merged[-1][0], end, merged[-1][2])
        else:
            merged.append((pause.start, end, pause.step_key))
    for start, end, key in merged:
        if end > start:
            pauses.append(span(start, end, _place_of_step(meeting.case, key, lang)))
    early = []
    for brk, interrupted in agenda.early_breaks():
        first, last = brk.spans[0], brk.spans[-1]
        early.append(
            span(
                first.start,
                now if last.end is None else last.end,
                _place_of_step(meeting.case, interrupted.key, lang),
            )
        )
    return TimeAccount(
        wall_seconds=agenda.run_seconds(),
        agenda_seconds=sum(s.elapsed(now) for s in agenda.steps),
        pauses=tuple(pauses),
        pause_seconds=sum(p.seconds for p in pauses),
        down_seconds=sum(gap.seconds for gap in meeting.interruptions),
        early_breaks=tuple(early),
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
    A meeting whose room chooses its proposals itself has no action-plan meeting and no
    presentation: only the follow-up counts (after the meeting), and the other two cannot be
    chosen.
    """
    if meeting.case.plan_mode != "after":
        return _follow_up_only(meeting, followup_weeks, plan_date, presentation_date, followup_date)
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


def _follow_up_only(
    meeting: Meeting,
    followup_weeks: int | None,
    plan_date: date | None,
    presentation_date: date | None,
    followup_date: date | None,
) -> FollowUps:
    """`follow_ups` of a meeting without an action-plan meeting or a presentation."""
    for option, chosen in (("--plan-date", plan_date), ("--presentation-date", presentation_date)):
        if chosen is not None:
            raise ExportError(
                f"{option}: '{meeting.case.id}' makes no action plan with management (its case "
                'file\'s [action_plan] made is not "after"): only the follow-up has a date'
            )
    low, high = FOLLOWUP_WEEKS
    if followup_weeks is not None and not low <= followup_weeks <= high:
        raise ExportError(
            f"the follow-up comes {low}–{high} weeks after the meeting, not {followup_weeks}"
        )
    day = meeting_start(meeting).date()
    weeks = DEFAULT_FOLLOWUP_WEEKS if followup_weeks is None else followup_weeks
    wanted = followup_date or day + timedelta(weeks=weeks)
    if wanted <= day:
        raise ExportError(
            f"the follow-up meeting ({wanted.isoformat()}) would not come after the meeting "
            f"({day.isoformat()})"
        )
    move = next_workday(wanted)
    moved_from = {"followup": wanted} if move.moved else {}
    in_weeks = weeks if followup_date is None else None
    return FollowUps(day, day, day, move.day, in_weeks, moved_from)


# --- a follow-up: what it continues, its items then and now, the next meetings --------------


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day where it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_meetings(meeting: Meeting, months: Sequence[int], lang: Lang) -> tuple[NextMeeting, ...]:
    """The follow-ups `months` after the chain's first meeting (`first_started_at`) that come
    after this meeting's day, each on a working day (`workdays.next_workday`, the move said
    as the other dates after a meeting say it). () for a meeting that continues nothing."""
    continues = meeting.follow.continues
    if continues is None:
        return ()
    day = meeting_start(meeting).date()
    first = continues.first_started_at.date()
    found = []
    for n in sorted(set(months)):
        wanted = add_months(first, n)
        move = next_workday(wanted)
        if move.day > day:
            found.append(
                NextMeeting(n, wanted, move.day, moved_note(wanted, lang) if move.moved else "")
            )
    return tuple(found)


def _then(item: FollowItem, lang: Lang) -> str:
    if item.then is not None:
        return t(STATUS_LABEL_KEYS[item.then], lang)
    return t("ics.agreed", lang) if item.agreed else t("md.proposed", lang)


def _item_row(number: int, item: FollowItem, lang: Lang) -> ItemRow:
    return ItemRow(
        number=number,
        id=item.id,
        text=item.text,
        area_title=_area_title(item.area, lang),
        proposed_by=item.proposed_by,
        then=_then(item, lang),
        responsible=item.responsible,
        status=item.status or "",
        status_text=t(STATUS_LABEL_KEYS[item.status] if item.status else "status.none", lang),
        learned=item.learned,
        next_step=item.next_step,
        next_responsible=item.next_responsible,
        next_due=item.next_due,
    )


def _has_next(row: ItemRow) -> bool:
    """Whether the room set anything of the item's next step: a step, who, or a date."""
    return bool(row.next_step or row.next_responsible or row.next_due)


def _file_name(path: str) -> str:
    """A recorded path's file name, whichever system wrote it."""
    return PureWindowsPath(path).name if "\\" in path else PurePath(path).name


def _follow(meeting: Meeting, lang: Lang, months: Sequence[int] | None) -> FollowView | None:
    continues = meeting.follow.continues
    if continues is None:
        return None
    rows = tuple(_item_row(n, item, lang) for n, item in enumerate(meeting.items, start=1))
    counts = [
        (sum(1 for r in rows if r.status == status), t(STATUS_LABEL_KEYS[status], lang))
        for status in ITEM_STATUSES
    ]
    counts.append((sum(1 for r in rows if not r.status), t("status.none", lang)))
    far = date.max
    first_is_continued = (continues.first_case_id, continues.first_started_at) == (
        continues.case_id,
        continues.started_at,
    )
    return FollowView(
        case_title=continues.case_title or continues.case_id,
        started=continues.started_at,
        file_name=_file_name(continues.path),
        first_case_id=continues.first_case_id,
        first_title=(
            continues.case_title
            if first_is_continued
            else continues.first_case_title or continues.first_case_id
        ),
        first_started=continues.first_started_at,
        first_is_continued=first_is_continued,
        items=rows,
        counts=tuple((n, label) for n, label in counts if n),
        next_steps=tuple(
            sorted((r for r in rows if _has_next(r)), key=lambda r: (r.next_due or far, r.number))
        ),
        without_next_step=tuple(r for r in rows if not _has_next(r)),
        next_meetings=next_meetings(meeting, months, lang) if months is not None else (),
        months=tuple(sorted(set(months))) if months is not None else NEXT_MONTHS,
    )
