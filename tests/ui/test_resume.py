"""Resuming a session: the same step and remaining time, and the gap shown and recorded."""

from __future__ import annotations

from pathlib import Path

from caseroom.domain.agenda import RunState
from caseroom.domain.clock import FakeClock
from caseroom.store.session_file import load

from .conftest import SIZE, MakeApp
from .helpers import agenda_state, countdown, session, shown, walk_to


async def test_resume_shows_the_same_step_and_time_and_how_long_the_app_was_down(
    make: MakeApp, clock: FakeClock, session_path: Path
) -> None:
    first = make()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2c/q3")
        clock.advance(240)
        await pilot.press("x")  # the break now, then back to q3
        clock.advance(900)
        await pilot.press("n", "plus")
        clock.advance(75)
        first.screen.tick()  # type: ignore[attr-defined]
        before = (shown(first, "#step-title"), countdown(first), shown(first, "#agenda"))
        assert "Spørgsmål 3 af 7" in before[0]
        assert before[1] == "10:45"  # 15 + 1 - 4 - 1:15
        await pilot.press("q")
        await pilot.click("#close")
    assert session(first)["status"] == "running"

    clock.advance(300)
    meeting = load(session_path, clock)
    app = make(meeting=meeting)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert (shown(app, "#step-title"), countdown(app), shown(app, "#agenda")) == before
        assert shown(app, "#status").split()[0] == "KØRER"
        assert "Programmet var nede i 5 min (" in shown(app, "#banner")
        assert screen.check_action("take_break", ()) is None  # the break was taken before
        clock.advance(45)
        screen.tick()  # type: ignore[attr-defined]
        assert countdown(app) == "10:00"  # the clock runs on from where it stood
        await pilot.press("n")
        assert "Spørgsmål 4 af 7" in shown(app, "#step-title")
        assert "Programmet var nede" in shown(app, "#banner")
        clock.advance(80)  # a minute after the resume the banner has said what it had to
        screen.tick()  # type: ignore[attr-defined]
        assert not screen.query_one("#banner").display
    doc = session(app)
    assert [gap["seconds"] for gap in doc["interruption"]] == [300]
    steps = {s["key"]: s for s in doc["agenda"]["step"]}
    assert steps["2c/q3"]["elapsed_seconds"] == 240 + 75 + 45
    assert steps["2c/q3"]["extension_seconds"] == 60
    assert steps["pause"]["elapsed_seconds"] == 900


async def test_a_paused_meeting_resumes_paused(
    make: MakeApp, clock: FakeClock, session_path: Path
) -> None:
    first = make()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("space", "n")
        clock.advance(200)
        await pilot.press("space")
        clock.advance(20)
        await pilot.press("q", "escape")  # keep going…
        await pilot.press("q")
        await pilot.click("#close")  # …then close, to continue later

    clock.advance(300)
    app = make(meeting=load(session_path, clock))
    async with app.run_test(size=SIZE) as pilot:
        assert app.meeting.agenda.state is RunState.PAUSED
        assert shown(app, "#step-title") == "Introduktion"
        assert countdown(app) == "06:40"
        banner = shown(app, "#banner")
        assert "STOPPET" in banner and "nede i 5 min (" in banner
        clock.advance(120)
        app.screen.tick()  # type: ignore[attr-defined]
        assert countdown(app) == "06:40"
        await pilot.press("space")
        assert agenda_state(app) is RunState.RUNNING
        clock.advance(40)
        app.screen.tick()  # type: ignore[attr-defined]
        assert countdown(app) == "06:00"


async def test_looking_at_a_finished_meeting_leaves_its_file_alone(
    make: MakeApp, clock: FakeClock, session_path: Path
) -> None:
    first = make()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("space", "q")
        await pilot.click("#finish")
    assert session(first)["status"] == "finished"
    written = session_path.read_bytes()

    clock.advance(86_400)  # the next day, to look at what was captured
    app = make(meeting=load(session_path, clock))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
    assert app.return_code == 0
    assert session_path.read_bytes() == written


async def test_the_finished_screen_leaves_out_the_time_the_app_was_down(
    make: MakeApp, clock: FakeClock, session_path: Path
) -> None:
    first = make()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(600)
        await pilot.press("q")
        await pilot.click("#close")
    clock.advance(1800)  # half an hour down
    app = make(meeting=load(session_path, clock))
    async with app.run_test(size=SIZE) as pilot:
        clock.advance(300)
        await pilot.press("q")
        await pilot.click("#finish")
        await pilot.pause()
        assert app.meeting.agenda.state is RunState.FINISHED
        app.screen.tick()  # type: ignore[attr-defined]
        assert countdown(app) == "15:00"  # 10 + 5 minutes of meeting, not 45


async def test_a_resumed_evaluation_round_goes_on_with_who_has_no_points_yet(
    make: MakeApp, clock: FakeClock, session_path: Path
) -> None:
    first = make()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "afslutning")
        await pilot.press("e", *"Ro", "enter", "enter", "enter")  # Anna's points; Bo's turn
        await pilot.pause()
        assert first.meeting.talk.round is not None
        assert first.meeting.talk.round.current == "Bo"
        await pilot.press("escape", "q")
        await pilot.click("#close")
    clock.advance(60)
    app = make(meeting=load(session_path, clock))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        talk_round = app.meeting.talk.round
        # the session names the bundled case, whose rounds let the doctors speak last
        assert talk_round is not None and talk_round.current == "Erik"
        assert talk_round.order == ["Erik", "Fie", "Cille", "Dorte", "Bo"]  # Anna had her turn
        assert session(app)["round"][-1]["order"][0] == "Erik"


async def test_the_down_banner_gives_its_lines_back_a_minute_after_the_resume(
    make: MakeApp, clock: FakeClock, session_path: Path
) -> None:
    first = make()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(20)
        await pilot.press("q")
        await pilot.click("#close")
    clock.advance(62)
    app = make(meeting=load(session_path, clock))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        banner = screen.query_one("#banner")
        assert shown(app, "#banner") == (
            "Programmet var nede i 1 min 2 s (registreret som afbrydelse)."
        )
        clock.advance(59)
        screen.tick()  # type: ignore[attr-defined]
        assert banner.display
        clock.advance(2)  # no key, no new minute of the countdown: the tick takes it away
        screen.tick()  # type: ignore[attr-defined]
        assert not banner.display
