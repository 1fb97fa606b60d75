"""Pilot tests of the meeting screen (issue 4), driven by keys on a fake clock."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Button, OptionList, Static

from caseroom.domain.agenda import RunState
from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.store.export import load_for_export, to_markdown
from caseroom.ui.app import CaseroomApp
from caseroom.ui.i18n import t
from caseroom.ui.keys import MEETING_KEYS
from caseroom.ui.screens.dialogs.confirm import FinishScreen, QuitScreen
from caseroom.ui.screens.dialogs.groups import GroupsScreen
from caseroom.ui.screens.dialogs.info import FactboxScreen, HelpScreen
from caseroom.ui.screens.dialogs.people import AddPersonScreen, PresenceScreen
from caseroom.ui.screens.dialogs.reflection import ReflectionScreen
from caseroom.ui.screens.meeting import MeetingScreen
from caseroom.ui.screens.start import StartScreen
from caseroom.ui.widgets.checklist import Checklist

from .conftest import SIZE, MakeApp
from .helpers import (
    agenda_state,
    choose,
    countdown,
    current_screen,
    enter_person,
    flat,
    segment,
    session,
    shown,
    sidebar,
    six_people,
    toasts,
    walk_to,
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
        checklist = screen.query_one("#checklist", Checklist)
        await pilot.press("tab")
        assert app.focused is checklist
        await pilot.press("enter", "down", "down", "enter")
        assert checklist.selected == [0, 2]
        assert session(app)["checklist"] == {"2a": [0, 2]}
        clock.advance(450)
        screen.tick()
        assert countdown(app) == "02:30"
        assert not screen.query_one("#countdown").has_class("-wrapup")
        clock.advance(90)
        screen.tick()
        assert countdown(app) == "01:00"
        assert screen.query_one("#countdown").has_class("-wrapup")
        assert not screen.query_one("#countdown").has_class("-overrun")
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
        screen.tick()
        assert countdown(app) == "10:00"
        await pilot.press("space")
        assert app.meeting.agenda.state is RunState.PAUSED
        assert "STOPPET" in shown(app, "#banner")
        assert screen.query_one("#banner").display
        assert screen.query_one("#banner").has_class("-paused")
        assert screen.query_one("#countdown").has_class("-paused")
        assert shown(app, "#status").strip().startswith("STOPPET")
        clock.advance(120)
        screen.tick()
        assert countdown(app) == "10:00"  # time stands still while paused
        await pilot.press("space")
        assert agenda_state(app) is RunState.RUNNING
        assert not screen.query_one("#banner").display
        clock.advance(600)
        screen.tick()
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
                await pilot.press("r")  # reshuffle
                await pilot.press("escape")
                assert current_screen(app) is screen
                clock.advance(300)
                await pilot.press("x")
                assert shown(app, "#step-title") == "Pause"
                assert countdown(app) == "15:00"
                assert "Derefter: Case" in str(
                    screen.query_one("#content").query(Static).last().render()
                )
                assert screen.check_action("take_break", ()) is None
                clock.advance(900)
                screen.tick()
                assert countdown(app) == "00:00"
                await pilot.press("n")
                assert "Spørgsmål 3 af 7" in shown(app, "#step-title")
                assert countdown(app) == "10:00"  # 5 of its 15 minutes were used before the break
                clock.advance(600)
            elif number == 4:
                clock.advance(600 + 192)
                screen.tick()
                assert countdown(app) == "+03:12"
                assert screen.query_one("#countdown").has_class("-overrun")
                assert not screen.query_one("#countdown").has_class("-wrapup")
                # 2a 1 min early, 2b 1 min extended, 2 min paused: 2 min late; q4's 3:12 over
                # come out of the case's 75 minutes (27 left), as the segment figure says
                figures = shown(app, "#figures")
                # in whole minutes: the big countdown carries the seconds
                assert "Punkt 27 min tilbage" in figures
                assert "Slut 11:02 (2 min forsinket)" in figures
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
        # the evaluation round walks the room with n (one per person), then n asks to finish
        for _ in range(len(six_people()) + 2):
            await pilot.press("n")
            if isinstance(app.screen, FinishScreen):
                break
        assert isinstance(app.screen, FinishScreen)
        assert agenda_state(app) is RunState.RUNNING  # nothing ended yet
        await pilot.press("enter")  # "Afslut mødet"
        assert agenda_state(app) is RunState.FINISHED
        assert shown(app, "#status").strip().startswith("AFSLUTTET")
        assert "Mødet er afsluttet" in shown(app, "#banner")
        # no frozen step countdown: what the meeting took, and when it ended against the plan
        took = app.meeting.agenda.run_seconds()
        assert took == 2 * 3600 + 35 * 60 + 12  # the fake clock's time from start to finish
        assert countdown(app) == "2:35:12"
        assert shown(app, "#step-title") == "Mødet varede"
        assert flat(shown(app, "#figures")).startswith("Sluttede ")
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


async def test_the_checklist_ticks_with_enter_and_space_still_pauses(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        checklist = meeting_screen(app).query_one("#checklist", Checklist)
        await pilot.press("tab")
        assert app.focused is checklist
        await pilot.press("down", "enter")
        assert checklist.selected == [1]
        await pilot.press("space")  # the meeting's pause key, even in the checklist
        assert app.meeting.agenda.state is RunState.PAUSED
        assert checklist.selected == [1]
        await pilot.press("enter")  # unticks
        await pilot.press("space")
        assert agenda_state(app) is RunState.RUNNING
        assert checklist.selected == []
        assert not session(app).get("checklist")
        await pilot.click("#checklist", offset=(4, 1))  # a click ticks the first item
        assert checklist.selected == [0]
        assert session(app)["checklist"] == {"2a": [0]}


# --- fact boxes, case plot ----------------------------------------------------------------


async def test_f_shows_the_fact_boxes_of_a_question_and_escape_closes(
    make: MakeApp, case: Case
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = meeting_screen(app)
        await pilot.press("space")
        assert screen.check_action("facts", ()) is None  # Opstart is not a case question
        await pilot.press("f")
        assert app.screen is screen
        await walk_to(pilot, "2c/q1")
        assert "Faktabokse: f" in shown(app, "#badges")
        assert screen.check_action("facts", ()) is True
        await pilot.press("f")
        assert isinstance(app.screen, FactboxScreen)
        titles = [str(w.render()) for w in app.screen.query(".heading").results(Static)]
        assert titles == [case.factbox("aarsstatus-indhold").title]
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("n")  # q2 has no fact boxes
        assert not case.questions_of("2c")[1].factboxes
        assert screen.check_action("facts", ()) is None
        await pilot.press("f")
        assert app.screen is screen


async def test_c_toggles_the_leader_only_plot_panel(make: MakeApp, case: Case) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = meeting_screen(app)
        await pilot.press("space")
        await walk_to(pilot, "2c/q1")
        plot = screen.query_one("#plot", Static)
        assert not plot.display
        await pilot.press("c")
        assert plot.display
        text = shown(app, "#plot")
        assert text.startswith("KUN FOR MØDELEDEREN")
        assert flat(case.questions_of("2c")[0].plot or "")[:40] in flat(text)
        await pilot.press("c")
        assert not plot.display


# --- silent reflection --------------------------------------------------------------------


async def test_no_silent_reflection_while_the_meeting_is_paused(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "space", "t")  # started, paused, then t
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.meeting.reflections == []
        assert "Tasten t virker ikke nu: mødet holder pause: tryk mellemrum først" in toasts(app)
        await pilot.press("space", "t")
        assert isinstance(app.screen, ReflectionScreen)


async def test_t_times_silent_reflection_and_escape_ends_it_early(
    make: MakeApp, clock: FakeClock, case: Case
) -> None:
    app = make()
    q4 = case.questions_of("2c")[3]
    assert q4.silent_reflection_minutes == 3
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        # a step without its own minutes: 2 minutes
        await pilot.press("t")
        reflection = app.screen
        assert isinstance(reflection, ReflectionScreen)
        assert reflection.query_one("#reflection-digits").value == "02:00"  # type: ignore[attr-defined]
        assert shown(app, "#reflection-question") == "Opstart"
        clock.advance(30)
        reflection.tick()
        assert shown(app, "#reflection-line") == "01:30"
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        first = session(app)["reflection"][0]
        assert first["step"] == "2a" and first["seconds"] == 120
        assert (first["end"] - first["start"]).total_seconds() == 30

        # q4 asks for 3 minutes; the countdown runs out, then Escape
        await walk_to(pilot, "2c/q4")
        assert "Stille refleksion 3 min" in shown(app, "#badges")
        await pilot.press("t")
        reflection = current_screen(app)
        assert isinstance(reflection, ReflectionScreen)
        assert shown(app, "#reflection-line") == "03:00"
        assert flat(shown(app, "#reflection-question")) == flat(q4.text)
        clock.advance(60)
        reflection.tick()
        assert shown(app, "#reflection-line") == "02:00"
        assert not reflection.has_class("-done")
        clock.advance(150)
        reflection.tick()
        assert shown(app, "#reflection-line") == "00:00"
        assert reflection.has_class("-done")
        assert shown(app, "#reflection-title") == "Tiden er gået"
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        second = session(app)["reflection"][1]
        assert second["step"] == "2c/q4" and second["seconds"] == 180
        assert (second["end"] - second["start"]).total_seconds() == 180
        # the meeting's clock ran on through the reflection
        assert countdown(app) == "06:30"


async def test_space_during_silent_reflection_pauses_the_meeting_and_holds_the_silence(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "t")
        reflection = current_screen(app)
        assert isinstance(reflection, ReflectionScreen)
        clock.advance(30)
        await pilot.press("space")  # the meeting's pause, here too
        assert isinstance(app.screen, ReflectionScreen)
        assert app.meeting.agenda.state is RunState.PAUSED
        assert session(app)["status"] == "running" and len(session(app)["reflection"]) == 1
        assert shown(app, "#reflection-state") == (
            "Mødet holder pause: refleksionen venter. Mellemrum fortsætter."
        )
        assert reflection.has_class("-paused") and not reflection.has_class("-done")
        clock.advance(300)  # a long pause: the silence waits with the meeting
        reflection.tick()
        assert shown(app, "#reflection-line") == "01:30"
        await pilot.press("space")
        assert agenda_state(app) is RunState.RUNNING
        assert not reflection.query_one("#reflection-state").display
        clock.advance(30)
        reflection.tick()
        assert shown(app, "#reflection-line") == "01:00"
        saved = session(app)["reflection"]
        assert [r["seconds"] for r in saved] == [120, 90]  # two stretches of silence
        assert toasts(app) == []  # said on the reflection's own screen, not in a toast


async def test_space_during_reflection_says_why_not_when_the_engine_refuses(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "t")
        reflection = current_screen(app)
        assert isinstance(reflection, ReflectionScreen)
        app.meeting.finish()  # (a second terminal's doing, say): nothing left to pause
        await pilot.press("space")
        assert isinstance(app.screen, ReflectionScreen)
        assert shown(app, "#reflection-state").startswith("Ikke muligt: ")


# --- small groups -------------------------------------------------------------------------


async def test_g_proposes_mixed_groups_g_again_shows_them_and_r_reshuffles(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    professions = {p.name: p.profession for p in six_people()}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2c/q3")
        await pilot.press("g")
        groups = app.screen
        assert isinstance(groups, GroupsScreen)
        assert shown(app, "#groups-title") == "Forslag til små grupper: 2 grupper (3 + 3 personer)"
        first = session(app)["group_proposal"]
        assert len(first) == 1
        proposal = first[0]["groups"]
        assert sorted(len(g) for g in proposal) == [3, 3]
        assert sorted(name for g in proposal for name in g) == sorted(professions)
        for group in proposal:
            assert {professions[name] for name in group} != {"læge"}
            assert len({professions[name] for name in group}) == 3  # one of each profession
        listing = shown(app, "#groups")
        assert "Gruppe 1:" in listing and "Gruppe 2:" in listing
        assert "Anna (læge)" in listing
        assert shown(app, "#groups-by") == "Grupperne blander faggrupperne."
        await pilot.press("escape", "g")  # shown again: the same groups, not a new draw
        assert isinstance(app.screen, GroupsScreen)
        assert len(session(app)["group_proposal"]) == 1
        assert shown(app, "#groups") == listing
        clock.advance(5)
        await pilot.press("r")  # the explicit reshuffle
        proposals = session(app)["group_proposal"]
        assert len(proposals) == 2
        assert [p["step"] for p in proposals] == ["2c/q3", "2c/q3"]
        for group in proposals[1]["groups"]:
            assert len({professions[name] for name in group}) == 3
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)


async def test_g_needs_two_people_present(make: MakeApp) -> None:
    app = make(people=[Participant("Anna", "læge")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert app.screen.check_action("groups", ()) is None
        await pilot.press("g")
        assert isinstance(app.screen, MeetingScreen)
        assert not session(app).get("group_proposal")


# --- help -----------------------------------------------------------------------------------


async def test_question_mark_lists_every_key_and_escape_closes(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listing = shown(app, "#help-keys")
        lines = listing.splitlines()
        for key in MEETING_KEYS:
            if not getattr(key, "help", True):
                continue
            label = t(key.label, "da")
            shown_key = key.display or key.key.split(",")[0]
            assert any(line.split()[0] == shown_key and label in line for line in lines), (
                f"{key.id}: {shown_key} {label}"
            )
        assert "ctrl+p" in listing
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("question_mark")
        await pilot.press("question_mark")  # ? closes it too
        assert isinstance(app.screen, MeetingScreen)


# --- quitting -------------------------------------------------------------------------------


async def test_q_on_a_running_meeting_asks_and_keep_going_keeps_going(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(60)
        await pilot.press("q")
        assert isinstance(app.screen, QuitScreen)
        assert "Afslut mødet" in [str(b.label) for b in app.screen.query(Button)]
        await pilot.click("#cancel")
        assert isinstance(app.screen, MeetingScreen)
        assert app.meeting.agenda.state is RunState.RUNNING
        await pilot.press("q")
        await pilot.press("escape")  # Escape is "keep going" too
        assert isinstance(app.screen, MeetingScreen)
        assert app.is_running
    assert session(app)["status"] == "running"


async def test_q_then_end_meeting_finishes_and_exits(make: MakeApp, clock: FakeClock) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(90)
        await pilot.press("q")
        await pilot.click("#finish")
        await pilot.pause()
        assert app.meeting.agenda.state is RunState.FINISHED
        assert not app.is_running
    assert app.return_value == 0
    doc = session(app)
    assert doc["status"] == "finished"
    assert segment(doc, "2a")["actual_seconds"] == 90


async def test_q_then_enter_closes_and_never_ends_the_meeting(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(30)
        await pilot.press("q")
        assert app.screen.focused is not None and app.screen.focused.id == "close"
        await pilot.press("enter")
        await pilot.pause()
        assert not app.is_running
    assert session(app)["status"] == "running"  # `caseroom resume` carries on


async def test_q_then_close_exits_and_the_meeting_stays_running(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(45)
        await pilot.press("q")
        await pilot.click("#close")
        await pilot.pause()
        assert not app.is_running
    doc = session(app)
    assert doc["status"] == "running"
    assert doc["agenda"]["step"][0]["elapsed_seconds"] == 45
    assert doc["saved_at"] == doc["started_at"] + timedelta(seconds=45)


async def test_ctrl_q_and_the_palette_quit_ask_like_q_and_lose_no_time(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(60)
        await pilot.press("ctrl+q")  # Textual's own quit key
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("escape")
        assert app.is_running
        offered = {c.title: c for c in app.get_system_commands(app.screen)}
        palette_quit = offered["Afslut"]  # in the UI's language
        assert "Quit" not in offered and "Screenshot" not in offered and "Keys" not in offered
        app.call_later(palette_quit.callback)  # as the palette runs it
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.click("#close")
        await pilot.pause()
        assert not app.is_running
    assert session(app)["agenda"]["step"][0]["elapsed_seconds"] == 60


async def test_q_before_the_start_exits_at_once_and_saves(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_value == 0
    doc = session(app)
    assert doc["status"] == "running"
    assert doc["agenda"]["state"] == "not_started"
    assert "started_at" not in doc


# --- keys that cannot apply -----------------------------------------------------------------


async def test_keys_that_cannot_apply_are_disabled_and_change_nothing(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = meeting_screen(app)
        agenda = app.meeting.agenda
        # before the start: n, b, x (and +/-) cannot apply
        for action, parameters in [
            ("next", ()),
            ("back", ()),
            ("take_break", ()),
            ("extend", (1,)),
            ("extend", (-1,)),
        ]:
            assert screen.check_action(action, parameters) is None, action
        before = session(app)
        await pilot.press("n", "b", "x", "plus", "minus")
        assert agenda.state is RunState.NOT_STARTED and agenda.cursor == 0
        assert countdown(app) == "10:00"
        assert session(app)["agenda"] == before["agenda"]
        # nothing was tried and refused: each key only says why it does nothing now
        assert [line.split(":")[0] for line in toasts(app)] == [
            f"Tasten {key} virker ikke nu" for key in "nbx+-"
        ]

        # running, first step: b cannot go back
        await pilot.press("space")
        assert screen.check_action("back", ()) is None
        assert screen.check_action("next", ()) is True
        await pilot.press("b")
        assert agenda.cursor == 0

        # - stops at one minute
        for _ in range(9):
            await pilot.press("minus")
        assert countdown(app) == "01:00"
        assert screen.check_action("extend", (-1,)) is None
        assert screen.check_action("extend", (1,)) is True
        await pilot.press("minus")
        assert countdown(app) == "01:00"
        assert agenda.current.extension_seconds == -540

        # x: the break now, then never again
        await pilot.press("x")
        assert agenda.current.segment.kind == "break"
        assert screen.check_action("take_break", ()) is None  # the break is on
        await pilot.press("n")
        assert agenda.current.key == "2a"
        assert screen.check_action("take_break", ()) is None  # the break has been taken
        await pilot.press("x")
        assert agenda.current.key == "2a"
        assert [e.name for e in agenda.events].count("take_break") == 1


# --- languages --------------------------------------------------------------------------------


async def test_english_labels_on_the_danish_case_keep_the_case_text_danish(
    make: MakeApp, case: Case
) -> None:
    app = make(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert shown(app, "#status").split()[0] == "READY"
        assert shown(app, "#figures").startswith("Press space to start the meeting")
        await pilot.press("space")
        assert shown(app, "#status").split()[0] == "RUNNING"
        assert shown(app, "#step-title") == "Opstart"  # the case's own title
        assert "Agenda" in sidebar(app)
        await walk_to(pilot, "2c/q1")
        assert "Question 1 of 7" in shown(app, "#step-title")
        assert flat(shown(app, "#question")) == flat(case.questions_of("2c")[0].text)
        assert "Fact boxes: f" in shown(app, "#badges")
        assert shown(app, "#figures").startswith("Segment")
        await pilot.press("space")
        assert "PAUSED" in shown(app, "#banner")
        await pilot.press("question_mark")
        assert shown(app, ".dialog-title") == "Keys"


async def test_the_english_case_is_english_throughout(make: MakeApp) -> None:
    english = open_case("t2d-annual-review")[0]
    app = make(case=english)
    async with app.run_test(size=SIZE) as pilot:
        assert app.lang == "en"
        await pilot.press("space")
        assert shown(app, "#step-title") == "Getting started"
        assert shown(app, "#status").split()[0] == "RUNNING"
        await walk_to(pilot, "2c/q3")
        assert "Question 3 of 7" in shown(app, "#step-title")
        assert flat(shown(app, "#question")) == flat(english.questions_of("2c")[2].text)
        assert "Small groups" in shown(app, "#badges")


# --- people -----------------------------------------------------------------------------------


async def test_people_given_the_meeting_screen_waits_ready_and_space_starts(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = meeting_screen(app)
        assert app.meeting.agenda.state is RunState.NOT_STARTED
        assert shown(app, "#status").split()[0] == "KLAR"
        assert shown(app, "#figures").startswith("Tryk mellemrum for at starte mødet")
        assert countdown(app) == "10:00"
        for person in six_people():
            assert person.name in sidebar(app)
        assert session(app)["agenda"]["state"] == "not_started"  # saved before the start
        clock.advance(600)  # waiting for the room costs no meeting time
        screen.tick()
        assert countdown(app) == "10:00"
        await pilot.press("space")
        assert shown(app, "#status").split()[0] == "KØRER"
        doc = session(app)
        assert doc["agenda"]["state"] == "running"
        assert doc["started_at"] == clock.now()
        clock.advance(61)
        screen.tick()
        assert countdown(app) == "08:59"


async def test_a_person_can_join_late_with_a(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert "Gitte" not in sidebar(app)
        await pilot.press("a")
        assert isinstance(app.screen, AddPersonScreen)
        assert app.focused is not None and app.focused.id == "name"
        await pilot.press(*"Gitte", "enter")
        assert app.focused is not None and app.focused.id == "profession"
        await pilot.press(*"bio", "right", "enter")
        assert isinstance(app.screen, MeetingScreen)
        assert " 7" in next(line for line in sidebar(app).splitlines() if "Gitte" in line)
        people = session(app)["participant"]
        assert people[-1]["name"] == "Gitte"
        assert people[-1]["profession"] == "bioanalytiker"
        # a name already present is refused in the dialog, which stays open
        await pilot.press("a", *"anna", "enter", *"læge", "enter")
        assert isinstance(app.screen, AddPersonScreen)
        assert "er allerede på listen" in shown(app, "#error")
        await pilot.press("escape")
        assert len(session(app)["participant"]) == 7


async def test_someone_leaves_and_returns_through_the_palette_action(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        screen = meeting_screen(app)
        offered = [c for c in app.get_system_commands(screen) if c.title.startswith("Deltager")]
        assert [(c.title, c.help) for c in offered] == [  # once, and saying what it does
            (
                "Deltager går / kommer tilbage",
                "Vælg en deltager, der går fra mødet eller kommer tilbage",
            )
        ]
        app.call_later(offered[0].callback)  # as the palette runs it
        await pilot.pause()
        assert isinstance(app.screen, PresenceScreen)
        listing = app.screen.query_one("#presence", OptionList)
        assert app.focused is listing
        await pilot.press("home", "down")
        assert listing.highlighted == 1
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingScreen)
        assert "Bo" not in sidebar(app)
        people = {p["name"]: p for p in session(app)["participant"]}
        assert people["Bo"]["present"] is False
        # away people are not grouped
        await pilot.press("g")
        grouped = [n for g in session(app)["group_proposal"][0]["groups"] for n in g]
        assert "Bo" not in grouped and len(grouped) == 5
        await pilot.press("escape")
        screen.action_toggle_presence()
        await pilot.pause()
        assert "Bo · læge (—)" in str(
            app.screen.query_one(OptionList).get_option_at_index(1).prompt
        )
        await pilot.press("home", "down", "enter")
        assert "Bo" in sidebar(app)
        assert {p["name"]: p for p in session(app)["participant"]}["Bo"]["present"] is True


# --- saving -----------------------------------------------------------------------------------


async def test_a_failed_save_shows_in_the_banner_and_the_meeting_goes_on(
    make: MakeApp, clock: FakeClock, tmp_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = meeting_screen(app)
        await pilot.press("space")
        good = app.keeper.path
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("a file where a folder should be")
        app.keeper.path = blocker / "session.toml"
        await pilot.press("plus")
        assert countdown(app) == "11:00"  # the change happened
        banner = shown(app, "#banner")
        assert banner.startswith("IKKE GEMT")
        assert str(app.keeper.path) in banner
        assert screen.query_one("#banner").display
        clock.advance(30)
        await pilot.press("n")  # the meeting goes on
        assert shown(app, "#step-title") == "Introduktion"
        assert "IKKE GEMT" in shown(app, "#banner")
        assert not app.keeper.path.exists()

        app.keeper.path = good
        await pilot.press("plus")
        assert not screen.query_one("#banner").display
        assert shown(app, "#banner") == ""
        doc = session(app)
        assert doc["agenda"]["current"] == "2b"
        assert segment(doc, "2a")["extension_seconds"] == 60
        assert segment(doc, "2a")["actual_seconds"] == 30
        assert segment(doc, "2b")["extension_seconds"] == 60


async def until(pilot: Pilot[int], condition: Callable[[], bool]) -> None:
    """Let the app work until `condition` holds (at most 200 rounds of its queue)."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause()
    assert condition()


