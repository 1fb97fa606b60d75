"""The meeting screen: what is on now, the big countdown, the agenda, and every key of the table.

Its texts come from `view` (pure functions); every change goes through `CaseroomApp.apply`
(the engine, then the save), and the screen repaints when `MeetingChanged` arrives.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Key, Resize
from textual.geometry import Region
from textual.timer import Timer
from textual.widget import AwaitMount, Widget
from textual.widgets import Input, Static

from caseroom.domain.agenda import RunState, Step
from caseroom.domain.errors import DomainError
from caseroom.domain.meeting import MeetingAction, Silenced
from caseroom.domain.prose import reflow
from caseroom.ui.i18n import countdown, duration, explain, not_now_reason, t
from caseroom.ui.keys import (
    MEETING_FOCUS_KEYS,
    MEETING_KEYS,
    class_bindings,
    localized,
    make_bindings,
    word,
)
from caseroom.ui.messages import MeetingChanged
from caseroom.ui.screens.meeting import view
from caseroom.ui.screens.meeting.captures import NoteTakingScreen
from caseroom.ui.screens.meeting.notes import NotesPanel
from caseroom.ui.screens.meeting.verdicts import ACTION_KEYS, KEY_IDS, TABLE_ACTIONS, key_verdict
from caseroom.ui.ticks import clock_speed, next_change_in
from caseroom.ui.widgets.capture import CaptureForm
from caseroom.ui.widgets.checklist import Checklist
from caseroom.ui.widgets.countdown import BigCountdown
from caseroom.ui.widgets.keybar import KeyBar
from caseroom.ui.widgets.notice import NoticeLine

if TYPE_CHECKING:
    from caseroom.domain.meeting import GroupProposal

COMPACT_HEIGHT = 20
COMPACT_WIDTH = 60
NARROW_WIDTH = 100
LARGE_WIDTH, LARGE_HEIGHT = 160, 50
QUESTION_MAX_LINES = 6
MIN_TICK_SECONDS = 0.05  # a --speed rehearsal repaints at most 20 times a second


class MeetingScreen(NoteTakingScreen):
    AUTO_FOCUS = ""
    # tab moves the focus as the app takes it, like every key of the table, so the keys typed
    # after it reach what it focused (tab, e: edit the first proposal in Opsamling)
    BINDINGS = [
        *make_bindings(MEETING_FOCUS_KEYS),
        *make_bindings(MEETING_KEYS),  # labelled in the UI's language by `localized`
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rendered_step: tuple[str, bool] | None = None  # step key, meeting finished
        self.offer: str | None = None  # the notice offering this step's round
        self.show_plot = False
        self.bell_state: tuple[str, str] = ("", "")
        self.key_states: tuple[bool | None, ...] = ()
        self.content_key: tuple[str, tuple[tuple[str, str], ...]] = ("", ())
        self.content_shape: list[str] = []
        self.content_pending = False
        self.question_width = 0
        self.repainted: list[Region] = []
        self.ticker: Timer | None = None
        self.shown_minute: tuple[object, ...] = ()
        self.content_statics: list[Static] = []
        self.widgets: dict[str, Widget] = {}
        self.shown: dict[Widget, str | Text] = {}  # what `_update` last gave each widget
        self.key_bindings = class_bindings(type(self))  # the screen's bindings, by key

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        yield Static(id="banner", markup=False)  # a path, the reason a save failed
        with Horizontal(id="body"):
            with VerticalScroll(id="sidebar", can_focus=False):
                yield Static(t("agenda.title", self.lang), classes="pane-title")
                yield Static(id="agenda")
                yield Static(id="side-groups", markup=False)  # names: data, never markup
                yield Static(id="tracker")
            with Vertical(id="main"):
                yield Static(id="step-title")
                yield BigCountdown(id="countdown")
                yield Static(id="figures")
                yield Static(id="badges")
                yield Static(id="question", markup=False)  # case text is data, never markup
                # its own container: a repaint of the figures above leaves all of this alone
                with Vertical(id="lower"):
                    yield NotesPanel(self.lang, id="notes", words=self.words)
                    yield VerticalScroll(id="content", can_focus=False)
                    yield localized(CaptureForm, self.lang)(
                        self.lang, areas=self.meeting.case.areas
                    )
                    yield Static(id="plot")
        yield NoticeLine(id="notice")  # "saved" and hints: never a toast over the text
        yield KeyBar()

    def on_mount(self) -> None:
        # resumed in Afslutning: its evaluation round starts again (elsewhere nothing changes,
        # and the file saved as the app opened stands; a finished record is only read)
        if self.meeting.agenda.is_live and self.meeting.can(MeetingAction.EVALUATE):
            self.caseroom.apply(partial(self.start_evaluation_round, resumed=True))
        self.refresh_all()
        self.schedule_tick()
        # What exists once the screen is up lives as long as the app: keep it out of the
        # garbage collector's full passes, which otherwise stall a key's frame by ~40 ms
        self.call_after_refresh(gc.freeze)

    def on_resize(self, event: Resize) -> None:
        compact = event.size.height < COMPACT_HEIGHT or event.size.width < COMPACT_WIDTH
        self.set_class(compact, "-compact")
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        large = event.size.width >= LARGE_WIDTH and event.size.height >= LARGE_HEIGHT
        self.set_class(large, "-large")
        self.query_one(KeyBar).refresh()  # a second line of keys when the screen is tall
        self.refresh_figures()
        # again once the classes' widths are laid out: the sidebar's lines fit its new width
        self.call_after_refresh(self.refresh_figures)
        self.call_after_refresh(self.fit_question_box)

    # --- the tick: once per shown second, just after it changes ---------------------------

    def schedule_tick(self) -> None:
        """(Re)start the tick; after a change the countdown's seconds fall elsewhere."""
        if self.ticker is not None:
            self.ticker.stop()
        speed = clock_speed(self.meeting.clock)
        cap = self.caseroom.tick_seconds * 2
        delay = max(MIN_TICK_SECONDS, min(next_change_in(self.meeting.agenda, speed), cap))
        self.ticker = self.set_timer(delay, self.tick)

    def tick(self) -> None:
        self.ticker = None
        self.refresh_figures(tick=True)
        self.repainted.clear()  # each widget asks for its own repaint: one or two a second
        self.schedule_tick()

    # --- rendering ------------------------------------------------------------------------

    def refresh_all(self) -> None:
        """Repaint after a change.

        What says where the meeting is (step, countdown, figures, agenda, question) is in the
        next frame; the step's longer text and the key bar's enabled keys follow one frame
        later, so a key's effect shows as fast as a terminal can draw it.
        """
        step = self.meeting.agenda.current
        shown_as = (step.key, self.meeting.agenda.state is RunState.FINISHED)
        if shown_as != self.rendered_step:
            self.rendered_step = shown_as
            # classes on small subtrees: one on the screen restyles every widget (~40 ms)
            self.one("#countdown").set_class(step.segment.kind == "break", "-break")
            self.show_step(step)
            if not self.content_pending:
                self.content_pending = True
                self.call_after_refresh(self.after_frame)
        self.refresh_figures()
        self.refresh_plot()
        if not self.content_pending:
            self.refresh_key_states()
        # One frame for all of it: each widget would otherwise ask for its own repaint, and
        # the first to ask gets a frame without the rest
        if self.repainted:  # (no regions would repaint the whole screen)
            # When the screen repaints regions of itself, Textual (8.2) drops the widgets whose
            # own repaint is waiting for the same frame (pinned in test_textual_workarounds):
            # the key bar, which repaints itself when the keys that apply change (after space
            # started the meeting it kept the old keys), is always in the screen's repaint
            self.repainted.append(self.one("KeyBar").region)
            self.refresh(*self.repainted)
        self.repainted.clear()

    def after_frame(self) -> None:
        self.content_pending = False
        if self.is_attached:
            self.rebuild_content(self.meeting.agenda.current)
            self.refresh_key_states()

    def refresh_key_states(self) -> None:
        """Refresh the footer only when a key's enabled state changed: a rebuild is slow."""
        states = tuple(
            self.check_action(*parse_action(binding.action)[1:])
            for bindings in self.key_bindings.values()
            for binding in bindings
        )
        if states != self.key_states:
            self.key_states = states
            self.refresh_bindings()

    def refresh_figures(self, *, tick: bool = False) -> None:
        """Show the time-dependent figures; a `tick` recomputes only what can have changed.

        Between changes only the countdown moves every second (and a speaker's or a round's
        time); the other figures are whole minutes, recomputed when a minute has passed.
        """
        agenda = self.meeting.agenda
        step = agenda.current
        remaining = agenda.step_remaining()
        state = agenda.state
        finished = state is RunState.FINISHED
        self.repainted += cast(BigCountdown, self.one("#countdown")).show(
            duration(self.meeting.took_seconds()) if finished else countdown(remaining),  # it took
            wrapup=agenda.in_wrapup() and state is RunState.RUNNING,
            overrun=remaining < 0 and not finished,
            paused=state is not RunState.RUNNING,
        )
        self.one("#banner").set_class(state is RunState.PAUSED, "-paused")
        minute = (
            agenda.cursor,
            state,
            remaining // 60,
            agenda.segment_elapsed(step.segment_index) // 60,  # the sidebar's minutes
            self.meeting.clock.now().timestamp() // 60,
            self.caseroom.keeper.error,  # a failed heartbeat save shows at once
            view.down_banner_gap(self.meeting) is None,  # the banner goes a minute after a resume
        )
        new_minute = not tick or minute != self.shown_minute
        if new_minute:
            self.shown_minute = minute
            meeting, lang, keeper = self.meeting, self.lang, self.caseroom.keeper
            self._update("#status", view.status_line(meeting, lang, self.width_of("#status")))
            self._update("#figures", view.figures_line(meeting, lang, self.width_of("#figures")))
            self._update("#step-title", view.step_title(meeting, lang, step))
            self._update("#agenda", view.agenda_text(meeting, self.sidebar_width(), lang))
            side_groups = view.groups_text(meeting, lang, self.sidebar_width())
            self._update("#side-groups", side_groups)
            self.one("#side-groups").display = bool(side_groups)
            banner = view.banner_text(meeting, lang, save_error=keeper.error, path=keeper.path)
            self._update("#banner", banner)
            self.one("#banner").display = bool(banner)
        talking = self.meeting.talk
        if new_minute or talking.speaker is not None or talking.round is not None:
            # its hints count minutes of silence
            compact = self.has_class("-narrow") or self.has_class("-compact")
            talk = view.talk_text(self.meeting, self.lang, self.sidebar_width(), compact=compact)
            self._update("#tracker", talk)
        self.refresh_evaluation()
        self.ring_bell(step, remaining)

    def one(self, selector: str) -> Widget:
        """`query_one`, remembered: the screen's widgets live as long as the screen."""
        widget = self.widgets.get(selector)
        if widget is None:
            widget = self.widgets[selector] = self.query_one(selector)
        return widget

    def _update(self, selector: str, value: str | Text) -> None:
        widget = cast(Static, self.one(selector))
        last = self.shown.get(widget)
        if str(value) != str(last):
            self.shown[widget] = value
            # a layout pass re-arranges the whole screen: only ask for one when the height may
            # change (the ticking figures otherwise cost a full re-layout every second)
            fixed = widget.styles.height is not None and widget.styles.height.is_cells
            same = fixed or _same_height(last, value, widget.size.width)
            widget.update(value, layout=not same)
            self.repainted.append(widget.region)

    def width_of(self, selector: str) -> int:
        """The cells a line of the widget may take (0 before the first layout)."""
        return self.one(selector).size.width

    def sidebar_width(self) -> int:
        """Cells a sidebar line may take: one is kept for a scrollbar that may come (more
        people than lines) before the line is next drawn."""
        return self.one("#sidebar").size.width - 1

    def rebuild_content(self, step: Step) -> None:
        """Show the step's content, touching only what differs from the step before.

        Mounting widgets costs a style and layout pass of the screen: most steps share their
        segment's or section's text, so the widgets stay and at most their text is replaced.
        """
        segment = step.segment
        blocks = view.content_blocks(self.meeting, self.lang, step)
        interactive = (
            segment.kind in ("opsamling", "evaluation")
            or bool(segment.kind == "checklist" and segment.checklist)
            or (step.question is None and self.meeting.prompts_tickable(segment))
        )
        key = (segment.id if interactive else "", tuple(blocks))
        if key != self.content_key:
            shape = [kind for kind, _ in blocks]
            if not interactive and not self.content_key[0] and shape == self.content_shape:
                for widget, (_, text) in zip(self.content_statics, blocks, strict=True):
                    widget.update(text)
            else:
                self.mount_content(step, blocks, interactive)
            self.content_key, self.content_shape = key, shape
            self.query_one("#content", VerticalScroll).scroll_home(animate=False)

    def show_step(self, step: Step) -> None:
        """The step's badges and question."""
        self._update("#badges", view.badges(self.meeting, self.lang, step))
        question = self.query_one("#question", Static)
        question.display = step.question is not None
        self.fit_question_box()
        self._update("#question", reflow(step.question.text) if step.question else "")

    def fit_question_box(self) -> None:
        """Make the question box as tall as the case's longest question at this width.

        One height for every question means moving between questions never re-arranges the
        screen (the arrangement, not the drawing, is what makes a key's frame slow).
        """
        question = self.query_one("#question", Static)
        width = self.query_one("#main").content_region.width - question.styles.gutter.width
        if width <= 0 or width == self.question_width:
            return
        self.question_width = width
        lines = max(
            (
                len(Text(reflow(q.text)).wrap(self.app.console, width))
                for q in self.meeting.case.questions
            ),
            default=1,
        )
        question.styles.height = min(lines, QUESTION_MAX_LINES) + 2  # and its border

    def mount_content(self, step: Step, blocks: list[tuple[str, str]], interactive: bool) -> None:
        content = self.query_one("#content", VerticalScroll)
        if self.focused is not None and content in self.focused.ancestors:
            self.set_focus(None)
        content.remove_children()
        segment = step.segment
        self.content_statics = [
            Static(text, id=kind[1:], markup=False)
            if kind.startswith("#")
            else Static(text, classes=kind, markup=False)
            for kind, text in blocks
        ]
        widgets: list[Widget] = []
        if segment.kind == "checklist" and segment.checklist:
            ticked = self.meeting.checked.get(segment.id, set())
            widgets.append(Static(t("body.checklist", self.lang), classes="heading"))
            widgets.append(Checklist(segment.id, segment.checklist, ticked, id="checklist"))
        widgets.extend(self.content_statics)
        if step.question is None and self.meeting.prompts_tickable(segment):
            ticked = self.meeting.prompts_ticked.get(segment.id, set())
            widgets.append(Static(t("body.prompts", self.lang), classes="heading"))
            widgets.append(
                Checklist(
                    segment.id,
                    [reflow(prompt) for prompt in segment.prompts],
                    ticked,
                    classes="prompts",  # (no id: the step before may still be leaving)
                )
            )
        if segment.kind == "opsamling":
            widgets.extend(self.opsamling_widgets())
        if segment.kind == "evaluation":
            widgets.extend(self.evaluation_widgets())
        content.mount_all(widgets)

    def refresh_plot(self) -> None:
        plot = self.query_one("#plot", Static)
        step = self.meeting.agenda.current
        plot.display = self.show_plot and bool(view.plot_parts(step))
        if plot.display:
            plot.update(view.plot_text(step, self.lang, self.words))

    def ring_bell(self, step: Step, remaining: float) -> None:
        if not self.caseroom.bell_enabled or self.meeting.agenda.state is not RunState.RUNNING:
            return
        phase = "overrun" if remaining < 0 else "wrapup" if self.meeting.agenda.in_wrapup() else ""
        if phase and self.bell_state != (step.key, phase):
            self.app.bell()
        self.bell_state = (step.key, phase)

    # --- changes: every one goes through `CaseroomApp.apply` (engine, save), then shows ----

    @on(MeetingChanged)
    def meeting_changed(self) -> None:
        """Repaint after a change; a save not yet on the disk is flushed after the frame.

        (`apply` wrote and renamed the file before this: no crash of caseroom can lose what
        the screen shows; waiting for the disk too would hold every key's frame.)
        """
        self.refresh_all()
        self.schedule_tick()
        if self.caseroom.keeper.unsynced:
            self.call_after_refresh(self.flush)

    def flush(self) -> None:
        if not self.caseroom.keeper.sync():
            self.refresh_figures()  # the banner says the meeting is not saved

    def attempt(self, move: Callable[[], Silenced], *, new_step: bool = True) -> None:
        """An agenda move (`self.meeting.next` …); `new_step`: it leaves the step."""

        def change() -> Silenced:
            silenced = move()
            self.start_evaluation_round()  # into Afslutning: its round starts
            return silenced

        try:
            silenced = self.caseroom.apply(change)
        except DomainError as exc:
            self.notify(
                t("cannot", self.lang, reason=explain(exc, self.lang)),
                severity="warning",
                markup=False,
            )
            return
        step = self.meeting.agenda.current
        if silenced.round_ended:  # the break stopped the round and its speaker
            self.notify(t("talk.stopped_break_round", self.lang))
        elif silenced.speaker is not None:
            self.notify(t("talk.stopped_break", self.lang, name=silenced.speaker), markup=False)
        self.withdraw_offer()
        marker = step.question if step.question is not None else step.segment
        offer = marker.round and self.meeting.agenda.is_live and self.meeting.talk.round is None
        if new_step and offer:  # not when it started itself
            key = "talk.offer_round" if step.question is not None else "talk.offer_round_segment"
            self.offer = t(key, self.lang)
            self.notify(self.offer)

    def say(self, message: str, *, severity: str = "information", timeout: float = 5) -> None:
        """A notice on the notice line (the app's `notify` sends the meeting's here)."""
        self.query_one(NoticeLine).say(message, severity=severity, timeout=timeout)

    def withdraw_offer(self) -> None:
        """An offer of a round belongs to its step: it goes when the step does, or the round
        starts."""
        if self.offer is not None:
            self.query_one(NoticeLine).clear(self.offer)
            if self.offer in self.caseroom.said:
                self.caseroom.said.remove(self.offer)
            self.offer = None

    def action_toggle_pause(self) -> None:
        meeting = self.meeting
        try:
            if meeting.agenda.state is RunState.NOT_STARTED:
                self.caseroom.apply(meeting.start)
            else:
                self.caseroom.apply(meeting.toggle_pause)
        except DomainError as exc:
            self.notify(
                t("cannot", self.lang, reason=explain(exc, self.lang)),
                severity="warning",
                markup=False,
            )

    def action_next(self) -> AwaitMount | None:
        agenda = self.meeting.agenda
        if self.meeting.talk.round is not None:
            self.round_step(skip=False)
        elif agenda.next_finishes():
            from caseroom.ui.screens.dialogs.confirm import FinishScreen

            finish = localized(FinishScreen, self.lang)(self.lang)
            return self.app.push_screen(finish, self.finish_chosen)
        else:
            self.attempt(self.meeting.next)
        return None

    def finish_chosen(self, choice: str | None) -> None:
        if choice == "finish":
            self.attempt(self.meeting.next)  # on the last step: the meeting ends

    def action_skip(self) -> None:
        self.round_step(skip=True)

    def round_step(self, *, skip: bool) -> None:
        if self.caseroom.apply(partial(self.meeting.round_next, skip=skip)) is None:
            self.notify(t("round.done", self.lang))

    def action_speak(self, number: int) -> None:
        try:
            self.caseroom.apply(partial(self.meeting.speak_seat, number))
        except DomainError:
            return  # (the key is off: check_action)

    def action_pick_speaker(self) -> AwaitMount:
        from caseroom.ui.screens.dialogs.talk import SpeakerPicker

        def picked(name: str | None) -> None:
            if name is not None:
                self.caseroom.apply(partial(self.meeting.speak, name))

        return self.app.push_screen(localized(SpeakerPicker, self.lang)(), picked)

    def action_round(self) -> AwaitMount | None:
        from caseroom.ui.screens.dialogs.talk import RoundChoice, RoundScreen

        if self.meeting.talk.round is not None:
            self.caseroom.apply(self.meeting.end_round)
            self.notify(t("round.done", self.lang))
            return None

        def chosen(choice: RoundChoice | None) -> None:
            if choice is not None:
                start = partial(
                    self.meeting.start_round,
                    choice.first,
                    choice.seconds_per_person,
                    order=choice.order,
                )
                self.caseroom.apply(start)
                self.withdraw_offer()

        return self.app.push_screen(localized(RoundScreen, self.lang)(), chosen)

    def action_back(self) -> None:
        self.attempt(self.meeting.back)

    def action_extend(self, minutes: int) -> None:
        self.attempt(lambda: self.meeting.extend(minutes), new_step=False)

    def action_take_break(self) -> None:
        self.attempt(self.meeting.take_break)

    def action_plot(self) -> None:
        self.show_plot = not self.show_plot
        self.refresh_plot()

    def action_facts(self) -> AwaitMount | None:
        from caseroom.ui.screens.dialogs.info import FactboxScreen

        if self.meeting.can(MeetingAction.FACTS):
            boxes = self.meeting.factboxes()
            return self.app.push_screen(localized(FactboxScreen, self.lang)(boxes, self.lang))
        return None

    def action_reflect(self) -> AwaitMount:
        from caseroom.ui.screens.dialogs.reflection import ReflectionScreen

        reflection = self.caseroom.apply(self.meeting.start_reflection)
        if reflection.silenced is not None:
            self.notify(
                t("talk.stopped_reflection", self.lang, name=reflection.silenced), markup=False
            )
        return self.app.push_screen(localized(ReflectionScreen, self.lang)(), self.reflected)

    def reflected(self, stopped: bool | None) -> None:
        """The reflection's screen closed: by Escape (`stopped`), the reflection ends now; else
        its time ran out, which the clock says (saved and shown all the same)."""
        self.caseroom.apply(self.meeting.end_reflection if stopped else lambda: None)

    def action_groups(self) -> AwaitMount:
        from caseroom.ui.screens.dialogs.groups import GroupsScreen

        groups = localized(GroupsScreen, self.lang)(self.step_groups, self.propose_groups)
        return self.app.push_screen(groups)  # each proposal was applied as it was made

    def step_groups(self) -> GroupProposal:
        """The groups dialog's opening: the step's groups, or new ones (recorded and saved)."""
        return self.caseroom.apply(self.meeting.groups, durable=True)

    def propose_groups(self) -> GroupProposal:
        """The groups dialog's r: new groups for the step, recorded and saved."""
        return self.caseroom.apply(self.meeting.propose_groups, durable=True)

    def action_record_item(self) -> AwaitMount | None:
        """The current item's status, what was learned and its next step (a follow-up)."""
        item = self.meeting.current_item
        if item is None:
            return None
        from caseroom.ui.screens.dialogs.item import ItemRecord, ItemScreen

        def chosen(record: ItemRecord | None) -> None:
            if record is None:
                return
            record_it = partial(
                self.meeting.record_item,
                record.item_id,
                status=record.status,
                learned=record.learned,
                next_step=record.next_step,
                next_responsible=record.next_responsible,
                next_due=record.next_due,
            )
            try:
                self.caseroom.apply(record_it, durable=True)
            except DomainError as exc:  # (the dialog checked it: a race at most)
                self.say(t("cannot", self.lang, reason=explain(exc, self.lang)), severity="warning")
                return
            self.rebuild_content(self.meeting.agenda.current)
            self.confirm_saved(t("capture.saved", self.lang))

        return self.app.push_screen(localized(ItemScreen, self.lang)(item), chosen)

    def action_help(self) -> AwaitMount:
        from caseroom.ui.screens.dialogs.info import HelpScreen

        help_screen = localized(HelpScreen, self.lang)(MEETING_KEYS, self.lang, self.words)
        return self.app.push_screen(help_screen)

    def action_add_person(self) -> AwaitMount:
        from caseroom.ui.screens.dialogs.people import AddPersonScreen, NewPerson

        def added(new: NewPerson | None) -> None:
            if new is not None:
                add = partial(self.meeting.add_participant, new.name, new.profession, new.clinic)
                person = self.caseroom.apply(add)
                self.notify(t("people.added", self.lang, name=person.name), markup=False)

        return self.app.push_screen(localized(AddPersonScreen, self.lang)(), added)

    def action_toggle_presence(self) -> AwaitMount:
        from caseroom.ui.screens.dialogs.people import Presence, PresenceScreen

        def picked(presence: Presence | None) -> None:
            if presence is not None:
                self.caseroom.apply(
                    partial(self.meeting.set_present, presence.name, presence.present)
                )
                key = "people.back" if presence.present else "people.left"
                self.notify(t(key, self.lang, name=presence.name), markup=False)

        return self.app.push_screen(localized(PresenceScreen, self.lang)(), picked)

    def action_quit_meeting(self) -> AwaitMount | None:
        from caseroom.ui.screens.dialogs.confirm import QuitScreen

        self.caseroom.take_inbox()  # the note-takers' notes waiting: in the file before it ends
        if not self.meeting.agenda.is_live:
            keeper = self.caseroom.keeper
            if self.meeting.status == "finished" and keeper.saved:
                self.app.exit(0)  # a finished record was saved as each edit was made
                return None
            return self.leave()

        async def decided(choice: str | None) -> None:
            if choice == "finish":
                self.caseroom.apply(self.meeting.finish)  # `leave` saves it again, durably
            if choice in ("finish", "close") and (asking := self.leave()) is not None:
                await asking  # the question whether to quit unsaved takes the next keys

        paused = self.meeting.agenda.state is RunState.PAUSED
        saved = self.caseroom.keeper.save()  # not a change: whether the question may say "saved"
        asking = localized(QuitScreen, self.lang)(self.lang, paused=paused, saved=saved)
        return self.app.push_screen(asking, decided)

    def leave(self) -> AwaitMount | None:
        """Save and exit; when the save fails, say so and let the leader retry or choose."""
        keeper = self.caseroom.keeper
        if keeper.save():  # the last save, durably: not a change, the way out
            self.app.exit(0)
            return None
        from caseroom.ui.screens.dialogs.confirm import UnsavedScreen

        async def decided(choice: str | None) -> None:
            if choice == "retry":
                if (asking := self.leave()) is not None:
                    await asking
            elif choice == "quit":
                reason = view.unsaved_where(keeper.error)
                self.app.exit(return_code=1, message=t("unsaved.exit", self.lang, reason=reason))
            else:
                self.refresh_figures()  # back to the meeting, with its banner

        asking = localized(UnsavedScreen, self.lang)(self.lang, view.unsaved_where(keeper.error))
        return self.app.push_screen(asking, decided)

    @on(Checklist.Toggled, "#checklist")
    def checklist_toggled(self, event: Checklist.Toggled) -> None:
        """A set-up checklist item ticked: of the list's own segment, as the engine says."""
        self.caseroom.apply(partial(self.meeting.toggle_check, event.segment, event.index))
        event.checklist.show_ticked(self.meeting.checked.get(event.segment, set()))

    @on(Checklist.Toggled, ".prompts")
    def prompt_toggled(self, event: Checklist.Toggled) -> None:
        """A prompt ticked like the checklist (the introduction's: phones away, …), of the
        list's own segment; where the engine says no, the list shows it as it is."""
        try:
            self.caseroom.apply(partial(self.meeting.toggle_prompt, event.segment, event.index))
        except DomainError as exc:
            self.notify(explain(exc, self.lang), severity="warning", markup=False)
        event.checklist.show_ticked(self.meeting.prompts_ticked.get(event.segment, set()))

    def action_move_focus(self, step: int) -> None:
        """tab / shift+tab: the next or previous widget, focused before the next key is taken."""
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def capture_open(self) -> bool:
        return bool(self.one("CaptureForm").display)

    def focused_binds(self, key: str) -> bool:
        """Whether the focused widget or a container of it has its own binding for `key` (one
        that hands the key to the screen, the checklist's space, is the screen's)."""
        node = self.focused
        while node is not None and node is not self:
            bindings = class_bindings(type(node)).get(key, [])
            if any(not binding.action.startswith("screen.") for binding in bindings):
                return True
            node = node.parent  # type: ignore[assignment]
        return False

    def typing(self) -> bool:
        """A note is being written, or an evaluation typed: keys are text."""
        return self.capture_open() or isinstance(self.focused, Input)

    def on_key(self, event: Key) -> None:
        """Say why a meeting key that does nothing now does nothing.

        (What a fast typist types right after `l`, `p`, `e` or a key that opens a dialog needs
        nothing here: the table's keys are priority bindings that focus their field, or open
        their dialog, before the app takes the next key, which is handed to that field.)
        """
        if self.typing():
            return
        if self.not_now(event.key, event.character) is not None:
            # judged again once the keys before it have done their work (a space that
            # resumes the meeting before a t): in the app's queue, ahead of its own binding
            self.app.call_later(self.say_not_now, event.key, event.character)

    def say_not_now(self, key: str, character: str | None) -> None:
        if self.app.screen is self and (why := self.not_now(key, character)) is not None:
            self.notify(why, timeout=4, markup=False)

    def not_now(self, key: str, character: str | None = None) -> str | None:
        """Why the meeting's key `key` does nothing now; None when it does (or is not ours).

        A disabled key is dim on the key bar, but the digits and a few others are not on it:
        pressing one should not just do nothing.
        """
        bindings = [b for b in self.key_bindings.get(key, []) if b.id in KEY_IDS]
        actions = [parse_action(binding.action)[1:] for binding in bindings]
        if not bindings or any(self.check_action(name, args) for name, args in actions):
            return None
        if self.typing() or self.focused_binds(key):
            return None  # the key is text, or the focused list's own (e in the notes list)
        lang = self.lang
        name, args = actions[0]
        verdict = key_verdict(self.meeting, name, args)
        if verdict is not None and not verdict:
            reason = not_now_reason(verdict, lang)
        else:
            reason = word("notnow.plot" if name == "plot" else "notnow.other", lang, self.words)
        printable = character is not None and character.isprintable() and not character.isspace()
        shown = character if printable else self.app.get_key_display(bindings[0])
        return t("notnow", lang, shown=shown, reason=reason)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move_focus":
            return not self.capture_open()  # the panel's own tab goes from field to field
        if action in TABLE_ACTIONS and self.typing():
            # typing: the keys are text, not commands, and off the key bar (Textual leaves
            # out the letters itself, but not + and -, which are bound by their names)
            return False
        if action not in TABLE_ACTIONS:
            return True
        if self.focused is not None and any(map(self.focused_binds, ACTION_KEYS[action])):
            return False  # a priority key: the focused list's own (e: edit) goes first
        if action == "record_item" and not self.meeting.items:
            return False  # a meeting that continues none: not on its key bar at all
        if action == "plot":  # the screen's own: is there a plot to show
            return True if view.plot_parts(self.meeting.agenda.current) else None
        # Textual asks once per binding whenever it lists the keys (the key bar, a key's
        # dispatch): only the engine's verdict on the action asked about is worked out
        verdict = key_verdict(self.meeting, action, parameters)
        return True if verdict is None or verdict else None


def _same_height(old: object, new: str | Text, width: int) -> bool:
    """True when both texts have as many lines and none is wider than `width` (no wrapping)."""
    if old is None or width <= 0:
        return False
    old_lines, new_lines = str(old).split("\n"), str(new).split("\n")
    return len(old_lines) == len(new_lines) and all(
        cell_len(line) <= width for line in old_lines + new_lines
    )
