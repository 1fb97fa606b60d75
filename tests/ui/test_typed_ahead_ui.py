"""Keys typed ahead (issue "Trust", items 10 and 11): every key in its field and in its order.

A paste without bracketed paste, or a fast typist's Tab, delivers keys under ~20 ms apart. Here
they are posted to the app in one burst, with no await between them (`pilot.press` waits for
the app to be idle after each key, which no person does), then the test reads the session file
on disk: every field must hold exactly what was typed for it. The round dialog and the key bar
over the dialogs are also driven key by key, as a person would.

The keys typed with the key that opens a dialog are the dialog's (never the meeting's), and the
keys typed after the key that closes something (a note's Enter, a dialog's Enter or Escape, the
Enter that moves the evaluation round on) go where they would a moment later.
"""

from __future__ import annotations

import shutil
import tomllib
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from caseroom.domain.clock import FakeClock
from caseroom.ui.app import CaseroomApp
from caseroom.ui.screens.dialogs.confirm import FinishScreen, QuitScreen, UnsavedScreen
from caseroom.ui.screens.dialogs.groups import GroupsScreen
from caseroom.ui.screens.dialogs.info import FactboxScreen, HelpScreen
from caseroom.ui.screens.dialogs.people import AddPersonScreen, PresenceScreen
from caseroom.ui.screens.dialogs.plan import PlanScreen
from caseroom.ui.screens.dialogs.talk import RoundScreen, SpeakerPicker
from caseroom.ui.screens.meeting import MeetingScreen
from caseroom.ui.widgets.evaluation import EvaluationPanel
from caseroom.ui.widgets.keybar import KeyBar

from .conftest import SIZE, MakeApp
from .helpers import current_screen, focused, toasts, walk_to

KEY_NAMES = {" ": "space", ",": "comma", ":": "colon", "-": "minus", ".": "full_stop"}


def burst(app: CaseroomApp, *keys: str) -> None:
    """Post every key to the app at once: a single character is typed text, a longer string a
    named key ("tab", "enter", "backspace")."""
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(KEY_NAMES.get(key, key), key))
        else:
            app.post_message(events.Key(key, None))


def on_disk(app: CaseroomApp) -> dict[str, Any]:
    with app.keeper.path.open("rb") as handle:
        return tomllib.load(handle)


async def arrive_at(pilot: Pilot[int], step_key: str) -> None:
    """The steps before `step_key` in the domain, then `n` as a key."""
    app = pilot.app
    assert isinstance(app, CaseroomApp)
    agenda = app.meeting.agenda
    keys = [step.key for step in agenda.steps]
    while keys.index(agenda.current.key) < keys.index(step_key) - 1:
        app.meeting.next()
    await pilot.press("n")
    assert agenda.current.key == step_key


