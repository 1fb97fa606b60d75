"""Session files (TOML, format 1): the record of one meeting, and what resuming needs.

The names in DESIGN.md/README (participant, segment, learning_point, proposal, evaluation,
roles, opsamling) are a contract for other tools; `[agenda]`, `[talk]` and the event tables
carry the engine's exact state so that `load` can rebuild it.
"""

from __future__ import annotations

import re
import stat
import tomllib
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import tomli_w
from pydantic import ValidationError

from caseroom.domain.agenda import Event, Pause, RunState, Span
from caseroom.domain.captures import Evaluation, LearningPoint, Proposal, plain_text
from caseroom.domain.case import Case, field_name
from caseroom.domain.clock import Clock, SpeedChange, SpeedClock, SystemClock
from caseroom.domain.errors import (
    CaseFileError,
    SaveError,
    SessionFileError,
    UntrustedSessionError,
)
from caseroom.domain.meeting import GroupProposal, Meeting, Reflection
from caseroom.domain.people import Participant, Roles
from caseroom.domain.talk import RoundEntry, TalkRound, Turn
from caseroom.store.atomic import ensure_private_folder, sync_written, write_atomic
from caseroom.store.cases import open_case

if TYPE_CHECKING:
    from caseroom.store import session_models as models
    from caseroom.store.session_models import Session

SESSION_FORMAT = 2
"""2: a rehearsal's `[clock]` records its speed changes (`[[clock.change]]`); 1 had one
`speed` and `origin`. Both are read."""
READ_FORMATS = (1, 2)
MAX_SESSION_BYTES = 64 * 1024 * 1024


# --- writing ------------------------------------------------------------------------------


def _clean(table: dict[str, Any]) -> dict[str, Any]:
    """TOML has no null: drop None values and empty optional strings."""
    return {k: v for k, v in table.items() if v is not None}


