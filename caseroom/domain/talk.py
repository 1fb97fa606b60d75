"""Speaking time: who talks, for how long, derived from start/stop instants of a clock.

The equity figure is 1 − the normalised Gini coefficient of speaking time among the people
present: 100 % when everyone has spoken equally long, 0 % when one person did all the talking.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from caseroom.domain.errors import ALLOWED, Verdict, blocked

_Totals = tuple[dict[str, float], dict[str, int], dict[str, float]]
"""Per participant: seconds, turns, and seconds of the turns that were no pass."""


@dataclass
class Turn:
    """One person's turn; `spans` are monotonic intervals (a meeting pause splits a turn)."""

    participant: str
    step_key: str
    spans: list[list[float | None]] = field(default_factory=list)
    continued: bool = False  # the same turn going on into the next step (not a new turn)
    # passed in a talking round (`k`): the seconds the floor was theirs count, but a pass is
    # no turn, and the person has not spoken
    skipped: bool = False

    @property
    def is_new(self) -> bool:
        """Whether this counts as a turn of its own (not one going on, not a pass)."""
        return not self.continued and not self.skipped

    @property
    def is_open(self) -> bool:
        return bool(self.spans) and self.spans[-1][1] is None

    def seconds(self, now: float) -> float:
        total = 0.0
        for start, end in self.spans:
            assert start is not None
            total += max(0.0, (now if end is None else end) - start)  # see Step.elapsed
        return total


@dataclass
class RoundEntry:
    participant: str
    skipped: bool = False
    seconds: float = 0.0


@dataclass
class TalkRound:
    """A talking round: everyone in seating order from a chosen person, optionally timed."""

    step_key: str
    order: list[str]
    started: float
    seconds_per_person: float | None = None
    position: int = 0
    entries: list[RoundEntry] = field(default_factory=list)
    ended: float | None = None
    # where the current person's turn in the round is in the tracker's turns (not saved: a
    # round ends with the app that runs it; a round read back counts the latest turn)
    turn_index: int | None = None

    @property
    def current(self) -> str | None:
        if self.ended is not None or self.position >= len(self.order):
            return None
        return self.order[self.position]

    @property
    def upcoming(self) -> list[str]:
        return self.order[self.position + 1 :]


