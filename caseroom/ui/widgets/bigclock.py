"""A countdown as large as the space it is given: a small bitmap font, scaled, in block characters.

Two fonts (3x5 and 5x7 pixels); each pixel is `scale` columns wide and `scale` half-rows tall
(a terminal cell is about twice as tall as it is wide, so half-block characters make square
pixels). The font and scale that give the tallest figures win. When not even the smallest
font fits, the widget shows the text as one bold line.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.events import Resize
from textual.widget import Widget


@dataclass(frozen=True)
class Font:
    name: str
    height: int
    glyphs: dict[str, tuple[str, ...]]

    def width_of(self, text: str) -> int:
        """Pixel width of `text`, one blank pixel column between glyphs."""
        widths = [len(self.glyphs[c][0]) for c in text if c in self.glyphs]
        return sum(widths) + max(0, len(widths) - 1)


SMALL = Font(
    "3x5",
    5,
    {
        "0": ("###", "#.#", "#.#", "#.#", "###"),
        "1": (".#.", "##.", ".#.", ".#.", "###"),
        "2": ("###", "..#", "###", "#..", "###"),
        "3": ("###", "..#", "###", "..#", "###"),
        "4": ("#.#", "#.#", "###", "..#", "..#"),
        "5": ("###", "#..", "###", "..#", "###"),
        "6": ("###", "#..", "###", "#.#", "###"),
        "7": ("###", "..#", "..#", "..#", "..#"),
        "8": ("###", "#.#", "###", "#.#", "###"),
        "9": ("###", "#.#", "###", "..#", "###"),
        ":": (".", "#", ".", "#", "."),
        "+": ("...", ".#.", "###", ".#.", "..."),
        "-": ("...", "...", "###", "...", "..."),
        " ": ("...", "...", "...", "...", "..."),
    },
)

LARGE = Font(
    "5x7",
    7,
    {
        "0": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
        "1": ("..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."),
        "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
        "3": ("#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."),
        "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
        "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
        "6": ("..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."),
        "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
        "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
        "9": (".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."),
        ":": (".", ".", "#", ".", "#", ".", "."),
        "+": (".....", "..#..", "..#..", "#####", "..#..", "..#..", "....."),
        "-": (".....", ".....", ".....", "#####", ".....", ".....", "....."),
        " ": (".....", ".....", ".....", ".....", ".....", ".....", "....."),
    },
)

FONTS = (LARGE, SMALL)

_HALF = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def fit(text: str, width: int, height: int) -> tuple[Font, int] | None:
    """The font and integer scale that draw `text` tallest within width x height cells."""
    best: tuple[Font, int] | None = None
    best_rows = 0
    for font in FONTS:
        pixels = font.width_of(text)
        if pixels == 0:
            continue
        scale = min(width // pixels, (2 * height) // font.height)
        rows = scale * font.height  # in half-rows
        if scale >= 1 and rows > best_rows:
            best, best_rows = (font, scale), rows
    return best


def draw(text: str, font: Font, scale: int) -> list[str]:
    """`text` in `font`, every pixel `scale` columns by `scale` half-rows, as block characters."""
    chars = [c for c in text if c in font.glyphs]
    pixel_rows: list[str] = []
    for row in range(font.height):
        pieces = [font.glyphs[c][row] for c in chars]
        pixel_rows.append(".".join(pieces))
    half_rows: list[list[bool]] = []
    for line in pixel_rows:
        scaled = [pixel == "#" for pixel in line for _ in range(scale)]
        half_rows.extend([scaled] * scale)
    if len(half_rows) % 2:
        half_rows.append([False] * len(half_rows[0]))
    lines: list[str] = []
    for top, bottom in zip(half_rows[0::2], half_rows[1::2], strict=True):
        lines.append("".join(_HALF[pair] for pair in zip(top, bottom, strict=True)))
    return lines


def big_lines(text: str, width: int, height: int) -> list[str] | None:
    """The drawn lines of `text` for a width x height area, or None when nothing fits."""
    found = fit(text, width, height)
    if found is None:
        return None
    return draw(text, *found)


class BigClock(Widget):
    """Shows a countdown text (08:41, +03:12, 1:02:03) as large as its region allows.

    Colour comes from CSS (`color`); the screen sets state classes such as `-wrapup`,
    `-overrun`, `-paused`, `-break`.
    """

    DEFAULT_CSS = """
    BigClock { width: 1fr; height: 1fr; content-align: center middle; }
    """

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._value = value
        self._drawn: tuple[str, int, int] | None = None
        self._lines: list[str] | None = None

    @property
    def value(self) -> str:
        return self._value

    @property
    def scale(self) -> int:
        """The current scale (0 when the text is shown as a plain line)."""
        found = fit(self._value, *self._area())
        return found[1] if found else 0

    def show(self, value: str) -> None:
        if value != self._value:
            self._value = value
            self.refresh()

    def _area(self) -> tuple[int, int]:
        size = self.content_size
        return size.width, size.height

    def on_resize(self, event: Resize) -> None:
        self.refresh()

    def render(self) -> Text:
        width, height = self._area()
        key = (self._value, width, height)
        if key != self._drawn:
            self._drawn = key
            self._lines = big_lines(self._value, width, height)
        if self._lines is None:
            return Text(self._value, style="bold", no_wrap=True, end="")
        return Text("\n".join(self._lines), no_wrap=True, end="")
