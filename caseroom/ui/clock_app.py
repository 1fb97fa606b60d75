"""The timekeeper's clock: a read-only, full-screen countdown that follows a session file.

A separate small App: it never writes the session, it reads it with `load(..., follow=True)`
whenever the file changes and derives every figure from the agenda and its own clock (the
session's clock, so a `--speed` rehearsal shows the same virtual times), exactly as the
meeting screen does. `make_clock_app` serves the CLI and the tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from caseroom.domain.agenda import AgendaRun, RunState, Step
from caseroom.domain.clock import Clock, SpeedClock
from caseroom.store.follow import SessionFollower
from caseroom.store.session_file import session_clock
from caseroom.ui.i18n import Lang, countdown, duration, t
from caseroom.ui.widgets.bigclock import BigClock

POLL_SECONDS = 0.5
"""How often the file is looked at (one stat); a change shows within this time."""

NARROW_WIDTH = 60


class ClockApp(App[int]):
    """Shows one session's current step, its countdown and the meeting's figures, read-only."""

    CSS_PATH = "clock.tcss"
    TITLE = "caseroom clock"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_WIDTH, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    BINDINGS = [Binding("q", "quit", "Quit", show=False, id="quit")]

    def __init__(
        self,
        follower: SessionFollower,
        lang: Lang,
        *,
        theme: str = "dark",
        tick_seconds: float = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.follower = follower
        self.lang: Lang = lang
        self.tick_seconds = tick_seconds
        self.theme = "textual-light" if theme == "light" else "textual-dark"
        self._shown: dict[str, str] = {}

    @property
    def agenda(self) -> AgendaRun:
        return self.follower.meeting.agenda

    @property
    def clock(self) -> Clock:
        return self.follower.clock

    def compose(self) -> ComposeResult:
        with Horizontal(id="clock-head"):
            yield Static(id="clock-case")
            yield Static(id="clock-now")
        yield Static(id="clock-banner")
        yield Static(id="clock-stale")
        yield Static(id="clock-title")
        yield Static(id="clock-question")
        yield BigClock(id="clock-big")
        yield Static(id="clock-figures")
        yield Static(id="clock-next")

    def on_mount(self) -> None:
        self.refresh_view()
        self.set_interval(self.tick_seconds, self.tick)

    # --- following the file ---------------------------------------------------------------

    def tick(self) -> None:
        self.follower.poll()
        self.refresh_view()

    def poll_now(self) -> bool:
        """Look at the file now (what the timer does); True when the meeting was rebuilt."""
        changed = self.follower.poll()
        self.refresh_view()
        return changed

    def reload(self) -> bool:
        """Read the file again even if it looks unchanged."""
        changed = self.follower.reload()
        self.refresh_view()
        return changed

    # --- rendering ------------------------------------------------------------------------

    def refresh_view(self) -> None:
        agenda, lang = self.agenda, self.lang
        step = agenda.current
        state = agenda.state
        remaining = agenda.step_remaining()
        stale = self.follower.is_stale()

        big = self.query_one(BigClock)
        big.show(countdown(remaining))
        running = state is RunState.RUNNING
        overrun = remaining < 0 and state is not RunState.NOT_STARTED
        wrapup = running and agenda.in_wrapup()
        big.set_class(overrun, "-overrun")
        big.set_class(wrapup and not overrun, "-wrapup")
        big.set_class(running and step.segment.kind == "break", "-break")
        big.set_class(not running, "-paused")
        big.set_class(stale, "-stale")

        kind = self.banner_kind(agenda)
        banner = self.query_one("#clock-banner", Static)
        for name in ("paused", "break", "finished", "ready"):
            banner.set_class(kind == name, f"-{name}")
        self._set("#clock-banner", t(f"clock.{kind}", lang) if kind else "")

        problem = ""
        if stale:
            when = datetime.fromtimestamp(self.follower.last_modified or 0).astimezone()
            problem = t("clock.stale", lang, time=f"{when:%H:%M:%S}")
        elif self.follower.error:
            problem = t("clock.unreadable", lang)
        self.query_one("#clock-stale").set_class(bool(problem), "-shown")
        self._set("#clock-stale", problem)

        self._set("#clock-case", self.follower.meeting.case.title)
        self._set("#clock-now", t("clock.now", lang, time=f"{self.clock.now():%H:%M}"))
        self._set("#clock-title", self.step_title(step))
        question = step.question.text.strip().replace("\n", " ") if step.question else ""
        self.query_one("#clock-question").set_class(bool(question), "-shown")
        self._set("#clock-question", question)
        self._set("#clock-figures", self.figures_line(narrow=self.size.width < NARROW_WIDTH))
        self._set("#clock-next", self.next_line())

    def _set(self, selector: str, value: str | Text) -> None:
        key = value.markup if isinstance(value, Text) else value
        if self._shown.get(selector) != key:
            self._shown[selector] = key
            self.query_one(selector, Static).update(value)

    @staticmethod
    def banner_kind(agenda: AgendaRun) -> str:
        """Which state banner to show: '' while a normal step runs."""
        if agenda.state is RunState.FINISHED:
            return "finished"
        if agenda.state is RunState.PAUSED:
            return "paused"
        if agenda.state is RunState.NOT_STARTED:
            return "ready"
        if agenda.current.segment.kind == "break":
            return "break"
        return ""

    def question_label(self, step: Step) -> str:
        agenda = self.agenda
        questions = [s for s in agenda.steps if s.segment_index == step.segment_index]
        number = questions.index(step) + 1
        return t("fig.question", self.lang, n=number, total=len(questions))

    def step_title(self, step: Step) -> str:
        if step.question is None:
            return step.segment.title
        return f"{step.segment.title}  ·  {self.question_label(step)}"

    def figures_line(self, *, narrow: bool = False) -> Text:
        agenda, lang = self.agenda, self.lang
        line = Text()
        late = agenda.lateness_seconds()
        end = f"{agenda.projected_end():%H:%M}"
        if agenda.state is RunState.FINISHED:
            line.append(t("clock.ended", lang, time=end), style="bold")
        else:
            left = duration(agenda.remaining_agenda_seconds())
            if narrow:
                line.append(left, style="bold")
            else:
                line.append(f"{t('fig.meeting_left', lang)} ", style="dim")
                line.append(f"{left} {t('fig.left', lang)}", style="bold")
            line.append("  ·  " if narrow else "     ")
            line.append(f"{t('fig.end', lang)} ", style="dim")
            line.append(end, style="bold")
        if agenda.state is RunState.NOT_STARTED:
            return line
        if abs(late) < 60:
            line.append(f"  ({t('fig.on_time', lang)})", style="green")
        elif narrow:
            sign, style = ("+", "bold red") if late > 0 else ("−", "green")
            line.append(f"  {sign}{duration(late)}", style=style)
        elif late > 0:
            line.append(f"  ({t('fig.late', lang, duration=duration(late))})", style="bold red")
        else:
            line.append(f"  ({t('fig.early', lang, duration=duration(late))})", style="green")
        return line

    def next_line(self) -> str:
        agenda, lang = self.agenda, self.lang
        if agenda.state is RunState.FINISHED:
            return ""
        if agenda.cursor + 1 >= len(agenda.steps):
            return t("clock.last", lang)
        following = agenda.steps[agenda.cursor + 1]
        minutes = round((following.planned_seconds + following.extension_seconds) / 60)
        if following.question is None:
            title = f"{following.segment.title} ({minutes} min)"
        else:
            text = following.question.text.strip().replace("\n", " ")
            title = f"{self.question_label(following)} ({minutes} min): {text}"
            if following.segment_index != agenda.current.segment_index:
                title = f"{following.segment.title} · {title}"
        return t("clock.next", lang, title=title)


def tick_for(clock: Clock, poll_seconds: float) -> float:
    """Repaint often enough that a `--speed` rehearsal's seconds do not jump in big steps."""
    speed = clock.speed if isinstance(clock, SpeedClock) else 1.0
    return max(0.05, min(poll_seconds, 0.5 / speed))


def make_clock_app(
    path: Path,
    *,
    clock: Clock | None = None,
    lang: Lang | None = None,
    theme: str = "dark",
    poll_seconds: float = POLL_SECONDS,
    real_time: Callable[[], float] = time.time,
) -> ClockApp:
    """Build the clock for a session file; raises SessionFileError when it cannot be read.

    `clock` defaults to the session's own clock (a `--speed` rehearsal's virtual timeline);
    `real_time` is what the heartbeat check compares the file's mtime with.
    """
    clock = clock or session_clock(path)
    follower = SessionFollower(path, clock, real_time=real_time)
    return ClockApp(
        follower,
        lang or follower.meeting.case.language,
        theme=theme,
        tick_seconds=tick_for(clock, poll_seconds),
    )
