"""The meeting applies a note-taker's inbox entries through the engine, once each (issue 19)."""

from __future__ import annotations

import pytest

from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import DomainError
from caseroom.domain.inbox import InboxEntry, apply_entries, apply_entry, note_values
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case


def meeting() -> Meeting:
    case = open_case("t2d-aarsstatus")[0]
    people = [Participant("Anna", "læge"), Participant("Carl", "sekretær")]
    m = Meeting(case, FakeClock(), participants=people)
    m.start()
    return m


def add(note_id: str = "n1.lp-1", **fields: str) -> InboxEntry:
    values = {"text": "Husk HbA1c", "segment": "2c", "question": "q2", **fields}
    kind = "proposal" if ".p-" in note_id else "learning_point"
    return InboxEntry(note_id, "add", note_id, kind, "Carl", **values)  # type: ignore[arg-type]


def test_an_added_note_keeps_its_id_its_author_and_the_stamp_the_note_taker_saw() -> None:
    m = meeting()
    assert m.agenda.current.segment.id == "2a"
    assert apply_entry(m, add()) == "applied"
    (point,) = m.learning_points
    assert (point.id, point.author, point.segment, point.question) == (
        "n1.lp-1",
        "Carl",
        "2c",
        "q2",
    )
    assert m.inbox.acknowledged == ["n1.lp-1"]
    assert m.note_ids.new("learning_point") == "lp-1"  # the meeting's own ids are its own


def test_an_entry_read_again_is_never_applied_twice() -> None:
    m = meeting()
    entry = add("n1.p-1", area="fraser", responsible="Anna")
    assert apply_entry(m, entry) == "applied"
    assert apply_entry(m, entry) == "seen"
    assert [p.id for p in m.proposals] == ["n1.p-1"]
    assert m.proposals[0].area == "fraser"


def test_a_deleted_note_is_not_brought_back_by_its_add_read_again() -> None:
    m = meeting()
    apply_entry(m, add())
    delete = InboxEntry(
        "n1.lp-1.d1", "delete", "n1.lp-1", "learning_point", "Carl", base={"text": "Husk HbA1c"}
    )
    assert apply_entry(m, delete) == "applied"
    assert apply_entry(m, add()) == "seen"
    assert m.learning_points == []


def test_an_edit_of_a_note_changed_meanwhile_is_refused_and_the_other_edit_kept() -> None:
    m = meeting()
    apply_entry(m, add())
    m.edit_learning_point("n1.lp-1", "Lederens rettelse")
    edit = InboxEntry(
        "n1.lp-1.e1",
        "edit",
        "n1.lp-1",
        "learning_point",
        "Carl",
        text="Referentens rettelse",
        base={"text": "Husk HbA1c"},
    )
    assert apply_entry(m, edit) == "refused"
    assert m.learning_points[0].text == "Lederens rettelse"
    assert "n1.lp-1.e1" in m.inbox.refused and m.inbox.has("n1.lp-1.e1")


def test_an_edit_on_the_text_seen_is_applied() -> None:
    m = meeting()
    apply_entry(m, add())
    edit = InboxEntry(
        "n1.lp-1.e1",
        "edit",
        "n1.lp-1",
        "learning_point",
        "Carl",
        text="Husk HbA1c og BT",
        base={"text": "Husk HbA1c"},
    )
    assert apply_entry(m, edit) == "applied"
    assert m.learning_points[0].text == "Husk HbA1c og BT"


def test_only_the_author_may_edit_or_delete_a_note() -> None:
    m = meeting()
    apply_entry(m, add())
    other = InboxEntry(
        "n2.x.d1", "delete", "n1.lp-1", "learning_point", "Anna", base={"text": "Husk HbA1c"}
    )
    assert apply_entry(m, other) == "refused"
    assert len(m.learning_points) == 1


def test_empty_text_is_refused_and_control_characters_are_stripped() -> None:
    m = meeting()
    assert apply_entry(m, add(text="  ")) == "refused"
    assert apply_entry(m, add("n1.lp-2", text="a\x1b[31mb\u202e")) == "applied"
    assert m.learning_points[0].text == "a[31mb"


def test_a_stamp_the_case_does_not_know_takes_the_meeting_s_step() -> None:
    m = meeting()
    apply_entry(m, add(segment="nope", question="q99"))
    assert (m.learning_points[0].segment, m.learning_points[0].question) == ("2a", None)


def test_the_leader_s_edit_of_a_note_the_note_taker_changed_meanwhile_is_refused() -> None:
    m = meeting()
    apply_entry(m, add("n1.p-1", area="fraser"))
    seen = note_values(m.proposals[0])  # the leader's edit panel opens on this
    edit = InboxEntry(
        "n1.p-1.e1", "edit", "n1.p-1", "proposal", "Carl", text="Referentens", base=seen
    )
    assert apply_entry(m, edit) == "applied"
    with pytest.raises(DomainError) as refused:
        m.edit_proposal("n1.p-1", text="Lederens", area="fraser", base=seen)
    assert refused.value.code == "captures.changed_meanwhile"
    assert refused.value.params["text"] == "Referentens"
    assert m.proposals[0].text == "Referentens"  # not overwritten
    now = note_values(m.proposals[0])  # seen now: the leader's save goes in knowingly
    assert m.edit_proposal("n1.p-1", text="Lederens", base=now).text == "Lederens"


def test_the_leader_s_edit_of_a_note_the_note_taker_deleted_meanwhile_is_refused() -> None:
    m = meeting()
    apply_entry(m, add())
    seen = note_values(m.learning_points[0])
    delete = InboxEntry("n1.lp-1.d1", "delete", "n1.lp-1", "learning_point", "Carl", base=seen)
    assert apply_entry(m, delete) == "applied"
    with pytest.raises(DomainError) as refused:
        m.edit_learning_point("n1.lp-1", "Lederens", base=seen)
    assert refused.value.code == "captures.deleted_meanwhile"
    assert m.learning_points == []
    # an edit without a base (the engine's other callers) is not compared
    apply_entry(m, add("n1.lp-2"))
    assert m.edit_learning_point("n1.lp-2", "x").text == "x"


def test_an_edit_read_before_its_add_is_applied_after_it() -> None:
    """Carl's second screen edited a note his first screen added while the meeting was down;
    the inboxes are read in name order, the second's first: the add still goes first."""
    m = meeting()
    edit = InboxEntry(
        "n2.e1",
        "edit",
        "n9.lp-1",
        "learning_point",
        "Carl",
        text="Husk HbA1c og BT",
        base={"text": "Husk HbA1c"},
    )
    assert apply_entries(m, [edit, add("n9.lp-1")]) == ["applied", "applied"]
    assert [(p.id, p.text) for p in m.learning_points] == [("n9.lp-1", "Husk HbA1c og BT")]
