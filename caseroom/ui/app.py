"""The Textual app, kept small: screens do the work; `make_app` serves the CLI and the tests."""

from __future__ import annotations

import asyncio
import random
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.actions import parse as parse_action
from textual.app import SystemCommand
from textual.notifications import Notification, Notify, SeverityLevel
from textual.screen import Screen

from caseroom.domain.case import Case
from caseroom.domain.clock import Clock, SpeedClock, SystemClock
from caseroom.domain.followup import FollowUp
from caseroom.domain.inbox import InboxEntry, apply_entries
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant, Roles
from caseroom.store.inbox import InboxReader, remove_delivered
from caseroom.store.keeper import SessionKeeper
from caseroom.store.paths import new_session_path
from caseroom.store.zone import local_zone_name
from caseroom.ui.i18n import Lang, t
from caseroom.ui.keys import (
    APP_KEYS,
    MEETING_KEYS,
    case_words,
    localized,
    make_bindings,
    word,
)
from caseroom.ui.messages import MeetingChanged
from caseroom.ui.screens.meeting import MeetingScreen
from caseroom.ui.themes import ReadableCountdownApp

if TYPE_CHECKING:
    from caseroom.ui.ending import Ending

HEARTBEAT_SECONDS = 5.0
INBOX_SECONDS = 0.5
"""How often the note-takers' inboxes are looked at: a stat of the folder and of each inbox on
the UI thread (the folder listed when it changed), the reading on a worker thread."""
Result = TypeVar("Result")


