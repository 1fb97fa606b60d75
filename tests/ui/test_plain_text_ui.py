"""Text is data (issue "Trust", item 12): case, session and typed text is drawn as plain text.

A whole meeting on a case whose every text holds Textual markup (`[/]`, `[bold]`, an action
link) and terminal escapes: nothing crashes, the brackets show as they were written, and no
control or text-direction character reaches the screen.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from textual.widget import Widget
from textual.widgets import Input, OptionList, Select, Static

from caseroom.domain.agenda import RunState
from caseroom.domain.case import load_case
from caseroom.domain.clock import FakeClock
from caseroom.domain.people import Participant
from caseroom.ui.app import CaseroomApp
from caseroom.ui.screens.dialogs.confirm import FinishScreen
from caseroom.ui.screens.dialogs.groups import GroupsScreen
from caseroom.ui.screens.dialogs.info import FactboxScreen
from caseroom.ui.screens.dialogs.people import PresenceScreen
from caseroom.ui.screens.dialogs.reflection import ReflectionScreen
from caseroom.ui.screens.dialogs.talk import RoundScreen, SpeakerPicker
from caseroom.ui.screens.meeting import MeetingScreen
from caseroom.ui.screens.start import StartScreen
from caseroom.ui.widgets.checklist import Checklist

from .conftest import SIZE, MakeApp
from .helpers import current_screen, enter_person, session, shown, toasts, walk_to

CASE_FILE = Path(__file__).resolve().parents[1] / "data" / "cases" / "markup_and_controls.toml"
# what the file's `[/] [bold]B \u001b[31m\u0007` becomes: the escape's ESC and the bell gone
MARKED = "[/] [bold]B [31m"
PEOPLE = [Participant("Anna", "læge"), Participant("Bo", "nurse"), Participant("Cy", "sekretær")]
EXPLICIT_DIRECTION = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
MARKED_PEOPLE = [
    Participant("An[/]na", "[bold]læge"),
    Participant("[b]Bo", "nurse [/]"),
    Participant("Cy [@click=app.quit]x[/]", "sekretær"),
]


def is_unsafe(char: str) -> bool:
    """What must never be drawn (an oracle of its own, not the code under test): controls
    but newline and tab, and the characters that reorder text."""
    return (
        (unicodedata.category(char) == "Cc" and char not in "\n\t")
        or unicodedata.bidirectional(char) in EXPLICIT_DIRECTION
        or char in "\u061c\u200e\u200f\u2028\u2029"
    )


def drawn(screen: Widget) -> str:
    """Every text the screen's Statics, option lists and selection lists show, as plain text."""
    parts = [str(w.render()) for w in screen.query(Static) if w.display]
    for listing in screen.query(OptionList):
        parts += [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
    return "\n".join(parts)


def assert_clean(text: str) -> None:
    assert not [f"U+{ord(c):04X}" for c in text if is_unsafe(c)], text


async def test_a_whole_meeting_on_a_case_full_of_markup_and_escapes(
    make: MakeApp, clock: FakeClock
) -> None:
    case, _ = load_case(CASE_FILE)
    app = make(case=case, people=list(PEOPLE))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press("space")
        assert "Title [/] [bold]B[/bold] [31mRED RTL" in shown(app, "#status")
        await pilot.press("c")  # the leader's plot and notes, shown from now on
        seen: list[str] = []
        for _ in range(40):
            step = app.meeting.agenda.current
            await pilot.pause()
            text = drawn(screen)
            assert step.segment.title in shown(app, "#step-title")
            assert MARKED in shown(app, "#step-title")
            if step.segment.kind == "checklist":
                checklist = screen.query_one("#checklist", Checklist)
                assert list(checklist.items) == [
                    "Chairs [/] [bold]B [31m",
                    "Coffee [@click=app.quit]quit[/]",
                ]
                assert f"• Handout {MARKED}" in text
                listed = screen.query_one(".prompts", Checklist).items[0]
                assert listed == f"Prompt {MARKED}"  # a list to tick, as text
                assert f"Segment notes {MARKED}" in shown(app, "#plot")
                await pilot.press("l", *"Learning [/] [bold]point", "enter")
                await pilot.press("p", *"Proposal [/]", "tab", *"[/]", "tab", *"an", "enter")
            if step.question is not None:
                assert shown(app, "#question") == step.question.text
                assert f"Section {MARKED}" in text
                assert "a second line\twith a tab isolate embedding" in text
                plot = shown(app, "#plot")
                assert step.question.plot in plot and "Case notes [/] [bold]B ]0;owned 2J" in plot
                assert step.question.notes in plot
                await pilot.press("f")
                assert isinstance(app.screen, FactboxScreen)
                facts = drawn(app.screen)
                assert f"Fact box {MARKED}" in facts
                assert f"Fact text {MARKED}RED" in facts
                assert f"Source {MARKED}" in facts
                assert_clean(facts)
                await pilot.press("escape")
                if step.question.silent_reflection_minutes:
                    await pilot.press("t")
                    assert isinstance(app.screen, ReflectionScreen)
                    assert "Question [/] [bold]B [31mRED RTL" in drawn(app.screen)
                    await pilot.press("escape")
                    await pilot.press("g")
                    assert isinstance(app.screen, GroupsScreen)
                    assert "Anna (læge)" in drawn(app.screen)
                    await pilot.press("escape")
            if step.segment.kind == "break":
                assert "Summary [/] [bold]B [31m" in text  # what comes after the break
            if step.segment.kind == "opsamling":
                assert "Proposal [/]" in text and "Learning [/] [bold]point" in text
                assert "── [/] ──" in text  # the area, as the proposal chose it
            assert_clean(text + "\n".join(toasts(app)))
            seen.append(step.key)
            await pilot.press("n")
            if isinstance(app.screen, FinishScreen):
                await pilot.press("enter")
                break
        assert app.meeting.agenda.state is RunState.FINISHED
        assert {"open", "case/q1", "case/q2", "pause", "summary", "close"} <= set(seen)
        assert app.is_running  # the action link in the checklist did not quit
    doc = session(app)
    assert [p["text"] for p in doc["learning_point"]] == ["Learning [/] [bold]point"]
    proposal = doc["proposal"][0]
    assert (proposal["text"], proposal["area"], proposal["responsible"]) == (
        "Proposal [/]",
        "[/]",
        "Anna",
    )


async def test_names_with_markup_on_the_start_screen_and_in_the_dialogs(make: MakeApp) -> None:
    app = make(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, StartScreen)
        await enter_person(pilot, "[/]Anna", "[bold]læge")
        await enter_person(pilot, "Bo [b]", "nurse")
        roster = screen.query_one("#roster", OptionList)
        assert str(roster.get_option_at_index(0).prompt) == "1. [/]Anna · [bold]læge"
        await enter_person(pilot, "[/]anna", "x")  # the same name: refused, said plainly
        assert shown(app, "#error") == "[/]anna er allerede på listen"
        screen.query_one("#name", Input).value = ""
        screen.query_one("#profession", Input).value = ""
        select = screen.query_one("#role-leader", Select)
        select.value = "[/]Anna"
        await pilot.pause()
        assert "[/]Anna" in drawn(select)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert "Mødeleder: [/]Anna" in drawn(app.screen)  # the sidebar's roles
        assert "[/]Anna" in shown(app, "#tracker")
        await pilot.press("space", "g")
        assert isinstance(app.screen, GroupsScreen)
        assert "[/]Anna ([bold]læge)" in drawn(app.screen)
        await pilot.press("escape")
        back = current_screen(app)
        assert isinstance(back, MeetingScreen)
        back.action_toggle_presence()
        await pilot.pause()
        assert isinstance(app.screen, PresenceScreen)
        assert "[/]Anna · [bold]læge" in drawn(app.screen)
        await pilot.press("down", "enter")  # Bo [b] leaves
        await pilot.pause()
        assert "Bo [b] har forladt mødet." in toasts(app)
        assert app.meeting.participant("Bo [b]").present is False
        await pilot.press("r")
        assert isinstance(app.screen, RoundScreen)
        assert "[/]Anna" in drawn(app.screen)
        await pilot.press("escape", "s")
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press("enter")  # nothing typed: every name that matches, plainly
        assert "[/]Anna" in shown(app, "#error")


async def test_names_with_markup_in_the_evaluation_round(make: MakeApp) -> None:
    app = make(people=list(MARKED_PEOPLE))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "afslutning")
        assert "An[/]na" in drawn(app.screen)


