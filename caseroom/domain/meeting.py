"""The meeting: one case run by one group of people, everything a session file records."""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

from caseroom.domain.agenda import AgendaRun, RunState, Step
from caseroom.domain.captures import (
    Evaluation,
    LearningPoint,
    OpsamlingDecisions,
    Proposal,
    clean_line,
    clean_text,
)
from caseroom.domain.case import Case
from caseroom.domain.clock import Clock, SpeedClock
from caseroom.domain.errors import DomainError
from caseroom.domain.people import Participant, Roles, add_participant, propose_groups
from caseroom.domain.talk import TalkRound, TalkTracker


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
    # who was speaking when it began: it stopped them (for the screen to say; not saved)
    silenced: str | None = field(default=None, compare=False)

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
    """What `undo_delete` brings back: a deleted capture, and for a merge the kept one as
    it was before."""

    kind: str
    index: int
    item: Any
    merged_into: Proposal | None = None
    merged_before: Proposal | None = None
    merged_after: Proposal | None = None  # the kept one as the merge left it


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
        self.deleted: list[Deleted] = []
        self.created_at: datetime = self.clock.now()

    # --- the agenda, with the speaker's clock following pauses ------------------------------

    def start(self) -> None:
        if isinstance(self.clock, SpeedClock) and self.agenda.state is RunState.NOT_STARTED:
            self.clock.start_over()  # a rehearsal runs fast from its start, not from its launch
            self.agenda.anchor(self.clock.now(), self.clock.monotonic())
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
        self._after_agenda_event()

    def agenda_event(self, name: str, *args: int) -> Silenced:
        """Send an agenda event (next, back, extend, take_break); the talk clock follows.

        Whichever way the break comes (`take_break`, or `next`/`back` into it), it stops the
        speaker and a talking round: what that stopped is returned (falsy: nothing).
        """
        if name not in ("next", "back", "extend", "take_break"):
            raise DomainError(f"unknown agenda event '{name}'")
        before = self.agenda.current
        getattr(self.agenda, name)(*args)
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

    def add_participant(self, name: str, profession: str) -> Participant:
        """Someone joins; during a round they take their turn after everyone already in it."""
        person = add_participant(self.participants, name, profession)
        self.talk.join_round(person.name)
        return person

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

    def participant(self, name: str) -> Participant:
        for person in self.participants:
            if person.name == name:
                return person
        raise DomainError(f"no participant called '{name}'")

    def speak(self, name: str | None) -> None:
        if not self.agenda.is_live:
            raise DomainError("the meeting is not running")
        if name is not None and not self.participant(name).present:
            raise DomainError(f"'{name}' is not present")
        self.talk.speak(name, self.agenda.current.key, self.clock.monotonic())

    def start_round(
        self,
        first: str,
        seconds_per_person: float | None = None,
        among: Collection[str] | None = None,
    ) -> TalkRound:
        """A round in seating order from `first`, of those present (or of `among` of them)."""
        if not self.agenda.is_live:
            raise DomainError("the meeting is not running")
        seating = [p.name for p in self.present if among is None or p.name in among]
        return self.talk.start_round(
            seating, first, self.agenda.current.key, self.clock.monotonic(), seconds_per_person
        )

    def round_next(self, *, skip: bool = False) -> str | None:
        return self.talk.round_next(self.clock.monotonic(), skip=skip)

    def end_round(self) -> None:
        self.talk.end_round(self.clock.monotonic())

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
        """Someone holding more than twice the equal share in the current segment/question."""
        present = [p.name for p in self.present]
        if len(present) < 2:
            return None
        spoken = self.talk.seconds_by_person(present, self.clock.monotonic(), self.scope_keys())
        total = sum(spoken.values())
        if total < 60:
            return None
        name, seconds = max(spoken.items(), key=lambda item: item[1])
        ratio = seconds / (total / len(present))
        return (name, ratio) if ratio > 2 else None

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
        """Silent reflection begins: nobody is meant to speak, so the speaker stops (a round
        stays: `n` moves it on afterwards); `silenced` says who that was."""
        if not self.agenda.is_live:
            raise DomainError("the meeting is not running")
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
            area=clean_line(area),
            responsible=clean_line(responsible),
            proposed_by=clean_line(proposed_by),
            question=question,
        )
        self.proposals.append(proposal)
        return proposal

    def edit_learning_point(self, index: int, text: str) -> LearningPoint:
        point = self.learning_points[index]
        point.text = clean_text(text)
        point.edited_at = self.clock.now()
        return point

    def edit_proposal(
        self,
        index: int,
        *,
        text: str | None = None,
        area: str | None = None,
        responsible: str | None = None,
        proposed_by: str | None = None,
        agreed: bool | None = None,
    ) -> Proposal:
        proposal = self.proposals[index]
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

    def delete_capture(self, kind: str, index: int) -> None:
        """Delete a learning point or proposal; `undo_delete` brings the last one back."""
        items: list[Any] = self._captures(kind)
        self.deleted.append(Deleted(kind, index, items.pop(index)))

    def undo_delete(self) -> tuple[str, int]:
        """Bring the last deleted capture back; a merge is undone whole (the kept one too)."""
        if not self.deleted:
            raise DomainError("nothing to undo")
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
        raise DomainError(f"unknown capture kind '{kind}'")

    def merge_proposals(self, keep: int, other: int) -> Proposal:
        """Fold proposal `other` into `keep` (a duplicate): texts joined, decisions kept.

        The kept one's area wins; people (responsible, proposed by) of both are kept.
        `undo_delete` undoes the whole merge.
        """
        if keep == other:
            raise DomainError("a proposal cannot be merged with itself")
        target, source = self.proposals[keep], self.proposals[other]
        before = replace(target)
        if source.text.casefold() not in target.text.casefold():
            target.text = f"{target.text}\n{source.text}"
        target.area = target.area or source.area
        target.responsible = _both(target.responsible, source.responsible)
        target.proposed_by = _both(target.proposed_by, source.proposed_by)
        target.agreed = target.agreed or source.agreed
        target.edited_at = self.clock.now()
        self.delete_capture("proposal", other)
        self.deleted[-1] = replace(
            self.deleted[-1], merged_into=target, merged_before=before, merged_after=replace(target)
        )
        return target

    def set_evaluation(self, participant: str, points: list[str]) -> Evaluation:
        """Up to three points for a participant (empty ones dropped); replaces earlier ones."""
        self.participant(participant)
        cleaned = _evaluation_points(points)
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
        return _evaluation_points(points) != self.evaluation_of(participant)

    def evaluation_of(self, participant: str) -> list[str]:
        for evaluation in self.evaluations:
            if evaluation.participant == participant:
                return list(evaluation.points)
        return []

    def set_action_plan(self, drafter: str, deadline: str) -> None:
        self.opsamling.action_plan_drafter = clean_line(drafter)
        self.opsamling.deadline = clean_line(deadline)

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
        reflections: Sequence[Reflection] = (),
    ) -> None:
        """Put back what a session file recorded besides the agenda and the talk (a load:
        `AgendaRun.restore`, `TalkTracker.restore`)."""
        if created_at is not None:
            self.created_at = created_at
        self.learning_points = list(learning_points)
        self.proposals = list(proposals)
        self.evaluations = list(evaluations)
        self.opsamling = opsamling if opsamling is not None else OpsamlingDecisions()
        self.interruptions = []
        for gap in interruptions:
            self.record_interruption(gap.start, gap.end)
        self.group_proposals = list(group_proposals)
        self.checked = {key: set(ticked) for key, ticked in (checked or {}).items()}
        self.reflections = list(reflections)


def _evaluation_points(points: list[str]) -> list[str]:
    return [clean_text(p) for p in points if p.strip()][:3]
