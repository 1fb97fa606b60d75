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
from rich.style import Style
from textual.events import Resize
from textual.geometry import Region
from textual.strip import Strip
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


@dataclass(frozen=True)
class Drawing:
    """Where the drawn text sits in the widget: font, scale, its top-left cell and its lines."""

    font: Font
    scale: int
    x: int
    y: int
    chars: str
    lines: tuple[str, ...]

    @property
    def shape(self) -> tuple[str, int, int, int, tuple[int, ...]]:
        """Two drawings of the same shape differ only inside the glyphs whose character differs."""
        widths = tuple(len(self.font.glyphs[c][0]) for c in self.chars)
        return self.font.name, self.scale, self.x, self.y, widths

    def glyph_x(self, index: int) -> int:
        """The first column of glyph `index`, relative to the widget."""
        before = self.chars[:index]
        pixels = sum(len(self.font.glyphs[c][0]) for c in before) + len(before)
        return self.x + pixels * self.scale


class BigClock(Widget):
    """Shows a countdown text (08:41, +03:12, 1:02:03) as large as its region allows.

    One widget draws every figure: a new second repaints only the cells of the digits that
    changed. Colour comes from CSS (`color`); the screen sets state classes such as `-wrapup`,
    `-overrun`, `-paused`, `-break`. When nothing fits, the text is one bold line (`-plain`).
    """

    DEFAULT_CSS = """
    BigClock { width: 1fr; height: 1fr; }
    """

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._value = value
        self._drawing: Drawing | None = None

    @property
    def value(self) -> str:
        return self._value

    @property
    def scale(self) -> int:
        """The current scale (0 when the text is shown as a plain line)."""
        return self._drawing.scale if self._drawing else 0

    def lines(self) -> list[str]:
        """What the clock shows, as text lines (the drawn glyphs side by side)."""
        if self._drawing is None:
            return [self._value]
        return list(self._drawing.lines)

    def show(self, value: str) -> list[Region]:
        """Show `value`; returns the screen regions that changed (for a screen's own repaint)."""
        if value == self._value:
            return []
        self._value = value
        if not self.is_mounted:
            return []
        before, self._drawing = self._drawing, self._draw()
        changed = self._changed(before, self._drawing)
        if changed is None:
            self.refresh()
            return [self.region]
        if not changed:
            return []
        self.refresh(*changed)
        origin = self.content_region.offset
        return [region.translate(origin) for region in changed]

    def on_mount(self) -> None:
        self._drawing = self._draw()

    def on_resize(self, event: Resize) -> None:
        self._drawing = self._draw()
        self.refresh()

    def _draw(self) -> Drawing | None:
        """Fit the text to the widget's size, centred; None when not even the smallest fits."""
        size = self.content_size
        chars = "".join([c for c in self._value if c in LARGE.glyphs][:MAX_GLYPHS])
        found = fit(chars, size.width, size.height) if size.area else None
        self.set_class(found is None, "-plain")
        if found is None:
            return None
        font, scale = found
        lines = tuple(draw(chars, font, scale))
        x = (size.width - len(lines[0])) // 2
        y = (size.height - len(lines)) // 2
        return Drawing(font, scale, x, y, chars, lines)

    @staticmethod
    def _changed(before: Drawing | None, after: Drawing | None) -> list[Region] | None:
        """The regions (widget-relative) in which two drawings differ; None: all of it."""
        if before is None or after is None or before.shape != after.shape:
            return None
        regions = []
        for index, (a, b) in enumerate(zip(before.chars, after.chars, strict=True)):
            if a != b:
                x, y, width, height = glyph_difference(after.font.name, a, b, after.scale)
                if width and height:
                    regions.append(Region(after.glyph_x(index) + x, after.y + y, width, height))
        return regions

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.visual_style.rich_style  # cached by Textual, unlike `rich_style`
        drawing = self._drawing
        if drawing is None:
            if y != self.size.height // 2:
                return Strip.blank(width, style)
            text = self._value[:width]
            left = (width - len(text)) // 2
            bold = style + _BOLD
            return Strip(
                [Segment(" " * left, style), Segment(text, bold)], left + len(text)
            ).extend_cell_length(width, style)
        row = y - drawing.y
        if not 0 <= row < len(drawing.lines):
            return Strip.blank(width, style)
        line = drawing.lines[row]
        return Strip(
            [Segment(" " * drawing.x, style), Segment(line, style)], drawing.x + len(line)
        ).extend_cell_length(width, style)


_BOLD = Style(bold=True)
