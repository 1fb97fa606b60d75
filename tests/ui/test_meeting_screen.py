"""Pilot tests of the meeting screen (issue 4), driven by keys on a fake clock."""

from __future__ import annotations

from textual.widgets import OptionList, SelectionList, Static

from caseroom.domain.agenda import RunState
from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.ui.screens.meeting import MeetingScreen
from caseroom.ui.screens.modals import (
    GroupsScreen,
)
from caseroom.ui.screens.start import StartScreen

from .conftest import SIZE, MakeApp
from .helpers import (
    choose,
    countdown,
    enter_person,
    flat,
    segment,
    session,
    shown,
    sidebar,
    six_people,
)

QUESTION_MINUTES = [10, 10, 15, 10, 12, 10, 8]


def meeting_screen(app: object) -> MeetingScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, MeetingScreen)
    return screen


async def test_full_default_meeting_by_keys_from_the_start_screen(
    make: MakeApp, clock: FakeClock, case: Case
) -> None:
    app = make(start_screen=True)
    questions = case.questions_of("2c")
    async with app.run_test(size=SIZE) as pilot:
        # --- the start screen: six people by keys, three roles, ctrl+s ----------------------
        assert isinstance(app.screen, StartScreen)
        first, *others = six_people()
        await pilot.press(*first.name, "enter", "l", "right", "enter")  # → accepts "læge"
        assert (
            str(app.screen.query_one("#roster", OptionList).get_option_at_index(0).prompt)
            == "1. Anna · læge"
        )
        for person in others:
            await enter_person(pilot, person.name, person.profession)
        roster = app.screen.query_one("#roster", OptionList)
        assert roster.option_count == 6
        assert str(roster.get_option_at_index(2).prompt) == "3. Cille · sygeplejerske"
        await choose(pilot, "role-leader", 1)
        await choose(pilot, "role-timekeeper", 2)
        await choose(pilot, "role-note_taker", 3)
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = meeting_screen(app)
        assert shown(app, "#status").strip().startswith("KØRER")
        assert "Mødeleder" in sidebar(app)

        # --- 2a Opstart: tick two checklist items, wrap-up colour in the last 2 minutes -------
        assert shown(app, "#step-title") == "Opstart"
        assert countdown(app) == "10:00"
        checklist = screen.query_one("#checklist", SelectionList)
        await pilot.press("tab")
        assert app.focused is checklist
        await pilot.press("space", "down", "down", "space")
        assert checklist.selected == [0, 2]
        assert session(app)["checklist"] == {"2a": [0, 2]}
        assert app.meeting.agenda.state is RunState.RUNNING  # space ticked, it did not pause
        clock.advance(450)
        screen.refresh_figures()
        assert countdown(app) == "02:30"
        assert not screen.query_one("#countdown").has_class("-wrapup")
        clock.advance(90)
        screen.refresh_figures()
        assert countdown(app) == "01:00"
        assert screen.query_one("#countdown").has_class("-wrapup")
        assert not screen.has_class("-overrun")
        await pilot.press("n")

        # --- 2b Introduktion: + + - and a pause while time passes ---------------------------
        assert shown(app, "#step-title") == "Introduktion"
        assert countdown(app) == "10:00"
        await pilot.press("plus")
        assert countdown(app) == "11:00"
        await pilot.press("plus")
        assert countdown(app) == "12:00"
        await pilot.press("minus")
        assert countdown(app) == "11:00"
        assert session(app)["agenda"]["step"][1]["extension_seconds"] == 60
        clock.advance(60)
        screen.refresh_figures()
        assert countdown(app) == "10:00"
        await pilot.press("space")
        assert app.meeting.agenda.state is RunState.PAUSED
        assert "PAUSE" in shown(app, "#banner")
        assert screen.query_one("#banner").display
        assert screen.has_class("-paused")
        assert shown(app, "#status").strip().startswith("PAUSE")
        clock.advance(120)
        screen.refresh_figures()
        assert countdown(app) == "10:00"  # time stands still while paused
        await pilot.press("space")
        assert app.meeting.agenda.state is RunState.RUNNING
        assert not screen.query_one("#banner").display
        clock.advance(600)
        screen.refresh_figures()
        assert countdown(app) == "00:00"
        await pilot.press("n")

        # --- 2c Case: every question, groups at q3, the break taken late, an overrun --------
        assert shown(app, "#step-title").startswith("Case")
        spent = [600, 600, 900, 792, 720, 600, 480]
        for number, question in enumerate(questions, start=1):
            assert f"Spørgsmål {number} af 7" in shown(app, "#step-title")
            assert flat(shown(app, "#question")) == flat(question.text)
            assert countdown(app) == f"{QUESTION_MINUTES[number - 1]:02d}:00"
            if number == 3:
                assert "Små grupper" in shown(app, "#badges")
                await pilot.press("g")
                assert isinstance(app.screen, GroupsScreen)
                await pilot.press("g")
                await pilot.press("escape")
                assert app.screen is screen
                clock.advance(300)
                await pilot.press("x")
                assert shown(app, "#step-title") == "Pause"
                assert countdown(app) == "15:00"
                assert "Derefter: Case" in str(
                    screen.query_one("#content").query(Static).last().render()
                )
                assert screen.check_action("take_break", ()) is None
                clock.advance(900)
                screen.refresh_figures()
                assert countdown(app) == "00:00"
                await pilot.press("n")
                assert "Spørgsmål 3 af 7" in shown(app, "#step-title")
                assert countdown(app) == "10:00"  # 5 of its 15 minutes were used before the break
                clock.advance(600)
            elif number == 4:
                clock.advance(600 + 192)
                screen.refresh_figures()
                assert countdown(app) == "+03:12"
                assert screen.has_class("-overrun")
                assert screen.query_one("#countdown").has_class("-overrun")
                assert not screen.query_one("#countdown").has_class("-wrapup")
            else:
                clock.advance(spent[number - 1])
            await pilot.press("n")

        # --- after the case: the break has been taken, Opsamling and Afslutning -------------
        assert shown(app, "#step-title") == "Opsamling"
        assert screen.check_action("take_break", ()) is None
        clock.advance(1800)
        await pilot.press("n")
        assert shown(app, "#step-title") == "Afslutning"
        clock.advance(600)
        await pilot.press("n")
        assert app.meeting.agenda.state is RunState.FINISHED
        assert shown(app, "#status").strip().startswith("AFSLUTTET")
        assert "Mødet er afsluttet" in shown(app, "#banner")
        assert screen.check_action("toggle_pause", ()) is None
        assert screen.check_action("next", ()) is None

    doc = session(app)
    assert doc["status"] == "finished"
    assert doc["roles"] == {"leader": "Anna", "timekeeper": "Bo", "note_taker": "Cille"}
    assert [p["name"] for p in doc["participant"]] == [p.name for p in six_people()]
    assert [p["profession"] for p in doc["participant"]] == [p.profession for p in six_people()]
    actual = {s["id"]: s["actual_seconds"] for s in doc["segment"]}
    assert actual == {
        "2a": 540,
        "2b": 660,
        "2c": sum(spent),
        "pause": 900,
        "2d": 1800,
        "afslutning": 600,
    }
    assert segment(doc, "2b")["extension_seconds"] == 60
    assert segment(doc, "2c")["extension_seconds"] == 0
    assert [p["step"] for p in doc["pause"]] == ["2b"]
    pause = doc["pause"][0]
    assert (pause["end"] - pause["start"]).total_seconds() == 120
    assert len(doc["group_proposal"]) == 2
    assert {g["step"] for g in doc["group_proposal"]} == {"2c/q3"}
    assert doc["checklist"] == {"2a": [0, 2]}
    assert (doc["ended_at"] - doc["started_at"]).total_seconds() == sum(actual.values()) + 120
    steps = {s["key"]: s for s in doc["agenda"]["step"]}
    assert steps["2c/q3"]["elapsed_seconds"] == 900
    assert len(steps["2c/q3"]["spans"]) == 2  # before and after the break
    assert [s["key"] for s in doc["agenda"]["step"]].index("pause") == 4  # the break moved up
