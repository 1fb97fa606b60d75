"""What every dialog over the meeting reaches: the app and its meeting (read, never changed)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import ModalScreen

from caseroom.ui.keys import CLOSE, make_bindings

if TYPE_CHECKING:
    from caseroom.domain.meeting import Meeting
    from caseroom.ui.app import CaseroomApp

R = TypeVar("R")


class OverMeeting(ModalScreen[R]):
    """A dialog over the meeting, with the app and its meeting at hand."""

    @property
    def caseroom(self) -> CaseroomApp:
        return cast("CaseroomApp", self.app)

    @property
    def meeting(self) -> Meeting:
        return self.caseroom.meeting


class MeetingModal(OverMeeting[None]):
    """A dialog that only shows something; Escape closes it."""

    BINDINGS = make_bindings((CLOSE,))

    def action_close(self) -> None:
        self.dismiss(None)
