"""Which question of the engine each key of the meeting's table asks (no app, fake clock)."""

from __future__ import annotations

import random

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.ui.keys import MEETING_KEYS
from caseroom.ui.screens.meeting.verdicts import KEY_ACTIONS, TABLE_ACTIONS, key_verdict

from .helpers import six_people


def test_space_starts_then_pauses_and_r_starts_then_ends_a_round(
    case: Case, clock: FakeClock
) -> None:
    meeting = Meeting(case, clock, participants=six_people(), rng=random.Random(7))
    assert key_verdict(meeting, "toggle_pause", ())
    assert not key_verdict(meeting, "next", ())  # not started: nothing to move to
    assert not key_verdict(meeting, "round", ())
    meeting.start()
    assert key_verdict(meeting, "toggle_pause", ()) and key_verdict(meeting, "next", ())
    assert key_verdict(meeting, "round", ())
    assert key_verdict(meeting, "speak", (1,)) and not key_verdict(meeting, "speak", (9,))
    assert key_verdict(meeting, "plot", ()) is None  # the screen's own: no engine question


def test_every_action_the_engine_is_asked_about_is_a_key_of_the_table() -> None:
    assert set(KEY_ACTIONS) <= TABLE_ACTIONS
    assert {"toggle_pause", "round"} <= {k.action.split("(")[0] for k in MEETING_KEYS}
