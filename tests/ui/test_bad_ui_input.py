"""Bad input in the UI: 30 people, a 200-character name, huge notes, pasted control characters.

What tests/ui/test_captures_ui.py and test_tracker_ui.py already prove (a 10,000-character
learning point, C0 controls and emoji in a capture, the picker among eleven) is not repeated;
this file takes the same kinds of input everywhere else they can enter: the start screen,
the number keys and the picker with 30 people, the tracker and the agenda beside a very long
name, the proposal fields, the action-plan dialog, the evaluation round and the notes lists.
Each time nothing may crash, the layout must hold (every pane inside the screen, the
countdown visible, no line wider than its pane), and the session file must hold no control
character anywhere.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from caseroom.domain.people import Participant
from caseroom.ui.app import CaseroomApp
from caseroom.ui.screens.dialogs.talk import SpeakerPicker
from caseroom.ui.screens.meeting import MeetingScreen
from caseroom.ui.screens.start import StartScreen
from caseroom.ui.widgets.notes import NotesList

from .conftest import SIZE, MakeApp
from .helpers import enter_person

LONG = ("Wilhelmina " + "Kristensen-Bach-" * 13)[:200]
NAMES = [
    "Anna", "Bo", "Cille", "Dorte", "Erik", "Fie", "Gitte", "Hans", "Ida", "Jens",
    "Karen", "Lars", "Mette", "Niels", "Ole", "Pia", "Rasmus", "Sofie", "Tina", "Ulla",
    "Vibeke", "Yrsa", "Zenia", "Åse", "Ørjan", "Æbbe", "Bent", "Conny", "👩‍⚕️ Dagmar",
]  # fmt: skip
JOBS = ("læge", "sygeplejerske", "bioanalytiker", "sekretær")
# what a paste from a mail or a web page can carry: C0 and C1 controls, DEL, escape sequences
DIRT = "\x1b[31m\x07\x00\x9b2J\x7f\x08"


SEAT = re.compile(r"^ ?\d{1,2}[○▶ ]")


def thirty() -> list[Participant]:
    people = [Participant(name, JOBS[n % 4]) for n, name in enumerate(NAMES)]
    return [*people, Participant(LONG, "uddannelseslæge")]


def controls_in(value: Any) -> list[str]:
    """Every string in a TOML document that holds a control character (newline, tab aside)."""
    if isinstance(value, dict):
        return [bad for item in value.values() for bad in controls_in(item)]
    if isinstance(value, list):
        return [bad for item in value for bad in controls_in(item)]
    if isinstance(value, str) and any(
        (c < " " and c not in "\n\t") or "\x7f" <= c <= "\x9f" for c in value
    ):
        return [value]
    return []


def on_disk(app: CaseroomApp) -> dict[str, Any]:
    with Path(app.keeper.path).open("rb") as handle:
        return tomllib.load(handle)


def inside(app: CaseroomApp, *widgets: Widget) -> None:
    for widget in widgets:
        assert widget.region.area > 0, widget
        assert app.screen.region.contains_region(widget.region), (widget, widget.region)


def layout_holds(app: CaseroomApp) -> None:
    """The meeting screen: panes inside the screen, the countdown shown, no line too wide."""
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    screen.refresh_all()
    inside(app, screen.query_one("#main"), screen.query_one("#countdown"))
    assert screen.query_one("#countdown").value  # type: ignore[attr-defined]
    sidebar = screen.query_one("#sidebar")
    if sidebar.display and sidebar.region.area:
        inside(app, sidebar)
        width = sidebar.content_region.width
        agenda = str(screen.query_one("#agenda", Static).render()).splitlines()
        tracker = str(screen.query_one("#tracker", Static).render()).splitlines()
        rows = [line for line in tracker if SEAT.match(line)]  # one row per person
        assert len(rows) == len(app.meeting.present)
        for line in agenda + rows:  # cut to fit (a hint below them may wrap)
            assert cell_len(line) <= width, (line, width)


async def arrive(pilot: Pilot[int], step_key: str) -> None:
    """To the step before `step_key` in the domain (quick), then n (the screen's arrival)."""
    app = pilot.app
    assert isinstance(app, CaseroomApp)
    agenda = app.meeting.agenda
    keys = [step.key for step in agenda.steps]
    while keys.index(agenda.current.key) < keys.index(step_key) - 1:
        app.meeting.next()
    await pilot.press("n")
    assert agenda.current.key == step_key


async def paste(pilot: Pilot[int], text: str) -> None:
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def error_line(app: CaseroomApp) -> str:
    return str(app.screen.query_one("#error", Static).render())


async def test_the_start_screen_takes_thirty_people_and_refuses_what_it_cannot_keep(
    make: MakeApp,
) -> None:
    app = make(start_screen=True)
    for person in thirty()[:29]:  # 29 already entered, as if typed
        app.meeting.add_participant(person.name, person.profession)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        app.screen.refresh_people()
        await enter_person(pilot, LONG + "x", "læge")
        assert error_line(app) == "navnet er længere end 200 tegn"
        await enter_person(pilot, "Bo" + DIRT, "læge")
        refused = "kan ikke indeholde kontroltegn eller tegn for tekstretning"
        codes = "U+001B, U+0007, U+0000, U+009B, U+007F, U+0008"  # named, never echoed
        assert error_line(app) == f"navnet {refused} ({codes})"
        await enter_person(pilot, "Bodil\x9b31m", "læge")  # a C1 escape (CSI) alone, too
        assert error_line(app) == f"navnet {refused} (U+009B)"
        await enter_person(pilot, "Bodil", "sekretær\x7f")
        assert error_line(app) == f"faggruppen {refused} (U+007F)"
        await enter_person(pilot, LONG, "uddannelseslæge")  # exactly 200: the 30th person
        assert error_line(app) == ""
        await enter_person(pilot, "Ekstra", "læge")
        assert error_line(app) == "højst 30 deltagere"
        roster = app.screen.query_one("#roster", OptionList)
        assert roster.option_count == 30
        inside(app, roster, app.screen.query_one("#name", Input))
        for width, height in ((80, 24), (40, 12)):
            await pilot.resize_terminal(width, height)
            assert roster.region.right <= width
        await pilot.resize_terminal(*SIZE)
        await pilot.press("ctrl+s")  # "Ekstra" is still typed in: never dropped silently
        assert isinstance(app.screen, StartScreen)
        assert error_line(app) == "højst 30 deltagere"
        for field in ("#name", "#profession"):
            app.screen.query_one(field, Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        layout_holds(app)
    doc = on_disk(app)
    assert [p["name"] for p in doc["participant"]] == [p.name for p in thirty()]
    assert controls_in(doc) == []


async def test_thirty_people_by_number_keys_and_the_picker_beside_a_long_name(
    make: MakeApp,
) -> None:
    app = make(people=thirty())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        for number in range(1, 10):
            await pilot.press(str(number))
            assert app.meeting.talk.speaker == NAMES[number - 1]
        await pilot.press("0")
        assert app.meeting.talk.speaker is None

        await pilot.press("s")
        assert isinstance(app.screen, SpeakerPicker)
        await paste(pilot, "wilh")  # the first letters of the 200-character name
        await pilot.press("enter")
        assert app.meeting.talk.speaker == LONG
        await pilot.press("s")
        await paste(pilot, "👩‍⚕️")  # a name that starts with an emoji
        await pilot.press("enter")
        assert app.meeting.talk.speaker == "👩‍⚕️ Dagmar"
        await pilot.press("s")
        await paste(pilot, "Å")  # Åse, not Anna: letters beyond a–z
        await pilot.press("enter")
        assert app.meeting.talk.speaker == "Åse"

        layout_holds(app)
        tracker = str(app.screen.query_one("#tracker", Static).render())
        row = next(line for line in tracker.splitlines() if line.startswith("30"))
        assert row.startswith("30○Wil") and "…" in row  # shortened to fit, but there
        for width, height in ((80, 24), (40, 12), (250, 70)):
            await pilot.resize_terminal(width, height)
            layout_holds(app)
    doc = on_disk(app)
    assert doc["talk"]["speaker"] == "Åse"
    assert {p["name"] for p in doc["participant"]} == {p.name for p in thirty()}


async def test_dirt_and_huge_text_pasted_into_every_field_is_saved_clean(
    make: MakeApp,
) -> None:
    app = make(people=thirty())
    huge = "Ø" * 10_000  # one word wider than any screen
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.press("l")
        await paste(pilot, "Tid 🕐" + DIRT + "\rtil spørgsmål\u200b")
        await pilot.press("enter")
        await pilot.press("p")
        await paste(pilot, huge)
        await pilot.press("tab")
        await paste(pilot, DIRT + "nyt område 🎉" + DIRT)  # an area of one's own
        await pilot.press("tab")
        await paste(pilot, "wil")  # the responsible person, by first letters
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.meeting.proposals) == 1
        proposal = app.meeting.proposals[0]
        assert proposal.text == huge
        assert proposal.area == "[31m2Jnyt område 🎉[31m2J"
        assert proposal.responsible == LONG
        layout_holds(app)

        await pilot.press("v")  # the notes list with a 10,000-character word in it
        listing = app.screen.query_one("#notes-list", NotesList)
        inside(app, listing)
        assert listing.region.right <= SIZE[0]
        await pilot.press("escape", "v")

        await arrive(pilot, "2d")  # Opsamling lists it by area; h: who drafts the plan
        layout_holds(app)
        await pilot.press("h")
        await paste(pilot, "Ledelsen" + DIRT)
        await pilot.press("enter")
        await paste(pilot, "2026-12-01")
        await pilot.press("enter")
        assert app.meeting.opsamling.action_plan_drafter == "Ledelsen[31m2J"

        await arrive(pilot, "afslutning")  # evaluation points with the same dirt
        await pilot.press("e")
        await paste(pilot, "Ro" + DIRT + "på")
        await pilot.press("enter", "enter", "enter")
        assert app.meeting.evaluation_of(NAMES[0]) == ["Ro[31m2Jpå"]
        layout_holds(app)
    doc = on_disk(app)
    assert controls_in(doc) == []
    assert [p["text"] for p in doc["learning_point"]] == ["Tid 🕐[31m2J\ntil spørgsmål\u200b"]
    assert doc["proposal"][0]["text"] == huge
