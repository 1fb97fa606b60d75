"""The note-taker's app (`caseroom notes`): one `NotesScreen` over a session that another
caseroom process runs. It never writes the session file, only its own inbox beside it."""

from __future__ import annotations

from pathlib import Path

from textual import events, on

from caseroom.domain.clock import Clock
from caseroom.store.notetaker import NoteTaker
from caseroom.store.session_file import session_clock
from caseroom.ui.i18n import Lang
from caseroom.ui.keys import localized
from caseroom.ui.screens.notes import POLL_SECONDS, NotesScreen
from caseroom.ui.themes import ReadableCountdownApp


class NotesApp(ReadableCountdownApp):
    CSS_PATH = "caseroom.tcss"
    TITLE = "caseroom notes"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self, taker: NoteTaker, lang: Lang, *, theme: str = "dark", poll_seconds: float
    ) -> None:
        super().__init__()
        self.taker = taker
        self.lang: Lang = lang
        self.theme = "textual-light" if theme == "light" else "textual-dark"
        self.notes_screen = localized(NotesScreen, lang)(taker, lang, poll_seconds=poll_seconds)
        # keys the driver hands over before the screen has focused the note (the note-taker
        # types as the command starts); None once they are given to it
        self.early_keys: list[events.Key] | None = []

    def get_default_screen(self) -> NotesScreen:
        return self.notes_screen

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self.early_keys is not None:
            self.early_keys.append(event)  # in order; the screen is not ready for them
            return
        await super().on_event(event)

    @on(NotesScreen.Ready)
    async def take_early_keys(self) -> None:
        """The screen has focused the note: the keys held so far go to it, before any key
        that came after this message (the app takes its messages in order)."""
        keys, self.early_keys = self.early_keys or [], None
        for key in keys:
            await super().on_event(key)

    def on_unmount(self) -> None:
        self.taker.poll()
        self.taker.close()


def make_notes_app(
    path: Path,
    *,
    author: str | None = None,
    clock: Clock | None = None,
    lang: Lang | None = None,
    theme: str = "dark",
    poll_seconds: float = POLL_SECONDS,
    token: str | None = None,
) -> NotesApp:
    """Build the note-taker's screen for a session file; raises SessionFileError when it
    cannot be read or `author` is nobody in it."""
    taker = NoteTaker(path, clock or session_clock(path), author, token)
    return NotesApp(
        taker, lang or taker.meeting.case.language, theme=theme, poll_seconds=poll_seconds
    )