@pytest.fixture
def disk_at_notify(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Record (message, learning points on disk at that moment) at each notification."""

    def install(app: CaseroomApp) -> list[tuple[str, list[str]]]:
        seen: list[tuple[str, list[str]]] = []
        original = app.notify

        def notify(message: str, *args: Any, **kwargs: Any) -> None:
            points = [p["text"] for p in on_disk(app).get("learning_point", [])]
            seen.append((str(message), points))
            original(message, *args, **kwargs)

        monkeypatch.setattr(app, "notify", notify)
        return seen

    return install


# --- the capture panel --------------------------------------------------------------------


async def test_a_proposal_typed_in_one_burst_keeps_each_field(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "p")
        burst(app, *"Inddrag sekretærerne", "tab", *"arbejdsgang", "tab", *"Anna", "tab")
        burst(app, *"Eri", "enter")
        await pilot.pause()
        (proposal,) = on_disk(app)["proposal"]
        assert (
            proposal["text"],
            proposal["area"],
            proposal["responsible"],
            proposal["proposed_by"],
        ) == ("Inddrag sekretærerne", "arbejdsgang", "Anna", "Erik")
        assert "Gemt ✓" in toasts(app)

        # Tab and the first letters of the area at once: "fras" is the area, not the text;
        # shift+tab goes back to the text, in turn
        await pilot.press("p")
        burst(app, *"Fodfrase", "tab", *"fras", "tab", *"ci", "shift+tab", "shift+tab")
        burst(app, *" igen", "enter")
        await pilot.pause()
        second = on_disk(app)["proposal"][1]
        assert (second["text"], second["area"], second["responsible"]) == (
            "Fodfrase igen",
            "fraser",
            "Cille",
        )


async def test_l_then_text_and_enter_in_one_burst_saves_every_character_before_saying_so(
    make: MakeApp, disk_at_notify: Any
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        seen = disk_at_notify(app)
        await pilot.press("space")
        burst(app, "l", *"hello", "enter")
        await pilot.pause()
        assert [p["text"] for p in on_disk(app)["learning_point"]] == ["hello"]
        assert ("Gemt ✓", ["hello"]) in seen  # said only once all of it was on the disk
        # once more, with a typing slip mended in the same burst
        burst(app, "l", *"Blodprøvx", "backspace", *"er først", "enter")
        await pilot.pause()
        assert [p["text"] for p in on_disk(app)["learning_point"]] == [
            "hello",
            "Blodprøver først",
        ]
        assert app.meeting.agenda.current.key == "2a"  # none of the letters was a command


async def test_editing_keys_in_a_burst_act_where_they_were_typed(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "p")
        burst(app, *"Fodx", "backspace", *"frase", "tab", *"fodx", *["backspace"] * 4)
        burst(app, *"flw", "left", "o", "end", "enter")
        await pilot.pause()
        (proposal,) = on_disk(app)["proposal"]
        assert (proposal["text"], proposal["area"]) == ("Fodfrase", "flow")


# --- the dialogs --------------------------------------------------------------------------


async def test_the_handleplan_date_typed_in_a_burst_loses_no_character(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await arrive_at(pilot, "2d")
        await pilot.press("h")
        assert isinstance(app.screen, PlanScreen)
        burst(app, *"Anna", "enter", *"2026-12-01", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert on_disk(app)["opsamling"] == {
            "action_plan_drafter": "Anna",
            "deadline": "2026-12-01",
        }


async def test_the_round_dialog_opens_in_the_time_field_and_enter_starts_with_that_time(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "r")
        dialog = app.screen
        assert isinstance(dialog, RoundScreen)
        assert app.focused is dialog.query_one("#minutes", Input)
        await pilot.press(*"0:40", "enter")  # as its first line invites, key by key
        assert isinstance(app.screen, MeetingScreen)
        talk_round = app.meeting.talk.round
        assert talk_round is not None
        assert (talk_round.current, talk_round.seconds_per_person) == ("Anna", 40)
        assert on_disk(app)["round"][0]["seconds_per_person"] == 40

        # Tab to the list of names, the third person, Enter: that person, with the time typed
        await pilot.press("r", "r")  # the first ends the round, the second opens the dialog
        dialog = current_screen(app)
        assert isinstance(dialog, RoundScreen)
        await pilot.press(*"1,5", "tab")
        assert focused(app) is dialog.query_one("#first", OptionList)
        await pilot.press("down", "down", "enter")
        talk_round = app.meeting.talk.round
        assert talk_round is not None
        assert (talk_round.current, talk_round.seconds_per_person) == ("Cille", 90)


async def test_the_round_dialogs_time_and_person_typed_in_a_burst(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "r")
        assert isinstance(app.screen, RoundScreen)
        burst(app, *"0:40", "enter")
        await pilot.pause()
        talk_round = app.meeting.talk.round
        assert talk_round is not None
        assert (talk_round.current, talk_round.seconds_per_person) == ("Anna", 40)

        await pilot.press("r", "r")
        assert isinstance(app.screen, RoundScreen)
        burst(app, *"2x", "backspace", *",5", "tab", "down", "down", "down", "up", "enter")
        await pilot.pause()
        talk_round = app.meeting.talk.round
        assert talk_round is not None
        assert (talk_round.current, talk_round.seconds_per_person) == ("Cille", 150)


async def test_a_late_arrival_typed_in_a_burst(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "a")
        assert isinstance(app.screen, AddPersonScreen)
        burst(app, *"Gitte", "enter", *"bio", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        person = on_disk(app)["participant"][-1]
        assert (person["name"], person["profession"]) == ("Gitte", "bioanalytiker")


async def test_evaluation_points_typed_in_a_burst_after_e(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await arrive_at(pilot, "afslutning")
        await pilot.pause()
        burst(app, "e", *"Booking", "enter", *"Fødder", "enter", *"Spørg", "enter")
        await pilot.pause()
        assert on_disk(app)["evaluation"][0] == {
            "participant": "Anna",
            "points": ["Booking", "Fødder", "Spørg"],
        }


# --- the key bar over a dialog ------------------------------------------------------------


def bar_seen(app: CaseroomApp) -> str:
    """The key bar a person sees at the bottom of the screen: the widget drawn on top at every
    cell of the meeting's bar must be the open dialog's own bar."""
    meeting = next(s for s in app.screen_stack if isinstance(s, MeetingScreen))
    region = meeting.query_one(KeyBar).region
    assert region.height >= 1
    for y in range(region.y, region.bottom):
        for x in (region.x, region.right - 1):
            widget, _ = app.get_widget_at(x, y)
            assert isinstance(widget, KeyBar) and widget.screen is app.screen, (x, y, widget)
    return str(app.screen.query_one(KeyBar).render())


MEETING_KEYS_SHOWN = ("Pause/fortsæt", "n Næste", "? Taster", "kommandoer")


def dialog_keys(app: CaseroomApp, *shown: str) -> None:
    seen = bar_seen(app)
    for label in shown:
        assert label in seen, (label, seen)
    for label in MEETING_KEYS_SHOWN:
        assert label not in seen, (label, seen)


async def test_the_key_bar_shows_the_keys_of_whatever_dialog_is_open(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert "Pause/fortsæt" in bar_seen(app)

        async def opened(*keys: str) -> None:
            await pilot.press(*keys)
            await pilot.pause()

        await opened("r")
        assert isinstance(app.screen, RoundScreen)
        dialog_keys(app, "⏎ Start runden", "tab Skift felt", "esc Luk")
        await opened("escape", "g")
        assert isinstance(app.screen, GroupsScreen)
        dialog_keys(app, "esc Luk", "r Bland igen")
        await opened("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        dialog_keys(app, "esc Luk")
        await opened("escape", "a")
        assert isinstance(app.screen, AddPersonScreen)
        dialog_keys(app, "⏎ Næste felt", "esc Luk")
        await opened("tab")  # the last field: Enter adds
        dialog_keys(app, "⏎ Tilføj", "esc Luk")
        await opened("escape", "s")
        assert isinstance(app.screen, SpeakerPicker)
        dialog_keys(app, "⏎ Vælg", "esc Luk")
        await opened("escape")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        app.call_later(screen.action_toggle_presence)  # as the palette runs it
        await pilot.pause()
        assert isinstance(app.screen, PresenceScreen)
        dialog_keys(app, "⏎ Vælg", "esc Luk")
        await opened("escape", "q")
        assert isinstance(app.screen, QuitScreen)
        dialog_keys(app, "⏎ Vælg", "esc Tilbage")
        await opened("escape")

        await walk_to(pilot, "2c/q3")  # a question with fact boxes
        await opened("f")
        assert isinstance(app.screen, FactboxScreen)
        dialog_keys(app, "esc Luk")
        await opened("escape")

        await arrive_at(pilot, "2d")
        await opened("h")
        assert isinstance(app.screen, PlanScreen)
        dialog_keys(app, "⏎ Næste felt", "esc Luk")
        await opened("enter")
        dialog_keys(app, "⏎ Gem", "esc Luk")
        await opened("escape")

        await arrive_at(pilot, "afslutning")
        await opened("r", "n")  # r ends the evaluation round; n on the last step asks
        assert isinstance(app.screen, FinishScreen)
        dialog_keys(app, "⏎ Vælg", "esc Tilbage")
        await opened("escape")
        assert isinstance(app.screen, MeetingScreen)
        assert "Pause/fortsæt" in bar_seen(app)  # the meeting's keys again

        folder = app.keeper.path.parent
        shutil.rmtree(folder)
        folder.write_text("not a folder")  # saving fails: leaving asks what to do
        await opened("q", "enter")
        assert isinstance(app.screen, UnsavedScreen)
        dialog_keys(app, "⏎ Vælg", "esc Tilbage")
        folder.unlink()


# --- the key that opens a dialog, and the keys typed with it ----------------------------


def spoke(app: CaseroomApp) -> list[str]:
    """Who has had the floor, in order (a round's turns included)."""
    return [turn.participant for turn in app.meeting.talk.turns]


async def test_keys_typed_with_r_are_the_round_dialogs_never_the_meetings(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        burst(app, "r", *"0:40", "enter")  # 0 and 4 are also the meeting's speaker keys
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        talk_round = app.meeting.talk.round
        assert talk_round is not None
        assert (talk_round.current, talk_round.seconds_per_person) == ("Anna", 40)
        assert spoke(app) == ["Anna"]  # the round's first person, and nobody else
        assert on_disk(app)["round"][0]["seconds_per_person"] == 40


async def test_keys_typed_with_h_a_and_s_land_in_their_dialogs(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await arrive_at(pilot, "2d")
        burst(app, "h", *"Anna", "enter", *"2026-12-01", "enter")
        await pilot.pause()
        assert on_disk(app)["opsamling"] == {
            "action_plan_drafter": "Anna",
            "deadline": "2026-12-01",
        }
        burst(app, "a", *"Gitte", "enter", *"bio", "enter")
        await pilot.pause()
        person = on_disk(app)["participant"][-1]
        assert (person["name"], person["profession"]) == ("Gitte", "bioanalytiker")
        burst(app, "s", *"Eri", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.meeting.talk.speaker == "Erik"
        assert app.meeting.agenda.current.key == "2d"  # no letter was a meeting key


async def test_a_question_answered_in_the_burst_that_asks_it(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await arrive_at(pilot, "afslutning")
        await pilot.press("r")  # ends the evaluation round: n on the last step asks
        # "end the meeting?", its answer focused; tab: keep it going; + is the meeting's again
        burst(app, "n", "tab", "enter", "plus")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.meeting.agenda.is_live
        assert app.meeting.agenda.current.extension_seconds == 60
        burst(app, "r", "n", "enter")  # (+ started the evaluation round again: r ends it)
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert not app.meeting.agenda.is_live
        assert on_disk(app)["status"] == "finished"


async def test_meeting_keys_and_dialogs_in_one_burst_act_in_the_order_typed(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        # start; a dialog opened and closed again; a round of 1½ minutes; the next person
        burst(app, "space", "a", "escape", "r", *"1,5", "enter", "n")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        talk_round = app.meeting.talk.round
        assert talk_round is not None
        assert (talk_round.current, talk_round.seconds_per_person) == ("Bo", 90)
        assert spoke(app) == ["Anna", "Bo"]
        assert [p["name"] for p in on_disk(app)["participant"]] == [
            p.name for p in app.meeting.participants
        ]  # Escape added nobody
        # a note started in the same burst as the key that starts the meeting, from the top
        burst(app, "r", "space", "l", *"Først", "enter")
        await pilot.pause()
        assert app.meeting.talk.round is None
        assert app.meeting.agenda.state.value == "paused"
        assert [p["text"] for p in on_disk(app)["learning_point"]] == ["Først"]


async def test_the_notes_list_takes_the_keys_typed_with_v(make: MakeApp, clock: FakeClock) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        burst(app, "l", *"Blodprøver", "enter")
        await pilot.pause()
        clock.advance(60)
        burst(app, "l", *"Fødder", "enter")
        await pilot.pause()
        burst(app, "v", "d")  # the list, and its d: the newest note deleted
        await pilot.pause()
        assert [p["text"] for p in on_disk(app).get("learning_point", [])] == ["Blodprøver"]


# --- the keys typed after the key that closes ---------------------------------------------


async def test_the_keys_typed_after_a_notes_enter_are_the_meetings(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        steps = [step.key for step in app.meeting.agenda.steps]
        burst(app, "l", *"hello", "enter", "n")
        await pilot.pause()
        assert [p["text"] for p in on_disk(app)["learning_point"]] == ["hello"]
        assert app.meeting.agenda.current.key == steps[1]  # n: the next step, as a moment later
        assert app.focused is None

        # a note that cannot be saved keeps the panel open: what follows is typed in it
        burst(app, "p", *"Fodfrase", "tab", "tab", *"Zed", "enter", *["backspace"] * 3)
        burst(app, *"Bo", "enter", "plus")
        await pilot.pause()
        (proposal,) = on_disk(app)["proposal"]
        assert (proposal["text"], proposal["responsible"]) == ("Fodfrase", "Bo")
        assert app.meeting.agenda.current.extension_seconds == 60  # + after the saving Enter


async def test_points_typed_after_the_third_enter_are_the_next_persons(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await arrive_at(pilot, "afslutning")
        await pilot.pause()
        burst(app, "e", *"Booking", "enter", *"Fødder", "enter", *"Spørg", "enter")
        burst(app, *"Tid", "enter", *"Ro", "enter", "enter", *"Mere", "escape", "plus")
        await pilot.pause()
        assert on_disk(app)["evaluation"] == [
            {"participant": "Anna", "points": ["Booking", "Fødder", "Spørg"]},
            {"participant": "Bo", "points": ["Tid", "Ro"]},
            {"participant": "Cille", "points": ["Mere"]},  # Escape saved it, and left
        ]
        assert app.focused is None
        assert app.meeting.agenda.current.extension_seconds == 60  # + was the meeting's


async def test_a_person_chosen_in_the_burst_of_their_points(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await arrive_at(pilot, "afslutning")
        await pilot.pause()
        # the people list, the third person (Cille, not whose turn it is), her point; then
        # back to whose turn it is (Anna), whose first point is typed in the same burst
        burst(app, "e", "shift+tab", "down", "down", "enter", *"Godt", *["enter"] * 3, *"Ja")
        await pilot.pause()
        assert on_disk(app)["evaluation"] == [{"participant": "Cille", "points": ["Godt"]}]
        panel = app.screen.query_one(EvaluationPanel)
        assert panel.person == "Anna"
        assert app.focused is panel.query_one("#eval-1", Input)
        assert app.focused.value == "Ja"


# --- the start screen ---------------------------------------------------------------------


async def test_people_typed_in_one_burst_on_the_start_screen(make: MakeApp) -> None:
    """Name, Tab (or Enter), profession, Enter, for three people, then ctrl+s: all at once.
    The start screen's fields moved on only after the keys typed behind Tab had gone into
    the name ("Annalæge")."""
    app = make(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, *"Anna", "tab", *"læge", "enter", *"Bo", "enter", *"syg", "enter")
        burst(app, *"Cax", "backspace", *"rl", "tab", *"sekr", "ctrl+s")
        await pilot.pause()
        people = [(p.name, p.profession) for p in app.meeting.participants]
        assert people == [("Anna", "læge"), ("Bo", "sygeplejerske"), ("Carl", "sekretær")]
        assert isinstance(app.screen, MeetingScreen)
        assert [p["name"] for p in on_disk(app)["participant"]] == ["Anna", "Bo", "Carl"]


async def test_the_start_screens_enter_still_works_in_its_lists(make: MakeApp) -> None:
    """Enter is the fields' at once, and the lists' and pickers' own elsewhere."""
    app = make(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Anna", "tab", *"læge", "enter", *"Bo", "tab", *"læge", "enter")
        await pilot.press("tab", "tab", "tab", "tab")  # past profession, clinic and the list
        await pilot.press("enter", "down", "enter")  # the leader: the picker's own Enter
        await pilot.pause()
        assert app.meeting.roles.leader == "Anna"
