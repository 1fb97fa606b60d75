"""The evaluation round: for each person, the points the case's closing round asks for (three
things they learned, unless the case file says otherwise), typed live."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from caseroom.domain.meeting import Meeting
from caseroom.ui.i18n import Lang, t
from caseroom.ui.keys import EVALUATION_KEYS, make_bindings
from caseroom.ui.widgets.fields import Choices, Field, Settling, after_keys


class EvaluationPanel(Horizontal):
    """Left: everyone with how many points they have; right: the chosen person's points (as
    many fields as the case's closing round gives each person: `case.closing.points`).

    Posts `Save(panel, person, points, advance)`; the screen stores it (and moves the round
    on), then calls `settled`. Keys typed ahead stay in their field: Enter moves to the next
    point as the app takes the key, and the points are read only once each field has handled
    the keys typed before. The keys that move on (the third Enter, ctrl+n, Escape, Enter in
    the people list) hold the next key until the next person's points are shown and focused,
    so points typed right after them are that person's and are not overwritten.
    """

    BINDINGS = make_bindings(EVALUATION_KEYS)

    class Save(Message):
        def __init__(
            self, panel: EvaluationPanel, person: str, points: list[str], advance: bool
        ) -> None:
            super().__init__()
            self.panel = panel
            self.person = person
            self.points = points
            self.advance = advance

    class Leave(Message):
        def __init__(self, panel: EvaluationPanel) -> None:
            super().__init__()
            self.panel = panel

    def __init__(self, meeting: Meeting, lang: Lang) -> None:
        super().__init__(id="evaluation")
        self.meeting = meeting
        self.lang: Lang = lang
        self.person: str | None = None
        self.round_person: str | None = None  # whose turn the round gave, as last shown
        self.listed: list[tuple[str, int]] = []  # the people list as shown, with their counts
        self.settling = Settling()  # a key that moves on waits for the screen to have moved on
        self.numbers = range(1, meeting.case.closing.points + 1)  # the point fields, 1…

    def compose(self) -> ComposeResult:
        yield Choices(id="eval-people")
        with Vertical(id="eval-points"):
            yield Static("", id="eval-person", classes="heading", markup=False)
            for number in self.numbers:
                yield Field(placeholder=f"{number}.", id=f"eval-{number}")
            yield Static(t("eval.hint", self.lang), classes="hint")

    def on_mount(self) -> None:
        self.refill()
        talk_round = self.meeting.talk.round
        self.round_person = talk_round.current if talk_round is not None else None
        self.choose(self.round_person)

    def _listing(self) -> list[tuple[str, int]]:
        return [(p.name, len(self.meeting.evaluation_of(p.name))) for p in self.meeting.present]

    def refill(self) -> None:
        self.listed = self._listing()
        listing = self.query_one("#eval-people", OptionList)
        listing.clear_options()
        listing.add_options(
            Option(Text(f"{name} ({count}/{len(self.numbers)})"), name)
            for name, count in self.listed
        )
        if self.person in (names := [name for name, _ in self.listed]):
            listing.highlighted = names.index(self.person)

    def follow_people(self) -> None:
        """Someone arrived or left: the list shows who is present now."""
        if self._listing() != self.listed:
            self.refill()

    def choose(self, person: str | None) -> None:
        """Show `person`'s points in the inputs (None: nobody chosen)."""
        self.person = person
        title = person or t("eval.choose", self.lang)
        self.query_one("#eval-person", Static).update(title)
        points = self.meeting.evaluation_of(person) if person else []
        for number in self.numbers:
            field = self.query_one(f"#eval-{number}", Field)
            field.value = points[number - 1] if number <= len(points) else ""
            field.disabled = person is None
        names = [p.name for p in self.meeting.present]
        if person in names:
            self.query_one("#eval-people", OptionList).highlighted = names.index(person)

    @on(OptionList.OptionSelected, "#eval-people")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.choose(str(event.option.id))
        self.screen.set_focus(self.query_one("#eval-1", Field))

    def pick_highlighted(self) -> None:
        """Enter in the people list: the person highlighted once the list has taken the keys
        typed before it (down, down, Enter: the third)."""
        option = self.query_one("#eval-people", OptionList).highlighted_option
        if option is not None and not option.disabled:
            self.choose(str(option.id))
            self.screen.set_focus(self.query_one("#eval-1", Field))
        self.settling.end()

    def settled(self) -> None:
        """The screen has stored what a key that moves on saved (and shown who is next)."""
        self.settling.end()

    def fields(self) -> list[Field]:
        return [self.query_one(f"#eval-{number}", Field) for number in self.numbers]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "enter":  # in a point, or choosing in the people list
            focused = self.screen.focused
            return focused in self.fields() or focused is self.query_one("#eval-people")
        return True

    async def action_enter(self) -> None:
        """Enter: the next point, focused before the next key is taken; after the third,
        save and move on to the next person; in the people list, that person."""
        fields = self.fields()
        focused = self.screen.focused
        if focused in fields[:-1]:
            self.screen.set_focus(fields[fields.index(focused) + 1])
        elif focused is fields[-1]:
            await self.action_advance()
        elif isinstance(focused, OptionList):
            self.settling.begin()
            after_keys([focused], self.pick_highlighted)
            await self.settling.wait()

    async def action_advance(self) -> None:
        self.settling.begin()
        after_keys(self.fields(), self._save, True)
        await self.settling.wait()

    def _save(self, advance: bool) -> None:
        if self.person is None:
            self.settling.end()
            return
        points = [field.value for field in self.fields()]
        self.post_message(self.Save(self, self.person, points, advance))

    async def action_leave(self) -> None:
        self.settling.begin()
        after_keys(self.fields(), self._leave)
        await self.settling.wait()

    def _leave(self) -> None:
        if self.person is not None:
            points = [field.value for field in self.fields()]
            self.post_message(self.Save(self, self.person, points, False))
        self.post_message(self.Leave(self))
