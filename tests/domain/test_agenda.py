"""AgendaRun: the state machine over the steps of a meeting, and every figure derived from it.

The small case (conftest.make_case): intro 10, case 20 (q1 10, q2 10), pause 5 (break),
end 10 -> five steps, 45 minutes = 2700 s. The clock starts at 08:30 UTC.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from caseroom.domain.agenda import AgendaRun, RunState
from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import DomainError

CaseFactory = Callable[..., Case]
START = datetime.fromisoformat("2026-11-24T08:30:00+00:00")  # the `clock` fixture's start

KEYS = ["intro", "case/q1", "case/q2", "pause", "end"]


def state(run: AgendaRun) -> RunState:
    """The run's state, read afresh: mypy would keep an earlier assert's narrowing of
    `run.state` across `run.pause()` and call the next assert impossible."""
    return run.state


@pytest.fixture
def run(small_case: Case, clock: FakeClock) -> AgendaRun:
    return AgendaRun(small_case, clock)


def keys(agenda: AgendaRun) -> list[str]:
    return [s.key for s in agenda.steps]


def at(seconds: float) -> datetime:
    """The wall-clock time `seconds` after the meeting's start."""
    return START + timedelta(seconds=seconds)


# --- steps and the plan -------------------------------------------------------------------


def test_the_clock_fixture_starts_where_these_figures_assume(clock: FakeClock) -> None:
    assert (clock.now(), clock.monotonic()) == (START, 1000.0)


def test_steps_are_segments_with_case_questions_in_their_place(run: AgendaRun) -> None:
    assert keys(run) == KEYS
    assert [s.planned_seconds for s in run.steps] == [600, 600, 600, 300, 600]
    assert run.planned_seconds() == 2700
    assert run.state is RunState.NOT_STARTED


def test_a_case_segment_without_questions_is_one_step(case_factory: CaseFactory) -> None:
    case = case_factory(segments=[("a", 5), ("b", 7)], questions=[])
    assert keys(AgendaRun(case, FakeClock())) == ["a", "b"]


def test_before_the_start_the_figures_are_the_plan(run: AgendaRun, clock: FakeClock) -> None:
    clock.advance(300)  # people still arriving: nothing runs yet
    assert run.step_remaining() == 600
    assert run.remaining_agenda_seconds() == 2700
    assert run.projected_end() == at(300 + 2700)
    assert run.planned_end() == at(300 + 2700)
    assert run.lateness_seconds() == 0


# --- the state machine --------------------------------------------------------------------


def test_start_pause_resume_finish(run: AgendaRun, clock: FakeClock) -> None:
    run.start()
    assert run.state is RunState.RUNNING
    assert run.started_at == 1000.0
    clock.advance(100)
    run.pause()
    assert state(run) is RunState.PAUSED
    clock.advance(500)
    assert run.step_remaining() == 500  # paused time does not count
    run.resume()
    assert state(run) is RunState.RUNNING
    clock.advance(50)
    assert run.step_remaining() == 450
    assert [(p.start, p.end, p.step_key) for p in run.pauses] == [(1100.0, 1600.0, "intro")]
    run.finish()
    assert state(run) is RunState.FINISHED
    assert run.finished_at == 1650.0
    assert [e.name for e in run.events] == ["start", "pause", "resume", "finish"]


def test_toggle_pause_switches_between_running_and_paused(run: AgendaRun) -> None:
    run.start()
    run.toggle_pause()
    assert run.state is RunState.PAUSED
    run.toggle_pause()
    assert state(run) is RunState.RUNNING


def test_next_and_back_move_the_cursor_and_keep_each_steps_time(
    run: AgendaRun, clock: FakeClock
) -> None:
    run.start()
    clock.advance(700)  # intro overruns by 100 s
    run.next()
    assert run.current.key == "case/q1"
    clock.advance(200)
    run.back()
    assert run.current.key == "intro"
    assert run.step_remaining() == -100  # continues with its 700 s
    clock.advance(20)
    assert run.step_remaining() == -120
    run.next()
    clock.advance(10)
    assert run.step_remaining() == 600 - 210  # q1 keeps its 200 s too
    assert [e.name for e in run.events] == ["start", "next", "back", "next"]
    assert [(s.start, s.end) for s in run.steps[1].spans] == [(1700.0, 1900.0), (1920.0, None)]


