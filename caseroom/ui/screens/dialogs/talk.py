"""Who speaks: a person picked by a few letters of their name, and a round."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from caseroom.domain.captures import match_typed
from caseroom.domain.case import RoundOrder
from caseroom.ui.i18n import parse_per_person, per_person_text, t
from caseroom.ui.keys import ROUND_KEYS, SPEAKER_KEYS, make_bindings
from caseroom.ui.screens.dialogs.form import Form
from caseroom.ui.widgets.fields import Choices, Field, after_keys
from caseroom.ui.widgets.keybar import KeyBar


@dataclass(frozen=True)
class RoundChoice:
    """Who starts the round, the time per person (None: the meeting's own), and the order
    (None: the case's)."""

    first: str
    seconds_per_person: float | None
    order: RoundOrder | None = None


ROUND_ORDERS: tuple[RoundOrder, ...] = ("seating", "hierarchy")


class SpeakerPicker(Form[str]):
    """Type a few letters of a name, Enter: that person speaks (for more than nine people).

    Dismissed with the name; the meeting screen gives them the floor."""

    FIELDS = ("who",)
    BINDINGS = make_bindings(SPEAKER_KEYS)

    def compose(self) -> ComposeResult:
        names = [p.name for p in self.caseroom.meeting.present]
        with Vertical(classes="dialog"):
            yield Static(t("picker.title", self.caseroom.lang), classes="dialog-title")
            yield Field(id="who", suggester=SuggestFromList(names, case_sensitive=False))
            yield Static("", id="error", classes="error", markup=False)  # names that match
        yield KeyBar()

    def submit(self) -> None:
        typed = self.query_one("#who", Field).value
        names = [p.name for p in self.caseroom.meeting.present]
        if chosen := match_typed(typed, names, free=False):  # the domain's rule
            self.close(chosen)
        else:  # nobody, or more than one: the names the letters begin
            folded = typed.strip().casefold()
            self.error(", ".join(n for n in names if n.casefold().startswith(folded)) or "—")


class RoundScreen(Form[RoundChoice]):
    """The time per person (optional), who starts the round (the first by default) and its
    order (the case's by default: seating order, or the professions that usually speak first
    speak last).

    It opens in the time field, which its first line asks for; Enter starts the round from
    any field, with the person and the order chosen in the lists.
    """

    AUTO_FOCUS = "#minutes"
    FIELDS = ("minutes", "first", "order")
    ENTER_SUBMITS = True
    BINDINGS = make_bindings(ROUND_KEYS)

    def compose(self) -> ComposeResult:
        lang = self.caseroom.lang
        meeting = self.caseroom.meeting
        seconds = meeting.round_seconds_per_person()
        minutes = "" if seconds is None else per_person_text(seconds, lang)
        # scrolls in a short terminal: the order list below the names stays reachable
        with VerticalScroll(classes="dialog"):
            yield Static(t("round.title", lang), classes="dialog-title")
            yield Static(t("round.seconds", lang))
            yield Field(minutes, id="minutes")
            yield Static(t("round.first", lang))
            yield Choices(
                *(Option(p.name, p.name) for p in meeting.present), id="first", markup=False
            )
            yield Static(t("round.order", lang))
            orders = Choices(
                *(Option(t(f"round.order_{o}", lang), o) for o in ROUND_ORDERS), id="order"
            )
            orders.highlighted = ROUND_ORDERS.index(meeting.case.people.round_order)
            yield orders
            yield Static("", id="error", classes="error")
        yield KeyBar()

    def submit(self) -> None:
        listing = self.query_one("#first", Choices)
        option = listing.highlighted_option
        if option is None and listing.option_count:
            option = listing.get_option_at_index(0)
        if option is not None:
            self.start(str(option.id))

    @on(OptionList.OptionSelected, "#first")
    def clicked(self, event: OptionList.OptionSelected) -> None:
        after_keys(self.fields(), self.start, str(event.option.id))

    def start(self, first: str) -> None:
        if self.closing:
            return
        raw = self.query_one("#minutes", Field).value
        seconds: float | None = None
        if raw.strip():
            seconds = parse_per_person(raw)
            if seconds is None or not 0 < seconds <= 3600:
                self.error(t("round.bad_minutes", self.caseroom.lang))
                return
        orders = self.query_one("#order", Choices)
        chosen = orders.highlighted_option
        order = next((o for o in ROUND_ORDERS if chosen is not None and chosen.id == o), None)
        self.close(RoundChoice(first, seconds, order))
