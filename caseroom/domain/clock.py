"""Time enters the domain only through a Clock.

`monotonic()` measures durations; `now()` stamps events with an aware wall-clock time.
A speed factor (rehearsal with `--speed N`) is just another clock.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock: `time.monotonic()` and the local aware wall-clock time."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now().astimezone()


class SpeedClock:
    """A clock that runs `speed` times faster than `base`, from `origin` (default: now).

    Wall time is `origin + (base.now() - origin) * speed`, so a second process that knows the
    speed and origin (the timekeeper's clock, a resume) shares the same timeline.
    """

    def __init__(
        self, speed: float, base: Clock | None = None, origin: datetime | None = None
    ) -> None:
        if not speed > 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self._base = base or SystemClock()
        self.follow(origin or self._base.now())

    def follow(self, origin: datetime) -> None:
        """Share the timeline that runs fast from `origin` (a second process's clock takes
        the writer's, which starts over when its meeting starts)."""
        self.origin = origin
        lead = (self._base.now() - origin).total_seconds() * self.speed
        self._mono0 = self._base.monotonic()
        self._virtual0 = self._mono0 + lead

    def monotonic(self) -> float:
        return self._virtual0 + (self._base.monotonic() - self._mono0) * self.speed

    def now(self) -> datetime:
        return self.origin + (self._base.now() - self.origin) * self.speed

    def start_over(self) -> None:
        """Run fast from the real time of now on; the monotonic time goes on where it was.

        A rehearsal's meeting starts at the real time it is started, however long the start
        screen took (at 30x, two minutes there would otherwise start it an hour late).
        """
        monotonic = self.monotonic()
        self.origin = self._base.now()
        self._mono0 = self._base.monotonic()
        self._virtual0 = monotonic


class FakeClock:
    """A clock for tests: stands still until `advance(seconds)` is called."""

    def __init__(self, start: datetime | None = None, monotonic: float = 1000.0) -> None:
        self._wall = start or datetime(2026, 11, 24, 8, 30, tzinfo=UTC)
        if self._wall.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._mono = monotonic

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not run backwards")
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)
