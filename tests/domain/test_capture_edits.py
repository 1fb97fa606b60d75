"""Captures after the fact: edit, delete and undo, merging duplicates, evaluation, action plan.

Also what survives a save and a load, and what odd text (empty, control characters, very long,
emoji) does.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import DomainError
from caseroom.domain.meeting import Meeting
from caseroom.store.cases import open_case
from caseroom.store.session_file import load, save

PEOPLE = (("Anna", "læge"), ("Bo", "sygeplejerske"), ("Carl", "sekretær"))


@pytest.fixture
def meeting(small_case: Case, clock: FakeClock) -> Meeting:
    meeting = Meeting(small_case, clock)
    for name, job in PEOPLE:
        meeting.add_participant(name, job)
    meeting.start()
    return meeting


def texts(meeting: Meeting, kind: str = "proposal") -> list[str]:
    items = meeting.proposals if kind == "proposal" else meeting.learning_points
    return [item.text for item in items]


# --- edit ----------------------------------------------------------------------------------


def test_editing_a_learning_point_changes_the_text_and_stamps_the_edit(
    meeting: Meeting, clock: FakeClock
) -> None:
    point = meeting.add_learning_point("Blodprøver før")
    created = point.at
    assert point.edited_at is None
    clock.advance(120)
    edited = meeting.edit_learning_point(point.id, "  Blodprøver en uge før årsstatus\x07 ")
    assert edited is point
    assert point.text == "Blodprøver en uge før årsstatus"
    assert point.at == created  # when it was captured stays
    assert point.edited_at == clock.now() != created


def test_editing_a_proposal_changes_only_the_given_fields(
    meeting: Meeting, clock: FakeClock
) -> None:
    added = meeting.add_proposal(
        "Fælles frase", area="fraser", responsible="Bo", proposed_by="Carl"
    )
    clock.advance(60)
    proposal = meeting.edit_proposal(added.id, responsible=" Anna ")
    assert (proposal.text, proposal.area, proposal.responsible, proposal.proposed_by) == (
        "Fælles frase",
        "fraser",
        "Anna",
        "Carl",
    )
    assert proposal.edited_at == clock.now()
    clock.advance(60)
    meeting.edit_proposal(
        added.id, text="Fælles frase for fodundersøgelse", area="andet", agreed=True
    )
    assert (proposal.text, proposal.area, proposal.agreed) == (
        "Fælles frase for fodundersøgelse",
        "andet",
        True,
    )
    assert proposal.edited_at == clock.now()


def test_an_edit_to_empty_text_is_refused_and_changes_nothing(meeting: Meeting) -> None:
    point = meeting.add_learning_point("keep me")
    proposal = meeting.add_proposal("keep me too", area="flow")
    with pytest.raises(DomainError, match="empty"):
        meeting.edit_learning_point(point.id, " \n\x1b ")
    with pytest.raises(DomainError, match="empty"):
        meeting.edit_proposal(proposal.id, text="   ", area="fraser")
    assert meeting.learning_points[0].text == "keep me"
    assert meeting.learning_points[0].edited_at is None
    assert (meeting.proposals[0].text, meeting.proposals[0].area) == ("keep me too", "flow")
    assert meeting.proposals[0].edited_at is None


# --- delete and undo -----------------------------------------------------------------------


def test_delete_and_undo_restore_the_capture_at_the_same_position(meeting: Meeting) -> None:
    for text in ("one", "two", "three"):
        meeting.add_proposal(text)
    meeting.add_learning_point("lp")
    middle = meeting.proposals[1]
    meeting.delete_capture("proposal", middle.id)
    assert texts(meeting) == ["one", "three"]
    assert meeting.undo_delete() == ("proposal", 1)
    assert texts(meeting) == ["one", "two", "three"]
    assert meeting.proposals[1] is middle  # the same object, stamps and all
    assert texts(meeting, "learning_point") == ["lp"]


def test_undo_goes_back_one_delete_at_a_time(meeting: Meeting) -> None:
    a, _, c = (meeting.add_learning_point(text) for text in ("a", "b", "c"))
    p = meeting.add_proposal("p")
    meeting.delete_capture("learning_point", a.id)
    meeting.delete_capture("proposal", p.id)
    meeting.delete_capture("learning_point", c.id)  # "c" (now at 1)
    assert texts(meeting, "learning_point") == ["b"] and meeting.proposals == []
    assert meeting.undo_delete() == ("learning_point", 1)
    assert texts(meeting, "learning_point") == ["b", "c"]
    assert meeting.undo_delete() == ("proposal", 0)
    assert texts(meeting) == ["p"]
    assert meeting.undo_delete() == ("learning_point", 0)
    assert texts(meeting, "learning_point") == ["a", "b", "c"]
    with pytest.raises(DomainError, match="nothing to undo"):
        meeting.undo_delete()


def test_an_unknown_kind_is_a_domain_error(meeting: Meeting) -> None:
    point = meeting.add_learning_point("x")
    with pytest.raises(DomainError, match="unknown capture kind"):
        meeting.delete_capture("note", point.id)
    assert texts(meeting, "learning_point") == ["x"]


# --- merging duplicates ----------------------------------------------------------------------


def test_merging_a_duplicate_joins_texts_keeps_decisions_and_removes_the_other(
    meeting: Meeting, clock: FakeClock
) -> None:
    first = meeting.add_proposal("Fast supervisor hver dag", area="supervision")
    meeting.add_proposal("Unrelated", area="flow")
    third = meeting.add_proposal(
        "Supervisor man kan spørge uden at vente", responsible="Bo", proposed_by="Carl"
    )
    meeting.edit_proposal(third.id, agreed=True)
    clock.advance(30)
    merged = meeting.merge_proposals(first.id, third.id)
    assert merged.text == "Fast supervisor hver dag\nSupervisor man kan spørge uden at vente"
    assert (merged.area, merged.responsible, merged.proposed_by, merged.agreed) == (
        "supervision",  # the target's own decision wins
        "Bo",  # the duplicate's decisions fill the gaps
        "Carl",
        True,
    )
    assert merged.edited_at == clock.now()
    assert texts(meeting) == [merged.text, "Unrelated"]


def test_merging_keeps_the_targets_decisions_over_the_duplicates(meeting: Meeting) -> None:
    earlier = meeting.add_proposal("Frase for fødder", area="fraser", responsible="Anna")
    later = meeting.add_proposal("Frase for fødder", area="flow", responsible="Bo")
    merged = meeting.merge_proposals(later.id, earlier.id)  # into the later one
    assert merged.text == "Frase for fødder"  # the same text is not repeated
    assert (merged.area, merged.responsible) == ("flow", "Bo, Anna")  # its area, both people
    assert meeting.proposals == [merged]


def test_merging_keeps_both_responsibles_and_undo_undoes_the_whole_merge(
    meeting: Meeting, clock: FakeClock
) -> None:
    one = meeting.add_proposal("Indbakken har en ejer", area="flow", responsible="Bo")
    two = meeting.add_proposal("Fælles indbakke med ejer", responsible="Dorte", proposed_by="Ib")
    merged = meeting.merge_proposals(one.id, two.id)
    assert merged.responsible == "Bo, Dorte"  # nobody is dropped silently
    assert merged.proposed_by == "Ib"
    assert merged.text == "Indbakken har en ejer\nFælles indbakke med ejer"
    clock.advance(10)
    meeting.undo_delete()
    assert texts(meeting) == ["Indbakken har en ejer", "Fælles indbakke med ejer"]
    kept, back = meeting.proposals
    assert (kept.responsible, kept.proposed_by, kept.edited_at) == ("Bo", "", None)
    assert (back.responsible, back.proposed_by) == ("Dorte", "Ib")
    assert meeting.merge_proposals(one.id, two.id).responsible == "Bo, Dorte"  # again, the same


def test_a_name_already_there_is_not_repeated_by_a_merge(meeting: Meeting) -> None:
    a = meeting.add_proposal("A", responsible="Bo, Dorte")
    b = meeting.add_proposal("B", responsible="dorte")
    assert meeting.merge_proposals(a.id, b.id).responsible == "Bo, Dorte"
    c = meeting.add_proposal("C", responsible="Bodil")
    d = meeting.add_proposal("D", responsible="Bo")  # a name inside another is still its own
    assert meeting.merge_proposals(c.id, d.id).responsible == "Bodil, Bo"


def test_undo_of_a_merge_keeps_edits_made_since(meeting: Meeting, clock: FakeClock) -> None:
    ring = meeting.add_proposal("Ring", responsible="Bodil")
    call = meeting.add_proposal("Call", responsible="Bo")
    meeting.merge_proposals(ring.id, call.id)
    clock.advance(5)
    meeting.edit_proposal(ring.id, text="Rettet efter fletningen", agreed=True)
    meeting.undo_delete()  # the duplicate comes back; the edit is not thrown away
    assert texts(meeting) == ["Rettet efter fletningen", "Call"]
    assert meeting.proposals[0].agreed is True


def test_a_proposal_cannot_be_merged_with_itself(meeting: Meeting) -> None:
    only = meeting.add_proposal("only")
    with pytest.raises(DomainError, match="itself"):
        meeting.merge_proposals(only.id, only.id)
    assert texts(meeting) == ["only"]


# --- evaluation and the action plan ----------------------------------------------------------


def test_evaluation_keeps_at_most_three_points_drops_empty_ones_and_replaces(
    meeting: Meeting,
) -> None:
    evaluation = meeting.set_evaluation("Anna", ["  første ", "", "anden", "   ", "tredje", "4"])
    assert evaluation.points == ["første", "anden", "tredje"]
    assert meeting.evaluation_of("Anna") == ["første", "anden", "tredje"]
    again = meeting.set_evaluation("Anna", ["kun én"])
    assert again is evaluation
    assert meeting.evaluation_of("Anna") == ["kun én"]
    assert len(meeting.evaluations) == 1
    meeting.set_evaluation("Bo", ["", ""])
    assert meeting.evaluation_of("Bo") == []
    assert meeting.evaluation_of("Carl") == []
    assert [e.participant for e in meeting.evaluations] == ["Anna"]  # no empty record for Bo
    meeting.set_evaluation("Anna", [" ", ""])  # everything cleared: the record goes
    assert meeting.evaluations == []


def test_an_evaluation_differs_only_when_saving_it_would_change_the_record(
    meeting: Meeting,
) -> None:
    assert not meeting.evaluation_differs("Anna", ["", "  ", ""])
    assert meeting.evaluation_differs("Anna", ["Ro"])
    meeting.set_evaluation("Anna", ["Ro", "Tid"])
    assert not meeting.evaluation_differs("Anna", [" Ro ", "", "Tid"])
    assert meeting.evaluation_differs("Anna", ["Ro", ""])


def test_evaluation_of_returns_a_copy(meeting: Meeting) -> None:
    meeting.set_evaluation("Carl", ["a"])
    meeting.evaluation_of("Carl").append("b")
    assert meeting.evaluation_of("Carl") == ["a"]


def test_evaluation_for_someone_not_in_the_meeting_is_refused(meeting: Meeting) -> None:
    with pytest.raises(DomainError, match="no participant"):
        meeting.set_evaluation("Eve", ["x"])
    assert meeting.evaluations == []


def test_the_action_plan_drafter_and_deadline(meeting: Meeting) -> None:
    meeting.set_action_plan("  Anna ", " 2026-12-01 ")
    assert (meeting.opsamling.action_plan_drafter, meeting.opsamling.deadline) == (
        "Anna",
        "2026-12-01",
    )
    meeting.set_action_plan("Bo", "")
    assert (meeting.opsamling.action_plan_drafter, meeting.opsamling.deadline) == ("Bo", "")


# --- odd text --------------------------------------------------------------------------------


def test_empty_text_is_refused(meeting: Meeting) -> None:
    for bad in ("", "   ", "\n\n", "\x00\x1b\x07"):
        with pytest.raises(DomainError, match="empty"):
            meeting.add_learning_point(bad)
        with pytest.raises(DomainError, match="empty"):
            meeting.add_proposal(bad, area="flow")
    assert meeting.learning_points == [] and meeting.proposals == []


def test_control_characters_are_stripped_newlines_and_tabs_kept(meeting: Meeting) -> None:
    point = meeting.add_learning_point("a\x1b[2Jb\x00c\r\nd\te\x9bf\x7f")
    assert point.text == "a[2Jbc\nd\tef"


def test_ten_thousand_characters_and_emoji_are_kept(meeting: Meeting) -> None:
    long_text = ("Blodprøver før årsstatus. " * 400)[:10_000]
    assert len(long_text) == 10_000 and long_text[-1] != " "
    point = meeting.add_learning_point(long_text)
    assert point.text == long_text
    emoji = "Ros til sekretæren 🎉👍🏽 – 🧑‍⚕️ og 🩸"
    proposal = meeting.add_proposal(emoji, area="flow")
    assert proposal.text == emoji


# --- through the session file ----------------------------------------------------------------


def test_captures_edits_evaluation_and_plan_round_trip(tmp_path: Path) -> None:
    clock = FakeClock()
    case, source, _ = open_case("t2d-aarsstatus")
    meeting = Meeting(case, clock, case_source=source)
    for name, job in PEOPLE:
        meeting.add_participant(name, job)
    meeting.start()
    long_text = "x" * 10_000
    meeting.add_learning_point("Første\nlinje to\tmed tab 🎉")
    meeting.add_learning_point(long_text)
    meeting.next()
    meeting.next()  # 2c/q1
    clock.advance(30)
    fast = meeting.add_proposal("Fast frase", area="fraser", responsible="Bo", proposed_by="Anna")
    journal = meeting.add_proposal("Fast frase i journalen", area="fraser")
    meeting.add_proposal("Eget område", area="kaffemaskinen")
    gone = meeting.add_proposal("slet mig")
    clock.advance(30)
    meeting.edit_learning_point("lp-1", "Første\nlinje to\tmed tab 🎉 (rettet)")
    meeting.merge_proposals(fast.id, journal.id)
    meeting.edit_proposal(fast.id, agreed=True)
    meeting.delete_capture("proposal", gone.id)
    meeting.set_evaluation("Carl", ["a", "b", "c"])
    meeting.set_evaluation("Anna", ["kun én"])
    meeting.set_action_plan("Anna", "2026-12-01")
    path = tmp_path / "s.toml"
    save(meeting, path)

    with path.open("rb") as handle:
        doc = tomllib.load(handle)
    assert [p["text"] for p in doc["learning_point"]] == [
        "Første\nlinje to\tmed tab 🎉 (rettet)",
        long_text,
    ]
    assert doc["learning_point"][0]["edited_at"] == clock.now()
    assert "edited_at" not in doc["learning_point"][1]
    first = doc["proposal"][0]
    assert first["text"] == "Fast frase\nFast frase i journalen"
    assert (first["area"], first["responsible"], first["proposed_by"], first["agreed"]) == (
        "fraser",
        "Bo",
        "Anna",
        True,
    )
    assert (first["segment"], first["question"]) == ("2c", "q1")
    assert [p["text"] for p in doc["proposal"]] == [first["text"], "Eget område"]
    assert doc["proposal"][1]["area"] == "kaffemaskinen"
    assert doc["evaluation"] == [
        {"participant": "Carl", "points": ["a", "b", "c"]},
        {"participant": "Anna", "points": ["kun én"]},
    ]
    assert doc["opsamling"] == {"action_plan_drafter": "Anna", "deadline": "2026-12-01"}

    again = load(path, FakeClock(start=clock.now()))
    assert again.learning_points == meeting.learning_points
    assert again.proposals == meeting.proposals
    assert again.evaluations == meeting.evaluations
    assert again.opsamling == meeting.opsamling
