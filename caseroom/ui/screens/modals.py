"""Screens that sit over the meeting: fact boxes, reflection, groups, help, people, quit.

Each dialog composes its own key bar, which shows the dialog's keys (not the meeting's). The
dialogs with fields take keys typed ahead in order and in their field (`_Form`).

A dialog is opened by a key whose action Textual awaits until the dialog is mounted and its
first field focused (caseroom/ui/keys.py), so the keys typed right after that key are the
dialog's. The keys that close a dialog (Escape, Enter on a choice, Enter that submits) are
priority bindings that close it before the app takes the next key, so the keys typed after
them are the meeting's again, as they would be a moment later.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, TypeVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Digits, OptionList, Static
from textual.widgets.button import ButtonVariant
from textual.widgets.option_list import Option

from caseroom.domain.captures import PLAN_DAYS, Deadline, DeadlineProblem
from caseroom.domain.case import Factbox
from caseroom.domain.errors import DomainError
from caseroom.domain.people import PROFESSIONS_DA, PROFESSIONS_EN
from caseroom.ui.i18n import Lang, countdown, explain, parse_per_person, per_person_text, t
from caseroom.ui.keys import Key
from caseroom.ui.widgets.capture import pick
from caseroom.ui.widgets.fields import Choices, Field, Settling, after_keys
from caseroom.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from caseroom.domain.meeting import Meeting
    from caseroom.ui.app import CaseroomApp


R = TypeVar("R")


class _OverMeeting(ModalScreen[R]):
    """A dialog over the meeting, with the app and its meeting at hand."""

    @property
    def caseroom(self) -> CaseroomApp:
        return cast("CaseroomApp", self.app)

    @property
    def meeting(self) -> Meeting:
        return self.caseroom.meeting


class _MeetingModal(_OverMeeting[None]):
    BINDINGS = [Binding("escape", "close", "wkey.close", priority=True)]

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
                    yield Static(box.title, classes="heading", markup=False)  # case text
                    body = box.text.strip()
                    if box.source:
                        body += f"\n\n{t('facts.source', self.lang)}: {box.source}"
                    yield Static(body, classes="factbox", markup=False)
            yield Static("Escape: " + t("close", self.lang), classes="hint")
        yield KeyBar()


class ReflectionScreen(Screen[None]):
    """A calm full-screen countdown for silent reflection; Escape ends it early."""

    BINDINGS = [Binding("escape", "end", "Stop", priority=True)]

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
            yield Static(question, id="reflection-question", markup=False)
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
    BINDINGS = [
        Binding("escape", "close", "wkey.close", priority=True),
        Binding("g", "shuffle", "wkey.reshuffle", priority=True),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("", id="groups-title", classes="dialog-title")
            yield Static("", id="groups", markup=False)  # names: data, never markup
            yield Static(t("groups.hint", self.caseroom.lang), classes="hint")
        yield KeyBar()

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
        Binding("escape", "close", "wkey.close", priority=True),
        Binding("question_mark", "close", show=False, priority=True),
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
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)


def deadline_problem(deadline: Deadline) -> tuple[str, dict[str, str]] | None:
    """What to say when the dialog refuses the deadline (None: it takes it); the domain's
    `plan_deadline` decides. Empty is allowed: the export then proposes a week on."""
    text, day = deadline.text, deadline.meeting_day
    if deadline.problem is DeadlineProblem.NO_SUCH_DATE:
        return "plan.no_such_date", {"date": text}
    if deadline.problem is DeadlineProblem.NOT_A_DATE:
        return "plan.bad_date", {}
    if deadline.problem is DeadlineProblem.BEFORE_MEETING:
        return "plan.past_date", {"date": text, "day": day.isoformat()}
    return None


class _ChoiceScreen(ModalScreen[str | None]):
    """A question over the meeting: a title, a line and buttons. Dismissed with the chosen
    button's id; "cancel" and Escape give None.

    Enter chooses the focused button and tab moves between them as the app takes the key, so
    a tab typed ahead moves before the Enter after it chooses.
    """

    BINDINGS = [
        Binding("escape", "cancel", "wkey.back", priority=True),
        Binding("enter", "choose", "wkey.choose", priority=True),
        Binding("tab", "move(1)", show=False, priority=True),
        Binding("shift+tab", "move(-1)", show=False, priority=True),
    ]
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


class _Form(_OverMeeting[R]):
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
    BINDINGS = [
        Binding("escape", "cancel", "wkey.close", priority=True),
        Binding("enter", "next_field", "wkey.next_field", priority=True),
        Binding("enter", "submit", "wkey.save", priority=True),
        Binding("tab", "move(1)", show=False, priority=True),
        Binding("shift+tab", "move(-1)", show=False, priority=True),
    ]

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
        """Read the fields (each has every key typed before the Enter) and act."""
        raise NotImplementedError

    def close(self, result: R | None) -> None:
        self.closing = True
        self.dismiss(result)

    def error(self, message: str) -> None:
        self.query_one("#error", Static).update(message)

    def action_cancel(self) -> None:
        if not self.closing:
            self.close(None)


class AddPersonScreen(_Form[None]):
    FIELDS = ("name", "profession")
    BINDINGS = [
        Binding("enter", "next_field", "wkey.next_field", priority=True),
        Binding("enter", "submit", "wkey.add", priority=True),
    ]

    def compose(self) -> ComposeResult:
        lang = self.caseroom.lang
        professions = PROFESSIONS_DA if lang == "da" else PROFESSIONS_EN
        with Vertical(classes="dialog"):
            yield Static(t("people.add_late", lang), classes="dialog-title")
            yield Field(placeholder=t("people.name", lang), id="name")
            yield Field(
                placeholder=t("people.profession", lang),
                id="profession",
                suggester=SuggestFromList(professions, case_sensitive=False),
            )
            yield Static("", id="error", classes="error", markup=False)  # may quote the name
        yield KeyBar()

    def submit(self) -> None:
        name = self.query_one("#name", Field).value
        professions = PROFESSIONS_DA if self.caseroom.lang == "da" else PROFESSIONS_EN
        profession = pick(self.query_one("#profession", Field).value, professions) or ""
        try:
            person = self.meeting.add_participant(name, profession)
        except DomainError as exc:
            self.error(explain(exc, self.caseroom.lang))
            return
        self.notify(t("people.added", self.caseroom.lang, name=person.name), markup=False)
        self.close(None)


class PresenceScreen(_Form[None]):
    """Pick a participant who leaves (or comes back)."""

    FIELDS = ("presence",)
    ENTER_SUBMITS = True
    BINDINGS = [Binding("enter", "submit", "wkey.choose", priority=True)]

    def compose(self) -> ComposeResult:
        lang = self.caseroom.lang
        with Vertical(classes="dialog"):
            yield Static(t("people.leaves", lang), classes="dialog-title")
            yield Choices(
                *(
                    Option(f"{p.name} · {p.profession}" + ("" if p.present else " (—)"), p.name)
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
        person = self.meeting.participant(name)
        self.meeting.set_present(name, not person.present)
        key = "people.back" if person.present else "people.left"
        self.notify(t(key, self.caseroom.lang, name=name), markup=False)
        self.close(None)


class SpeakerPicker(_Form[str]):
    """Type a few letters of a name, Enter: that person speaks (for more than nine people)."""

    FIELDS = ("who",)
    BINDINGS = [Binding("enter", "submit", "wkey.choose", priority=True)]

    def compose(self) -> ComposeResult:
        names = [p.name for p in self.caseroom.meeting.present]
        with Vertical(classes="dialog"):
            yield Static(t("picker.title", self.caseroom.lang), classes="dialog-title")
            yield Field(id="who", suggester=SuggestFromList(names, case_sensitive=False))
            yield Static("", id="error", classes="error", markup=False)  # names that match
        yield KeyBar()

    def submit(self) -> None:
        typed = self.query_one("#who", Field).value.strip().casefold()
        names = [p.name for p in self.caseroom.meeting.present]
        exact = [n for n in names if n.casefold() == typed]
        matches = exact or [n for n in names if n.casefold().startswith(typed)]
        if typed and len(matches) == 1:
            self.close(matches[0])
        else:
            self.error(", ".join(matches) or "—")


class RoundScreen(_Form[tuple[str, float | None]]):
    """The time per person (optional) and who starts the round (the first by default).

    It opens in the time field, which its first line asks for; Enter starts the round from
    either field, with the person chosen in the list.
    """

    AUTO_FOCUS = "#minutes"
    FIELDS = ("minutes", "first")
    ENTER_SUBMITS = True
    BINDINGS = [
        Binding("enter", "submit", "wkey.start_round", priority=True),
        Binding("tab", "move(1)", "wkey.other_field", priority=True),
    ]

    def compose(self) -> ComposeResult:
        lang = self.caseroom.lang
        meeting = self.caseroom.meeting
        seconds = meeting.round_seconds_per_person()
        minutes = "" if seconds is None else per_person_text(seconds, lang)
        with Vertical(classes="dialog"):
            yield Static(t("round.title", lang), classes="dialog-title")
            yield Static(t("round.seconds", lang))
            yield Field(minutes, id="minutes")
            yield Static(t("round.first", lang))
            yield Choices(
                *(Option(p.name, p.name) for p in meeting.present), id="first", markup=False
            )
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
        self.close((first, seconds))


class PlanScreen(_Form[tuple[str, str]]):
    """Who from management drafts the action plan, and by when."""

    FIELDS = ("drafter", "deadline")

    def compose(self) -> ComposeResult:
        lang, decisions = self.caseroom.lang, self.caseroom.meeting.opsamling
        with Vertical(classes="dialog"):
            yield Static(t("plan.title", lang), classes="dialog-title")
            yield Static(t("plan.drafter", lang))
            yield Field(decisions.action_plan_drafter, id="drafter")
            yield Static(t("plan.deadline", lang))
            week_on = self.caseroom.meeting.clock.now().date() + timedelta(days=PLAN_DAYS)
            example = t("plan.example", lang, date=week_on.isoformat())
            yield Field(decisions.deadline, placeholder=example, id="deadline")
            yield Static("", id="error", classes="error", markup=False)  # quotes what was typed
        yield KeyBar()

    def submit(self) -> None:
        deadline = self.query_one("#deadline", Field).value.strip()
        problem = deadline_problem(self.caseroom.meeting.plan_deadline(deadline))
        if problem is not None:
            key, values = problem
            self.error(t(key, self.caseroom.lang, **values))
            return
        self.close((self.query_one("#drafter", Field).value, deadline))
