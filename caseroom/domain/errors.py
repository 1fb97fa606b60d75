"""Errors the domain raises; each carries a message fit to show a person."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial

from caseroom.catalogue import Lang, t


class CaseroomError(Exception):
    """Base of every error caseroom reports as one line (never a traceback)."""


class DomainError(CaseroomError):
    """An event that is not allowed in the current state (e.g. `next` after the end).

    It carries a code of the catalogue ("meeting.finished") and the parameters its text
    uses; `str()` is the English text (the command line, the logs), `text(lang)` the text in
    the UI's language. A parameter that is itself a DomainError is told in the same language.
    """

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.text("en"))

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return partial(DomainError, self.code, **self.params), ()

    def text(self, lang: Lang) -> str:
        values = {
            name: value.text(lang) if isinstance(value, DomainError) else value
            for name, value in self.params.items()
        }
        return t(self.code, lang, **values)


@dataclass(frozen=True)
class Verdict:
    """Whether something can happen now: allowed (truthy), or blocked with the code and the
    parameters of the DomainError that doing it would raise."""

    code: str = ""
    params: Mapping[str, object] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return not self.code

    @property
    def allowed(self) -> bool:
        return not self.code

    def error(self) -> DomainError:
        return DomainError(self.code, **self.params)

    def check(self) -> None:
        """Raise the DomainError of a blocked verdict; nothing when allowed."""
        if self.code:
            raise self.error()


ALLOWED = Verdict()


def blocked(code: str, /, **params: object) -> Verdict:
    return Verdict(code, params)


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
