"""The note-taker's screen and the meeting's side of its inbox, in Pilot (issue 19)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual import events
from textual.widgets import OptionList, Static, TextArea

from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import SaveError
from caseroom.domain.inbox import InboxEntry
from caseroom.store.inbox import InboxWriter, inbox_paths
from caseroom.store.lock import SessionLock
from caseroom.store.session_file import open_for_resume
from caseroom.ui.notes_app import NotesApp, make_notes_app
from caseroom.ui.widgets.capture import CaptureForm
from caseroom.ui.widgets.notes import NotesList

from .conftest import SIZE, MakeApp
from .helpers import session

FAR = 3600.0  # the screens' own polls never fire: the tests poll


def note(n: int, text: str = "", segment: str = "2c") -> InboxEntry:
    return InboxEntry(
        f"n1.lp-{n}",
        "add",
        f"n1.lp-{n}",
        "learning_point",
        "Erik",
        text=text or f"Note {n}",
        segment=segment,
        question="q1",
    )


async def test_the_meeting_applies_the_inbox_saves_it_durably_and_lists_the_author(
    make: MakeApp, session_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "v")  # the leader's notes list open: it shows the note
        writer = InboxWriter(session_path, "n1")
        writer.send(note(1, "Husk fodstatus"))
        await app.check_inbox()
        await pilot.pause()
        (point,) = app.meeting.learning_points
        assert (point.author, point.segment, point.question) == ("Erik", "2c", "q1")
        saved = session(app)
        assert saved["inbox"]["acknowledged"] == ["n1.lp-1"]
        assert not app.keeper.unsynced  # durable before the note-taker may say "Gemt ✓"
        listing = app.screen.query_one("#notes-list", NotesList)
        assert "Husk fodstatus (Erik)" in str(listing.get_option_at_index(0).prompt)
        writer.close()
        await app.check_inbox()  # nothing new to read, nothing saved again
        assert app.meeting.learning_points == [point]


async def test_q_applies_what_is_waiting_before_the_meeting_closes(
    make: MakeApp, session_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        writer = InboxWriter(session_path, "n1")
        writer.send(note(1))
        writer.close()
        await pilot.press("q")  # not started: it closes at once
        await pilot.pause()
    with session_path.open("rb") as file:
        doc = tomllib.load(file)
    assert [p["id"] for p in doc["learning_point"]] == ["n1.lp-1"]
    assert inbox_paths(session_path) == []  # all taken, its writer gone: removed


async def test_notes_typed_while_the_meeting_was_down_are_taken_as_it_opens(
    make: MakeApp, session_path: Path
) -> None:
    session_path.parent.mkdir(parents=True)
    writer = InboxWriter(session_path, "n1")
    writer.send(note(1))
    writer.close()
    app = make()
    async with app.run_test(size=SIZE):
        assert [p.id for p in app.meeting.learning_points] == ["n1.lp-1"]


async def test_the_note_taker_types_a_note_and_sees_saved_once_the_meeting_wrote_it(
    make: MakeApp, session_path: Path, clock: FakeClock
) -> None:
    meeting_app = make()
    async with meeting_app.run_test(size=SIZE) as leader:
        await leader.press("space", "n")
        lock = SessionLock(session_path).acquire()  # as `caseroom run` holds it
        notes = make_notes_app(session_path, author="Erik", clock=clock, poll_seconds=FAR)
        try:
            async with notes.run_test(size=SIZE) as taker:
                assert "kører" in shown(notes, "#notes-state")
                assert "Introduktion" in shown(notes, "#notes-where")
                await taker.press(*"Ring til apoteket", "enter")
                assert "venter" in shown(notes, "#notes-sent")
                assert [n.values["text"] for n in notes.taker.notes()] == ["Ring til apoteket"]
                await meeting_app.check_inbox()
                notes.notes_screen.poll()
                await taker.pause()
                assert shown(notes, "#notes-sent") == "Gemt ✓"
                (point,) = meeting_app.meeting.learning_points
                assert (point.segment, point.author) == ("2b", "Erik")
                listing = notes.screen.query_one("#notes-list", OptionList)
                assert "Ring til apoteket – Erik" in str(listing.get_option_at_index(0).prompt)
        finally:
            lock.release()


async def test_the_note_taker_is_told_when_the_meeting_is_not_open_and_keeps_the_note(
    make: MakeApp, session_path: Path, clock: FakeClock
) -> None:
    meeting_app = make()
    async with meeting_app.run_test(size=SIZE) as leader:
        await leader.press("space")
    notes = make_notes_app(session_path, author="Erik", clock=clock, poll_seconds=FAR, lang="en")
    async with notes.run_test(size=SIZE) as taker:
        assert "not open" in shown(notes, "#notes-state")
        await taker.press(*"Later", "enter")
        assert "waiting" in shown(notes, "#notes-sent")
    assert len(inbox_paths(session_path)) == 1  # kept for the meeting to take


async def test_the_note_taker_edits_and_deletes_only_their_own_notes(
    make: MakeApp, session_path: Path, clock: FakeClock
) -> None:
    meeting_app = make()
    async with meeting_app.run_test(size=SIZE) as leader:
        await leader.press("space")
        meeting_app.apply(lambda: meeting_app.meeting.add_learning_point("Lederens"))
        notes = make_notes_app(session_path, author="Erik", clock=clock, poll_seconds=FAR)
        async with notes.run_test(size=SIZE) as taker:
            await taker.press(*"Min", "enter")
            await meeting_app.check_inbox()
            notes.notes_screen.poll()
            await taker.press("ctrl+up", "f4")  # the leader's note
            assert notes.notes_screen.form.note_id is None
            await taker.press("ctrl+down", "f4", *" note", "enter")
            await meeting_app.check_inbox()
            notes.notes_screen.poll()
            assert [p.text for p in meeting_app.meeting.learning_points] == [
                "Lederens",
                "Min note",
            ]
            await taker.press("f8")
            await meeting_app.check_inbox()
            assert [p.text for p in meeting_app.meeting.learning_points] == ["Lederens"]


async def test_an_edit_that_crossed_the_leader_s_is_refused_and_the_note_taker_told(
    make: MakeApp, session_path: Path, clock: FakeClock
) -> None:
    meeting_app = make()
    async with meeting_app.run_test(size=SIZE) as leader:
        await leader.press("space")
        notes = make_notes_app(session_path, author="Erik", clock=clock, poll_seconds=FAR)
        async with notes.run_test(size=SIZE) as taker:
            await taker.press(*"Udkast", "enter")
            await meeting_app.check_inbox()
            notes.notes_screen.poll()
            await taker.press("f4", *" to")  # the note-taker starts an edit ...
            note_id = meeting_app.meeting.learning_points[0].id
            meeting_app.apply(lambda: meeting_app.meeting.edit_learning_point(note_id, "Leder"))
            await taker.press("enter")  # ... and saves it after the leader's
            await meeting_app.check_inbox()
            notes.notes_screen.poll()
            await taker.pause()
            assert meeting_app.meeting.learning_points[0].text == "Leder"  # not overwritten
            assert "Leder" in shown(notes, "#notes-sent")
            assert "Ikke gemt" in shown(notes, "#notes-sent")


def shown(app: NotesApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_the_leader_s_open_edit_of_a_note_the_note_taker_changed_is_not_overwritten(
    make: MakeApp, session_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        writer = InboxWriter(session_path, "n1")
        writer.send(note(1, "Udkast"))
        await app.check_inbox()
        await pilot.press("v", "home", "e", *" (leder)")  # the leader's edit panel is open
        form = app.screen.query_one(CaptureForm)
        assert form.display and form.note_id == "n1.lp-1"
        edit = InboxEntry(
            "n1.lp-1.e1",
            "edit",
            "n1.lp-1",
            "learning_point",
            "Erik",
            text="Referentens",
            base={"text": "Udkast"},
        )
        writer.send(edit)  # ... when the note-taker's edit of the same note arrives
        await app.check_inbox()
        await pilot.pause()
        assert "Erik har lige ændret noten, du retter" in app.said[-1]  # told at once
        await pilot.press("enter")  # the leader's save: refused, the current text shown
        await pilot.pause()
        assert app.meeting.learning_points[0].text == "Referentens"
        assert session(app)["learning_point"][0]["text"] == "Referentens"
        assert form.display
        error = str(app.screen.query_one("#capture-error", Static).render())
        assert "ændret imens" in error and "Den lyder nu: Referentens" in error
        assert "Den lyder nu: Referentens" in app.said[-1]  # on the notice line too
        await pilot.press("enter")  # seen: a second Enter saves the leader's text knowingly
        await pilot.pause()
        assert not form.display
        assert app.meeting.learning_points[0].text == "Udkast (leder)"
        writer.close()


async def test_the_leader_s_open_edit_of_a_note_the_note_taker_deleted_is_refused(
    make: MakeApp, session_path: Path
) -> None:
    app = make(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        writer = InboxWriter(session_path, "n1")
        writer.send(note(1, "Draft"))
        await app.check_inbox()
        await pilot.press("v", "home", "e", *" (leader)")
        delete = InboxEntry(
            "n1.lp-1.d1", "delete", "n1.lp-1", "learning_point", "Erik", base={"text": "Draft"}
        )
        writer.send(delete)
        await app.check_inbox()
        await pilot.press("enter")
        await pilot.pause()
        assert app.meeting.learning_points == []  # not brought back by the leader's save
        assert "deleted meanwhile" in app.said[-1]
        writer.close()


async def test_notes_typed_after_the_meeting_ended_are_added_when_the_record_is_next_opened(
    make: MakeApp, session_path: Path, clock: FakeClock
) -> None:
    first = make()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("space", "q")
        await pilot.click("#finish")
    assert session(first)["status"] == "finished"
    notes = make_notes_app(session_path, author="Erik", clock=clock, poll_seconds=FAR)
    async with notes.run_test(size=SIZE) as taker:
        assert "afsluttet" in shown(notes, "#notes-state")
        await taker.press(*"Efter mødet", "enter")
        assert "venter" in shown(notes, "#notes-sent")
    assert len(inbox_paths(session_path)) == 1  # kept, not dropped
    assert not tomllib.loads(session_path.read_text("utf-8")).get("learning_point")

    clock.advance(86_400)  # the leader opens the record the next day
    app = make(meeting=open_for_resume(session_path, base=clock))  # as `caseroom resume`
    async with app.run_test(size=SIZE) as pilot:
        assert [p.text for p in app.meeting.learning_points] == ["Efter mødet"]
        assert "tilføjet referatet: 1" in app.said[-1]  # the leader is told the record grew
        await pilot.press("q")
    doc = tomllib.loads(session_path.read_text("utf-8"))
    assert doc["status"] == "finished"
    assert [(p["text"], p["author"]) for p in doc["learning_point"]] == [("Efter mødet", "Erik")]
    assert inbox_paths(session_path) == []  # all taken: the inbox is gone


async def test_an_inbox_is_kept_while_the_session_holding_its_notes_is_not_saved(
    make: MakeApp, session_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its notes are in the meeting's memory only until a save reaches the disk: removing
    the inbox before that (a full disk, a pulled USB stick) would lose them on a crash."""
    import caseroom.store.keeper as keeper

    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        writer = InboxWriter(session_path, "n1")
        writer.send(note(1))
        writer.close()

        def full_disk(*args: object, **kwargs: object) -> None:
            raise SaveError("the disk is full")

        monkeypatch.setattr(keeper, "save", full_disk)
        app.take_inbox()
        assert [p.id for p in app.meeting.learning_points] == ["n1.lp-1"]
        assert inbox_paths(session_path) != []  # kept: the file does not hold the note yet
        monkeypatch.undo()
        assert app.keeper.save()  # the heartbeat's next try reaches the disk
        app.take_inbox()
        assert inbox_paths(session_path) == []  # saved now: removed


async def test_keys_typed_before_the_screen_is_ready_land_in_the_note(
    make: MakeApp, session_path: Path, clock: FakeClock
) -> None:
    """In a real terminal the note-taker types as the command starts: the driver hands the
    app those keys before the screen has mounted and focused the note's text. They are kept,
    in order, not dropped."""
    meeting_app = make()
    async with meeting_app.run_test(size=SIZE) as leader:
        await leader.press("space")
    notes = make_notes_app(session_path, author="Erik", clock=clock, poll_seconds=FAR)
    for character in "Tidligt":  # queued before the app has even loaded its screen
        notes.post_message(events.Key(character, character))
    async with notes.run_test(size=SIZE) as taker:
        await taker.press(*" og sent")
        assert notes.notes_screen.form.query_one("#capture-text", TextArea).text == (
            "Tidligt og sent"
        )
