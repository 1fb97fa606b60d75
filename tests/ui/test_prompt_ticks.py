"""The introduction's prompts are ticked like the set-up checklist: Enter or a click, saved in
the session, shown ticked again on resume; space stays the pause key."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from caseroom.domain.agenda import RunState
from caseroom.domain.clock import FakeClock
from caseroom.store.session_file import load
from caseroom.ui.widgets.checklist import Checklist

from .conftest import SIZE, MakeApp
from .helpers import agenda_state, session, shown, walk_to


async def test_the_introductions_prompts_tick_are_saved_and_come_back_on_resume(
    make: MakeApp, clock: FakeClock, session_path: Path
) -> None:
    first = make()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2b")
        prompts = first.screen.query_one(".prompts", Checklist)
        assert "Mobiltelefoner slukkes" in prompts.items[0]
        await pilot.press("tab")
        assert first.focused is prompts
        await pilot.press("enter", "down", "down", "enter")
        assert prompts.selected == [0, 2]
        assert session(first)["prompts"] == {"2b": [0, 2]}
        await pilot.press("space")  # the pause key, even in the list
        assert agenda_state(first) is RunState.PAUSED
        assert prompts.selected == [0, 2]
        await pilot.press("space", "enter")  # unticks the third
        assert session(first)["prompts"] == {"2b": [0]}
        await pilot.press("q")
        await pilot.click("#close")

    app = make(meeting=load(session_path, clock))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one(".prompts", Checklist).selected == [0]
        await pilot.press("n")  # the case: its questions lead, no list to tick
        await pilot.pause()
        assert not app.screen.query(".prompts")
        assert "Spørgsmål 1 af 7" in shown(app, "#step-title")


async def test_opsamling_keeps_its_prompts_as_text_and_its_own_list_first(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2d")
        await pilot.pause()
        assert not app.screen.query(".prompts")
        assert app.meeting.case.segments[4].prompts
        prompt = app.meeting.case.segments[4].prompts[0]
        content = " ".join(
            str(s.render()) for s in app.screen.query("#content Static").results(Static)
        )
        assert prompt[:20] in content


async def test_long_prompts_wrap_in_a_narrow_terminal_instead_of_being_cut(
    make: MakeApp,
) -> None:
    """At 80x24 the content column is about 50 cells: a prompt longer than that wraps under
    its text, whole, beside its tick box (a list that drew one line per item cut it with …)."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2b")
        await pilot.pause()
        prompts = app.screen.query_one(".prompts", Checklist)
        long_one = prompts.items[1]
        assert len(long_one) > prompts.size.width
        screen = app.export_screenshot().replace("&#160;", " ")
        for word in long_one.split()[-2:]:  # the end of the prompt is on the screen
            assert word in screen, word


async def test_a_tick_that_arrives_after_the_step_moved_on_ticks_its_own_list(
    make: MakeApp,
) -> None:
    """Enter on a prompt and n typed together: the tick is handled once the case is the
    current step. It ticks the introduction's prompt it was pressed on (not the case's,
    which has no list: the engine would refuse, and nothing may crash)."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2b")
        await pilot.pause()
        prompts = app.screen.query_one(".prompts", Checklist)
        late = Checklist.Toggled(prompts, 1)
        await pilot.press("n")
        assert app.meeting.agenda.current.segment.id != "2b"
        app.screen.prompt_toggled(late)  # type: ignore[attr-defined]
        assert app.meeting.prompts_ticked == {"2b": {1}}
        assert prompts.selected == [1]