class CaseroomApp(ReadableCountdownApp):
    CSS_PATH = "caseroom.tcss"
    TITLE = "caseroom"
    ENABLE_COMMAND_PALETTE = True
    # the palette's key with a catalogue key as its label (Textual's own says "palette"),
    # translated per instance like every other binding: footers and the key bar show it
    BINDINGS = make_bindings(APP_KEYS)

    def __init__(
        self,
        keeper: SessionKeeper,
        lang: Lang,
        *,
        tick_seconds: float = 0.5,
        bell: bool = False,
        theme: str = "dark",
        ask_people: bool = True,
        warnings: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.case_warnings = list(warnings)
        self.said: deque[str] = deque(maxlen=20)  # the last notices (line or toast), newest last
        self.ending: Ending | None = None  # the CLI's: SIGTERM, SIGHUP, a lost terminal
        self.keeper = keeper
        self.meeting = keeper.meeting
        self.lang: Lang = lang
        self.tick_seconds = tick_seconds
        self.bell_enabled = bell
        self.ask_people = ask_people
        self.theme = "textual-light" if theme == "light" else "textual-dark"
        self.sub_title = self.meeting.case.title
        self.inbox = InboxReader(keeper.path)
        self._inbox_lock = asyncio.Lock()

    def on_mount(self) -> None:
        if self.ask_people:
            from caseroom.ui.screens.start import StartScreen  # only when asked: ~17 ms

            self.push_screen(localized(StartScreen, self.lang)())
        else:
            if self.meeting.status != "finished":  # a finished record is only read until edited
                self.keeper.save()  # the meeting as it opens: its file exists from the start
            words = case_words(self.meeting.case, self.lang)  # the case's own words for keys
            self.push_screen(localized(MeetingScreen, self.lang, words)())
        self.set_interval(HEARTBEAT_SECONDS, self.heartbeat)
        self.take_inbox()  # notes typed while the meeting was down (`caseroom resume`)
        self.set_interval(INBOX_SECONDS, self.check_inbox)
        if self.ending is not None:
            self.ending.attach(asyncio.get_running_loop(), self.ended_by_signal)
        for line in self.case_warnings:  # printed before the screen took over: say it here
            # (toasts: each one stays, before the room reads anything)
            self.notice(line, title=t("case.warning", self.lang), severity="warning", timeout=20)

    def on_unmount(self) -> None:
        self.keeper.sync()  # a last agenda key's save may still wait for its flush
        if self.ending is not None:
            self.ending.detach()

    def ended_by_signal(self, signum: int) -> None:
        """`kill` or a closed terminal ends caseroom as `q` would, minus the question: saved,
        and the terminal given back. Called on the loop by `self.ending`, which also sees that
        the process ends when the loop cannot (caseroom/ui/ending.py)."""
        self.heartbeat()  # a running meeting's last seconds, or a failed save, once more
        self.exit(return_code=128 + signum)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice is plain text, whoever sends it: it may carry a name, a path or typed
        text (a case path holding `[/]` would otherwise crash the start). The catalogue's
        notices hold no markup, so `markup` is ignored.

        Where the notices go: on the meeting screen, "saved" and the hints take its notice
        line above the key bar, one at a time, never a toast over the question, the case text
        or the Opsamling list the room is reading; an error stays a toast, which nobody can
        miss. Elsewhere (the start screen) a toast.
        """
        screen = self.screen
        if severity != "error" and isinstance(screen, MeetingScreen):
            seconds = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
            screen.say(message, severity=severity, timeout=seconds)
            self.said.append(message)
            return
        self.notice(message, title=title, severity=severity, timeout=timeout)

    def notice(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
    ) -> Notification:
        """A toast of plain text (`notify` decides where a notice goes); returns it."""
        seconds = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        notification = Notification(message, title, severity, seconds, markup=False)
        self.said.append(message)
        self.post_message(Notify(notification))
        return notification

    def clear_notifications(self) -> None:
        """Every notice goes: the toasts, and what the notice line says."""
        super().clear_notifications()
        self.said.clear()
        for screen in self.screen_stack:
            if isinstance(screen, MeetingScreen):
                screen.say("", timeout=0)

    def action_help_quit(self) -> None:
        """ctrl+c, out of habit: the same as q (Textual's own hint is in English, about ctrl+q)."""
        self.quit_as_q()

    async def action_quit(self) -> None:
        """ctrl+q and the palette's Quit behave like q: a running meeting asks first."""
        self.quit_as_q()

    def quit_as_q(self) -> None:
        from caseroom.ui.screens.dialogs.confirm import QuitScreen
        from caseroom.ui.screens.start import StartScreen

        screen = next((s for s in self.screen_stack if isinstance(s, MeetingScreen)), None)
        if screen is None and isinstance(self.screen, StartScreen):
            self.screen.action_leave()  # asks first when names were typed
        elif screen is None:
            self.exit(0)
        elif not isinstance(self.screen, QuitScreen):
            screen.action_quit_meeting()

    def apply(self, change: Callable[[], Result], *, durable: bool = False) -> Result:
        """The one path of every change to the meeting: the engine, the save, the repaint.

        `change` calls the engine (`self.meeting.next`, a lambda around a call with arguments);
        when it raises (a `DomainError`), nothing is saved and the error is the caller's to show.
        Then the keeper saves: written and renamed before any screen shows the change, so no
        crash of caseroom can lose what the screen shows; `durable` also flushes it to the
        disk before this returns (for what a screen confirms as saved), else the screen that
        repaints flushes it right after its frame. Last, every screen on the stack gets
        `MeetingChanged`, and those showing the meeting repaint. Returns what `change` returned.

        (Saves that are not a change keep their own calls: the heartbeat, the first save as the
        meeting opens, and the quit's, which must know whether the file is safe.)
        """
        result = change()
        self.keeper.save(durable=durable)
        for screen in self.screen_stack:
            screen.post_message(MeetingChanged())
        return result

    async def check_inbox(self) -> None:
        """Apply what the note-takers sent (caseroom/store/inbox.py): read on a thread when
        an inbox appeared or grew."""
        if not self.inbox.changed():  # a listing and a stat: cheaper here than a thread's hop
            return
        async with self._inbox_lock:
            entries = await asyncio.to_thread(partial(self.inbox.read, final=True))
            self.take_entries(entries)

    def take_inbox(self) -> None:
        """Apply what is waiting in the inboxes now (as the meeting opens, and before `q`):
        read whole, by a reader of its own (one on a thread may hold entries not yet applied);
        what was taken before is known by its key."""
        reader = InboxReader(self.keeper.path)
        self.take_entries(reader.read(final=True), reader.warnings)

    def take_entries(self, entries: list[InboxEntry], warnings: list[str] | None = None) -> None:
        warnings = self.inbox.warnings if warnings is None else warnings
        for warning in warnings:
            self.notify(warning, title=t("inbox.warning", self.lang), severity="warning")
        warnings.clear()
        waiting = [e for e in entries if not self.meeting.inbox.has(e.key)]
        if waiting:
            taken = self.apply(partial(apply_entries, self.meeting, waiting), durable=True)
            changed = {
                e.note_id: e.author
                for e, how in zip(waiting, taken, strict=True)
                if how == "applied" and e.op != "add"
            }
            for screen in self.screen_stack:  # its notes list and Opsamling list: not
                if isinstance(screen, MeetingScreen):  # repainted by MeetingChanged alone
                    screen.call_later(screen.refresh_notes)
                    screen.tell_changed_while_editing(changed)
            added = sum(1 for e, how in zip(waiting, taken, strict=True) if how == "applied")
            if added and self.meeting.status == "finished":
                # typed after the meeting ended, added as the record is opened: the leader
                # is told the record changed (a toast: the meeting screen may still mount)
                self.notice(t("inbox.added_after_end", self.lang, n=added), timeout=15)
        if entries and self.keeper.saved:  # only what the file on the disk acknowledges
            remove_delivered(self.keeper.path, set(self.meeting.inbox.acknowledged))

    def heartbeat(self) -> None:
        """Save while the clock runs, so a crash loses at most a few seconds of timing."""
        if self.keeper.needs_save():
            self.keeper.save()

    def action_command_palette(self) -> None:
        """Textual's palette, in the UI's language."""
        from caseroom.ui.screens.palette import Palette

        if self.use_command_palette and not Palette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette(self.lang))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The meeting's own actions, plus theme and quit in the UI's language.

        Textual's other system commands are left out: its key panel (`?` lists every key) and
        its SVG screenshot, which would write the screen (notes, names) to a file.
        """
        lang = self.lang
        yield SystemCommand(
            t("palette.theme", lang), t("palette.theme_tip", lang), self.action_change_theme
        )
        if not isinstance(screen, MeetingScreen):  # there `q` is among the meeting's keys
            yield SystemCommand(t("key.quit", lang), t("tip.quit", lang), self.action_quit)
        else:
            for key in MEETING_KEYS:
                if not key.palette:
                    continue
                _, name, parameters = parse_action(key.action)
                if screen.check_action(name, parameters):
                    words = screen.words  # the case's own words for some keys
                    yield SystemCommand(
                        word(key.label, self.lang, words),
                        word(key.tip, self.lang, words),
                        partial(screen.run_action, key.action),
                    )
            yield SystemCommand(
                t("people.leaves", self.lang),
                t("people.leaves_tip", self.lang),
                screen.action_toggle_presence,
            )


def make_app(
    case: Case,
    *,
    session_path: Path | None = None,
    clock: Clock | None = None,
    people: list[Participant] | None = None,
    roles: Roles | None = None,
    case_source: str = "",
    lang: Lang | None = None,
    bell: bool = False,
    theme: str = "dark",
    meeting: Meeting | None = None,
    rng: random.Random | None = None,
    warnings: Sequence[str] = (),
    planned_start: str | None = None,
    follow: FollowUp | None = None,
) -> CaseroomApp:
    """Build the app around a new meeting (or a resumed one); shared by the CLI and the tests.

    `planned_start`: "HH:MM" today for a new meeting (DomainError if it is none).
    `follow`: what a new meeting continues and the items it takes up (`--from`)."""
    clock = clock or SystemClock()
    if meeting is None:
        meeting = Meeting(
            case,
            clock,
            participants=list(people or []),
            roles=roles or Roles(),
            case_source=case_source,
            rng=rng or random.Random(),
            time_zone=local_zone_name(clock.now()) or "",  # a new session records its zone
            follow=follow or FollowUp(),
        )
        # "HH:MM" today (`--start`), else the case's suggestion; a resumed meeting keeps its own
        meeting.plan_start_at(planned_start if planned_start is not None else case.planned_start)
        ask_people = people is None
    else:
        ask_people = False
    path = session_path or new_session_path(case.id, clock.now())
    speed = clock.speed if isinstance(clock, SpeedClock) else 1.0
    ui_lang: Lang = lang or case.language
    return localized(CaseroomApp, ui_lang)(
        SessionKeeper(meeting, path),
        ui_lang,
        tick_seconds=max(0.05, min(0.5, 0.5 / speed)),
        bell=bell,
        theme=theme,
        ask_people=ask_people,
        warnings=warnings,
    )
