"""Fields that take keys in the order they were typed, however fast they come.

Textual hands a key to the widget focused when the app takes the key off its queue; the widget
handles it later, from its own queue. A character is inserted there, but a key the widget has
a binding for (backspace, the arrows, a list's down) travels back up to the app first, and runs
only when it arrives there: in a burst, "fodx⌫y" became "fodx" (the y went in before the
backspace ran). These fields run their own bindings when the key reaches them, in its turn.

`after_keys` is the other half: whatever reads a field after an Enter waits until the field has
handled every key handed to it before that Enter.

`Settling` is the third: a key whose effect decides where the next keys go (an Enter that saves
and closes, a key that opens a dialog) is a priority binding whose action waits until that
effect is done. The app takes the next key only once the action has returned, so the keys
typed after it go where they would have gone had they been typed a moment later.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

from textual import events
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, OptionList

from caseroom.ui.keys import class_bindings

SETTLE_LIMIT_SECONDS = 2.0  # a lost callback holds the keys this long at most, never for good

_OWN_BINDINGS: dict[type[Widget], dict[str, list[Binding]]] = {}


def own_bindings(cls: type[Widget]) -> dict[str, list[Binding]]:
    """The non-priority bindings of a widget class and its bases, by key (the app runs the
    priority ones as the key arrives: already in order)."""
    found = _OWN_BINDINGS.get(cls)
    if found is None:
        found = {
            key: bindings
            for key, bindings in class_bindings(cls).items()
            if not any(b.priority for b in bindings)
        }
        _OWN_BINDINGS[cls] = found
    return found


async def take_in_order(widget: Widget, event: events.Key) -> None:
    """Run `widget`'s own binding for the key now, as the key reaches it (not once it has
    travelled to the app and back); a key it has no binding for goes on as usual."""
    for binding in own_bindings(type(widget)).get(event.key, []):
        if await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()
            return


def after_keys(widgets: Sequence[Widget], callback: Callable[..., Any], *args: Any) -> None:
    """Call `callback(*args)` once each of `widgets` has handled every key already handed to it.

    A callback queued on a widget runs after the messages before it (the keys), so the widgets
    are passed one after the other; one that is gone is skipped.
    """
    for index, widget in enumerate(widgets):
        if widget.is_running and widget.call_later(
            after_keys, widgets[index + 1 :], callback, *args
        ):
            return
    callback(*args)


class Settling:
    """What a key set off in other widgets' queues (a save, a submit), for its action to await.

    `begin` as the key acts, `end` where the work ends (done, refused or cancelled); `wait`
    returns once it has ended, or after SETTLE_LIMIT_SECONDS should an end never come.
    """

    def __init__(self) -> None:
        self.pending: asyncio.Future[None] | None = None

    def begin(self) -> None:
        self.end()
        self.pending = asyncio.get_running_loop().create_future()

    def end(self) -> None:
        if self.pending is not None and not self.pending.done():
            self.pending.set_result(None)

    async def wait(self) -> None:
        pending = self.pending
        if pending is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(pending), SETTLE_LIMIT_SECONDS)
        except TimeoutError:
            pass
        finally:
            if self.pending is pending:
                self.pending = None


class Field(Input):
    """An Input whose editing keys (backspace, arrows, …) act in the order typed."""

    async def on_key(self, event: events.Key) -> None:
        await take_in_order(self, event)


class Choices(OptionList):
    """An OptionList whose keys (up, down, …) act in the order typed, before what follows."""

    async def on_key(self, event: events.Key) -> None:
        await take_in_order(self, event)