class TalkTracker:
    """Keeps the turns; the meeting tells it the time on every event."""

    def __init__(self) -> None:
        self.turns: list[Turn] = []
        self.speaker: str | None = None
        self.suspended = False
        self.rounds: list[TalkRound] = []
        # seconds, turn counts and seconds not passed of the finished turns, per step: _settled
        self._folded: tuple[list[Turn] | None, int] = (None, 0)  # the turns list, how many
        self._per_step: dict[str, _Totals] = {}

    def restore(
        self,
        turns: Sequence[Turn],
        rounds: Sequence[TalkRound],
        *,
        speaker: str | None,
        speaking_since: float | None,
        suspended: bool,
    ) -> None:
        """Put the turns and rounds back as a session file recorded them (finished spans).

        `speaker` still has the floor (their turn is the last one): since `speaking_since`,
        or, when the meeting is paused (`suspended`), from when it goes on.
        """
        self.turns = list(turns)
        self.rounds = list(rounds)
        self.suspended = suspended
        self.speaker = None
        self._folded = (None, 0)
        self._per_step = {}
        if speaker is not None and self.turns:
            self.speaker = speaker
            if speaking_since is not None:
                self.turns[-1].spans.append([speaking_since, None])

    # --- turns ----------------------------------------------------------------------------

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

    def follow_step(self, step_key: str, now: float) -> None:
        """The agenda moved on: the speaker's turn carries on, counted in the new step."""
        if self.speaker is None or not self.turns or self.turns[-1].step_key == step_key:
            return
        self._carry_on(step_key, now)

    def _carry_on(self, step_key: str, now: float) -> None:
        """The speaker's turn goes on as a new entry from `now` (the same turn, not a new
        one), counted in `step_key`."""
        assert self.speaker is not None
        self._close(now)
        turn = Turn(self.speaker, step_key, continued=True)
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

    # --- figures --------------------------------------------------------------------------

    def _settled(self, steps: set[str] | None) -> _Totals:
        """Seconds, turn counts and seconds spoken (passes left out) of every turn but the
        last, per participant.

        Only the last turn can still change (a new turn or span is always appended), so the
        others are folded once into per-step totals: a repaint or a save costs the same with
        5,000 turns as with five, in any step.
        """
        settled = len(self.turns) - 1
        listed, folded = self._folded
        if listed is not self.turns or folded > max(settled, 0):
            self._per_step.clear()
            folded = 0
        for turn in self.turns[folded:settled]:
            seconds, counts, heard = self._per_step.setdefault(turn.step_key, ({}, {}, {}))
            name = turn.participant
            spent = turn.seconds(0.0)
            seconds[name] = seconds.get(name, 0.0) + spent
            counts[name] = counts.get(name, 0) + (1 if turn.is_new else 0)
            if not turn.skipped:
                heard[name] = heard.get(name, 0.0) + spent
        self._folded = (self.turns, max(settled, folded))
        keys = self._per_step.keys() if steps is None else steps & self._per_step.keys()
        if len(keys) == 1:
            return self._per_step[next(iter(keys))]
        total_seconds: dict[str, float] = {}
        total_counts: dict[str, int] = {}
        total_heard: dict[str, float] = {}
        for key in keys:
            seconds, counts, heard = self._per_step[key]
            for name, value in seconds.items():
                total_seconds[name] = total_seconds.get(name, 0.0) + value
            for name, count in counts.items():
                total_counts[name] = total_counts.get(name, 0) + count
            for name, value in heard.items():
                total_heard[name] = total_heard.get(name, 0.0) + value
        return total_seconds, total_counts, total_heard

    def _last(self, steps: set[str] | None) -> Turn | None:
        last = self.turns[-1] if self.turns else None
        if last is None or (steps is not None and last.step_key not in steps):
            return None
        return last

    def spoken_seconds(self, participant: str, now: float, steps: set[str] | None = None) -> float:
        return self.seconds_by_person([participant], now, steps)[participant]

    def turn_count(self, participant: str, steps: set[str] | None = None) -> int:
        count = self._settled(steps)[1].get(participant, 0)
        last = self._last(steps)
        if last is not None and last.participant == participant and last.is_new:
            count += 1
        return count

    def seconds_by_person(
        self, people: Iterable[str], now: float, steps: set[str] | None = None
    ) -> dict[str, float]:
        settled = self._settled(steps)[0]
        totals = {name: settled.get(name, 0.0) for name in people}
        last = self._last(steps)
        if last is not None and last.participant in totals:
            totals[last.participant] += last.seconds(now)
        return totals

    def not_spoken(
        self, people: Iterable[str], now: float, steps: set[str] | None = None
    ) -> list[str]:
        """Who of `people` has not spoken (in `steps`): a pass in a round is not speaking,
        however long the floor was theirs before it."""
        heard = self._settled(steps)[2]
        spoke = {name for name, seconds in heard.items() if seconds > 0}
        last = self._last(steps)
        if last is not None and not last.skipped and last.seconds(now) > 0:
            spoke.add(last.participant)
        return [name for name in people if name not in spoke]

    # --- talking rounds -------------------------------------------------------------------

    @property
    def round(self) -> TalkRound | None:
        if self.rounds and self.rounds[-1].ended is None:
            return self.rounds[-1]
        return None

    def start_round(
        self,
        seating: list[str],
        first: str,
        step_key: str,
        now: float,
        seconds_per_person: float | None = None,
    ) -> TalkRound:
        self.can_start_round(seating, first).check()
        start = seating.index(first)
        order = seating[start:] + seating[:start]
        talk_round = TalkRound(step_key, order, now, seconds_per_person)
        self.rounds.append(talk_round)
        self._give_floor(talk_round, order[0], now)
        return talk_round

    def can_start_round(self, seating: list[str], first: str | None = None) -> Verdict:
        """Whether a round of `seating` can start (from `first`, or from anyone of them)."""
        if self.round is not None:
            return blocked("talk.round_going")
        if first is None and not seating:
            return blocked("people.none_present")
        if first is not None and first not in seating:
            return blocked("people.not_present", name=first)
        return ALLOWED

    def round_going(self) -> Verdict:
        """Whether a round is going (to move on in, skip in, or end)."""
        return ALLOWED if self.round is not None else blocked("talk.no_round")

    def _give_floor(self, talk_round: TalkRound, person: str, now: float) -> None:
        """`person`'s turn in the round begins now, and so does their time in it.

        Someone already speaking (before the round, or cutting in on the one before them)
        goes on speaking: the same turn, not a new one, but from now on counted in the round.
        """
        if self.speaker == person:
            self._carry_on(talk_round.step_key, now)
        else:
            self.speak(person, talk_round.step_key, now)
        talk_round.turn_index = len(self.turns) - 1

    def join_round(self, participant: str) -> None:
        """A late arrival (or someone back) gets a turn at the end of the running round."""
        talk_round = self.round
        if talk_round is None or participant in talk_round.order[talk_round.position :]:
            return
        if any(entry.participant == participant for entry in talk_round.entries):
            return  # they had their turn before they left
        talk_round.order.append(participant)

    def leave_round(self, participant: str) -> None:
        """Someone who left loses their turn to come (never the one speaking now)."""
        talk_round = self.round
        if talk_round is None:
            return
        done, upcoming = talk_round.order[: talk_round.position + 1], talk_round.upcoming
        talk_round.order = done + [name for name in upcoming if name != participant]

    def round_next(self, now: float, *, skip: bool = False) -> str | None:
        """The current person is done (or skipped); the next one speaks. None: round over."""
        self.round_going().check()
        talk_round = self.round
        assert talk_round is not None  # (round_going)
        person = talk_round.order[talk_round.position]
        spoken = 0.0 if skip else self._round_seconds(talk_round, person, now)
        if skip:
            self._pass(talk_round, person)
        talk_round.entries.append(RoundEntry(person, skip, spoken))
        talk_round.position += 1
        following = talk_round.current
        if following is None:
            self.end_round(now)
            return None
        self._give_floor(talk_round, following, now)
        return following

    def _pass(self, talk_round: TalkRound, person: str) -> None:
        """`person` passes: the turn the round gave them is no turn (its seconds still count).

        Only while it is the latest turn: the turns before it are settled (their totals are
        folded, and the session file keeps their text). When someone else has spoken since,
        `person` had the floor and the turn stays one.
        """
        index = talk_round.turn_index
        if index is not None and index == len(self.turns) - 1:
            turn = self.turns[index]
            if turn.participant == person:
                turn.skipped = True

    def end_round(self, now: float) -> None:
        self.round_going().check()
        talk_round = self.round
        assert talk_round is not None  # (round_going)
        talk_round.ended = now
        if self.speaker is not None:
            self.speak(None, talk_round.step_key, now)

    def round_remaining(self, now: float) -> float | None:
        """Seconds left of the current person's time in a timed round."""
        talk_round = self.round
        if talk_round is None or talk_round.seconds_per_person is None:
            return None
        person = talk_round.current
        spoken = self._round_seconds(talk_round, person, now) if person is not None else 0.0
        return talk_round.seconds_per_person - spoken

    def _round_seconds(self, talk_round: TalkRound, person: str, now: float) -> float:
        """Seconds `person` has spoken since their turn in the round began: pauses and
        anything said before it left out, turns of their own in between (after silent
        reflection, after someone cut in) counted."""
        start = talk_round.turn_index
        if start is None:
            start = len(self.turns) - 1
        return sum(t.seconds(now) for t in self.turns[max(0, start) :] if t.participant == person)


def equity(seconds: Iterable[float]) -> float | None:
    """1 − normalised Gini of speaking time: 1.0 all equal, 0.0 one person talked alone.

    None when nobody has spoken yet or fewer than two people are counted.
    """
    values = sorted(max(0.0, s) for s in seconds)
    n = len(values)
    total = sum(values)
    if n < 2 or total <= 0:
        return None
    weighted = sum((i + 1) * v for i, v in enumerate(values))
    gini = (2 * weighted) / (n * total) - (n + 1) / n
    return max(0.0, min(1.0, 1 - gini / (1 - 1 / n)))
