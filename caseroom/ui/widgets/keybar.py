"""A one-line key bar: the screen's shown bindings as one Text, redrawn in place.

Textual's Footer re-composes a widget per key whenever a key's enabled state changes, which
costs a style and layout pass of the whole screen on every agenda step. This bar reads the
same active bindings (disabled ones dim, the command palette on the right), repaints one
line, and is clickable like the Footer.
"""

from __future__ import annotations

from rich.text import Text
from textual.events import Click
from textual.screen import Screen
from textual.widget import Widget


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

    def items(self) -> tuple[list[tuple[str, str, str, bool]], tuple[str, str, str, bool] | None]:
        """(key, shown key, description, enabled) of each shown action, and the palette's."""
        active = self.screen.active_bindings
        seen: set[str] = set()
        shown: list[tuple[str, str, str, bool]] = []
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            shown.append(
                (binding.key, self.app.get_key_display(binding), binding.description, enabled)
            )
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            palette = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
        return shown, palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        dim = self.get_component_rich_style("keybar--disabled")
        shown, palette = self.items()
        width = self.size.width
        tail = Text()
        if palette is not None:
            tail = Text.assemble(
                "▏", (f" {palette[1]} ", key_style), (f"{palette[2]} ", text_style)
            )
        line = Text(no_wrap=True, overflow="crop", end="")
        self.spans = []
        room = width - tail.cell_len
        for key, display, description, enabled in shown:
            item = Text.assemble((f" {display} ", key_style), (f"{description} ", text_style))
            if not enabled:
                item.stylize(dim)
            if line.cell_len + item.cell_len > room:
                break
            self.spans.append((line.cell_len, line.cell_len + item.cell_len, key, enabled))
            line.append_text(item)
        if palette is not None and room >= 0:
            line.append(" " * (room - line.cell_len))
            self.spans.append((room, width, palette[0], palette[3]))
            line.append_text(tail)
        return line

    def on_click(self, event: Click) -> None:
        for start, end, key, enabled in self.spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
