"""The engine puts a recorded meeting back through its own methods (a session file's load).

`AgendaRun.restore` and `TalkTracker.restore` take plain values (monotonic instants of the
run's clock) and rebuild the state; the store never edits their internals.
"""

from __future__ import annotations

import pytest

from caseroom.domain.agenda import AgendaRun, Event, Pause, RunState, Span, StepRecord
from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.talk import TalkTracker, Turn


def records(agenda: AgendaRun) -> list[StepRecord]:
    return [
        StepRecord(
            s.key, s.extension_seconds, [Span(a.start, a.end) for a in s.spans if a.end is not None]
        )
        for s in agenda.steps
    ]


def test_an_agenda_restored_from_its_record_goes_on_as_the_one_recorded(
    small_case: Case, clock: FakeClock
) -> None:
    run = AgendaRun(small_case, clock)
    run.start()
    clock.advance(120)
    run.extend(2)
    run.next()  # case/q1
    clock.advance(60)
    run.take_break()  # the break moves up, before q1 goes on
    clock.advance(30)
    run.pause()
    clock.advance(10)
    run.resume()
    clock.advance(5)
    assert run.current.spans[-1].end is None

    again = AgendaRun(small_case, clock)
    again.restore(
        records(run),
        current=run.current.key,
        state=run.state,
        running_since=run.current.spans[-1].start,
        pauses=[Pause(p.start, p.step_key, p.end) for p in run.pauses],
        events=list(run.events),
    )
    assert [s.key for s in again.steps] == [s.key for s in run.steps]
    assert again.current.key == "pause" and again.state is RunState.RUNNING
    assert again.started_at == run.started_at and again.finished_at is None
    assert again.step_remaining() == pytest.approx(run.step_remaining())
    assert again.lateness_seconds() == pytest.approx(run.lateness_seconds())
    for name in ("next", "finish"):
        clock.advance(40)
        getattr(run, name)()
        getattr(again, name)()
        assert again.current.key == run.current.key
        assert again.run_seconds() == pytest.approx(run.run_seconds())
    assert again.finished_at == run.finished_at


def test_a_paused_agenda_is_restored_without_a_running_span(
    small_case: Case, clock: FakeClock
) -> None:
    run = AgendaRun(small_case, clock)
    run.restore(
        records(run),
        current="intro",
        state=RunState.PAUSED,
        running_since=clock.monotonic(),  # only a running step runs
        pauses=[Pause(clock.monotonic(), "intro")],
        events=[Event(clock.monotonic() - 60, "start", "intro")],
    )
    assert run.current.spans == [] and run.started_at == clock.monotonic() - 60
    run.resume()
    assert run.state is RunState.RUNNING


def test_an_agenda_refuses_steps_of_another_case(small_case: Case, clock: FakeClock) -> None:
    run = AgendaRun(small_case, clock)
    steps = records(run)

    def restore(steps: list[StepRecord], current: str) -> None:
        run.restore(
            steps,
            current=current,
            state=RunState.NOT_STARTED,
            running_since=None,
            pauses=[],
            events=[],
        )

    with pytest.raises(ValueError):
        restore(steps[:-1], current="intro")
    with pytest.raises(ValueError):
        restore(steps, current="nowhere")


def test_a_talk_tracker_restored_counts_anew_and_keeps_the_floor() -> None:
    talk = TalkTracker()
    talk.speak("Anna", "intro", 0.0)
    talk.speak("Bo", "intro", 30.0)
    assert talk.spoken_seconds("Anna", 40.0) == 30.0  # folds Anna's turn into its totals
    turns = [Turn("Bo", "intro", [[0.0, 10.0]]), Turn("Anna", "intro", [[10.0, 12.0]])]
    talk.restore(turns, [], speaker="Anna", speaking_since=20.0, suspended=False)
    assert talk.speaker == "Anna" and talk.turns[-1].is_open
    assert talk.spoken_seconds("Bo", 25.0) == 10.0
    assert talk.spoken_seconds("Anna", 25.0) == 7.0  # 2 s, then 5 s since 20
    assert talk.turn_count("Anna") == 1
    talk.speak(None, "intro", 30.0)
    assert talk.spoken_seconds("Anna", 99.0) == 12.0


def test_a_paused_speaker_is_restored_suspended() -> None:
    talk = TalkTracker()
    turns = [Turn("Bo", "intro", [[0.0, 10.0]])]
    talk.restore(turns, [], speaker="Bo", speaking_since=None, suspended=True)
    assert talk.speaker == "Bo" and not talk.turns[-1].is_open
    talk.resume(50.0)
    assert talk.spoken_seconds("Bo", 55.0) == 15.0
    nobody = TalkTracker()
    nobody.restore([], [], speaker="Bo", speaking_since=1.0, suspended=False)
    assert nobody.speaker is None  # no turn to speak in
