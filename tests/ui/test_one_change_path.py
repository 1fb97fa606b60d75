"""Every change to the meeting takes one path: `CaseroomApp.apply` calls the engine, the keeper
saves, and `MeetingChanged` tells the screens to repaint (fake clock, Pilot)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Static

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import DomainError
from caseroom.domain.meeting import Meeting
from caseroom.ui.screens.meeting import MeetingScreen

from .conftest import SIZE, MakeApp
from .helpers import session, shown, six_people

UI = Path(__file__).parents[2] / "caseroom" / "ui"


async def test_a_change_is_saved_before_the_screen_repaints_it(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert "KLAR" in shown(app, "#status")
        saves = app.keeper.saves
        app.apply(app.meeting.start)  # no repaint yet: the message is on its way
        assert app.keeper.saves == saves + 1 and session(app)["status"] == "running"
        assert "KLAR" in shown(app, "#status")
        await pilot.pause()
        assert "KØRER" in shown(app, "#status")
        assert app.keeper.saved  # written at once, flushed to the disk after the frame


async def test_apply_returns_what_the_engine_returned_and_durable_is_on_the_disk(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        person = app.apply(lambda: app.meeting.add_participant("Gitte", "læge"), durable=True)
        assert person.name == "Gitte"
        assert app.keeper.saved and not app.keeper.unsynced
        assert "Gitte" in [p["name"] for p in session(app)["participant"]]


async def test_a_change_the_engine_refuses_is_neither_saved_nor_shown(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        saves, before = app.keeper.saves, session(app)
        with pytest.raises(DomainError):
            app.apply(app.meeting.back)  # on the first step: nothing to go back to
        await pilot.pause()
        assert app.keeper.saves == saves and session(app) == before
        assert app.meeting.agenda.current.key == "2a"


async def test_the_meeting_screen_under_a_dialog_repaints_too(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        meeting_screen = app.screen
        assert isinstance(meeting_screen, MeetingScreen)
        await pilot.press("question_mark")  # the help screen over the meeting
        await pilot.pause()
        assert app.screen is not meeting_screen
        app.apply(app.meeting.next)
        await pilot.pause()
        title = meeting_screen.query_one("#step-title", Static)
        assert str(title.render()) == "Introduktion"


def test_the_ui_saves_a_change_in_one_place_only() -> None:
    """`keeper.save` under caseroom/ui: `apply`, and the saves that are not a change (the
    meeting as it opens, the heartbeat, the quit's question and the way out)."""
    calls = {
        f"{path.relative_to(UI)}:{line.strip()}"
        for path in UI.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"keeper\.save\(", line)
    }
    assert calls == {
        "app.py:self.keeper.save(durable=durable)",  # apply: every change
        "app.py:self.keeper.save()  # the meeting as it opens: its file exists from the start",
        "app.py:self.keeper.save()",  # the heartbeat
        "screens/meeting/screen.py:saved = self.caseroom.keeper.save()  # not a change: whether"
        ' the question may say "saved"',
        "screens/meeting/screen.py:if keeper.save():  # the last save, durably: not a change,"
        " the way out",
    }


async def test_a_live_meeting_opens_with_one_save_outside_its_evaluation_segment(
    make: MakeApp, case: Case, clock: FakeClock
) -> None:
    """The app saves the meeting as it opens; the screen saves again only when the opening
    changes something (a resumed evaluation round starting again)."""
    meeting = Meeting(case, clock, participants=six_people())
    meeting.start()
    app = make(meeting=meeting)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.keeper.saves == 1
        assert session(app)["status"] == "running"
