"""The agenda run: a state machine over the steps of a meeting, driven by events and a clock.

A step is a segment, or inside a `case` segment one of its questions. Time is never counted
by ticks: each step keeps the spans during which it ran, and every figure (remaining time,
overrun, projected end) is derived from those spans and the clock when asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import NamedTuple

from caseroom.domain.case import Case, Question, Segment
from caseroom.domain.clock import Clock, SpeedClock
from caseroom.domain.errors import ALLOWED, Verdict, blocked
from caseroom.domain.followup import FollowItem


class RunState(Enum):
    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


def whole_minutes(seconds: float) -> int:
    """Seconds to whole minutes, halves rounded away from zero (as people round): how the
    minutes a segment took are shown once it is done, and written in the exports."""
    sign = -1 if seconds < 0 else 1
    return sign * int(abs(seconds) / 60 + 0.5)


@dataclass
class Span:
    """An interval (monotonic seconds) during which a step ran; `end` is None while open."""

    start: float
    end: float | None = None


@dataclass
class Step:
    segment_index: int
    segment: Segment
    question: Question | None = None
    extension_seconds: float = 0.0
    spans: list[Span] = field(default_factory=list)
    # in a `status` segment: the item of the continued meeting this step takes up
    item: FollowItem | None = None

    @property
    def key(self) -> str:
        """'2c' for a segment step, '2c/q3' for a question inside a case segment, 'st/f2'
        for an item in a status segment."""
        if self.item is not None:
            return f"{self.segment.id}/{self.item.id}"
        return self.segment.id if self.question is None else f"{self.segment.id}/{self.question.id}"

    @property
    def planned_seconds(self) -> float:
        if self.item is not None:
            return self.item.minutes * 60.0
        minutes = self.question.minutes if self.question is not None else self.segment.minutes
        return minutes * 60.0

    @property
    def has_run(self) -> bool:
        return bool(self.spans)

    def elapsed(self, now: float) -> float:
        # never below zero: a span restored from the file may start a microsecond after the
        # loader's "now" (wall times are written to the microsecond)
        return sum(max(0.0, (now if s.end is None else s.end) - s.start) for s in self.spans)


@dataclass
class Pause:
    start: float
    step_key: str
    end: float | None = None


@dataclass(frozen=True)
class Event:
    at: float
    name: str
    step_key: str
    detail: str = ""


class StepRecord(NamedTuple):
    """A step as a session file records it: its key, its extension, its finished spans."""

    key: str
    extension_seconds: float
    spans: list[Span]


class AgendaRun:
    """The live state of one meeting's agenda.

    Events: start, pause, resume, next, back, extend (±minutes), take_break, finish.
    An event that makes no sense in the current state raises DomainError; `can_…` says
    beforehand whether it would (each event checks itself with its own `can_…`).
    """

    def __init__(self, case: Case, clock: Clock, items: Sequence[FollowItem] = ()) -> None:
        """`items`: those a `status` segment takes up (a meeting that continues an earlier
        one), one step each; without, a status segment is one step like a plain one."""
        self.case = case
        self.clock = clock
        self._anchor = (clock.now(), clock.monotonic())
        self.steps: list[Step] = []
        for index, segment in enumerate(case.segments):
            questions = case.questions_of(segment.id) if segment.kind == "case" else []
            if segment.kind == "status" and items:
                self.steps.extend(Step(index, segment, item=item) for item in items)
            elif questions:
                self.steps.extend(Step(index, segment, q) for q in questions)
            else:
                self.steps.append(Step(index, segment))
        self.cursor = 0
        self.state = RunState.NOT_STARTED
        self.started_at: float | None = None
        self.finished_at: float | None = None
        self.pauses: list[Pause] = []
        self.events: list[Event] = []
        # when the meeting is planned to start (`--start`, the start screen, the case's
        # suggestion); None: the plan starts when the meeting does
        self.planned_start: datetime | None = None

    # --- events ---------------------------------------------------------------------------

    def start(self) -> None:
        self.can_start().check()
        now = self.clock.monotonic()
        self.started_at = now
        self.state = RunState.RUNNING
        self.current.spans.append(Span(now))
        self._log("start")

    def pause(self) -> None:
        self.can_pause().check()
        now = self.clock.monotonic()
        self._close_span(now)
        self.pauses.append(Pause(now, self.current.key))
        self.state = RunState.PAUSED
        self._log("pause")

    def resume(self) -> None:
        self.can_resume().check()
        now = self.clock.monotonic()
        self.pauses[-1].end = now
        self.current.spans.append(Span(now))
        self.state = RunState.RUNNING
        self._log("resume")

    def toggle_pause(self) -> None:
        if self.state is RunState.PAUSED:
            self.resume()
        else:
            self.pause()

    def next(self) -> None:
        """Move to the next step; on the last step this finishes the meeting."""
        self.can_next().check()
        if self.next_finishes():
            self.finish()
            return
        self._move_to(self.cursor + 1, "next")

    def back(self) -> None:
        self.can_back().check()
        self._move_to(self.cursor - 1, "back")

    def extend(self, minutes: int) -> None:
        """Give the current step `minutes` more (negative: less), never below one minute."""
        self.can_extend(minutes).check()
        step = self.current
        step.extension_seconds += minutes * 60
        self._log("extend", f"{minutes:+d}")

    def take_break(self) -> None:
        """Take the first break that has not run now; afterwards the current step continues.

        Only a step whose time is up when the break comes next anyway is left for good: then
        the break is simply where the meeting goes next.
        """
        self.can_take_break().check()
        index = self.next_break_index()
        assert index is not None  # (can_take_break)
        if index == self.cursor + 1 and self.step_remaining() <= 0:
            self._move_to(index, "take_break")
            return
        interrupted = self.current
        self._leave()
        brk = self.steps.pop(index)  # may lie behind the cursor (passed over while paused)
        self.cursor = next(i for i, s in enumerate(self.steps) if s is interrupted)
        self.steps.insert(self.cursor, brk)
        self._enter("take_break")

    def went_down(self, at: float, *, logged: bool) -> None:
        """The app went down at `at` (its last save): the running step (or the pause) stopped
        then and goes on from now; the time in between is neither's. `logged`: the gap is
        recorded as an interruption (more than a moment), so the pause leaves it out too."""
        now = self.clock.monotonic()
        if self.state is RunState.RUNNING and self.current.spans:
            last = self.current.spans[-1]
            if last.end is None:
                last.end = max(last.start, min(at, now))
                self.current.spans.append(Span(now))
        if logged and self.state is RunState.PAUSED and self.pauses and self.pauses[-1].end is None:
            # a pause goes on after the gap, but the time the app was down is not pause time
            pause = self.pauses[-1]
            pause.end = max(pause.start, min(at, now))
            self.pauses.append(Pause(now, self.current.key))
        if logged:
            self._log("resume_after_gap")

    def finish(self) -> None:
        self.can_finish().check()
        now = self.clock.monotonic()
        if self.state is RunState.PAUSED:
            self.pauses[-1].end = now
        self._close_span(now)
        self.finished_at = now
        self.state = RunState.FINISHED
        self._log("finish")

    # --- whether an event can happen now, and if not, why ---------------------------------

    def live(self) -> Verdict:
        """Started and not finished (running or paused)."""
        if self.state is RunState.NOT_STARTED:
            return blocked("meeting.not_started")
        if self.state is RunState.FINISHED:
            return blocked("meeting.finished")
        return ALLOWED

    def can_start(self) -> Verdict:
        if self.state is not RunState.NOT_STARTED:
            return blocked("meeting.already_started")
        return ALLOWED

    def can_pause(self) -> Verdict:
        if self.state is not RunState.RUNNING:
            return blocked("meeting.not_running")
        return ALLOWED

    def can_resume(self) -> Verdict:
        if self.state is not RunState.PAUSED:
            return blocked("meeting.not_paused")
        return ALLOWED

    def can_next(self) -> Verdict:
        return self.live()

    def can_back(self) -> Verdict:
        if not (live := self.live()):
            return live
        if self.cursor == 0:
            return blocked("agenda.first_step")
        return ALLOWED

    def can_extend(self, minutes: int) -> Verdict:
        if not (live := self.live()):
            return live
        step = self.current
        if step.planned_seconds + step.extension_seconds + minutes * 60 < 60:
            return blocked("agenda.too_short")
        return ALLOWED

    def can_take_break(self) -> Verdict:
        if not (live := self.live()):
            return live
        if self.current.segment.kind == "break":
            return blocked("agenda.in_break")
        if self.next_break_index() is None:
            return blocked("agenda.no_break")
        return ALLOWED

    def can_finish(self) -> Verdict:
        return self.live()

    def restore(
        self,
        steps: Sequence[StepRecord],
        *,
        current: str,
        state: RunState,
        running_since: float | None,
        pauses: Sequence[Pause],
        events: Sequence[Event],
    ) -> None:
        """Put the run back as a session file recorded it (instants on this run's monotonic
        clock: `anchor` it first). `steps` come in run order (a break taken early moved up);
        a running meeting's current step runs since `running_since`. The start and the
        finish are read from the events. Raises ValueError when the steps are not this
        case's, or `current` is none of them (the caller checks its file before).
        """
        by_key = {s.key: s for s in self.steps}
        keys = [record.key for record in steps]
        if sorted(keys) != sorted(by_key):
            raise ValueError("the steps are not this case's")
        if current not in by_key:
            raise ValueError(f"no step '{current}'")
        self.steps = [by_key[key] for key in keys]
        for record in steps:
            step = by_key[record.key]
            step.extension_seconds = record.extension_seconds
            step.spans = list(record.spans)
        self.cursor = keys.index(current)
        self.state = state
        self.pauses = list(pauses)
        self.events = list(events)
        self.started_at = next((e.at for e in self.events if e.name == "start"), None)
        self.finished_at = next((e.at for e in self.events if e.name == "finish"), None)
        if state is RunState.RUNNING and running_since is not None:
            self.current.spans.append(Span(running_since))

    # --- derived figures ------------------------------------------------------------------

    @property
    def current(self) -> Step:
        return self.steps[self.cursor]

    @property
    def is_live(self) -> bool:
        return self.state in (RunState.RUNNING, RunState.PAUSED)

    def now(self) -> float:
        if self.state is RunState.FINISHED and self.finished_at is not None:
            return self.finished_at
        return self.clock.monotonic()

    def next_finishes(self) -> bool:
        """Whether `next` now would finish the meeting (live, on the last step)."""
        return self.is_live and self.cursor == len(self.steps) - 1

    def next_break_index(self) -> int | None:
        return next(
            (
                i
                for i, s in enumerate(self.steps)
                if s.segment.kind == "break" and not s.has_run and i != self.cursor
            ),
            None,
        )

    def step_remaining(self, step: Step | None = None) -> float:
        """Seconds left of a step (negative when it overruns)."""
        step = step or self.current
        return step.planned_seconds + step.extension_seconds - step.elapsed(self.now())

    def overrun_seconds(self) -> float:
        return max(0.0, -self.step_remaining())

    def in_wrapup(self) -> bool:
        remaining = self.step_remaining()
        return 0 < remaining <= self.case.wrapup_minutes * 60

    def segment_steps(self, segment_index: int) -> list[Step]:
        return [s for s in self.steps if s.segment_index == segment_index]

    def segment_planned(self, segment_index: int) -> float:
        steps = self.segment_steps(segment_index)
        extensions = sum(s.extension_seconds for s in steps)
        return self.case.segments[segment_index].minutes * 60.0 + extensions

    def segment_elapsed(self, segment_index: int) -> float:
        now = self.now()
        return sum(s.elapsed(now) for s in self.segment_steps(segment_index))

    def segment_remaining(self, segment_index: int | None = None) -> float:
        index = self.current.segment_index if segment_index is None else segment_index
        return self.segment_planned(index) - self.segment_elapsed(index)

    def segment_has_run(self, segment_index: int) -> bool:
        return any(s.has_run for s in self.segment_steps(segment_index))

    def segment_done(self, segment_index: int) -> bool:
        """True once every step of the segment lies behind the cursor."""
        if self.state is RunState.FINISHED:
            return self.segment_has_run(segment_index)
        positions = [i for i, s in enumerate(self.steps) if s.segment_index == segment_index]
        return all(i < self.cursor for i in positions)

    def segment_order(self) -> list[int]:
        """Segment indexes in the order the run meets them (a break taken early moves up)."""
        order: list[int] = []
        for step in self.steps:
            if step.segment_index not in order:
                order.append(step.segment_index)
        return order

    def planned_seconds(self) -> float:
        return self.case.total_minutes * 60.0

    def run_seconds(self) -> float:
        """From the start to the finish (or to now), pauses included: how long it took."""
        if self.started_at is None:
            return 0.0
        return self.now() - self.started_at

    def remaining_agenda_seconds(self) -> float:
        """Agenda time still ahead: what the current segment has left, then the later ones.

        Segments are the plan (the case file's total, the sidebar); the questions pace the
        case segment inside its minutes. So this is always the segment's figure ("5 min
        left") plus the segments ahead, and a segment that overruns makes the meeting late
        by just as much, whatever its current question's own countdown says.
        """
        if self.state is RunState.FINISHED:
            return 0.0
        segments = range(len(self.case.segments))
        if self.state is RunState.NOT_STARTED:
            return sum(self.segment_planned(i) for i in segments)
        here = self.current.segment_index
        ahead = {s.segment_index for s in self.steps[self.cursor + 1 :]} - {here}
        return max(0.0, self.segment_remaining(here)) + sum(
            max(0.0, self.segment_remaining(i)) for i in ahead
        )

    def anchor(self, wall: datetime, monotonic: float) -> None:
        """Map instants through this pair: a load passes the one it read the file with, so
        saving the loaded meeting writes back exactly the timestamps it read."""
        self._anchor = (wall, monotonic)

    def monotonic_of(self, wall: datetime) -> float:
        """The monotonic instant of a wall-clock time of this run (the inverse of `wall`)."""
        anchor_wall, anchor_mono = self._anchor
        return anchor_mono + (wall - anchor_wall).total_seconds()

    def wall(self, monotonic: float) -> datetime:
        """The wall-clock time of a monotonic instant of this run.

        Mapped through one anchor taken when the run was made, so a past instant always
        gets the same timestamp (the session file does not jitter from save to save).
        """
        anchor_wall, anchor_mono = self._anchor
        return anchor_wall + timedelta(seconds=monotonic - anchor_mono)

    def projected_end(self) -> datetime:
        if self.state is RunState.FINISHED and self.finished_at is not None:
            return self.wall(self.finished_at)
        return self.wall_now() + timedelta(seconds=self.remaining_agenda_seconds())

    def wall_now(self) -> datetime:
        """The time of day the meeting's clock reads now. A rehearsal (`SpeedClock`) runs
        fast only from the meeting's start: before it, this is the real time, so the time
        shown does not jump back when the meeting starts and its fast clock starts over."""
        if self.state is RunState.NOT_STARTED and isinstance(self.clock, SpeedClock):
            return self.clock.real_time_of(self.clock.now())
        return self.clock.now()

    def plan_start(self) -> datetime:
        """Where the plan starts: the planned start, else the start, else now."""
        if self.planned_start is not None:
            return self.planned_start
        if self.started_at is not None:
            return self.wall(self.started_at)
        return self.wall_now()

    def planned_end(self) -> datetime:
        return self.plan_start() + timedelta(seconds=self.planned_seconds())

    def start_lateness_seconds(self) -> float | None:
        """How late (positive) or early the meeting started against its planned start; None
        without a planned start or before the start."""
        if self.planned_start is None or self.started_at is None:
            return None
        return (self.wall(self.started_at) - self.planned_start).total_seconds()

    def planned_clock_times(self) -> dict[int, datetime]:
        """Each segment's planned time of day (by segment index): the plan's start, then the
        case's minutes in the case's order (a break taken early keeps its planned time)."""
        times: dict[int, datetime] = {}
        at = self.plan_start()
        for index, segment in enumerate(self.case.segments):
            times[index] = at
            at += timedelta(minutes=segment.minutes)
        return times

    def early_breaks(self) -> list[tuple[Step, Step]]:
        """Breaks taken early (`x`): each with the step it interrupted, which went on after
        it; a break that came where the agenda has it anyway is none."""
        early: list[tuple[Step, Step]] = []
        for position, step in enumerate(self.steps[:-1]):
            following = self.steps[position + 1]
            if step.segment.kind != "break" or not step.spans or not following.spans:
                continue
            if following.spans[0].start < step.spans[0].start:  # it ran before the break
                early.append((step, following))
        return early

    def lateness_seconds(self) -> float:
        """How late (positive) or early (negative) the projected end is against the plan."""
        return (self.projected_end() - self.planned_end()).total_seconds()

    # --- internals ------------------------------------------------------------------------

    def _move_to(self, index: int, name: str) -> None:
        self._leave()
        self.cursor = index
        self._enter(name)

    def _leave(self) -> None:
        if self.state is RunState.RUNNING:
            self._close_span(self.clock.monotonic())

    def _enter(self, name: str) -> None:
        now = self.clock.monotonic()
        if self.state is RunState.RUNNING:
            self.current.spans.append(Span(now))
        elif self.state is RunState.PAUSED:
            self.pauses[-1].end = now
            self.pauses.append(Pause(now, self.current.key))
        self._log(name)

    def _close_span(self, now: float) -> None:
        spans = self.current.spans
        if spans and spans[-1].end is None:
            spans[-1].end = now

    def _log(self, name: str, detail: str = "") -> None:
        self.events.append(Event(self.clock.monotonic(), name, self.current.key, detail))
