"""Dialogs that are only read: the fact boxes of a question, and every key of the meeting."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from caseroom.domain.case import Factbox
from caseroom.domain.prose import reflow
from caseroom.ui.i18n import Lang, t
from caseroom.ui.keys import CLOSE, HELP_KEYS, Key, Words, key_hint, make_bindings, word
from caseroom.ui.screens.dialogs.base import MeetingModal
from caseroom.ui.widgets.keybar import KeyBar


class FactboxScreen(MeetingModal):
    def __init__(self, boxes: list[Factbox], lang: Lang) -> None:
        super().__init__()
        self.boxes = boxes
        self.lang: Lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(t("facts.title", self.lang), classes="dialog-title")
            with VerticalScroll():
                for box in self.boxes:
                    yield Static(box.title, classes="heading", markup=False)  # case text
                    body = reflow(box.text)
                    if box.source:
                        body += f"\n\n{t('facts.source', self.lang)}: {box.source}"
                    yield Static(body, classes="factbox", markup=False)
            yield Static(key_hint(CLOSE, self.lang), classes="hint")
        yield KeyBar()


class HelpScreen(ModalScreen[None]):
    BINDINGS = make_bindings(HELP_KEYS)

    def __init__(self, keys: tuple[Key, ...], lang: Lang, words: Words | None = None) -> None:
        super().__init__()
        self.keys = keys
        self.lang: Lang = lang
        self.words = words  # the case's own words for some keys (`case_words`)

    def compose(self) -> ComposeResult:
        text = Text()
        rows = [
            (
                key.display or key.key.split(",")[0],
                word(key.label, self.lang, self.words),
                word(key.tip, self.lang, self.words),
            )
            for key in self.keys
            if key.help
        ]
        rows.append(("ctrl+p", t("key.palette", self.lang), t("tip.palette", self.lang)))
        width = max(len(label) for _, label, _ in rows) + 2  # a gap after the longest label
        for shown, label, tip in rows:
            text.append(f"{shown:>6}  ", style="bold")
            text.append(f"{label:<{width}}", style="bold")
            text.append(f"{tip}\n")
        with Vertical(classes="dialog wide"):
            yield Static(t("help.title", self.lang), classes="dialog-title")
            with VerticalScroll():
                yield Static(text, id="help-keys")
            yield Static(key_hint(CLOSE, self.lang), classes="hint")
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)
