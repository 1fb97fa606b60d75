"""The countdown's colours, readable across a room in any theme.

Textual's themes give `$success`, `$warning`, `$error`: saturated colours that read well on a
dark background but are pale on a light one (green on light grey is about 1.8:1 in
textual-light, which a projector washes out). The countdown takes its colours from these
variables instead, each the theme's own colour moved towards black (light themes) or white
(dark ones) just until it reaches WCAG's 4.5:1 against the theme's background. Both apps add
them through Textual's `get_css_variables`, so they follow a theme chosen in the palette too.
"""

from __future__ import annotations

from textual.app import App
from textual.color import Color, ColorParseError

MINIMUM_CONTRAST = 4.5
_STEP = 0.02  # how far one step moves the colour (Textual's darken/lighten amount)

# the countdown's CSS variable, and the theme variable it is made from
COUNTDOWN_COLOURS: dict[str, str] = {
    "countdown-running": "success",
    "countdown-wrapup": "warning",
    "countdown-overrun": "error",
    "countdown-paused": "text-muted",
    "countdown-calm": "primary",  # the clock's break and the silent reflection
}


def luminance(color: Color) -> float:
    """WCAG relative luminance of an opaque colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: Color, background: Color) -> float:
    """WCAG contrast ratio of `foreground` drawn on `background` (its alpha blended first)."""
    shown = background + foreground
    light, dark = sorted((luminance(shown), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(color: Color, background: Color, minimum: float = MINIMUM_CONTRAST) -> Color:
    """`color` drawn on `background`, darkened (on a light background) or lightened (on a dark
    one) in small steps until it reaches `minimum`; unchanged when it already does."""
    shown = (background + color).clamped
    if contrast(shown, background) >= minimum:
        return shown
    darker = luminance(background) > 0.18  # nearer white than black: move towards black
    for step in range(1, int(1 / _STEP) + 1):
        candidate = shown.darken(step * _STEP) if darker else shown.lighten(step * _STEP)
        if contrast(candidate, background) >= minimum:
            return candidate
    return Color(0, 0, 0) if darker else Color(255, 255, 255)


def resolve(value: str, background: Color) -> Color:
    """A theme variable's colour; `auto 60%` (`$text-muted`) is the background's contrasting
    text colour at that opacity, as Textual draws it."""
    if value.startswith("auto"):
        percent = value.removeprefix("auto").strip().rstrip("%")
        return background.get_contrast_text(float(percent) / 100 if percent else 1.0)
    return Color.parse(value)


def countdown_variables(variables: dict[str, str]) -> dict[str, str]:
    """The countdown's variables for a theme's resolved CSS variables (`$background` & co).

    The ANSI themes name the terminal's own colours (`ansi_default`), whose values only the
    terminal knows: there the countdown keeps the theme's colours as they are.
    """
    try:
        background = Color.parse(variables["background"])
        return {
            name: readable(resolve(variables[source], background), background).hex
            for name, source in COUNTDOWN_COLOURS.items()
        }
    except ColorParseError:
        return {name: variables[source] for name, source in COUNTDOWN_COLOURS.items()}


class ReadableCountdownApp(App[int]):
    """An app whose stylesheet (caseroom.tcss) draws countdowns: the theme's variables and the
    countdown's colours readable on its background, for any theme chosen (the meeting, the
    clock and the note-taker's screen)."""

    def get_css_variables(self) -> dict[str, str]:
        variables = super().get_css_variables()
        self.theme_variables = {**variables, **countdown_variables(variables)}
        return self.theme_variables
