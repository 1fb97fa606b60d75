"""The session file: pydantic models of its tables, the schema both ways.

A save dumps them (`model_dump(exclude_none=True)`: TOML has no null), in the order of their
fields; a load validates them (strict, extra keys ignored). Figures written for other readers
(`spoken_seconds`, `elapsed_seconds`, a segment's `actual_seconds`, ...) are derived from the
recorded instants, and a load reads them only to check them.

Built on first use (`defer_build`): starting a meeting does not pay for them until it saves.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_serializer,
    field_validator,
    model_validator,
)

from caseroom.domain import clock
from caseroom.domain.agenda import RunState
from caseroom.domain.captures import plain_text
from caseroom.domain.case import GroupBy
from caseroom.domain.clock import MAX_SPEED
from caseroom.domain.people import MAX_NAME_LENGTH


class Doc(BaseModel):
    # built on first use: only resuming and the clock read sessions, not a new meeting
    model_config = ConfigDict(extra="ignore", strict=True, allow_inf_nan=False, defer_build=True)
    # fields whose text may hold lines and tabs (what people wrote); every other text is one line
    MULTILINE: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def plain(cls, value: Any, info: ValidationInfo) -> Any:
        """Session text is data: every text of the file (and of a list of texts) is cleaned
        here, once, of control and text-direction characters, before it is checked."""
        return _plain(value, multiline=info.field_name in cls.MULTILINE)


def _plain(value: Any, *, multiline: bool) -> Any:
    if isinstance(value, str):
        return plain_text(value, multiline=multiline)
    if isinstance(value, list) and value and isinstance(value[0], str | list):  # texts, groups
        return [_plain(item, multiline=multiline) for item in value]
    return value  # a table is a model of its own; numbers and dates are no text


Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME_LENGTH)
]
Seconds = Annotated[float, Field(ge=0)]
# a note's id (`NoteIds`: "lp-3", "p-1"; absent in files written before notes had ids: a load
# gives those the same ids every time, a save writes them)
NoteId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
IdStem = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(\.[a-z0-9]+)*$")]


class Participant(Doc):
    name: Name
    profession: str = ""
    present: bool = True
    clinic: Annotated[str, StringConstraints(max_length=MAX_NAME_LENGTH)] | None = None
    spoken_seconds: Seconds = 0.0  # written for the reader; the figures come from the turns
    turns: Annotated[int, Field(ge=0)] = 0


Speed = Annotated[float, Field(gt=0, le=MAX_SPEED)]


class SpeedChange(Doc):
    real: AwareDatetime
    virtual: AwareDatetime
    speed: Speed


class SpeedClock(Doc):
    """A rehearsal's clock: format 2 records each speed change, format 1 one origin."""

    speed: Speed
    origin: AwareDatetime | None = None
    change: list[SpeedChange] = []

    @model_validator(mode="after")
    def has_a_timeline(self) -> SpeedClock:
        if self.origin is None and not self.change:
            raise ValueError("a rehearsal clock needs its `change` list (or an `origin`)")
        return self

    def changes(self) -> list[clock.SpeedChange]:
        if not self.change:
            assert self.origin is not None
            return [clock.SpeedChange(self.origin, self.origin, self.speed)]
        return [clock.SpeedChange(c.real, c.virtual, c.speed) for c in self.change]


class Roles(Doc):
    leader: str = ""
    timekeeper: str = ""
    note_taker: str = ""


class Segment(Doc):
    """A segment of the case as it ran (for readers of the file; a load rebuilds the steps)."""

    id: str
    title: str = ""
    # the case segment's kind ("case", "break", ...): a reader needs no case file (absent in
    # older files: a reader falls back to the case file, else "unknown")
    kind: str | None = None
    planned_minutes: int = 0
    extension_seconds: float = 0.0
    actual_seconds: float | None = None  # absent until the segment has run


class Step(Doc):
    key: str
    planned_seconds: float = 0.0  # for readers of the file
    extension_seconds: float = 0.0
    elapsed_seconds: float = 0.0  # for readers of the file: the spans are the record
    spans: list[list[AwareDatetime]] = []


class Agenda(Doc):
    state: RunState = Field(strict=False)  # the file holds the value ("running"), not the enum
    current: str
    running_since: AwareDatetime | None = None
    step: list[Step]

    @field_serializer("state")
    def state_value(self, state: RunState) -> str:
        return state.value


