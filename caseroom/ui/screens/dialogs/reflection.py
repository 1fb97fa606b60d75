"""Silent reflection: a calm full-screen countdown over the meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Digits, Static

from caseroom.domain.agenda import RunState
from caseroom.domain.errors import DomainError
from caseroom.domain.prose import reflow
from caseroom.ui.i18n import countdown, explain, t
from caseroom.ui.keys import REFLECTION_KEYS, make_bindings
from caseroom.ui.messages import MeetingChanged

if TYPE_CHECKING:
    from caseroom.ui.app import CaseroomApp


class ReflectionScreen(Screen[bool]):
    """A calm full-screen countdown for silent reflection; Escape ends it early, space pauses
    the meeting (and so the reflection) as it does everywhere, or says here why it cannot.

    Dismissed with True when Escape stopped it: the meeting screen ends the reflection.
    """

    BINDINGS = make_bindings(REFLECTION_KEYS)

    @property
    def caseroom(self) -> CaseroomApp:
        return cast("CaseroomApp", self.app)

    def compose(self) -> ComposeResult:
        lang = self.caseroom.lang
        step = self.caseroom.meeting.agenda.current
        question = reflow(step.question.text) if step.question is not None else step.segment.title
        with Vertical(id="reflection"):
            yield Static(t("reflect.title", lang), id="reflection-title")
            yield Digits("", id="reflection-digits")
            yield Static("", id="reflection-line")
            yield Static("", id="reflection-state", markup=False)  # paused, or why not
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
        paused = meeting.agenda.state is RunState.PAUSED
        self.set_class(paused, "-paused")
        if paused:
            self.say(t("reflect.paused", self.caseroom.lang))
        done = remaining <= 0 and not paused
        self.set_class(done, "-done")
        if done:
            self.query_one("#reflection-title", Static).update(
                t("reflect.done", self.caseroom.lang)
            )

    def say(self, text: str) -> None:
        """One line under the countdown: the pause, or why space did nothing (never a toast
        over the question the room is reading)."""
        state = self.query_one("#reflection-state", Static)
        state.update(text)
        state.display = bool(text)

    @on(MeetingChanged)
    def meeting_changed(self) -> None:
        self.say("")
        self.tick()

    def action_toggle_pause(self) -> None:
        """The meeting's pause, asked of the engine like the meeting screen's space."""
        meeting = self.caseroom.meeting
        try:
            self.caseroom.apply(meeting.toggle_pause)
        except DomainError as exc:
            self.say(t("cannot", self.caseroom.lang, reason=explain(exc, self.caseroom.lang)))

    def action_end(self) -> None:
        self.dismiss(True)
