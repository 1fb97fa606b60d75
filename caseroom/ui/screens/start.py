"""The start screen: who is present (seating order, profession, clinic) and who holds the
three roles. Escape leaves it (asking first when names were typed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from caseroom.domain.captures import match_typed
from caseroom.domain.errors import DomainError
from caseroom.domain.people import ROLE_KEYS, suggested_professions
from caseroom.ui.i18n import explain, t
from caseroom.ui.keys import START_KEYS, case_words, localized, make_bindings
from caseroom.ui.screens.base import CaseroomScreen
from caseroom.ui.screens.dialogs.confirm import ChoiceScreen
from caseroom.ui.widgets.fields import Field, Settling, after_keys
from caseroom.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    pass


class LeaveStartScreen(ChoiceScreen):
    """Escape on the start screen with names typed: leave (they are lost), or stay."""

    AUTO_FOCUS = "#cancel"  # a stray Escape twice must not lose the names
    TITLE_KEY, BODY_KEY = "start.leave_title", "start.leave_body"
    BUTTONS = (("leave", "start.leave", "error"), ("cancel", "start.stay", "primary"))


class StartScreen(CaseroomScreen):
    """Made as `localized(StartScreen, lang)()`: the key labels are catalogue keys."""

    BINDINGS = make_bindings(START_KEYS)

    def professions(self) -> tuple[str, ...]:
        """The professions suggested (the domain's rule)."""
        return suggested_professions(self.meeting.case, self.lang)

    def compose(self) -> ComposeResult:
        lang = self.lang
        professions = self.professions()
        with Vertical(id="start"):
            # names, professions and the case's title are data: never read as markup
            yield Static(
                t("start.title", lang, title=self.meeting.case.title),
                classes="dialog-title",
                markup=False,
            )
            yield Static(t("people.help", lang), classes="hint", markup=False)
            with Horizontal(id="entry"):
                yield Field(placeholder=t("people.name", lang), id="name")
                yield Field(
                    placeholder=t("people.profession", lang),
                    id="profession",
                    suggester=SuggestFromList(professions, case_sensitive=False),
                )
                yield Field(placeholder=t("people.clinic", lang), id="clinic")
            yield Static("", id="error", classes="error", markup=False)
            yield OptionList(id="roster", markup=False)
            with Horizontal(id="roles"):
                for role in ROLE_KEYS:
                    with Vertical(classes="role"):
                        yield Static(t(f"role.{role}", lang), classes="heading")
                        yield Select[str](
                            [], prompt=t("role.none", lang), id=f"role-{role}", allow_blank=True
                        )
            with Horizontal(id="plan-row"):  # when the meeting is planned to start
                yield Static(t("timeplan.start_label", lang), classes="heading")
                planned = self.meeting.planned_start
                yield Field(
                    f"{planned:%H:%M}" if planned is not None else "",
                    placeholder=t("timeplan.start_field", lang),
                    id="planned-start",
                )
        yield KeyBar()

    def __init__(self) -> None:
        super().__init__()
        self.settling = Settling()  # Enter / ctrl+s hold the next key until they are done

    def on_mount(self) -> None:
        self.refresh_people()
        self.query_one("#name", Input).focus()

    def refresh_people(self) -> None:
        people = self.meeting.participants
        listing = self.query_one("#roster", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options(
            Option(" · ".join(filter(None, (f"{n}. {p.name}", p.profession, p.clinic))), p.name)
            for n, p in enumerate(people, 1)
        )
        clinics = sorted({p.clinic for p in people if p.clinic}, key=str.casefold)
        self.query_one("#clinic", Field).suggester = SuggestFromList(clinics, case_sensitive=False)
        if people:
            listing.highlighted = min(highlighted or 0, len(people) - 1)
        names = [(Text(p.name), p.name) for p in people]
        for role in ROLE_KEYS:
            select = self.query_one(f"#role-{role}", Select)
            value = self.meeting.roles.holder(role)
            select.set_options(names)
            if value in {p.name for p in people}:
                select.value = value
        self.refresh_bindings()

    def entry(self) -> tuple[Field, Field, Field]:
        return (
            self.query_one("#name", Field),
            self.query_one("#profession", Field),
            self.query_one("#clinic", Field),
        )

    def action_step(self, step: int) -> None:
        """Tab / shift+tab: the next or previous widget, focused before the next key is taken."""
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    async def action_enter(self) -> None:
        """Enter in the name: on to the profession; in the profession or the clinic (Tab
        reaches it): add the person, once the fields have every key typed before the Enter.
        Elsewhere the widget's own Enter."""
        name, profession, clinic = self.entry()
        if self.focused is name:
            self.set_focus(profession)
        elif self.focused in (profession, clinic):
            await self.after_entry(self.add_person)
        else:
            raise SkipAction()

    async def after_entry(self, then: Callable[[], object]) -> None:
        """`then()` once the entry fields have handled the keys typed before this one; the
        next key is taken only after that."""
        self.settling.begin()
        after_keys(list(self.entry()), self.settled, then)
        await self.settling.wait()

    def settled(self, then: Callable[[], object]) -> None:
        try:
            then()
        finally:
            self.settling.end()

    def add_person(self) -> None:
        if self.add_pending():
            self.set_focus(self.entry()[0])

    def add_pending(self) -> bool:
        """Add the person typed in the entry fields; False (and the reason shown) if not."""
        name_input, profession_input, clinic_input = self.entry()
        try:
            profession = match_typed(profession_input.value, self.professions()) or ""
            clinics = [p.clinic for p in self.meeting.participants if p.clinic]
            clinic = match_typed(clinic_input.value, clinics) or ""
            self.meeting.add_participant(name_input.value, profession, clinic)
        except DomainError as exc:
            self.query_one("#error", Static).update(explain(exc, self.lang))
            self.set_focus(name_input)
            return False
        self.query_one("#error", Static).update("")
        name_input.value = ""
        profession_input.value = ""
        clinic_input.value = clinic  # stays: the people of a clinic are often typed in a row
        self.refresh_people()
        return True

    @on(Select.Changed)
    def role_chosen(self, event: Select.Changed) -> None:
        role = (event.select.id or "").removeprefix("role-")
        if role in ROLE_KEYS:
            value = event.value if isinstance(event.value, str) else ""
            try:
                self.meeting.assign_role(role, value)
            except DomainError:
                pass  # a choice of someone removed from the list meanwhile: nothing to hold

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Moving and removing act on the list's highlighted person: only from the list."""
        if action in ("move", "remove"):
            return True if self.focused is self.query_one("#roster", OptionList) else None
        return True

    def action_move(self, offset: int) -> None:
        listing = self.query_one("#roster", OptionList)
        index = listing.highlighted
        people = self.meeting.participants
        if index is None or index >= len(people):
            return
        seat = self.meeting.move_participant(people[index].name, offset)
        if seat == index:
            return  # already first or last
        listing.highlighted = seat
        self.refresh_people()

    def action_remove(self) -> None:
        listing = self.query_one("#roster", OptionList)
        if listing.highlighted is not None and self.meeting.participants:
            highlighted = self.meeting.participants[listing.highlighted]
            gone = self.meeting.remove_participant(highlighted.name)  # and their roles
            self.refresh_people()
            self.notify(t("people.removed", self.lang, name=gone.name), markup=False)

    def action_leave(self) -> None:
        """Escape: an open list of a role closes; else caseroom closes, asking first when
        names were typed (they would be lost; no meeting has started)."""
        for node in self.focused.ancestors_with_self if self.focused is not None else ():
            if isinstance(node, Select) and node.expanded:
                node.expanded = False
                node.focus()
                return
        typed = any(field.value.strip() for field in self.entry()[:2])
        if not (typed or self.meeting.participants):
            self.app.exit(0)
            return

        def chosen(choice: str | None) -> None:
            if choice == "leave":
                self.app.exit(0)

        self.app.push_screen(LeaveStartScreen(self.lang), chosen)

    async def action_start(self) -> None:
        """ctrl+s: with everything typed before it (a name not yet added comes along)."""
        await self.after_entry(self.start_meeting)

    def start_meeting(self) -> None:
        from caseroom.ui.screens.meeting import MeetingScreen

        # a name typed but not yet added (Enter) comes along, or says why it cannot
        name, profession, _clinic = self.entry()  # the clinic stays typed for the next one
        if (name.value + profession.value).strip() and not self.add_pending():
            return
        if not self.meeting.participants:
            self.query_one("#error", Static).update(t("people.need", self.lang))
            self.query_one("#name", Input).focus()
            return
        planned = self.query_one("#planned-start", Input)
        try:
            self.meeting.plan_start_at(planned.value)
        except DomainError as exc:
            self.query_one("#error", Static).update(explain(exc, self.lang))
            planned.focus()
            return
        self.caseroom.apply(self.meeting.start, durable=True)
        words = case_words(self.meeting.case, self.lang)  # the case's own words for some keys
        self.app.switch_screen(localized(MeetingScreen, self.lang, words)())
