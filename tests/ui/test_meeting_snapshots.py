"""SVG snapshots of the meeting app (issues 4, 5 and 6), fully deterministic.

Every app runs on a FakeClock that stands still until a scenario advances it, with six fixed
people of mixed professions and a seeded random generator; nothing in a snapshot depends on
real time. Scenarios use the app's own keys; the clock is advanced between keys, and the
screen repainted at once (its 0.5 s tick would do the same, a little later).

Update after a deliberate change of a screen with
`.venv/bin/python -m pytest tests/ui/test_meeting_snapshots.py --snapshot-update`, then look
at every changed SVG (`rsvg-convert file.svg -o x.png`).
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from caseroom.domain.clock import FakeClock
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.ui.app import CaseroomApp, make_app
from caseroom.ui.screens.dialogs.reflection import ReflectionScreen
from caseroom.ui.screens.meeting import MeetingScreen

from .helpers import choose

SnapCompare = Callable[..., bool]
Scenario = Callable[[Pilot[int]], Awaitable[None]]

PEOPLE = (
    ("Anna", "læge"),
    ("Bo", "sygeplejerske"),
    ("Cille", "bioanalytiker"),
    ("Dorte", "sekretær"),
    ("Erik", "læge"),
    ("Fie", "sygeplejerske"),
)


def build(
    tmp_path: Path,
    *,
    start_screen: bool = False,
    lang: str | None = None,
    theme: str = "dark",
    case_id: str = "t2d-aarsstatus",
) -> CaseroomApp:
    """The app as the CLI builds it, on a fresh FakeClock (2026-11-24 08:30 UTC)."""
    case = open_case(case_id)[0]
    people = None if start_screen else [Participant(name, job) for name, job in PEOPLE]
    app = make_app(
        case,
        session_path=tmp_path / "sessions" / "session.toml",
        clock=FakeClock(),
        people=people,
        lang=lang,  # type: ignore[arg-type]
        theme=theme,
        rng=random.Random(7),
    )
    if people is not None:
        roles = app.meeting.roles
        roles.leader, roles.timekeeper, roles.note_taker = "Anna", "Dorte", "Cille"
    return app


# --- small steps the scenarios are made of ------------------------------------------------


def clock_of(pilot: Pilot[int]) -> FakeClock:
    app = pilot.app
    assert isinstance(app, CaseroomApp)
    clock = app.meeting.clock
    assert isinstance(clock, FakeClock)
    return clock


async def repaint(pilot: Pilot[int]) -> None:
    """Repaint now what the screen's 0.5 s tick would repaint."""
    for screen in pilot.app.screen_stack:
        if isinstance(screen, MeetingScreen):
            screen.refresh_all()
        elif isinstance(screen, ReflectionScreen):
            screen.tick()
    await pilot.pause()


async def wait(pilot: Pilot[int], seconds: float) -> None:
    """Let `seconds` of meeting time pass on the fake clock, then repaint."""
    clock_of(pilot).advance(seconds)
    await repaint(pilot)


def keys(text: str) -> list[str]:
    """Text as key presses (a space is the key 'space')."""
    return ["space" if c == " " else c for c in text]


async def type_text(pilot: Pilot[int], text: str) -> None:
    await pilot.press(*keys(text))


async def paste(pilot: Pilot[int], text: str) -> None:
    """Text pasted into the focused field, as a terminal's bracketed paste delivers it.

    Much quicker than a key per character, for the texts that are not what a snapshot shows.
    """
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def settle(pilot: Pilot[int]) -> None:
    """Make the picture independent of real time: no toasts (they time out), no blinking."""
    pilot.app.clear_notifications()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await repaint(pilot)


async def walk(pilot: Pilot[int], *minutes: float, by_keys: bool = True) -> None:
    """Start the meeting with space, then for each figure: that many minutes pass, then n.

    Not `by_keys`, every step but the last moves on in the domain (the same state, sooner);
    the last `n` is a key, so the screen does what it does on arrival.
    """
    app = pilot.app
    assert isinstance(app, CaseroomApp)
    await pilot.press("space")
    for number, spent in enumerate(minutes, start=1):
        clock_of(pilot).advance(spent * 60)  # `n` repaints
        if by_keys or number == len(minutes):
            await pilot.press("n")
        else:
            app.meeting.next()


async def at_q2(pilot: Pilot[int]) -> None:
    """Question 2 of the case (silent reflection 2 min), just begun; 2 minutes late."""
    await walk(pilot, 11, 11, 10, by_keys=False)


async def at_q3(pilot: Pilot[int], *, by_keys: bool = False) -> None:
    """Question 3 (small groups, a fact box), 4:30 into its 15 minutes; 3 minutes late."""
    await walk(pilot, 11, 11, 10, 11, by_keys=by_keys)
    await wait(pilot, 4 * 60 + 30)


