"""Reading the meeting a follow-up continues (`caseroom run CASE --from SESSION`).

The earlier session file is only read: never written, locked or touched (the check whether
another caseroom has it open takes and drops the lock *beside* it, as every caseroom does).
What the new meeting needs of it is copied into the new session (domain/followup.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from caseroom.domain.captures import LearningPoint, Proposal, ids_as_loaded
from caseroom.domain.case import Case
from caseroom.domain.errors import SessionFileError, UntrustedSessionError
from caseroom.domain.followup import Continues, FollowUp, make_items
from caseroom.store.lock import open_elsewhere
from caseroom.store.session_file import follow_up_of, notes_of, read_document, read_session


@dataclass
class Earlier:
    """The meeting a follow-up continues, as read, and what to say about it on the way."""

    follow: FollowUp
    warnings: list[str] = field(default_factory=list)


def read_earlier(path: Path, case: Case, *, empty: bool = False) -> Earlier:
    """The follow-up (what it continues and its items) of a meeting of `case` continuing the
    session file `path`. Raises SessionFileError with one line when it cannot: `path` is no
    session file (or a broken one), it is open in another caseroom, it has no proposals (and
    `empty` is not given), or `case` has no `status` segment to take them up.
    A session that never finished (still marked running, not open anywhere: a crash) is
    taken up as saved, with a warning."""
    segment = case.status_segment
    if segment is None:
        raise SessionFileError(
            f"{case.id}: has no segment of kind 'status' to take up the proposals of {path}; "
            "run a follow-up agenda (such as opfoelgning) with --from"
        )
    doc = read_document(path)  # one line naming the file and why it is none
    try:
        raw = read_session(path, doc)
        data = path.read_bytes()
    except UntrustedSessionError as exc:
        problem = exc.problems[0] if exc.problems else f"{path}: its figures fail their checks"
        raise SessionFileError(f"{problem} (its proposals cannot be taken up)") from None
    except OSError as exc:
        raise SessionFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if open_elsewhere(path):
        raise SessionFileError(
            f"{path}: is open in another caseroom; finish or close that meeting first, "
            "then take up its proposals"
        )
    warnings: list[str] = []
    if raw.status == "running":
        warnings.append(
            f"{path}: warning: its meeting never finished (still marked running, perhaps it "
            "stopped unexpectedly); its proposals are taken up as last saved"
        )
    if raw.clock is not None:
        warnings.append(
            f"{path}: warning: a rehearsal (its clock ran sped up); its proposals are taken up "
            "as if it were the real meeting, and a report leaves rehearsals out"
        )
    notes = notes_of(raw)
    earlier = follow_up_of(raw)
    items = make_items(
        _with_ids(notes["learning_points"], notes["proposals"], raw.note_ids),
        earlier.items,
        segment_minutes=segment.minutes,
    )
    if not items and not empty:
        raise SessionFileError(
            f"{path}: has no proposals to take up; add --empty to hold the meeting without them"
        )
    if (shared := sum(item.minutes for item in items)) > segment.minutes:
        warnings.append(
            f"{path}: warning: {len(items)} proposals in the {segment.minutes} minutes of "
            f"'{segment.title}': 1 minute each, {shared - segment.minutes} more than planned"
        )
    started = raw.started_at or raw.created_at or raw.saved_at
    first = earlier.continues
    continues = Continues(
        path=str(path.resolve()),
        case_id=raw.case_id,
        case_title=raw.case_title,
        started_at=started,
        sha256=hashlib.sha256(data).hexdigest(),
        first_case_id=first.first_case_id if first is not None else raw.case_id,
        first_started_at=first.first_started_at if first is not None else started,
        first_case_title=(first.first_case_title if first is not None else raw.case_title),
        action_plan_drafter=notes["opsamling"].action_plan_drafter,
        deadline=notes["opsamling"].deadline,
    )
    return Earlier(FollowUp(continues, items), warnings)


def _with_ids(
    learning: list[LearningPoint], proposals: list[Proposal], last: dict[str, int]
) -> list[Proposal]:
    """The proposals with the ids a load of their file gives them (`ids_as_loaded`: a file
    written before notes had ids gets the same ones every time)."""
    notes = [("learning_point", n.id) for n in learning] + [("proposal", p.id) for p in proposals]
    ids, _ = ids_as_loaded(notes, last)
    given = ids[len(learning) :]
    return [p if p.id == i else replace(p, id=i) for p, i in zip(proposals, given, strict=True)]
