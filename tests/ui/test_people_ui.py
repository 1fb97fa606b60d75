"""Clinics and roles on screen: the start screen's clinic and Escape, the groups that stay in
the sidebar, the round's order, the clock's Danish quit hint, and the cluster meeting's groups."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select

from caseroom.domain.clock import FakeClock
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.store.session_file import save
from caseroom.ui.app import make_app
from caseroom.ui.clock_app import make_clock_app
from caseroom.ui.screens.dialogs.groups import GroupsScreen
from caseroom.ui.screens.dialogs.talk import RoundScreen
from caseroom.ui.screens.meeting import MeetingScreen
from caseroom.ui.screens.start import LeaveStartScreen, StartScreen
from caseroom.ui.widgets.keybar import KeyBar

from .conftest import SIZE, MakeApp
from .helpers import shown, walk_to

CLUSTER = (
    ("Anna", "læge", "Lægehuset"),
    ("Bo", "sygeplejerske", "Lægehuset"),
    ("Cille", "sekretær", "Lægehuset"),
    ("Dorte", "læge", "Åkanden"),
    ("Erik", "sekretær", "Åkanden"),
    ("Fie", "bioanalytiker", "Åkanden"),
    ("Gert", "læge", "Byens Læger"),
)


def bar(app: Any) -> str:
    return str(app.screen.query_one(KeyBar).render())


def roster(app: Any) -> list[str]:
    listing = app.screen.query_one("#roster", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


# --- the start screen -----------------------------------------------------------------------


async def test_the_clinic_is_typed_once_for_the_people_of_a_clinic(make: MakeApp) -> None:
    app = make(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Anna", "enter", *"læge", "tab", *"Lægehuset", "enter")
        await pilot.press(*"Bo", "enter", *"syg", "enter")  # the clinic stays for Bo
        app.screen.query_one("#clinic", Input).value = ""
        await pilot.press(*"Cille", "enter", *"sekr", "enter")
        assert roster(app) == [
            "1. Anna · læge · Lægehuset",
            "2. Bo · sygeplejerske · Lægehuset",
            "3. Cille · sekretær",
        ]
        assert [p.clinic for p in app.meeting.participants] == ["Lægehuset", "Lægehuset", ""]


async def test_escape_leaves_the_start_screen_and_its_bar_says_so(make: MakeApp) -> None:
    app = make(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        assert "esc Afslut" in bar(app)
        await pilot.press("escape")  # nothing typed: nothing to lose
        assert not app.is_running
    assert not app.keeper.path.exists()


async def test_escape_asks_first_when_names_were_typed_and_q_is_a_letter(make: MakeApp) -> None:
    app = make(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Ingrid", "escape")
        assert isinstance(app.screen, LeaveStartScreen)
        await pilot.press("enter")  # the focused button: stay
        assert isinstance(app.screen, StartScreen)
        assert app.screen.query_one("#name", Input).value == "Ingrid"
        await pilot.press("q")  # a letter here
        assert app.screen.query_one("#name", Input).value == "Ingridq"
        await pilot.press("escape")
        await pilot.click("#leave")
        assert not app.is_running


async def test_escape_in_an_open_role_list_closes_the_list_not_caseroom(make: MakeApp) -> None:
    app = make(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Anna", "enter", *"læge", "enter")
        select = app.screen.query_one("#role-leader", Select)
        select.focus()
        await pilot.press("enter")
        assert select.expanded
        assert "Dismiss" not in bar(app) and "esc Afslut" in bar(app)  # no English leftover
        await pilot.press("escape")
        assert app.is_running and not select.expanded
        assert isinstance(app.screen, StartScreen)


async def test_the_start_screen_suggests_the_cases_professions(make: MakeApp) -> None:
    case = open_case("t2d-aarsstatus")[0]
    assert "uddannelseslæge" in case.people.professions
    app = make(start_screen=True, case=case)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Anna", "enter", *"udd", "enter")
        assert roster(app) == ["1. Anna · uddannelseslæge"]


# --- groups: they stay in sight while the step lasts ----------------------------------------


def cluster_app(tmp_path: Path, clock: FakeClock, seed: int = 3) -> Any:
    case, source, _ = open_case("klyngemoede")
    people = [Participant(name, job, clinic=clinic) for name, job, clinic in CLUSTER]
    return make_app(
        case,
        session_path=tmp_path / "s.toml",
        clock=clock,
        people=people,
        case_source=source,
        rng=random.Random(seed),
    )


async def test_the_groups_stay_in_the_sidebar_g_shows_them_again_r_reshuffles(
    tmp_path: Path, clock: FakeClock
) -> None:
    app = cluster_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "gruppearbejde")
        assert not app.screen.query_one("#side-groups").display
        await pilot.press("g")
        assert isinstance(app.screen, GroupsScreen)
        assert "Klinikvis" in shown(app, "#groups-by")
        assert "Anna (læge, Lægehuset)" in shown(app, "#groups")
        drawn = app.meeting.current_groups()
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        side = shown(app, "#side-groups")
        assert side.startswith("Grupper") and "1: " in side
        for group in drawn.groups:
            assert ", ".join(group) in side
        await pilot.press("g")  # again: the same groups
        assert app.meeting.current_groups() is drawn and len(app.meeting.group_proposals) == 1
        await pilot.press("r", "escape")  # reshuffled on purpose
        assert len(app.meeting.group_proposals) == 2
        await pilot.press("n")
        await pilot.pause()
        assert not app.screen.query_one("#side-groups").display  # the step is over


def test_snapshot_of_the_cluster_meetings_groups(
    snap_compare: Any, tmp_path: Path, clock: FakeClock
) -> None:
    app = cluster_app(tmp_path, clock, seed=5)

    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("space")
        await walk_to(pilot, "gruppearbejde")
        await pilot.press("g")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=scenario)


# --- the round's order ----------------------------------------------------------------------


async def test_the_round_dialog_offers_the_cases_order_and_the_other(
    make: MakeApp, session_path: Path
) -> None:
    case, source, _ = open_case("t2d-aarsstatus")
    assert case.people.round_order == "hierarchy"
    app = make(case=case)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "r")
        assert isinstance(app.screen, RoundScreen)
        orders = app.screen.query_one("#order", OptionList)
        assert orders.highlighted == 1  # the case's: hierarchy
        await pilot.press("enter")
        talk_round = app.meeting.talk.round
        assert talk_round is not None
        # six people, two each of læge, sygeplejerske, sekretær: the doctors last
        assert [app.meeting.participant(n).profession for n in talk_round.order] == [
            "sekretær",
            "sekretær",
            "sygeplejerske",
            "sygeplejerske",
            "læge",
            "læge",
        ]
        await pilot.press("r", "r", "tab", "tab", "up", "enter")  # end it; seating order
        talk_round = app.meeting.talk.round
        assert talk_round is not None
        assert talk_round.order == [p.name for p in app.meeting.participants]


async def test_the_round_dialogs_order_list_is_reachable_in_a_small_terminal(
    make: MakeApp,
) -> None:
    """At 80x24 the dialog is taller than the screen: tabbing to the order list scrolls it
    into sight, so the leader can see the choice they make."""
    case, _, _ = open_case("t2d-aarsstatus")
    app = make(case=case)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "r", "tab", "tab")
        orders = app.screen.query_one("#order", OptionList)
        assert app.screen.focused is orders
        dialog = app.screen.query_one(".dialog")
        assert orders.region.height > 0
        assert dialog.region.contains_region(orders.region)  # not cut off below the dialog


# --- the clock in Danish --------------------------------------------------------------------


async def test_the_clocks_ctrl_c_hint_speaks_danish(make: MakeApp, clock: FakeClock) -> None:
    app = make()
    save(app.meeting, app.keeper.path)
    clock_app = make_clock_app(app.keeper.path, clock=clock, lang="da", poll_seconds=3600)
    said: list[str] = []
    shown = clock_app.notify

    def notify(message: str, **options: Any) -> None:
        said.append(message)
        shown(message, **options)

    clock_app.notify = notify  # type: ignore[method-assign]
    async with clock_app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert said == ["Tryk q eller ctrl+q for at lukke uret (mødet kører videre)."]
