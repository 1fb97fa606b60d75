"""A dialog of fields that keeps the keys typed ahead in order and in their field."""

from __future__ import annotations

from typing import TypeVar

from textual.widget import Widget
from textual.widgets import Static

from caseroom.ui.keys import FORM_KEYS, make_bindings
from caseroom.ui.screens.dialogs.base import OverMeeting
from caseroom.ui.widgets.fields import Settling, after_keys

R = TypeVar("R")


class Form(OverMeeting[R]):
    """A dialog of fields (FIELDS: their ids, in order) that keeps typed-ahead keys in order.

    Textual hands a key to the widget focused when the app takes the key off its queue, so
    Tab and Enter are priority bindings that move the focus at once (`set_focus`, not the
    deferred `focus()`): the keys typed after them go to the field they were typed for. Enter
    moves on to the next field, and on the last one (on any, with ENTER_SUBMITS) calls
    `submit` once every field has handled the keys typed before that Enter; the app takes the
    next key only once `submit` has closed the dialog or shown why not, so the keys typed
    after the Enter are the meeting's, or stay in the dialog still open. Escape closes it as
    the app takes the key.
    """

    FIELDS: tuple[str, ...] = ()
    ENTER_SUBMITS = False
    BINDINGS = make_bindings(FORM_KEYS)

    def __init__(self) -> None:
        super().__init__()
        self.closing = False  # dismissed: an Enter typed twice submits once
        self.settling = Settling()  # the Enter that submits holds the next key until done

    def fields(self) -> list[Widget]:
        """The fields, in order (none yet while the dialog is being composed)."""
        return [field for name in self.FIELDS for field in self.query(f"#{name}")]

    def following(self) -> Widget | None:
        """The field Enter moves to; None where Enter submits."""
        fields = self.fields()
        if self.ENTER_SUBMITS or self.focused not in fields[:-1]:
            return None
        return fields[fields.index(self.focused) + 1]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # one Enter on the key bar: "next field" before the last field, else what it submits
        if action == "next_field":
            return self.following() is not None
        if action == "submit":
            return self.following() is None
        return True

    def action_next_field(self) -> None:
        following = self.following()
        if following is not None:
            self.set_focus(following)

    def action_move(self, step: int) -> None:
        fields = [field for field in self.fields() if field.focusable]
        if not fields:
            return
        if self.focused in fields:
            position = fields.index(self.focused) + step
        else:
            position = 0 if step > 0 else -1
        self.set_focus(fields[position % len(fields)])

    async def action_submit(self) -> None:
        fields = self.fields()
        if len(fields) < len(self.FIELDS):  # opened by other means than a key, not composed
            self.call_later(self.action_submit)  # once composed (the dialog's queue)
            return
        self.settling.begin()
        after_keys(fields, self._submit)
        await self.settling.wait()

    def _submit(self) -> None:
        try:
            if not self.closing:
                self.submit()
        finally:
            self.settling.end()

    def submit(self) -> None:
        """Read the fields (each has every key typed before the Enter) and close with what
        they say, or show why not."""
        raise NotImplementedError

    def close(self, result: R | None) -> None:
        self.closing = True
        self.dismiss(result)

    def error(self, message: str) -> None:
        self.query_one("#error", Static).update(message)

    def action_cancel(self) -> None:
        if not self.closing:
            self.close(None)
