"""Speaking time: turns, switches, the meeting's pause inside a turn, the same number again."""

from __future__ import annotations

import pytest

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import DomainError
from caseroom.domain.meeting import Meeting
from caseroom.domain.talk import TalkTracker


def spoken(talk: TalkTracker, now: float) -> dict[str, float]:
    return {name: talk.spoken_seconds(name, now) for name in ("Anna", "Bo", "Carl")}


def test_a_turn_counts_from_start_to_stop() -> None:
    talk = TalkTracker()
    talk.speak("Anna", "intro", 10.0)
    assert talk.speaker == "Anna"
    assert talk.spoken_seconds("Anna", 25.0) == 15  # an open turn counts up to now
    talk.speak(None, "intro", 40.0)
    assert talk.speaker is None
    assert talk.spoken_seconds("Anna", 100.0) == 30
    assert talk.turn_count("Anna") == 1
    assert [(t.participant, t.step_key, t.spans) for t in talk.turns] == [
        ("Anna", "intro", [[10.0, 40.0]])
    ]


def test_switching_speaker_closes_the_previous_turn() -> None:
    talk = TalkTracker()
    talk.speak("Anna", "s", 0.0)
    talk.speak("Bo", "s", 30.0)
    talk.speak("Anna", "s", 50.0)
    talk.speak("Carl", "s", 70.0)
    assert spoken(talk, 100.0) == {"Anna": 50, "Bo": 20, "Carl": 30}
    assert [talk.turn_count(n) for n in ("Anna", "Bo", "Carl")] == [2, 1, 1]
    assert talk.speaker == "Carl"
    assert [t.is_open for t in talk.turns] == [False, False, False, True]


def test_the_same_person_again_stops_the_turn() -> None:
    talk = TalkTracker()
    talk.speak("Anna", "s", 0.0)
    talk.speak("Anna", "s", 45.0)
    assert talk.speaker is None
    assert talk.spoken_seconds("Anna", 500.0) == 45
    talk.speak("Anna", "s", 100.0)  # and once more starts a new turn
    assert talk.speaker == "Anna"
    assert talk.turn_count("Anna") == 2
    assert talk.spoken_seconds("Anna", 110.0) == 55


def test_a_pause_inside_a_turn_stops_the_clock_but_keeps_the_turn() -> None:
    talk = TalkTracker()
    talk.speak("Anna", "s", 0.0)
    talk.suspend(10.0)
    assert talk.speaker == "Anna"
    assert talk.spoken_seconds("Anna", 70.0) == 10
    talk.resume(70.0)
    assert talk.spoken_seconds("Anna", 100.0) == 40
    assert talk.turn_count("Anna") == 1
    assert talk.turns[0].spans == [[0.0, 10.0], [70.0, None]]


def test_a_speaker_chosen_during_a_pause_starts_counting_at_resume() -> None:
    talk = TalkTracker()
    talk.speak("Anna", "s", 0.0)
    talk.suspend(10.0)
    talk.speak("Bo", "s", 20.0)
    assert spoken(talk, 50.0) == {"Anna": 10, "Bo": 0, "Carl": 0}
    talk.resume(50.0)
    assert spoken(talk, 80.0) == {"Anna": 10, "Bo": 30, "Carl": 0}
    talk.speak(None, "s", 90.0)
    talk.suspend(95.0)
    talk.resume(120.0)  # nobody was speaking: nothing starts
    assert spoken(talk, 200.0) == {"Anna": 10, "Bo": 40, "Carl": 0}


def test_turns_are_filed_under_the_step_they_happen_in() -> None:
    talk = TalkTracker()
    talk.speak("Anna", "2c/q1", 0.0)
    talk.speak("Bo", "2c/q2", 10.0)
    talk.speak(None, "2c/q2", 25.0)
    assert talk.spoken_seconds("Anna", 99.0, {"2c/q2"}) == 0
    assert talk.spoken_seconds("Bo", 99.0, {"2c/q2"}) == 15
    assert talk.seconds_by_person(["Anna", "Bo", "Carl"], 99.0) == {
        "Anna": 10,
        "Bo": 15,
        "Carl": 0,
    }


# --- through the meeting: the agenda's pause suspends the speaker -------------------------


@pytest.fixture
def meeting(small_case: Case, clock: FakeClock) -> Meeting:
    meeting = Meeting(small_case, clock)
    for name, job in (("Anna", "læge"), ("Bo", "sygeplejerske"), ("Carl", "sekretær")):
        meeting.add_participant(name, job)
    meeting.start()
    return meeting


def test_the_meetings_pause_suspends_the_speaker(meeting: Meeting, clock: FakeClock) -> None:
    meeting.speak("Bo")
    clock.advance(20)
    meeting.toggle_pause()
    clock.advance(300)
    assert meeting.talk.spoken_seconds("Bo", clock.monotonic()) == 20
    meeting.toggle_pause()
    clock.advance(5)
    assert meeting.talk.spoken_seconds("Bo", clock.monotonic()) == 25
    assert meeting.talk.turn_count("Bo") == 1


def test_finishing_the_meeting_ends_the_turn(meeting: Meeting, clock: FakeClock) -> None:
    meeting.speak("Carl")
    clock.advance(30)
    meeting.finish()
    clock.advance(600)
    assert meeting.talk.speaker is None
    assert meeting.talk.spoken_seconds("Carl", clock.monotonic()) == 30


def test_only_present_participants_can_speak(meeting: Meeting) -> None:
    with pytest.raises(DomainError, match="no participant called 'Eve'"):
        meeting.speak("Eve")
    meeting.set_present("Anna", False)
    with pytest.raises(DomainError, match="not present"):
        meeting.speak("Anna")
    assert meeting.talk.speaker is None


def test_marking_the_speaker_absent_stops_the_turn(meeting: Meeting, clock: FakeClock) -> None:
    meeting.speak("Anna")
    clock.advance(12)
    meeting.set_present("Anna", False)
    clock.advance(100)
    assert meeting.talk.speaker is None
    assert meeting.talk.spoken_seconds("Anna", clock.monotonic()) == 12
