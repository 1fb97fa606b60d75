"""Speaking time the room can trust (issue "Trust", items 4–6).

4. Silent reflection and the break stop the speaker, whichever way the break comes.
5. A talking round's time for a person starts with their turn in the round.
6. A pass (`k`) in a round is no turn and is not having spoken; its seconds still count.

All on a fake clock, so every figure below is exact.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting, Silenced
from caseroom.domain.talk import RoundEntry, TalkTracker
from caseroom.store.cases import open_case
from caseroom.store.export import load_for_export
from caseroom.store.session_file import load, save, to_document

PEOPLE = (("Anna", "læge"), ("Bo", "læge"), ("Cille", "sygeplejerske"), ("Dorte", "sekretær"))
NAMES = [name for name, _ in PEOPLE]
FIXTURE = Path(__file__).resolve().parents[1] / "data" / "sessions" / "export-meeting.toml"


def _meeting(case: Case, clock: FakeClock) -> Meeting:
    """The small case (intro 10, case q1 10 + q2 10, pause 5 (break), end 10), started."""
    meeting = Meeting(case, clock)
    for name, job in PEOPLE:
        meeting.add_participant(name, job)
    meeting.start()
    return meeting


def _spoken(meeting: Meeting, name: str) -> float:
    return meeting.talk.spoken_seconds(name, meeting.clock.monotonic())


# --- 4. silent reflection and the break stop the speaker -----------------------------------


def test_silent_reflection_stops_the_speaker(small_case: Case, clock: FakeClock) -> None:
    meeting = _meeting(small_case, clock)
    meeting.speak("Anna")
    clock.advance(7)
    reflection = meeting.start_reflection(2)
    assert reflection.silenced == "Anna"  # the screen says whom it stopped
    assert meeting.talk.speaker is None
    clock.advance(150)  # the reported case: 5 s at --speed 30
    assert _spoken(meeting, "Anna") == 7
    meeting.end_reflection()
    clock.advance(60)
    assert _spoken(meeting, "Anna") == 7
    assert meeting.talk.turn_count("Anna") == 1
    assert meeting.start_reflection(2).silenced is None  # nobody spoke: nobody stopped


def test_silent_reflection_in_a_round_stops_the_speaker_and_keeps_the_round(
    small_case: Case, clock: FakeClock
) -> None:
    meeting = _meeting(small_case, clock)
    meeting.start_round("Anna", 60)
    clock.advance(10)
    meeting.start_reflection(2)
    clock.advance(120)
    talk = meeting.talk
    assert talk.speaker is None and talk.round is not None and talk.round.current == "Anna"
    assert talk.round_remaining(clock.monotonic()) == 50  # the reflection is not Anna's time
    meeting.end_reflection()
    meeting.speak("Anna")  # she goes on: her time in the round goes on too
    clock.advance(5)
    assert talk.round_remaining(clock.monotonic()) == 45
    assert meeting.round_next() == "Bo"
    assert talk.rounds[0].entries == [RoundEntry("Anna", False, 15.0)]
    assert _spoken(meeting, "Anna") == 15


def _take_break_early(meeting: Meeting, clock: FakeClock) -> None:
    """`x` in the middle of the intro: the break comes now, the intro afterwards."""
    clock.advance(60)
    meeting.speak("Anna")
    clock.advance(7)
    assert meeting.take_break() == Silenced("Anna")


def _take_break_when_time_is_up(meeting: Meeting, clock: FakeClock) -> None:
    """`x` when the step before the break has no time left: the break is simply next."""
    meeting.next()
    meeting.next()  # case/q2, just before the break
    clock.advance(600)
    meeting.speak("Anna")
    clock.advance(7)
    assert meeting.take_break() == Silenced("Anna")


def _next_into_the_break(meeting: Meeting, clock: FakeClock) -> None:
    meeting.next()
    meeting.next()
    meeting.speak("Anna")
    clock.advance(7)
    assert meeting.next() == Silenced("Anna")


def _back_into_the_break(meeting: Meeting, clock: FakeClock) -> None:
    for _ in range(4):
        meeting.next()  # past the break, to "end"
    meeting.speak("Anna")
    clock.advance(7)
    assert meeting.back() == Silenced("Anna")


@pytest.mark.parametrize(
    "into_the_break",
    [_take_break_early, _take_break_when_time_is_up, _next_into_the_break, _back_into_the_break],
    ids=["x mid-step", "x when time is up", "n into it", "b into it"],
)
def test_every_way_into_the_break_stops_the_speaker(
    small_case: Case, clock: FakeClock, into_the_break: Callable[[Meeting, FakeClock], None]
) -> None:
    meeting = _meeting(small_case, clock)
    into_the_break(meeting, clock)
    assert meeting.agenda.current.segment.kind == "break"
    assert meeting.talk.speaker is None
    clock.advance(600)  # the reported case: 0:07 became 6:11 over the break
    assert _spoken(meeting, "Anna") == 7
    assert meeting.talk.turn_count("Anna") == 1
    meeting.next()  # after the break nobody is carried on speaking
    clock.advance(60)
    assert meeting.talk.speaker is None and _spoken(meeting, "Anna") == 7


def test_the_break_ends_a_round_and_speaking_in_it_is_left_alone(
    small_case: Case, clock: FakeClock
) -> None:
    meeting = _meeting(small_case, clock)
    meeting.start_round("Bo", 60)
    clock.advance(10)
    silenced = meeting.take_break()
    assert silenced == Silenced("Bo", round_ended=True)
    talk = meeting.talk
    assert talk.round is None and talk.speaker is None  # `n` is the agenda's in the break
    assert talk.rounds[0].ended == clock.monotonic()
    clock.advance(300)
    assert _spoken(meeting, "Bo") == 10
    # someone who speaks in the break on purpose is not stopped by a minute more for it
    meeting.speak("Cille")
    assert not meeting.extend(1)
    clock.advance(20)
    assert talk.speaker == "Cille" and _spoken(meeting, "Cille") == 20


def test_the_break_taken_while_paused_does_not_restart_the_speaker(
    small_case: Case, clock: FakeClock
) -> None:
    meeting = _meeting(small_case, clock)
    meeting.speak("Dorte")
    clock.advance(7)
    meeting.toggle_pause()
    clock.advance(30)
    assert meeting.take_break() == Silenced("Dorte")
    meeting.toggle_pause()  # the break runs
    clock.advance(300)
    assert meeting.talk.speaker is None and _spoken(meeting, "Dorte") == 7


# --- 5. a round's time for a person starts with the round ----------------------------------


def test_the_first_persons_round_time_starts_with_the_round(
    small_case: Case, clock: FakeClock
) -> None:
    """The reported case: Anna spoke since the previous question; a 1-minute round started
    with her in the next one showed her over time at once."""
    meeting = _meeting(small_case, clock)
    meeting.next()  # case/q1
    meeting.speak("Anna")
    clock.advance(600)
    meeting.next()  # case/q2: Anna goes on
    clock.advance(47)
    meeting.start_round("Anna", 60)
    talk, now = meeting.talk, clock.monotonic()
    assert talk.speaker == "Anna"
    assert talk.round_remaining(now) == 60
    clock.advance(20)
    assert talk.round_remaining(clock.monotonic()) == 40
    # the same turn going on: no new turn, nothing lost, nothing counted twice
    assert talk.turn_count("Anna") == 1
    assert _spoken(meeting, "Anna") == 667
    assert talk.spoken_seconds("Anna", clock.monotonic(), {"case/q2"}) == 67
    assert meeting.round_next() == "Bo"
    assert talk.rounds[0].entries == [RoundEntry("Anna", False, 20.0)]
    assert talk.turn_count("Anna") == 1 and _spoken(meeting, "Anna") == 667


def test_the_round_time_of_someone_already_speaking_starts_with_their_turn() -> None:
    talk = TalkTracker()
    talk.speak("Anna", "s", 0.0)
    talk.start_round(NAMES, "Anna", "s", 300.0, seconds_per_person=90)
    assert talk.round_remaining(300.0) == 90
    assert talk.round_remaining(330.0) == 60
    talk.speak("Bo", "s", 340.0)  # Bo cuts in on Anna's turn
    assert talk.round_next(345.0) == "Bo"  # Bo is next: Bo keeps the floor
    assert talk.speaker == "Bo"
    assert talk.round_remaining(345.0) == 90  # Bo's time in the round starts now
    assert talk.round_remaining(355.0) == 80
    assert talk.rounds[0].entries == [RoundEntry("Anna", False, 40.0)]
    assert (talk.turn_count("Anna"), talk.turn_count("Bo")) == (1, 1)
    assert talk.seconds_by_person(["Anna", "Bo"], 355.0) == {"Anna": 340.0, "Bo": 15.0}


# --- 6. a pass is no turn ------------------------------------------------------------------


def test_a_pass_is_no_turn_and_no_speaking_but_its_seconds_count() -> None:
    talk = TalkTracker()
    talk.start_round(NAMES, "Cille", "s", 0.0)
    talk.round_next(40.0)  # Dorte
    assert talk.not_spoken(NAMES, 41.0) == ["Anna", "Bo"]  # Dorte holds the floor: spoken
    talk.round_next(41.0, skip=True)  # … and passes
    talk.round_next(101.0)  # Anna had her turn; Bo speaks
    assert [talk.turn_count(n) for n in NAMES] == [1, 1, 1, 0]
    assert talk.seconds_by_person(NAMES, 101.0) == {
        "Anna": 60.0,
        "Bo": 0.0,
        "Cille": 40.0,
        "Dorte": 1.0,  # the second before she passed is still speaking time
    }
    assert talk.not_spoken(NAMES, 101.0) == ["Bo", "Dorte"]
    assert talk.not_spoken(NAMES, 102.0) == ["Dorte"]
    assert talk.turns[1].skipped and not talk.turns[1].is_new
    # the pass of someone already speaking when the round came to them: their turn before
    # the round stays the one turn it was, and they have spoken
    talk.end_round(110.0)
    talk.speak("Dorte", "s", 110.0)
    talk.start_round(NAMES, "Dorte", "s", 120.0)
    talk.round_next(125.0, skip=True)
    assert talk.turn_count("Dorte") == 1
    assert talk.spoken_seconds("Dorte", 125.0) == 16.0
    assert "Dorte" not in talk.not_spoken(NAMES, 125.0)


def test_a_pass_keeps_the_quiet_hint_and_the_not_yet_mark(
    small_case: Case, clock: FakeClock
) -> None:
    meeting = _meeting(small_case, clock)
    meeting.next()  # case/q1
    meeting.start_round("Anna")
    for seconds in (120, 3, 60, 60):  # Anna, Bo (passes after 3 s), Cille, Dorte
        clock.advance(seconds)
        meeting.round_next(skip=seconds == 3)
    assert meeting.talk.round is None
    assert meeting.not_spoken_here() == ["Bo"]
    clock.advance(600 - 243)
    assert meeting.silent_too_long() == ["Bo"]
    figures = to_document(meeting)["participant"]
    assert [(p["name"], p["spoken_seconds"], p["turns"]) for p in figures] == [
        ("Anna", 120.0, 1),
        ("Bo", 3.0, 0),
        ("Cille", 60.0, 1),
        ("Dorte", 60.0, 1),
    ]


def test_a_pass_survives_save_and_load(tmp_path: Path) -> None:
    clock = FakeClock()
    case, source, _ = open_case("t2d-aarsstatus")
    meeting = Meeting(case, clock, case_source=source)
    for name, job in PEOPLE:
        meeting.add_participant(name, job)
    meeting.start()
    meeting.start_round("Anna", 60, order="seating")
    clock.advance(30)
    meeting.round_next()
    clock.advance(4)
    meeting.round_next(skip=True)  # Bo passes
    path = tmp_path / "s.toml"
    save(meeting, path)
    assert [t.get("skipped", False) for t in to_document(meeting)["turn"]] == [False, True, False]
    again = load(path, FakeClock(start=clock.now(), monotonic=9_000.0))
    assert [t.skipped for t in again.talk.turns] == [False, True, False]
    assert [again.talk.turn_count(n) for n in NAMES] == [1, 0, 1, 0]
    assert again.talk.spoken_seconds("Bo", 9_000.0) == 4.0


def test_a_session_file_from_before_passes_loads_as_it_was() -> None:
    """Its turns have no `skipped` key: none is a pass, and the turns are those it wrote."""
    text = FIXTURE.read_text(encoding="utf-8")
    assert "[[turn]]" in text and "skipped = true" not in text
    meeting = load_for_export(FIXTURE)
    assert meeting.talk.turns and not any(t.skipped for t in meeting.talk.turns)
    written = {p["name"]: p["turns"] for p in to_document(meeting)["participant"]}
    assert written == {
        "Anna Lund": 6,
        "Bo Kjær": 6,
        "Carla Nør": 5,
        "Dorte Vang": 4,
        "Emil Hald": 5,
        "Fie Dam": 4,
    }
