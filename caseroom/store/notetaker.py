"""The note-taker's side of `caseroom notes`: follows the session read-only, sends each note
to the meeting through an inbox (caseroom/store/inbox.py), and knows which of its notes the
meeting has written into the session file ("Gemt ✓").

No Textual here: the screen (caseroom/ui/screens/notes.py) asks this and shows the answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from caseroom.domain.captures import NoteIds, Proposal, clean_line
from caseroom.domain.clock import Clock
from caseroom.domain.errors import SessionFileError
from caseroom.domain.inbox import FIELDS, InboxEntry, Op, note_values
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import match_people
from caseroom.store.follow import SessionFollower
from caseroom.store.inbox import InboxReader, InboxWriter, meeting_open

Delivery = Literal["sent", "saved", "refused"]
MeetingState = Literal["open", "closed", "finished"]


@dataclass(frozen=True)
class Note:
    """A note as the note-taker's list shows it."""

    note_id: str
    kind: str
    values: dict[str, str]
    author: str
    segment: str
    question: str | None
    delivery: Delivery  # "saved": in the session file; "sent": in an inbox, not yet taken


def author_name(meeting: Meeting, typed: str | None) -> str:
    """Who types: `--as NAME` matched among the participants (else the session's note-taker).
    Raises SessionFileError when it names nobody in the meeting, or nobody is named."""
    names = [p.name for p in meeting.participants]
    typed = clean_line(typed or "") or meeting.roles.note_taker
    if not typed:
        raise SessionFileError("name yourself with --as NAME (no note-taker in the session)")
    if not names:
        return typed
    found, unknown = match_people(typed, names)
    if unknown is not None or len(found) != 1:
        raise SessionFileError(f"--as {typed}: not a participant ({', '.join(names)})")
    return found[0]


class NoteTaker:
    def __init__(
        self, path: Path, clock: Clock, author: str | None = None, token: str | None = None
    ) -> None:
        self.path = path
        self.follower = SessionFollower(path, clock)
        self.author = author_name(self.follower.meeting, author)
        self.writer = InboxWriter(path, token)
        self.ids = NoteIds(author=self.writer.token)
        self.sent: dict[str, InboxEntry] = {}  # this process's entries, by key
        self._counter = 0
        # every inbox's entries, read as they grow (the screen asks twice a second)
        self._reader = InboxReader(path)
        self._entries: list[InboxEntry] = []

    @property
    def meeting(self) -> Meeting:
        return self.follower.meeting

    def poll(self) -> bool:
        """Look at the session file; True when what it records changed."""
        return self.follower.poll()

    def state(self) -> MeetingState:
        if self.meeting.status == "finished":
            return "finished"
        return "open" if meeting_open(self.path) else "closed"

    def where(self) -> tuple[str, str | None]:
        """The segment and question the screen shows now: a note is stamped with them."""
        step = self.meeting.agenda.current
        return step.segment.id, step.question.id if step.question is not None else None

    def delivery(self, key: str) -> Delivery:
        record = self.meeting.inbox
        if key in record.refused:
            return "refused"
        return "saved" if record.has(key) else "sent"

    def waiting(self) -> list[InboxEntry]:
        """This author's entries not yet taken by the meeting, in every inbox (an earlier run
        of this screen's too), in order."""
        record = self.meeting.inbox
        if self._reader.changed():
            self._entries += self._reader.read()
        earlier = [e for e in self._entries if e.author == self.author]
        mine = list(self.sent.values())
        seen: set[str] = set()
        out = []
        for entry in [*earlier, *mine]:
            if entry.key not in seen and not record.has(entry.key):
                seen.add(entry.key)
                out.append(entry)
        return out

    def notes(self) -> list[Note]:
        """Every note of the session (the leader's too), then this author's not yet taken:
        as the next save of the meeting will hold them."""
        notes: dict[str, Note] = {}
        meeting = self.meeting
        for kind, items in (
            ("learning_point", meeting.learning_points),
            ("proposal", meeting.proposals),
        ):
            for item in items:
                notes[item.id] = Note(
                    item.id,
                    kind,
                    note_values(item),
                    item.author,
                    item.segment,
                    item.question,
                    "saved",
                )
        for entry in self.waiting():
            if entry.op == "delete":
                notes.pop(entry.note_id, None)
                continue
            notes[entry.note_id] = Note(
                entry.note_id,
                entry.kind,
                entry.values(),
                entry.author,
                entry.segment,
                entry.question,
                "sent",
            )
        return list(notes.values())

    def note(self, note_id: str) -> Note | None:
        return next((n for n in self.notes() if n.note_id == note_id), None)

    def can_change(self, note_id: str) -> bool:
        """Only one's own notes, until the meeting ends."""
        note = self.note(note_id)
        return note is not None and note.author == self.author and self.state() != "finished"

    def add(self, kind: str, values: Mapping[str, str]) -> InboxEntry:
        note_id = self.ids.new(kind)
        segment, question = self.where()
        return self._send("add", note_id, kind, values, segment=segment, question=question)

    def edit(self, note_id: str, values: Mapping[str, str]) -> InboxEntry:
        note = self._own(note_id)
        return self._send("edit", note_id, note.kind, values, base=note.values)

    def delete(self, note_id: str) -> InboxEntry:
        note = self._own(note_id)
        return self._send("delete", note_id, note.kind, note.values, base=note.values)

    def _own(self, note_id: str) -> Note:
        note = self.note(note_id)
        if note is None or not self.can_change(note_id):
            raise SessionFileError(f"{note_id}: not a note of {self.author}'s to change")
        return note

    def _send(
        self,
        op: Op,
        note_id: str,
        kind: str,
        values: Mapping[str, str],
        *,
        segment: str = "",
        question: str | None = None,
        base: dict[str, str] | None = None,
    ) -> InboxEntry:
        if op == "add":
            key = note_id
        else:
            self._counter += 1
            key = f"{note_id}.{op[0]}{self._counter}"
        names = FIELDS if kind == "proposal" else ("text",)
        entry = InboxEntry(
            key,
            op,
            note_id,
            kind,
            self.author,
            **{name: values.get(name, "") for name in names},
            segment=segment,
            question=question,
            base=base,
        )
        self.writer.send(entry)  # on the disk before the screen shows it as sent
        self.sent[key] = entry
        return entry

    def close(self) -> None:
        """Let go of the inbox; removed when the meeting has taken everything in it."""
        done = all(self.meeting.inbox.has(key) for key in self.sent)
        self.writer.close(remove=done)


def proposal_values(proposal: Proposal) -> dict[str, str]:
    return note_values(proposal)
