"""Questions with buttons over the meeting: quit, leave unsaved, finish on the last step."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from textual.widgets.button import ButtonVariant

from caseroom.ui.i18n import Lang, t
from caseroom.ui.keys import CHOICE_KEYS, make_bindings
from caseroom.ui.widgets.keybar import KeyBar


class ChoiceScreen(ModalScreen[str | None]):
    """A question over the meeting: a title, a line and buttons. Dismissed with the chosen
    button's id; "cancel" and Escape give None.

    Enter chooses the focused button and tab moves between them as the app takes the key, so
    a tab typed ahead moves before the Enter after it chooses.
    """

    BINDINGS = make_bindings(CHOICE_KEYS)
    TITLE_KEY = ""
    BODY_KEY = ""
    BUTTONS: tuple[tuple[str, str, ButtonVariant], ...] = ()  # id, message key, variant

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang: Lang = lang

    def body(self) -> str:
        return t(self.BODY_KEY, self.lang)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t(self.TITLE_KEY, self.lang), classes="dialog-title")
            yield Static(self.body(), markup=False)  # may name a path and why it failed
            with Horizontal(classes="buttons"):
                for button_id, key, variant in self.BUTTONS:
                    yield Button(t(key, self.lang), id=button_id, variant=variant)
        yield KeyBar()

    @on(Button.Pressed)
    def chosen(self, event: Button.Pressed) -> None:
        self.choose(event.button)

    def action_choose(self) -> None:
        if isinstance(self.focused, Button):
            self.choose(self.focused)

    def choose(self, button: Button) -> None:
        if self.is_current:  # once: a click and an Enter together choose once
            self.dismiss(None if button.id == "cancel" else button.id)

    def action_move(self, step: int) -> None:
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)


class QuitScreen(ChoiceScreen):
    """`q` on a running meeting: end it, close and continue later, or keep going."""

    AUTO_FOCUS = "#close"  # q then Enter out of habit closes and keeps the meeting resumable
    TITLE_KEY, BODY_KEY = "quit.title", "quit.body"
    BUTTONS = (
        ("finish", "quit.finish", "error"),
        ("close", "quit.close", "primary"),
        ("cancel", "quit.cancel", "default"),
    )

    def __init__(self, lang: Lang, *, paused: bool = False, saved: bool = True) -> None:
        super().__init__(lang)
        self.TITLE_KEY = "quit.title_paused" if paused else "quit.title"
        self.BODY_KEY = "quit.body" if saved else "quit.body_unsaved"


class UnsavedScreen(ChoiceScreen):
    """Leaving while the session cannot be saved: try again, close anyway, or stay."""

    AUTO_FOCUS = "#retry"
    TITLE_KEY, BODY_KEY = "unsaved.title", "unsaved.body"
    BUTTONS = (
        ("retry", "unsaved.retry", "primary"),
        ("quit", "unsaved.quit", "error"),
        ("cancel", "quit.cancel", "default"),
    )

    def __init__(self, lang: Lang, reason: str) -> None:
        super().__init__(lang)
        self.reason = reason

    def body(self) -> str:
        return t(self.BODY_KEY, self.lang, reason=self.reason)


class FinishScreen(ChoiceScreen):
    """`n` on the last step: one stray key must not end a meeting for good."""

    AUTO_FOCUS = "#finish"  # n then Enter ends it, as meant at the end of the meeting
    TITLE_KEY, BODY_KEY = "finish.title", "finish.body"
    BUTTONS = (("finish", "quit.finish", "error"), ("cancel", "quit.cancel", "primary"))