def test_next_on_the_last_step_finishes_the_meeting(run: AgendaRun, clock: FakeClock) -> None:
    run.start()
    for _ in range(4):
        clock.advance(60)
        run.next()
    assert run.current.key == "end"
    clock.advance(60)
    run.next()
    assert run.state is RunState.FINISHED
    assert run.finished_at == 1300.0
    assert run.events[-1].name == "finish"
    # a finished meeting stands still however long the room stays
    clock.advance(3600)
    assert run.step_remaining() == 540
    assert run.remaining_agenda_seconds() == 0
    assert run.projected_end() == at(300)


def test_finish_while_paused_closes_the_pause(run: AgendaRun, clock: FakeClock) -> None:
    run.start()
    clock.advance(10)
    run.pause()
    clock.advance(30)
    run.finish()
    assert run.pauses[-1].end == 1040.0
    assert run.current.spans[-1].end == 1010.0
    assert run.current.elapsed(run.now()) == 10


def test_moving_while_paused_moves_the_pause_and_runs_no_time(
    run: AgendaRun, clock: FakeClock
) -> None:
    run.start()
    clock.advance(60)
    run.pause()
    clock.advance(10)
    run.next()
    clock.advance(10)
    run.next()
    assert run.state is RunState.PAUSED
    assert [(p.step_key, p.start, p.end) for p in run.pauses] == [
        ("intro", 1060.0, 1070.0),
        ("case/q1", 1070.0, 1080.0),
        ("case/q2", 1080.0, None),
    ]
    assert not run.steps[1].has_run
    clock.advance(100)
    assert run.step_remaining() == 600
    run.resume()
    clock.advance(5)
    assert run.step_remaining() == 595


def _not_started(run: AgendaRun, clock: FakeClock) -> None:
    pass


def _running(run: AgendaRun, clock: FakeClock) -> None:
    run.start()
    clock.advance(30)


def _paused(run: AgendaRun, clock: FakeClock) -> None:
    _running(run, clock)
    run.pause()


def _finished(run: AgendaRun, clock: FakeClock) -> None:
    _running(run, clock)
    run.finish()


def _at_first_step(run: AgendaRun, clock: FakeClock) -> None:
    _running(run, clock)


def _on_the_break(run: AgendaRun, clock: FakeClock) -> None:
    _running(run, clock)
    run.take_break()


def _after_the_break(run: AgendaRun, clock: FakeClock) -> None:
    _on_the_break(run, clock)
    clock.advance(60)
    run.next()


Setup = Callable[[AgendaRun, FakeClock], None]
Action = Callable[[AgendaRun], None]

ILLEGAL: list[tuple[str, Setup, str, Action, str]] = [
    ("not started", _not_started, "pause", AgendaRun.pause, "not running"),
    ("not started", _not_started, "resume", AgendaRun.resume, "not paused"),
    ("not started", _not_started, "next", AgendaRun.next, "not started"),
    ("not started", _not_started, "back", AgendaRun.back, "not started"),
    ("not started", _not_started, "extend", lambda r: r.extend(1), "not started"),
    ("not started", _not_started, "take_break", AgendaRun.take_break, "not started"),
    ("not started", _not_started, "finish", AgendaRun.finish, "not started"),
    ("running", _running, "start", AgendaRun.start, "already started"),
    ("running", _running, "resume", AgendaRun.resume, "not paused"),
    ("paused", _paused, "start", AgendaRun.start, "already started"),
    ("paused", _paused, "pause", AgendaRun.pause, "not running"),
    ("finished", _finished, "start", AgendaRun.start, "already started"),
    ("finished", _finished, "pause", AgendaRun.pause, "not running"),
    ("finished", _finished, "resume", AgendaRun.resume, "not paused"),
    ("finished", _finished, "next", AgendaRun.next, "finished"),
    ("finished", _finished, "back", AgendaRun.back, "finished"),
    ("finished", _finished, "extend", lambda r: r.extend(1), "finished"),
    ("finished", _finished, "take_break", AgendaRun.take_break, "finished"),
    ("finished", _finished, "finish", AgendaRun.finish, "finished"),
    ("first step", _at_first_step, "back", AgendaRun.back, "first step"),
    ("on the break", _on_the_break, "take_break", AgendaRun.take_break, "already on"),
    ("break taken", _after_the_break, "take_break", AgendaRun.take_break, "no break left"),
    ("running", _running, "extend -10", lambda r: r.extend(-10), "shorter than one minute"),
]