async def test_an_unknown_person_typed_with_markup_is_named_plainly(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "p", *"Kaffe", "tab", "tab", *"[/]", "enter")
        assert "[/]" in shown(app, "#capture-error")


async def test_text_direction_and_control_characters_are_refused_on_the_start_screen(
    make: MakeApp,
) -> None:
    app = make(start_screen=True, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, StartScreen)
        await enter_person(pilot, "Anna", "læge\u202e")
        error = shown(app, "#error")
        assert "profession" in error and "U+202E" in error
        assert_clean(error)
        assert app.meeting.participants == []
        screen.query_one("#name", Input).value = ""
        screen.query_one("#profession", Input).value = ""
        await enter_person(pilot, "An\x1b[31mna", "læge")
        error = shown(app, "#error")
        assert "name" in error and "U+001B" in error
        assert_clean(error)
        assert app.meeting.participants == []
    assert isinstance(app, CaseroomApp)


async def test_every_notice_is_plain_even_a_case_path_with_markup(make: MakeApp) -> None:
    """A case warning names the case file's path; a path holding `[/]` crashed the start."""
    app = make(warnings=("cases/[/]x.toml:3: question[1].minutes: do not add up",))
    async with app.run_test(size=SIZE, notifications=True) as pilot:  # toasts drawn
        await pilot.pause()
        assert app.is_running
        assert any("cases/[/]x.toml" in text for text in toasts(app))
        app.screen.notify("[bold]Bo[/] has left")  # a screen's notice goes the same way
        await pilot.pause()
        assert app.is_running
