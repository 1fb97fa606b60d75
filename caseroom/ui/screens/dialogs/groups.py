"""Small groups: the current step's groups (formed as the case says); r reshuffles them."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from caseroom.domain.errors import DomainError
from caseroom.domain.meeting import GroupProposal
from caseroom.ui.i18n import explain, t
from caseroom.ui.keys import GROUPS_KEYS, make_bindings
from caseroom.ui.screens.dialogs.base import MeetingModal
from caseroom.ui.widgets.keybar import KeyBar


class GroupsScreen(MeetingModal):
    """Shows the current step's groups (`show`: those it has, else new ones) and new ones
    on r (`reshuffle`): the meeting screen's handlers, which apply them through
    `CaseroomApp.apply` (recorded and saved; the dialog itself changes nothing)."""

    BINDINGS = make_bindings(GROUPS_KEYS)

    def __init__(
        self, show: Callable[[], GroupProposal], reshuffle: Callable[[], GroupProposal]
    ) -> None:
        super().__init__()
        self.show = show
        self.reshuffle = reshuffle

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("", id="groups-title", classes="dialog-title")
            yield Static("", id="groups-by")
            yield Static("", id="groups", markup=False)  # names: data, never markup
            yield Static(t("groups.hint", self.caseroom.lang), classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.draw(self.show)

    def action_shuffle(self) -> None:
        self.draw(self.reshuffle)

    def draw(self, groups: Callable[[], GroupProposal]) -> None:
        lang = self.caseroom.lang
        try:
            proposal = groups()
        except DomainError as exc:
            self.query_one("#groups", Static).update(t("cannot", lang, reason=explain(exc, lang)))
            return
        # the sizes as dealt: 5 people in groups of 2 make 3 + 2, nobody is left alone
        sizes = " + ".join(str(len(g)) for g in proposal.groups)
        key = "groups.title_one" if len(proposal.groups) == 1 else "groups.title"
        title = t(key, lang, n=len(proposal.groups), sizes=sizes)
        self.query_one("#groups-title", Static).update(title)
        self.query_one("#groups-by", Static).update(t(f"groups.by_{proposal.by}", lang))
        text = Text()
        for number, group in enumerate(proposal.groups, start=1):
            text.append(t("groups.group", lang, n=number) + ": ", style="bold")
            text.append(", ".join(self.who(name) for name in group))
            text.append("\n")
        self.query_one("#groups", Static).update(text)

    def who(self, name: str) -> str:
        """'Anna (læge, Lægehuset)': the person, their profession and clinic (if given)."""
        person = next((p for p in self.meeting.participants if p.name == name), None)
        if person is None:
            return f"{name} (?)"
        about = [person.profession, person.clinic] if person.clinic else [person.profession]
        return f"{name} ({', '.join(about)})"
