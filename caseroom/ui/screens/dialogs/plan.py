"""Opsamling's action plan: who from management drafts it, and by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from caseroom.domain.captures import PLAN_DAYS, Deadline, DeadlineProblem
from caseroom.ui.i18n import t
from caseroom.ui.keys import Words, word
from caseroom.ui.screens.dialogs.form import Form
from caseroom.ui.widgets.fields import Field
from caseroom.ui.widgets.keybar import KeyBar


@dataclass(frozen=True)
class ActionPlan:
    """Who drafts the action plan and the deadline as typed (checked): the screen records it."""

    drafter: str
    deadline: str


def deadline_problem(deadline: Deadline) -> tuple[str, dict[str, str]] | None:
    """What to say when the dialog refuses the deadline (None: it takes it); the domain's
    `plan_deadline` decides. Empty is allowed: the export then proposes a week on."""
    text, day = deadline.text, deadline.meeting_day
    if deadline.problem is DeadlineProblem.NO_SUCH_DATE:
        return "drafting.no_such_date", {"date": text}
    if deadline.problem is DeadlineProblem.NOT_A_DATE:
        return "drafting.bad_date", {}
    if deadline.problem is DeadlineProblem.BEFORE_MEETING:
        return "drafting.past_date", {"date": text, "day": day.isoformat()}
    return None


class PlanScreen(Form[ActionPlan]):
    """Who from management drafts the action plan, and by when; where the room chooses its
    proposals itself, who takes the chosen ones forward (the case's `words`)."""

    FIELDS = ("drafter", "deadline")

    def __init__(self, words: Words | None = None) -> None:
        super().__init__()
        self.words = words

    def compose(self) -> ComposeResult:
        lang, decisions = self.caseroom.lang, self.caseroom.meeting.opsamling
        with Vertical(classes="dialog"):
            yield Static(word("drafting.title", lang, self.words), classes="dialog-title")
            yield Static(word("drafting.drafter", lang, self.words))
            yield Field(decisions.action_plan_drafter, id="drafter")
            yield Static(t("drafting.deadline", lang))
            week_on = self.caseroom.meeting.clock.now().date() + timedelta(days=PLAN_DAYS)
            example = t("drafting.example", lang, date=week_on.isoformat())
            yield Field(decisions.deadline, placeholder=example, id="deadline")
            yield Static("", id="error", classes="error", markup=False)  # quotes what was typed
        yield KeyBar()

    def submit(self) -> None:
        typed = self.query_one("#deadline", Field).value.strip()
        deadline = self.caseroom.meeting.plan_deadline(typed)
        problem = deadline_problem(deadline)
        if problem is not None:
            key, values = problem
            self.error(t(key, self.caseroom.lang, **values))
            return
        # a day however it was typed (13.12.2026) is recorded one way: YYYY-MM-DD
        recorded = deadline.day.isoformat() if deadline.day is not None else typed
        self.close(ActionPlan(self.query_one("#drafter", Field).value, recorded))