def to_document(meeting: Meeting, *, appended: bool = True) -> dict[str, Any]:
    """The session as a TOML-ready dict (wall-clock datetimes, seconds as floats).

    `appended=False` leaves out the `turn` and `event` tables, the lists that only grow
    (`dumps` writes them from its own cache).
    """
    agenda = meeting.agenda
    now = agenda.now()
    wall = agenda.wall

    def spans(items: list[Span]) -> list[list[datetime]]:
        return [[wall(s.start), wall(s.end)] for s in items if s.end is not None]

    current = agenda.current
    open_span = current.spans[-1] if current.spans and current.spans[-1].end is None else None
    doc: dict[str, Any] = {
        "format": SESSION_FORMAT,
        "case_id": meeting.case.id,
        "case_title": meeting.case.title,
        "case_source": meeting.case_source,
        "created_at": meeting.created_at,
        "started_at": wall(agenda.started_at) if agenda.started_at is not None else None,
        "ended_at": wall(agenda.finished_at) if agenda.finished_at is not None else None,
        "saved_at": meeting.clock.now(),
        "status": meeting.status,
        "clock": _clock_table(meeting.clock),
        "roles": {
            "leader": meeting.roles.leader,
            "timekeeper": meeting.roles.timekeeper,
            "note_taker": meeting.roles.note_taker,
        },
        "participant": [
            {
                "name": p.name,
                "profession": p.profession,
                "present": p.present,
                "spoken_seconds": round(meeting.talk.spoken_seconds(p.name, now), 3),
                "turns": meeting.talk.turn_count(p.name),
            }
            for p in meeting.participants
        ],
        "segment": [
            _clean(
                {
                    "id": segment.id,
                    "title": segment.title,
                    "planned_minutes": segment.minutes,
                    "extension_seconds": sum(
                        s.extension_seconds for s in agenda.segment_steps(index)
                    ),
                    "actual_seconds": round(agenda.segment_elapsed(index), 3)
                    if agenda.segment_has_run(index)
                    else None,
                }
            )
            for index, segment in enumerate(meeting.case.segments)
        ],
        "learning_point": [
            _clean(
                {
                    "text": p.text,
                    "at": p.at,
                    "segment": p.segment,
                    "question": p.question,
                    "edited_at": p.edited_at,
                }
            )
            for p in meeting.learning_points
        ],
        "proposal": [
            _clean(
                {
                    "text": p.text,
                    "area": p.area,
                    "responsible": p.responsible,
                    "proposed_by": p.proposed_by,
                    "agreed": p.agreed,
                    "at": p.at,
                    "segment": p.segment,
                    "question": p.question,
                    "edited_at": p.edited_at,
                }
            )
            for p in meeting.proposals
        ],
        "evaluation": [
            {"participant": e.participant, "points": list(e.points)} for e in meeting.evaluations
        ],
        "opsamling": {
            "action_plan_drafter": meeting.opsamling.action_plan_drafter,
            "deadline": meeting.opsamling.deadline,
        },
        "agenda": _clean(
            {
                "state": agenda.state.value,
                "current": current.key,
                "running_since": wall(open_span.start) if open_span is not None else None,
                "step": [
                    {
                        "key": s.key,
                        "planned_seconds": s.planned_seconds,
                        "extension_seconds": s.extension_seconds,
                        "elapsed_seconds": round(s.elapsed(now), 3),
                        "spans": spans(s.spans),
                    }
                    for s in agenda.steps
                ],
            }
        ),
        "talk": _clean(
            {
                "speaker": meeting.talk.speaker,
                "speaking_since": wall(t.spans[-1][0])  # type: ignore[arg-type]
                if (t := meeting.talk.turns[-1] if meeting.talk.turns else None) and t.is_open
                else None,
            }
        ),
        "turn": [_turn_entry(t, wall) for t in (meeting.talk.turns if appended else ())],
        "round": [
            _clean(
                {
                    "step": r.step_key,
                    "started": wall(r.started),
                    "ended": wall(r.ended) if r.ended is not None else None,
                    "seconds_per_person": r.seconds_per_person,
                    "order": list(r.order),
                    "position": r.position,
                    "entry": [
                        {"participant": e.participant, "skipped": e.skipped, "seconds": e.seconds}
                        for e in r.entries
                    ],
                }
            )
            for r in meeting.talk.rounds
        ],
        "pause": [
            _clean(
                {
                    "step": p.step_key,
                    "start": wall(p.start),
                    "end": wall(p.end) if p.end is not None else None,
                }
            )
            for p in agenda.pauses
        ],
        "interruption": [
            {"start": i.start, "end": i.end, "seconds": round(i.seconds, 3)}
            for i in meeting.interruptions
        ],
        "checklist": {k: sorted(v) for k, v in meeting.checked.items() if v},
        "reflection": [
            _clean(
                {
                    "step": r.step_key,
                    "start": wall(r.start),
                    "seconds": r.seconds,
                    "end": wall(r.end) if r.end is not None else None,
                }
            )
            for r in meeting.reflections
        ],
        "group_proposal": [
            {"at": g.at, "step": g.step_key, "groups": g.groups} for g in meeting.group_proposals
        ],
        "event": [_event_entry(e, wall) for e in (agenda.events if appended else ())],
    }
    return _clean(doc)


def _turn_entry(turn: Turn, wall: Callable[[float], datetime]) -> dict[str, Any]:
    """A `[[turn]]` table: only finished spans (an open one ends at the next save)."""
    return {
        "participant": turn.participant,
        "step": turn.step_key,
        "continued": turn.continued,
        **({"skipped": True} if turn.skipped else {}),  # a pass in a round (no turn)
        "spans": [
            [wall(start), wall(end)]  # type: ignore[arg-type]
            for start, end in turn.spans
            if end is not None
        ],
    }


def _event_entry(event: Event, wall: Callable[[float], datetime]) -> dict[str, Any]:
    return _clean(
        {"at": wall(event.at), "name": event.name, "step": event.step_key, "detail": event.detail}
    )


def _clock_table(clock: Clock) -> dict[str, Any] | None:
    if isinstance(clock, SpeedClock):
        return {
            "speed": clock.speed,
            "change": [
                {"real": c.real, "virtual": c.virtual, "speed": c.speed} for c in clock.changes
            ],
        }
    return None


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


# Tables that grow with the meeting: each entry is dumped once and its TOML text reused, so a
# save costs little more for 5,000 captures or turns than for ten. Arrays of tables may come
# anywhere in a TOML document, so they are written after the rest (the same document).
_GROWING = ("learning_point", "proposal", "pause", "round", "group_proposal", "segment")
_BLOCK_CACHE_SIZE = 100_000


@lru_cache(maxsize=_BLOCK_CACHE_SIZE)
def _block(name: str, key: str, entry: _Unhashed) -> str | None:
    """`[[name]]` and the entry's keys, or None when the entry needs sub-tables."""
    body = tomli_w.dumps(entry.value)
    if any(line.startswith("[") for line in body.splitlines()):
        return None
    return f"\n[[{name}]]\n{body}"


