"""When the shown countdown next changes: screens tick once per shown second, just after it."""

from __future__ import annotations

import math

from caseroom.domain.agenda import AgendaRun, RunState
from caseroom.domain.clock import Clock, SpeedClock

IDLE_TICK_SECONDS = 1.0
"""How often a screen looks again when no countdown runs (paused, not started, finished)."""


def clock_speed(clock: Clock) -> float:
    return clock.speed if isinstance(clock, SpeedClock) else 1.0


def next_change_in(agenda: AgendaRun, speed: float = 1.0) -> float:
    """Real seconds until the step's countdown shows another second (1 s when it stands still).

    `countdown()` rounds up while time is left (it changes just after x.001 s) and counts whole
    seconds of overrun (it changes at each integer); a tick 5 ms after that edge shows the new
    second on time, once.
    """
    if agenda.state is not RunState.RUNNING:
        return IDLE_TICK_SECONDS
    remaining = agenda.step_remaining()
    edge = remaining - 0.001 if remaining > 0.001 else remaining
    virtual = edge - math.floor(edge)  # 0: the edge is now
    return virtual / speed + 0.005
