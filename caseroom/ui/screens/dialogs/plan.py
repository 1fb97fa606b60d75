"""Opsamling's action plan: who from management drafts it, and by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from caseroom.domain.captures import deadline_date
from caseroom.ui.i18n import t
from caseroom.ui.screens.dialogs.form import Form
from caseroom.ui.widgets.fields import Field
from caseroom.ui.widgets.keybar import KeyBar


@dataclass(frozen=True)
class ActionPlan:
    """Who drafts the action plan and the deadline as typed (checked): the screen records it."""

    drafter: str
    deadline: str


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


class PlanScreen(Form[ActionPlan]):
    """Who from management drafts the action plan, and by when."""

    FIELDS = ("drafter", "deadline")

    def compose(self) -> ComposeResult:
        lang, decisions = self.caseroom.lang, self.caseroom.meeting.opsamling
        with Vertical(classes="dialog"):
            yield Static(t("plan.title", lang), classes="dialog-title")
            yield Static(t("plan.drafter", lang))
            yield Field(decisions.action_plan_drafter, id="drafter")
            yield Static(t("plan.deadline", lang))
            week_on = self.caseroom.meeting.clock.now().date() + timedelta(days=7)
            example = t("plan.example", lang, date=week_on.isoformat())
            yield Field(decisions.deadline, placeholder=example, id="deadline")
            yield Static("", id="error", classes="error", markup=False)  # quotes what was typed
        yield KeyBar()

    def submit(self) -> None:
        deadline = self.query_one("#deadline", Field).value.strip()
        agenda = self.caseroom.meeting.agenda  # the meeting's day, as the export counts it
        day = agenda.wall(agenda.started_at) if agenda.started_at is not None else None
        problem = deadline_problem(deadline, (day or agenda.clock.now()).date())
        if problem is not None:
            key, values = problem
            self.error(t(key, self.caseroom.lang, **values))
            return
        self.close(ActionPlan(self.query_one("#drafter", Field).value, deadline))
