"""A countdown as large as the space it is given: a small bitmap font, scaled, in block characters.

Two fonts (3x5 and 5x7 pixels); each pixel is `scale` columns wide and `scale` half-rows tall
(a terminal cell is about twice as tall as it is wide, so half-block characters make square
pixels). The font and scale that give the tallest figures win. When not even the smallest
font fits, the widget shows the text as one bold line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rich.segment import Segment
from textual.app import ComposeResult
from textual.events import Resize
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static


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
FONTS_BY_NAME = {font.name: font for font in FONTS}

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
    glyphs = [glyph_lines(font.name, c, scale) for c in text if c in font.glyphs]
    if not glyphs:
        return []
    gap = " " * scale  # one blank pixel column between glyphs
    return [gap.join(glyph[row] for glyph in glyphs) for row in range(len(glyphs[0]))]


@lru_cache(maxsize=512)
def glyph_lines(font_name: str, char: str, scale: int) -> tuple[str, ...]:
    """One glyph, scaled, as lines of half-block characters (cached: a clock draws few)."""
    font = FONTS_BY_NAME[font_name]
    half_rows: list[list[bool]] = []
    for line in font.glyphs[char]:
        scaled = [pixel == "#" for pixel in line for _ in range(scale)]
        half_rows.extend([scaled] * scale)
    if len(half_rows) % 2:
        half_rows.append([False] * len(half_rows[0]))
    return tuple(
        "".join(_HALF[pair] for pair in zip(top, bottom, strict=True))
        for top, bottom in zip(half_rows[0::2], half_rows[1::2], strict=True)
    )


@lru_cache(maxsize=512)
def glyph_difference(font_name: str, a: str, b: str, scale: int) -> tuple[int, int, int, int]:
    """x, y, width, height of the cells in which two drawn glyphs differ."""
    first, second = glyph_lines(font_name, a, scale), glyph_lines(font_name, b, scale)
    if len(first[0]) != len(second[0]):
        return 0, 0, max(len(first[0]), len(second[0])), len(first)
    rows = [y for y, (p, q) in enumerate(zip(first, second, strict=True)) if p != q]
    if not rows:
        return 0, 0, 0, 0
    columns = [
        x for y in rows for x, (p, q) in enumerate(zip(first[y], second[y], strict=True)) if p != q
    ]
    return min(columns), rows[0], max(columns) - min(columns) + 1, rows[-1] - rows[0] + 1


def big_lines(text: str, width: int, height: int) -> list[str] | None:
    """The drawn lines of `text` for a width x height area, or None when nothing fits."""
    found = fit(text, width, height)
    if found is None:
        return None
    return draw(text, *found)


MAX_GLYPHS = 9
"""Room for the longest countdown text: '+12:34:56'."""


class Glyph(Widget):
    """One drawn character of the clock. Each is its own widget, so a change of one digit
    repaints (and writes to the terminal) only that digit's cells that changed."""

    DEFAULT_CSS = """
    Glyph { width: 1; height: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.char = " "
        self.font = LARGE
        self.scale = 0  # not drawn yet: the first draw lays the glyph out
        self._lines: tuple[str, ...] = ("",)

    def draw(self, char: str, font: Font, scale: int) -> None:
        if (char, font.name, scale) == (self.char, self.font.name, self.scale):
            return
        same_shape = (font.name, scale) == (self.font.name, self.scale)
        before = self.char
        self.char, self.font, self.scale = char, font, scale
        self._lines = glyph_lines(font.name, char, scale)
        if not same_shape:
            self.styles.width, self.styles.height = len(self._lines[0]), len(self._lines)
        if same_shape:
            x, y, w, h = glyph_difference(font.name, before, char, scale)
            if w and h:
                self.refresh(Region(x, y, w, h))
        else:
            self.refresh()

    @property
    def lines(self) -> tuple[str, ...]:
        return self._lines

    def render_line(self, y: int) -> Strip:
        style = self.visual_style.rich_style  # cached by Textual, unlike `rich_style`
        if y >= len(self._lines):
            return Strip.blank(self.size.width, style)
        line = self._lines[y]
        return Strip([Segment(line, style)], len(line))


class BigClock(Widget):
    """Shows a countdown text (08:41, +03:12, 1:02:03) as large as its region allows.

    Colour comes from CSS (`color`, inherited by the glyphs); the screen sets state classes
    such as `-wrapup`, `-overrun`, `-paused`, `-break`. When nothing fits, the text is one
    bold line.
    """

    DEFAULT_CSS = """
    BigClock { width: 1fr; height: 1fr; layout: horizontal; align: center middle; }
    BigClock > Glyph { display: none; }
    BigClock > Glyph.-on { display: block; }
    BigClock > .line { display: none; width: auto; height: 1; text-style: bold; }
    BigClock.-plain > .line { display: block; }
    """

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._value = value
        self._fit: tuple[Font, int] | None = None
        self._shape: tuple[str, int, int] | None = ("", 0, 0)  # nothing laid out yet
        self._glyphs: list[Glyph] = []
        self._line = Static(self._value, classes="line", markup=False)

    def compose(self) -> ComposeResult:
        for _ in range(MAX_GLYPHS):
            yield Glyph()
        yield self._line

    @property
    def value(self) -> str:
        return self._value

    @property
    def scale(self) -> int:
        """The current scale (0 when the text is shown as a plain line)."""
        return self._fit[1] if self._fit else 0

    def lines(self) -> list[str]:
        """What the clock shows, as text lines (the drawn glyphs side by side)."""
        if self._fit is None:
            return [self._value]
        return draw(self._value, *self._fit)

    def show(self, value: str) -> None:
        if value != self._value:
            self._value = value
            self._arrange()

    def on_mount(self) -> None:
        self._glyphs = list(self.query_children(Glyph))
        self._arrange()

    def on_resize(self, event: Resize) -> None:
        self._arrange()

    def _arrange(self) -> None:
        """Fit the text, then redraw only the glyphs whose character changed."""
        if not self.is_mounted:
            return
        size = self.content_size
        chars = [c for c in self._value if c in LARGE.glyphs][:MAX_GLYPHS]
        found = fit("".join(chars), size.width, size.height) if size.area else None
        shape = (found[0].name, found[1], len(chars)) if found else None
        if shape != self._shape:  # another font, scale or length: lay the glyphs out again
            self._shape = shape
            self.set_class(found is None, "-plain")
            for index, glyph in enumerate(self._glyphs):
                glyph.set_class(found is not None and index < len(chars), "-on")
                if found is not None:
                    glyph.styles.margin = (0, 0, 0, found[1] if index else 0)
        self._fit = found
        if found is None:
            self._line.update(self._value)
            return
        for glyph, char in zip(self._glyphs, chars, strict=False):
            glyph.draw(char, *found)
