"""A key bar of one or two lines: the screen's shown bindings as one Text, redrawn in place.

Textual's Footer re-composes a widget per key whenever a key's enabled state changes, which
costs a style and layout pass of the whole screen on every agenda step. This bar reads the
same active bindings (disabled ones dim, the command palette on the right), repaints one
line, and is clickable like the Footer.

Every screen and dialog composes its own bar, docked at the bottom, so the bar always shows
the keys of what is open: a dialog's bar covers the meeting's (all of its lines). A binding's
description may be a catalogue key ("wkey.close"): the bar shows its text in the UI language.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.screen import Screen
from textual.widget import Widget

from caseroom.ui.i18n import MESSAGES, t
from caseroom.ui.keys import app_lang, word

Item = tuple[str, str, str, bool, str]  # key, shown key, description, enabled, short label
PINNED = ("help", "quit")  # binding ids always on the bar, at the right
FULL, SHORT, KEY_ONLY = 0, 1, 2  # how much of an item's label is drawn
TWO_LINES_FROM_HEIGHT = 24  # a screen this tall gives a second line to keys that need it


def _cells(texts: Iterable[Text]) -> int:
    return sum(text.cell_len for text in texts)


def _rows(
    items: list[tuple[Item, Text]], rooms: list[int], *, partial: bool = False
) -> list[int] | None:
    """The line each item goes on, filling lines in order; None if they do not all fit
    (with `partial`, the lines of those that fit)."""
    rows: list[int] = []
    row, used = 0, 0
    for _item, text in items:
        while row < len(rooms) and used + text.cell_len > rooms[row]:
            row, used = row + 1, 0
        if row == len(rooms):
            return rows if partial else None
        rows.append(row)
        used += text.cell_len
    return rows


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--disabled"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keybar--disabled { text-style: dim; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spans: list[tuple[int, int, int, str, bool]] = []  # line, start, end, key, enabled

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def items(self) -> tuple[list[Item], list[Item]]:
        """(key, shown key, description, enabled, short label) of each shown action, and
        those pinned to the right: help and quit (so the rest can always be found), then the
        palette."""
        active = self.screen.active_bindings

        lang = app_lang(self)
        words = getattr(self.screen, "words", None)  # the case's own words (`case_words`)

        def item(binding: Binding, enabled: bool) -> Item:
            description = binding.description
            if description in MESSAGES:
                description = t(description, lang)
            short = f"short.{binding.id}"
            brief = word(short, lang, words) if short in MESSAGES else description
            display = self.app.get_key_display(binding)
            return binding.key, display, description, enabled, brief

        seen: set[str] = set()
        shown: list[Item] = []
        pinned: list[Item] = []
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            (pinned if binding.id in PINNED else shown).append(item(binding, enabled))
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            pinned.append(item(binding, enabled))
        return shown, pinned

    def lines_wanted(self, cells: int) -> int:
        """Two lines when every key's full label needs them and the screen is tall enough; on
        a dialog, as many as the bar it covers has."""
        width, height = self.size.width or self.app.size.width, self.app.size.height
        if height < TWO_LINES_FROM_HEIGHT or width <= 0:
            return 1
        return max(2 if cells > width else 1, self.lines_beneath())

    def lines_beneath(self) -> int:
        """The height of the key bar that shows through under this bar's dialog (0: none)."""
        if not self.screen.is_modal:
            return 0
        stack = self.app.screen_stack
        below = stack[: stack.index(self.screen)] if self.screen in stack else []
        for screen in reversed(below):
            for bar in screen.query(KeyBar):
                return int(bar.size.height)
            if not screen.is_modal:
                break  # an opaque screen hides whatever is further down
        return 0

    def set_lines(self, lines: int) -> None:
        if self.styles.height is None or self.styles.height.value != lines:
            self.styles.height = lines
            self.screen.set_class(lines == 2, "-two-key-lines")  # toasts sit above both

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        dim = self.get_component_rich_style("keybar--disabled")
        shown, pinned = self.items()

        def drawn(item: Item, form: int = FULL) -> Text:
            _key, display, description, enabled, short = item
            label = (description, short, "")[form]
            text = Text.assemble((f" {display} ", key_style))
            if label:
                text.append(f"{label} ", text_style)
            if not enabled:
                text.stylize(dim)
            return text

        width = self.size.width
        tail = [drawn(item) for item in pinned]
        items = [(item, drawn(item)) for item in shown]
        wanted = self.lines_wanted(_cells(text for _item, text in items) + _cells(tail) + 1)
        if wanted != self.size.height:
            # a rare change (a resize, the keys while typing): the bar's own height, next
            self.call_after_refresh(self.set_lines, wanted)
        # very narrow: the palette gives way, then q; ? stays longest
        while tail and _cells(tail) + 1 > width:
            pinned, tail = pinned[:-1], tail[:-1]
        tail_width = _cells(tail) + (1 if tail else 0)  # "▏" before them
        rooms = [width - tail_width] + [width] * (max(1, self.size.height) - 1)
        if _rows(items, rooms) is None:
            items = [(item, text) for item, text in items if item[3]]  # what applies now first
        if _rows(items, rooms) is None:
            items = [(item, drawn(item, SHORT)) for item, _text in items]
            # still too long: the last ones show just their key (the help screen says the rest)
            last = len(items) - 1
            while _rows(items, rooms) is None and last >= 0:
                items[last] = (items[last][0], drawn(items[last][0], KEY_ONLY))
                last -= 1
        lines = [Text(no_wrap=True, overflow="crop", end="") for _ in rooms]
        self.spans = []
        for (item, text), row in zip(items, _rows(items, rooms, partial=True) or [], strict=False):
            line = lines[row]
            self.spans.append((row, line.cell_len, line.cell_len + text.cell_len, item[0], item[3]))
            line.append_text(text)
        first = lines[0]
        if tail and rooms[0] >= 0:
            first.append(" " * (rooms[0] - first.cell_len) + "▏")
            for item, text in zip(pinned, tail, strict=True):
                span = (0, first.cell_len, first.cell_len + text.cell_len, item[0], item[3])
                self.spans.append(span)
                first.append_text(text)
        return Text("\n", no_wrap=True, end="").join(lines)

    def on_click(self, event: Click) -> None:
        for row, start, end, key, enabled in self.spans:
            if row == event.y and start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
