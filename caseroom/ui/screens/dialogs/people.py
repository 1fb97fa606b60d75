"""Who is in the room, during the meeting: a late arrival, someone who leaves or comes back."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from caseroom.domain.captures import match_typed
from caseroom.domain.errors import DomainError
from caseroom.domain.people import suggested_professions
from caseroom.ui.i18n import explain, t
from caseroom.ui.keys import ADD_PERSON_KEYS, PRESENCE_KEYS, make_bindings
from caseroom.ui.screens.dialogs.form import Form
from caseroom.ui.widgets.fields import Choices, Field, after_keys
from caseroom.ui.widgets.keybar import KeyBar


@dataclass(frozen=True)
class NewPerson:
    """Someone who arrives late: the meeting screen adds them."""

    name: str
    profession: str
    clinic: str = ""


@dataclass(frozen=True)
class Presence:
    """Someone who leaves (`present` False) or comes back: the meeting screen records it."""

    name: str
    present: bool


class AddPersonScreen(Form[NewPerson]):
    FIELDS = ("name", "profession", "clinic")
    BINDINGS = make_bindings(ADD_PERSON_KEYS)

    def professions(self) -> tuple[str, ...]:
        """The professions suggested (the domain's rule)."""
        return suggested_professions(self.meeting.case, self.caseroom.lang)

    def clinics(self) -> list[str]:
        return sorted({p.clinic for p in self.meeting.participants if p.clinic}, key=str.casefold)

    def following(self) -> Widget | None:
        """Enter in the profession adds the person (as before there was a clinic): the
        clinic is reached with Tab, and Enter there adds too."""
        if self.focused is not None and self.focused.id == "profession":
            return None
        return super().following()

    def compose(self) -> ComposeResult:
        lang = self.caseroom.lang
        professions = self.professions()
        with Vertical(classes="dialog"):
            yield Static(t("people.add_late", lang), classes="dialog-title")
            yield Field(placeholder=t("people.name", lang), id="name")
            yield Field(
                placeholder=t("people.profession", lang),
                id="profession",
                suggester=SuggestFromList(professions, case_sensitive=False),
            )
            yield Field(
                placeholder=t("people.clinic", lang),
                id="clinic",
                suggester=SuggestFromList(self.clinics(), case_sensitive=False),
            )
            yield Static("", id="error", classes="error", markup=False)  # may quote the name
        yield KeyBar()

    def submit(self) -> None:
        name = self.query_one("#name", Field).value
        typed = self.query_one("#profession", Field).value
        profession = match_typed(typed, self.professions()) or ""
        clinic = match_typed(self.query_one("#clinic", Field).value, self.clinics()) or ""
        try:
            person = self.meeting.check_participant(name, profession, clinic)  # adds nobody
        except DomainError as exc:
            self.error(explain(exc, self.caseroom.lang))
            return
        self.close(NewPerson(person.name, person.profession, person.clinic))


class PresenceScreen(Form[Presence]):
    """Pick a participant who leaves (or comes back)."""

    FIELDS = ("presence",)
    ENTER_SUBMITS = True
    BINDINGS = make_bindings(PRESENCE_KEYS)

    def compose(self) -> ComposeResult:
        lang = self.caseroom.lang
        with Vertical(classes="dialog"):
            yield Static(t("people.leaves", lang), classes="dialog-title")
            yield Choices(
                *(
                    Option(
                        " · ".join(filter(None, (p.name, p.profession, p.clinic)))
                        + ("" if p.present else " (—)"),
                        p.name,
                    )
                    for p in self.meeting.participants
                ),
                id="presence",
                markup=False,
            )
        yield KeyBar()

    def submit(self) -> None:
        option = self.query_one("#presence", Choices).highlighted_option
        if option is not None:
            self.picked(str(option.id))

    @on(OptionList.OptionSelected, "#presence")
    def clicked(self, event: OptionList.OptionSelected) -> None:
        after_keys(self.fields(), self.picked, str(event.option.id))

    def picked(self, name: str) -> None:
        if self.closing:
            return
        self.close(Presence(name, not self.meeting.participant(name).present))
