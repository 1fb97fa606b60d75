"""Small helpers for the Pilot tests: what a person sees, and what the session file says."""

from __future__ import annotations

import tomllib
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from caseroom.domain.agenda import RunState
from caseroom.domain.people import Participant
from caseroom.ui.app import CaseroomApp


def shown(app: CaseroomApp, selector: str) -> str:
    """The plain text a Static on the current screen renders (markup and styles dropped; the
    no-break spaces that keep a figure's words together read as spaces)."""
    return str(app.screen.query_one(selector, Static).render()).replace("\u00a0", " ")


def sidebar(app: CaseroomApp) -> str:
    """Everything the sidebar shows (agenda, people, roles), as plain text."""
    pane = app.screen.query_one("#sidebar")
    return "\n".join(str(w.render()) for w in pane.query(Static))


def countdown(app: CaseroomApp) -> str:
    """The big countdown of the meeting screen, as the Digits show it (08:41, +03:12)."""
    value = app.screen.query_one("#countdown").value  # type: ignore[attr-defined]
    return str(value)


# Read afresh after a key press: mypy keeps an earlier assert's narrowing of
# `app.meeting.agenda.state`, `app.focused` or `app.screen` across `await pilot.press(…)`,
# and would call the next assert impossible (and skip checking the rest of the test).


def agenda_state(app: CaseroomApp) -> RunState:
    """The meeting's agenda state now."""
    return app.meeting.agenda.state


def focused(app: CaseroomApp) -> Widget | None:
    """The widget that has the focus now."""
    return app.focused


def current_screen(app: CaseroomApp) -> Screen[Any]:
    """The screen on top now (an `isinstance(app.screen, …)` before a key press would
    otherwise still be believed)."""
    return app.screen


def session(app: CaseroomApp) -> dict[str, Any]:
    """The session file as it is on disk now."""
    with app.keeper.path.open("rb") as handle:
        return tomllib.load(handle)


def segment(doc: dict[str, Any], segment_id: str) -> dict[str, Any]:
    return next(s for s in doc["segment"] if s["id"] == segment_id)


def flat(text: str) -> str:
    """Whitespace folded, so wrapped or indented text compares equal."""
    return " ".join(text.split())


def six_people() -> list[Participant]:
    """Two of each profession, doctors first in seating order."""
    return [
        Participant("Anna", "læge"),
        Participant("Bo", "læge"),
        Participant("Cille", "sygeplejerske"),
        Participant("Dorte", "sygeplejerske"),
        Participant("Erik", "sekretær"),
        Participant("Fie", "sekretær"),
    ]


async def type_person(pilot: Pilot[int], name: str, profession: str) -> None:
    """Type a name, Enter, a profession, Enter on the start screen, key by key."""
    await pilot.press(*name, "enter")
    await pilot.press(*profession, "enter")


async def enter_person(pilot: Pilot[int], name: str, profession: str) -> None:
    """Fill the start screen's two inputs and press Enter in each (quicker than typing)."""
    screen = pilot.app.screen
    screen.query_one("#name", Input).value = name
    await pilot.press("enter")
    screen.query_one("#profession", Input).value = profession
    await pilot.press("enter")


async def choose(pilot: Pilot[int], select_id: str, position: int) -> None:
    """Tab to a Select, open it with Enter and pick option `position` (1 = the first person)."""
    app = pilot.app
    for _ in range(10):
        if app.focused is not None and app.focused.id == select_id:
            break
        await pilot.press("tab")
    assert app.focused is not None and app.focused.id == select_id
    await pilot.press("enter", *["down"] * position, "enter")


async def walk_to(pilot: Pilot[int], step_key: str) -> None:
    """Press n until the agenda's current step is `step_key` ('2c/q3', 'pause', …)."""
    agenda = pilot.app.meeting.agenda  # type: ignore[attr-defined]
    for _ in range(len(agenda.steps)):
        if agenda.current.key == step_key:
            return
        await pilot.press("n")
    assert agenda.current.key == step_key


def toasts(app: object) -> list[str]:
    """The notices said lately, oldest first, as text: on the meeting screen's notice line or
    as Textual's toasts (errors, the start screen's): `CaseroomApp.said`."""
    return list(app.said)  # type: ignore[attr-defined]


def real_toasts(app: object) -> list[str]:
    """Only Textual's toasts (drawn over the screen's right-hand side), as text."""
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]
