"""How the meeting screen shows a change: one frame, the same widgets, a key bar that keeps up."""

from __future__ import annotations

from typing import Any

import pytest
from rich.console import ConsoleRenderable, RichCast
from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.ui.screens.meeting import MeetingScreen
from caseroom.ui.widgets.keybar import KeyBar

from .conftest import SIZE, MakeApp
from .helpers import session, walk_to


def keybar(app: object) -> KeyBar:
    return app.screen.query_one(KeyBar)  # type: ignore[attr-defined, no-any-return]


def key_state(bar: KeyBar, key: str) -> bool:
    """Whether the key bar shows `key` as enabled (it must be on the bar)."""
    bar.render()
    states = {k: enabled for _row, _start, _end, k, enabled in bar.spans}
    return states[key]


async def test_the_key_bar_shows_which_keys_apply_now_and_follows_the_agenda(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=(250, 70)) as pilot:  # room for every key, disabled ones too
        bar = keybar(app)
        text = str(bar.render())
        assert "n Næste" in text and "^p kommandoer" in text
        assert not key_state(bar, "n")  # not started: nothing to move to
        await pilot.press("space")
        await pilot.pause()
        assert key_state(bar, "n")
        assert not key_state(bar, "f")  # 2a has no fact boxes
        await walk_to(pilot, "2c/q1")
        await pilot.pause()
        assert key_state(bar, "f")  # the first question has fact boxes
        # a disabled key is drawn dim
        await walk_to(pilot, "pause")
        await pilot.pause()
        rendered = bar.render()
        assert isinstance(rendered, Text) and not key_state(bar, "f")
        _row, start, _end, _key, _enabled = next(s for s in bar.spans if s[3] == "f")
        assert rendered.get_style_at_offset(app.console, start + 1).dim
        _row, start, _end, _key, _enabled = next(s for s in bar.spans if s[3] == "n")
        assert not rendered.get_style_at_offset(app.console, start + 1).dim


