"""The planned start on screen: the start screen's field (the case's suggestion filled in, a
bad time refused there), the sidebar's planned time of day per segment and the late start,
and the figures' projected end against the planned end (fake clock at 08:30 UTC)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Input

from caseroom.domain.agenda import RunState
from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.ui.app import make_app
from caseroom.ui.screens.start import StartScreen

from .conftest import SIZE, MakeApp
from .helpers import enter_person, session, shown, sidebar, six_people


def suggesting(case: Case, start: str) -> Case:
    return case.model_copy(update={"planned_start": start})


async def test_the_start_screen_takes_a_planned_start_and_the_sidebar_shows_the_plan(
    make: MakeApp, case: Case, clock: FakeClock
) -> None:
    app = make(start_screen=True, case=suggesting(case, "08:20"))
    async with app.run_test(size=SIZE) as pilot:
        field = app.screen.query_one("#planned-start", Input)
        assert field.value == "08:20"  # the case's suggestion
        await enter_person(pilot, "Anna", "læge")
        field.value = "8:23"
        await pilot.press("ctrl+s")
        assert app.meeting.agenda.state is RunState.RUNNING
        await pilot.pause()
        assert app.meeting.planned_start == datetime(2026, 11, 24, 8, 23, tzinfo=UTC)
        text = sidebar(app)
        assert "Opstart" in text and "08:23" in text and "08:33" in text  # Introduktion
        assert "plan 08:23–10:53" in text
        assert "startet 7 min forsinket" in text
        assert "Slut 11:00 (plan 10:53, 7 min forsinket)" in shown(app, "#figures")
    assert session(app)["planned_start"] == datetime(2026, 11, 24, 8, 23, tzinfo=UTC)


async def test_a_bad_planned_start_is_refused_on_the_start_screen(make: MakeApp) -> None:
    app = make(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await enter_person(pilot, "Anna", "læge")
        app.screen.query_one("#planned-start", Input).value = "25:00"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, StartScreen)
        assert app.meeting.agenda.state is RunState.NOT_STARTED
        assert shown(app, "#error") == "'25:00' er ikke et klokkeslæt; skriv fx 12:00"
        assert app.focused is app.screen.query_one("#planned-start", Input)


async def test_start_on_the_command_line_wins_over_the_case_s_suggestion(
    case: Case, clock: FakeClock, tmp_path: Path
) -> None:
    app = make_app(
        suggesting(case, "08:00"),
        session_path=tmp_path / "a.toml",
        clock=clock,
        people=six_people(),
        planned_start="08:40",
    )
    assert app.meeting.planned_start == datetime(2026, 11, 24, 8, 40, tzinfo=UTC)
    plain = make_app(
        suggesting(case, "08:00"),
        session_path=tmp_path / "b.toml",
        clock=clock,
        people=six_people(),
    )
    assert plain.meeting.planned_start == datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


async def test_at_80x24_the_plan_fits_the_sidebar(make: MakeApp, case: Case) -> None:
    app = make(case=suggesting(case, "08:23"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        lines = sidebar(app).splitlines()
        width = app.screen.query_one("#sidebar").content_region.width
        assert all(len(line) <= width for line in lines), lines
        assert any(line.startswith("▶ Opstart") and "08:23" in line for line in lines)
        assert "startet 7 min forsinket" in lines
