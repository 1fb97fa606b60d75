"""Session files (TOML, format 2): the record of one meeting, and what resuming needs.

The names in DESIGN.md/README (participant, segment, learning_point, proposal, evaluation,
roles, opsamling) are a contract for other tools; `[agenda]`, `[talk]` and the event tables
carry the engine's exact state so that `load` can rebuild it.

One schema both ways: the models of session_models are dumped to write the file
(`session_record`, `SessionWriter`) and validated to read it; a load gives the values to the
engine's own restore methods (`AgendaRun.restore`, `TalkTracker.restore`,
`Meeting.restore_records`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import stat
import tomllib
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import tomli_w
from pydantic import ValidationError

from caseroom.domain.agenda import Event, Pause, RunState, Span, StepRecord
from caseroom.domain.captures import (
    Evaluation,
    LearningPoint,
    OpsamlingDecisions,
    Proposal,
    plain_text,
)
from caseroom.domain.case import Case, NotARegularFile, field_name, read_at_most
from caseroom.domain.clock import Clock, SpeedChange, SpeedClock, SystemClock
from caseroom.domain.errors import (
    CaseFileError,
    SaveError,
    SessionFileError,
    UntrustedSessionError,
)
from caseroom.domain.followup import Continues, FollowItem, FollowUp
from caseroom.domain.inbox import InboxRecord
from caseroom.domain.meeting import GroupProposal, Interruption, Meeting, Reflection
from caseroom.domain.people import Participant, Roles
from caseroom.domain.talk import RoundEntry, TalkRound, Turn
from caseroom.store.atomic import ensure_private_folder, sync_written, write_atomic
from caseroom.store.cases import open_case

if TYPE_CHECKING:
    from caseroom.store import session_models as models
    from caseroom.store.session_models import Session

SESSION_FORMAT = 2
"""2: a rehearsal's `[clock]` records its speed changes (`[[clock.change]]`); 1 had one
`speed` and `origin`. Both are read. Notes' ids (`id` in `[[learning_point]]` and
`[[proposal]]`, their counters in `[note_ids]`) are optional keys of format 2: a file without
them loads (with the same ids every time), and a reader that does not know them ignores them.
So is `time_zone`, the IANA name of the zone a session was made in (absent: the offset only)."""
READ_FORMATS = (1, 2)
MAX_SESSION_BYTES = 64 * 1024 * 1024


# --- writing ------------------------------------------------------------------------------


def _milliseconds(seconds: float) -> float:
    """A figure as the file writes it: to the millisecond, rounded from whole microseconds.

    The engine's instants are whole microseconds (see domain/clock.py), so a duration is too,
    up to float noise; rounding the microseconds first keeps that noise from tipping a figure
    that lies exactly on a half millisecond, and a restored meeting writes the same digits.
    """
    micros = round(seconds * 1_000_000)
    return round(micros / 1000) / 1000


def session_record(meeting: Meeting, *, appended: bool = True) -> models.Session:
    """The session as its model (wall-clock datetimes, seconds as floats), ready to dump.

    Built without validation (`model_construct`): the engine's values are what the file
    holds. `appended=False` leaves out the `turn` and `event` tables, the lists that only
    grow (a `SessionWriter` renders them from its own copy).
    """
    from caseroom.store import session_models as m

    agenda, talk = meeting.agenda, meeting.talk
    now = agenda.now()
    wall = agenda.wall

    def spans(items: list[Span]) -> list[list[datetime]]:
        return [[wall(s.start), wall(s.end)] for s in items if s.end is not None]

    def maybe(instant: float | None) -> datetime | None:
        return wall(instant) if instant is not None else None

    current = agenda.current
    open_span = current.spans[-1] if current.spans and current.spans[-1].end is None else None
    last = talk.turns[-1] if talk.turns else None
    return m.Session.model_construct(
        format=SESSION_FORMAT,
        case_id=meeting.case.id,
        case_title=meeting.case.title,
        case_source=meeting.case_source,
        created_at=meeting.created_at,
        planned_start=agenda.planned_start,
        started_at=maybe(agenda.started_at),
        ended_at=maybe(agenda.finished_at),
        time_zone=meeting.time_zone or None,
        saved_at=meeting.clock.now(),
        status=meeting.status,
        clock=_clock_record(meeting.clock),
        roles=m.Roles.model_construct(
            leader=meeting.roles.leader,
            timekeeper=meeting.roles.timekeeper,
            note_taker=meeting.roles.note_taker,
        ),
        participant=[
            m.Participant.model_construct(
                name=p.name,
                profession=p.profession,
                present=p.present,
                clinic=p.clinic or None,
                spoken_seconds=_milliseconds(talk.spoken_seconds(p.name, now)),
                turns=talk.turn_count(p.name),
            )
            for p in meeting.participants
        ],
        segment=[
            m.Segment.model_construct(
                id=segment.id,
                title=segment.title,
                kind=segment.kind,
                planned_minutes=segment.minutes,
                extension_seconds=sum(s.extension_seconds for s in agenda.segment_steps(index)),
                actual_seconds=_milliseconds(agenda.segment_elapsed(index))
                if agenda.segment_has_run(index)
                else None,
            )
            for index, segment in enumerate(meeting.case.segments)
        ],
        learning_point=[
            m.LearningPoint.model_construct(
                id=p.id or None,
                text=p.text,
                at=p.at,
                segment=p.segment,
                question=p.question,
                edited_at=p.edited_at,
                author=p.author or None,
            )
            for p in meeting.learning_points
        ],
        proposal=[
            m.Proposal.model_construct(
                id=p.id or None,
                text=p.text,
                area=p.area,
                responsible=p.responsible,
                proposed_by=p.proposed_by,
                agreed=p.agreed,
                at=p.at,
                segment=p.segment,
                question=p.question,
                edited_at=p.edited_at,
                author=p.author or None,
            )
            for p in meeting.proposals
        ],
        evaluation=[
            m.Evaluation.model_construct(participant=e.participant, points=list(e.points))
            for e in meeting.evaluations
        ],
        note_ids=dict(meeting.note_ids.last),
        opsamling=m.Opsamling.model_construct(
            action_plan_drafter=meeting.opsamling.action_plan_drafter,
            deadline=meeting.opsamling.deadline,
        ),
        continues=_continues_record(meeting.follow.continues),
        item=[_item_record(item) for item in meeting.follow.items],
        inbox=m.Inbox.model_construct(
            acknowledged=list(meeting.inbox.acknowledged), refused=list(meeting.inbox.refused)
        ),
        agenda=m.Agenda.model_construct(
            state=agenda.state,
            current=current.key,
            running_since=wall(open_span.start) if open_span is not None else None,
            step=[
                m.Step.model_construct(
                    key=s.key,
                    planned_seconds=s.planned_seconds,
                    extension_seconds=s.extension_seconds,
                    elapsed_seconds=_milliseconds(s.elapsed(now)),
                    spans=spans(s.spans),
                )
                for s in agenda.steps
            ],
        ),
        talk=m.Talk.model_construct(
            speaker=talk.speaker,
            speaking_since=wall(last.spans[-1][0])  # type: ignore[arg-type]
            if last is not None and last.is_open
            else None,
        ),
        turn=[_turn_record(t, wall) for t in talk.turns] if appended else [],
        round=[
            m.Round.model_construct(
                step=r.step_key,
                started=wall(r.started),
                ended=maybe(r.ended),
                seconds_per_person=r.seconds_per_person,
                order=list(r.order),
                position=r.position,
                entry=[
                    m.RoundEntry.model_construct(
                        participant=e.participant, skipped=e.skipped, seconds=e.seconds
                    )
                    for e in r.entries
                ],
            )
            for r in talk.rounds
        ],
        pause=[
            m.Pause.model_construct(step=p.step_key, start=wall(p.start), end=maybe(p.end))
            for p in agenda.pauses
        ],
        interruption=[
            m.Interruption.model_construct(
                start=i.start, end=i.end, seconds=_milliseconds(i.seconds)
            )
            for i in meeting.interruptions
        ],
        checklist={k: sorted(v) for k, v in meeting.checked.items() if v},
        prompts={k: sorted(v) for k, v in meeting.prompts_ticked.items() if v},
        reflection=[
            m.Reflection.model_construct(
                step=r.step_key, start=wall(r.start), seconds=r.seconds, end=maybe(r.end)
            )
            for r in meeting.reflections
        ],
        group_proposal=[
            m.GroupProposal.model_construct(
                at=g.at,
                step=g.step_key,
                groups=g.groups,
                by=None if g.by == "professions" else g.by,
            )
            for g in meeting.group_proposals
        ],
        event=[_event_record(e, wall) for e in agenda.events] if appended else [],
    )


# a follow-up's texts that a file leaves out when empty (TOML has no null)
_BLANK_IS_ABSENT = frozenset(
    {
        "first_case_title",
        "action_plan_drafter",
        "deadline",
        "learned",
        "next_step",
        "next_responsible",
    }
)


def _follow_fields(value: Continues | FollowItem) -> dict[str, Any]:
    """A follow-up's record as its table's fields: an empty text absent, a date as ISO text
    (its model's shape; one mapping for `[continues]` and `[[item]]`, field by field)."""
    out: dict[str, Any] = {}
    for spec in dataclasses.fields(value):
        field = getattr(value, spec.name)
        if spec.name in _BLANK_IS_ABSENT:
            field = field or None
        elif type(field) is date:
            field = field.isoformat()
        out[spec.name] = field
    return out


def _follow_values(record: models.Continues | models.Item, kind: type[Any]) -> dict[str, Any]:
    """The other way: a table's fields as the follow-up's record (`kind`) takes them."""
    out: dict[str, Any] = {}
    for spec in dataclasses.fields(kind):
        field = getattr(record, spec.name)
        if spec.name in _BLANK_IS_ABSENT:
            field = field or ""
        elif spec.name == "next_due":
            field = date.fromisoformat(field) if field else None
        out[spec.name] = field
    return out


def _continues_record(continues: Continues | None) -> models.Continues | None:
    if continues is None:
        return None
    from caseroom.store import session_models as m

    return m.Continues.model_construct(**_follow_fields(continues))


def _item_record(item: FollowItem) -> models.Item:
    from caseroom.store import session_models as m

    return m.Item.model_construct(**_follow_fields(item))


def follow_up_of(raw: Session) -> FollowUp:
    """What a session file records a meeting continues, and its items (none: nothing)."""
    return _follow_up(raw.continues, raw.item)


def _follow_up(continues: models.Continues | None, items: Sequence[models.Item]) -> FollowUp:
    return FollowUp(
        None if continues is None else Continues(**_follow_values(continues, Continues)),
        [FollowItem(**_follow_values(item, FollowItem)) for item in items],
    )


def to_document(meeting: Meeting) -> dict[str, Any]:
    """The session as a TOML-ready dict: its model dumped (TOML has no null), with the
    `revision` a writer adds."""
    doc = session_record(meeting).model_dump(exclude_none=True)
    wall = meeting.agenda.wall
    turns = _Appended("turn", _turn_record, last_may_change=True)
    events = _Appended("event", _event_record, last_may_change=False)
    return with_revision(
        doc,
        [
            turns.digest(turns.render(meeting.talk.turns, wall)),
            events.digest(events.render(meeting.agenda.events, wall)),
        ],
    )


def with_revision(doc: dict[str, Any], appended: Sequence[bytes]) -> dict[str, Any]:
    """`doc` with its `revision` (after `saved_at`): a hash of what it records, the same for
    every save of the same state (a heartbeat), another when anything recorded changed.
    `appended`: the hashes of the text of its turns and of its events (`_Appended.digest`)."""
    from caseroom.store.session_models import recorded_part

    head = {k: v for k, v in doc.items() if k not in ("turn", "event")}
    digest = hashlib.blake2b(repr(recorded_part(head)).encode(), digest_size=8)
    for hashed in appended:
        digest.update(hashed)
    revision = digest.hexdigest()
    out: dict[str, Any] = {}
    for key, value in doc.items():
        if key != "revision":
            out[key] = value
        if key == "saved_at":
            out["revision"] = revision
    return out


def _turn_record(turn: Turn, wall: Callable[[float], datetime]) -> models.Turn:
    """A `[[turn]]` table: only finished spans (an open one ends at the next save)."""
    from caseroom.store import session_models as m

    return m.Turn.model_construct(
        participant=turn.participant,
        step=turn.step_key,
        continued=turn.continued,
        skipped=turn.skipped,
        spans=[
            [wall(start), wall(end)]  # type: ignore[arg-type]
            for start, end in turn.spans
            if end is not None
        ],
    )


def _event_record(event: Event, wall: Callable[[float], datetime]) -> models.Event:
    from caseroom.store import session_models as m

    return m.Event.model_construct(
        at=wall(event.at), name=event.name, step=event.step_key, detail=event.detail
    )


def _clock_record(clock: Clock) -> models.SpeedClock | None:
    if not isinstance(clock, SpeedClock):
        return None
    from caseroom.store import session_models as m

    return m.SpeedClock.model_construct(
        speed=clock.speed,
        change=[
            m.SpeedChange.model_construct(real=c.real, virtual=c.virtual, speed=c.speed)
            for c in clock.changes
        ],
    )


# Tables that grow with the meeting, written after the rest of the document as `[[name]]`
# blocks (arrays of tables may come anywhere in TOML): a writer keeps each entry's text, so a
# save costs little more for 5,000 captures or turns than for ten.
_GROWING = ("learning_point", "proposal", "pause", "round", "group_proposal", "segment")


class _Appended:
    """The `[[name]]` text of a list that only grows, kept between saves (UTF-8, joined).

    Turns and agenda events are only ever appended. Of the turns only the last one can still
    change (a new span or an end, as the talk tracker's totals rely on too), so it is printed
    again each time; events never change. With 5,000 turns a save prints one or two tables.
    A list replaced (a load) or a clock anchored anew (every instant moves) is printed anew.
    """

    def __init__(
        self,
        name: str,
        record: Callable[[Any, Callable[[float], datetime]], models.Doc],
        *,
        last_may_change: bool,
    ) -> None:
        self.name = name
        self.record = record
        self.last_may_change = last_may_change
        self.listed: Sequence[Any] | None = None  # the list the text was printed from
        self.origin: datetime | None = None  # wall time of monotonic 0: all text hangs on it
        self.settled = bytearray()  # the text of the entries that no longer change
        self.count = 0  # how many those are
        self.hashed = hashlib.blake2b()  # of `settled`: a save hashes only what it printed

    def render(
        self, items: Sequence[Any], wall: Callable[[float], datetime]
    ) -> list[bytes | bytearray]:
        origin = wall(0.0)
        settle = max(0, len(items) - 1) if self.last_may_change else len(items)
        if items is not self.listed or origin != self.origin or settle < self.count:
            self.listed, self.origin, self.settled, self.count = items, origin, bytearray(), 0
            self.hashed = hashlib.blake2b()
        while self.count < settle:  # one at a time: a save that fails halfway keeps count
            block = self._block(items[self.count], wall)
            self.settled += block
            self.hashed.update(block)
            self.count += 1
        return [self.settled, *(self._block(item, wall) for item in items[self.count :])]

    def digest(self, rendered: list[bytes | bytearray]) -> bytes:
        """The hash of the text `render` just returned (without hashing the settled part anew)."""
        hashed = self.hashed.copy()
        for chunk in rendered[1:]:
            hashed.update(chunk)
        return hashed.digest()

    def _block(self, item: Any, wall: Callable[[float], datetime]) -> bytes:
        entry = self.record(item, wall).model_dump(exclude_none=True)
        return f"\n[[{self.name}]]\n{tomli_w.dumps(entry)}".encode()


class SessionWriter:
    """Writes one meeting's session file again and again, printing only what changed.

    The keeper of a running meeting holds one (`SessionKeeper.writer`): the text of each
    turn and event is printed once, that of the other growing tables (captures, steps,
    pauses ...) is kept by content. A writer serves one meeting; a new one prints it all.
    """

    def __init__(self) -> None:
        self._tables: dict[tuple[str, str], str | None] = {}
        self._turns = _Appended("turn", _turn_record, last_may_change=True)
        self._events = _Appended("event", _event_record, last_may_change=False)

    def dumps(self, meeting: Meeting) -> bytes:
        record = session_record(meeting, appended=False)
        doc = record.model_dump(exclude_none=True, exclude={"turn", "event"})
        wall = meeting.agenda.wall
        turns = self._turns.render(meeting.talk.turns, wall)
        events = self._events.render(meeting.agenda.events, wall)
        doc = with_revision(doc, [self._turns.digest(turns), self._events.digest(events)])
        kept, self._tables = self._tables, {}  # what this save no longer prints is forgotten
        blocks: list[str] = []
        for name in _GROWING:
            entries = doc.get(name)
            if entries and (rendered := self._blocks(name, entries, kept)) is not None:
                blocks.extend(rendered)
                del doc[name]
        steps = doc["agenda"].get("step")
        if steps and (rendered := self._blocks("agenda.step", steps, kept)) is not None:
            blocks.extend(rendered)
            del doc["agenda"]["step"]
        text = (tomli_w.dumps(doc) + "".join(blocks)).encode("utf-8")
        return b"".join((text, *turns, *events))

    def _blocks(
        self, name: str, entries: list[dict[str, Any]], kept: dict[tuple[str, str], str | None]
    ) -> list[str] | None:
        """`[[name]]` and each entry's keys; None when an entry needs sub-tables."""
        rendered: list[str] = []
        for entry in entries:
            key = (name, repr(entry))
            block = kept[key] if key in kept else self._block(name, entry)
            self._tables[key] = block
            if block is None:
                return None
            rendered.append(block)
        return rendered

    @staticmethod
    def _block(name: str, entry: dict[str, Any]) -> str | None:
        body = tomli_w.dumps(entry)
        if any(line.startswith("[") for line in body.splitlines()):
            return None
        return f"\n[[{name}]]\n{body}"


def dumps(meeting: Meeting) -> bytes:
    """The session file's bytes, all printed anew (a keeper's `SessionWriter` reuses text)."""
    return SessionWriter().dumps(meeting)


def recorded_changes(doc: dict[str, Any]) -> list[SpeedChange] | None:
    """A rehearsal's speed changes as its file records them; None for a real-time meeting
    (or a `[clock]` too broken to use: the full check names what is wrong)."""
    table = doc.get("clock")
    if table is None:
        return None
    from caseroom.store.session_models import SpeedClock as RecordedClock

    try:
        return RecordedClock.model_validate(table).changes()
    except ValidationError:
        return None


def session_clock(path: Path) -> Clock:
    """The clock a session runs on, to follow it: a rehearsal's own timeline, else real time."""
    changes = recorded_changes(read_document(path))
    return SystemClock() if changes is None else SpeedClock.from_changes(changes)


def resume_clock(path: Path, raw: Session, speed: float | None, base: Clock | None = None) -> Clock:
    """The clock a session goes on with: its own. A rehearsal continues its timeline after
    the time the app was down (passed as real time, not multiplied by the speed), at `speed`
    from now on if given; a real-time meeting is never sped up."""
    if raw.clock is None:
        if speed is not None and speed != 1:
            raise SessionFileError(
                f"{path}: a real-time meeting is never sped up; --speed is for rehearsals "
                "(start one with `caseroom run --speed N`)"
            )
        return base or SystemClock()
    clock = SpeedClock.from_changes(raw.clock.changes(), base)
    clock.continue_after_gap(raw.saved_at, speed)
    return clock


def refuse_read_only(path: Path) -> None:
    """A session file without write permission in its mode bits stays as it is (checked on
    the mode, not with `os.access`: root may write anything)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # read_document says what is wrong
    if not mode & stat.S_IWUSR:
        raise SessionFileError(
            f"{path}: is read-only; caseroom leaves it as it is (export it with "
            "`caseroom export`, or make it writable with `chmod u+w` to continue it)"
        )


def open_for_resume(
    path: Path,
    *,
    speed: float | None = None,
    case_file: Path | None = None,
    base: Clock | None = None,
) -> Meeting:
    """The meeting of a session file, continued now on its own clock (`base`: the real one):
    restored exactly as saved, then `Meeting.resume_after_gap` stops what the app's going
    down stopped."""
    refuse_read_only(path)
    raw, case, source = _validated(path, read_document(path), case_file)
    clock = resume_clock(path, raw, speed, base)
    meeting = _rebuild(raw, case, source, clock, path, follow=False)
    meeting.resume_after_gap(raw.saved_at)
    return meeting


def save(
    meeting: Meeting,
    path: Path,
    *,
    durable: bool = True,
    writer: SessionWriter | None = None,
) -> None:
    """Write the session atomically (0600 in a 0700 folder); raises SaveError on failure.

    `durable=False` leaves the flush to the disk to a later `sync(path)`. `writer`: the
    meeting's own (its keeper's), which reuses what it printed before.
    """
    try:
        data = (writer or SessionWriter()).dumps(meeting)
        ensure_private_folder(path.parent)
        write_atomic(path, data, durable=durable)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SaveError(f"not saved to {path}: {reason}") from exc


def sync(path: Path) -> None:
    """Flush a session written with `save(..., durable=False)` to the disk."""
    try:
        sync_written(path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SaveError(f"not saved to {path}: {reason}") from exc


# --- reading ------------------------------------------------------------------------------


_DECODE_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")


def read_document(path: Path) -> dict[str, Any]:
    """Parse a session file; raises SessionFileError with one clear line."""
    try:
        data = read_at_most(path, MAX_SESSION_BYTES)
        if data is None:
            raise SessionFileError(f"{path}: too large to be a session file")
    except FileNotFoundError:
        raise SessionFileError(f"{path}: no such session file") from None
    except IsADirectoryError:
        raise SessionFileError(f"{path}: is a folder, not a session file") from None
    except NotARegularFile:
        raise SessionFileError(f"{path}: is a device or a pipe, not a session file") from None
    except OSError as exc:
        raise SessionFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
        doc = tomllib.loads(text)
    except UnicodeDecodeError:
        raise SessionFileError(f"{path}: not a session file (not UTF-8 text)") from None
    except tomllib.TOMLDecodeError as exc:
        found = _DECODE_POSITION.search(str(exc))
        line = found.group(1) if found and found.group(1) else str(text.count("\n") + 1)
        raise SessionFileError(
            f"{path}:{line}: not a valid session file (broken or truncated TOML)"
        ) from None
    except RecursionError:
        raise SessionFileError(f"{path}: not a session file (nesting too deep)") from None
    if not doc:
        raise SessionFileError(f"{path}: empty session file")
    fmt = doc.get("format")
    if fmt not in READ_FORMATS or isinstance(fmt, bool):
        if isinstance(fmt, int) and fmt > SESSION_FORMAT:
            raise SessionFileError(
                f"{path}: session format {fmt} is newer than this caseroom reads ({SESSION_FORMAT})"
            )
        what = "no format key" if fmt is None else f"format {fmt!r}"
        raise SessionFileError(f"{path}: not a caseroom session file ({what})")
    if "case_id" not in doc:
        hint = "; it is a case file: run it with `caseroom run`" if "segment" in doc else ""
        raise SessionFileError(f"{path}: not a caseroom session file (no case_id){hint}")
    return doc


def load(
    path: Path, clock: Clock, *, follow: bool = False, case_file: Path | None = None
) -> Meeting:
    """Rebuild the meeting of a session file; the time since its last save is an interruption.

    With `follow`, the file belongs to a meeting that is running in another process (the
    timekeeper's clock, an export): it is restored exactly as saved, open spans still open.
    Without, the meeting goes on here (`Meeting.resume_after_gap`).
    Raises SessionFileError (the file is only read, never written, by a load).
    """
    raw, case, source = _validated(path, read_document(path), case_file)
    meeting = _rebuild(raw, case, source, clock, path, follow)
    if not follow:
        meeting.resume_after_gap(raw.saved_at)
    return meeting


def restore(path: Path, clock: Clock, *, case_file: Path | None = None) -> Meeting:
    """The meeting exactly as its file holds it (saving it again writes the same bytes)."""
    raw, case, source = _validated(path, read_document(path), case_file)
    return _rebuild(raw, case, source, clock, path, follow=False)


def read_session(path: Path, doc: dict[str, Any] | None = None) -> Session:
    """A session file's tables, checked (`doc`: the file as `read_document` read it).

    Raises SessionFileError (UntrustedSessionError when its figures fail their checks).
    """
    from caseroom.store.session_models import Session  # pydantic models: ~13 ms to build

    try:
        return Session.model_validate(read_document(path) if doc is None else doc)
    except ValidationError as exc:
        raise UntrustedSessionError([f"{path}: {problem}" for problem in problems(exc)]) from None


def _validated(
    path: Path, doc: dict[str, Any], case_file: Path | None
) -> tuple[Session, Case, str]:
    raw = read_session(path, doc)
    moved = "; if the case file has moved, name it with --case FILE"
    try:
        case, source, _ = open_case(str(case_file) if case_file else raw.case_source or raw.case_id)
    except CaseFileError as exc:
        raise SessionFileError(
            f"{path}: its case '{raw.case_id}' cannot be loaded: {exc.problems[0]}"
            + ("" if case_file else moved)
        ) from None
    if case.id != raw.case_id:
        raise SessionFileError(
            f"{path}: its case is '{raw.case_id}', but {source} now holds '{case.id}'"
            + ("" if case_file else moved)
        )
    return raw, case, source


def problems(exc: ValidationError) -> list[str]:
    """One `field: message` line per problem a model check found."""
    lines = []
    for error in exc.errors():
        where = field_name(tuple(error["loc"]))
        message = error["msg"].removeprefix("Value error, ")
        lines.append(f"{where}: {message[:1].lower()}{message[1:]}")
    return lines


def _rebuild(
    raw: Session, case: Case, source: str, clock: Clock, path: Path, follow: bool
) -> Meeting:
    if follow and isinstance(clock, SpeedClock) and raw.clock is not None:
        changes = raw.clock.changes()
        if changes != clock.changes:
            clock.follow(changes)  # the rehearsal started over, or its speed changed
    mono_now, wall_now = clock.monotonic(), clock.now()

    def mono(at: datetime) -> float:
        return mono_now - (wall_now - at).total_seconds()

    meeting = Meeting(
        case,
        clock,
        participants=[
            Participant(p.name, p.profession, p.present, p.clinic or "") for p in raw.participant
        ],
        roles=Roles(raw.roles.leader, raw.roles.timekeeper, raw.roles.note_taker),
        case_source=source,
        time_zone=raw.time_zone or "",
        follow=follow_up_of(raw),
    )
    agenda = meeting.agenda
    agenda.anchor(wall_now, mono_now)  # the inverse of `mono`
    agenda.planned_start = raw.planned_start  # as recorded: a resume never re-plans it
    keys = [s.key for s in raw.agenda.step]
    if sorted(keys) != sorted(s.key for s in agenda.steps):
        raise SessionFileError(
            f"{path}: the agenda no longer matches its case '{case.id}' (was the case edited? "
            "--case FILE can name a copy as it was)"
        )
    if raw.agenda.current not in keys:
        raise SessionFileError(f"{path}: agenda.current: no step '{raw.agenda.current}'")
    # exactly as saved: what was open is still open (resuming closes it: resume_after_gap)
    agenda.restore(
        [
            StepRecord(
                s.key, s.extension_seconds, [Span(mono(t[0]), mono(t[-1])) for t in s.spans if t]
            )
            for s in raw.agenda.step
        ],
        current=raw.agenda.current,
        state=raw.agenda.state,
        running_since=mono(raw.agenda.running_since) if raw.agenda.running_since else None,
        pauses=[Pause(mono(p.start), p.step, mono(p.end) if p.end else None) for p in raw.pause],
        events=[Event(mono(e.at), e.name, e.step, e.detail) for e in raw.event],
    )
    meeting.talk.restore(
        [
            Turn(
                t.participant,
                t.step,
                [[mono(s[0]), mono(s[-1])] for s in t.spans if s],
                continued=t.continued,
                skipped=t.skipped,
            )
            for t in raw.turn
        ],
        [
            TalkRound(
                r.step,
                list(r.order),
                mono(r.started),
                r.seconds_per_person,
                position=r.position,
                entries=[RoundEntry(e.participant, e.skipped, e.seconds) for e in r.entry],
                ended=mono(r.ended) if r.ended is not None else None,
            )
            for r in raw.round
        ],
        speaker=raw.talk.speaker,
        speaking_since=mono(raw.talk.speaking_since) if raw.talk.speaking_since else None,
        suspended=raw.agenda.state is RunState.PAUSED,
    )
    meeting.restore_records(
        created_at=raw.created_at,
        **notes_of(raw),
        note_ids=raw.note_ids,
        interruptions=[Interruption(gap.start, gap.end) for gap in raw.interruption],
        group_proposals=[
            GroupProposal(g.at, g.step, [list(x) for x in g.groups], g.by or "professions")
            for g in raw.group_proposal
        ],
        checked=raw.checklist,
        prompts_ticked=raw.prompts,
        reflections=[
            Reflection(r.step, mono(r.start), r.seconds, mono(r.end) if r.end else None)
            for r in raw.reflection
        ],
    )
    meeting.inbox = InboxRecord(list(raw.inbox.acknowledged), list(raw.inbox.refused))
    return meeting


class _Notes(TypedDict):
    learning_points: list[LearningPoint]
    proposals: list[Proposal]
    evaluations: list[Evaluation]
    opsamling: OpsamlingDecisions


def notes_of(raw: Session) -> _Notes:
    """A session file's captures, evaluations and action-plan decisions, as a load gives them
    (for `restore_records`, and for a follow-up taking up the proposals)."""
    return _notes(raw.learning_point, raw.proposal, raw.evaluation, raw.opsamling)


def _notes(
    learning_points: Sequence[models.LearningPoint],
    proposals: Sequence[models.Proposal],
    evaluations: Sequence[models.Evaluation],
    opsamling: models.Opsamling,
) -> _Notes:
    """The captures, evaluations and action-plan decisions of a file, for `restore_records`."""
    return _Notes(
        learning_points=[
            LearningPoint(
                p.text,
                p.at,
                p.segment,
                p.question,
                p.edited_at,
                id=p.id or "",
                author=p.author or "",
            )
            for p in learning_points
        ],
        proposals=[
            Proposal(
                p.text,
                p.at,
                p.segment,
                area=p.area,
                responsible=p.responsible,
                proposed_by=p.proposed_by,
                question=p.question,
                agreed=p.agreed,
                edited_at=p.edited_at,
                id=p.id or "",
                author=p.author or "",
            )
            for p in proposals
        ],
        evaluations=[Evaluation(e.participant, list(e.points)) for e in evaluations],
        opsamling=OpsamlingDecisions(opsamling.action_plan_drafter, opsamling.deadline),
    )


# --- salvage ------------------------------------------------------------------------------


def _counters(table: object) -> dict[str, int]:
    """A salvaged file's `[note_ids]`: the counters that can be read (the rest give way to
    the ids the notes hold)."""
    if not isinstance(table, dict):
        return {}
    return {
        stem: number
        for stem, number in table.items()
        if isinstance(stem, str) and type(number) is int and number >= 0
    }


def salvage(
    path: Path, clock: Clock, untrusted: UntrustedSessionError, *, case_file: Path | None = None
) -> tuple[Meeting, list[str]]:
    """The people and notes of a session file whose figures fail their checks (`untrusted`,
    as loading it raised).

    Each learning point, proposal and evaluation is read on its own; the timing (agenda,
    turns, pauses) is left out as not to be trusted. Returns the meeting (its agenda not
    started) and one line per problem, naming what was left out.
    Raises SessionFileError when not even the file or its case can be read.
    """
    from caseroom.store import session_models as models  # noqa: F811 (at run time)

    doc = read_document(path)
    lines = list(untrusted.problems)
    lines.append(f"{path}: its timing cannot be trusted: the export leaves it out")

    def entries(name: str, model: type[models.Doc], drop: tuple[str, ...] = ()) -> list[Any]:
        kept = []
        items = doc.get(name)
        for index, item in enumerate(items if isinstance(items, list) else ()):
            try:
                clean = {k: v for k, v in item.items() if k not in drop}
                kept.append(model.model_validate(clean))
            except (ValidationError, AttributeError):
                lines.append(f"{path}: {name}[{index + 1}]: cannot be read; left out")
        return kept

    def table(name: str, model: type[models.Doc]) -> Any:
        try:
            return model.model_validate(doc.get(name, {}))
        except ValidationError:
            lines.append(f"{path}: {name}: cannot be read; left out")
            return model()

    def continues() -> models.Continues | None:
        if "continues" not in doc:
            return None
        try:
            return models.Continues.model_validate(doc["continues"])
        except ValidationError:
            lines.append(f"{path}: continues: cannot be read; left out")
            return None

    case_id = doc.get("case_id")
    source = doc.get("case_source")
    where = str(case_file) if case_file else source if isinstance(source, str) and source else None
    try:
        case, source, _ = open_case(where or str(case_id))
    except CaseFileError as exc:
        problem = plain_text(exc.problems[0], multiline=False)  # names what the file holds
        raise SessionFileError(f"{path}: its case cannot be loaded: {problem}") from None
    people = entries("participant", models.Participant, drop=("spoken_seconds", "turns"))
    roles = table("roles", models.Roles)
    meeting = Meeting(
        case,
        clock,
        participants=[Participant(p.name, p.profession, p.present, p.clinic or "") for p in people],
        roles=Roles(roles.leader, roles.timekeeper, roles.note_taker),
        case_source=source,
        time_zone=zone if isinstance(zone := doc.get("time_zone"), str) else "",
        follow=_follow_up(continues(), entries("item", models.Item)),
    )
    planned = doc.get("planned_start")
    if isinstance(planned, datetime) and planned.tzinfo is not None:
        meeting.agenda.planned_start = planned
    created = (doc.get(name) for name in ("started_at", "created_at"))
    meeting.restore_records(
        created_at=next(
            (w for w in created if isinstance(w, datetime) and w.tzinfo is not None), None
        ),
        **_notes(
            entries("learning_point", models.LearningPoint),
            entries("proposal", models.Proposal),
            entries("evaluation", models.Evaluation),
            table("opsamling", models.Opsamling),
        ),
        note_ids=_counters(doc.get("note_ids")),
    )
    return meeting, lines
