"""What the note-taker captures: learning points, improvement proposals, evaluation points."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum

from caseroom.domain.errors import DomainError

MAX_CAPTURE_LENGTH = 20_000
PLAN_DAYS = 7  # the action plan is due a week after the meeting unless a deadline is set
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
# a day as Danes write it: 13-12-2026 or 13.12.2026 (1.2.2027 too), one separator throughout
_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})(?P<sep>[-.])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})")


# Invisible characters that make a terminal show text in another order than it is stored:
# the bidi marks (ALM, LRM, RLM), embeddings and overrides (U+202A-U+202E), isolates
# (U+2066-U+2069) and the deprecated shaping controls beside them (U+206A-U+206F).
_REORDERING = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x2070)])
_LINE_SEPARATORS = frozenset([0x2028, 0x2029])  # Unicode's line and paragraph separators
_CONTROLS = frozenset([*range(0x20), *range(0x7F, 0xA0)])  # U+009B alone is CSI to a terminal
_UNSAFE_CODES = _CONTROLS | _REORDERING | _LINE_SEPARATORS
_UNSAFE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_UNSAFE_CODES)) + "]")
_MULTILINE: dict[int, str | None] = {
    code: None for code in _CONTROLS | _REORDERING if chr(code) not in "\n\t"
} | dict.fromkeys(_LINE_SEPARATORS, "\n")
_ONE_LINE: dict[int, str | None] = {code: None for code in _CONTROLS | _REORDERING} | dict.fromkeys(
    [ord("\n"), ord("\r"), ord("\t"), *_LINE_SEPARATORS], " "
)


def is_unsafe(char: str) -> bool:
    """A character that must not reach a terminal as it is: a control character (C0, C1, DEL;
    newline and tab too), a line separator or one that reorders text (bidi marks, overrides,
    isolates)."""
    return ord(char) in _UNSAFE_CODES


def unsafe_codes(text: str) -> str:
    """The unsafe characters of `text` named as code points, for a message: 'U+001B, U+202E'."""
    return ", ".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in text if is_unsafe(ch)))


def plain_text(text: str, *, multiline: bool = True) -> str:
    """Text as it may be drawn and exported: the one cleaning of case, session and typed text.

    Control characters (C0, C1, DEL) and the invisible characters that reorder text are
    dropped. `multiline` keeps newlines and tabs (a line or paragraph separator becomes a
    newline; a carriage return goes, so CRLF is LF); otherwise line breaks and tabs become
    spaces. Nothing else changes (no stripping): cheap when there is nothing to clean.
    """
    if _UNSAFE.search(text) is None:
        return text
    return text.translate(_MULTILINE if multiline else _ONE_LINE)


def clean_line(text: str) -> str:
    """One line of free text (an area, who drafts the plan): control characters dropped,
    line breaks and tabs made spaces, stripped. May be empty."""
    return plain_text(text, multiline=False).strip()


def one_line(text: str) -> str:
    """A multi-line capture on one line (lists, calendar entries): its lines joined by ' / '."""
    return " / ".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def clean_text(text: str) -> str:
    """Strip the text and drop control characters other than newlines and tabs, and the
    characters that reorder text (`plain_text`); refuse it empty or too long."""
    cleaned = plain_text(text).strip()
    if not cleaned:
        raise DomainError("captures.empty")
    if len(cleaned) > MAX_CAPTURE_LENGTH:
        raise DomainError("captures.too_long", n=MAX_CAPTURE_LENGTH)
    return cleaned


def match_typed(typed: str, options: Sequence[str], *, free: bool = True) -> str | None:
    """What typed letters mean among `options` (areas, professions, people): the option typed
    in full (any case), else the only option it begins, else the text as typed when `free`
    (an area of one's own: "andet"), else None. Nothing typed is "".
    """
    text = typed.strip()
    if not text:
        return ""
    folded = text.casefold()
    exact = [o for o in options if o.casefold() == folded]
    if exact:
        return exact[0]
    prefixed = [o for o in options if o.casefold().startswith(folded)]
    if len(prefixed) == 1:
        return prefixed[0]
    return text if free else None


NOTE_KINDS = ("learning_point", "proposal")
"""The notes a meeting addresses by id (`Meeting.edit_*`, `delete_capture`, `merge_proposals`)."""
_STEMS = {"learning_point": "lp", "proposal": "p"}
_AUTHOR = re.compile(r"[a-z0-9]+")
_NUMBERED = re.compile(r"(?P<stem>(?:[a-z0-9]+\.)?[a-z]+)-(?P<number>[1-9][0-9]{0,17})")


class NoteIds:
    """The ids of a session's notes: short, unique in the session, never given twice.

    An id is `<stem>-<n>`: the kind's stem (`lp` a learning point, `p` a proposal) and the
    next number of that stem, counted from 1 in the order the notes are taken ("lp-1",
    "p-3"). Counted, not drawn or hashed: the same meeting on a fake clock gets the same
    ids, and an id says which note came first. Numbers only go up: a note deleted (for good
    or until an undo) or merged away keeps its number, which no later note gets; the session
    file records the last number of each stem (`[note_ids]`), so that holds after a resume.

    `author` makes room for a second writer of the same session (a note-taker's process
    appending through an inbox): its ids are `<author>.<stem>-<n>` ("n2.lp-1"), numbered on
    its own, so two writers never give the same id. The meeting itself writes without one.
    """

    def __init__(self, author: str = "") -> None:
        if author and not _AUTHOR.fullmatch(author):
            raise ValueError(f"a note author is lower-case letters and digits: {author!r}")
        self.author = author
        self.last: dict[str, int] = {}  # the last number given, by stem ("lp", "n2.p")

    def stem(self, kind: str) -> str:
        if kind not in _STEMS:
            raise DomainError("captures.unknown_kind", kind=kind)
        return f"{self.author}.{_STEMS[kind]}" if self.author else _STEMS[kind]

    def new(self, kind: str) -> str:
        """The next id for a note of `kind`."""
        stem = self.stem(kind)
        number = self.last.get(stem, 0) + 1
        self.last[stem] = number
        return f"{stem}-{number}"

    def claim(self, note_id: str) -> None:
        """An id already in use (a file's): no later note gets its number again."""
        if (numbered := _NUMBERED.fullmatch(note_id)) is not None:
            stem, number = numbered["stem"], int(numbered["number"])
            self.last[stem] = max(self.last.get(stem, 0), number)

    def restore(self, last: Mapping[str, int]) -> None:
        """The last numbers a session file recorded (ids in use are then `claim`ed)."""
        self.last = {stem: number for stem, number in last.items() if number > 0}


def ids_as_loaded(
    notes: Sequence[tuple[str, str | None]], last: Mapping[str, int]
) -> tuple[list[str], NoteIds]:
    """The ids a load gives a session's notes ((kind, id) each, learning points first, each
    list in its order), and the numbering after them. A note without an id (a file written
    before notes had them), or with one an earlier note holds, gets the next free one; the
    first note holding an id keeps it. The same file always gives the same ids: a meeting's
    load, a follow-up taking up its proposals and a report all name them alike."""
    numbers = NoteIds()
    numbers.restore(last)
    held: set[str] = set()
    for _, note_id in notes:
        if note_id and note_id not in held:
            held.add(note_id)
            numbers.claim(note_id)
    ids = []
    for kind, note_id in notes:
        if note_id and note_id in held:
            held.discard(note_id)
            ids.append(note_id)
        else:
            ids.append(numbers.new(kind))
    return ids, numbers


@dataclass
class LearningPoint:
    text: str
    at: datetime
    segment: str
    question: str | None = None
    edited_at: datetime | None = None
    id: str = ""  # unique in the session (`NoteIds`); "" only before a meeting holds it
    author: str = ""  # who typed it on a note-taker's screen (`caseroom notes --as`); "" here


@dataclass
class Proposal:
    text: str
    at: datetime
    segment: str
    area: str = ""
    responsible: str = ""
    proposed_by: str = ""
    question: str | None = None
    agreed: bool = False
    edited_at: datetime | None = None
    id: str = ""  # unique in the session (`NoteIds`); "" only before a meeting holds it
    author: str = ""  # who typed it on a note-taker's screen (`caseroom notes --as`); "" here


@dataclass
class Evaluation:
    participant: str
    points: list[str] = field(default_factory=list)


@dataclass
class OpsamlingDecisions:
    action_plan_drafter: str = ""
    deadline: str = ""  # free text as typed; a date when `deadline_date` reads one


def proposals_by_area(
    areas: Iterable[str], proposals: Sequence[Proposal]
) -> list[tuple[str, list[int]]]:
    """The proposals grouped by area, as the Opsamling list and the exports show them.

    The case's `areas` in their order, then areas of one's own in the order first used, then
    the proposals without an area (""); an area nobody used is left out. Each group holds the
    positions in `proposals` of its proposals, in order.
    """
    areas = [area for area in dict.fromkeys(areas) if area]
    used = dict.fromkeys(p.area for p in proposals)
    order = [a for a in areas if a in used] + [a for a in used if a and a not in areas]
    if "" in used:
        order.append("")
    return [(area, [i for i, p in enumerate(proposals) if p.area == area]) for area in order]


def deadline_date(text: str) -> date | None:
    """The action plan's deadline as a date when `text` is written as a day, else None:
    YYYY-MM-DD (2026-12-13), or day first as people write it, DD-MM-YYYY or DD.MM.YYYY
    (13-12-2026, 13.12.2026, 1.2.2027).

    Raises ValueError for the right shape but a day that does not exist (2026-02-30, 30.2.2026).
    """
    text = text.strip()
    if _DATE_SHAPE.fullmatch(text):
        return date.fromisoformat(text)
    if found := _DAY_FIRST.fullmatch(text):
        return date(int(found["year"]), int(found["month"]), int(found["day"]))
    return None


class DeadlineProblem(Enum):
    """Why the action-plan dialog refuses a deadline."""

    NOT_A_DATE = "not_a_date"  # not written as a day `deadline_date` reads ("1. december")
    NO_SUCH_DATE = "no_such_date"  # the right shape, but no such day (2026-02-30)
    BEFORE_MEETING = "before_meeting"  # a day before the meeting's


@dataclass(frozen=True)
class Deadline:
    """The action plan's deadline (Opsamling) read once, for the dialog and the exports."""

    text: str  # as typed, stripped; "" when none is decided
    day: date | None  # the date, when `text` is a day that exists
    meeting_day: date  # the day of the meeting it was read for
    problem: DeadlineProblem | None  # why the dialog refuses `text`; None: it takes it

    @property
    def default(self) -> date:
        """A week after the meeting: the plan's date when no day is given."""
        return self.meeting_day + timedelta(days=PLAN_DAYS)

    @property
    def due(self) -> date:
        """The day the plan is due: the deadline's, else the default."""
        return self.day or self.default


def plan_deadline(text: str, meeting_day: date) -> Deadline:
    """Read the action plan's deadline for a meeting held on `meeting_day`.

    The one rule for the dialog and the exports: a deadline is empty (none yet: the plan is
    due `PLAN_DAYS` after the meeting) or a day (`deadline_date`), not before the meeting.
    The dialog refuses a deadline with a `problem`. What a session already holds is shown
    as it is, though: a date the dialog would refuse today (a day before the meeting) still
    has its `day`, and other text (typed before the dialog checked it) stays `text` with no
    `day`, as the exports show it.
    """
    text = text.strip()
    try:
        day = deadline_date(text)
    except ValueError:
        return Deadline(text, None, meeting_day, DeadlineProblem.NO_SUCH_DATE)
    problem = None
    if text and day is None:
        problem = DeadlineProblem.NOT_A_DATE
    elif day is not None and day < meeting_day:
        problem = DeadlineProblem.BEFORE_MEETING
    return Deadline(text, day, meeting_day, problem)
