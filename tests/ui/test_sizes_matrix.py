"""Terminal sizes × main screens × themes: nothing crashes and the countdown stays visible.

One app per theme walks through the main screens (start screen, a case question, the break,
silent reflection, Opsamling, the evaluation round); on each screen the terminal is resized
to every size. Where a screen has a countdown, the widget that draws it must be on screen,
uncovered (the topmost widget at its centre is the countdown itself), and show the value the
domain says (the clock is a fake one that stands still, so the value is exact).
"""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Digits, Input

from caseroom.domain.clock import FakeClock
from caseroom.ui.app import CaseroomApp
from caseroom.ui.i18n import countdown
from caseroom.ui.screens.dialogs.reflection import ReflectionScreen
from caseroom.ui.screens.meeting import MeetingScreen
from caseroom.ui.screens.start import StartScreen
from caseroom.ui.widgets.bigclock import BigClock

from .conftest import MakeApp
from .helpers import enter_person

SIZES = [(40, 12), (80, 24), (120, 40), (250, 70)]


def uncovered(app: CaseroomApp, widget: Widget) -> Region:
    """The widget's region on screen, asserting it is displayed and not hidden under another."""
    region = widget.region
    assert widget.display and region.area > 0, widget
    assert app.screen.region.contains_region(region), (region, app.screen.region)
    x, y = region.x + region.width // 2, region.y + region.height // 2
    top, _ = app.screen.get_widget_at(x, y)
    assert widget in top.ancestors_with_self, (widget, top)
    return region


def countdown_on_screen(app: CaseroomApp) -> str:
    """The countdown the current screen shows, after checking that it really is visible."""
    screen = app.screen
    clocks = [w for w in screen.query(BigClock) if w.display and w.region.area]
    if clocks:
        (clock,) = clocks
        uncovered(app, clock)
        lines = clock.lines()
        if clock.has_class("-plain"):
            assert lines == [clock.value]
        else:
            assert len(lines) <= clock.content_size.height  # the drawn figures fit the widget
            assert max(len(line) for line in lines) <= clock.content_size.width
        # what the terminal gets: the clock's own lines, as drawn
        shown = [clock.render_line(y).text for y in range(clock.content_size.height)]
        assert [ln.strip() for ln in lines if ln.strip()] == [s.strip() for s in shown if s.strip()]
        return clock.value
    digits = [w for w in screen.query(Digits) if w.display and w.region.area]
    assert len(digits) == 1, digits
    uncovered(app, digits[0])
    return digits[0].value


def expected(app: CaseroomApp) -> str:
    meeting = app.meeting
    if isinstance(app.screen, ReflectionScreen):
        reflection = meeting.reflections[-1]
        return countdown(max(0.0, reflection.remaining(meeting.clock.monotonic())))
    return countdown(meeting.agenda.step_remaining())


def repaint(app: CaseroomApp) -> None:
    screen = app.screen
    if isinstance(screen, MeetingScreen):
        screen.tick()
    elif isinstance(screen, ReflectionScreen):
        screen.tick()


async def every_size(pilot: Pilot[int], screen_type: type, *, timed: bool = True) -> None:
    app = pilot.app
    assert isinstance(app, CaseroomApp)
    for width, height in SIZES:
        await pilot.resize_terminal(width, height)
        repaint(app)  # what the screen's 0.5 s tick does, now
        await pilot.pause()
        assert isinstance(app.screen, screen_type), (width, height, app.screen)
        assert app.screen.size == (width, height)
        if timed:
            assert countdown_on_screen(app) == expected(app), (width, height)


async def arrive(pilot: Pilot[int], step_key: str) -> None:
    """To the step before `step_key` in the domain, then n (the screen does its arrival)."""
    app = pilot.app
    assert isinstance(app, CaseroomApp)
    agenda = app.meeting.agenda
    keys = [step.key for step in agenda.steps]
    while keys.index(agenda.current.key) < keys.index(step_key) - 1:
        app.meeting.next()
    await pilot.press("n")
    assert agenda.current.key == step_key


@pytest.mark.parametrize("theme", ["dark", "light"])
async def test_every_size_on_every_main_screen(make: MakeApp, clock: FakeClock, theme: str) -> None:
    app = make(start_screen=True)
    app.theme = "textual-light" if theme == "light" else "textual-dark"
    async with app.run_test(size=(120, 40)) as pilot:
        # the start screen: no countdown yet; the name field must stay usable
        await every_size(pilot, StartScreen, timed=False)
        uncovered(app, app.screen.query_one("#name", Input))
        await pilot.resize_terminal(120, 40)
        await enter_person(pilot, "Anna", "læge")
        await enter_person(pilot, "Bo", "sekretær")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)

        await arrive(pilot, "2c/q2")  # a case question (it has a silent reflection)
        clock.advance(95)
        await every_size(pilot, MeetingScreen)

        await pilot.press("t")  # silent reflection, 40 s in
        clock.advance(40)
        await every_size(pilot, ReflectionScreen)
        await pilot.press("escape")

        await pilot.press("x")  # the break, 3 minutes in
        clock.advance(180)
        assert app.meeting.agenda.current.segment.kind == "break"
        await every_size(pilot, MeetingScreen)

        await arrive(pilot, "2d")  # Opsamling, a minute over time
        clock.advance(app.meeting.agenda.step_remaining() + 61)
        await every_size(pilot, MeetingScreen)
        assert expected(app).startswith("+")

        await arrive(pilot, "afslutning")  # the evaluation round
        clock.advance(30)
        assert app.meeting.talk.round is not None
        await every_size(pilot, MeetingScreen)
    assert app.return_code in (None, 0)
