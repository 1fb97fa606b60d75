"""Engine speed: the full default meeting driven by 10,000 events on a fake clock.

Events are drawn (seeded) from next / back / pause / resume / extend ±1 / speak (someone
starts, or the same person stops); the clock advances 1-30 s between events. The meeting
never finishes early: `next` on the last step becomes `back`. Timed:

- the events alone (what the engine does per key press), median of --reps runs;
- one repaint's figures (everything the meeting screen reads) at 1,000 ... 10,000 events:
  their cost grows with the history (step spans, speaking turns) the meeting has recorded;
- to_document (what every autosave serialises) at the end.

    .venv/bin/python bench/engine.py [--events 10000] [--reps 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter

from caseroom.domain.agenda import RunState
from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import DomainError
from caseroom.domain.meeting import Meeting
from caseroom.store.cases import open_case
from caseroom.store.session_file import to_document

PEOPLE = [
    ("Anna", "læge"),
    ("Bo", "sygeplejerske"),
    ("Carl", "sekretær"),
    ("Dorte", "bioanalytiker"),
    ("Emil", "læge"),
    ("Fie", "sekretær"),
]
EVENTS = ("next", "back", "pause", "extend", "speak", "speak", "speak")
Checkpoint = tuple[int, int, int, float]  # events, step spans, turns, ms per repaint


def figures(meeting: Meeting) -> tuple[object, ...]:
    """What the meeting screen reads on a repaint."""
    agenda = meeting.agenda
    now = meeting.clock.monotonic()
    names = [p.name for p in meeting.participants]
    return (
        agenda.step_remaining(),
        agenda.overrun_seconds(),
        agenda.in_wrapup(),
        agenda.segment_remaining(),
        agenda.remaining_agenda_seconds(),
        agenda.projected_end(),
        agenda.lateness_seconds(),
        [agenda.segment_done(i) for i in range(len(meeting.case.segments))],
        meeting.talk.seconds_by_person(names, now),
        meeting.talk.seconds_by_person(names, now, meeting.scope_keys()),
    )


def simulate(
    case: Case, events: int, seed: int, checkpoints: tuple[int, ...] = ()
) -> tuple[Meeting, Counter[str], list[Checkpoint]]:
    rng = random.Random(seed)
    clock = FakeClock()
    meeting = Meeting(case, clock)
    for name, profession in PEOPLE:
        meeting.add_participant(name, profession)
    meeting.start()
    last = len(meeting.agenda.steps) - 1
    done: Counter[str] = Counter()
    costs: list[Checkpoint] = []
    for index in range(1, events + 1):
        clock.advance(rng.uniform(1, 30))
        event = rng.choice(EVENTS)
        try:
            if event == "next" and meeting.agenda.cursor == last:
                event = "back"
            if event == "back" and meeting.agenda.cursor == 0:
                event = "next"
            if event in ("next", "back"):
                meeting.next() if event == "next" else meeting.back()
            elif event == "pause":
                event = "resume" if meeting.agenda.state is RunState.PAUSED else "pause"
                meeting.toggle_pause()
            elif event == "extend":
                meeting.extend(rng.choice((1, -1)))
            else:
                meeting.speak(rng.choice(PEOPLE)[0])
            done[event] += 1
        except DomainError:
            done["refused"] += 1
        if index in checkpoints:
            began = time.perf_counter()
            for _ in range(20):
                figures(meeting)
            ms = (time.perf_counter() - began) / 20 * 1000
            spans = sum(len(s.spans) for s in meeting.agenda.steps)
            costs.append((index, spans, len(meeting.talk.turns), ms))
    return meeting, done, costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    case, _, _ = open_case(None)
    n = args.events
    print(f"default case '{case.id}', {case.total_minutes} min, {n:,} events")

    simulate(case, n, 0)  # warm up
    times = []
    for rep in range(args.reps):
        began = time.perf_counter()
        simulate(case, n, 1 + rep)
        times.append(time.perf_counter() - began)
    plain = statistics.median(times) * 1000
    print(f"events alone: {plain:.1f} ms (median of {args.reps}), {plain * 1000 / n:.1f} µs/event")

    marks = tuple(sorted({m for m in (1_000, 2_500, 5_000, n) if m <= n}))
    meeting, done, costs = simulate(case, n, 1, marks)
    print(f"{'events':>8} {'step spans':>10} {'turns':>7} {'one repaint ms':>14}")
    for index, spans, turns, ms in costs:
        print(f"{index:>8,} {spans:>10,} {turns:>7,} {ms:>14.3f}")
    began = time.perf_counter()
    to_document(meeting)
    print(f"to_document after {n:,} events: {(time.perf_counter() - began) * 1000:.1f} ms")
    mix = ", ".join(f"{k} {v}" for k, v in sorted(done.items()))
    print(f"event mix: {mix}")
    agenda = meeting.agenda
    print(
        f"simulated {agenda.now() - (agenda.started_at or 0):,.0f} s of meeting time, "
        f"lateness {agenda.lateness_seconds():,.0f} s"
    )


if __name__ == "__main__":
    main()