async def test_clicking_a_key_on_the_bar_presses_it(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        bar = keybar(app)
        bar.render()
        row, start, end, _key, _enabled = next(s for s in bar.spans if s[3] == "n")
        await pilot.click(KeyBar, offset=((start + end) // 2, row))
        await pilot.pause()
        assert app.meeting.agenda.current.key == "2b"


CASE_KEYS = ["space", "n", "b", "plus", "minus", "x", "f", "c", "t", "g", "r", "l", "p", "v"]


async def test_every_key_that_applies_to_a_question_is_on_the_bar_at_120x40(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2c/q1")
        await pilot.pause()
        bar = keybar(app)
        assert bar.size.height == 2 and app.screen.has_class("-two-key-lines")
        lines = str(bar.render()).splitlines()
        assert [s[3] for s in bar.spans if s[4]][: len(CASE_KEYS)] == CASE_KEYS
        assert "f Faktabokse" in lines[1] and "l Læring" in lines[1]  # the full labels
        assert "? Taster" in lines[0]
        row, start, end, _key, _enabled = next(s for s in bar.spans if s[3] == "f")
        assert row == 1
        await pilot.click(KeyBar, offset=((start + end) // 2, row))  # the second line clicks too
        await pilot.pause()
        assert type(app.screen).__name__ == "FactboxScreen"


async def test_at_80x24_every_key_that_applies_is_on_the_bar_shorter(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2c/q1")
        await pilot.pause()
        bar = keybar(app)
        text = str(bar.render())
        assert [s[3] for s in bar.spans if s[4]][: len(CASE_KEYS)] == CASE_KEYS
        assert "f Fakta " in text and "Faktabokse" not in text  # the short labels
    async with make().run_test(size=(80, 20)) as pilot:  # too low for two lines: keys only
        bar = keybar(pilot.app)
        await pilot.press("space")
        await pilot.pause()
        assert bar.size.height == 1
        bar.render()
        assert {"space", "n", "plus", "l", "p"} <= {s[3] for s in bar.spans}


async def test_moving_between_questions_keeps_the_layout_and_the_widgets(
    make: MakeApp, clock: FakeClock
) -> None:
    """The question box is as tall as the longest question and the section text is updated in
    place, so a step of the case never re-arranges the screen."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2c/q1")
        await pilot.pause()
        screen = app.screen
        question = screen.query_one("#question", Static)
        statics = list(screen.query_one("#content").query(Static))
        heights, sections = set(), []
        questions = [q.text.strip() for q in app.meeting.case.questions_of("2c")]
        for number in range(1, len(questions) + 1):
            await walk_to(pilot, f"2c/q{number}")
            await pilot.pause()
            assert str(question.render()) == questions[number - 1]
            heights.add(question.outer_size.height)
            assert list(screen.query_one("#content").query(Static)) == statics  # not remounted
            sections.append(str(statics[1].render()))
        assert len(heights) == 1  # one height for every question
        assert len(set(sections)) == len(questions)  # yet each shows its own section
        assert session(app)["agenda"]["current"] == f"2c/q{len(questions)}"
        assert app.keeper.saved  # the last move is flushed to the disk after its frame


async def test_between_changes_the_countdown_ticks_by_the_second_and_the_rest_by_the_minute(
    make: MakeApp, clock: FakeClock
) -> None:
    from .helpers import countdown, shown

    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        screen = app.screen
        clock.advance(20)
        screen.tick()  # type: ignore[attr-defined]
        before = shown(app, "#figures"), shown(app, "#agenda")
        assert countdown(app) == "09:40"
        assert "Punkt 10 min tilbage" in before[0]  # 9:40 left: whole minutes, rounded up
        clock.advance(1)
        screen.tick()  # type: ignore[attr-defined]
        assert countdown(app) == "09:39"
        assert (shown(app, "#figures"), shown(app, "#agenda")) == before
        clock.advance(40)  # 8:59 left
        screen.tick()  # type: ignore[attr-defined]
        assert countdown(app) == "08:59"
        assert "Punkt 9 min tilbage" in shown(app, "#figures")
        assert "1 min" in shown(app, "#agenda").splitlines()[0]  # Opstart: 1 minute used


def test_the_tick_lands_just_after_the_shown_second_changes() -> None:
    from caseroom.domain.agenda import AgendaRun
    from caseroom.store.cases import open_case
    from caseroom.ui.ticks import IDLE_TICK_SECONDS, next_change_in

    clock = FakeClock()
    agenda = AgendaRun(open_case(None)[0], clock)
    assert next_change_in(agenda) == IDLE_TICK_SECONDS  # not started: nothing counts down
    agenda.start()
    clock.advance(0.25)  # 599.75 s left: shows 10:00 until 599.0, 0.75 s from now
    assert abs(next_change_in(agenda) - (0.749 + 0.005)) < 1e-6
    assert abs(next_change_in(agenda, speed=30) - (0.749 / 30 + 0.005)) < 1e-6
    clock.advance(600.5)  # 0.75 s over: +00:00 becomes +00:01 in 0.25 s
    assert abs(next_change_in(agenda) - (0.25 + 0.005)) < 1e-6


async def test_a_pause_or_a_break_restyles_a_few_widgets_not_the_whole_screen(
    make: MakeApp,
) -> None:
    """A state class set on the screen restyles all of its widgets (~40 ms at 120x40)."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        restyled: list[object] = []
        original = app.stylesheet.update_nodes

        def spy(nodes: object, animate: bool = False) -> None:
            listed = list(nodes)  # type: ignore[call-overload]
            restyled.extend(listed)
            original(listed, animate=animate)

        app.stylesheet.update_nodes = spy  # type: ignore[method-assign]
        screen = app.screen
        await pilot.press("space")  # pause: the banner and the countdown change colour
        await pilot.pause()
        assert screen.query_one("#banner").has_class("-paused")
        assert screen.query_one("#countdown").has_class("-paused")
        assert screen not in restyled and len(restyled) < 8, restyled
        await pilot.press("space")
        await walk_to(pilot, "pause")  # the break's countdown is taller
        await pilot.pause()
        assert screen.query_one("#countdown").has_class("-break")
        assert screen not in restyled and len(restyled) < 16, restyled


async def test_help_quit_and_the_palette_are_always_on_the_bar(make: MakeApp) -> None:
    """At 80 columns most keys do not fit: those that apply now come first, and ? (every
    key), q and ctrl+p are always there, at the right."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2c/q1")
        await pilot.pause()
        bar = keybar(app)
        first = str(bar.render()).splitlines()[0]
        assert len(first) == 80
        assert first.rstrip().endswith("▏ ? Taster  q Afslut  ^p kommandoer")
        keys = [key for _row, _start, _end, key, _enabled in bar.spans]
        assert keys[:2] == ["space", "n"] and keys[-3:] == ["question_mark", "q", "ctrl+p"]
        assert all(enabled for *_rest, enabled in bar.spans)  # no room: disabled ones go first
    app = make(lang="en")
    async with app.run_test(size=(80, 24)):
        assert str(keybar(app).render()).splitlines()[0].rstrip().endswith("^p commands")


async def test_a_widget_waiting_for_its_own_repaint_is_in_the_screens_next_frame(
    make: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key bar stayed stale after space in a real terminal: its repaint was waiting when
    the screen repainted regions of itself, and Textual dropped it (a race Pilot's timing
    rarely hits, so the two are put in the same frame by hand here)."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        frames: list[str] = []
        original = app._display

        def display(
            shown_screen: Screen[Any], renderable: ConsoleRenderable | RichCast | str | None
        ) -> None:
            if renderable is not None:
                frames.append(renderable.render_segments(app.console))  # type: ignore[union-attr]
            original(shown_screen, renderable)

        monkeypatch.setattr(app, "_display", display)
        bar = keybar(app)
        bar.render = lambda: Text("NEW KEYS")  # type: ignore[method-assign]
        bar.refresh()
        screen._dirty_widgets.add(bar)  # as the bar's Update message does
        screen.repainted.append(screen.one("#figures").region)
        screen.refresh_all()  # the screen repaints a region of itself
        screen._on_timer_update()
        assert any("NEW KEYS" in frame for frame in frames)


async def test_a_long_case_title_gives_way_to_the_time_of_day(make: MakeApp, case: Case) -> None:
    long_title = case.model_copy(update={"title": "Case-møde: " + "meget lang titel " * 12})
    app = make(case=long_title)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        status = app.screen.query_one("#status", Static)
        line = str(status.render())
        assert line.rstrip().endswith(f"{app.meeting.clock.now():%H:%M}")
        assert "…" in line and len(line.rstrip()) <= 78
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        line = str(status.render())
        assert line.rstrip().endswith(f"{app.meeting.clock.now():%H:%M}") and "…" in line
        assert len(line.rstrip()) == 118  # the status line's whole width, to the last column
        await pilot.resize_terminal(24, 8)  # no room for a title at all: still the time
        await pilot.pause()
        line = str(status.render())
        assert line.rstrip().endswith(f"{app.meeting.clock.now():%H:%M}")
        assert "møde" not in line and len(line.rstrip()) <= 22


async def test_the_learning_panel_hints_only_its_own_keys(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "l")
        hint = str(app.screen.query_one("#capture-hint", Static).render())
        assert hint == "Enter gemmer · Escape fortryder · ctrl+j ny linje"
        await pilot.press("escape", "p")
        hint = str(app.screen.query_one("#capture-hint", Static).render())
        assert "tab: område, ansvarlig" in hint


async def test_a_very_narrow_bar_keeps_help_before_anything_else(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        text = str(keybar(app).render())
        assert "? Taster" in text and len(text) == 30
