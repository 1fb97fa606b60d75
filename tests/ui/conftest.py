"""Fixtures for the Pilot tests: a fake clock, the default case, an app writing to tmp_path."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.ui.app import CaseroomApp, make_app
from caseroom.ui.i18n import Lang

from .helpers import six_people

SIZE = (120, 40)

MakeApp = Callable[..., CaseroomApp]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def case() -> Case:
    """The bundled default case (Danish), its rounds in seating order: the tests of a round's
    mechanics read it round the table (the case's own "hierarchy" order has tests of its own,
    tests/ui/test_people_ui.py)."""
    bundled = open_case("t2d-aarsstatus")[0]
    seating = bundled.people.model_copy(update={"round_order": "seating"})
    return bundled.model_copy(update={"people": seating})


@pytest.fixture
def session_path(tmp_path: Path) -> Path:
    return tmp_path / "sessions" / "session.toml"


@pytest.fixture
def make(case: Case, clock: FakeClock, session_path: Path) -> MakeApp:
    """Build the app the way the CLI does, on the fake clock, saving to `session_path`.

    `people` defaults to six participants (two of each profession); `start_screen=True` asks
    for them on the start screen instead.
    """

    def build(
        *,
        people: list[Participant] | None = None,
        start_screen: bool = False,
        lang: Lang | None = None,
        case: Case = case,
        meeting: Meeting | None = None,
        seed: int = 7,
        warnings: tuple[str, ...] = (),
    ) -> CaseroomApp:
        return make_app(
            case,
            session_path=session_path,
            clock=clock,
            people=None if start_screen else (people if people is not None else six_people()),
            lang=lang,
            meeting=meeting,
            rng=random.Random(seed),
            warnings=warnings,
        )

    return build