@pytest.mark.parametrize(
    ("setup", "action", "message"),
    [pytest.param(s, a, m, id=f"{state}-{name}") for state, s, name, a, m in ILLEGAL],
)
def test_illegal_events_raise_and_change_nothing(
    run: AgendaRun, clock: FakeClock, setup: Setup, action: Action, message: str
) -> None:
    setup(run, clock)
    before = (run.state, run.cursor, keys(run), len(run.events), len(run.pauses))
    extensions = [s.extension_seconds for s in run.steps]
    with pytest.raises(DomainError, match=message):
        action(run)
    assert (run.state, run.cursor, keys(run), len(run.events), len(run.pauses)) == before
    assert [s.extension_seconds for s in run.steps] == extensions


# --- figures at several instants ----------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "remaining", "overrun", "wrapup", "agenda_left", "late"),
    [
        (0, 600, 0, False, 2700, 0),
        (300, 300, 0, False, 2400, 0),
        (479, 121, 0, False, 2221, 0),
        (480, 120, 0, True, 2220, 0),  # wrap-up: the last two minutes (wrapup_minutes = 2)
        (599, 1, 0, True, 2101, 0),
        (600, 0, 0, False, 2100, 0),
        (630, -30, 30, False, 2100, 30),  # overrun: the agenda ahead no longer shrinks
        (900, -300, 300, False, 2100, 300),
    ],
)
def test_figures_of_a_running_step(
    run: AgendaRun,
    clock: FakeClock,
    seconds: float,
    remaining: float,
    overrun: float,
    wrapup: bool,
    agenda_left: float,
    late: float,
) -> None:
    run.start()
    clock.advance(seconds)
    assert run.step_remaining() == remaining
    assert run.overrun_seconds() == overrun
    assert run.in_wrapup() is wrapup
    assert run.remaining_agenda_seconds() == agenda_left
    assert run.projected_end() == at(seconds + agenda_left)
    assert run.planned_end() == at(2700)
    assert run.lateness_seconds() == late


def test_wrapup_follows_the_cases_wrapup_minutes(
    case_factory: CaseFactory, clock: FakeClock
) -> None:
    agenda = AgendaRun(case_factory(wrapup_minutes=5), clock)
    agenda.start()
    clock.advance(299)
    assert not agenda.in_wrapup()
    clock.advance(1)
    assert agenda.in_wrapup()


def test_a_pause_makes_the_meeting_late_by_its_length(run: AgendaRun, clock: FakeClock) -> None:
    run.start()
    clock.advance(100)
    run.pause()
    clock.advance(500)
    assert run.remaining_agenda_seconds() == 2600
    assert run.lateness_seconds() == 500
    run.resume()
    clock.advance(50)
    assert run.step_remaining() == 450
    assert run.projected_end() == at(650 + 450 + 2100)
    assert run.lateness_seconds() == 500


