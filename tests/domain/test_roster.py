"""The list of people before the meeting: seating order, removing someone, the three roles."""

from __future__ import annotations

import pytest

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import DomainError
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant, Roles, move_participant


@pytest.fixture
def meeting(small_case: Case, clock: FakeClock) -> Meeting:
    meeting = Meeting(small_case, clock)
    for name, job in (("Anna", "læge"), ("Bo", "sygeplejerske"), ("Carl", "sekretær")):
        meeting.add_participant(name, job)
    return meeting


def seating(meeting: Meeting) -> list[str]:
    return [p.name for p in meeting.participants]


def test_moving_someone_up_and_down_the_seating_order(meeting: Meeting) -> None:
    assert meeting.move_participant("Carl", -1) == 1
    assert seating(meeting) == ["Anna", "Carl", "Bo"]
    assert meeting.move_participant("Carl", -1) == 0
    assert meeting.move_participant("Carl", -1) == 0  # already first: stays
    assert seating(meeting) == ["Carl", "Anna", "Bo"]
    assert meeting.move_participant("Bo", 1) == 2  # already last: stays
    assert meeting.move_participant("Carl", 1) == 1
    assert seating(meeting) == ["Anna", "Carl", "Bo"]


def test_a_move_takes_the_person_out_and_puts_them_back_further_on() -> None:
    people = [Participant(name, "?") for name in "ABCD"]
    assert move_participant(people, 0, 2) == 2
    assert [p.name for p in people] == ["B", "C", "A", "D"]
    assert move_participant(people, 3, -4) == 3  # would leave the list
    with pytest.raises(DomainError, match="no participant in seat 5"):
        move_participant(people, 4, -1)


def test_only_someone_on_the_list_moves_or_goes(meeting: Meeting) -> None:
    with pytest.raises(DomainError, match="no participant called 'Dorte'"):
        meeting.move_participant("Dorte", 1)
    with pytest.raises(DomainError, match="no participant called 'Dorte'"):
        meeting.remove_participant("Dorte")


def test_someone_removed_loses_every_role_they_held(meeting: Meeting) -> None:
    meeting.assign_role("leader", "Bo")
    meeting.assign_role("note_taker", "Bo")
    meeting.assign_role("timekeeper", "Anna")
    gone = meeting.remove_participant("Bo")
    assert gone.name == "Bo"
    assert seating(meeting) == ["Anna", "Carl"]
    assert meeting.roles == Roles(leader="", timekeeper="Anna", note_taker="")


def test_once_the_meeting_has_started_nobody_is_removed(meeting: Meeting) -> None:
    meeting.start()
    with pytest.raises(DomainError, match="marked absent"):
        meeting.remove_participant("Bo")
    assert seating(meeting) == ["Anna", "Bo", "Carl"]


def test_a_role_goes_to_someone_on_the_list_or_to_nobody(meeting: Meeting) -> None:
    meeting.assign_role("leader", "Anna")
    meeting.assign_role("leader", "Carl")  # Anna no longer holds it
    assert meeting.roles.holder("leader") == "Carl"
    meeting.assign_role("leader", "")
    assert meeting.roles.holder("leader") == ""
    with pytest.raises(DomainError, match="no participant called 'Dorte'"):
        meeting.assign_role("leader", "Dorte")
    with pytest.raises(DomainError, match="unknown role 'chair'"):
        meeting.assign_role("chair", "Anna")
    assert meeting.roles == Roles()


def test_roles_released_by_name() -> None:
    roles = Roles(leader="Bo", timekeeper="Anna", note_taker="Bo")
    assert roles.release("Bo") == ["leader", "note_taker"]
    assert roles.release("") == []  # nobody holds the free ones
    assert roles == Roles(timekeeper="Anna")
    roles.clear("timekeeper")
    assert roles == Roles()
    with pytest.raises(DomainError, match="unknown role"):
        roles.holder("chair")
