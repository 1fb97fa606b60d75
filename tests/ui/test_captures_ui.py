"""Pilot tests of the note-taker's path (issue 6): captures, notes list, Opsamling, evaluation.

Everything is done by keys on a fake clock; after each step the test reads the session file
on disk, because "Gemt ✓" is a promise about the disk.
"""

from __future__ import annotations

import shutil
import tomllib
from datetime import timedelta
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from caseroom.domain.agenda import RunState
from caseroom.domain.clock import FakeClock
from caseroom.ui.app import CaseroomApp
from caseroom.ui.screens.dialogs.confirm import QuitScreen, UnsavedScreen
from caseroom.ui.screens.dialogs.plan import PlanScreen
from caseroom.ui.screens.meeting import MeetingScreen
from caseroom.ui.widgets.capture import CaptureForm, CaptureText
from caseroom.ui.widgets.keybar import KeyBar
from caseroom.ui.widgets.notes import NotesList

from .conftest import SIZE, MakeApp
from .helpers import countdown, focused, session, shown, toasts


def on_disk(app: CaseroomApp) -> dict[str, Any]:
    """The session file now, or {} when there is none."""
    try:
        with app.keeper.path.open("rb") as handle:
            return tomllib.load(handle)
    except (FileNotFoundError, NotADirectoryError):
        return {}


def texts(app: CaseroomApp, kind: str) -> list[str]:
    return [item["text"] for item in on_disk(app).get(kind, [])]


def form(app: CaseroomApp) -> CaptureForm:
    return app.screen.query_one(CaptureForm)


def options(listing: OptionList) -> list[str]:
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def arrive_at(pilot: Pilot[int], step_key: str) -> None:
    """Move the agenda to the step before `step_key` (quickly, in the domain), then press n."""
    app = pilot.app
    assert isinstance(app, CaseroomApp)
    agenda = app.meeting.agenda
    keys = [step.key for step in agenda.steps]
    while keys.index(agenda.current.key) < keys.index(step_key) - 1:
        app.meeting.next()
    await pilot.press("n")
    assert agenda.current.key == step_key


def repaint(app: CaseroomApp) -> None:
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    screen.tick()