async def skip_to(pilot: Pilot[int], step_key: str, minutes: float = 8) -> None:
    """Reach `step_key` quickly: the steps before it in the domain, the last one by key.

    `minutes` of meeting time pass on each step on the way; the final `n` lets the screen do
    what it does on arrival (the evaluation round starts, for one).
    """
    app = pilot.app
    assert isinstance(app, CaseroomApp)
    agenda = app.meeting.agenda
    keys = [step.key for step in agenda.steps]
    while keys.index(agenda.current.key) < keys.index(step_key) - 1:
        clock_of(pilot).advance(minutes * 60)
        app.meeting.next()
    await wait(pilot, minutes * 60)
    await pilot.press("n")
    assert agenda.current.key == step_key


def current(pilot: Pilot[int]) -> str:
    app = pilot.app
    assert isinstance(app, CaseroomApp)
    return app.meeting.agenda.current.key


# --- the scenarios ------------------------------------------------------------------------


async def start_screen(pilot: Pilot[int]) -> None:
    """Two people typed in key by key, and the three roles chosen."""
    await type_text(pilot, "Anna")
    await pilot.press("enter")
    await type_text(pilot, "læge")
    await pilot.press("enter")
    await type_text(pilot, "Bo")
    await pilot.press("enter")
    await type_text(pilot, "syg")  # the first letters are enough
    await pilot.press("enter")
    await choose(pilot, "role-leader", 1)  # Anna
    await choose(pilot, "role-timekeeper", 2)  # Bo
    await choose(pilot, "role-note_taker", 2)  # Bo
    app = pilot.app
    assert isinstance(app, CaseroomApp)
    assert [p.profession for p in app.meeting.participants] == ["læge", "sygeplejerske"]
    await settle(pilot)


async def checklist(pilot: Pilot[int]) -> None:
    """2a started, 3:20 in, the first two items ticked (tab into the list, Enter ticks)."""
    await pilot.press("space")
    await wait(pilot, 200)
    await pilot.press("tab", "enter", "down", "enter")
    app = pilot.app
    assert isinstance(app, CaseroomApp)
    assert current(pilot) == "2a" and app.meeting.checked["2a"] == {0, 1}
    await settle(pilot)


async def case_question(pilot: Pilot[int]) -> None:
    """Question 3, reached by n from the start; the other scenarios get there sooner."""
    await at_q3(pilot, by_keys=True)
    assert current(pilot) == "2c/q3"
    await settle(pilot)


async def factboxes(pilot: Pilot[int]) -> None:
    await at_q3(pilot)
    await pilot.press("f")
    await settle(pilot)


async def reflection(pilot: Pilot[int]) -> None:
    """t on question 2 (2 minutes of silent reflection), 30 s later."""
    await at_q2(pilot)
    assert current(pilot) == "2c/q2"
    await pilot.press("t")
    await wait(pilot, 30)
    assert isinstance(pilot.app.screen, ReflectionScreen)
    await settle(pilot)


async def break_now(pilot: Pilot[int]) -> None:
    """x in the middle of question 3; 3:40 of the 15-minute break gone."""
    await at_q3(pilot)
    await pilot.press("x")
    await wait(pilot, 3 * 60 + 40)
    assert current(pilot) == "pause"
    await settle(pilot)


async def overrun(pilot: Pilot[int]) -> None:
    """Question 3 runs 2:05 past its 15 minutes: the countdown counts up in red."""
    await at_q3(pilot)
    await wait(pilot, 10 * 60 + 30 + 2 * 60 + 5)
    await settle(pilot)


