"""The meeting: one case run by one group of people, everything a session file records."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime

from caseroom.domain.agenda import AgendaRun, RunState
from caseroom.domain.captures import (
    Evaluation,
    LearningPoint,
    OpsamlingDecisions,
    Proposal,
    clean_text,
)
from caseroom.domain.case import Case
from caseroom.domain.clock import Clock
from caseroom.domain.errors import DomainError
from caseroom.domain.people import Participant, Roles, add_participant, propose_groups
from caseroom.domain.talk import TalkTracker


@dataclass
class GroupProposal:
    at: datetime
    step_key: str
    groups: list[list[str]]


@dataclass
class Reflection:
    """A silent-reflection countdown (monotonic start; `end` when ended early or done)."""

    step_key: str
    start: float
    seconds: float
    end: float | None = None

    def remaining(self, now: float) -> float:
        return self.seconds - ((self.end if self.end is not None else now) - self.start)


@dataclass
class Interruption:
    """The app was down from `start` (last save) to `end` (resume); not meeting time."""

    start: datetime
    end: datetime

    @property
    def seconds(self) -> float:
        return max(0.0, (self.end - self.start).total_seconds())


@dataclass
class Meeting:
    case: Case
    clock: Clock
    participants: list[Participant] = field(default_factory=list)
    roles: Roles = field(default_factory=Roles)
    case_source: str = ""
    rng: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        self.agenda = AgendaRun(self.case, self.clock)
        self.talk = TalkTracker()
        self.learning_points: list[LearningPoint] = []
        self.proposals: list[Proposal] = []
        self.evaluations: list[Evaluation] = []
        self.opsamling = OpsamlingDecisions()
        self.group_proposals: list[GroupProposal] = []
        self.interruptions: list[Interruption] = []
        self.checked: dict[str, set[int]] = {}
        self.reflections: list[Reflection] = []
        self.created_at: datetime = self.clock.now()

    # --- the agenda, with the speaker's clock following pauses ------------------------------

    def start(self) -> None:
        self.agenda.start()

    def toggle_pause(self) -> None:
        self.agenda.toggle_pause()
        now = self.clock.monotonic()
        if self.agenda.state is RunState.PAUSED:
            self.talk.suspend(now)
        else:
            self.talk.resume(now)

    def finish(self) -> None:
        self.agenda.finish()
        self.talk.speak(None, self.agenda.current.key, self.clock.monotonic())

    @property
    def status(self) -> str:
        return "finished" if self.agenda.state is RunState.FINISHED else "running"

    @property
    def present(self) -> list[Participant]:
        return [p for p in self.participants if p.present]

    # --- people ---------------------------------------------------------------------------

    def add_participant(self, name: str, profession: str) -> Participant:
        return add_participant(self.participants, name, profession)

    def set_present(self, name: str, present: bool) -> None:
        person = self.participant(name)
        person.present = present
        if not present and self.talk.speaker == name:
            self.speak(None)

    def participant(self, name: str) -> Participant:
        for person in self.participants:
            if person.name == name:
                return person
        raise DomainError(f"no participant called '{name}'")

    def speak(self, name: str | None) -> None:
        if name is not None:
            self.participant(name)
        self.talk.speak(name, self.agenda.current.key, self.clock.monotonic())

    def propose_groups(self, size: int | None = None) -> GroupProposal:
        step = self.agenda.current
        marker = step.question if step.question is not None else step.segment
        group_size = size or marker.group_size or step.segment.group_size or 3
        groups = propose_groups(self.present, group_size, self.rng)
        proposal = GroupProposal(
            self.clock.now(), step.key, [[p.name for p in group] for group in groups]
        )
        self.group_proposals.append(proposal)
        return proposal

    def toggle_check(self, segment_id: str, index: int) -> bool:
        """Tick or untick checklist item `index` of a segment; returns the new state."""
        ticked = self.checked.setdefault(segment_id, set())
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
        if not self.agenda.is_live:
            raise DomainError("the meeting is not running")
        self.end_reflection()
        reflection = Reflection(
            self.agenda.current.key,
            self.clock.monotonic(),
            (minutes or self.reflection_minutes()) * 60.0,
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

    # --- captures -------------------------------------------------------------------------

    def _where(self) -> tuple[str, str | None]:
        step = self.agenda.current
        return step.segment.id, step.question.id if step.question is not None else None

    def add_learning_point(self, text: str) -> LearningPoint:
        segment, question = self._where()
        point = LearningPoint(clean_text(text), self.clock.now(), segment, question)
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
            area=area.strip(),
            responsible=responsible.strip(),
            proposed_by=proposed_by.strip(),
            question=question,
        )
        self.proposals.append(proposal)
        return proposal

    def record_interruption(self, start: datetime, end: datetime) -> Interruption:
        gap = Interruption(start, end)
        self.interruptions.append(gap)
        return gap