def _blocks(name: str, entries: list[dict[str, Any]]) -> list[str] | None:
    rendered = [_block(name, repr(e), _Unhashed(e)) for e in entries]
    return None if any(r is None for r in rendered) else cast(list[str], rendered)


class _Appended:
    """The `[[name]]` text of each entry of a list that only grows, kept between saves.

    Turns and agenda events are only ever appended. Of the turns only the last one can still
    change (a new span or an end, as the talk tracker's totals rely on too), so it is printed
    again each time; events never change. With 5,000 turns a save prints one or two tables.
    """

    def __init__(
        self,
        name: str,
        items: Sequence[Any],
        entry: Callable[[Any, Callable[[float], datetime]], dict[str, Any]],
        origin: datetime,
        *,
        last_may_change: bool,
    ) -> None:
        self.name = name
        self.entry = entry
        self.origin = origin  # the wall time of monotonic 0: every datetime depends on it
        self.last_may_change = last_may_change
        self.listed: Sequence[Any] = items  # the list the blocks were printed from
        self.blocks: list[str] = []

    def render(self, items: Sequence[Any], wall: Callable[[float], datetime]) -> list[str]:
        blocks = self.blocks
        keep = min(len(blocks), len(items)) - (1 if self.last_may_change else 0)
        if self.listed is not items or keep < 0:
            keep = 0
        del blocks[keep:]
        for item in items[keep:]:
            blocks.append(f"\n[[{self.name}]]\n{tomli_w.dumps(self.entry(item, wall))}")
        self.listed = items
        return blocks


_appended: dict[tuple[str, int], _Appended] = {}


def _appended_blocks(
    meeting: Meeting,
    name: str,
    owner: object,
    items: Sequence[Any],
    entry: Callable[[Any, Callable[[float], datetime]], dict[str, Any]],
    *,
    last_may_change: bool,
) -> list[str]:
    wall = meeting.agenda.wall
    origin = wall(0.0)
    key = (name, id(owner))
    cache = _appended.get(key)
    if cache is None or cache.listed is not items or cache.origin != origin:
        if len(_appended) >= 16:  # sessions of finished tests and runs: forget them
            _appended.clear()
        cache = _appended[key] = _Appended(
            name, items, entry, origin, last_may_change=last_may_change
        )
    return cache.render(items, wall)


def dumps(meeting: Meeting) -> bytes:
    doc = to_document(meeting, appended=False)
    blocks: list[str] = []
    for name in _GROWING:
        entries = doc.get(name)
        if entries and (rendered := _blocks(name, entries)) is not None:
            blocks.extend(rendered)
            del doc[name]
    steps = doc["agenda"].get("step")
    if steps and (rendered := _blocks("agenda.step", steps)) is not None:
        blocks.extend(rendered)
        del doc["agenda"]["step"]
    talk, agenda = meeting.talk, meeting.agenda
    doc.pop("turn", None)
    blocks += _appended_blocks(meeting, "turn", talk, talk.turns, _turn_entry, last_may_change=True)
    doc.pop("event", None)
    blocks += _appended_blocks(
        meeting, "event", agenda, agenda.events, _event_entry, last_may_change=False
    )
    return (tomli_w.dumps(doc) + "".join(blocks)).encode("utf-8")