async def help_screen(pilot: Pilot[int]) -> None:
    await at_q3(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


async def tracker(pilot: Pilot[int]) -> None:
    """Speaking time in 2b and question 3; Cille speaks now, Dorte and Fie not yet here."""
    await pilot.press("space")
    await wait(pilot, 10 * 60)
    await pilot.press("n", "1")  # 2b: Anna, Dorte, Bo, then nobody
    for number, seconds in (("4", 150), ("2", 90), ("0", 200)):
        await wait(pilot, seconds)
        await pilot.press(number)
    await wait(pilot, 6 * 60)
    await pilot.press("n")
    await wait(pilot, 10 * 60)
    await pilot.press("n")
    await wait(pilot, 10 * 60)
    await pilot.press("n", "1")  # question 3: Anna again, and at length
    for number, seconds in (("5", 240), ("2", 60), ("3", 75)):
        await wait(pilot, seconds)
        await pilot.press(number)
    await wait(pilot, 40)
    assert current(pilot) == "2c/q3"
    await settle(pilot)


async def capture_entry(pilot: Pilot[int]) -> None:
    """l and a learning point typed, not saved: the panel sits under the countdown."""
    await at_q3(pilot)
    await pilot.press("l")
    await type_text(pilot, "Læs svarene først")
    await wait(pilot, 20)
    await settle(pilot)


async def add_learning_point(pilot: Pilot[int], text: str) -> None:
    await pilot.press("l")
    await paste(pilot, text)
    await pilot.press("enter")


async def add_proposal(
    pilot: Pilot[int], text: str, area: str, responsible: str, proposed_by: str
) -> None:
    """p, the text, then tab through area, responsible and proposer; Enter saves."""
    await pilot.press("p")
    await paste(pilot, text)
    for field in (area, responsible, proposed_by):
        await pilot.press("tab")
        await paste(pilot, field)
    await pilot.press("enter")


async def some_captures(pilot: Pilot[int]) -> None:
    """From question 3 on: two learning points and three proposals in two areas."""
    await at_q3(pilot)
    await add_learning_point(pilot, "Årsstatus begynder i telefonen")
    await wait(pilot, 60)
    await add_proposal(pilot, "Bookingtjekliste til sekretærerne", "arb", "Dorte", "Cille")
    await wait(pilot, 3 * 60)
    await add_proposal(pilot, "Fast rækkefølge: fødder før tal", "års", "Bo", "Fie")
    await wait(pilot, 2 * 60)
    await add_learning_point(pilot, "Blodprøvesvar læses før konsultationen")
    await wait(pilot, 60)
    await add_proposal(pilot, "Stedfortræder for indbakken ved fravær", "arb", "Anna", "")
    await wait(pilot, 30)
    app = pilot.app
    assert isinstance(app, CaseroomApp)
    assert len(app.meeting.proposals) == 3 and len(app.meeting.learning_points) == 2


async def capture_list(pilot: Pilot[int]) -> None:
    await some_captures(pilot)
    await pilot.press("v")
    await settle(pilot)


async def opsamling(pilot: Pilot[int]) -> None:
    """2d with three proposals in two areas, the second agreed (y), and the drafter set (h)."""
    await some_captures(pilot)
    await skip_to(pilot, "2d")
    await wait(pilot, 6 * 60)
    await pilot.press("tab", "down", "y")
    await pilot.press("escape", "h")
    await type_text(pilot, "Anna")
    await pilot.press("enter")
    await paste(pilot, "2026-12-01")
    await pilot.press("enter")
    app = pilot.app
    assert isinstance(app, CaseroomApp)
    assert [p.agreed for p in app.meeting.proposals].count(True) == 1
    assert app.meeting.opsamling.action_plan_drafter == "Anna"
    await settle(pilot)


async def evaluation(pilot: Pilot[int]) -> None:
    """Afslutning, 20 s into Anna's turn: her three points typed, the last not yet saved."""
    await pilot.press("space")
    await skip_to(pilot, "afslutning", 10)
    await wait(pilot, 20)
    await pilot.press("e")
    await type_text(pilot, "Booking er vigtig")
    await pilot.press("enter")
    await type_text(pilot, "Fødderne først")
    await pilot.press("enter")
    await type_text(pilot, "Spørg før tal")
    await settle(pilot)


async def retrospective_closing(pilot: Pilot[int]) -> None:
    """The retrospective's closing round: its own question as the heading, one field each;
    Anna's word typed, 5 s into her turn."""
    await pilot.press("space")
    await skip_to(pilot, "afslutning", 5)
    await wait(pilot, 5)
    await pilot.press("e")
    await type_text(pilot, "Lærerigt")
    await settle(pilot)


# --- the snapshots --------------------------------------------------------------------------

BIG, SMALL, HUGE = (120, 40), (80, 24), (250, 70)

SCENARIOS: list[Any] = [
    pytest.param(BIG, {"start_screen": True}, start_screen, id="120x40-start"),
    pytest.param(BIG, {}, checklist, id="120x40-checklist-2a"),
    pytest.param(BIG, {}, case_question, id="120x40-case-question-groups"),
    pytest.param(BIG, {}, factboxes, id="120x40-factboxes"),
    pytest.param(BIG, {}, reflection, id="120x40-reflection"),
    pytest.param(BIG, {}, break_now, id="120x40-break"),
    pytest.param(BIG, {}, overrun, id="120x40-overrun"),
    pytest.param(BIG, {}, help_screen, id="120x40-help"),
    pytest.param(BIG, {}, tracker, id="120x40-tracker"),
    pytest.param(BIG, {}, capture_entry, id="120x40-capture-entry"),
    pytest.param(BIG, {}, capture_list, id="120x40-capture-list"),
    pytest.param(BIG, {}, opsamling, id="120x40-opsamling"),
    pytest.param(BIG, {}, evaluation, id="120x40-evaluation"),
    pytest.param(
        BIG, {"case_id": "retrospektiv"}, retrospective_closing, id="120x40-retrospective-closing"
    ),
    pytest.param(BIG, {"lang": "en"}, case_question, id="120x40-case-question-en"),
    pytest.param(BIG, {"theme": "light"}, case_question, id="120x40-case-question-light"),
    pytest.param(SMALL, {}, case_question, id="80x24-case-question"),
    pytest.param(SMALL, {}, tracker, id="80x24-tracker"),
    pytest.param(HUGE, {}, case_question, id="250x70-case-question"),
]


@pytest.mark.parametrize(("size", "options", "scenario"), SCENARIOS)
def test_meeting_snapshot(
    snap_compare: SnapCompare,
    tmp_path: Path,
    size: tuple[int, int],
    options: dict[str, Any],
    scenario: Scenario,
) -> None:
    app = build(tmp_path, **options)
    assert snap_compare(app, terminal_size=size, run_before=scenario)
