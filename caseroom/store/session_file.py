"""Session files (TOML, format 1): the record of one meeting, and what resuming needs.

The names in DESIGN.md/README (participant, segment, learning_point, proposal, evaluation,
roles, opsamling) are a contract for other tools; `[agenda]`, `[talk]` and the event tables
carry the engine's exact state so that `load` can rebuild it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import tomli_w
from pydantic import ValidationError

from caseroom.domain.agenda import Event, Pause, RunState, Span
from caseroom.domain.captures import Evaluation, LearningPoint, Proposal
from caseroom.domain.case import Case, field_name
from caseroom.domain.clock import Clock, SpeedClock, SystemClock
from caseroom.domain.errors import CaseFileError, SaveError, SessionFileError
from caseroom.domain.meeting import GroupProposal, Meeting, Reflection
from caseroom.domain.people import Participant, Roles
from caseroom.domain.talk import RoundEntry, TalkRound, Turn
from caseroom.store.atomic import ensure_private_folder, sync_written, write_atomic
from caseroom.store.cases import open_case

if TYPE_CHECKING:
    from caseroom.store.session_models import Session

SESSION_FORMAT = 1
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
        return {"speed": clock.speed, "origin": clock.origin}
    return None


def session_clock(path: Path) -> Clock:
    """The clock a session ran on: a rehearsal (`--speed`) resumes on its own timeline."""
    doc = read_document(path)
    table = doc.get("clock")
    if isinstance(table, dict):
        speed, origin = table.get("speed"), table.get("origin")
        if isinstance(speed, int | float) and speed > 0 and isinstance(origin, datetime):
            if origin.tzinfo is not None:
                return SpeedClock(float(speed), origin=origin)
    return SystemClock()


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
    if fmt != SESSION_FORMAT:
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
    timekeeper's clock): open spans stay open and nothing is recorded as an interruption.
    Raises SessionFileError (the file is only read, never written, by a load).
    """
    doc = read_document(path)
    try:
        from caseroom.store.session_models import Session  # pydantic models: ~13 ms to build

        raw = Session.model_validate(doc)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = field_name(tuple(error["loc"]))
        message = error["msg"].removeprefix("Value error, ")
        raise SessionFileError(f"{path}: {where}: {message[:1].lower()}{message[1:]}") from None
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
    return _rebuild(raw, case, source, clock, path, follow)


def _rebuild(
    raw: Session, case: Case, source: str, clock: Clock, path: Path, follow: bool
) -> Meeting:
    if follow and isinstance(clock, SpeedClock) and raw.clock is not None:
        if raw.clock.origin != clock.origin:
            clock.follow(raw.clock.origin)  # the rehearsal started over when its meeting began
    mono_now, wall_now = clock.monotonic(), clock.now()
    saved_at = min(raw.saved_at, wall_now)

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
    if not follow and talk.round is not None:
        # a round cannot survive the app going down with its speaker stopped
        talk.round.ended = mono(saved_at)
    meeting.interruptions = []
    for gap in raw.interruption:
        meeting.record_interruption(gap.start, gap.end)
    talk.suspended = agenda.state is RunState.PAUSED
    speaking = raw.talk.speaker is not None and raw.talk.speaking_since is not None and talk.turns
    running = agenda.state is RunState.RUNNING and raw.agenda.running_since is not None
    if follow:
        # another process runs this meeting: what was open is still open
        if speaking and raw.talk.speaking_since is not None:
            talk.speaker = raw.talk.speaker
            talk.turns[-1].spans.append([mono(raw.talk.speaking_since), None])
        if running and raw.agenda.running_since is not None:
            agenda.current.spans.append(Span(mono(raw.agenda.running_since)))
    else:
        if speaking and raw.talk.speaking_since is not None:
            # the speaker was talking when the app went down: the turn ends at the last save
            talk.turns[-1].spans.append([mono(raw.talk.speaking_since), mono(saved_at)])
        talk.speaker = None
        if running and raw.agenda.running_since is not None:
            agenda.current.spans.append(Span(mono(raw.agenda.running_since), mono(saved_at)))
            agenda.current.spans.append(Span(mono_now))
    if not follow and agenda.is_live and wall_now - saved_at > timedelta(seconds=1):
        meeting.record_interruption(saved_at, wall_now)
        agenda.events.append(Event(mono_now, "resume_after_gap", agenda.current.key))
    meeting.learning_points = [
        LearningPoint(p.text, p.at, p.segment, p.question, p.edited_at) for p in raw.learning_point
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
        for p in raw.proposal
    ]
    meeting.evaluations = [Evaluation(e.participant, list(e.points)) for e in raw.evaluation]
    meeting.opsamling.action_plan_drafter = raw.opsamling.action_plan_drafter
    meeting.opsamling.deadline = raw.opsamling.deadline
    meeting.group_proposals = [
        GroupProposal(g.at, g.step, [list(x) for x in g.groups]) for g in raw.group_proposal
    ]
    meeting.checked = {k: set(v) for k, v in raw.checklist.items()}
    meeting.reflections = [
        Reflection(r.step, mono(r.start), r.seconds, mono(r.end) if r.end else None)
        for r in raw.reflection
    ]
    return meeting