class Talk(Doc):
    speaker: str | None = None
    speaking_since: AwareDatetime | None = None


class Turn(Doc):
    participant: str
    step: str
    continued: bool = False
    # a pass in a talking round: its seconds count, it is no turn (written only when true)
    skipped: bool = Field(default=False, exclude_if=lambda skipped: not skipped)
    spans: list[list[AwareDatetime]] = []


class RoundEntry(Doc):
    participant: str
    skipped: bool = False
    seconds: float = 0.0


class Round(Doc):
    step: str
    started: datetime
    ended: datetime | None = None
    seconds_per_person: float | None = None
    order: list[str]
    position: int = 0
    entry: list[RoundEntry] = []


class Pause(Doc):
    step: str
    start: AwareDatetime
    end: AwareDatetime | None = None


class Interruption(Doc):
    start: AwareDatetime
    end: AwareDatetime
    seconds: float = 0.0  # for readers of the file


class LearningPoint(Doc):
    MULTILINE = frozenset({"text"})

    id: NoteId | None = None
    text: str
    at: AwareDatetime
    segment: str
    question: str | None = None
    edited_at: AwareDatetime | None = None
    author: str | None = None  # typed on a note-taker's screen (`caseroom notes --as NAME`)


class Proposal(Doc):
    MULTILINE = frozenset({"text"})

    id: NoteId | None = None
    text: str
    area: str = ""
    responsible: str = ""
    proposed_by: str = ""
    agreed: bool = False
    at: AwareDatetime
    segment: str
    question: str | None = None
    edited_at: AwareDatetime | None = None
    author: str | None = None  # typed on a note-taker's screen (`caseroom notes --as NAME`)


class Evaluation(Doc):
    MULTILINE = frozenset({"points"})

    participant: str
    points: list[str] = []


class Opsamling(Doc):
    action_plan_drafter: str = ""
    deadline: str = ""


class Continues(Doc):
    """`[continues]`: the earlier meeting a follow-up continues (`caseroom run --from`)."""

    path: str
    case_id: str
    case_title: str = ""
    started_at: AwareDatetime
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    first_case_id: str
    first_started_at: AwareDatetime
    first_case_title: str | None = None  # absent in files written before it was recorded
    action_plan_drafter: str | None = None  # absent when empty
    deadline: str | None = None


ItemStatus = Literal["done", "in-progress", "changed", "dropped"]
ItemId = Annotated[str, StringConstraints(pattern=r"^f[1-9][0-9]{0,5}$")]


class Item(Doc):
    """`[[item]]`: an earlier proposal (or item) a follow-up takes up, and its status now."""

    MULTILINE = frozenset({"text", "learned", "next_step"})

    id: ItemId
    source: str = ""
    text: str
    area: str = ""
    responsible: str = ""
    proposed_by: str = ""
    agreed: bool = False
    minutes: Annotated[int, Field(ge=1)]
    then: ItemStatus | None = None
    status: ItemStatus | None = None
    learned: str | None = None
    next_step: str | None = None
    next_responsible: str | None = None
    next_due: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None

    @field_validator("next_due")
    @classmethod
    def a_real_day(cls, value: str | None) -> str | None:
        if value is not None:
            date.fromisoformat(value)  # ValueError: no such day
        return value


InboxKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")]


class Inbox(Doc):
    """The note-takers' inbox entries the meeting has taken, by key (domain/inbox.py): a
    re-read inbox never doubles a note nor brings back a deleted one."""

    acknowledged: list[InboxKey] = []
    refused: list[InboxKey] = []


class GroupProposal(Doc):
    at: AwareDatetime
    step: str
    groups: list[list[str]]
    by: GroupBy | None = None  # how they were formed; absent: mixing professions


class Reflection(Doc):
    step: str
    start: AwareDatetime
    seconds: float
    end: AwareDatetime | None = None


class Event(Doc):
    at: AwareDatetime
    name: str
    step: str
    detail: str = ""


