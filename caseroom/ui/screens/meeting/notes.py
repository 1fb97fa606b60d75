"""The notes panel (v): the notes taken so far, newest first, with a hint of its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from caseroom.domain.meeting import Meeting
from caseroom.ui.i18n import Lang, t
from caseroom.ui.keys import Words, localized
from caseroom.ui.widgets.notes import NotesList


class NotesPanel(Vertical):
    """Hidden until `show(True)`; its list is disabled meanwhile, so focus passes it by."""

    def __init__(self, lang: Lang, *, id: str | None = None, words: Words | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.words = words  # the case's own words for some keys (`case_words`)

    def compose(self) -> ComposeResult:
        yield Static(t("list.title", self.lang), classes="heading")
        listing = localized(NotesList, self.lang, self.words)
        yield listing(by_area=False, id="notes-list", disabled=True)
        yield Static(t("list.hint", self.lang), classes="hint")

    @property
    def listing(self) -> NotesList:
        return self.query_one("#notes-list", NotesList)

    def show(self, shown: bool, meeting: Meeting) -> None:
        """Show the panel with `meeting`'s notes, the newest highlighted, or hide it."""
        self.display = shown
        self.listing.disabled = not shown
        if shown:
            self.listing.fill(meeting, self.lang)
            self.listing.highlighted = 0  # the newest note
