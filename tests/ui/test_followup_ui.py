"""A follow-up meeting on the screen: the earlier proposals as items, `o` records each one's
status in a dialog, the sidebar marks them; the session file holds it all, and the earlier
file is only read."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, RadioButton

from caseroom.domain.clock import FakeClock
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.store.followup import read_earlier
from caseroom.store.session_file import load
from caseroom.ui.app import CaseroomApp, make_app
from caseroom.ui.screens.dialogs.item import ItemScreen, StatusChoice
from caseroom.ui.screens.meeting import MeetingScreen
from tests.store.followup_fixture import EARLIER

from .helpers import flat, shown, sidebar, six_people

SIZE = (120, 40)


def _earlier(tmp_path: Path) -> Path:
    path = tmp_path / "earlier.toml"
    path.write_bytes(EARLIER.read_bytes())
    return path


def _app(tmp_path: Path, earlier: Path, *, lang: str | None = None) -> CaseroomApp:
    case_id = "opfoelgning" if lang != "en" else "follow-up"
    case = open_case(case_id)[0]
    return make_app(
        case,
        session_path=tmp_path / "sessions" / "followup.toml",
        clock=FakeClock(),
        people=[Participant(name, job) for name, job in (("Ane", "læge"), ("Bo", "sekretær"))],
        lang=lang,  # type: ignore[arg-type]
        rng=random.Random(7),
        follow=read_earlier(earlier, case).follow,
    )


def _on_disk(app: CaseroomApp) -> dict[str, Any]:
    return tomllib.loads(app.keeper.path.read_text(encoding="utf-8"))


def _content(app: CaseroomApp) -> str:
    return flat(" ".join(str(w.render()) for w in app.screen.query("#content Static")))


async def _record(pilot: Pilot[int], moves: list[str], *fields: str) -> None:
    """`o`, the status by arrow keys, then each field's text (Enter moves on, then saves)."""
    await pilot.press("o")
    assert isinstance(pilot.app.screen, ItemScreen)
    await pilot.press(*moves, "enter")
    for text in fields:
        await pilot.press(*text, "enter")
    await pilot.pause()


async def test_a_follow_up_of_six_proposals_from_start_to_finish(tmp_path: Path) -> None:
    earlier = _earlier(tmp_path)
    before = earlier.read_bytes(), earlier.stat().st_mtime_ns
    app = _app(tmp_path, earlier)
    async with app.run_test(size=SIZE) as pilot:
        clock = app.meeting.clock
        assert isinstance(clock, FakeClock)
        await pilot.press("space", "n")
        assert app.meeting.agenda.current.key == "status/f1"
        assert "Forslag 1 af 6" in shown(app, "#step-title")
        assert "Fast tid til årsstatus om tirsdagen" in _content(app)
        assert "tast o for status" in _content(app)
        # a status for each: the first choice is "ikke vurderet"; right once is gennemført,
        # twice i gang, ...; left from it wraps round to droppet
        plans: list[tuple[list[str], tuple[str, ...]]] = [
            (["right"], ("Det virker", "", "", "")),
            (["right", "right"], ("Tager tid", "Book rum", "Bo", "13.12.2026")),
            (["right", "right", "right"], ("Ny form", "Prøv igen", "Ane", "2026-12-20")),
            (["left"], ("For dyrt", "", "", "")),
            (["right", "right"], ("", "Spørg lægerne", "Bo", "01-02-2027")),
            (["space"], ("", "", "", "")),  # space keeps the highlighted: none chosen
        ]
        for number, (moves, fields) in enumerate(plans, start=1):
            assert app.meeting.agenda.current.key == f"status/f{number}"
            clock.advance(120)
            await _record(pilot, moves, *fields)
            assert isinstance(app.screen, MeetingScreen)
            await pilot.press("n")
        assert app.meeting.agenda.current.key == "laering"
        text = sidebar(app)
        assert "i gang" in text and "droppet" in text
        await pilot.press("p", *"Evaluering efter et halvt år", "enter")
        await pilot.pause()
        while not app.meeting.agenda.next_finishes():
            await pilot.press("n")
        await pilot.press("n", "enter")  # the last step: n, and Enter ends it
        await pilot.pause()
        assert app.meeting.status == "finished"
    doc = _on_disk(app)
    assert doc["status"] == "finished"
    assert doc["continues"]["path"] == str(earlier.resolve())
    items = doc["item"]
    assert [i.get("status") for i in items] == [
        "done",
        "in-progress",
        "changed",
        "dropped",
        "in-progress",
        None,
    ]
    assert (items[1]["learned"], items[1]["next_step"], items[1]["next_responsible"]) == (
        "Tager tid",
        "Book rum",
        "Bo",
    )
    assert [i.get("next_due") for i in items] == [
        None,
        "2026-12-13",
        "2026-12-20",
        None,
        "2027-02-01",
        None,
    ]
    assert [p["text"] for p in doc["proposal"]] == ["Evaluering efter et halvt år"]
    loaded = load(app.keeper.path, FakeClock(), follow=True)
    assert [i.status for i in loaded.items] == [i.get("status") for i in items]
    assert (earlier.read_bytes(), earlier.stat().st_mtime_ns) == before


