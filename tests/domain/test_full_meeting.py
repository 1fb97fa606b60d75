"""The whole default case meeting, 2½ hours, on a fake clock in a few milliseconds.

The agenda (DESIGN.md): 2a Opstart 10, 2b Introduktion 10, 2c Case 75 (its questions),
Pause 15, 2d Opsamling 30, Afslutning 10 = 150 minutes = 9000 s, from 08:30.

The script: 2a overruns a minute that 2b wins back; q2 gets two extra minutes; the meeting is
paused 5 minutes during q3; the break is taken early, in the middle of q4; q5 gets +3 and -1
minutes. So it ends 2 + 5 + 2 = 9 minutes late, at 11:09:00.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from caseroom.domain.agenda import RunState
from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock, SpeedClock
from caseroom.domain.errors import CaseFileError, DomainError
from caseroom.domain.meeting import Meeting
from caseroom.store.cases import open_case
from caseroom.store.session_file import to_document

AGENDA = [("2a", 10), ("2b", 10), ("2c", 75), ("pause", 15), ("2d", 30), ("afslutning", 10)]
KINDS = ["checklist", "plain", "case", "break", "opsamling", "evaluation"]
QUESTION_MINUTES = [10, 10, 15, 10, 12, 10, 8]
START = datetime(2026, 11, 24, 8, 30, tzinfo=UTC)
PEOPLE = [
    ("Anna", "læge"),
    ("Bo", "sygeplejerske"),
    ("Carl", "sekretær"),
    ("Dorte", "bioanalytiker"),
]


def synthetic_default_case() -> Case:
    """The default agenda as it is described, for when the bundled file cannot be loaded."""
    return Case.model_validate(
        {
            "format": 1,
            "id": "t2d-aarsstatus",
            "title": "Årsstatus for type 2-diabetes",
            "language": "da",
            "segment": [
                {"id": sid, "title": sid, "minutes": minutes, "kind": kind}
                for (sid, minutes), kind in zip(AGENDA, KINDS, strict=True)
            ],
            "section": [{"id": "s1", "title": "Jens"}],
            "question": [
                {"id": f"q{n}", "section": "s1", "text": f"Spørgsmål {n}", "minutes": m}
                for n, m in enumerate(QUESTION_MINUTES, start=1)
            ],
        }
    )


@pytest.fixture
def default_case() -> Case:
    try:
        case, _, _ = open_case("t2d-aarsstatus")
    except CaseFileError:
        case = synthetic_default_case()
    return case


class Timeline:
    """Moves a fake clock to absolute instants counted from the meeting's start."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.t = 0.0

    def to(self, seconds: float) -> None:
        assert seconds >= self.t, "the script runs forward"
        self.clock.advance(seconds - self.t)
        self.t = seconds


def state(meeting: Meeting) -> RunState:
    """The agenda's state, read afresh (mypy keeps an assert's narrowing across calls)."""
    return meeting.agenda.state