async def test_small_and_large_terminals_keep_the_countdown(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = meeting_screen(app)
        await pilot.press("space")
        clock.advance(75)
        await pilot.resize_terminal(40, 12)
        assert screen.has_class("-compact")
        assert countdown(app) == "08:45"
        await walk_to(pilot, "2c/q3")
        await pilot.press("c", "g")
        await pilot.resize_terminal(20, 6)
        await pilot.press("escape")
        await pilot.resize_terminal(80, 24)
        # the screen's own Resize follows the dialog's dismissal: under load, a few frames on
        await until(pilot, lambda: not screen.has_class("-compact"))
        assert screen.has_class("-narrow")
        await pilot.resize_terminal(250, 70)
        await until(pilot, lambda: not screen.has_class("-narrow"))
        assert "Spørgsmål 3 af 7" in shown(app, "#step-title")
        assert countdown(app) == "15:00"


async def test_the_palette_searches_in_the_uis_language(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        from textual.command import CommandInput

        assert app.screen.query_one(CommandInput).placeholder == "Søg blandt kommandoer…"
        meeting = next(s for s in app.screen_stack if isinstance(s, MeetingScreen))
        titles = [c.title for c in app.get_system_commands(meeting)]
        assert titles[0] == "Tema" and "Pause/fortsæt" in titles
        assert titles.count("Afslut") == 1  # the meeting's own q, once


@pytest.mark.parametrize(
    ("lang", "line"), [("da", "Ingen kommandoer passer"), ("en", "No matches found")]
)
async def test_a_search_that_finds_nothing_says_so_in_the_uis_language(
    make: MakeApp, monkeypatch: pytest.MonkeyPatch, lang: str, line: str
) -> None:
    from textual.command import CommandList, CommandPalette

    monkeypatch.setattr(CommandPalette, "_NO_MATCHES_COUNTDOWN", 0.001)  # Textual waits 0.5 s
    app = make(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"zqxzqx")
        options = app.screen.query_one(CommandList)
        ids: list[str | None] = []
        for _ in range(500):  # until the palette's timer (1 ms here) has run
            ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
            if ids == [CommandPalette._NO_MATCHES]:
                break
            await pilot.pause()
        assert ids == [CommandPalette._NO_MATCHES]
        assert line in options.render_line(0).text


async def test_a_key_that_does_nothing_now_says_why(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")  # not on the key bar: no dim key to see
        await pilot.pause()
        assert toasts(app)[-1] == "Tasten 1 virker ikke nu: mødet er ikke startet (tryk mellemrum)"
        await pilot.press("space", "7", "f", "b")
        await pilot.pause()
        assert toasts(app)[-3:] == [
            "Tasten 7 virker ikke nu: ingen deltager nr. 7 er til stede",
            "Tasten f virker ikke nu: dette trin har ingen faktabokse",
            "Tasten b virker ikke nu: det er første trin",
        ]
        count = len(toasts(app))
        await pilot.press("1", "n", "plus")  # keys that act say nothing of the kind
        await pilot.pause()
        assert len(toasts(app)) == count and app.meeting.agenda.cursor == 1
    app = make(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "x", "x")
        await pilot.pause()
        assert toasts(app)[-1] == "The key x does nothing now: the break is on"


def burst(app: CaseroomApp, *keys: str) -> None:
    """Keys as a terminal delivers a burst: all queued before the app handles the first."""
    for key in keys:
        character = " " if key == "space" else (key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))


async def test_a_key_is_judged_after_the_keys_before_it_have_worked(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "space")  # started, then paused
        burst(app, "space", "t")  # resume, then silent reflection, in one burst
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        assert not any("virker ikke nu" in toast for toast in toasts(app))


async def test_a_key_the_notes_list_uses_is_not_called_useless(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        app.meeting.add_learning_point("Fødder hver gang")
        await pilot.press("v", "down", "e")  # e edits the note under the cursor
        await pilot.pause()
        assert not any("virker ikke nu" in toast for toast in toasts(app))


async def test_three_people_make_one_group_and_the_title_says_so(make: MakeApp) -> None:
    app = make(people=six_people()[:3])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2c/q3")
        await pilot.press("g")
        assert shown(app, "#groups-title") == "Forslag til små grupper: 1 gruppe (3 personer)"


async def test_the_sidebar_rounds_a_finished_segment_as_the_export_does(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(630.7)  # 10 min 30.7 s of Opstart
        meeting_screen(app).tick()
        assert re.search(r"▶ Opstart\s+08:30\s+10\s+10 min", sidebar(app))  # running: counts up
        await pilot.press("n")
        assert re.search(r"✓ Opstart\s+08:30\s+10\s+11 min", sidebar(app))  # done: nearest
    assert "| Opstart | 10 min |   | 11 min |" in to_markdown(load_for_export(app.keeper.path))


async def test_n_on_the_last_step_asks_before_it_ends_the_meeting(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "afslutning")
        app.meeting.end_round()  # the evaluation round is done
        await pilot.press("n")
        assert isinstance(app.screen, FinishScreen)
        assert app.screen.focused is not None and app.screen.focused.id == "finish"
        await pilot.press("escape")  # a stray n: nothing happened
        assert isinstance(app.screen, MeetingScreen)
        assert app.meeting.agenda.state is RunState.RUNNING
        await pilot.press("n")
        await pilot.click("#cancel")
        assert app.meeting.agenda.state is RunState.RUNNING
        await pilot.press("n", "enter")
        await pilot.pause()
        assert agenda_state(app) is RunState.FINISHED
    assert session(app)["status"] == "finished"


async def test_case_file_warnings_are_said_on_the_screen(make: MakeApp) -> None:
    """The CLI prints them before the screen takes over, where nobody sees them."""
    line = "my-case.toml:40: segment[3].minutes: the questions of '2c' add up to 70 minutes"
    app = make(warnings=(line,))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        (toast,) = [n for n in app._notifications if n.message == line]
        assert toast.title == "Advarsel" and toast.severity == "warning"


async def test_ctrl_c_asks_as_q_does_in_the_uis_language(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        assert not any("ctrl+q" in toast for toast in toasts(app))