@pytest.fixture
def disk_at_notify(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Patch an app's notify to record (message, learning points on disk at that moment)."""

    def install(app: CaseroomApp) -> list[tuple[str, list[str]]]:
        seen: list[tuple[str, list[str]]] = []
        original = app.notify

        def notify(message: str, *args: Any, **kwargs: Any) -> None:
            seen.append((str(message), texts(app, "learning_point")))
            original(message, *args, **kwargs)

        monkeypatch.setattr(app, "notify", notify)
        return seen

    return install


async def test_a_learning_point_is_on_disk_before_it_is_shown_as_saved(
    make: MakeApp, clock: FakeClock, disk_at_notify: Any
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        seen = disk_at_notify(app)
        await pilot.press("space")
        assert countdown(app) == "10:00"
        await pilot.press("l", *"Blodprøver ")
        assert form(app).display and isinstance(app.focused, CaptureText)
        # the meeting goes on while the note-taker types
        clock.advance(65)
        repaint(app)
        assert countdown(app) == "08:55"
        assert app.meeting.agenda.step_remaining() == 535
        await pilot.press(*"1 uge før, notér")
        assert texts(app, "learning_point") == []  # typed, not yet saved
        # space, 1, n, l were letters of the text, not commands
        assert app.meeting.agenda.state is RunState.RUNNING
        assert app.meeting.agenda.current.key == "2a" and app.meeting.talk.speaker is None
        await pilot.press("enter")
        await pilot.pause()
        assert ("Gemt ✓", ["Blodprøver 1 uge før, notér"]) in seen  # on disk when shown as saved
        assert not form(app).display and app.focused is None
        (point,) = on_disk(app)["learning_point"]
        assert point == {
            "id": "lp-1",  # the note's own, for good (its position in the list may change)
            "text": "Blodprøver 1 uge før, notér",
            "at": clock.now(),
            "segment": "2a",
        }
        assert point["at"] - app.meeting.created_at == timedelta(seconds=65)
        # keys are commands again once the panel is closed
        await pilot.press("n")
        assert app.meeting.agenda.current.key == "2b"


async def test_a_proposal_with_area_and_responsible_by_first_letters(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.press("p", *"Fodfrase", "tab")
        assert app.focused is form(app).query_one("#area", Input)
        await pilot.press(*"fr", "tab", *"ci", "enter")
        await pilot.pause()
        (proposal,) = on_disk(app)["proposal"]
        assert (proposal["text"], proposal["area"], proposal["responsible"]) == (
            "Fodfrase",
            "fraser",
            "Cille",
        )
        assert proposal["proposed_by"] == "" and proposal["agreed"] is False
        assert "Gemt ✓" in toasts(app)

        # an area of one's own is kept as typed ("andet"); who proposed it, by first letters
        await pilot.press("p", *"Kaffe", "tab", *"køkkenet", "tab", "tab", *"er")
        await pilot.press("enter")
        await pilot.pause()
        second = on_disk(app)["proposal"][1]
        assert (second["area"], second["responsible"], second["proposed_by"]) == (
            "køkkenet",
            "",
            "Erik",
        )

        # someone not in the room is refused with a hint; nothing is saved, the panel stays
        await pilot.press("p", *"Tredje", "tab", "tab", *"zz", "enter")
        await pilot.pause()
        assert form(app).display
        assert "'zz' er ikke på deltagerlisten" in shown(app, "#capture-error")
        assert texts(app, "proposal") == ["Fodfrase", "Kaffe"]
        await pilot.press("backspace", "backspace", "enter")
        await pilot.pause()
        assert texts(app, "proposal")[-1] == "Tredje"


async def test_empty_text_is_refused_and_escape_cancels(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "l", "enter")
        assert form(app).display
        assert "tom tekst gemmes ikke" in shown(app, "#capture-error")
        await pilot.press("space", "space", "enter")  # only blanks: still empty
        assert form(app).display
        assert app.meeting.learning_points == []
        assert texts(app, "learning_point") == []
        await pilot.press("escape")
        assert not form(app).display and app.focused is None
        await pilot.press("p", *"never mind", "escape")
        await pilot.pause()
        assert not form(app).display
        assert app.meeting.proposals == [] and texts(app, "proposal") == []
        await pilot.press("l")  # a fresh panel: nothing left over from the cancelled one
        assert app.screen.query_one(CaptureText).text == ""
        assert shown(app, "#capture-error") == ""


async def test_while_typing_plus_and_minus_are_text_and_off_the_key_bar(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert "+1 minut" in str(bar.render())
        planned = countdown(app)
        await pilot.press("l", *"HbA1c +2 -1", "plus", "minus")
        await pilot.pause()
        assert app.screen.query_one(CaptureText).text == "HbA1c +2 -1+-"
        assert countdown(app) == planned and app.meeting.agenda.current.extension_seconds == 0
        line = str(bar.render())
        assert "Gem" in line and "minut" not in line
        await pilot.press("escape", "plus")  # not typing any more: + is the timekeeper's again
        await pilot.pause()
        assert app.meeting.agenda.current.extension_seconds == 60
        assert "+1 minut" in str(bar.render())


async def test_multi_line_text_and_a_pasted_paragraph(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "l", *"Linje et", "ctrl+j", *"Linje to", "ctrl+j")
        # a paste arrives at the app, which hands it to the focused text (as from a terminal)
        app.post_message(events.Paste("Et afsnit fra mailen:\r\nlinje fire\nlinje fem"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert texts(app, "learning_point") == [
            "Linje et\nLinje to\nEt afsnit fra mailen:\nlinje fire\nlinje fem"
        ]


async def test_long_text_emoji_and_pasted_control_characters(make: MakeApp) -> None:
    app = make()
    long_text = ("Patienten skal have tid til sine spørgsmål. " * 250)[:10_000]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "l")
        app.post_message(events.Paste(long_text))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert len(long_text) == 10_000 and not long_text.endswith(" ")
        assert texts(app, "learning_point") == [long_text]

        await pilot.press("p")
        app.post_message(events.Paste("Ros 🎉👍🏽\x1b[31m rød\x07 tekst\x00 🩸"))
        await pilot.pause()
        await pilot.press("tab", *"fl", "enter")
        await pilot.pause()
        (proposal,) = on_disk(app)["proposal"]
        assert proposal["text"] == "Ros 🎉👍🏽[31m rød tekst 🩸"
        assert proposal["area"] == "flow"
        assert "Gemt ✓" in toasts(app)


async def test_the_notes_list_edit_delete_and_undo(make: MakeApp, clock: FakeClock) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "l", *"første", "enter")
        clock.advance(60)
        await pilot.press("l", *"anden", "enter")
        await pilot.pause()
        assert not app.screen.query_one("#notes").display
        await pilot.press("v")
        listing = app.screen.query_one("#notes-list", NotesList)
        assert app.screen.query_one("#notes").display and app.focused is listing
        assert options(listing) == ["L 08:31 anden", "L 08:30 første"]  # the latest first
        await pilot.press("home")

        clock.advance(30)
        await pilot.press("e")
        assert form(app).display
        assert app.screen.query_one(CaptureText).text == "anden"
        await pilot.press(*" (rettet)", "enter")
        await pilot.pause()
        edited = on_disk(app)["learning_point"][1]
        assert edited["text"] == "anden (rettet)"
        assert edited["edited_at"] == clock.now()
        assert edited["at"] == clock.now() - timedelta(seconds=30)
        assert len(on_disk(app)["learning_point"]) == 2  # an edit adds nothing
        assert options(listing)[0] == "L 08:31 anden (rettet)"

        await pilot.press("tab")  # back into the list
        assert app.focused is listing
        await pilot.press("down", "d")
        await pilot.pause()
        assert texts(app, "learning_point") == ["anden (rettet)"]
        assert "Slettet. u fortryder." in toasts(app)
        assert options(listing) == ["L 08:31 anden (rettet)"]
        await pilot.press("u")
        await pilot.pause()
        assert texts(app, "learning_point") == ["første", "anden (rettet)"]  # same place
        assert "Gendannet." in toasts(app)
        assert on_disk(app)["learning_point"][1]["edited_at"] == clock.now()
        await pilot.press("v")
        assert not app.screen.query_one("#notes").display


async def test_opsamling_agreed_merge_responsible_and_action_plan(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        meeting = app.meeting  # captured earlier in the meeting (typing is tested above)
        meeting.add_proposal("Frase A", area="fraser")
        meeting.add_proposal("Supervisor", area="supervision")
        meeting.add_proposal("Frase A igen", area="fraser")
        meeting.add_learning_point("Læring her")
        await arrive_at(pilot, "2d")
        listing = app.screen.query_one("#opsamling-list", NotesList)
        assert options(listing) == [
            "── fraser ──",
            "Frase A",
            "Frase A igen",
            "── supervision ──",
            "Supervisor",
        ]
        assert "Læring her" in shown(app, "#opsamling-side")
        await pilot.press("tab")
        assert app.focused is listing and listing.highlighted == 1  # never on a heading

        await pilot.press("y")
        await pilot.pause()
        assert on_disk(app)["proposal"][0]["agreed"] is True
        assert options(listing)[1] == "✓ Frase A"

        # m on the duplicate, then m on the one to keep
        await pilot.press("down", "m")
        assert options(listing)[2] == "◆ Frase A igen"
        assert app.meeting.proposals[2].text == "Frase A igen"  # nothing merged yet
        await pilot.press("up", "m")
        await pilot.pause()
        saved = on_disk(app)["proposal"]
        assert [p["text"] for p in saved] == ["Frase A\nFrase A igen", "Supervisor"]
        assert saved[0]["agreed"] is True and saved[0]["area"] == "fraser"
        assert "Flettet. u fortryder." in toasts(app)
        assert options(listing) == [
            "── fraser ──",
            "✓ Frase A / Frase A igen",  # a merged text's lines stay apart
            "── supervision ──",
            "Supervisor",
        ]

        # e: who is responsible, decided in the room
        await pilot.press("down", "e")
        assert form(app).display
        await pilot.press("tab", "tab", *"bo", "enter")
        await pilot.pause()
        assert on_disk(app)["proposal"][1]["responsible"] == "Bo"
        assert on_disk(app)["proposal"][1]["area"] == "supervision"

        # h: the action plan's drafter and deadline; a bad date is refused
        await pilot.press("h")
        assert isinstance(app.screen, PlanScreen)
        await pilot.press(*"Anna", "enter", *"1/12", "enter")
        assert isinstance(app.screen, PlanScreen)
        assert shown(app, "#error") == "Skriv datoen som DD.MM.ÅÅÅÅ, DD-MM-ÅÅÅÅ eller ÅÅÅÅ-MM-DD"
        await pilot.press(*["backspace"] * 4, *"2026-02-30", "enter")
        assert shown(app, "#error") == "Datoen 2026-02-30 findes ikke"
        await pilot.press(*["backspace"] * 10, *"2021-02-01", "enter")  # the export needs later
        assert shown(app, "#error") == "Fristen 2021-02-01 ligger før mødet (2026-11-24)"
        assert isinstance(app.screen, PlanScreen)
        await pilot.press(*["backspace"] * 10, *"2026-12-01", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert on_disk(app)["opsamling"] == {
            "action_plan_drafter": "Anna",
            "deadline": "2026-12-01",
        }
        assert "Anna (senest 2026-12-01)" in shown(app, "#opsamling-side")


async def test_h_is_only_for_opsamling(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "h")
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.check_action("plan", ()) is None


async def test_the_evaluation_round_skip_and_come_back(make: MakeApp, clock: FakeClock) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await arrive_at(pilot, "afslutning")
        talk_round = app.meeting.talk.round
        assert talk_round is not None  # entering Afslutning starts the round
        assert talk_round.order == ["Anna", "Bo", "Cille", "Dorte", "Erik", "Fie"]
        assert talk_round.seconds_per_person == 45  # the case's round_seconds_per_person
        repaint(app)
        assert shown(app, "#eval-person") == "Anna · 00:45 tilbage"
        clock.advance(30)
        repaint(app)
        assert shown(app, "#eval-person") == "Anna · 00:15 tilbage"

        await pilot.press("e")
        assert app.focused is app.screen.query_one("#eval-1", Input)
        await pilot.press(*"Fraser", "enter", *"Fødder", "enter", *"Ro", "enter")
        await pilot.pause()
        assert on_disk(app)["evaluation"] == [
            {"participant": "Anna", "points": ["Fraser", "Fødder", "Ro"]}
        ]
        repaint(app)
        assert shown(app, "#eval-person") == "Bo · 00:45 tilbage"  # the next person's turn
        assert app.focused is app.screen.query_one("#eval-1", Input)
        people = app.screen.query_one("#eval-people", OptionList)
        assert options(people)[:2] == ["Anna (3/3)", "Bo (0/3)"]

        await pilot.press("ctrl+n")  # Bo skips for now
        await pilot.pause()
        assert talk_round.current == "Cille"
        await pilot.press(*"Tid", "enter", "enter", "enter")
        await pilot.pause()
        assert app.meeting.evaluation_of("Cille") == ["Tid"]
        assert talk_round.current == "Dorte"

        # back to Bo: pick him in the list, type, and the round goes on where it was
        await pilot.press("shift+tab")
        assert focused(app) is people
        await pilot.press("up", "up", "enter")
        repaint(app)
        assert shown(app, "#eval-person") == "Bo"
        await pilot.press(*"Mod", "enter", *"Ro", "enter", "enter")
        await pilot.pause()
        assert app.meeting.evaluation_of("Bo") == ["Mod", "Ro"]
        assert talk_round.current == "Dorte"
        repaint(app)
        assert shown(app, "#eval-person") == "Dorte · 00:45 tilbage"
        assert options(people)[1] == "Bo (2/3)"

        for _ in ("Dorte", "Erik"):
            await pilot.press("ctrl+n")
        await pilot.press(*"Sidst", "enter", "enter", "enter")  # Fie, the last
        await pilot.pause()
        assert app.meeting.talk.round is None and app.focused is None
        doc = on_disk(app)
        points = {e["participant"]: e["points"] for e in doc["evaluation"]}
        assert points["Anna"] == ["Fraser", "Fødder", "Ro"]
        assert points["Bo"] == ["Mod", "Ro"]
        assert points["Cille"] == ["Tid"] and points["Fie"] == ["Sidst"]
        (saved_round,) = doc["round"]
        assert saved_round["step"] == "afslutning"
        assert [e["participant"] for e in saved_round["entry"]] == talk_round.order
        assert saved_round["entry"][0]["seconds"] == 30.0


async def test_a_failed_save_is_said_and_retried(make: MakeApp, clock: FakeClock) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "l", *"gemt", "enter")
        await pilot.pause()
        assert texts(app, "learning_point") == ["gemt"]
        folder = app.keeper.path.parent
        shutil.rmtree(folder)
        folder.write_text("a file where the sessions folder was")  # saving must fail now

        await pilot.press("l", *"ikke nu", "enter")
        await pilot.pause()
        assert toasts(app)[-1] == "Noteret, men IKKE gemt på disken endnu – prøver igen"
        assert "Gemt ✓" not in toasts(app)[1:]
        repaint(app)
        assert "IKKE GEMT" in shown(app, "#banner")
        assert str(app.keeper.path) in shown(app, "#banner").replace("\n", "")
        assert [p.text for p in app.meeting.learning_points] == ["gemt", "ikke nu"]
        assert not form(app).display  # the note is kept in memory; the panel is free again

        folder.unlink()  # the folder problem is fixed …
        clock.advance(5)
        await pilot.press("1")  # … and the next change writes everything
        await pilot.pause()
        assert texts(app, "learning_point") == ["gemt", "ikke nu"]
        assert app.keeper.saved
        repaint(app)
        assert "IKKE GEMT" not in shown(app, "#banner")
        assert session(app)["talk"]["speaker"] == "Anna"


async def test_a_merged_proposal_with_two_responsibles_can_be_edited(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        meeting = app.meeting
        kept = meeting.add_proposal("Indbakken har en ejer", area="flow", responsible="Bo")
        other = meeting.add_proposal("Fælles indbakke med ejer", area="flow", responsible="Dorte")
        meeting.merge_proposals(kept.id, other.id)
        await arrive_at(pilot, "2d")
        listing = app.screen.query_one("#opsamling-list", NotesList)
        await pilot.press("tab")
        assert app.focused is listing
        await pilot.press("e")
        assert form(app).display
        assert form(app).query_one("#responsible", Input).value == "Bo, Dorte"
        await pilot.press("enter")  # saved as it is: both names are on the list
        await pilot.pause()
        assert not form(app).display
        assert on_disk(app)["proposal"][0]["responsible"] == "Bo, Dorte"


async def test_the_deadline_counts_from_the_meetings_day_after_a_resume_days_later(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await arrive_at(pilot, "2d")
        clock.advance(2 * 24 * 3600)  # resumed two days later, still in Opsamling
        await pilot.press("h")
        assert isinstance(app.screen, PlanScreen)
        await pilot.press(*"Anna", "enter", *"2026-11-25", "enter")  # after the meeting day
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert on_disk(app)["opsamling"]["deadline"] == "2026-11-25"


async def test_a_deadline_typed_day_first_is_recorded_as_yyyy_mm_dd(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await arrive_at(pilot, "2d")
        await pilot.press("h")
        assert isinstance(app.screen, PlanScreen)
        await pilot.press(*"Anna", "enter", *"13.12.2026", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert on_disk(app)["opsamling"]["deadline"] == "2026-12-13"


async def test_e_types_for_whose_turn_it_is_after_n_moved_the_round(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await arrive_at(pilot, "afslutning")
        await pilot.press("n", "n")  # Anna and Bo have had their turn, by the leader's key
        talk_round = app.meeting.talk.round
        assert talk_round is not None and talk_round.current == "Cille"
        repaint(app)
        assert shown(app, "#eval-person") == "Cille · 00:45 tilbage"
        await pilot.press("e", *"Tid", "enter", "enter", "enter")
        await pilot.pause()
        points = {e["participant"]: e["points"] for e in on_disk(app)["evaluation"]}
        assert points == {"Cille": ["Tid"]}
        assert talk_round.current == "Dorte"


async def test_someone_arriving_at_the_evaluation_gets_a_turn_and_a_line(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await arrive_at(pilot, "afslutning")
        await pilot.press("a", *"Gitte", "enter", *"læge", "enter")
        await pilot.pause()
        talk_round = app.meeting.talk.round
        assert talk_round is not None and talk_round.order[-1] == "Gitte"
        repaint(app)
        people = app.screen.query_one("#eval-people", OptionList)
        assert options(people)[-1] == "Gitte (0/3)"
        assert on_disk(app)["round"][0]["order"][-1] == "Gitte"
        for _ in range(6):
            await pilot.press("n")
        assert talk_round.current == "Gitte"
        repaint(app)
        assert shown(app, "#eval-person") == "Gitte · 00:45 tilbage"


async def test_escape_from_an_untouched_evaluation_saves_and_says_nothing(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await arrive_at(pilot, "afslutning")
        app.clear_notifications()
        saves = app.keeper.saves
        await pilot.press("e", "escape")
        await pilot.pause()
        assert app.focused is None
        assert "Gemt ✓" not in toasts(app)
        assert app.keeper.saves == saves
        assert on_disk(app).get("evaluation", []) == []
        await pilot.press("e", *"Ro", "escape")  # typed, then left: that is kept
        await pilot.pause()
        assert "Gemt ✓" in toasts(app)
        assert on_disk(app)["evaluation"] == [{"participant": "Anna", "points": ["Ro"]}]


async def test_opsamling_without_proposals_asks_for_proposals_not_notes(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        app.meeting.add_learning_point("Læring her")  # a note, but no proposal
        await arrive_at(pilot, "2d")
        listing = app.screen.query_one("#opsamling-list", NotesList)
        assert options(listing) == ["Ingen forslag endnu: p = forslag"]
        assert "Læring her" in shown(app, "#opsamling-side")


async def test_the_deadline_example_is_a_week_after_today(make: MakeApp, clock: FakeClock) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await arrive_at(pilot, "2d")
        clock.advance(3 * 86_400)  # the meeting's day, as the clock says: 2026-11-27
        await pilot.press("h")
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.query_one("#deadline", Input).placeholder == "fx 2026-12-04"


async def test_typing_an_evaluation_plus_and_minus_are_text_and_off_the_key_bar(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await arrive_at(pilot, "afslutning")
        planned = app.meeting.agenda.current.extension_seconds
        bar = app.screen.query_one(KeyBar)
        assert "+1 minut" in str(bar.render())
        await pilot.press("e", "a", "plus", "b", "minus")
        await pilot.pause()
        assert app.screen.query_one("#eval-1", Input).value == "a+b-"
        assert app.meeting.agenda.current.extension_seconds == planned
        assert "minut" not in str(bar.render())
        await pilot.press("escape")
        await pilot.pause()
        assert "+1 minut" in str(bar.render())


async def test_text_typed_in_a_burst_after_l_keeps_its_own_l_and_p(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        for key in ["l", *"Hello pal"]:  # all queued before the panel opens
            app.post_message(events.Key("space" if key == " " else key, key))
        await pilot.pause()
        assert app.screen.query_one(CaptureText).text == "Hello pal"


async def test_leaving_while_saves_fail_says_so_and_never_claims_all_is_saved(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "p", *"gemt", "enter")
        await pilot.pause()
        folder = app.keeper.path.parent
        shutil.rmtree(folder)
        folder.write_text("a file where the sessions folder was")  # saving must fail now
        await pilot.press("p", *"tabt", "enter", "q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        body = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "kan ikke gemmes" in body and "Alt er gemt" not in body
        await pilot.press("enter")  # "close, continue later": the save fails again
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        assert app.return_code is None  # still running: nothing lost yet
        folder.unlink()  # the leader frees the folder …
        await pilot.press("enter")  # … and tries again
        await pilot.pause()
    assert app.return_code == 0
    assert texts(app, "proposal") == ["gemt", "tabt"]


async def test_closing_anyway_without_a_save_exits_non_zero_and_says_why(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        folder = app.keeper.path.parent
        shutil.rmtree(folder)
        folder.write_text("not a folder")
        await pilot.press("q", "enter")  # close: the save fails
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("escape")  # back to the meeting first
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("q", "enter")
        await pilot.pause()
        await pilot.click("#quit")
        await pilot.pause()
    assert app.return_code == 1


async def test_the_lists_act_on_notes_by_id_and_a_merge_with_a_deleted_one_is_refused(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        meeting = app.meeting
        meeting.add_proposal("Frase A", area="fraser")
        meeting.add_proposal("Frase B", area="fraser")
        meeting.add_proposal("Frase C", area="fraser")
        await arrive_at(pilot, "2d")
        listing = app.screen.query_one("#opsamling-list", NotesList)
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        assert ids == [None, "proposal:p-1", "proposal:p-2", "proposal:p-3"]
        await pilot.press("tab", "m")  # Frase A picked to merge ...
        assert listing.merge_from == "p-1"
        await pilot.press("d")  # ... and deleted instead
        await pilot.pause()
        assert [p.id for p in meeting.proposals] == ["p-2", "p-3"]
        await pilot.press("m")  # the first one is gone: nothing is merged, the screen says why
        await pilot.pause()
        assert [p.text for p in meeting.proposals] == ["Frase B", "Frase C"]
        assert any("ingen note med id 'p-1'" in toast for toast in toasts(app))
        await pilot.press("y")  # the highlighted note, by its id
        await pilot.pause()
        assert [p["agreed"] for p in on_disk(app)["proposal"]] == [True, False]


async def test_keys_on_a_note_that_is_gone_say_so_and_the_meeting_goes_on(make: MakeApp) -> None:
    """`d d` typed faster than the list repaints: the second key still names the deleted
    note. So do `y` and `e` on it. The engine refuses; the screen says why and goes on."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        meeting = app.meeting
        meeting.add_proposal("Frase A", area="fraser")
        meeting.add_proposal("Frase B", area="fraser")
        await arrive_at(pilot, "2d")
        listing = app.screen.query_one("#opsamling-list", NotesList)
        await pilot.press("tab")
        assert listing.highlighted_option is not None
        assert listing.highlighted_option.id == "proposal:p-1"
        for verb in ("delete", "delete", "agree", "edit"):  # all before the list repaints
            listing.action_act(verb)
        await pilot.pause()
        assert app.is_running
        assert [p.id for p in meeting.proposals] == ["p-2"]
        assert [p["text"] for p in on_disk(app)["proposal"]] == ["Frase B"]
        assert sum("ingen note med id 'p-1'" in toast for toast in toasts(app)) == 3
        assert not form(app).display
        await pilot.press("u")  # the one delete that happened is undone
        await pilot.pause()
        assert [p.id for p in meeting.proposals] == ["p-1", "p-2"]