async def test_a_bad_date_is_refused_in_the_dialog_and_nothing_is_recorded(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path, _earlier(tmp_path), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "n", "o", "right", "enter", "enter", "enter", "enter")
        await pilot.press(*"31.02.2027", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ItemScreen)
        assert "there is no date 31.02.2027" in shown(app, "#error")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert not app.meeting.items[0].recorded
        assert "status" not in _on_disk(app)["item"][0]


async def test_the_key_is_only_where_there_are_items(tmp_path: Path) -> None:
    app = _app(tmp_path, _earlier(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.check_action("record_item", ()) is None  # dim: not on an item yet
        await pilot.press("o")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("n")
        assert screen.check_action("record_item", ()) is True
    plain = make_app(
        open_case("klyngemoede")[0],
        session_path=tmp_path / "plain.toml",
        clock=FakeClock(),
        people=six_people(),
    )
    async with plain.run_test(size=SIZE) as pilot:
        screen = plain.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.check_action("record_item", ()) is False  # not on its key bar at all


async def _item_dialog(pilot: Pilot[int]) -> None:
    app = pilot.app
    assert isinstance(app, CaseroomApp)
    await pilot.press("space", "n")
    app.meeting.record_item("f1", status="in-progress", learned="Første erfaring")
    await pilot.press("o", "right", "enter", *"Det tog tid", "enter", *"Book", "enter", "B")
    await pilot.pause()
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    app.screen.query_one(StatusChoice).can_focus = True
    app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_item_dialog_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = _app(tmp_path, _earlier(tmp_path))
    assert snap_compare(app, terminal_size=size, run_before=_item_dialog)


async def _item_recorded(pilot: Pilot[int]) -> None:
    app = pilot.app
    assert isinstance(app, CaseroomApp)
    await pilot.press("space", "n")
    await _record(pilot, ["right"], "Tager tid", "Book rum", "Bo", "13.12.2026")
    app.clear_notifications()
    await pilot.pause()


def test_item_step_snapshot_english(snap_compare: Any, tmp_path: Path) -> None:
    app = _app(tmp_path, _earlier(tmp_path), lang="en")
    assert snap_compare(app, terminal_size=SIZE, run_before=_item_recorded)


async def test_the_dialog_names_the_item_by_its_place_and_shows_the_due_date_as_typed(
    tmp_path: Path,
) -> None:
    """The dialog's title counts the items as the screen does ("3 af 6"), never the item's
    id in the file; a due date reads as a Danish date on the screen and in the field."""
    app = _app(tmp_path, _earlier(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "n", "n", "n")
        assert app.meeting.agenda.current.key == "status/f3"
        await _record(pilot, ["right"], "", "", "Bo", "13.01.2027")
        assert "Senest: onsdag 13. januar 2027" in _content(app)
        await pilot.press("o")
        dialog = app.screen
        assert isinstance(dialog, ItemScreen)
        title = flat(str(dialog.query_one(".dialog-title").render()))
        assert title == "Status på forslag 3 af 6"
        assert dialog.query_one("#next-due", Input).value == "13.01.2027"


def test_the_follow_up_agendas_name_the_key_that_records_a_status() -> None:
    from caseroom.store.cases import bundled_paths
    from caseroom.ui.keys import MEETING_KEYS

    key = next(k.key for k in MEETING_KEYS if k.action == "record_item")
    for case_id in bundled_paths():
        case = open_case(case_id)[0]
        for segment in case.segments:
            if segment.kind == "status":
                said = "tast" if case.language == "da" else "press"
                assert f"({said} {key})" in segment.notes, case_id


@pytest.mark.parametrize("recorded", [None, "in-progress"])
async def test_enter_through_the_dialog_never_changes_the_status(
    tmp_path: Path, recorded: str | None
) -> None:
    """A hurried room presses Enter through the dialog to type what was learned: the status
    stays what it was (none, or the one recorded), and "ikke vurderet" can be chosen back."""
    app = _app(tmp_path, _earlier(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "n")
        if recorded is not None:
            app.meeting.record_item("f1", status=recorded)
        await _record(pilot, [], "Lært noget", "", "", "")
        assert (app.meeting.items[0].status, app.meeting.items[0].learned) == (
            recorded,
            "Lært noget",
        )
        await _record(pilot, ["right"], "", "", "", "")
        await _record(pilot, ["left"], "", "", "", "")  # back to where it was
        assert app.meeting.items[0].status == recorded


async def test_not_reviewed_is_the_first_choice_and_clears_a_status(tmp_path: Path) -> None:
    app = _app(tmp_path, _earlier(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "n")
        await _record(pilot, ["right"], "", "", "", "")
        assert app.meeting.items[0].status == "done"
        await pilot.press("o")
        labels = [flat(str(b.label)) for b in app.screen.query(RadioButton)]
        assert labels == ["ikke vurderet", "gennemført", "i gang", "ændret", "droppet"]
        await pilot.press("left", "enter", "enter", "enter", "enter", "enter")
        await pilot.pause()
        assert app.meeting.items[0].status is None
        assert "status" not in _on_disk(app)["item"][0]
