"""Notices never cover the text the room reads: "Gemt ✓" and the hints take the meeting
screen's notice line above the key bar, one at a time; only errors are Textual's toasts."""

from __future__ import annotations

from textual.widgets import Static

from caseroom.domain.clock import FakeClock
from caseroom.ui.screens.meeting import MeetingScreen
from caseroom.ui.widgets.notice import NoticeLine

from .conftest import MakeApp
from .helpers import real_toasts, shown, walk_to

SIZE = (100, 30)  # where two "Gemt ✓" and a round hint covered the question
OFFER = "Dette spørgsmål er en runde: tryk r for at starte den."


async def test_two_saves_and_a_hint_show_one_notice_on_its_own_line_and_no_toast(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2c/q1")  # a round is offered here
        for text, said in (("første", "Gemt ✓"), ("andet", "Gemt ✓ ×2")):
            await pilot.press("l", *text, "enter")
            await pilot.pause()
            assert shown(app, "#notice") == said  # each save is seen, on one line
        await pilot.press("t", "escape")  # a silent reflection, then back: ...
        await pilot.press("n", "b")  # ... and q1 again: its round is offered again
        await pilot.pause()
        assert real_toasts(app) == []  # nothing stacks over the screen
        assert shown(app, "#notice") == OFFER  # one notice: the newest
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        notice = screen.query_one("#notice", Static)
        # its own line, under the text the room reads and above the key bar
        for text in ("#question", "#content", "#main"):
            region = screen.query_one(text).region
            assert not region.overlaps(notice.region), text
        assert notice.region.y == screen.query_one("KeyBar").region.y - 1


async def test_the_offer_goes_with_its_step_and_a_key_that_does_nothing_says_why_there(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2c/q1")
        assert shown(app, "#notice") == OFFER
        await pilot.press("n")
        await pilot.pause()
        assert shown(app, "#notice") == ""  # withdrawn with its question
        await pilot.press("space", "t")  # paused: no reflection, and the line says why
        await pilot.pause()
        assert shown(app, "#notice").startswith("Tasten t virker ikke nu: mødet holder pause")
        assert real_toasts(app) == []


async def test_an_error_stays_a_toast_nobody_can_miss(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.screen.notify("Noteret, men IKKE gemt", severity="error")
        await pilot.pause()
        assert real_toasts(app) == ["Noteret, men IKKE gemt"]
        assert shown(app, "#notice") == ""


async def test_a_notice_has_its_time_and_a_withdrawn_one_leaves_a_newer_notice_alone(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = app.screen.query_one(NoticeLine)
        app.notify("Bo er gået", timeout=7)
        await pilot.pause()
        assert shown(app, "#notice") == "Bo er gået"
        assert line.timer is not None  # it goes by itself after its time
        line.clear("Dette spørgsmål er en runde")  # an older notice, withdrawn: not this one
        assert shown(app, "#notice") == "Bo er gået"
        line.clear("Bo er gået")
        assert shown(app, "#notice") == "" and line.timer is None