class _Unhashed:
    """Carries an entry into the cached function without taking part in its key."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Unhashed)


def save(meeting: Meeting, path: Path, *, durable: bool = True) -> None:
    """Write the session atomically (0600 in a 0700 folder); raises SaveError on failure.

    `durable=False` leaves the flush to the disk to a later `sync(path)`.
    """
    try:
        data = dumps(meeting)
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
        if path.is_dir():
            raise SessionFileError(f"{path}: is a folder, not a session file")
        if path.stat().st_size > MAX_SESSION_BYTES:
            raise SessionFileError(f"{path}: too large to be a session file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise SessionFileError(f"{path}: no such session file") from None
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


def _validated(
    path: Path, doc: dict[str, Any], case_file: Path | None
) -> tuple[Session, Case, str]:
    try:
        from caseroom.store.session_models import Session  # pydantic models: ~13 ms to build

        raw = Session.model_validate(doc)
    except ValidationError as exc:
        raise UntrustedSessionError([f"{path}: {problem}" for problem in problems(exc)]) from None
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
        participants=[Participant(p.name, p.profession, p.present) for p in raw.participant],
        roles=Roles(raw.roles.leader, raw.roles.timekeeper, raw.roles.note_taker),
        case_source=source,
    )
    if raw.created_at is not None:
        meeting.created_at = raw.created_at
    agenda = meeting.agenda
    agenda.anchor(wall_now, mono_now)  # the inverse of `mono`
    by_key = {s.key: s for s in agenda.steps}
    keys = [s.key for s in raw.agenda.step]
    if sorted(keys) != sorted(by_key):
        raise SessionFileError(
            f"{path}: the agenda no longer matches its case '{case.id}' (was the case edited? "
            "--case FILE can name a copy as it was)"
        )
    if raw.agenda.current not in by_key:
        raise SessionFileError(f"{path}: agenda.current: no step '{raw.agenda.current}'")
    agenda.steps = [by_key[k] for k in keys]
    for saved in raw.agenda.step:
        step = by_key[saved.key]
        step.extension_seconds = saved.extension_seconds
        step.spans = [Span(mono(s[0]), mono(s[-1])) for s in saved.spans if s]
    agenda.cursor = keys.index(raw.agenda.current)
    agenda.state = raw.agenda.state
    agenda.pauses = [
        Pause(mono(p.start), p.step, mono(p.end) if p.end else None) for p in raw.pause
    ]
    agenda.events = [Event(mono(e.at), e.name, e.step, e.detail) for e in raw.event]
    started = next((e.at for e in raw.event if e.name == "start"), None)
    agenda.started_at = mono(started) if started is not None else None
    finished = next((e.at for e in raw.event if e.name == "finish"), None)
    agenda.finished_at = mono(finished) if finished is not None else None
    talk = meeting.talk
    talk.turns = [
        Turn(
            t.participant,
            t.step,
            [[mono(s[0]), mono(s[-1])] for s in t.spans if s],
            continued=t.continued,
            skipped=t.skipped,
        )
        for t in raw.turn
    ]
    talk.rounds = [
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
    ]
    meeting.interruptions = []
    for gap in raw.interruption:
        meeting.record_interruption(gap.start, gap.end)
    # exactly as saved: what was open is still open (resuming closes it: resume_after_gap)
    talk.suspended = agenda.state is RunState.PAUSED
    if raw.talk.speaker is not None and talk.turns:
        talk.speaker = raw.talk.speaker
        if raw.talk.speaking_since is not None:
            talk.turns[-1].spans.append([mono(raw.talk.speaking_since), None])
    if agenda.state is RunState.RUNNING and raw.agenda.running_since is not None:
        agenda.current.spans.append(Span(mono(raw.agenda.running_since)))
    _restore_notes(meeting, raw.learning_point, raw.proposal, raw.evaluation, raw.opsamling)
    meeting.group_proposals = [
        GroupProposal(g.at, g.step, [list(x) for x in g.groups]) for g in raw.group_proposal
    ]
    meeting.checked = {k: set(v) for k, v in raw.checklist.items()}
    meeting.reflections = [
        Reflection(r.step, mono(r.start), r.seconds, mono(r.end) if r.end else None)
        for r in raw.reflection
    ]
    return meeting


def _restore_notes(
    meeting: Meeting,
    learning_points: Sequence[models.LearningPoint],
    proposals: Sequence[models.Proposal],
    evaluations: Sequence[models.Evaluation],
    opsamling: models.Opsamling,
) -> None:
    meeting.learning_points = [
        LearningPoint(p.text, p.at, p.segment, p.question, p.edited_at) for p in learning_points
    ]
    meeting.proposals = [
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
        )
        for p in proposals
    ]
    meeting.evaluations = [Evaluation(e.participant, list(e.points)) for e in evaluations]
    meeting.opsamling.action_plan_drafter = opsamling.action_plan_drafter
    meeting.opsamling.deadline = opsamling.deadline


# --- salvage ------------------------------------------------------------------------------


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
        participants=[Participant(p.name, p.profession, p.present) for p in people],
        roles=Roles(roles.leader, roles.timekeeper, roles.note_taker),
        case_source=source,
    )
    for name in ("started_at", "created_at"):
        if isinstance(when := doc.get(name), datetime) and when.tzinfo is not None:
            meeting.created_at = when
            break
    _restore_notes(
        meeting,
        entries("learning_point", models.LearningPoint),
        entries("proposal", models.Proposal),
        entries("evaluation", models.Evaluation),
        table("opsamling", models.Opsamling),
    )
    return meeting, lines
