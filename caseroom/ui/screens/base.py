"""What every caseroom screen reaches: the app, its meeting and the label language."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from caseroom.domain.meeting import Meeting
    from caseroom.ui.app import CaseroomApp
    from caseroom.ui.i18n import Lang


class CaseroomScreen(Screen[None]):
    @property
    def caseroom(self) -> CaseroomApp:
        return cast("CaseroomApp", self.app)

    @property
    def meeting(self) -> Meeting:
        return self.caseroom.meeting

    @property
    def lang(self) -> Lang:
        return self.caseroom.lang
