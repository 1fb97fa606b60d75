"""Notes typed on a note-taker's screen (`caseroom notes`), as the meeting applies them.

The note-taker's process never writes the session: it appends `InboxEntry` lines to an inbox
beside it (caseroom/store/inbox.py), and the meeting applies them through `apply_entry` and
records each entry's `key` as acknowledged (`InboxRecord`), in the session file. A key is
applied once: a re-read inbox never doubles a note nor brings a deleted one back.

An entry carries the note's own id (given by the note-taker, `NoteIds` with an author), the
segment and question the note-taker's screen showed when Enter was pressed, and who typed it.
An edit or a delete carries what the note-taker saw (`base`): when the note changed meanwhile
(the leader edited it), the entry is refused, not applied, and the note-taker is told: no edit
is silently lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from caseroom.domain.captures import (
    NOTE_KINDS,
    LearningPoint,
    Proposal,
    clean_line,
    clean_text,
)
from caseroom.domain.errors import DomainError

if TYPE_CHECKING:
    from caseroom.domain.meeting import Meeting

Op = Literal["add", "edit", "delete"]
OPS: tuple[Op, ...] = ("add", "edit", "delete")
FIELDS = ("text", "area", "responsible", "proposed_by")
"""The fields of a note an entry sets and compares (a learning point has only `text`)."""


@dataclass
class InboxRecord:
    """The keys of the inbox entries a meeting has taken: `acknowledged` (applied, or a note
    already there), `refused` (taken but not applied: the note changed meanwhile, or is not
    the author's). Both only grow; a refused key is also acknowledged."""

    acknowledged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._seen = set(self.acknowledged)

    def has(self, key: str) -> bool:
        return key in self._seen

    def take(self, key: str, *, refused: bool = False) -> None:
        if key not in self._seen:
            self._seen.add(key)
            self.acknowledged.append(key)
        if refused and key not in self.refused:
            self.refused.append(key)


@dataclass(frozen=True)
class InboxEntry:
    """One line of an inbox: an op on one note."""

    key: str  # unique: the note's id for an add, `<id>.<op><n>` for an edit or a delete
    op: Op
    note_id: str
    kind: str  # learning_point | proposal
    author: str  # the name given with --as
    text: str = ""
    area: str = ""
    responsible: str = ""
    proposed_by: str = ""
    segment: str = ""  # as the note-taker's screen showed it when Enter was pressed
    question: str | None = None
    base: dict[str, str] | None = None  # an edit's or delete's fields as the note-taker saw them

    def values(self) -> dict[str, str]:
        names = FIELDS if self.kind == "proposal" else ("text",)
        return {name: str(getattr(self, name)) for name in names}


def note_values(note: LearningPoint | Proposal) -> dict[str, str]:
    """A note's fields as an entry's `base` holds them."""
    names = FIELDS if isinstance(note, Proposal) else ("text",)
    return {name: str(getattr(note, name)) for name in names}


def _find(meeting: Meeting, kind: str, note_id: str) -> LearningPoint | Proposal | None:
    notes: list[Any] = meeting.learning_points if kind == "learning_point" else meeting.proposals
    return next((note for note in notes if note.id == note_id), None)


def apply_entry(meeting: Meeting, entry: InboxEntry) -> str:
    """Apply one entry to `meeting` and acknowledge it; returns what became of it:
    "applied", "refused" (taken, not applied: the note-taker is told) or "seen" (its key was
    acknowledged before: nothing happens)."""
    record = meeting.inbox
    if record.has(entry.key):
        return "seen"
    if entry.kind not in NOTE_KINDS or entry.op not in OPS:
        record.take(entry.key, refused=True)
        return "refused"
    note = _find(meeting, entry.kind, entry.note_id)
    try:
        if entry.op == "add":
            if note is None:
                _add(meeting, entry)
        elif note is None or note.author != entry.author:
            # gone, or not theirs: kept as it is, and they are told
            if not (entry.op == "delete" and note is None):
                record.take(entry.key, refused=True)
                return "refused"
        else:
            # changed since they saw it: the engine's one rule, for the leader's edits too
            meeting.check_unchanged(entry.kind, entry.note_id, entry.base)
            if entry.op == "edit":
                _edit(meeting, entry)
            else:
                meeting.delete_capture(entry.kind, entry.note_id)
    except DomainError:  # changed meanwhile, or empty or too long: nothing to keep
        record.take(entry.key, refused=True)
        return "refused"
    record.take(entry.key)
    return "applied"


def apply_entries(meeting: Meeting, entries: list[InboxEntry]) -> list[str]:
    """`apply_entry` for each of `entries` (what became of each, in their order), the adds
    first: inboxes are read in name order, not in the order they were written, so an edit
    from a note-taker's second screen may come before the add from their first."""
    became = [""] * len(entries)
    for index in sorted(range(len(entries)), key=lambda i: entries[i].op != "add"):
        became[index] = apply_entry(meeting, entries[index])
    return became


def _stamp(meeting: Meeting, entry: InboxEntry) -> tuple[str, str | None]:
    """The entry's segment and question when the case has them, else the meeting's now."""
    case = meeting.case
    if any(s.id == entry.segment for s in case.segments):
        question = entry.question
        if question is not None and not any(q.id == question for q in case.questions):
            question = None
        return entry.segment, question
    step = meeting.agenda.current
    return step.segment.id, step.question.id if step.question is not None else None


def _add(meeting: Meeting, entry: InboxEntry) -> None:
    segment, question = _stamp(meeting, entry)
    now = meeting.clock.now()
    author = clean_line(entry.author)
    if entry.kind == "learning_point":
        meeting.learning_points.append(
            LearningPoint(
                clean_text(entry.text), now, segment, question, id=entry.note_id, author=author
            )
        )
    else:
        meeting.proposals.append(
            Proposal(
                clean_text(entry.text),
                now,
                segment,
                area=clean_line(entry.area),
                responsible=clean_line(entry.responsible),
                proposed_by=clean_line(entry.proposed_by),
                question=question,
                id=entry.note_id,
                author=author,
            )
        )
    meeting.note_ids.claim(entry.note_id)


def _edit(meeting: Meeting, entry: InboxEntry) -> None:
    if entry.kind == "learning_point":
        meeting.edit_learning_point(entry.note_id, entry.text)
    else:
        meeting.edit_proposal(
            entry.note_id,
            text=entry.text,
            area=entry.area,
            responsible=entry.responsible,
            proposed_by=entry.proposed_by,
        )
