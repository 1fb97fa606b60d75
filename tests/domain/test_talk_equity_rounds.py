"""Speaking time in depth: the equity figure, turns, pauses, scopes, rounds, hints, resume.

Every figure is derived from start/stop instants of a fake clock, so each expected value below
is exact and computed by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import DomainError
from caseroom.domain.meeting import Meeting
from caseroom.domain.talk import RoundEntry, TalkTracker, equity
from caseroom.store.cases import open_case
from caseroom.store.session_file import load, save, to_document

PEOPLE = (("Anna", "læge"), ("Bo", "læge"), ("Cille", "sygeplejerske"), ("Dorte", "sekretær"))
NAMES = [name for name, _ in PEOPLE]


# --- the equity figure: 1 − normalised Gini ------------------------------------------------


@pytest.mark.parametrize("seconds", [[60, 60, 60, 60], [1, 1], [300.5] * 9])
def test_everyone_equal_is_perfect_equity(seconds: list[float]) -> None:
    assert equity(seconds) == pytest.approx(1.0)


@pytest.mark.parametrize("seconds", [[120, 0], [0, 0, 0, 600], [0.0] * 8 + [1.0]])
def test_one_talker_alone_is_the_worst_equity(seconds: list[float]) -> None:
    assert equity(seconds) == pytest.approx(0.0)


def test_two_of_four_speaking_equally_long() -> None:
    # values 0, 0, a, a: mean |xi − xj| over ordered pairs = 8a / 16; Gini = 8a / (2·16·a/2)
    # = 0.5; the largest Gini for four people is 3/4, so normalised 2/3 and equity 1/3
    assert equity([0, 90, 0, 90]) == pytest.approx(1 / 3)


def test_two_of_four_speaking_unequally() -> None:
    # values 0, 0, 30, 60: Σ|xi − xj| over ordered pairs = 2·(2·30 + 2·60 + 30) = 420;
    # Gini = 420 / (2·16·22.5) = 7/12; normalised by 3/4: 7/9; equity 2/9
    assert equity([60, 0, 30, 0]) == pytest.approx(2 / 9)


def test_equity_does_not_depend_on_order_or_unit() -> None:
    value = equity([10, 20, 30])
    assert value is not None and 0 < value < 1
    assert equity([30, 10, 20]) == pytest.approx(value)
    assert equity([600, 1200, 1800]) == pytest.approx(value)


@pytest.mark.parametrize("seconds", [[], [100.0], [0, 0, 0], [0.0]])
def test_no_equity_figure_for_fewer_than_two_people_or_when_nobody_spoke(
    seconds: list[float],
) -> None:
    assert equity(seconds) is None


# --- turns ----------------------------------------------------------------------------------


def test_turns_switches_and_the_same_number_again() -> None:
    talk = TalkTracker()
    talk.speak("Anna", "s", 0.0)
    talk.speak("Bo", "s", 30.0)  # a switch closes Anna's turn
    talk.speak("Bo", "s", 120.0)  # Bo's number again: nobody speaks
    assert talk.speaker is None
    talk.speak("Anna", "s", 200.0)
    talk.speak(None, "s", 215.0)  # 0: nobody
    assert talk.seconds_by_person(["Anna", "Bo", "Cille"], 1000.0) == {
        "Anna": 45.0,
        "Bo": 90.0,
        "Cille": 0.0,
    }
    assert [talk.turn_count(n) for n in ("Anna", "Bo", "Cille")] == [2, 1, 0]
    talk.speak(None, "s", 300.0)  # nobody again changes nothing
    assert len(talk.turns) == 3


def test_a_pause_inside_a_turn_is_not_speaking_time() -> None:
    talk = TalkTracker()
    talk.speak("Anna", "s", 0.0)
    talk.suspend(40.0)
    assert talk.spoken_seconds("Anna", 400.0) == 40  # the clock stopped at the pause
    talk.resume(400.0)
    assert talk.spoken_seconds("Anna", 410.0) == 50
    talk.speak("Anna", "s", 420.0)
    assert talk.turn_count("Anna") == 1
    assert talk.turns[0].spans == [[0.0, 40.0], [400.0, 420.0]]


def test_the_meetings_pause_stops_the_speakers_clock(small_case: Case, clock: FakeClock) -> None:
    meeting = _meeting(small_case, clock)
    meeting.speak("Cille")
    clock.advance(25)
    meeting.toggle_pause()
    clock.advance(500)
    meeting.toggle_pause()
    clock.advance(5)
    assert meeting.talk.spoken_seconds("Cille", clock.monotonic()) == 30
    assert meeting.talk.turn_count("Cille") == 1


def test_follow_step_continues_the_turn_without_counting_a_new_one() -> None:
    talk = TalkTracker()
    talk.speak("Anna", "case/q1", 0.0)
    talk.follow_step("case/q2", 60.0)
    assert talk.speaker == "Anna"
    assert [(t.step_key, t.continued) for t in talk.turns] == [
        ("case/q1", False),
        ("case/q2", True),
    ]
    assert talk.turn_count("Anna") == 1
    assert talk.spoken_seconds("Anna", 100.0) == 100
    assert talk.spoken_seconds("Anna", 100.0, {"case/q1"}) == 60
    assert talk.spoken_seconds("Anna", 100.0, {"case/q2"}) == 40
    assert talk.turn_count("Anna", {"case/q2"}) == 0  # a continued turn is no new turn there
    talk.follow_step("case/q2", 120.0)  # the same step: nothing changes
    assert len(talk.turns) == 2


def test_follow_step_while_paused_starts_counting_at_resume() -> None:
    talk = TalkTracker()
    talk.speak("Bo", "a", 0.0)
    talk.suspend(10.0)
    talk.follow_step("b", 50.0)
    talk.resume(70.0)
    assert talk.spoken_seconds("Bo", 80.0, {"a"}) == 10
    assert talk.spoken_seconds("Bo", 80.0, {"b"}) == 10
    assert talk.turn_count("Bo") == 1


def test_seconds_per_scope_through_the_meeting(small_case: Case, clock: FakeClock) -> None:
    meeting = _meeting(small_case, clock)
    meeting.speak("Anna")
    clock.advance(60)
    meeting.next()  # intro → case/q1; Anna goes on talking
    assert meeting.scope_keys() == {"case/q1"}
    clock.advance(30)
    meeting.speak("Bo")
    clock.advance(45)
    meeting.next()  # → case/q2
    clock.advance(15)
    meeting.speak(None)
    now = clock.monotonic()
    talk = meeting.talk
    assert talk.seconds_by_person(NAMES, now, {"intro"}) == {
        "Anna": 60,
        "Bo": 0,
        "Cille": 0,
        "Dorte": 0,
    }
    assert talk.seconds_by_person(NAMES, now, {"case/q1"})["Anna"] == 30
    assert talk.seconds_by_person(NAMES, now, {"case/q1"})["Bo"] == 45
    assert talk.seconds_by_person(NAMES, now, {"case/q2"})["Bo"] == 15
    assert talk.seconds_by_person(NAMES, now) == {"Anna": 90, "Bo": 60, "Cille": 0, "Dorte": 0}
    assert (talk.turn_count("Anna"), talk.turn_count("Bo")) == (1, 1)
    # the break is a segment without questions: its scope is the segment's one step
    meeting.next()
    assert meeting.scope_keys() == {"pause"}


def test_profession_shares_from_seconds_by_person(small_case: Case, clock: FakeClock) -> None:
    meeting = _meeting(small_case, clock)
    for name, seconds in (("Anna", 120), ("Bo", 60), ("Cille", 60), ("Dorte", 0)):
        meeting.speak(name)
        clock.advance(seconds)
    meeting.speak(None)
    totals = meeting.talk.seconds_by_person([p.name for p in meeting.present], clock.monotonic())
    by_profession: dict[str, float] = {}
    for person in meeting.present:
        by_profession[person.profession] = (
            by_profession.get(person.profession, 0.0) + totals[person.name]
        )
    spoken = sum(totals.values())
    shares = {job: seconds / spoken for job, seconds in by_profession.items()}
    assert shares == {"læge": 0.75, "sygeplejerske": 0.25, "sekretær": 0.0}
    # against the share of people present: doctors are half the room and held ¾ of the time
    people = {job: sum(p.profession == job for p in meeting.present) / 4 for job in shares}
    assert people == {"læge": 0.5, "sygeplejerske": 0.25, "sekretær": 0.25}


# --- talking rounds -------------------------------------------------------------------------


def test_a_round_goes_in_seating_order_from_the_chosen_person_with_skip() -> None:
    talk = TalkTracker()
    talk_round = talk.start_round(NAMES, "Cille", "s", 0.0)
    assert talk_round.order == ["Cille", "Dorte", "Anna", "Bo"]
    assert (talk.speaker, talk_round.current, talk_round.upcoming[0]) == ("Cille", "Cille", "Dorte")
    assert talk.round_next(40.0) == "Dorte"
    assert talk.round_next(41.0, skip=True) == "Anna"  # Dorte passes
    assert talk.speaker == "Anna"
    assert talk.round_next(101.0) == "Bo"
    assert talk.round_next(131.0) is None  # after the last person the round is over
    assert talk.round is None and talk.speaker is None
    assert talk_round.ended == 131.0
    assert talk_round.entries == [
        RoundEntry("Cille", False, 40.0),
        RoundEntry("Dorte", True, 0.0),
        RoundEntry("Anna", False, 60.0),
        RoundEntry("Bo", False, 30.0),
    ]
    assert talk.seconds_by_person(NAMES, 500.0) == {
        "Anna": 60.0,
        "Bo": 30.0,
        "Cille": 40.0,
        "Dorte": 1.0,  # Dorte held the floor for the second before she passed
    }
    with pytest.raises(DomainError, match="no round"):
        talk.round_next(600.0)


def test_a_round_refuses_an_absent_first_person_and_a_second_round() -> None:
    talk = TalkTracker()
    with pytest.raises(DomainError, match="not present"):
        talk.start_round(NAMES, "Eve", "s", 0.0)
    talk.start_round(NAMES, "Anna", "s", 0.0)
    with pytest.raises(DomainError, match="already"):
        talk.start_round(NAMES, "Bo", "s", 1.0)


def test_a_timed_round_counts_down_the_persons_own_time_without_pauses() -> None:
    talk = TalkTracker()
    talk.start_round(NAMES, "Anna", "s", 0.0, seconds_per_person=90)
    assert talk.round_remaining(0.0) == 90
    assert talk.round_remaining(30.0) == 60
    talk.suspend(30.0)
    assert talk.round_remaining(300.0) == 60  # the pause does not eat Anna's time
    talk.resume(300.0)
    assert talk.round_remaining(400.0) == -40  # 30 + 100 s spoken: over time, negative
    talk.round_next(400.0)
    assert talk.round_remaining(400.0) == 90  # Bo starts with the full time
    assert talk.round_remaining(420.0) == 70
    assert talk.rounds[0].entries[0] == RoundEntry("Anna", False, 130.0)


def test_an_untimed_round_has_no_countdown_and_ending_early_stops_the_speaker() -> None:
    talk = TalkTracker()
    talk.start_round(NAMES, "Bo", "s", 0.0)
    assert talk.round_remaining(10.0) is None
    talk.end_round(20.0)
    assert talk.round is None and talk.speaker is None
    assert talk.rounds[0].ended == 20.0 and talk.rounds[0].entries == []
    assert talk.round_remaining(30.0) is None


def test_a_meeting_round_uses_the_people_present(small_case: Case, clock: FakeClock) -> None:
    meeting = _meeting(small_case, clock)
    meeting.set_present("Bo", False)
    talk_round = meeting.start_round("Dorte", 60)
    assert talk_round.order == ["Dorte", "Anna", "Cille"]
    assert talk_round.step_key == "intro"
    clock.advance(20)
    assert meeting.talk.round_remaining(clock.monotonic()) == 40
    meeting.end_round()
    assert meeting.talk.round is None


def test_a_round_among_some_of_those_present_keeps_their_seating_order(
    small_case: Case, clock: FakeClock
) -> None:
    meeting = _meeting(small_case, clock)
    talk_round = meeting.start_round("Cille", 45, among={"Anna", "Cille", "Dorte"})
    assert talk_round.order == ["Cille", "Dorte", "Anna"]


def test_someone_arriving_during_a_round_gets_a_turn_at_its_end(
    small_case: Case, clock: FakeClock
) -> None:
    meeting = _meeting(small_case, clock)
    meeting.start_round("Bo", 60)
    meeting.add_participant("Erik", "læge")
    assert meeting.talk.round is not None
    assert meeting.talk.round.order == ["Bo", "Cille", "Dorte", "Anna", "Erik"]
    for expected in ("Cille", "Dorte", "Anna", "Erik", None):
        assert meeting.round_next() == expected


def test_someone_leaving_during_a_round_loses_the_turn_to_come_and_back_regains_it(
    small_case: Case, clock: FakeClock
) -> None:
    meeting = _meeting(small_case, clock)
    talk_round = meeting.start_round("Anna", 60)
    meeting.set_present("Cille", False)
    assert talk_round.order == ["Anna", "Bo", "Dorte"]
    meeting.set_present("Cille", True)
    assert talk_round.order == ["Anna", "Bo", "Dorte", "Cille"]
    meeting.set_present("Cille", True)  # twice changes nothing
    assert talk_round.order == ["Anna", "Bo", "Dorte", "Cille"]


def test_the_speaker_leaving_ends_their_turn_and_the_next_one_speaks(
    small_case: Case, clock: FakeClock
) -> None:
    meeting = _meeting(small_case, clock)
    talk_round = meeting.start_round("Anna", 60)
    clock.advance(25)
    meeting.set_present("Anna", False)
    assert talk_round.current == "Bo" and meeting.talk.speaker == "Bo"
    assert talk_round.entries == [RoundEntry("Anna", False, 25.0)]
    meeting.set_present("Anna", True)  # back after their turn: no second one
    assert talk_round.order == ["Anna", "Bo", "Cille", "Dorte"]


# --- the leader's hints ---------------------------------------------------------------------


def test_silent_too_long_after_the_quiet_alert_minutes_of_a_question(
    small_case: Case, clock: FakeClock
) -> None:
    assert small_case.quiet_alert_minutes == 10
    meeting = _meeting(small_case, clock)
    assert meeting.silent_too_long() == []  # intro is no question
    meeting.next()  # case/q1
    meeting.speak("Anna")
    clock.advance(300)
    meeting.speak("Bo")
    clock.advance(299)
    assert meeting.silent_too_long() == []  # 9:59 of the question
    clock.advance(1)
    assert meeting.silent_too_long() == ["Cille", "Dorte"]
    meeting.speak("Cille")
    clock.advance(1)
    assert meeting.silent_too_long() == ["Dorte"]


def test_the_quiet_alert_counts_question_time_not_paused_time(
    small_case: Case, clock: FakeClock
) -> None:
    meeting = _meeting(small_case, clock)
    meeting.next()
    clock.advance(300)
    meeting.toggle_pause()
    clock.advance(3600)
    assert meeting.silent_too_long() == []
    meeting.toggle_pause()
    clock.advance(300)
    assert meeting.silent_too_long() == NAMES


def test_silent_reflection_is_not_quiet_time(small_case: Case, clock: FakeClock) -> None:
    """Two minutes of silent reflection: nobody is meant to speak, so they do not count."""
    meeting = _meeting(small_case, clock)
    meeting.next()
    meeting.start_reflection(2)
    clock.advance(120)  # the countdown ran out (nobody ended it)
    clock.advance(479)
    assert meeting.talk_seconds() == 479
    assert meeting.silent_too_long() == []
    clock.advance(121)  # 10 minutes of talking time
    assert meeting.silent_too_long() == NAMES
    meeting.start_reflection(3)
    clock.advance(60)
    meeting.end_reflection()  # ended early: one minute of it
    assert meeting.talk_seconds() == 600


def test_the_quiet_alert_follows_the_case_file(
    case_factory: Callable[..., Case], clock: FakeClock
) -> None:
    meeting = _meeting(case_factory(quiet_alert_minutes=3), clock)
    meeting.next()
    clock.advance(179)
    assert meeting.silent_too_long() == []
    clock.advance(1)
    assert meeting.silent_too_long() == NAMES


def test_dominant_speaker_above_twice_the_equal_share(small_case: Case, clock: FakeClock) -> None:
    meeting = _meeting(small_case, clock)
    meeting.speak("Anna")
    clock.advance(30)
    meeting.speak(None)
    assert meeting.dominant_speaker() is None  # under a minute spoken: too early to say
    meeting.speak("Anna")
    clock.advance(30)  # Anna 60 of 60 s: 4× the equal share of 15 s
    assert meeting.dominant_speaker() == pytest.approx(("Anna", 4.0))
    meeting.speak("Bo")
    clock.advance(60)  # Anna 60 of 120: exactly 2× → not more than twice
    assert meeting.dominant_speaker() is None
    clock.advance(1)  # Bo 61 of 121: 61 / 30.25 > 2
    name, ratio = meeting.dominant_speaker() or ("", 0.0)
    assert name == "Bo" and ratio == pytest.approx(61 / 30.25)


def test_dominance_is_measured_in_the_current_scope_only(
    small_case: Case, clock: FakeClock
) -> None:
    meeting = _meeting(small_case, clock)
    meeting.speak("Anna")
    clock.advance(600)
    meeting.speak(None)
    assert meeting.dominant_speaker() is not None
    meeting.next()
    assert meeting.dominant_speaker() is None  # a new question starts afresh
    for name in NAMES:
        meeting.speak(name)
        clock.advance(30)
    meeting.speak(None)
    assert meeting.dominant_speaker() is None


# --- the session file: turns and rounds survive a save and a crash ---------------------------


def test_turns_and_rounds_round_trip_through_the_session_file(tmp_path: Path) -> None:
    clock = FakeClock()
    meeting = _bundled_meeting(clock)
    meeting.speak("Anna")
    clock.advance(30)
    meeting.toggle_pause()
    clock.advance(100)
    meeting.toggle_pause()
    clock.advance(10)
    meeting.next()  # 2a → 2b, Anna continues
    clock.advance(20)
    meeting.speak("Bo")
    clock.advance(50)
    meeting.speak(None)
    meeting.start_round("Cille", 60, order="seating")
    clock.advance(40)
    meeting.round_next(skip=False)  # Dorte
    meeting.round_next(skip=True)  # Anna
    clock.advance(70)
    meeting.round_next()  # Bo
    clock.advance(5)
    meeting.round_next()  # over
    path = tmp_path / "s.toml"
    save(meeting, path)
    doc = to_document(meeting)
    people = {p["name"]: (p["spoken_seconds"], p["turns"]) for p in doc["participant"]}
    # Dorte passed: a pass is no turn
    assert people == {"Anna": (130.0, 2), "Bo": (55.0, 2), "Cille": (40.0, 1), "Dorte": (0.0, 0)}
    assert [
        (t["participant"], t["step"], t["continued"], t.get("skipped", False)) for t in doc["turn"]
    ] == [
        ("Anna", "2a", False, False),
        ("Anna", "2b", True, False),
        ("Bo", "2b", False, False),
        ("Cille", "2b", False, False),
        ("Dorte", "2b", False, True),
        ("Anna", "2b", False, False),
        ("Bo", "2b", False, False),
    ]
    assert len(doc["turn"][0]["spans"]) == 2  # split by the pause
    (saved_round,) = doc["round"]
    assert saved_round["order"] == ["Cille", "Dorte", "Anna", "Bo"]
    assert saved_round["seconds_per_person"] == 60
    assert saved_round["entry"] == [
        {"participant": "Cille", "skipped": False, "seconds": 40.0},
        {"participant": "Dorte", "skipped": True, "seconds": 0.0},
        {"participant": "Anna", "skipped": False, "seconds": 70.0},
        {"participant": "Bo", "skipped": False, "seconds": 5.0},
    ]
    assert saved_round["ended"] - saved_round["started"] == timedelta(seconds=115)

    later = FakeClock(start=clock.now(), monotonic=50_000.0)
    again = load(path, later)
    now = later.monotonic()
    assert again.talk.seconds_by_person(NAMES, now) == meeting.talk.seconds_by_person(
        NAMES, clock.monotonic()
    )
    assert [again.talk.turn_count(n) for n in NAMES] == [2, 2, 1, 0]
    assert [(t.participant, t.step_key, t.continued, t.skipped) for t in again.talk.turns] == [
        (t.participant, t.step_key, t.continued, t.skipped) for t in meeting.talk.turns
    ]
    assert again.talk.turns[4].skipped  # Dorte's pass is read back as one
    assert again.talk.seconds_by_person(NAMES, now, {"2a"})["Anna"] == 40
    (loaded_round,) = again.talk.rounds
    assert loaded_round.order == ["Cille", "Dorte", "Anna", "Bo"]
    assert loaded_round.entries == meeting.talk.rounds[0].entries
    assert loaded_round.ended is not None and loaded_round.ended - loaded_round.started == 115
    assert again.talk.round is None and again.interruptions == []


def test_crash_resume_closes_an_open_turn_at_the_last_save(tmp_path: Path) -> None:
    clock = FakeClock()
    meeting = _bundled_meeting(clock)
    meeting.speak("Bo")
    clock.advance(15)
    meeting.speak("Dorte")
    clock.advance(45)
    path = tmp_path / "s.toml"
    save(meeting, path)  # the last heartbeat before the laptop dies
    saved_at = clock.now()
    clock.advance(600)  # ten minutes with the app down

    again = load(path, clock)
    assert again.talk.speaker is None
    assert again.talk.spoken_seconds("Dorte", clock.monotonic()) == 45  # the gap is not talk
    assert again.talk.turn_count("Dorte") == 1
    now = clock.monotonic()
    assert again.talk.turns[-1].spans == [[now - 645, now - 600]]  # closed at the save
    (gap,) = again.interruptions
    assert (gap.start, gap.end, gap.seconds) == (saved_at, clock.now(), 600)
    # the meeting goes on: the agenda step did not count the gap either
    assert again.agenda.current.elapsed(clock.monotonic()) == 60
    clock.advance(10)
    again.speak("Anna")
    clock.advance(5)
    assert again.talk.spoken_seconds("Anna", clock.monotonic()) == 5
    assert again.talk.spoken_seconds("Dorte", clock.monotonic()) == 45

    # saved again, the interruption and the closed turn are in the file
    save(again, path)
    doc = to_document(again)
    assert [i["seconds"] for i in doc["interruption"]] == [600.0]
    dorte = next(p for p in doc["participant"] if p["name"] == "Dorte")
    assert (dorte["spoken_seconds"], dorte["turns"]) == (45.0, 1)


def test_crash_resume_during_a_round_ends_the_round_at_the_last_save(tmp_path: Path) -> None:
    clock = FakeClock()
    meeting = _bundled_meeting(clock)
    meeting.start_round("Anna", 60, order="seating")
    clock.advance(20)
    meeting.round_next()
    clock.advance(10)
    path = tmp_path / "s.toml"
    save(meeting, path)
    clock.advance(300)
    again = load(path, clock)
    assert again.talk.round is None
    (talk_round,) = again.talk.rounds
    assert talk_round.ended == clock.monotonic() - 300
    assert talk_round.entries == [RoundEntry("Anna", False, 20.0)]
    assert again.talk.spoken_seconds("Bo", clock.monotonic()) == 10
    assert len(again.interruptions) == 1


# --- helpers --------------------------------------------------------------------------------


def _meeting(case: Case, clock: FakeClock) -> Meeting:
    meeting = Meeting(case, clock)
    for name, job in PEOPLE:
        meeting.add_participant(name, job)
    meeting.start()
    return meeting


def _bundled_meeting(clock: FakeClock) -> Meeting:
    """A meeting of the bundled default case (a session file must name a case it can load)."""
    case, source, _ = open_case("t2d-aarsstatus")
    meeting = Meeting(case, clock, case_source=source)
    for name, job in PEOPLE:
        meeting.add_participant(name, job)
    meeting.start()
    return meeting
