"""Pilot tests of speaking time the room can trust (issue "Trust", items 4–6): keys in, the
tracker pane, the toasts and the session file out.

The clock is a FakeClock: after `clock.advance(...)` the tracker is repainted with the
screen's `tick()` (what its timer does) instead of sleeping.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from caseroom.domain.clock import FakeClock
from caseroom.ui.app import CaseroomApp
from caseroom.ui.screens.dialogs.reflection import ReflectionScreen
from caseroom.ui.screens.dialogs.talk import RoundScreen
from caseroom.ui.screens.meeting import MeetingScreen

from .conftest import SIZE, MakeApp
from .helpers import session, toasts, walk_to
from .test_tracker_ui import people_in_file, rows, tracker

STOPPED_ANNA = "Anna taler ikke længere, taletiden er stoppet."


async def start_round(app: CaseroomApp, pilot: Pilot[int], minutes: str) -> None:
    """`r`, `minutes` per person, the first person in seating order (Anna) starts."""
    await pilot.press("r")
    dialog = app.screen
    assert isinstance(dialog, RoundScreen)
    dialog.query_one("#minutes", Input).value = minutes
    await pilot.press("enter")
    assert isinstance(app.screen, MeetingScreen)


async def test_silent_reflection_stops_the_speaker_and_says_so(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "1")
        clock.advance(7)
        await pilot.press("t")
        assert isinstance(app.screen, ReflectionScreen)
        clock.advance(150)  # the reported case: 5 s at --speed 30
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        assert app.meeting.talk.speaker is None
        assert rows(app)["Anna"] == (" ", "00:07", 1, 100)
        assert people_in_file(app)["Anna"] == (7.0, 1)
        assert f"Stille refleksion: {STOPPED_ANNA}" in toasts(app)


async def test_the_break_key_stops_the_speaker_and_says_so(make: MakeApp, clock: FakeClock) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "1")
        clock.advance(7)
        await pilot.press("x")
        assert app.meeting.agenda.current.segment.kind == "break"
        clock.advance(15 * 60)
        assert rows(app)["Anna"][1:] == ("00:07", 1, 100)
        assert "▶" not in tracker(app)
        assert people_in_file(app)["Anna"] == (7.0, 1)
        assert f"Pause: {STOPPED_ANNA}" in toasts(app)


async def test_n_into_the_break_stops_the_speaker(make: MakeApp, clock: FakeClock) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2c/q7")  # the last question before the break
        await pilot.press("1")
        clock.advance(7)
        await pilot.press("n")
        assert app.meeting.agenda.current.key == "pause"
        clock.advance(600)
        assert rows(app)["Anna"][1] == "00:07"
        assert "▶" not in tracker(app)
        assert f"Pause: {STOPPED_ANNA}" in toasts(app)


async def test_the_break_key_in_a_round_ends_it_and_n_is_the_agendas(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await start_round(app, pilot, "1")
        clock.advance(10)
        await pilot.press("x")
        assert app.meeting.talk.round is None and app.meeting.talk.speaker is None
        assert "Runde:" not in tracker(app)
        (saved,) = session(app)["round"]
        assert "ended" in saved
        assert "Pause: runden er slut, og ingen taler." in toasts(app)
        await pilot.press("n")  # the break is over: back to where the meeting was
        assert app.meeting.agenda.current.key == "2a"


async def test_a_rounds_first_timer_starts_with_the_round(make: MakeApp, clock: FakeClock) -> None:
    """The reported case: Anna spoke since the previous question; a 1-minute round with
    her first in the next question showed "Runde: Anna +10:47"."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2c/q1")
        await pilot.press("1")
        clock.advance(300)
        await pilot.press("n")  # she goes on into the next question
        clock.advance(707)
        await start_round(app, pilot, "1")
        assert app.meeting.talk.speaker == "Anna"
        assert "Runde: Anna 01:00" in tracker(app)
        clock.advance(20)
        assert "Runde: Anna 00:40" in tracker(app)
        assert rows(app)["Anna"] == ("▶", "17:07", 1, 100)  # one turn, nothing lost
        await pilot.press("n")
        (saved,) = session(app)["round"]
        assert saved["entry"][0] == {"participant": "Anna", "skipped": False, "seconds": 20.0}


async def test_a_pass_is_no_turn_and_keeps_the_not_yet_mark(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await start_round(app, pilot, "")
        clock.advance(30)
        await pilot.press("n")  # Bo
        clock.advance(5)
        await pilot.press("k")  # Bo passes after holding the floor for 5 s
        assert app.meeting.talk.speaker == "Cille"
        assert rows(app)["Bo"] == ("○", "00:05", 0, 14)  # 5 of 35 s: the seconds count
        assert rows(app)["Anna"] == (" ", "00:30", 1, 86)
        assert people_in_file(app)["Bo"] == (5.0, 0)
        turns = session(app)["turn"]
        assert [(t["participant"], t.get("skipped", False)) for t in turns] == [
            ("Anna", False),
            ("Bo", True),
            ("Cille", False),
        ]
