"""Time enters the domain only through a Clock.

`monotonic()` measures durations; `now()` stamps events with an aware wall-clock time.
A speed factor (rehearsal with `--speed N`) is just another clock.

Instants are read to the microsecond, the precision of a datetime and so of a session file:
a duration between two instants the engine recorded is then exactly what their timestamps in
the file say, and a meeting restored from its file gives back the same figures to the last
digit. The clocks tests and rehearsals use (`FakeClock`, `SpeedClock`) also keep `now()` and
`monotonic()` in step to the microsecond.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

MAX_SPEED = 3600.0
"""The fastest rehearsal: a 2½-hour meeting in 2½ seconds."""


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock: `time.monotonic()` and the local aware wall-clock time."""

    def monotonic(self) -> float:
        return round(time.monotonic(), 6)

    def now(self) -> datetime:
        return datetime.now().astimezone()


@dataclass(frozen=True)
class SpeedChange:
    """From the real time `real` on, the clock reads `virtual` and runs `speed` times fast."""

    real: datetime
    virtual: datetime
    speed: float


class SpeedClock:
    """A rehearsal's clock: runs faster than `base`, by the speed of its latest change.

    Its wall time is piecewise linear in real time: each `SpeedChange` says from which real
    moment on it reads which time and how fast it runs. A new clock is one change at `origin`
    (default: now), where it reads the real time. A second process that knows the changes
    (the timekeeper's clock, a resume) shares the same timeline; a change never rewrites the
    past, so a speed set on resume applies from that moment on.
    """

    def __init__(
        self, speed: float, base: Clock | None = None, origin: datetime | None = None
    ) -> None:
        self._base = base or SystemClock()
        start = origin or self._base.now()
        self._virtual0 = self._base.monotonic()
        self._wall0 = start
        self.changes: list[SpeedChange] = []
        self._retime([SpeedChange(start, start, _positive(speed))])

    @classmethod
    def from_changes(cls, changes: list[SpeedChange], base: Clock | None = None) -> SpeedClock:
        """The clock a session recorded (its changes in order; at least one)."""
        if not changes:
            raise ValueError("a rehearsal clock needs at least one speed change")
        clock = cls(changes[0].speed, base, changes[0].real)
        clock.follow(changes)
        return clock

    @property
    def speed(self) -> float:
        return self.changes[-1].speed

    @property
    def origin(self) -> datetime:
        """The real time from which the clock's latest timeline runs (its first change)."""
        return self.changes[0].real

    def _retime(self, changes: list[SpeedChange]) -> None:
        """Run by `changes` from now on; the monotonic time goes on where it was.

        The monotonic time is read off this clock's wall time from an anchor taken here
        (a microsecond apart from each other, never more).
        """
        monotonic = self.monotonic() if self.changes else self._virtual0
        self.changes = changes
        self._wall0 = self.now()
        self._virtual0 = monotonic

    def follow(self, changes: list[SpeedChange]) -> None:
        """Share the timeline of another process's clock (its recorded changes)."""
        self._retime(list(changes))

    def monotonic(self) -> float:
        return round(self._virtual0 + (self.now() - self._wall0).total_seconds(), 6)

    def now(self) -> datetime:
        last = self.changes[-1]
        return last.virtual + (self._base.now() - last.real) * last.speed

    def real_time_of(self, virtual: datetime) -> datetime:
        """The real time at which the latest timeline read `virtual`."""
        last = self.changes[-1]
        return last.real + (virtual - last.virtual) / last.speed

    def set_speed(self, speed: float) -> None:
        """Run `speed` times fast from now on; the time read so far stays as it was."""
        self._retime([*self.changes, SpeedChange(self._base.now(), self.now(), _positive(speed))])

    def continue_after_gap(self, saved_at: datetime, speed: float | None = None) -> None:
        """Go on after the app was down since `saved_at` (this clock's time): the time the
        app was down passes as real time, not multiplied by the speed; then the clock runs
        at `speed` (default: as before) from now on."""
        real_now = self._base.now()
        down = max(timedelta(0), real_now - self.real_time_of(saved_at))
        change = SpeedChange(real_now, saved_at + down, _positive(speed or self.speed))
        self._retime([*self.changes, change])

    def start_over(self) -> None:
        """Run fast from the real time of now on; the monotonic time goes on where it was.

        A rehearsal's meeting starts at the real time it is started, however long the start
        screen took (at 30x, two minutes there would otherwise start it an hour late).
        """
        real_now = self._base.now()
        self._retime([SpeedChange(real_now, real_now, self.speed)])


def _positive(speed: float) -> float:
    if not speed > 0:
        raise ValueError("speed must be positive")
    return float(speed)


class FakeClock:
    """A clock for tests: stands still until `advance(seconds)` is called."""

    def __init__(self, start: datetime | None = None, monotonic: float = 1000.0) -> None:
        self._start = start or datetime(2026, 11, 24, 8, 30, tzinfo=UTC)
        if self._start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._mono0 = monotonic
        self._micros = 0  # advanced so far, in whole microseconds: both readings follow it

    def monotonic(self) -> float:
        return round(self._mono0 + self._micros / 1_000_000, 6)

    def now(self) -> datetime:
        return self._start + timedelta(microseconds=self._micros)

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not run backwards")
        self._micros += round(seconds * 1_000_000)
