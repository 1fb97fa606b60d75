"""Every countdown colour reads across a room: at least 4.5:1 (WCAG AA) against its background,
in both themes, on the meeting screen and on the clock.

The colours are not copied here: each is read from the app as it runs (its stylesheet resolved
against the theme Textual uses), by putting the countdown in each state and asking the widget
for the style it draws its figures with (a translucent $text-muted comes resolved).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color
from textual.pilot import Pilot
from textual.theme import BUILTIN_THEMES
from textual.widget import Widget

from caseroom.domain.clock import FakeClock
from caseroom.store.session_file import save
from caseroom.ui.clock_app import make_clock_app
from caseroom.ui.screens.dialogs.reflection import ReflectionScreen
from caseroom.ui.themes import COUNTDOWN_COLOURS, countdown_variables
from caseroom.ui.widgets.bigclock import BigClock

from .conftest import SIZE, MakeApp
from .test_clock import fresh, new_meeting

THEMES = ("textual-dark", "textual-light")
MINIMUM = 4.5
# the state classes a countdown takes, and where they sit ("" is the running countdown)
MEETING_STATES = ("", "-wrapup", "-overrun", "-paused", "-break")
CLOCK_STATES = ("", "-wrapup", "-overrun", "-paused", "-break")
REFLECTION_STATES = ("", "-done", "-paused")


def luminance(color: Color) -> float:
    """WCAG relative luminance of an opaque colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: Color, background: Color) -> float:
    """WCAG contrast ratio of `foreground` drawn on `background` (alpha blended first)."""
    shown = background + foreground
    light, dark = sorted((luminance(shown), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula_matches_wcag() -> None:
    assert contrast(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21.0)
    assert contrast(Color(119, 119, 119), Color(255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    # half-transparent black on white is a mid grey
    assert contrast(Color(0, 0, 0, 0.5), Color(255, 255, 255)) < 4.5


async def ratios(
    pilot: Pilot[int], holder: Widget, states: tuple[str, ...], clock: Widget | None = None
) -> dict[str, float]:
    """The countdown's (`clock`, else `holder`'s BigClock) contrast in each state class of
    `holder`, in each theme."""
    found: dict[str, float] = {}
    app = pilot.app
    if clock is None:
        clock = holder if isinstance(holder, BigClock) else holder.query_one(BigClock)
    for theme in THEMES:
        app.theme = theme
        for state in states:
            holder.set_classes(state)  # restyled by the app's own stylesheet
            await pilot.pause()
            drawn = clock.visual_style.rich_style  # what the clock draws its figures with
            assert drawn.color is not None and drawn.bgcolor is not None
            color = Color.from_rich_color(drawn.color)
            background = Color.from_rich_color(drawn.bgcolor)
            found[f"{theme} {state or 'running'}"] = round(contrast(color, background), 2)
    return found


async def test_every_meeting_countdown_colour_reaches_4_5_to_1_in_both_themes(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        holder = app.screen.query_one("#countdown")
        found = await ratios(pilot, holder, MEETING_STATES)
        await pilot.press("space", "t")  # silent reflection: a countdown of its own
        screen = app.screen
        assert isinstance(screen, ReflectionScreen)
        digits = screen.query_one("#reflection-digits")
        reflecting = await ratios(pilot, screen, REFLECTION_STATES, digits)
    found.update({f"reflection {k}": v for k, v in reflecting.items()})
    assert len(found) == 16
    assert {k: v for k, v in found.items() if v < MINIMUM} == {}


async def test_every_clock_countdown_colour_reaches_4_5_to_1_in_both_themes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "session.toml"
    clock = FakeClock()
    save(new_meeting(clock), path)
    app = make_clock_app(path, clock=clock, real_time=fresh(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        found = await ratios(pilot, app.screen.query_one("#clock-big"), CLOCK_STATES)
    assert len(found) == 10
    assert {k: v for k, v in found.items() if v < MINIMUM} == {}


# the ANSI themes use the terminal's own colours, which only the terminal knows (see below)
MEASURABLE = sorted(name for name in BUILTIN_THEMES if not name.startswith("ansi"))


@pytest.mark.parametrize("name", MEASURABLE)
def test_the_countdown_colours_are_readable_in_every_theme_the_palette_offers(name: str) -> None:
    variables = BUILTIN_THEMES[name].to_color_system().generate()
    made = countdown_variables(variables)
    assert set(made) == set(COUNTDOWN_COLOURS)
    background = Color.parse(variables["background"])
    for variable, value in made.items():
        assert contrast(Color.parse(value), background) >= MINIMUM, (name, variable, value)
    # a colour that already reads is the theme's own, unchanged
    if contrast(Color.parse(variables["success"]), background) >= MINIMUM:
        assert made["countdown-running"] == Color.parse(variables["success"]).hex


def test_the_ansi_themes_keep_the_terminals_own_colours() -> None:
    variables = BUILTIN_THEMES["ansi-dark"].to_color_system().generate()
    made = countdown_variables(variables)
    assert made == {name: variables[source] for name, source in COUNTDOWN_COLOURS.items()}
