"""Speaking time: who talks, for how long, derived from start/stop instants of a clock."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Turn:
    """One person's turn; `spans` are monotonic intervals (a meeting pause splits a turn)."""

    participant: str
    step_key: str
    spans: list[list[float | None]] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return bool(self.spans) and self.spans[-1][1] is None

    def seconds(self, now: float) -> float:
        total = 0.0
        for start, end in self.spans:
            assert start is not None
            total += (now if end is None else end) - start
        return total


class TalkTracker:
    """Keeps the turns; the meeting tells it the time on every event."""

    def __init__(self) -> None:
        self.turns: list[Turn] = []
        self.speaker: str | None = None
        self.suspended = False

    def speak(self, participant: str | None, step_key: str, now: float) -> None:
        """`participant` starts speaking (the same one again, or None: nobody speaks)."""
        current = self.speaker
        self._close(now)
        self.speaker = None
        if participant is None or participant == current:
            return
        self.speaker = participant
        turn = Turn(participant, step_key)
        if not self.suspended:
            turn.spans.append([now, None])
        self.turns.append(turn)

    def suspend(self, now: float) -> None:
        """The meeting pauses: the speaker's clock stops, the turn stays theirs."""
        self._close(now)
        self.suspended = True

    def resume(self, now: float) -> None:
        self.suspended = False
        if self.speaker is not None:
            self.turns[-1].spans.append([now, None])

    def _close(self, now: float) -> None:
        if self.turns and self.turns[-1].is_open:
            self.turns[-1].spans[-1][1] = now

    def spoken_seconds(self, participant: str, now: float) -> float:
        return sum(t.seconds(now) for t in self.turns if t.participant == participant)

    def turn_count(self, participant: str) -> int:
        return sum(1 for t in self.turns if t.participant == participant)
