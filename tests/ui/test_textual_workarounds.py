"""Pins of the Textual behaviour that caseroom/ui/textual_workarounds.py and the work-arounds
it names exist for: each fails when Textual changes it, so the work-around is looked at again.
"""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.command import CommandList, CommandPalette
from textual.widgets import Static
from textual.widgets.option_list import Option

from caseroom.ui.textual_workarounds import PALETTE_NO_MATCHES_ID, reword_no_matches


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("figures", id="figures")
        yield Static("OLD KEYS", id="bar")


async def test_textual_adds_its_english_no_matches_line_by_add_option(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The palette's "no matches" line arrives through `CommandList.add_option`, as an Option
    with the id `reword_no_matches` looks for (Textual 8.2)."""
    monkeypatch.setattr(CommandPalette, "_NO_MATCHES_COUNTDOWN", 0.001)
    added: list[Option] = []
    app = Bare()
    async with app.run_test() as pilot:
        app.action_command_palette()
        await pilot.pause()
        commands = app.screen.query_one(CommandList)
        original = commands.add_option

        def spy(option: Option) -> Option:
            added.append(option)
            return Option("REWORDED", id=option.id)

        reword_no_matches(commands, spy)
        await pilot.press(*"zqxzqx")
        for _ in range(500):
            if added:
                break
            await pilot.pause()
        assert [option.id for option in added] == [PALETTE_NO_MATCHES_ID]
        assert "No matches found" in str(added[0].prompt)
        assert "REWORDED" in commands.render_line(0).text
        assert original is not commands.add_option


async def test_textual_drops_a_waiting_widget_when_the_screen_repaints_regions() -> None:
    """Why the meeting screen puts the key bar's region in its own repaint (`refresh_all`):
    a widget whose repaint waits for the frame in which the screen repaints regions of itself
    is left out of that frame (Textual 8.2)."""
    app = Bare()
    async with app.run_test() as pilot:
        await pilot.pause()
        frames: list[str] = []
        original = app._display

        def display(screen: object, renderable: object) -> None:
            if renderable is not None:
                frames.append(renderable.render_segments(app.console))  # type: ignore[attr-defined]
            original(screen, renderable)  # type: ignore[arg-type]

        app._display = display  # type: ignore[method-assign]
        screen = app.screen
        bar = screen.query_one("#bar", Static)
        bar.render = lambda: Text("NEW KEYS")  # type: ignore[method-assign]
        bar.refresh()
        screen._dirty_widgets.add(bar)  # as the bar's Update message does
        screen.refresh(screen.query_one("#figures").region)
        screen._on_timer_update()
        assert frames and not any("NEW KEYS" in frame for frame in frames)
