"""Meetings that continue an earlier one (`caseroom run CASE --from SESSION`).

The presentation meeting (3b) and the follow-up meeting (3d) take the earlier meeting's
improvement proposals one by one: each becomes an *item* of the case's `status` segment (one
step per item, key "<segment id>/<item id>"), and for each the room records a status, what
was learned, and a next step with a responsible person and a due date.

The earlier session file is only ever read. What it held that this meeting needs (`Continues`,
the items) is copied into the new session, so the new one loads without the earlier file.
Pure: no file access here (store/followup.py reads the earlier file).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, get_args

from caseroom.domain.captures import Proposal, clean_line, deadline_date, plain_text
from caseroom.domain.errors import DomainError

ItemStatus = Literal["done", "in-progress", "changed", "dropped"]
ITEM_STATUSES: tuple[ItemStatus, ...] = get_args(ItemStatus)
STATUS_LABEL_KEYS = {status: f"status.{status}" for status in ITEM_STATUSES}
"""The catalogue key of each status's label (da gennemført / i gang / ændret / droppet)."""


@dataclass(frozen=True)
class Continues:
    """Which meeting a follow-up continues (the `[continues]` table of its session file)."""

    path: str  # the earlier session file's resolved absolute path
    case_id: str
    case_title: str
    started_at: datetime  # the earlier one's start (else when its session was made)
    sha256: str  # of the earlier file's bytes as read
    first_case_id: str  # the chain's first meeting (the earlier one when it continues nothing)
    first_started_at: datetime
    action_plan_drafter: str = ""  # the earlier meeting's [opsamling]
    deadline: str = ""
    first_case_title: str = ""  # "": not recorded (files before it was), the case id stands in


@dataclass
class FollowItem:
    """One earlier proposal (or earlier item) the meeting takes up, and what it records."""

    id: str  # "f1", "f2", ... in the order they are taken
    source: str  # the earlier proposal's id ("p-3"), or the earlier item's ("f2")
    text: str
    area: str = ""
    responsible: str = ""
    proposed_by: str = ""
    agreed: bool = False
    minutes: int = 1  # the item step's planned minutes (`share_minutes`)
    then: ItemStatus | None = None  # the status an earlier follow-up recorded, if any
    status: ItemStatus | None = None  # None until recorded
    learned: str = ""
    next_step: str = ""
    next_responsible: str = ""
    next_due: date | None = None

    @property
    def recorded(self) -> bool:
        """Whether anything was recorded for it in this meeting."""
        return bool(
            self.status
            or self.learned
            or self.next_step
            or self.next_responsible
            or self.next_due is not None
        )


@dataclass
class FollowUp:
    """What a meeting continues (None: nothing) and its items (empty: none, or `--empty`)."""

    continues: Continues | None = None
    items: list[FollowItem] = field(default_factory=list)


MAX_DUE_YEARS = 10
"""A next step is due within this many years of the meeting (9999 is a typing slip)."""


def share_minutes(total: int, count: int) -> list[int]:
    """`total` minutes shared among `count` items as whole minutes, at least 1 each, the first
    ones getting the remainder (15 among 6: 3, 3, 3, 2, 2, 2)."""
    if count <= 0:
        return []
    base, extra = divmod(total, count)
    return [max(1, base + (1 if index < extra else 0)) for index in range(count)]


def make_items(
    proposals: Sequence[Proposal],
    earlier_items: Sequence[FollowItem] = (),
    *,
    segment_minutes: int,
) -> list[FollowItem]:
    """The items of a meeting continuing one that recorded `earlier_items` (when it was a
    follow-up itself) and `proposals`: the earlier items in their order (with `then` = the
    status recorded for them), then the proposals, agreed ones first, each group in its order.
    Ids f1, f2, ... in that order; minutes shared out of the status segment's."""
    ordered = [p for p in proposals if p.agreed] + [p for p in proposals if not p.agreed]
    items = [
        FollowItem(
            id="",
            source=item.id,
            text=item.text,
            area=item.area,
            responsible=item.responsible,
            proposed_by=item.proposed_by,
            agreed=item.agreed,
            then=item.status,  # what the meeting it continues recorded (contract §3)
        )
        for item in earlier_items
    ]
    items += [
        FollowItem(
            id="",
            source=p.id,
            text=p.text,
            area=p.area,
            responsible=p.responsible,
            proposed_by=p.proposed_by,
            agreed=p.agreed,
        )
        for p in ordered
    ]
    for item in items:  # text is data: cleaned once, where it enters (as the file reads it)
        item.text = plain_text(item.text).strip()
        item.area, item.responsible, item.proposed_by = (
            clean_line(item.area),
            clean_line(item.responsible),
            clean_line(item.proposed_by),
        )
    for number, (item, minutes) in enumerate(
        zip(items, share_minutes(segment_minutes, len(items)), strict=True), start=1
    ):
        item.id = f"f{number}"
        item.minutes = minutes
    return items


def status_of(text: str) -> ItemStatus:
    """A status as the file or a caller names it; DomainError("followup.bad_status")."""
    for status in ITEM_STATUSES:
        if text == status:
            return status
    raise DomainError("followup.bad_status", status=text[:20], statuses=", ".join(ITEM_STATUSES))


def due_date(text: str, meeting_day: date) -> date | None:
    """A next step's due date as typed (the action plan's deadline's formats: 13-12-2026,
    13.12.2026, 2026-12-13); None for nothing typed. DomainError for anything else, or a day
    before the meeting."""
    text = text.strip()
    if not text:
        return None
    try:
        day = deadline_date(text)
    except ValueError:
        raise DomainError("followup.no_such_date", date=text[:20]) from None
    if day is None:
        raise DomainError("followup.bad_date", date=text[:20])
    if day < meeting_day:
        raise DomainError(
            "followup.due_before_meeting", date=day.isoformat(), day=meeting_day.isoformat()
        )
    if day.year > meeting_day.year + MAX_DUE_YEARS:
        raise DomainError("followup.due_too_far", date=day.isoformat(), years=MAX_DUE_YEARS)
    return day
