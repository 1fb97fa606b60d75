"""A follow-up's item (`o`): its status now, what was learned, the next step, who and by when."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import RadioButton, RadioSet, Static

from caseroom.domain.captures import one_line
from caseroom.domain.errors import DomainError
from caseroom.domain.followup import ITEM_STATUSES, STATUS_LABEL_KEYS, FollowItem, due_date
from caseroom.ui.i18n import Lang, t
from caseroom.ui.screens.dialogs.form import Form
from caseroom.ui.widgets.fields import Field, take_in_order
from caseroom.ui.widgets.keybar import KeyBar


@dataclass(frozen=True)
class ItemRecord:
    """What the dialog read (checked): the screen records it (`Meeting.record_item`)."""

    item_id: str
    status: str  # "" when none is chosen
    learned: str
    next_step: str
    next_responsible: str
    next_due: str  # as typed ("" none); `due_date` took it


CHOICES: tuple[str, ...] = ("", *ITEM_STATUSES)
"""The dialog's choices in order: not reviewed (no status), then the statuses."""


class StatusChoice(RadioSet):
    """The choices in a row, the item's own pressed; an arrow key moves to the next or the
    previous one and chooses it. Enter and space are the form's (Enter: next field): opening
    the dialog and pressing Enter through it never changes the status."""

    BINDINGS = [
        Binding("right,down", "choose(1)", show=False),
        Binding("left,up", "choose(-1)", show=False),
    ]

    async def on_key(self, event: events.Key) -> None:
        await take_in_order(self, event)

    def action_choose(self, step: int) -> None:
        buttons = list(self.query(RadioButton))
        buttons[(max(self.pressed_index, 0) + step) % len(buttons)].value = True


class ItemScreen(Form[ItemRecord]):
    """The status of one item of the meeting this one continues, and its next step."""

    FIELDS = ("status", "learned", "next-step", "next-responsible", "next-due")

    def __init__(self, item: FollowItem) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        lang, item = self.caseroom.lang, self.item
        people = [p.name for p in self.meeting.participants]
        with Vertical(classes="dialog wide", id="item-dialog"):
            number = [i.id for i in self.meeting.items].index(item.id) + 1
            title = t("item.dialog_title", lang, n=number, total=len(self.meeting.items))
            yield Static(title, classes="dialog-title")
            yield Static(Text(one_line(item.text)), id="item-text")
            with StatusChoice(id="status"):
                for status in CHOICES:
                    key = STATUS_LABEL_KEYS[status] if status in ITEM_STATUSES else "status.none"
                    label = t(key, lang)
                    yield RadioButton(label, value=(item.status or "") == status)
            for key, field_id, value, suggest in (
                ("item.learned", "learned", one_line(item.learned), ()),
                ("item.next_step", "next-step", one_line(item.next_step), ()),
                ("item.next_responsible", "next-responsible", item.next_responsible, people),
                ("item.next_due", "next-due", _shown_due(item, lang), ()),
            ):
                with Horizontal(classes="item-row"):
                    yield Static(t(key, lang), classes="item-label")
                    suggester = SuggestFromList(suggest, case_sensitive=False) if suggest else None
                    yield Field(
                        value,
                        id=field_id,
                        suggester=suggester,
                        placeholder=t("item.due_example", lang) if field_id == "next-due" else "",
                    )
            yield Static("", id="error", classes="error", markup=False)  # quotes what was typed
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#status", StatusChoice))

    def submit(self) -> None:
        typed = self.query_one("#next-due", Field).value.strip()
        try:
            due_date(typed, self.meeting.day())  # the engine's rule: shown here, not closed
        except DomainError as problem:
            self.error(problem.text(self.caseroom.lang))
            return
        choice = self.query_one("#status", StatusChoice).pressed_index
        self.close(
            ItemRecord(
                self.item.id,
                CHOICES[choice] if 0 <= choice < len(CHOICES) else "",
                self.query_one("#learned", Field).value,
                self.query_one("#next-step", Field).value,
                self.query_one("#next-responsible", Field).value,
                typed,
            )
        )


def _shown_due(item: FollowItem, lang: Lang) -> str:
    """The due date as it would be typed: 13.01.2027 in Danish, 2027-01-13 in English."""
    if item.next_due is None:
        return ""
    return item.next_due.strftime("%d.%m.%Y") if lang == "da" else item.next_due.isoformat()
