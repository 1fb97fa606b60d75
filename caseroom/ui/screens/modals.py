"""Screens that sit over the meeting: fact boxes, reflection, groups, help, people, quit."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Digits, Input, OptionList, Static
from textual.widgets.button import ButtonVariant
from textual.widgets.option_list import Option

from caseroom.domain.captures import deadline_date
from caseroom.domain.case import Factbox
from caseroom.domain.errors import DomainError
from caseroom.domain.people import PROFESSIONS_DA, PROFESSIONS_EN
from caseroom.ui.i18n import Lang, countdown, explain, parse_per_person, per_person_text, t
from caseroom.ui.keys import Key
from caseroom.ui.widgets.capture import pick

if TYPE_CHECKING:
    from caseroom.domain.meeting import Meeting
    from caseroom.ui.app import CaseroomApp


class _MeetingModal(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", "Luk / Close")]

    @property
    def caseroom(self) -> CaseroomApp:
        return cast("CaseroomApp", self.app)

    @property
    def meeting(self) -> Meeting:
        return self.caseroom.meeting

    def action_close(self) -> None:
        self.dismiss(None)


class FactboxScreen(_MeetingModal):
    def __init__(self, boxes: list[Factbox], lang: Lang) -> None:
        super().__init__()
        self.boxes = boxes
        self.lang: Lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(t("facts.title", self.lang), classes="dialog-title")
            with VerticalScroll():
                for box in self.boxes:
                    yield Static(box.title, classes="heading")
                    body = box.text.strip()
                    if box.source:
                        body += f"\n\n{t('facts.source', self.lang)}: {box.source}"
                    yield Static(body, classes="factbox")
            yield Static("Escape: " + t("close", self.lang), classes="hint")


class ReflectionScreen(Screen[None]):
    """A calm full-screen countdown for silent reflection; Escape ends it early."""

    BINDINGS = [Binding("escape", "end", "Stop")]

    @property
    def caseroom(self) -> CaseroomApp:
        return cast("CaseroomApp", self.app)

    def compose(self) -> ComposeResult:
        lang = self.caseroom.lang
        step = self.caseroom.meeting.agenda.current
        question = step.question.text.strip() if step.question is not None else step.segment.title
        with Vertical(id="reflection"):
            yield Static(t("reflect.title", lang), id="reflection-title")
            yield Digits("", id="reflection-digits")
            yield Static("", id="reflection-line")
            yield Static(question, id="reflection-question")
            yield Static(t("reflect.hint", lang), classes="hint")

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(self.caseroom.tick_seconds, self.tick)

    def tick(self) -> None:
        meeting = self.caseroom.meeting
        reflection = meeting.reflections[-1] if meeting.reflections else None
        if reflection is None:
            return
        remaining = max(0.0, reflection.remaining(meeting.clock.monotonic()))
        value = countdown(remaining)
        digits = self.query_one(Digits)
        if digits.value != value:
            digits.update(value)
            self.query_one("#reflection-line", Static).update(value)
        done = remaining <= 0
        self.set_class(done, "-done")
        if done:
            self.query_one("#reflection-title", Static).update(
                t("reflect.done", self.caseroom.lang)
            )

    def action_end(self) -> None:
        self.caseroom.meeting.end_reflection()
        self.dismiss(None)


class GroupsScreen(_MeetingModal):
    BINDINGS = [Binding("escape", "close", "Luk / Close"), Binding("g", "shuffle", "g")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("", id="groups-title", classes="dialog-title")
            yield Static("", id="groups")
            yield Static(t("groups.hint", self.caseroom.lang), classes="hint")

    def on_mount(self) -> None:
        self.action_shuffle()

    def action_shuffle(self) -> None:
        lang = self.caseroom.lang
        try:
            proposal = self.meeting.propose_groups()
        except DomainError as exc:
            self.query_one("#groups", Static).update(t("cannot", lang, reason=explain(exc, lang)))
            return
        self.caseroom.keeper.save()
        # the sizes as dealt: 5 people in groups of 2 make 3 + 2, nobody is left alone
        sizes = " + ".join(str(len(g)) for g in proposal.groups)
        key = "groups.title_one" if len(proposal.groups) == 1 else "groups.title"
        title = t(key, lang, n=len(proposal.groups), sizes=sizes)
        self.query_one("#groups-title", Static).update(title)
        professions = {p.name: p.profession for p in self.meeting.participants}
        text = Text()
        for number, group in enumerate(proposal.groups, start=1):
            text.append(t("groups.group", lang, n=number) + ": ", style="bold")
            text.append(", ".join(f"{name} ({professions.get(name, '?')})" for name in group))
            text.append("\n")
        self.query_one("#groups", Static).update(text)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Luk / Close"),
        Binding("question_mark", "close", show=False),
    ]

    def __init__(self, keys: tuple[Key, ...], lang: Lang) -> None:
        super().__init__()
        self.keys = keys
        self.lang: Lang = lang

    def compose(self) -> ComposeResult:
        text = Text()
        rows = [
            (key.display or key.key.split(",")[0], t(key.label, self.lang), t(key.tip, self.lang))
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
            yield Static("Escape: " + t("close", self.lang), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)


def deadline_problem(text: str, day: date) -> tuple[str, dict[str, str]] | None:
    """Why `text` cannot be the action plan's deadline for a meeting on `day` (None: it can).

    Empty is allowed (no deadline yet); the export then proposes a week after the meeting.
    """
    if not text:
        return None
    try:
        chosen = deadline_date(text)
    except ValueError:
        return "plan.no_such_date", {"date": text}
    if chosen is None:
        return "plan.bad_date", {}
    if chosen < day:
        return "plan.past_date", {"date": text, "day": day.isoformat()}
    return None


class _ChoiceScreen(ModalScreen[str | None]):
    """A question over the meeting: a title, a line and buttons. Dismissed with the chosen
    button's id; "cancel" and Escape give None."""

    BINDINGS = [Binding("escape", "cancel", "Luk / Close")]
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
            yield Static(self.body())
            with Horizontal(classes="buttons"):
                for button_id, key, variant in self.BUTTONS:
                    yield Button(t(key, self.lang), id=button_id, variant=variant)

    @on(Button.Pressed)
    def chosen(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class QuitScreen(_ChoiceScreen):
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


class UnsavedScreen(_ChoiceScreen):
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


class FinishScreen(_ChoiceScreen):
    """`n` on the last step: one stray key must not end a meeting for good."""

    AUTO_FOCUS = "#finish"  # n then Enter ends it, as meant at the end of the meeting
    TITLE_KEY, BODY_KEY = "finish.title", "finish.body"
    BUTTONS = (("finish", "quit.finish", "error"), ("cancel", "quit.cancel", "primary"))


class AddPersonScreen(_MeetingModal):
    def compose(self) -> ComposeResult:
        lang = self.caseroom.lang
        professions = PROFESSIONS_DA if lang == "da" else PROFESSIONS_EN
        with Vertical(classes="dialog"):
            yield Static(t("people.add_late", lang), classes="dialog-title")
            yield Input(placeholder=t("people.name", lang), id="name")
            yield Input(
                placeholder=t("people.profession", lang),
                id="profession",
                suggester=SuggestFromList(professions, case_sensitive=False),
            )
            yield Static("", id="error", classes="error")

    @on(Input.Submitted, "#name")
    def to_profession(self) -> None:
        self.query_one("#profession", Input).focus()

    @on(Input.Submitted, "#profession")
    def add(self) -> None:
        name = self.query_one("#name", Input).value
        professions = PROFESSIONS_DA if self.caseroom.lang == "da" else PROFESSIONS_EN
        profession = pick(self.query_one("#profession", Input).value, professions) or ""
        try:
            person = self.meeting.add_participant(name, profession)
        except DomainError as exc:
            self.query_one("#error", Static).update(explain(exc, self.caseroom.lang))
            return
        self.notify(t("people.added", self.caseroom.lang, name=person.name))
        self.dismiss(None)


class PresenceScreen(_MeetingModal):
    """Pick a participant who leaves (or comes back)."""

    def compose(self) -> ComposeResult:
        lang = self.caseroom.lang
        with Vertical(classes="dialog"):
            yield Static(t("people.leaves", lang), classes="dialog-title")
            yield OptionList(
                *(
                    Option(f"{p.name} · {p.profession}" + ("" if p.present else " (—)"), p.name)
                    for p in self.meeting.participants
                ),
                id="presence",
            )

    @on(OptionList.OptionSelected, "#presence")
    def picked(self, event: OptionList.OptionSelected) -> None:
        name = str(event.option.id)
        person = self.meeting.participant(name)
        self.meeting.set_present(name, not person.present)
        key = "people.back" if person.present else "people.left"
        self.notify(t(key, self.caseroom.lang, name=name))
        self.dismiss(None)


class SpeakerPicker(ModalScreen[str | None]):
    """Type a few letters of a name, Enter: that person speaks (for more than nine people)."""

    BINDINGS = [Binding("escape", "cancel", "Luk / Close")]

    @property
    def caseroom(self) -> CaseroomApp:
        return cast("CaseroomApp", self.app)

    def compose(self) -> ComposeResult:
        names = [p.name for p in self.caseroom.meeting.present]
        with Vertical(classes="dialog"):
            yield Static(t("picker.title", self.caseroom.lang), classes="dialog-title")
            yield Input(id="who", suggester=SuggestFromList(names, case_sensitive=False))
            yield Static("", id="error", classes="error")

    @on(Input.Submitted, "#who")
    def submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip().casefold()
        names = [p.name for p in self.caseroom.meeting.present]
        exact = [n for n in names if n.casefold() == typed]
        matches = exact or [n for n in names if n.casefold().startswith(typed)]
        if typed and len(matches) == 1:
            self.dismiss(matches[0])
        else:
            self.query_one("#error", Static).update(", ".join(matches) or "—")

    def action_cancel(self) -> None:
        self.dismiss(None)


class RoundScreen(ModalScreen[tuple[str, float | None] | None]):
    """Choose who starts the round and, optionally, minutes per person."""

    BINDINGS = [Binding("escape", "cancel", "Luk / Close")]

    @property
    def caseroom(self) -> CaseroomApp:
        return cast("CaseroomApp", self.app)

    def compose(self) -> ComposeResult:
        lang = self.caseroom.lang
        meeting = self.caseroom.meeting
        seconds = meeting.round_seconds_per_person()
        minutes = "" if seconds is None else per_person_text(seconds, lang)
        with Vertical(classes="dialog"):
            yield Static(t("round.title", lang), classes="dialog-title")
            yield Static(t("round.seconds", lang))
            yield Input(minutes, id="minutes")
            yield Static(t("round.first", lang))
            yield OptionList(*(Option(p.name, p.name) for p in meeting.present), id="first")
            yield Static("", id="error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#first", OptionList).focus()

    @on(Input.Submitted, "#minutes")
    def to_first(self) -> None:
        self.query_one("#first", OptionList).focus()

    @on(OptionList.OptionSelected, "#first")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        raw = self.query_one("#minutes", Input).value
        seconds: float | None = None
        if raw.strip():
            seconds = parse_per_person(raw)
            if seconds is None or not 0 < seconds <= 3600:
                self.query_one("#error", Static).update(t("round.bad_minutes", self.caseroom.lang))
                return
        self.dismiss((str(event.option.id), seconds))

    def action_cancel(self) -> None:
        self.dismiss(None)


class PlanScreen(ModalScreen[tuple[str, str] | None]):
    """Who from management drafts the action plan, and by when."""

    BINDINGS = [Binding("escape", "cancel", "Luk / Close")]

    @property
    def caseroom(self) -> CaseroomApp:
        return cast("CaseroomApp", self.app)

    def compose(self) -> ComposeResult:
        lang, decisions = self.caseroom.lang, self.caseroom.meeting.opsamling
        with Vertical(classes="dialog"):
            yield Static(t("plan.title", lang), classes="dialog-title")
            yield Static(t("plan.drafter", lang))
            yield Input(decisions.action_plan_drafter, id="drafter")
            yield Static(t("plan.deadline", lang))
            week_on = self.caseroom.meeting.clock.now().date() + timedelta(days=7)
            example = t("plan.example", lang, date=week_on.isoformat())
            yield Input(decisions.deadline, placeholder=example, id="deadline")
            yield Static("", id="error", classes="error")

    @on(Input.Submitted, "#drafter")
    def to_deadline(self) -> None:
        self.query_one("#deadline", Input).focus()

    @on(Input.Submitted, "#deadline")
    def done(self) -> None:
        deadline = self.query_one("#deadline", Input).value.strip()
        agenda = self.caseroom.meeting.agenda  # the meeting's day, as the export counts it
        day = agenda.wall(agenda.started_at) if agenda.started_at is not None else None
        problem = deadline_problem(deadline, (day or agenda.clock.now()).date())
        if problem is not None:
            key, values = problem
            self.query_one("#error", Static).update(t(key, self.caseroom.lang, **values))
            return
        self.dismiss((self.query_one("#drafter", Input).value, deadline))

    def action_cancel(self) -> None:
        self.dismiss(None)
