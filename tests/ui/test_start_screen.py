"""Pilot tests of the start screen: who is present, in which order, and who holds the roles."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Select

from caseroom.domain.agenda import RunState
from caseroom.domain.clock import FakeClock
from caseroom.ui.app import CaseroomApp
from caseroom.ui.screens.meeting import MeetingScreen
from caseroom.ui.screens.start import StartScreen
from caseroom.ui.widgets.keybar import KeyBar

from .conftest import SIZE, MakeApp
from .helpers import choose, enter_person, session, shown, toasts, type_person


def roster(app: CaseroomApp) -> list[str]:
    listing = app.screen.query_one("#roster", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_nobody_yet_start_says_someone_is_needed(make: MakeApp) -> None:
    app = make(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, StartScreen)
        assert shown(app, ".dialog-title").startswith("Klar til Case-møde")
        assert app.focused is screen.query_one("#name", Input)
        await pilot.press("ctrl+s")
        assert app.screen is screen
        assert app.meeting.agenda.state is RunState.NOT_STARTED
        assert shown(app, "#error") == "Tilføj mindst én deltager for at starte."
        await pilot.press("ctrl+q")  # nothing has started: quits at once, nothing to save
        assert not app.is_running
    assert not app.keeper.path.exists()


async def test_a_name_is_needed_and_names_are_unique(make: MakeApp) -> None:
    app = make(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *"læge", "enter")  # no name
        assert shown(app, "#error") == "en deltager skal have et navn"
        assert app.focused is not None and app.focused.id == "name"
        assert roster(app) == []
        app.screen.query_one("#profession", Input).value = ""
        await type_person(pilot, "Anna", "læge")
        assert shown(app, "#error") == ""
        assert roster(app) == ["1. Anna · læge"]
        await enter_person(pilot, "ANNA", "sekretær")
        assert shown(app, "#error") == "ANNA er allerede på listen"  # in the UI's language
        assert roster(app) == ["1. Anna · læge"]
        assert app.screen.check_action("start", ()) is True


async def test_seating_order_can_change_and_people_can_be_removed(make: MakeApp) -> None:
    app = make(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        for name, profession in [("Anna", "læge"), ("Bo", "sygeplejerske"), ("Carl", "sekretær")]:
            await enter_person(pilot, name, profession)
        await choose(pilot, "role-leader", 2)  # Bo
        assert app.meeting.roles.leader == "Bo"
        listing = app.screen.query_one("#roster", OptionList)
        listing.focus()
        await pilot.press("end")  # Carl
        await pilot.press("ctrl+up")
        assert roster(app) == ["1. Anna · læge", "2. Carl · sekretær", "3. Bo · sygeplejerske"]
        assert listing.highlighted == 1
        await pilot.press("ctrl+up", "ctrl+up")  # stops at the top
        assert roster(app)[0] == "1. Carl · sekretær"
        await pilot.press("ctrl+down")
        assert [p.name for p in app.meeting.participants] == ["Anna", "Carl", "Bo"]
        await pilot.press("end", "ctrl+d")  # Bo goes: the leader role is free again
        await pilot.pause()
        assert roster(app) == ["1. Anna · læge", "2. Carl · sekretær"]
        assert app.meeting.roles.leader == ""
        assert app.screen.query_one("#role-leader", Select).is_blank()


async def test_ctrl_d_removes_only_from_the_list_and_says_who(make: MakeApp) -> None:
    app = make(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        for name, profession in [("Anna", "læge"), ("Bo", "sygeplejerske")]:
            await enter_person(pilot, name, profession)
        app.screen.query_one("#role-leader", Select).focus()
        await pilot.press("ctrl+d")  # on the role selector: nobody is removed
        await pilot.pause()
        assert [p.name for p in app.meeting.participants] == ["Anna", "Bo"]
        assert app.screen.check_action("remove", ()) is None  # and it is off the footer
        app.screen.query_one("#roster", OptionList).focus()
        await pilot.pause()
        assert app.screen.check_action("remove", ()) is True
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert [p.name for p in app.meeting.participants] == ["Bo"]
        assert "Anna er fjernet fra listen" in toasts(app)


async def test_start_with_roles_opens_the_running_meeting_and_saves(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await type_person(pilot, "Anna", "læge")
        await enter_person(pilot, "Bo", "sygeplejerske")
        await choose(pilot, "role-leader", 2)
        await choose(pilot, "role-timekeeper", 1)
        await choose(pilot, "role-note_taker", 2)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, MeetingScreen)
        assert app.meeting.agenda.state is RunState.RUNNING
        assert shown(app, "#status").split()[0] == "KØRER"
    doc = session(app)
    assert doc["roles"] == {"leader": "Bo", "timekeeper": "Anna", "note_taker": "Bo"}
    assert [(p["name"], p["profession"]) for p in doc["participant"]] == [
        ("Anna", "læge"),
        ("Bo", "sygeplejerske"),
    ]
    assert doc["started_at"] == clock.now()


async def test_english_start_screen(make: MakeApp) -> None:
    app = make(start_screen=True, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert shown(app, ".dialog-title").startswith("Ready for Case-møde")
        headings = [str(w.render()) for w in app.screen.query("#roles .heading")]
        assert headings == ["Meeting leader", "Timekeeper", "Note-taker"]
        # the suggestions are the case's professions (this case is Danish), else the usual
        # ones of the UI's language
        await pilot.press(*"Ann", "enter", "s", "y", "right", "enter")
        assert roster(app) == ["1. Ann · sygeplejerske"]


async def test_start_brings_along_a_person_typed_but_not_yet_added(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await enter_person(pilot, "Anna", "læge")
        await pilot.press(*"Carl", "enter", *"sekretær")  # no Enter after the profession
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, MeetingScreen)
    doc = session(app)
    assert [(p["name"], p["profession"]) for p in doc["participant"]] == [
        ("Anna", "læge"),
        ("Carl", "sekretær"),
    ]


async def test_start_with_a_typed_name_that_cannot_be_added_stays_and_says_why(
    make: MakeApp,
) -> None:
    app = make(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await enter_person(pilot, "Anna", "læge")
        await pilot.press(*"anna", "enter", *"sekretær")  # already on the list
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, StartScreen)
        assert app.meeting.agenda.state is RunState.NOT_STARTED
        assert shown(app, "#error") != ""
        assert roster(app) == ["1. Anna · læge"]


async def test_the_palette_key_is_labelled_in_the_uis_language(make: MakeApp) -> None:
    """The start screen's key bar and the meeting's read the app's own binding."""
    for lang, label in (("da", "kommandoer"), ("en", "commands")):
        app = make(start_screen=True, lang=lang)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert label in str(app.screen.query_one(KeyBar).render())
