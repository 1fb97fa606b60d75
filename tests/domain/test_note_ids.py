"""Notes have stable ids: unique in the session, never given twice, the address of every edit.

An id is the kind's stem and the next number of that stem ("lp-1", "p-3"); see `NoteIds`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from caseroom.domain.captures import LearningPoint, NoteIds, Proposal
from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import DomainError
from caseroom.domain.meeting import Meeting

AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
def meeting(small_case: Case, clock: FakeClock) -> Meeting:
    meeting = Meeting(small_case, clock)
    meeting.add_participant("Anna", "læge")
    meeting.start()
    return meeting


def ids(meeting: Meeting) -> list[str]:
    return [p.id for p in meeting.learning_points] + [p.id for p in meeting.proposals]


# --- the scheme ----------------------------------------------------------------------------


def test_each_kind_counts_its_own_ids_from_one_in_the_order_taken(meeting: Meeting) -> None:
    assert meeting.add_learning_point("a").id == "lp-1"
    assert meeting.add_proposal("b").id == "p-1"
    assert meeting.add_learning_point("c").id == "lp-2"
    assert meeting.add_proposal("d").id == "p-2"
    assert ids(meeting) == ["lp-1", "lp-2", "p-1", "p-2"]


def test_the_same_meeting_on_a_fake_clock_gives_the_same_ids(small_case: Case) -> None:
    def run() -> list[str]:
        meeting = Meeting(small_case, FakeClock(start=AT))
        meeting.start()
        for text in ("x", "y", "z"):
            meeting.add_learning_point(text)
            meeting.add_proposal(text)
        meeting.delete_capture("learning_point", "lp-2")
        meeting.add_learning_point("w")
        return ids(meeting)

    assert run() == run() == ["lp-1", "lp-3", "lp-4", "p-1", "p-2", "p-3"]


def test_a_refused_note_takes_no_number(meeting: Meeting) -> None:
    with pytest.raises(DomainError):
        meeting.add_learning_point("   ")
    with pytest.raises(DomainError):
        meeting.add_proposal("\x1b")
    assert (meeting.add_learning_point("a").id, meeting.add_proposal("b").id) == ("lp-1", "p-1")


# --- never given twice ----------------------------------------------------------------------


def test_a_deleted_notes_id_is_never_given_again(meeting: Meeting) -> None:
    meeting.add_learning_point("a")
    last = meeting.add_learning_point("b")
    meeting.delete_capture("learning_point", last.id)
    assert meeting.add_learning_point("c").id == "lp-3"  # not lp-2, though lp-2 is gone


def test_undo_brings_a_note_back_with_its_own_id_and_new_notes_get_new_ones(
    meeting: Meeting,
) -> None:
    first = meeting.add_proposal("a")
    meeting.add_proposal("b")
    meeting.delete_capture("proposal", first.id)
    assert meeting.deleted[-1].note_id == "p-1"  # what undo brings back is named by its id
    assert meeting.add_proposal("c").id == "p-3"
    meeting.undo_delete()
    assert ids(meeting) == ["p-1", "p-2", "p-3"]
    assert meeting.proposal("p-1") is first
    assert meeting.add_proposal("d").id == "p-4"
    assert len(set(ids(meeting))) == len(ids(meeting))


def test_a_merge_keeps_the_kept_ones_id_and_retires_the_other(meeting: Meeting) -> None:
    kept = meeting.add_proposal("Frase", area="fraser")
    other = meeting.add_proposal("Frase igen")
    merged = meeting.merge_proposals(kept.id, other.id)
    assert merged is kept and merged.id == "p-1"
    assert ids(meeting) == ["p-1"]
    assert meeting.deleted[-1].note_id == "p-2"
    assert meeting.add_proposal("ny").id == "p-3"  # p-2 is the merged one's, for good
    meeting.undo_delete()  # the merge undone: the duplicate is back with its id
    assert ids(meeting) == ["p-1", "p-2", "p-3"]
    assert meeting.proposal("p-2").text == "Frase igen"
    assert meeting.proposal("p-1").text == "Frase"


def test_ids_stay_with_their_notes_while_others_come_and_go(meeting: Meeting) -> None:
    notes = [meeting.add_learning_point(text) for text in "abcde"]
    meeting.delete_capture("learning_point", "lp-2")
    meeting.delete_capture("learning_point", "lp-4")
    meeting.undo_delete()
    meeting.edit_learning_point("lp-5", "e (rettet)")
    assert [(n.id, n.text) for n in meeting.learning_points] == [
        ("lp-1", "a"),
        ("lp-3", "c"),
        ("lp-4", "d"),
        ("lp-5", "e (rettet)"),
    ]
    assert notes[4].text == "e (rettet)"


# --- addressed by id ------------------------------------------------------------------------


def test_edits_find_their_note_by_id_wherever_it_stands(meeting: Meeting) -> None:
    meeting.add_proposal("first")
    second = meeting.add_proposal("second")
    meeting.add_proposal("third")
    meeting.delete_capture("proposal", "p-1")  # the second now stands first
    meeting.edit_proposal("p-2", agreed=True, area="flow")
    assert (second.agreed, second.area) == (True, "flow")
    assert [p.agreed for p in meeting.proposals] == [True, False]


UNKNOWN_ID_CALLS: dict[str, Callable[[Meeting], object]] = {
    "edit_learning_point": lambda m: m.edit_learning_point("lp-9", "x"),
    "edit_proposal": lambda m: m.edit_proposal("p-9", agreed=True),
    "delete_capture": lambda m: m.delete_capture("proposal", "p-9"),
    "merge_proposals keep": lambda m: m.merge_proposals("p-9", "p-1"),
    "merge_proposals other": lambda m: m.merge_proposals("p-1", "p-9"),
    "learning_point": lambda m: m.learning_point("lp-9"),
    "proposal": lambda m: m.proposal("p-9"),
    "a learning point's id as a proposal's": lambda m: m.edit_proposal("lp-1", agreed=True),
    "a proposal's id as a learning point's": lambda m: m.delete_capture("learning_point", "p-1"),
    "a deleted note": lambda m: m.edit_learning_point("lp-2", "x"),
    "a position": lambda m: m.edit_learning_point("0", "x"),
}


@pytest.mark.parametrize("call", UNKNOWN_ID_CALLS.values(), ids=UNKNOWN_ID_CALLS.keys())
def test_an_unknown_id_is_a_domain_error_and_changes_nothing(
    meeting: Meeting, call: Callable[[Meeting], object]
) -> None:
    meeting.add_learning_point("a")
    meeting.add_learning_point("b")
    meeting.delete_capture("learning_point", "lp-2")
    meeting.add_proposal("c", area="flow")
    before = ([*map(repr, meeting.learning_points)], [*map(repr, meeting.proposals)])
    with pytest.raises(DomainError) as refused:
        call(meeting)
    assert refused.value.code == "captures.no_such_note"
    assert "no note with id" in str(refused.value)
    assert refused.value.text("da").startswith("der er ingen note med id")
    assert ([*map(repr, meeting.learning_points)], [*map(repr, meeting.proposals)]) == before
    assert len(meeting.deleted) == 1


# --- NoteIds itself -------------------------------------------------------------------------


def test_an_author_gets_ids_of_its_own_that_never_meet_the_meetings() -> None:
    """Room for a second writer (a note-taker's process): its ids carry its name."""
    meeting_ids, notes_ids = NoteIds(), NoteIds(author="n2")
    assert notes_ids.new("learning_point") == "n2.lp-1"
    assert notes_ids.new("proposal") == "n2.p-1"
    assert meeting_ids.new("learning_point") == "lp-1"
    meeting_ids.claim("n2.lp-1")  # the meeting applies the other's note: its number is taken
    assert meeting_ids.new("learning_point") == "lp-2"
    assert meeting_ids.last == {"lp": 2, "n2.lp": 1}
    with pytest.raises(ValueError, match="lower-case"):
        NoteIds(author="N 2")
    with pytest.raises(DomainError, match="unknown capture kind 'note'"):
        meeting_ids.new("note")


def test_claiming_an_id_moves_its_stem_past_it_only() -> None:
    note_ids = NoteIds()
    for taken in ("lp-7", "p-2", "lp-3", "odd", "lp-01", "x-0"):
        note_ids.claim(taken)
    assert note_ids.last == {"lp": 7, "p": 2}
    assert (note_ids.new("learning_point"), note_ids.new("proposal")) == ("lp-8", "p-3")


# --- put back from a file (restore_records) ---------------------------------------------------


def _point(text: str, note_id: str = "") -> LearningPoint:
    return LearningPoint(text, AT, "intro", id=note_id)


def _proposal(text: str, note_id: str = "") -> Proposal:
    return Proposal(text, AT, "intro", id=note_id)


def test_notes_without_ids_get_them_in_order_the_same_every_time(small_case: Case) -> None:
    def restored() -> Meeting:
        meeting = Meeting(small_case, FakeClock(start=AT))
        meeting.restore_records(
            learning_points=[_point("a"), _point("b")],
            proposals=[_proposal("c"), _proposal("d"), _proposal("e")],
        )
        return meeting

    first, second = restored(), restored()
    assert ids(first) == ids(second) == ["lp-1", "lp-2", "p-1", "p-2", "p-3"]
    assert first.add_proposal("f").id == "p-4"


def test_ids_held_are_kept_and_the_missing_ones_come_after_them(small_case: Case) -> None:
    meeting = Meeting(small_case, FakeClock(start=AT))
    given = _point("b", "lp-4")
    meeting.restore_records(
        learning_points=[_point("a"), given, _point("c", "custom")],
        proposals=[_proposal("d", "p-2"), _proposal("e")],
        note_ids={"lp": 6},  # lp-5 and lp-6 were given once (deleted since)
    )
    assert ids(meeting) == ["lp-7", "lp-4", "custom", "p-2", "p-3"]
    assert given.id == "lp-4" and meeting.learning_points[1] == given
    assert meeting.add_learning_point("f").id == "lp-8"
    assert meeting.note_ids.last == {"lp": 8, "p": 3}


def test_an_id_held_twice_stays_with_the_first_note(small_case: Case) -> None:
    """A session written by caseroom never holds one twice (a load refuses it); what is
    salvaged from a broken one may: the later note gets an id of its own."""
    meeting = Meeting(small_case, FakeClock(start=AT))
    meeting.restore_records(
        learning_points=[_point("a", "p-1"), _point("b")],
        proposals=[_proposal("c", "p-1"), _proposal("d", "p-1")],
    )
    assert ids(meeting) == ["p-1", "lp-1", "p-2", "p-3"]
    assert meeting.learning_points[0].text == "a"
