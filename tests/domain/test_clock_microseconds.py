"""Clocks read instants to the microsecond, with `now()` and `monotonic()` in step.

A session file holds datetimes, which have microseconds; a figure the engine derives from two
instants must be what their timestamps say, or a restored meeting writes other digits.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from caseroom.domain.clock import FakeClock, SpeedClock

START = datetime(2026, 11, 24, 8, 30, tzinfo=UTC)
STEPS = (0.1234567, 104.94249971029924, 6.118777298126858, 1e-7, 61.2661635489747, 0.0000005)


def on_the_microsecond(seconds: float) -> bool:
    return abs(seconds * 1_000_000 - round(seconds * 1_000_000)) < 1e-3


def test_a_fake_clock_s_two_readings_move_together_to_the_microsecond() -> None:
    clock = FakeClock(START, monotonic=1000.0)
    for step in STEPS:
        clock.advance(step)
        assert on_the_microsecond(clock.monotonic())
        wall = (clock.now() - START).total_seconds()
        assert clock.monotonic() - 1000.0 == pytest.approx(wall, abs=1e-9)


@pytest.mark.parametrize("speed", [1.0, 7.3, 60.0, 3600.0])
def test_a_rehearsal_clock_s_two_readings_move_together_to_the_microsecond(speed: float) -> None:
    base = FakeClock(START)
    clock = SpeedClock(speed, base)
    mono0, wall0 = clock.monotonic(), clock.now()
    for index, step in enumerate(STEPS):
        base.advance(step)
        if index == 3:
            clock.set_speed(speed / 2)  # a new speed re-anchors; the readings stay in step
        assert on_the_microsecond(clock.monotonic())
        wall = (clock.now() - wall0).total_seconds()
        assert clock.monotonic() - mono0 == pytest.approx(wall, abs=1e-9)
