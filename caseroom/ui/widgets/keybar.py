"""A one-line key bar: the screen's shown bindings as one Text, redrawn in place.

Textual's Footer re-composes a widget per key whenever a key's enabled state changes, which
costs a style and layout pass of the whole screen on every agenda step. This bar reads the
same active bindings (disabled ones dim, the command palette on the right), repaints one
line, and is clickable like the Footer.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.screen import Screen
from textual.widget import Widget

Item = tuple[str, str, str, bool]  # key, shown key, description, enabled
PINNED = ("help", "quit")  # binding ids always on the bar, at the right


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
        self.spans: list[tuple[int, int, str, bool]] = []  # start, end, key, enabled

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def items(self) -> tuple[list[Item], list[Item]]:
        """(key, shown key, description, enabled) of each shown action, and those pinned to
        the right: help and quit (so the rest can always be found), then the palette."""
        active = self.screen.active_bindings

        def item(binding: Binding, enabled: bool) -> Item:
            return binding.key, self.app.get_key_display(binding), binding.description, enabled

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

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        dim = self.get_component_rich_style("keybar--disabled")
        shown, pinned = self.items()

        def drawn(item: Item) -> Text:
            _key, display, description, enabled = item
            text = Text.assemble((f" {display} ", key_style), (f"{description} ", text_style))
            if not enabled:
                text.stylize(dim)
            return text

        width = self.size.width
        tail = [drawn(item) for item in pinned]
        # very narrow: the palette gives way, then q; ? stays longest
        while tail and sum(text.cell_len for text in tail) + 1 > width:
            pinned, tail = pinned[:-1], tail[:-1]
        tail_width = sum(text.cell_len for text in tail) + (1 if tail else 0)  # "▏" before them
        room = width - tail_width
        items = [(item, drawn(item)) for item in shown]
        if sum(text.cell_len for _item, text in items) > room:
            items = [(item, text) for item, text in items if item[3]]  # what applies now first
        line = Text(no_wrap=True, overflow="crop", end="")
        self.spans = []
        for item, text in items:
            if line.cell_len + text.cell_len > room:
                break
            self.spans.append((line.cell_len, line.cell_len + text.cell_len, item[0], item[3]))
            line.append_text(text)
        if tail and room >= 0:
            line.append(" " * (room - line.cell_len) + "▏")
            for item, text in zip(pinned, tail, strict=True):
                self.spans.append((line.cell_len, line.cell_len + text.cell_len, item[0], item[3]))
                line.append_text(text)
        return line

    def on_click(self, event: Click) -> None:
        for start, end, key, enabled in self.spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
