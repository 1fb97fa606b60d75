"""The timekeeper's clock: a read-only, full-screen countdown that follows a session file.

It never writes the session: it reads it with `load(..., follow=True)` whenever what the file
records changes (a heartbeat save is told apart by the file's head: no read, no repaint), on a
worker thread (`run_worker(thread=True)`) so that the countdown goes on while a long
meeting's file is read. It derives every figure from the agenda and its own clock (the
session's clock, so a `--speed` rehearsal shows the same virtual times), exactly as the
meeting screen does. The short `ClockApp` (caseroom/ui/clock_app.py) shows it.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from caseroom.domain.agenda import AgendaRun, RunState, Step
from caseroom.domain.captures import one_line
from caseroom.domain.clock import Clock, SpeedClock
from caseroom.domain.errors import SessionFileError
from caseroom.domain.meeting import Meeting
from caseroom.store.follow import Change, SessionFollower
from caseroom.ui.i18n import Lang, countdown, duration, lateness, minutes, t
from caseroom.ui.keys import CLOCK_KEYS, make_bindings
from caseroom.ui.ticks import next_change_in
from caseroom.ui.widgets.bigclock import BigClock

NARROW_WIDTH = 60
FIXED_LINES = frozenset({"#clock-title", "#clock-question", "#clock-figures", "#clock-next"})
_FINISHED = frozenset({WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED})


class ClockScreen(Screen[None]):
    """Shows one session's current step, its countdown and the meeting's figures, read-only.

    Made as `localized(ClockScreen, lang)(...)`: its keys come from the table (q closes)."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_WIDTH, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    BINDINGS = make_bindings(CLOCK_KEYS)

    def __init__(self, follower: SessionFollower, lang: Lang, *, tick_seconds: float) -> None:
        super().__init__()
        self.follower = follower
        self.lang: Lang = lang
        self.tick_seconds = tick_seconds
        self.speed = follower.clock.speed if isinstance(follower.clock, SpeedClock) else 1.0
        self._ticker: Timer | None = None
        self._aligner: Timer | None = None
        self._moment: tuple[object, ...] = ()
        self._shown: dict[str, str] = {}
        self._widgets: dict[str, Static] = {}
        self._reading: Change | None = None  # a change being read on a worker thread

    @property
    def agenda(self) -> AgendaRun:
        return self.follower.meeting.agenda

    @property
    def clock(self) -> Clock:
        return self.follower.clock

    def compose(self) -> ComposeResult:
        # three bands: what the step is, the countdown filling the rest, the meeting's figures
        with Vertical(id="clock-top"):
            with Horizontal(id="clock-head"):
                yield Static(id="clock-case", markup=False)  # case text is data, never markup
                yield Static(id="clock-now")
            yield Static(id="clock-banner")
            yield Static(id="clock-stale")
            yield Static(id="clock-title", markup=False)
            yield Static(id="clock-question", markup=False)
        yield BigClock(id="clock-big")
        with Vertical(id="clock-bottom"):
            yield Static(id="clock-figures")
            yield Static(id="clock-next", markup=False)

    def on_mount(self) -> None:
        self.big_clock = self.query_one(BigClock)
        self.refresh_view()
        self.align_ticks()

    # --- timing: one timer; every tick a stat, a repaint only of what changed --------------

    def tick(self) -> None:
        """Every `tick_seconds`: look at the file (one stat), then show what time changed.
        A change of what it records is read aside (`read_aside`), or here in a rehearsal."""
        follower = self.follower
        change = follower.check() if self._reading is None else None
        if change is not None and follower.reads_aside:
            self._reading = change
            self.run_worker(partial(self.read_aside, change), thread=True, group="follow")
        elif change is not None:
            try:
                self.took(change, follower.read())
            except SessionFileError as exc:
                follower.failed(change, exc)
            else:
                return
        self.refresh_time()

    def read_aside(self, change: Change) -> tuple[Change, Meeting | SessionFileError]:
        """On a worker thread: the meeting of `change` (or why it cannot be read)."""
        try:
            return change, self.follower.read()
        except SessionFileError as exc:
            return change, exc

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker, state = event.worker, event.state
        if worker.group != "follow" or state not in _FINISHED:
            return
        self._reading = None
        if state is not WorkerState.SUCCESS or worker.result is None:
            return  # cancelled (the app closes); an error of another kind ends the app
        change, read = worker.result
        if isinstance(read, SessionFileError):
            self.follower.failed(change, read)
            self.refresh_time()
        else:
            self.took(change, read)

    def took(self, change: Change, meeting: Meeting) -> None:
        """Show the meeting read for `change` (unless another was shown since)."""
        if self.follower.take(change, meeting):
            self.refresh_view()
            self.align_ticks()
        else:
            self.refresh_time()

    def align_ticks(self) -> None:
        """(Re)start the tick so that one tick lands just after each change of the shown
        second: the countdown steps on time, with no extra timer for the repaint."""
        for timer in (self._ticker, self._aligner):
            if timer is not None:
                timer.stop()
        self._ticker = None
        delay = self.next_change_in() % self.tick_seconds
        self._aligner = self.set_timer(max(delay, 0.001), self._start_ticks)

    def _start_ticks(self) -> None:
        self._aligner = None
        self._ticker = self.set_interval(self.tick_seconds, self.tick)
        self.tick()

    def next_change_in(self) -> float:
        """Real seconds until the countdown shows another second (1 s when it stands still)."""
        return next_change_in(self.agenda, self.speed)

    def poll_now(self) -> bool:
        """Look at the file now (what a tick does); True when the meeting was rebuilt."""
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
        """Everything: after a change of the file (or of its readability)."""
        agenda, lang = self.agenda, self.lang
        step = agenda.current

        kind = self.banner_kind(agenda)
        banner = self._static("#clock-banner")
        for name in ("paused", "break", "finished", "ready"):
            banner.set_class(kind == name, f"-{name}")
        self._set("#clock-banner", t(f"clock.{kind}", lang) if kind else "")
        self._set("#clock-case", self.follower.meeting.case.title)
        self._set("#clock-title", self.step_title(step))
        shown = step.question if kind != "finished" else None
        question = shown.text.strip().replace("\n", " ") if shown is not None else ""
        self._static("#clock-question").set_class(bool(question), "-shown")
        self._set("#clock-question", question)
        self._set("#clock-next", self.next_line())
        self._moment = ()  # the meeting changed: everything time shows is new
        self.refresh_time()

    def refresh_time(self) -> None:
        """What the passing of time changes: the countdown, its colour, the figures, the hour,
        and whether the file has gone quiet. Cheap when none of it changed (half the ticks)."""
        agenda, lang = self.agenda, self.lang
        state = agenda.state
        remaining = agenda.step_remaining()
        finished = state is RunState.FINISHED
        meeting = self.follower.meeting
        shown = duration(meeting.took_seconds()) if finished else countdown(remaining)  # it took
        stale = self.follower.is_stale()
        now = f"{self.clock.now():%H:%M}"
        moment = (shown, state, stale, self.follower.error, now, self.size)
        if moment == self._moment and state is RunState.RUNNING:
            return  # while the clock runs, the figures move in step with the countdown
        self._moment = moment

        big = self.big_clock
        big.show(shown)
        running = state is RunState.RUNNING
        overrun = remaining < 0 and state is not RunState.NOT_STARTED
        big.set_class(overrun, "-overrun")
        big.set_class(running and not overrun and agenda.in_wrapup(), "-wrapup")
        big.set_class(running and agenda.current.segment.kind == "break", "-break")
        big.set_class(not running, "-paused")
        big.set_class(stale, "-stale")

        problem = ""
        if stale:
            quiet = int(self.follower.silent_seconds())
            ago = f"{quiet} s" if quiet < 120 else t("clock.minutes", lang, m=quiet // 60)
            problem = t("clock.stale", lang, ago=ago)
        elif self.follower.error:
            problem = t("clock.unreadable", lang)
        self._static("#clock-stale").set_class(bool(problem), "-shown")
        self._set("#clock-stale", problem)
        self._set("#clock-now", t("clock.now", lang, time=now))
        values, narrow = self.figure_values(), self.size.width < NARROW_WIDTH
        key = self._figures_key(values, narrow)
        if self._shown.get("figures") != key:  # whole minutes: once a minute, not every second
            self._shown["figures"] = key
            self._set("#clock-figures", self._figures_text(values, narrow))

    def _set(self, selector: str, value: str | Text) -> None:
        key = value.markup if isinstance(value, Text) else value
        if self._shown.get(selector) != key:
            self._shown[selector] = key
            # one-line fields never change size: no layout pass (the figures change each second)
            self._static(selector).update(value, layout=selector not in FIXED_LINES)

    def _static(self, selector: str) -> Static:
        widget = self._widgets.get(selector)
        if widget is None:
            widget = self._widgets[selector] = self.query_one(selector, Static)
        return widget

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
        questions = agenda.segment_steps(step.segment_index)
        number = questions.index(step) + 1
        key = "fig.question" if step.item is None else "fig.item"  # a follow-up's item
        return t(key, self.lang, n=number, total=len(questions))

    def step_title(self, step: Step) -> str:
        if self.agenda.state is RunState.FINISHED:
            return t("fig.took", self.lang)
        if step.question is None and step.item is None:
            return step.segment.title
        return f"{step.segment.title}  ·  {self.question_label(step)}"

    def figure_values(self) -> tuple[RunState, float, str, float]:
        """State, meeting minutes left, projected end (HH:MM), lateness in seconds."""
        agenda = self.agenda
        left = agenda.remaining_agenda_seconds()
        end = f"{agenda.projected_end():%H:%M}"
        late = agenda.lateness_seconds() if agenda.state is not RunState.NOT_STARTED else 0.0
        return agenda.state, left, end, late

    def figures_line(self, *, narrow: bool = False) -> Text:
        """The meeting's figures in whole minutes (the big countdown carries the seconds), so
        the line changes once a minute rather than every second."""
        return self._figures_text(self.figure_values(), narrow)

    def _figures_key(self, values: tuple[RunState, float, str, float], narrow: bool) -> str:
        state, left, end, late = values
        late_key = "on time" if abs(late) < 60 else f"{late > 0}{self.minutes(late)}"
        return f"{state.value}|{self.minutes(left, up=True)}|{end}|{late_key}|{narrow}"

    def _figures_text(self, values: tuple[RunState, float, str, float], narrow: bool) -> Text:
        lang = self.lang
        state, left_seconds, end, late = values
        line = Text()
        if state is RunState.FINISHED:
            line.append(t("clock.ended", lang, time=end), style="bold")
        else:
            left = self.minutes(left_seconds, up=True)
            if narrow:
                line.append(left, style="bold")
            else:
                line.append(f"{t('fig.meeting_left', lang)} ", style="dim")
                line.append(f"{left} {t('fig.left', lang)}", style="bold")
            line.append("  ·  " if narrow else "     ")
            line.append(f"{t('fig.end', lang)} ", style="dim")
            line.append(end, style="bold")
        if state is RunState.NOT_STARTED:
            return line
        late_text, style = lateness(late, lang)
        if narrow and abs(late) >= 60:
            line.append(f"  {'+' if late > 0 else '−'}{self.minutes(late)}", style=style)
        else:
            line.append(f"  ({late_text})", style=style)
        return line

    def minutes(self, seconds: float, *, up: bool = False) -> str:
        return minutes(seconds, self.lang, up=up)

    def next_line(self) -> str:
        agenda, lang = self.agenda, self.lang
        if agenda.state is RunState.FINISHED:
            return ""
        if agenda.cursor + 1 >= len(agenda.steps):
            return t("clock.last", lang)
        following = agenda.steps[agenda.cursor + 1]
        minutes = round((following.planned_seconds + following.extension_seconds) / 60)
        if following.question is None and following.item is None:
            title = f"{following.segment.title} ({minutes} min)"
        else:
            if following.item is not None:
                text = one_line(following.item.text)
            else:
                assert following.question is not None
                text = following.question.text.strip().replace("\n", " ")
            title = f"{self.question_label(following)} ({minutes} min): {text}"
            if following.segment_index != agenda.current.segment_index:
                title = f"{following.segment.title} · {title}"
        return t("clock.next", lang, title=title)