class Session(Doc):
    """The whole file; its fields in the order a save writes them."""

    format: int
    case_id: str
    case_title: str = ""
    case_source: str = ""
    created_at: AwareDatetime | None = None
    # when the meeting was planned to start (absent: the plan starts when it does)
    planned_start: AwareDatetime | None = None
    started_at: AwareDatetime | None = None
    ended_at: AwareDatetime | None = None
    # the IANA name of the local zone when the session was made ("Europe/Copenhagen"); absent
    # in older files and where it could not be found: the exports then use the times' offset
    time_zone: Annotated[str, StringConstraints(max_length=64)] | None = None
    saved_at: AwareDatetime
    # a hash of what the session records (all but the figures of the save's moment), written
    # by the writer and changed only when that changes: a follower reads it in the file's
    # head instead of the whole file (absent in older files; a load does not check it)
    revision: str | None = None
    status: Literal["running", "finished"]
    clock: SpeedClock | None = None
    roles: Roles = Roles()
    participant: list[Participant] = []
    segment: list[Segment] = []
    learning_point: list[LearningPoint] = []
    proposal: list[Proposal] = []
    evaluation: list[Evaluation] = []
    # the last number given to the notes' ids of each stem ("lp", "p"): never given again
    note_ids: dict[IdStem, Annotated[int, Field(ge=0)]] = Field(
        default={}, exclude_if=lambda last: not last
    )
    opsamling: Opsamling = Opsamling()
    # a follow-up (`caseroom run --from`): what it continues, and the items it takes up
    continues: Continues | None = None
    item: list[Item] = Field(default=[], exclude_if=lambda items: not items)
    # absent until a note-taker's screen delivered a note (`caseroom notes`)
    inbox: Inbox = Field(default=Inbox(), exclude_if=lambda inbox: not inbox.acknowledged)
    agenda: Agenda
    talk: Talk = Talk()
    turn: list[Turn] = []
    round: list[Round] = []
    pause: list[Pause] = []
    interruption: list[Interruption] = []
    checklist: dict[str, list[int]] = {}
    prompts: dict[str, list[int]] = {}  # prompts ticked, by segment (absent in older files)
    reflection: list[Reflection] = []
    group_proposal: list[GroupProposal] = []
    event: list[Event] = Field(default=[])

    def recorded(self) -> dict[str, Any]:
        """The session without the figures a save derives from its own moment (`saved_at`,
        spoken, elapsed and actual seconds): the same for every save of the same state, as
        the heartbeat saves of a running meeting are."""
        return self.model_dump(exclude=_MOMENT)

    @field_validator("participant")
    @classmethod
    def one_entry_per_person(cls, people: list[Participant]) -> list[Participant]:
        seen: set[str] = set()
        for person in people:
            if person.name.casefold() in seen:
                raise ValueError(f"'{person.name}' is listed twice")
            seen.add(person.name.casefold())
        return people

    @field_validator("item")
    @classmethod
    def one_item_per_id(cls, items: list[Item]) -> list[Item]:
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ValueError(f"the item id '{item.id}' is used twice")
            seen.add(item.id)
        return items

    @field_validator("proposal")
    @classmethod
    def one_note_per_id(cls, proposals: list[Proposal], info: ValidationInfo) -> list[Proposal]:
        seen: set[str] = set()
        for note in (*info.data.get("learning_point", ()), *proposals):
            if note.id is not None and note.id in seen:
                raise ValueError(f"the note id '{note.id}' is used twice")
            seen.add(note.id)
        return proposals


_MOMENT: Any = {
    "saved_at": True,
    "participant": {"__all__": {"spoken_seconds"}},
    "segment": {"__all__": {"actual_seconds"}},
    "agenda": {"step": {"__all__": {"elapsed_seconds"}}},
}
"""What `Session.recorded` leaves out: what changes with the moment of the save alone."""


def recorded_part(doc: dict[str, Any]) -> dict[str, Any]:
    """A dumped session (a dict) without what `_MOMENT` names, nor the `revision` made of
    it: what the writer hashes (`session_file.with_revision`)."""
    part: dict[str, Any] = _without(doc, _MOMENT)
    part.pop("revision", None)
    return part


def _without(value: Any, leave_out: Any) -> Any:
    """`value` (dumped: dicts and lists) without what `leave_out` names, in pydantic's
    `exclude` shape ({key: True | nested}, "__all__" for every item of a list)."""
    if isinstance(value, list):
        return [_without(item, leave_out.get("__all__", {})) for item in value]
    if not isinstance(value, dict):
        return value
    if isinstance(leave_out, set):
        leave_out = dict.fromkeys(leave_out, True)
    return {
        key: item if key not in leave_out else _without(item, leave_out[key])
        for key, item in value.items()
        if leave_out.get(key) is not True
    }
