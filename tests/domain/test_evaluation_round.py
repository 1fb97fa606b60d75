"""The evaluation round (Afslutning): who is timed how long, and whose turn comes next."""

from __future__ import annotations

import pytest

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import EVALUATION_MIN_SECONDS, Meeting
from tests.conftest import CaseFactory

PEOPLE = ("Anna", "Bo", "Cille", "Dorte")


def make_meeting(case: Case, clock: FakeClock) -> Meeting:
    meeting = Meeting(case, clock)
    for name in PEOPLE:
        meeting.add_participant(name, "læge")
    meeting.start()
    return meeting


@pytest.fixture
def meeting(case_factory: CaseFactory, clock: FakeClock) -> Meeting:
    """intro 10 min, then the evaluation segment of 8 minutes."""
    case = case_factory([("intro", 10), ("case", 20, "case"), ("end", 8, "evaluation")])
    return make_meeting(case, clock)


def to_evaluation(meeting: Meeting) -> None:
    while meeting.agenda.current.segment.kind != "evaluation":
        meeting.next()


def test_no_round_outside_the_evaluation_segment(meeting: Meeting) -> None:
    assert meeting.start_evaluation_round() is None
    assert meeting.talk.round is None


def test_the_round_shares_the_segments_time_left_among_those_present(
    meeting: Meeting, clock: FakeClock
) -> None:
    meeting.set_present("Dorte", False)
    to_evaluation(meeting)
    clock.advance(120)  # 6 of the 8 minutes left, for three people
    talk_round = meeting.start_evaluation_round()
    assert talk_round is not None
    assert talk_round.order == ["Anna", "Bo", "Cille"]
    assert talk_round.seconds_per_person == 120.0
    assert meeting.talk.round_remaining(meeting.clock.monotonic()) == 120.0
    assert meeting.start_evaluation_round() is None  # one round at a time


def test_at_least_half_a_minute_each_however_late(meeting: Meeting, clock: FakeClock) -> None:
    to_evaluation(meeting)
    clock.advance(9 * 60)  # a minute over
    talk_round = meeting.start_evaluation_round()
    assert talk_round is not None
    assert talk_round.seconds_per_person == EVALUATION_MIN_SECONDS == 30.0


def test_the_cases_time_per_person_wins(case_factory: CaseFactory, clock: FakeClock) -> None:
    case = case_factory([("intro", 10), ("case", 20, "case"), ("end", 8, "evaluation")])
    timed = case.segments[2].model_copy(update={"round_seconds_per_person": 45})
    case = case.model_copy(update={"segments": [*case.segments[:2], timed]})
    meeting = make_meeting(case, clock)
    to_evaluation(meeting)
    talk_round = meeting.start_evaluation_round()
    assert talk_round is not None
    assert talk_round.seconds_per_person == 45.0


def test_no_round_with_nobody_present(meeting: Meeting) -> None:
    to_evaluation(meeting)
    for name in PEOPLE:
        meeting.set_present(name, False)
    assert meeting.start_evaluation_round() is None


def test_no_round_once_the_meeting_is_over(meeting: Meeting) -> None:
    to_evaluation(meeting)
    meeting.finish()
    assert meeting.agenda.current.segment.kind == "evaluation"
    assert meeting.start_evaluation_round() is None


def test_a_resumed_round_starts_again_among_those_without_points(
    meeting: Meeting, clock: FakeClock
) -> None:
    to_evaluation(meeting)
    meeting.set_evaluation("Anna", ["Ro"])
    meeting.set_evaluation("Cille", ["Tid"])
    clock.advance(60)  # 7 minutes left for Bo and Dorte
    talk_round = meeting.start_evaluation_round(resumed=True)
    assert talk_round is not None
    assert talk_round.order == ["Bo", "Dorte"]
    assert talk_round.seconds_per_person == 210.0
    meeting.end_round()
    for name in ("Bo", "Dorte"):
        meeting.set_evaluation(name, ["Mod"])
    assert meeting.start_evaluation_round(resumed=True) is None  # everyone has points


def test_next_evaluation_follows_the_round(meeting: Meeting) -> None:
    to_evaluation(meeting)
    meeting.start_evaluation_round()
    assert meeting.next_evaluation("Anna", ["Ro", "", ""]) == "Bo"
    assert meeting.next_evaluation("Bo", ["", " ", ""]) == "Cille"  # nothing: a pass
    round_now = meeting.talk.round
    assert round_now is not None
    assert [(e.participant, e.skipped) for e in round_now.entries] == [
        ("Anna", False),
        ("Bo", True),
    ]
    # someone typed for out of turn: back to whose turn it is, the round stays put
    assert meeting.next_evaluation("Anna", ["Mere"]) == "Cille"
    assert meeting.next_evaluation("Cille", ["Tid"]) == "Dorte"
    assert meeting.next_evaluation("Dorte", ["Mod"]) is None


def test_next_evaluation_without_a_round_is_the_next_present_in_seating_order(
    meeting: Meeting,
) -> None:
    meeting.set_present("Bo", False)
    assert meeting.next_evaluation("Anna", ["Ro"]) == "Cille"
    assert meeting.next_evaluation("Dorte", ["Ro"]) is None
    assert meeting.next_evaluation("Bo", []) == "Anna"  # someone gone: from the start
