"""What the note-taker captures: learning points, improvement proposals, evaluation points."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from caseroom.domain.errors import DomainError

MAX_CAPTURE_LENGTH = 20_000
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_control(char: str) -> bool:
    """C0 and C1 control characters and DEL (U+009B alone is a terminal escape, CSI)."""
    return char < " " or "\x7f" <= char <= "\x9f"


def clean_line(text: str) -> str:
    """One line of free text (an area, who drafts the plan): control characters dropped,
    line breaks and tabs made spaces, stripped. May be empty."""
    spaced = "".join(" " if ch in "\n\r\t" else ch for ch in text)
    return "".join(ch for ch in spaced if not is_control(ch)).strip()


def one_line(text: str) -> str:
    """A multi-line capture on one line (lists, calendar entries): its lines joined by ' / '."""
    return " / ".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def clean_text(text: str) -> str:
    """Strip the text and drop control characters other than newlines and tabs."""
    cleaned = "".join(ch for ch in text if ch in "\n\t" or not is_control(ch)).strip()
    if not cleaned:
        raise DomainError("the text is empty")
    if len(cleaned) > MAX_CAPTURE_LENGTH:
        raise DomainError(f"the text is longer than {MAX_CAPTURE_LENGTH} characters")
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
