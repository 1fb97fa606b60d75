"""What the note-taker captures: learning points, improvement proposals, evaluation points."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from caseroom.domain.errors import DomainError

MAX_CAPTURE_LENGTH = 20_000
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")


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


@dataclass
class LearningPoint:
    text: str
    at: datetime
    segment: str
    question: str | None = None
    edited_at: datetime | None = None


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


@dataclass
class Evaluation:
    participant: str
    points: list[str] = field(default_factory=list)


@dataclass
class OpsamlingDecisions:
    action_plan_drafter: str = ""
    deadline: str = ""  # free text as typed; a date when `deadline_date` reads one


def deadline_date(text: str) -> date | None:
    """The action plan's deadline as a date when `text` is YYYY-MM-DD, else None.

    Raises ValueError for the right shape but a day that does not exist (2026-02-30).
    """
    text = text.strip()
    return date.fromisoformat(text) if _DATE_SHAPE.fullmatch(text) else None