def test_segment_figures_sum_over_its_questions(run: AgendaRun, clock: FakeClock) -> None:
    run.start()
    clock.advance(600)
    run.next()  # q1
    assert run.segment_remaining() == 1200
    clock.advance(700)  # q1 overruns by 100
    run.next()  # q2
    assert run.step_remaining() == 600
    assert run.segment_elapsed(1) == 700
    assert run.segment_remaining() == 500
    assert run.segment_remaining(0) == 0
    clock.advance(200)
    assert run.segment_remaining(1) == 300
    # q1's 100 s over come out of q2 (400 s left on its countdown): the case's 20 minutes
    # still hold, so the meeting is on time
    assert run.remaining_agenda_seconds() == 300 + 300 + 600
    assert run.lateness_seconds() == 0
    assert run.segment_has_run(1) and not run.segment_has_run(2)
    assert run.segment_done(0) and not run.segment_done(1)


def test_a_step_ahead_that_already_ran_counts_only_what_it_has_left(
    run: AgendaRun, clock: FakeClock
) -> None:
    run.start()
    clock.advance(60)
    run.next()
    clock.advance(400)  # q1 has 200 s left
    run.back()
    assert run.remaining_agenda_seconds() == 540 + 200 + 600 + 300 + 600


# --- extensions ---------------------------------------------------------------------------


def test_extend_gives_the_current_step_and_its_segment_more_time(
    run: AgendaRun, clock: FakeClock
) -> None:
    run.start()
    clock.advance(600)
    run.next()  # q1
    clock.advance(300)
    run.extend(2)
    assert run.current.extension_seconds == 120
    assert run.step_remaining() == 420
    assert run.segment_planned(1) == 1320
    assert run.segment_remaining() == 1020
    assert run.remaining_agenda_seconds() == 420 + 600 + 300 + 600
    assert run.lateness_seconds() == 120
    run.extend(-3)
    assert run.step_remaining() == 240
    assert run.lateness_seconds() == -60  # cutting time makes the meeting end early
    assert [e.detail for e in run.events if e.name == "extend"] == ["+2", "-3"]


def test_extend_may_shorten_a_step_to_one_minute_but_not_below(
    run: AgendaRun, clock: FakeClock
) -> None:
    run.start()
    run.extend(-9)  # 10 minutes -> 1 minute: allowed
    assert run.step_remaining() == 60
    with pytest.raises(DomainError, match="shorter than one minute"):
        run.extend(-1)
    assert run.step_remaining() == 60
    run.extend(1)
    run.extend(-1)
    assert run.current.extension_seconds == -540


def test_extend_while_paused_counts(run: AgendaRun, clock: FakeClock) -> None:
    run.start()
    clock.advance(30)
    run.pause()
    run.extend(1)
    assert run.step_remaining() == 630


# --- taking the break ---------------------------------------------------------------------


def test_take_break_when_the_break_is_next_and_the_step_is_done_just_moves_on(
    run: AgendaRun, clock: FakeClock
) -> None:
    run.start()
    run.next()
    run.next()  # q2, the break comes next anyway
    clock.advance(600)  # and q2's ten minutes are up
    run.take_break()
    assert run.current.key == "pause"
    assert keys(run) == KEYS
    assert run.events[-1].name == "take_break"
    clock.advance(300)
    run.next()
    assert run.current.key == "end"


def test_take_break_on_the_last_question_before_the_break_comes_back_to_it(
    run: AgendaRun, clock: FakeClock
) -> None:
    run.start()
    run.next()
    run.next()  # q2, the break comes next anyway, but q2 has time left
    clock.advance(100)
    run.take_break()
    assert run.current.key == "pause"
    assert keys(run) == ["intro", "case/q1", "pause", "case/q2", "end"]
    clock.advance(300)
    run.next()
    assert run.current.key == "case/q2"
    assert run.step_remaining() == 500  # the rest of its ten minutes


def test_take_break_mid_case_inserts_the_break_before_the_interrupted_step(
    run: AgendaRun, clock: FakeClock
) -> None:
    run.start()
    clock.advance(600)
    run.next()  # q1
    clock.advance(200)
    run.take_break()
    assert keys(run) == ["intro", "pause", "case/q1", "case/q2", "end"]
    assert run.current.key == "pause"
    assert run.step_remaining() == 300
    assert run.segment_order() == [0, 2, 1, 3]
    assert run.remaining_agenda_seconds() == 300 + 400 + 600 + 600
    clock.advance(310)  # the break overruns by 10 s
    assert run.overrun_seconds() == 10
    run.next()
    assert run.current.key == "case/q1"
    assert run.step_remaining() == 400  # continues with its 200 s
    clock.advance(100)
    assert run.step_remaining() == 300
    assert run.segment_elapsed(1) == 300
    assert run.segment_elapsed(2) == 310
    assert run.lateness_seconds() == 10
    assert run.next_break_index() is None


