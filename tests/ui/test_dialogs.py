"""The dialogs change nothing by themselves, and every key of the UI comes from a table.

A dialog returns what was chosen through `dismiss()`; the screen that opened it applies it
through the engine and saves. Opened here without a callback, a dialog must leave the meeting
and the session file as they were.
"""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

from caseroom.ui.app import CaseroomApp
from caseroom.ui.i18n import MESSAGES
from caseroom.ui.keys import class_bindings, localized
from caseroom.ui.screens.clock import ClockScreen
from caseroom.ui.screens.dialogs.confirm import FinishScreen, QuitScreen, UnsavedScreen
from caseroom.ui.screens.dialogs.groups import GroupsScreen
from caseroom.ui.screens.dialogs.info import FactboxScreen, HelpScreen
from caseroom.ui.screens.dialogs.people import (
    AddPersonScreen,
    NewPerson,
    Presence,
    PresenceScreen,
)
from caseroom.ui.screens.dialogs.plan import PlanScreen
from caseroom.ui.screens.dialogs.reflection import ReflectionScreen
from caseroom.ui.screens.dialogs.talk import RoundScreen, SpeakerPicker
from caseroom.ui.screens.meeting import MeetingScreen
from caseroom.ui.screens.start import StartScreen
from caseroom.ui.widgets.capture import CaptureField, CaptureForm, CaptureText
from caseroom.ui.widgets.checklist import Checklist
from caseroom.ui.widgets.evaluation import EvaluationPanel
from caseroom.ui.widgets.notes import NotesList

from .conftest import SIZE, MakeApp
from .helpers import session

OURS: list[type[DOMNode]] = [
    CaseroomApp,
    ClockScreen,
    StartScreen,
    MeetingScreen,
    FactboxScreen,
    HelpScreen,
    ReflectionScreen,
    GroupsScreen,
    QuitScreen,
    UnsavedScreen,
    FinishScreen,
    AddPersonScreen,
    PresenceScreen,
    SpeakerPicker,
    RoundScreen,
    PlanScreen,
    NotesList,
    CaptureText,
    CaptureField,
    CaptureForm,
    EvaluationPanel,
    Checklist,
]


@pytest.mark.parametrize("cls", OURS, ids=lambda cls: cls.__name__)
def test_every_key_has_an_id_and_a_tooltip_from_the_catalogue(cls: type[DOMNode]) -> None:
    ours = [c for c in cls.__mro__ if c.__module__.startswith("caseroom.")]
    declared = [b for c in ours for b in Binding.make_bindings(c.__dict__.get("BINDINGS", []))]
    assert declared, cls
    for binding in declared:
        assert binding.id, (cls, binding)
        assert binding.tooltip in MESSAGES, (cls, binding)
        assert not binding.description or binding.description in MESSAGES, (cls, binding)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_localized_dialog_has_its_keys_in_that_language(lang: str) -> None:
    made = localized(AddPersonScreen, "en" if lang == "en" else "da")
    labels = {b.description for bs in class_bindings(made).values() for b in bs}
    assert ("Add" if lang == "en" else "Tilføj") in labels
    assert ("Close" if lang == "en" else "Luk") in labels


async def test_a_late_arrival_is_the_openers_to_add(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        before = session(app)
        results: list[NewPerson | None] = []
        app.push_screen(AddPersonScreen(), results.append)
        await pilot.pause()
        await pilot.press(*"Gitte", "tab", *"læge", "enter")
        await pilot.pause()
        assert results == [NewPerson("Gitte", "læge", "")]
        assert "Gitte" not in [p.name for p in app.meeting.participants]
        assert session(app) == before

        # a name the engine refuses: said in the dialog, which stays open, nothing returned
        app.push_screen(AddPersonScreen(), results.append)
        await pilot.pause()
        await pilot.press(*"Anna", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AddPersonScreen)
        assert len(results) == 1
        assert len([p for p in app.meeting.participants if p.name == "Anna"]) == 1


async def test_who_leaves_is_the_openers_to_record(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        results: list[Presence | None] = []
        app.push_screen(PresenceScreen(), results.append)
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        name = app.meeting.participants[1].name
        assert results == [Presence(name, False)]
        assert app.meeting.participant(name).present


async def test_escape_on_a_reflection_is_the_openers_to_end(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        reflection = app.meeting.start_reflection()
        results: list[bool | None] = []
        app.push_screen(ReflectionScreen(), results.append)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert results == [True]
        assert reflection.end is None  # still running: the meeting screen ends it


async def test_the_groups_dialog_shows_what_its_opener_proposes(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        asked: list[int] = []

        def propose() -> object:
            asked.append(1)
            return app.meeting.propose_groups()

        app.push_screen(GroupsScreen(propose, propose))  # type: ignore[arg-type]
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert len(asked) == 2 and len(app.meeting.group_proposals) == 2