def wall(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def test_the_default_case_has_the_agenda_this_script_plays(default_case: Case) -> None:
    assert [(s.id, s.minutes) for s in default_case.segments] == AGENDA
    assert [s.kind for s in default_case.segments] == KINDS
    questions = default_case.questions_of("2c")
    assert len(questions) >= 5
    assert sum(q.minutes for q in questions) == 75
    assert default_case.total_minutes == 150


def test_the_whole_default_meeting(default_case: Case) -> None:
    began = time.perf_counter()
    clock = FakeClock(start=START)
    meeting = Meeting(default_case, clock)
    for name, profession in PEOPLE:
        meeting.add_participant(name, profession)
    agenda = meeting.agenda
    line = Timeline(clock)
    questions = default_case.questions_of("2c")
    plan = [q.minutes * 60 for q in questions]
    rest_of_case = sum(plan)  # 4500

    def figures() -> tuple[float, float, datetime, float]:
        return (
            agenda.step_remaining(),
            agenda.remaining_agenda_seconds(),
            agenda.projected_end(),
            agenda.lateness_seconds(),
        )

    # --- 2a Opstart: eleven minutes --------------------------------------------------------
    assert agenda.planned_seconds() == 9000
    meeting.start()
    line.to(540)
    assert figures() == (60, 60 + 8400, wall(9000), 0)
    assert agenda.in_wrapup()
    line.to(660)
    assert figures() == (-60, 8400, wall(9060), 60)
    assert agenda.overrun_seconds() == 60
    meeting.next()

    # --- 2b Introduktion: nine minutes, the meeting is back on time ------------------------
    line.to(1200)
    assert agenda.step_remaining() == 60
    assert agenda.lateness_seconds() == 60  # 2b's unused minute still lies ahead
    meeting.next()  # ... until we leave it: back on time
    assert agenda.current.key == f"2c/{questions[0].id}"
    assert figures() == (plan[0], 7800, wall(9000), 0)
    assert agenda.segment_remaining() == 4500

    # --- q1: a talking sequence and a learning point ----------------------------------------
    meeting.speak("Bo")
    line.to(1320)
    meeting.speak("Anna")
    line.to(1500)
    meeting.speak("Carl")
    point = meeting.add_learning_point("Booking: a review needs 30 minutes")
    line.to(1560)
    meeting.speak("Carl")  # the same person again: nobody speaks
    assert meeting.talk.speaker is None
    assert (point.segment, point.question) == ("2c", questions[0].id)
    t2 = 1200 + plan[0]
    line.to(t2)
    meeting.next()

    # --- q2: two more minutes --------------------------------------------------------------
    meeting.extend(2)
    assert figures() == (plan[1] + 120, 7800 - plan[0] + 120, wall(9120), 120)
    assert agenda.segment_remaining() == 4500 + 120 - plan[0]
    t3 = t2 + plan[1] + 120
    line.to(t3)
    assert agenda.step_remaining() == 0
    meeting.next()

    # --- q3: Dorte speaks, the meeting pauses five minutes in the middle of her turn --------
    line.to(t3 + 300)
    meeting.speak("Dorte")
    line.to(t3 + 360)
    meeting.toggle_pause()
    line.to(t3 + 600)
    assert agenda.state is RunState.PAUSED
    assert figures() == (
        plan[2] - 360,
        plan[2] - 360 + sum(plan[3:]) + 3300,
        wall(9360),
        360,  # 2 minutes of extension + 4 minutes of pause so far
    )
    assert agenda.segment_remaining() == 4620 - plan[0] - plan[1] - 120 - 360
    assert meeting.talk.spoken_seconds("Dorte", clock.monotonic()) == 60
    line.to(t3 + 660)
    meeting.toggle_pause()
    line.to(t3 + 700)
    meeting.speak(None)
    t4 = t3 + 300 + plan[2]
    line.to(t4)
    assert agenda.lateness_seconds() == 420
    meeting.next()

    # --- q4: the break is taken early, four minutes into the question -----------------------
    line.to(t4 + 240)
    meeting.take_break()
    assert agenda.current.key == "pause"
    q = [f"2c/{q.id}" for q in questions]
    assert [s.key for s in agenda.steps] == [
        "2a",
        "2b",
        *q[:3],
        "pause",
        *q[3:],
        "2d",
        "afslutning",
    ]
    assert figures() == (900, 900 + plan[3] - 240 + sum(plan[4:]) + 2400, wall(9420), 420)
    line.to(t4 + 240 + 779)
    assert not agenda.in_wrapup()
    line.to(t4 + 240 + 780)
    assert agenda.in_wrapup()
    assert agenda.step_remaining() == 120
    t5 = t4 + 240 + 900
    line.to(t5)
    meeting.next()
    assert agenda.current.key == f"2c/{questions[3].id}"
    assert agenda.step_remaining() == plan[3] - 240  # continues with its four minutes
    assert agenda.lateness_seconds() == 420
    t6 = t5 + plan[3] - 240
    line.to(t6)
    meeting.next()

    # --- q5: +3 and -1 minutes; cutting it to nothing is refused ----------------------------
    meeting.extend(3)
    meeting.extend(-1)
    with pytest.raises(DomainError):
        meeting.extend(-(questions[4].minutes + 2))
    assert figures()[0] == plan[4] + 120
    assert agenda.lateness_seconds() == 540
    t7 = t6 + plan[4] + 120
    line.to(t7)
    meeting.next()

    # --- the remaining questions, then Opsamling (the break is behind us) -----------------
    t = t7
    for index in range(5, len(questions)):
        t += plan[index]
        line.to(t)
        meeting.next()
    assert t == 1200 + rest_of_case + 240 + 300 + 900
    assert agenda.current.key == "2d"
    assert figures() == (1800, 2400, wall(9540), 540)
    line.to(t + 1800)
    meeting.next()
    assert agenda.current.key == "afslutning"
    line.to(t + 1800 + 600)
    meeting.next()

    # --- finished: every figure, frozen -----------------------------------------------------
    assert line.t == 9540
    assert state(meeting) is RunState.FINISHED
    assert meeting.status == "finished"
    assert figures() == (0, 0, wall(9540), 540)
    assert all(step.has_run for step in agenda.steps)
    elapsed = {s.key: s.elapsed(agenda.now()) for s in agenda.steps}
    expected_questions = [
        p + (120 if i in (1, 4) else 0) for i, p in enumerate(plan)
    ]  # q2 and q5 ran their extensions
    assert [elapsed[f"2c/{q.id}"] for q in questions] == expected_questions
    doc = to_document(meeting)
    assert doc["ended_at"] == wall(9540)
    assert [(s["id"], s["actual_seconds"]) for s in doc["segment"]] == [
        ("2a", 660),
        ("2b", 540),
        ("2c", 4740),
        ("pause", 900),
        ("2d", 1800),
        ("afslutning", 600),
    ]
    assert [s["extension_seconds"] for s in doc["segment"]] == [0, 0, 240, 0, 0, 0]
    assert [(p.step_key, p.end - p.start) for p in agenda.pauses if p.end] == [
        (f"2c/{questions[2].id}", 300)
    ]
    now = clock.monotonic()
    assert {n: meeting.talk.spoken_seconds(n, now) for n, _ in PEOPLE} == {
        "Anna": 180,
        "Bo": 120,
        "Carl": 60,
        "Dorte": 100,
    }
    assert [meeting.talk.turn_count(n) for n, _ in PEOPLE] == [1, 1, 1, 1]
    clock.advance(3600)  # the room empties slowly: nothing moves any more
    assert figures() == (0, 0, wall(9540), 540)
    assert time.perf_counter() - began < 1.0


def test_a_rehearsal_runs_fast_from_its_start_not_from_its_launch() -> None:
    case, _source, _warnings = open_case("t2d-aarsstatus")
    real = FakeClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    clock = SpeedClock(30, base=real)
    meeting = Meeting(case, clock)
    meeting.add_participant("Anna", "læge")
    real.advance(120)  # two real minutes on the start screen: an hour at 30x
    assert clock.now() == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    before = clock.monotonic()
    meeting.start()
    assert clock.now() == real.now()  # the meeting starts at 09:02, as it does in the room
    assert clock.monotonic() == before  # time never runs backwards
    real.advance(20)
    assert meeting.agenda.step_remaining() == 10 * 60 - 20 * 30  # and runs 30x from there
    assert meeting.agenda.wall(meeting.agenda.now()) == clock.now()
    assert to_document(meeting)["started_at"] == datetime(2026, 11, 24, 9, 2, tzinfo=UTC)


def test_a_pause_holds_a_silent_reflection_and_the_resume_goes_on_with_what_was_left() -> None:
    from tests.conftest import make_case

    clock = FakeClock()
    meeting = Meeting(make_case(), clock)
    meeting.start()
    first = meeting.start_reflection(2)
    clock.advance(50)
    meeting.toggle_pause()
    assert meeting.reflection is None and first.remaining(clock.monotonic()) == 70
    clock.advance(600)
    meeting.toggle_pause()
    second = meeting.reflection
    assert second is not None and second.seconds == 70 and second.start == clock.monotonic()
    # ended while paused (Escape): the resume does not bring it back
    meeting.toggle_pause()
    meeting.end_reflection()
    meeting.toggle_pause()
    assert meeting.reflection is None and len(meeting.reflections) == 2


def test_prompts_tick_where_the_engine_says_they_are_a_list() -> None:
    from tests.conftest import make_case

    case = make_case(
        segment=[
            {"id": "intro", "title": "Intro", "minutes": 10, "prompts": ["Telefoner væk", "Noter"]},
            {"id": "case", "title": "Case", "minutes": 20, "kind": "case", "prompts": ["Hvad?"]},
            {"id": "ops", "title": "Ops", "minutes": 5, "kind": "opsamling", "prompts": ["Hvad?"]},
        ],
        question=[{"id": "q1", "text": "Hvad nu?", "minutes": 20}],
    )
    meeting = Meeting(case, FakeClock())
    intro, case_segment, opsamling = case.segments
    assert meeting.prompts_tickable(intro)
    assert not meeting.prompts_tickable(case_segment) and not meeting.prompts_tickable(opsamling)
    assert meeting.toggle_prompt("intro", 1) is True
    assert meeting.prompts_ticked == {"intro": {1}}
    assert meeting.toggle_prompt("intro", 1) is False
    with pytest.raises(DomainError) as unknown:
        meeting.toggle_prompt("intro", 2)
    assert unknown.value.code == "prompt.unknown"
    for segment in ("case", "ops", "nowhere"):
        with pytest.raises(DomainError) as refused:
            meeting.toggle_prompt(segment, 0)
        assert refused.value.code == "prompt.not_tickable"