def test_take_break_while_paused_moves_the_pause_onto_the_break(
    run: AgendaRun, clock: FakeClock
) -> None:
    run.start()
    run.next()
    clock.advance(60)
    run.pause()
    clock.advance(20)
    run.take_break()
    assert run.state is RunState.PAUSED
    assert run.current.key == "pause"
    assert [(p.step_key, p.end) for p in run.pauses] == [("case/q1", 1080.0), ("pause", None)]
    assert not run.current.has_run


def test_take_break_that_was_passed_over_while_paused(
    case_factory: CaseFactory, clock: FakeClock
) -> None:
    """The break lies behind the cursor: it is inserted before the current step all the same."""
    case = case_factory(
        segments=[("a", 10), ("pause", 15, "break"), ("b", 10), ("c", 10)], questions=[]
    )
    run = AgendaRun(case, clock)
    run.start()
    clock.advance(60)
    run.pause()
    run.next()
    run.next()  # at b; the break never ran
    run.resume()
    clock.advance(90)
    run.take_break()
    assert run.current.key == "pause"
    assert keys(run) == ["a", "pause", "b", "c"]
    clock.advance(900)
    run.next()
    assert run.current.key == "b"
    assert run.step_remaining() == 510


def test_without_a_break_take_break_is_refused(case_factory: CaseFactory) -> None:
    run = AgendaRun(case_factory(segments=[("a", 5), ("b", 5)], questions=[]), FakeClock())
    run.start()
    with pytest.raises(DomainError, match="no break left"):
        run.take_break()


# --- wall clock ---------------------------------------------------------------------------


def test_wall_maps_monotonic_instants_to_wall_clock_times(run: AgendaRun, clock: FakeClock) -> None:
    run.start()
    clock.advance(125)
    assert run.wall(1000.0) == START
    assert run.wall(1125.0) == at(125)
    assert run.planned_end() == at(2700)


# --- one model of time: segments are the plan, questions pace the case segment ------------


def test_the_plan_is_the_segments_minutes_even_when_questions_leave_some_unassigned(
    case_factory: CaseFactory, clock: FakeClock
) -> None:
    """Questions of 18 minutes in a 20-minute case: the plan stays 45 (as `check` says)."""
    agenda = AgendaRun(case_factory(questions=(("q1", 10), ("q2", 8))), clock)
    assert agenda.remaining_agenda_seconds() == 2700
    assert agenda.projected_end() == agenda.planned_end()
    agenda.start()
    clock.advance(1)
    assert agenda.remaining_agenda_seconds() == 2699
    assert agenda.lateness_seconds() == 0  # not "2 min early" the moment it starts


def test_the_meeting_left_is_the_segment_left_plus_the_segments_ahead(
    run: AgendaRun, clock: FakeClock
) -> None:
    run.start()
    clock.advance(600)
    run.next()  # q1 of the 20-minute case
    clock.advance(900)  # q1 takes 15 of its 10 minutes
    run.next()  # q2: 10 minutes on its own countdown, 5 left of the segment
    assert run.segment_remaining() == 300
    assert run.step_remaining() == 600  # its own countdown: the pace inside the segment
    assert run.remaining_agenda_seconds() == 300 + 300 + 600  # + pause 5 + end 10
    assert run.lateness_seconds() == 0  # the segment's minutes still hold
    clock.advance(400)  # the segment is spent, q2's countdown still has 200 s
    assert run.segment_remaining() == -100
    assert run.remaining_agenda_seconds() == 900
    assert run.lateness_seconds() == 100  # late by the segment's overrun
