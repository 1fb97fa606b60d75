"""Errors the domain raises; each carries a message fit to show a person."""

from __future__ import annotations


class CaseroomError(Exception):
    """Base of every error caseroom reports as one line (never a traceback)."""


class DomainError(CaseroomError):
    """An event that is not allowed in the current state (e.g. `next` after the end)."""


class CaseFileError(CaseroomError):
    """A case file could not be loaded; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0] if problems else "invalid case file")
        self.problems = problems


class SessionFileError(CaseroomError):
    """A session file could not be read; the file is left untouched."""


class UntrustedSessionError(SessionFileError):
    """A session file whose figures fail their checks; `problems` holds one line per problem.

    Its notes may still be readable: `caseroom export` gives up what it can trust.
    """

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0] if problems else "invalid session file")
        self.problems = problems


class SaveError(CaseroomError):
    """A session could not be written; the meeting goes on in memory and retries."""
