"""Reading a session for export: as of its last save, never writing it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from caseroom.domain.errors import UntrustedSessionError
from caseroom.domain.meeting import Meeting
from caseroom.store.session_file import load, read_document, salvage


class _StillClock:
    """A clock standing at one instant: the session's last save."""

    def __init__(self, at: datetime) -> None:
        self._at = at

    def monotonic(self) -> float:
        return 0.0

    def now(self) -> datetime:
        return self._at


def load_for_export(path: Path, case_file: Path | None = None) -> Meeting:
    """The meeting as of its last save; reads the file, never writes it.

    A running session is followed (nothing is recorded as an interruption) on a clock that
    stands at `saved_at`, so what was running counts up to the last save and no further.
    Raises SessionFileError with one line.
    """
    saved = read_document(path).get("saved_at")
    if not isinstance(saved, datetime) or saved.tzinfo is None:
        saved = datetime.now(UTC)
    return load(path, _StillClock(saved), follow=True, case_file=case_file)


def salvage_for_export(
    path: Path, untrusted: UntrustedSessionError, case_file: Path | None = None
) -> tuple[Meeting, list[str]]:
    """The people and notes of a session whose figures fail their checks (`load_for_export`
    raised `untrusted`), and one line per problem (`session_file.salvage`): a broken figure
    never traps a clinic's notes."""
    return salvage(path, _StillClock(datetime.now(UTC)), untrusted, case_file=case_file)
