"""The meeting: one case run by one group of people, everything a session file records."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from enum import Enum
from typing import Any, Literal

from caseroom.domain.agenda import AgendaRun, RunState, Step
from caseroom.domain.captures import (
    MAX_CAPTURE_LENGTH,
    Deadline,
    Evaluation,
    LearningPoint,
    NoteIds,
    OpsamlingDecisions,
    Proposal,
    clean_line,
    clean_text,
    ids_as_loaded,
    one_line,
    plain_text,
    plan_deadline,
)
from caseroom.domain.case import Case, Factbox, GroupBy, RoundOrder, Segment
from caseroom.domain.clock import Clock, SpeedClock
from caseroom.domain.errors import ALLOWED, DomainError, Verdict, blocked
from caseroom.domain.followup import FollowItem, FollowUp, due_date, status_of
from caseroom.domain.inbox import InboxRecord, note_values
from caseroom.domain.people import (
    Participant,
    Roles,
    add_participant,
    hierarchy_order,
    move_participant,
    new_participant,
    propose_groups,
)
from caseroom.domain.talk import TalkRound, TalkTracker


class MeetingAction(Enum):
    """What can be asked of a meeting that may not be possible now: `Meeting.can(action)`
    says whether it is, and if not, why (the code of the DomainError doing it would raise).

    The argument `can` takes, where one matters, is noted with each.
    """

    START = "start"
    TOGGLE_PAUSE = "toggle_pause"  # pause, or resume a paused meeting
    NEXT = "next"
    BACK = "back"
    EXTEND = "extend"  # minutes more (negative: less); 1 if not given
    TAKE_BREAK = "take_break"
    FINISH = "finish"
    SPEAK = "speak"  # a seat number (1…, the digit keys; 0: nobody) or a name; none: anyone
    ROUND_START = "round_start"  # who starts; none: anyone present
    ROUND_NEXT = "round_next"  # the next one in the round, or skip the current one
    ROUND_END = "round_end"
    REFLECT = "reflect"  # silent reflection
    GROUPS = "groups"  # propose small groups
    FACTS = "facts"  # the current question's fact boxes
    UNDO_DELETE = "undo_delete"
    PLAN = "plan"  # who drafts the action plan (or takes the chosen proposals forward):
    # in an Opsamling, unless the case makes no action plan
    EVALUATE = "evaluate"  # the evaluation round's points
    RECORD_ITEM = "record_item"  # an item's status, learned, next step (a status segment's
    # item step; an item id as the argument asks about that item, wherever the meeting is)


@dataclass
class GroupProposal:
    at: datetime
    step_key: str
    groups: list[list[str]]
    by: GroupBy = "professions"  # how they were formed (`Case.group_by`)


@dataclass
class Reflection:
    """A silent-reflection countdown (monotonic start; `end` when ended early or done)."""

    step_key: str
    start: float
    seconds: float
    end: float | None = None
    # who was speaking when it began: it stopped them (for the screen to say; not saved)
    silenced: str | None = field(default=None, compare=False)
    # ended by a pause of the meeting: its resume goes on with the seconds left (not saved:
    # a restart ends a reflection anyway, see `Meeting.resume_after_gap`)
    held: bool = field(default=False, compare=False)

    def remaining(self, now: float) -> float:
        return self.seconds - ((self.end if self.end is not None else now) - self.start)


@dataclass(frozen=True)
class Silenced:
    """What an agenda event stopped: entering the break stops whoever speaks and ends a
    talking round (nobody talks in the break, and there `n` is the agenda's again)."""

    speaker: str | None = None
    round_ended: bool = False

    def __bool__(self) -> bool:
        return self.speaker is not None or self.round_ended


@dataclass
class Interruption:
    """The app was down from `start` (last save) to `end` (resume); not meeting time."""

    start: datetime
    end: datetime

    @property
    def seconds(self) -> float:
        return max(0.0, (self.end - self.start).total_seconds())


@dataclass(frozen=True)
class Deleted:
    """What `undo_delete` brings back: a deleted capture (its id, and where it stood in its
    list), and for a merge the kept one as it was before."""

    kind: str
    note_id: str
    index: int
    item: Any
    merged_into: Proposal | None = None
    merged_before: Proposal | None = None
    merged_after: Proposal | None = None  # the kept one as the merge left it


_CLOCK_TIME = re.compile(r"^\s*([01]?[0-9]|2[0-3])[:.]([0-5][0-9])\s*$")


def planned_start_on(text: str | None, day: datetime) -> datetime | None:
    """ "12:00" (also "9:05", "12.00") as that time of day on `day`'s date, in its zone;
    None for no text. Raises DomainError("start.bad_time") for anything else."""
    if text is None or not text.strip():
        return None
    match = _CLOCK_TIME.match(text)
    if match is None:
        raise DomainError("start.bad_time", text=text.strip()[:20])
    at = time(int(match[1]), int(match[2]))
    return datetime.combine(day.date(), at, tzinfo=day.tzinfo)


EVALUATION_MIN_SECONDS = 30.0  # the least time per person an evaluation round gives


def _both(kept: str, other: str) -> str:
    """Names from two merged proposals, each once ("Bo, Dorte"; never Bo lost to Bodil)."""
    names: list[str] = []
    for name in (*kept.split(","), *other.split(",")):
        name = name.strip()
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return ", ".join(names)


@dataclass
class Meeting:
    case: Case
    clock: Clock
    participants: list[Participant] = field(default_factory=list)
    roles: Roles = field(default_factory=Roles)
    case_source: str = ""
    rng: random.Random = field(default_factory=random.Random)
    # the IANA name of the zone the meeting is held in ('Europe/Copenhagen'): calendar events
    # after it keep its time of day across daylight saving; '' when unknown (an older session)
    time_zone: str = ""
    # what the meeting continues and the items its status segment takes up (`--from`)
    follow: FollowUp = field(default_factory=FollowUp)

    def __post_init__(self) -> None:
        self.agenda = AgendaRun(self.case, self.clock, self.follow.items)
        self.talk = TalkTracker()
        self.learning_points: list[LearningPoint] = []
        self.proposals: list[Proposal] = []
        self.evaluations: list[Evaluation] = []
        self.opsamling = OpsamlingDecisions()
        self.group_proposals: list[GroupProposal] = []
        self.interruptions: list[Interruption] = []
        self.checked: dict[str, set[int]] = {}
        self.prompts_ticked: dict[str, set[int]] = {}  # by segment id, like `checked`
        self.reflections: list[Reflection] = []
        self.deleted: list[Deleted] = []
        self.note_ids = NoteIds()
        self.created_at: datetime = self.clock.now()
        self.inbox = InboxRecord()  # what the note-takers' inboxes delivered (domain/inbox.py)

    # --- the agenda, with the speaker's clock following pauses ------------------------------

    def can(self, action: MeetingAction, arg: int | str | None = None) -> Verdict:
        """Whether `action` can happen now; if not, why. Each method doing an action checks
        the same verdict (or the agenda's or the talk tracker's, which this asks), so
        `can` is blocked exactly when the method would raise, with the same code."""
        agenda = self.agenda
        match action:
            case MeetingAction.START:
                return agenda.can_start()
            case MeetingAction.TOGGLE_PAUSE:
                return agenda.live()
            case MeetingAction.NEXT:
                return agenda.can_next()
            case MeetingAction.BACK:
                return agenda.can_back()
            case MeetingAction.EXTEND:
                return agenda.can_extend(arg if isinstance(arg, int) else 1)
            case MeetingAction.TAKE_BREAK:
                return agenda.can_take_break()
            case MeetingAction.FINISH:
                return agenda.can_finish()
            case MeetingAction.SPEAK:
                return self._can_speak(arg)
            case MeetingAction.ROUND_START:
                if not (live := agenda.live()):
                    return live
                first = arg if isinstance(arg, str) else None
                return self.talk.can_start_round([p.name for p in self.present], first)
            case MeetingAction.ROUND_NEXT | MeetingAction.ROUND_END:
                return self.talk.round_going()
            case MeetingAction.REFLECT:
                if not (live := agenda.live()):
                    return live
                if agenda.state is RunState.PAUSED:
                    return blocked("meeting.paused")  # its minutes are meeting minutes
                return ALLOWED
            case MeetingAction.GROUPS:
                if not (live := agenda.live()):
                    return live
                return blocked("groups.too_few") if len(self.present) < 2 else ALLOWED
            case MeetingAction.FACTS:
                question = agenda.current.question
                if question is None or not question.factboxes:
                    return blocked("step.no_factboxes")
                return ALLOWED
            case MeetingAction.UNDO_DELETE:
                return ALLOWED if self.deleted else blocked("captures.nothing_to_undo")
            case MeetingAction.PLAN:
                if self.case.plan_mode == "none":  # the case file says so: never here
                    return blocked("meeting.no_action_plan")
                if agenda.current.segment.kind != "opsamling":
                    return blocked("step.not_opsamling")
                return ALLOWED
            case MeetingAction.EVALUATE:
                if agenda.current.segment.kind != "evaluation":
                    return blocked("step.not_evaluation")
                return ALLOWED if self.present else blocked("people.none_present")
            case MeetingAction.RECORD_ITEM:
                if isinstance(arg, str):
                    known = any(item.id == arg for item in self.follow.items)
                    return ALLOWED if known else blocked("followup.no_such_item", id=arg)
                if agenda.current.item is None:
                    return blocked("step.not_item")
                return ALLOWED

    def _can_speak(self, who: int | str | None) -> Verdict:
        if not (live := self.agenda.live()):
            return live
        if who is None:  # anyone
            return ALLOWED if self.present else blocked("people.none_present")
        if isinstance(who, int):
            people = self.participants
            if who == 0 or (0 < who <= len(people) and people[who - 1].present):
                return ALLOWED
            return blocked("people.no_seat", n=who)
        if not any(person.name == who for person in self.participants):
            return blocked("people.unknown", name=who)
        if not self.participant(who).present:
            return blocked("people.not_present", name=who)
        return ALLOWED

    @property
    def planned_start(self) -> datetime | None:
        """When the meeting is planned to start (None: the plan starts when it does)."""
        return self.agenda.planned_start

    def plan_start_at(self, text: str | None) -> datetime | None:
        """Plan the start at `text` ("HH:MM", or "" / None: no planned start) on the
        meeting's day; once it has started the plan stays as recorded. Returns the time."""
        self.can(MeetingAction.START).check()
        self.agenda.planned_start = planned_start_on(text, self.agenda.wall_now())
        return self.agenda.planned_start

    def start(self) -> None:
        self.can(MeetingAction.START).check()
        if isinstance(self.clock, SpeedClock) and self.agenda.state is RunState.NOT_STARTED:
            self.clock.start_over()  # a rehearsal runs fast from its start, not from its launch
            self.agenda.anchor(self.clock.now(), self.clock.monotonic())
        self.agenda.start()

    def toggle_pause(self) -> None:
        self.can(MeetingAction.TOGGLE_PAUSE).check()
        self.agenda.toggle_pause()
        now = self.clock.monotonic()
        if self.agenda.state is RunState.PAUSED:
            self.talk.suspend(now)
            if (reflecting := self.reflection) is not None:  # a pause holds the silence too
                self.end_reflection()
                reflecting.held = True
        else:
            self.talk.resume(now)
            self.resume_reflection(now)

    def resume_reflection(self, now: float) -> None:
        """After a pause: a reflection the pause held goes on with the seconds it had left
        (recorded as a second reflection from now, so each record is a stretch of silence)."""
        held = self.reflections[-1] if self.reflections else None
        if held is None or not held.held:
            return
        held.held = False
        left = held.remaining(now)
        if held.step_key == self.agenda.current.key and left > 0:
            self.reflections.append(Reflection(held.step_key, now, left))

    def finish(self) -> None:
        self.agenda.finish()
        self._after_agenda_event()

    # The agenda's moves; the talk clock follows. Whichever way the break comes
    # (`take_break`, or `next`/`back` into it), it stops the speaker and a talking round:
    # what that stopped is returned (falsy: nothing).

    def next(self) -> Silenced:
        """The next question or segment; on the last step the meeting finishes."""
        return self._agenda_event(self.agenda.next)

    def back(self) -> Silenced:
        return self._agenda_event(self.agenda.back)

    def extend(self, minutes: int) -> Silenced:
        """`minutes` more (negative: less) for the current step, never below one minute."""
        return self._agenda_event(lambda: self.agenda.extend(minutes))

    def take_break(self) -> Silenced:
        """The first break not yet taken, now; afterwards the current step continues."""
        return self._agenda_event(self.agenda.take_break)

    def _agenda_event(self, event: Callable[[], None]) -> Silenced:
        before = self.agenda.current
        event()
        return self._after_agenda_event(before)

    def _after_agenda_event(self, before: Step | None = None) -> Silenced:
        now = self.clock.monotonic()
        step = self.agenda.current
        if self.agenda.state is RunState.FINISHED:
            if self.talk.round is not None:
                self.talk.end_round(now)
            self.talk.speak(None, step.key, now)
        elif step is not before and step.segment.kind == "break":
            # only on the way in: someone who speaks in the break (a key pressed on purpose)
            # is not stopped by a minute more for it
            silenced = Silenced(self.talk.speaker, self.talk.round is not None)
            if silenced.round_ended:
                self.talk.end_round(now)
            self.talk.speak(None, step.key, now)
            return silenced
        else:
            self.talk.follow_step(step.key, now)
        return Silenced()

    def resume_after_gap(self, saved_at: datetime) -> Interruption | None:
        """Go on after the app was down since its last save at `saved_at`.

        What ran stopped when the app went down: the step's clock (it goes on from now), the
        speaker, a talking round and a silent reflection. The time in between is recorded as
        an interruption, not meeting time; it is returned, if there was one.
        """
        now, wall_now = self.clock.monotonic(), self.clock.now()
        saved_at = min(saved_at, wall_now)
        down = min(self.agenda.monotonic_of(saved_at), now)
        if self.talk.round is not None:
            self.talk.end_round(down)  # a round does not survive its speaker being stopped
        self.talk.speak(None, self.agenda.current.key, down)
        if (reflecting := self.reflection) is not None:
            reflecting.end = max(reflecting.start, min(down, reflecting.start + reflecting.seconds))
        gap = self.agenda.is_live and (wall_now - saved_at).total_seconds() > 1
        self.agenda.went_down(down, logged=gap)
        return self.record_interruption(saved_at, wall_now) if gap else None

    @property
    def status(self) -> Literal["running", "finished"]:
        return "finished" if self.agenda.state is RunState.FINISHED else "running"

    def took_seconds(self) -> float:
        """How long the meeting took: start to finish (or now), pauses included, the time the
        app was down not."""
        down = sum(gap.seconds for gap in self.interruptions)
        return max(0.0, self.agenda.run_seconds() - down)

    @property
    def present(self) -> list[Participant]:
        return [p for p in self.participants if p.present]

    # --- people ---------------------------------------------------------------------------

    def add_participant(self, name: str, profession: str, clinic: str = "") -> Participant:
        """Someone joins; during a round they take their turn after everyone already in it."""
        person = add_participant(self.participants, name, profession, clinic)
        self.talk.join_round(person.name)
        return person

    def check_participant(self, name: str, profession: str, clinic: str = "") -> Participant:
        """Who `add_participant(name, profession, clinic)` would add (the meeting left as it
        is); raises DomainError with the reason they cannot join."""
        return new_participant(self.participants, name, profession, clinic)

    def set_present(self, name: str, present: bool) -> None:
        """Someone leaves or comes back; a round drops or regains their turn to come."""
        person = self.participant(name)
        person.present = present
        if present:
            self.talk.join_round(name)
            return
        if self.talk.round is not None and self.talk.round.current == name:
            self.round_next()  # their turn ends as they go
        self.talk.leave_round(name)
        if self.talk.speaker == name:
            self.speak(None)

    def move_participant(self, name: str, offset: int) -> int:
        """`name` moves `offset` seats on in the seating order (negative: back); returns their
        seat (0 first), the same one when the move would leave the list."""
        return move_participant(self.participants, self._seat(name), offset)

    def remove_participant(self, name: str) -> Participant:
        """`name` is taken off the list before the meeting starts, and loses their roles.

        Once it has started, someone who leaves is marked absent (`set_present`) instead:
        what they said stays theirs.
        """
        if self.agenda.state is not RunState.NOT_STARTED:
            raise DomainError("people.leaves_marked_absent")
        person = self.participants.pop(self._seat(name))
        self.roles.release(person.name)
        return person

    def assign_role(self, role: str, name: str) -> None:
        """`name` holds `role` (a role key); "" leaves it free. Only someone on the list."""
        if name:
            self.participant(name)
        self.roles.assign(role, name)

    def _seat(self, name: str) -> int:
        person = self.participant(name)
        return next(seat for seat, p in enumerate(self.participants) if p is person)

    def participant(self, name: str) -> Participant:
        for person in self.participants:
            if person.name == name:
                return person
        raise DomainError("people.unknown", name=name)

    def speak_seat(self, seat: int) -> None:
        """The participant in seat `seat` (1…, as the digit keys) speaks; 0: nobody does."""
        self.can(MeetingAction.SPEAK, seat).check()
        self.speak(self.participants[seat - 1].name if seat else None)

    def speak(self, name: str | None) -> None:
        self.can(MeetingAction.SPEAK, 0 if name is None else name).check()
        self.talk.speak(name, self.agenda.current.key, self.clock.monotonic())

    def start_round(
        self,
        first: str,
        seconds_per_person: float | None = None,
        among: Collection[str] | None = None,
        order: RoundOrder | None = None,
    ) -> TalkRound:
        """A round of those present (or of `among` of them), in `order` (None: the case's
        `people.round_order`): seating order from `first`, or "hierarchy" (`round_order`)."""
        self.agenda.live().check()
        seating = [p.name for p in self.present if among is None or p.name in among]
        if (order or self.case.people.round_order) == "hierarchy" and first in seating:
            seating = self.round_order(seating, first)
            first = seating[0]
        return self.talk.start_round(
            seating, first, self.agenda.current.key, self.clock.monotonic(), seconds_per_person
        )

    def round_order(self, seating: Sequence[str], first: str) -> list[str]:
        """A hierarchy round's order: `seating` from `first` on (wrapping round), reordered
        so the professions that usually speak first (the case's `people.professions`) speak
        last; people of one profession in seating order from `first`."""
        start = list(seating).index(first) if first in seating else 0
        names = [*seating[start:], *seating[:start]]
        people = [self.participant(name) for name in names]
        return [p.name for p in hierarchy_order(people, self.case.profession_rank)]

    def round_next(self, *, skip: bool = False) -> str | None:
        return self.talk.round_next(self.clock.monotonic(), skip=skip)

    def end_round(self) -> None:
        self.talk.end_round(self.clock.monotonic())

    def start_evaluation_round(self, *, resumed: bool = False) -> TalkRound | None:
        """In the evaluation segment: a timed round of those present in seating order.

        Each gets the case's time per person, else an equal share of the time left in the
        segment (at least `EVALUATION_MIN_SECONDS`). A resumed meeting (its round ended when
        the app went down) starts it again among those who have no points yet. None when no
        round starts: elsewhere, a round already going, the meeting not running, or nobody
        (left) to evaluate.
        """
        if self.agenda.current.segment.kind != "evaluation" or self.talk.round is not None:
            return None
        people = self.present
        if resumed:
            people = [p for p in people if not self.evaluation_of(p.name)]
        if not people or not self.agenda.is_live:
            return None
        per_person = self.round_seconds_per_person() or max(
            EVALUATION_MIN_SECONDS, self.agenda.segment_remaining() / len(people)
        )
        return self.start_round(people[0].name, per_person, among={p.name for p in people})

    def next_evaluation(self, person: str, points: list[str]) -> str | None:
        """Move on from `person`'s evaluation (`points` as given): whose comes next, if any.

        On their turn in the round, the round moves on (no points at all is a pass); from
        someone else, back to whose turn it is; with no round, the next present person in
        seating order.
        """
        talk_round = self.talk.round
        if talk_round is not None and talk_round.current == person:
            return self.round_next(skip=not any(point.strip() for point in points))
        if talk_round is not None:
            return talk_round.current
        names = [p.name for p in self.present]
        position = names.index(person) if person in names else -1
        return names[position + 1] if position + 1 < len(names) else None

    def round_seconds_per_person(self) -> float | None:
        """The case's time per person for a round here (question, then segment), if any."""
        step = self.agenda.current
        marker = step.question if step.question is not None else step.segment
        seconds = marker.round_seconds_per_person or step.segment.round_seconds_per_person
        return float(seconds) if seconds else None

    def scope_keys(self) -> set[str]:
        """The step keys of the current question, or of the whole current segment."""
        step = self.agenda.current
        if step.question is not None:
            return {step.key}
        return {s.key for s in self.agenda.segment_steps(step.segment_index)}

    def talk_seconds(self) -> float:
        """Time of the current step in which people could talk: silent reflection is not."""
        step, now = self.agenda.current, self.agenda.now()
        silent = sum(
            max(0.0, min(r.seconds, (now if r.end is None else r.end) - r.start))
            for r in self.reflections
            if r.step_key == step.key
        )
        return max(0.0, step.elapsed(now) - silent)

    def silent_too_long(self) -> list[str]:
        """Present people who have not spoken after `quiet_alert_minutes` of this question
        (silent reflection not counted: nobody is meant to speak then)."""
        step = self.agenda.current
        if step.question is None or not self.agenda.is_live:
            return []
        if self.talk_seconds() < self.case.quiet_alert_minutes * 60:
            return []
        return self.talk.not_spoken(
            [p.name for p in self.present], self.clock.monotonic(), {step.key}
        )

    def not_spoken_here(self) -> list[str]:
        """Present people who have not spoken in the current question (or segment); a pass
        in a round is not speaking. Nobody, when the meeting is not going on."""
        if not self.agenda.is_live:
            return []
        present = [p.name for p in self.present]
        return self.talk.not_spoken(present, self.clock.monotonic(), self.scope_keys())

    def dominant_speaker(self) -> tuple[str, float] | None:
        """Someone holding more than twice the equal share in the current segment/question.

        Nobody inside a talking round: there the order, not the person, decides who speaks."""
        present = [p.name for p in self.present]
        if len(present) < 2 or self.talk.round is not None:
            return None
        spoken = self.talk.seconds_by_person(present, self.clock.monotonic(), self.scope_keys())
        total = sum(spoken.values())
        if total < 60:
            return None
        name, seconds = max(spoken.items(), key=lambda item: item[1])
        ratio = seconds / (total / len(present))
        return (name, ratio) if ratio > 2 else None

    def propose_groups(self, size: int | None = None) -> GroupProposal:
        """New small groups for the current step (a reshuffle when it has some), formed as
        the case says for it (`Case.group_by`); they are the step's groups from now on."""
        self.can(MeetingAction.GROUPS).check()
        step = self.agenda.current
        marker = step.question if step.question is not None else step.segment
        group_size = size or marker.group_size or step.segment.group_size or 3
        by = self.case.group_by(marker)
        groups = propose_groups(self.present, group_size, self.rng, by)
        proposal = GroupProposal(
            self.clock.now(), step.key, [[p.name for p in group] for group in groups], by
        )
        self.group_proposals.append(proposal)
        return proposal

    def current_groups(self) -> GroupProposal | None:
        """The small groups of the current step (the last proposed in it), if it has any:
        they last while the step does, and come back with it."""
        if not self.agenda.is_live:
            return None
        key = self.agenda.current.key
        return next((g for g in reversed(self.group_proposals) if g.step_key == key), None)

    def groups(self) -> GroupProposal:
        """The current step's groups: those it has, else new ones (`propose_groups`)."""
        self.can(MeetingAction.GROUPS).check()
        return self.current_groups() or self.propose_groups()

    def factboxes(self) -> list[Factbox]:
        """The fact boxes of the current question."""
        self.can(MeetingAction.FACTS).check()
        question = self.agenda.current.question
        return [self.case.factbox(f) for f in question.factboxes] if question else []

    def toggle_check(self, segment_id: str, index: int) -> bool:
        """Tick or untick checklist item `index` of a segment; returns the new state."""
        ticked = self.checked.setdefault(segment_id, set())
        if index in ticked:
            ticked.discard(index)
            return False
        ticked.add(index)
        return True

    def prompts_tickable(self, segment: Segment) -> bool:
        """Whether a segment's prompts are a list to tick, like the set-up checklist: where
        they are what the leader goes through (the introduction, a plain segment), not in the
        case (its questions lead), Opsamling or the evaluation round (their own lists do)."""
        return bool(segment.prompts) and segment.kind not in ("case", "opsamling", "evaluation")

    def toggle_prompt(self, segment_id: str, index: int) -> bool:
        """Tick or untick prompt `index` of a segment; returns the new state."""
        segment = next((s for s in self.case.segments if s.id == segment_id), None)
        if segment is None or not self.prompts_tickable(segment):
            raise DomainError("prompt.not_tickable", segment=segment_id)
        if not 0 <= index < len(segment.prompts):
            raise DomainError("prompt.unknown", number=index + 1, segment=segment.title)
        ticked = self.prompts_ticked.setdefault(segment_id, set())
        if index in ticked:
            ticked.discard(index)
            return False
        ticked.add(index)
        return True

    # --- silent reflection ----------------------------------------------------------------

    def reflection_minutes(self) -> int:
        step = self.agenda.current
        marker = step.question if step.question is not None else step.segment
        return marker.silent_reflection_minutes or step.segment.silent_reflection_minutes or 2

    def start_reflection(self, minutes: int | None = None) -> Reflection:
        """Silent reflection begins: nobody is meant to speak, so the speaker stops (a round
        stays: `n` moves it on afterwards); `silenced` says who that was."""
        self.can(MeetingAction.REFLECT).check()
        self.end_reflection()
        now, key = self.clock.monotonic(), self.agenda.current.key
        silenced = self.talk.speaker
        self.talk.speak(None, key, now)
        reflection = Reflection(
            key, now, (minutes or self.reflection_minutes()) * 60.0, silenced=silenced
        )
        self.reflections.append(reflection)
        return reflection

    @property
    def reflection(self) -> Reflection | None:
        """The reflection in progress, if any."""
        if self.reflections and self.reflections[-1].end is None:
            return self.reflections[-1]
        return None

    def end_reflection(self) -> None:
        if (current := self.reflection) is not None:
            now = self.clock.monotonic()
            current.end = min(now, current.start + current.seconds)
        elif self.reflections:
            self.reflections[-1].held = False  # ended while a pause held it: it stays ended

    # --- captures -------------------------------------------------------------------------

    def _where(self) -> tuple[str, str | None]:
        step = self.agenda.current
        return step.segment.id, step.question.id if step.question is not None else None

    def add_learning_point(self, text: str) -> LearningPoint:
        segment, question = self._where()
        point = LearningPoint(clean_text(text), self.clock.now(), segment, question)
        point.id = self.note_ids.new("learning_point")
        self.learning_points.append(point)
        return point

    def add_proposal(
        self, text: str, area: str = "", responsible: str = "", proposed_by: str = ""
    ) -> Proposal:
        segment, question = self._where()
        proposal = Proposal(
            clean_text(text),
            self.clock.now(),
            segment,
            area=clean_line(area),
            responsible=clean_line(responsible),
            proposed_by=clean_line(proposed_by),
            question=question,
        )
        proposal.id = self.note_ids.new("proposal")
        self.proposals.append(proposal)
        return proposal

    def learning_point(self, note_id: str) -> LearningPoint:
        """The learning point with id `note_id`; DomainError when there is none."""
        items: list[LearningPoint] = self._captures("learning_point")
        return items[self._position(items, note_id)]

    def proposal(self, note_id: str) -> Proposal:
        """The proposal with id `note_id`; DomainError when there is none."""
        items: list[Proposal] = self._captures("proposal")
        return items[self._position(items, note_id)]

    def edit_learning_point(
        self, note_id: str, text: str, *, base: Mapping[str, str] | None = None
    ) -> LearningPoint:
        """`base`: the note's fields as the editor saw them when the edit began (see
        `check_unchanged`); None edits whatever the note holds now."""
        self.check_unchanged("learning_point", note_id, base)
        point = self.learning_point(note_id)
        point.text = clean_text(text)
        point.edited_at = self.clock.now()
        return point

    def edit_proposal(
        self,
        note_id: str,
        *,
        text: str | None = None,
        area: str | None = None,
        responsible: str | None = None,
        proposed_by: str | None = None,
        agreed: bool | None = None,
        base: Mapping[str, str] | None = None,
    ) -> Proposal:
        self.check_unchanged("proposal", note_id, base)
        proposal = self.proposal(note_id)
        if text is not None:
            proposal.text = clean_text(text)
        if area is not None:
            proposal.area = clean_line(area)
        if responsible is not None:
            proposal.responsible = clean_line(responsible)
        if proposed_by is not None:
            proposal.proposed_by = clean_line(proposed_by)
        if agreed is not None:
            proposal.agreed = agreed
        proposal.edited_at = self.clock.now()
        return proposal

    def check_unchanged(self, kind: str, note_id: str, base: Mapping[str, str] | None) -> None:
        """An edit begun on a note's fields `base` (the leader's edit panel, a note-taker's
        inbox entry) may only land on those fields: when another writer changed or deleted
        the note meanwhile, DomainError ("captures.changed_meanwhile" with the note's text now,
        or "captures.deleted_meanwhile"), so no edit silently overwrites another."""
        if base is None:
            return
        items: list[Any] = self._captures(kind)
        note = next((item for item in items if item.id == note_id), None)
        if note is None:
            raise DomainError("captures.deleted_meanwhile")
        if note_values(note) != dict(base):
            raise DomainError("captures.changed_meanwhile", text=one_line(note.text))

    def delete_capture(self, kind: str, note_id: str) -> None:
        """Delete a learning point or proposal; `undo_delete` brings the last one back.
        Its id stays its own: no later note gets it."""
        items: list[Any] = self._captures(kind)
        index = self._position(items, note_id)
        self.deleted.append(Deleted(kind, note_id, index, items.pop(index)))

    def undo_delete(self) -> tuple[str, int]:
        """Bring the last deleted capture back, with its id, where it stood; a merge is
        undone whole (the kept one too). Returns its kind and its position now."""
        self.can(MeetingAction.UNDO_DELETE).check()
        undo = self.deleted.pop()
        items: list[Any] = self._captures(undo.kind)
        items.insert(min(undo.index, len(items)), undo.item)
        kept, before = undo.merged_into, undo.merged_before
        if kept is not None and before is not None and kept == undo.merged_after:
            # untouched since the merge: as it was; edited since: the edits stay
            for name in ("text", "area", "responsible", "proposed_by", "agreed", "edited_at"):
                setattr(kept, name, getattr(before, name))
        return undo.kind, min(undo.index, len(items) - 1)

    def _captures(self, kind: str) -> list[Any]:
        if kind == "learning_point":
            return self.learning_points
        if kind == "proposal":
            return self.proposals
        raise DomainError("captures.unknown_kind", kind=kind)

    @staticmethod
    def _position(items: Sequence[LearningPoint | Proposal], note_id: str) -> int:
        for index, item in enumerate(items):
            if item.id == note_id:
                return index
        raise DomainError("captures.no_such_note", id=note_id)

    def merge_proposals(self, keep_id: str, other_id: str) -> Proposal:
        """Fold proposal `other_id` into `keep_id` (a duplicate): texts joined, decisions
        kept. The kept one keeps its id; the other's id goes with it (no later note gets it).

        The kept one's area wins; people (responsible, proposed by) of both are kept.
        `undo_delete` undoes the whole merge.
        """
        target, source = self.proposal(keep_id), self.proposal(other_id)
        if target is source:
            raise DomainError("captures.merge_itself")
        before = replace(target)
        if source.text.casefold() not in target.text.casefold():
            target.text = f"{target.text}\n{source.text}"
        target.area = target.area or source.area
        target.responsible = _both(target.responsible, source.responsible)
        target.proposed_by = _both(target.proposed_by, source.proposed_by)
        target.agreed = target.agreed or source.agreed
        target.edited_at = self.clock.now()
        self.delete_capture("proposal", other_id)
        self.deleted[-1] = replace(
            self.deleted[-1], merged_into=target, merged_before=before, merged_after=replace(target)
        )
        return target

    def set_evaluation(self, participant: str, points: list[str]) -> Evaluation:
        """Up to the case's closing points (3 unless it says) for a participant (empty ones
        dropped); replaces earlier ones."""
        self.participant(participant)
        cleaned = _evaluation_points(points, self.case.closing.points)
        if not cleaned:  # nothing (left) to keep: no empty record
            self.evaluations = [e for e in self.evaluations if e.participant != participant]
            return Evaluation(participant, [])
        for evaluation in self.evaluations:
            if evaluation.participant == participant:
                evaluation.points = cleaned
                return evaluation
        evaluation = Evaluation(participant, cleaned)
        self.evaluations.append(evaluation)
        return evaluation

    def evaluation_differs(self, participant: str, points: list[str]) -> bool:
        """Whether `set_evaluation` with these points would change what is recorded."""
        return _evaluation_points(points, self.case.closing.points) != self.evaluation_of(
            participant
        )

    def evaluation_of(self, participant: str) -> list[str]:
        for evaluation in self.evaluations:
            if evaluation.participant == participant:
                return list(evaluation.points)
        return []

    def day(self) -> date:
        """The meeting's day: when it started (when the session was made, if it has not)."""
        agenda = self.agenda
        started = agenda.wall(agenda.started_at) if agenda.started_at is not None else None
        return (started or self.created_at).date()

    def plan_deadline(self, text: str | None = None) -> Deadline:
        """The action plan's deadline (`text`, else the one decided) read for this meeting's
        day: see `plan_deadline` in captures."""
        typed = self.opsamling.deadline if text is None else text
        return plan_deadline(typed, self.day())

    def set_action_plan(self, drafter: str, deadline: str) -> None:
        """Who drafts the action plan (or, where the room chooses its proposals, takes the
        chosen ones forward) and by when; never in a meeting that makes no action plan."""
        if self.case.plan_mode == "none":
            raise DomainError("meeting.no_action_plan")
        self.opsamling.action_plan_drafter = clean_line(drafter)
        self.opsamling.deadline = clean_line(deadline)

    # --- a meeting that continues an earlier one (`--from`) ----------------------------------

    @property
    def items(self) -> list[FollowItem]:
        """The earlier meeting's proposals (or items) this one takes up, in their order."""
        return self.follow.items

    @property
    def current_item(self) -> FollowItem | None:
        """The item of the current step (a status segment's), if it is one."""
        return self.agenda.current.item

    def item(self, item_id: str) -> FollowItem:
        """The item with id `item_id` ("f2"); DomainError("followup.no_such_item")."""
        self.can(MeetingAction.RECORD_ITEM, item_id).check()
        return next(item for item in self.follow.items if item.id == item_id)

    def record_item(
        self,
        item_id: str,
        *,
        status: str | None = None,
        learned: str | None = None,
        next_step: str | None = None,
        next_responsible: str | None = None,
        next_due: str | None = None,
    ) -> FollowItem:
        """Record for item `item_id` what the room says of it now: its status ("done",
        "in-progress", "changed", "dropped"; "" clears it), what was learned, the next step,
        who takes it and by when (`next_due` as typed: 13-12-2026, 13.12.2026 or 2026-12-13;
        "" clears it). None leaves a field as it is. Everything is checked before anything
        changes: a bad status or date raises DomainError and records nothing."""
        item = self.item(item_id)
        for text in (learned, next_step):
            if text is not None and len(text.strip()) > MAX_CAPTURE_LENGTH:
                raise DomainError("captures.too_long", n=MAX_CAPTURE_LENGTH)
        new_status = item.status if status is None else (status_of(status) if status else None)
        new_due = item.next_due if next_due is None else due_date(next_due, self.day())
        item.status = new_status
        item.next_due = new_due
        if learned is not None:
            item.learned = _free_text(learned)
        if next_step is not None:
            item.next_step = _free_text(next_step)
        if next_responsible is not None:
            item.next_responsible = clean_line(next_responsible)
        return item

    def record_interruption(self, start: datetime, end: datetime) -> Interruption:
        gap = Interruption(start, end)
        self.interruptions.append(gap)
        return gap

    def restore_records(
        self,
        *,
        created_at: datetime | None = None,
        learning_points: Sequence[LearningPoint] = (),
        proposals: Sequence[Proposal] = (),
        evaluations: Sequence[Evaluation] = (),
        opsamling: OpsamlingDecisions | None = None,
        interruptions: Sequence[Interruption] = (),
        group_proposals: Sequence[GroupProposal] = (),
        checked: Mapping[str, Collection[int]] | None = None,
        prompts_ticked: Mapping[str, Collection[int]] | None = None,
        reflections: Sequence[Reflection] = (),
        note_ids: Mapping[str, int] | None = None,
    ) -> None:
        """Put back what a session file recorded besides the agenda and the talk (a load:
        `AgendaRun.restore`, `TalkTracker.restore`).

        `note_ids`: the last number of each id stem the file recorded (`NoteIds`). A note
        without an id (a file written before notes had them), or with one an earlier note
        holds, gets the next free one, learning points first, each list in its order: the
        same file always gives the same ids.
        """
        if created_at is not None:
            self.created_at = created_at
        notes: list[tuple[str, LearningPoint | Proposal]] = [
            *(("learning_point", note) for note in learning_points),
            *(("proposal", note) for note in proposals),
        ]
        ids, self.note_ids = ids_as_loaded([(k, n.id) for k, n in notes], note_ids or {})
        self.learning_points, self.proposals = [], []
        for (kind, note), note_id in zip(notes, ids, strict=True):
            self._captures(kind).append(note if note.id == note_id else replace(note, id=note_id))
        self.evaluations = list(evaluations)
        self.opsamling = opsamling if opsamling is not None else OpsamlingDecisions()
        self.interruptions = []
        for gap in interruptions:
            self.record_interruption(gap.start, gap.end)
        self.group_proposals = list(group_proposals)
        self.checked = {key: set(ticked) for key, ticked in (checked or {}).items()}
        self.prompts_ticked = {key: set(ticked) for key, ticked in (prompts_ticked or {}).items()}
        self.reflections = list(reflections)


def _free_text(text: str) -> str:
    """Free text that may be empty (an item's learned, its next step), cleaned as a capture."""
    return plain_text(text).strip()


def _evaluation_points(points: list[str], limit: int) -> list[str]:
    return [clean_text(p) for p in points if p.strip()][:limit]
