"""The timekeeper's clock as a small App: it shows one `ClockScreen` (caseroom/ui/screens/clock.py)
and never writes the session. `make_clock_app` serves the CLI and the tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from caseroom.domain.clock import Clock, SpeedClock
from caseroom.store.follow import SessionFollower
from caseroom.store.session_file import session_clock
from caseroom.ui.i18n import Lang, t
from caseroom.ui.keys import localized
from caseroom.ui.screens.clock import ClockScreen
from caseroom.ui.themes import ReadableCountdownApp

POLL_SECONDS = 0.5
"""How often the file is looked at (one stat; after a save its head, a few hundred bytes); a
change shows within this time and the time it takes to read the file (on a worker thread)."""

MIN_TICK_SECONDS = 0.05
"""A `--speed` rehearsal repaints at most 20 times a second."""


class ClockApp(ReadableCountdownApp):
    """The clock's screen over one session file, in the theme asked for."""

    CSS_PATH = "clock.tcss"
    TITLE = "caseroom clock"
    ENABLE_COMMAND_PALETTE = False
    SCREEN: type[ClockScreen] = ClockScreen

    def __init__(
        self,
        follower: SessionFollower,
        lang: Lang,
        *,
        theme: str = "dark",
        tick_seconds: float = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.follower = follower
        self.lang: Lang = lang
        self.theme = "textual-light" if theme == "light" else "textual-dark"
        screen = localized(self.SCREEN, lang)
        self.clock_screen = screen(follower, lang, tick_seconds=tick_seconds)

    def get_default_screen(self) -> ClockScreen:
        return self.clock_screen

    def action_help_quit(self) -> None:
        """ctrl+c, out of habit: how to close the clock, in the clock's language (Textual's
        own hint is in English)."""
        self.notify(t("clock.quit_hint", self.lang), title=t("clock.quit_title", self.lang))


def tick_for(clock: Clock, poll_seconds: float) -> float:
    """The tick: the poll interval, shorter for a `--speed` rehearsal (whose seconds pass
    faster), never more than 20 a second."""
    speed = clock.speed if isinstance(clock, SpeedClock) else 1.0
    return max(MIN_TICK_SECONDS, poll_seconds / speed)


def make_clock_app(
    path: Path,
    *,
    clock: Clock | None = None,
    lang: Lang | None = None,
    theme: str = "dark",
    poll_seconds: float = POLL_SECONDS,
    real_time: Callable[[], float] = time.time,
) -> ClockApp:
    """Build the clock for a session file; raises SessionFileError when it cannot be read.

    `clock` defaults to the session's own clock (a `--speed` rehearsal's virtual timeline);
    `real_time` is what the heartbeat check compares the file's mtime with.
    """
    clock = clock or session_clock(path)
    follower = SessionFollower(path, clock, real_time=real_time)
    return ClockApp(
        follower,
        lang or follower.meeting.case.language,
        theme=theme,
        tick_seconds=tick_for(clock, poll_seconds),
    )
