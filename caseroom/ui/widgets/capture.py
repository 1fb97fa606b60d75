"""The capture panel: a learning point or an improvement proposal, typed while the clock runs."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Static, TextArea

from caseroom.domain.captures import match_typed
from caseroom.domain.people import match_people
from caseroom.ui.i18n import Lang, t
from caseroom.ui.keys import (
    CAPTURE_FIELD_KEYS,
    CAPTURE_FORM_KEYS,
    CAPTURE_TEXT_KEYS,
    localized,
    make_bindings,
)
from caseroom.ui.widgets.fields import Field, Settling, after_keys, take_in_order


class CaptureText(TextArea):
    """A TextArea where Enter saves (ctrl+j starts a new line; pasted newlines are kept).

    Its editing keys (backspace, ctrl+j, the arrows) act in the order typed.
    """

    BINDINGS = make_bindings(CAPTURE_TEXT_KEYS)

    async def on_key(self, event: events.Key) -> None:
        await take_in_order(self, event)

    async def action_submit(self) -> None:
        await self.query_ancestor(CaptureForm).action_submit()

    def action_newline(self) -> None:
        self.insert("\n")


class CaptureField(Field):
    """A field of a proposal (area, responsible, proposer): Enter saves the note."""

    BINDINGS = make_bindings(CAPTURE_FIELD_KEYS)

    async def action_submit(self) -> None:
        await self.query_ancestor(CaptureForm).action_submit()


@dataclass
class CaptureValues:
    text: str
    area: str = ""
    responsible: str = ""
    proposed_by: str = ""


def base_of(kind: str, values: CaptureValues) -> dict[str, str]:
    """A note's fields as the engine compares them (`Meeting.check_unchanged`)."""
    if kind == "learning_point":
        return {"text": values.text}
    return {
        "text": values.text,
        "area": values.area,
        "responsible": values.responsible,
        "proposed_by": values.proposed_by,
    }


class CaptureForm(Vertical):
    """Posts `Saved` with the values (the screen saves them) or `Cancelled`.

    Keys typed ahead keep their field and their order at any speed: Tab moves between the
    fields as the app takes the key (priority bindings, focus set at once), so the keys after
    it are handed to the next field; Enter saves only once every field has handled the keys
    handed to it before the Enter, and the app takes the keys typed after the Enter only once
    the note is saved and the panel closed (or, when it cannot be saved, the error shown): they
    then belong to the meeting, or to the field still open, as if typed a moment later.
    Escape closes the panel as the app takes it.
    """

    BINDINGS = make_bindings(CAPTURE_FORM_KEYS)

    class Saved(Message):
        def __init__(self, form: CaptureForm, values: CaptureValues) -> None:
            super().__init__()
            self.form = form
            self.values = values

    class Cancelled(Message):
        pass

    def __init__(self, lang: Lang, *, areas: tuple[str, ...] = ()) -> None:
        super().__init__(id="capture")
        self.lang: Lang = lang
        self.areas = areas
        self.people: list[str] = []
        self.kind = "learning_point"
        self.note_id: str | None = None  # the note edited; None: a new one
        # the edited note's fields as the panel opened on them: the engine refuses the save
        # when another writer (a note-taker) changed the note meanwhile
        self.base: dict[str, str] | None = None
        self.saving = False  # Saved is posted: a second Enter typed meanwhile saves nothing
        self.settling = Settling()  # Enter holds the next key until the note is saved

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static("", id="capture-title", classes="dialog-title", markup=False)
        yield localized(CaptureText, lang)("", id="capture-text", soft_wrap=True)
        with Horizontal(id="capture-fields"):
            yield CaptureField(
                placeholder=t("capture.area", lang),
                id="area",
                suggester=SuggestFromList(self.areas, case_sensitive=False),
            )
            yield CaptureField(placeholder=t("capture.responsible", lang), id="responsible")
            yield CaptureField(placeholder=t("capture.proposed_by", lang), id="proposed-by")
        yield Static(t("capture.hint", lang), id="capture-hint", classes="hint")
        yield Static("", id="capture-error", classes="error", markup=False)

    def open(
        self,
        kind: str,
        people: list[str],
        initial: CaptureValues | None = None,
        note_id: str | None = None,
    ) -> None:
        """Show the panel for a new (`note_id` None) or an existing note, focused at once.

        The panel stays mounted, so the very next key already lands in the text.
        """
        self.kind, self.people, self.note_id = kind, people, note_id
        self.saving = False
        values = initial or CaptureValues("")
        self.base = None if note_id is None else base_of(kind, values)
        key = "capture.learning" if kind == "learning_point" else "capture.proposal"
        title = t(key, self.lang)
        if note_id is not None:
            title += f" ({t('capture.editing', self.lang)})"
        self.query_one("#capture-title", Static).update(title)
        self.query_one("#capture-error", Static).update("")
        self.query_one("#capture-fields").display = kind == "proposal"
        hint = "capture.hint" if kind == "proposal" else "capture.hint_learning"
        self.query_one("#capture-hint", Static).update(t(hint, self.lang))
        for selector, value in (
            ("#area", values.area),
            ("#responsible", values.responsible),
            ("#proposed-by", values.proposed_by),
        ):
            field = self.query_one(selector, Field)
            field.value = value
            if selector != "#area":
                field.suggester = SuggestFromList(people, case_sensitive=False)
        text = self.query_one(CaptureText)
        text.text = values.text
        self.display = True
        self.screen.set_focus(text)
        text.move_cursor(text.document.end)

    def close(self) -> None:
        if self.display:  # once: the screen closes it again after Escape did
            self.display = False
            self.screen.set_focus(None)
        self.settling.end()

    def fields(self) -> list[Widget]:
        """The fields shown, in order: the text, then a proposal's area, responsible, proposer."""
        fields: list[Widget] = [self.query_one(CaptureText)]
        if self.kind == "proposal":
            fields += list(self.query_one("#capture-fields").query(Field))
        return fields

    def action_move(self, step: int) -> None:
        """Tab / shift+tab: the next or previous field, focused before the next key is taken."""
        fields = self.fields()
        focused = self.screen.focused
        position = fields.index(focused) if focused in fields else 0
        self.screen.set_focus(fields[(position + step) % len(fields)])

    async def action_submit(self) -> None:
        """Save once every field has handled the keys typed before this Enter (or ctrl+s);
        return once it is saved and the panel closed, or the error shown."""
        if self.saving:
            return  # a second Enter in the same burst: the first one saves
        self.settling.begin()
        after_keys(self.fields(), self.save)
        await self.settling.wait()

    def save(self) -> None:
        if self.saving:
            self.settling.end()
            return
        text = self.query_one(CaptureText).text
        if not text.strip():
            self.show_error(t("capture.empty", self.lang))
            return
        values = CaptureValues(text)
        if self.kind == "proposal":
            values.area = match_typed(self.query_one("#area", Field).value, self.areas) or ""
            for field, selector in (
                ("responsible", "#responsible"),
                ("proposed_by", "#proposed-by"),
            ):
                names, unknown = match_people(self.query_one(selector, Field).value, self.people)
                if unknown is not None:
                    self.show_error(t("capture.unknown_person", self.lang, name=unknown))
                    return
                setattr(values, field, ", ".join(names))
        self.saving = True
        self.post_message(self.Saved(self, values))

    def show_error(self, message: str) -> None:
        self.saving = False
        self.query_one("#capture-error", Static).update(message)
        self.settling.end()

    def action_cancel(self) -> None:
        """Escape: closed as the app takes the key, so the keys after it are the meeting's."""
        self.close()
        self.post_message(self.Cancelled())
