"""The planned start in the session file: written as an optional key, read back on load and
on resume, never re-planned by a resume (whatever its flags or the case file now suggest), and
absent in older files, which still load (the plan then starts when the meeting did)."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case, resolve_case
from caseroom.store.session_file import load, open_for_resume, save
from tests.conftest import START


@pytest.fixture
def case() -> Case:
    return open_case("t2d-aarsstatus")[0]


def started(case: Case, clock: FakeClock, planned: str | None, source: str = "") -> Meeting:
    meeting = Meeting(case, clock, participants=[Participant("Anna", "læge")], case_source=source)
    meeting.plan_start_at(planned)
    meeting.start()
    clock.advance(300)
    return meeting


def test_the_planned_start_is_saved_and_loads_back(
    case: Case, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "s.toml"
    save(started(case, clock, "08:23"), path)
    doc = tomllib.loads(path.read_text("utf-8"))
    assert doc["planned_start"] == datetime(2026, 11, 24, 8, 23, tzinfo=UTC)
    assert doc["format"] == 2
    clock.advance(60)
    again = load(path, clock)
    assert again.planned_start == datetime(2026, 11, 24, 8, 23, tzinfo=UTC)
    assert again.agenda.start_lateness_seconds() == 7 * 60


def test_without_a_planned_start_the_file_has_no_key_and_loads_as_before(
    case: Case, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "s.toml"
    save(started(case, clock, None), path)
    assert "planned_start" not in path.read_text("utf-8")
    again = load(path, clock)
    assert again.planned_start is None
    assert again.agenda.plan_start() == START  # the plan starts when the meeting did


def test_a_resume_keeps_the_recorded_plan_whatever_the_case_now_suggests(
    case: Case, clock: FakeClock, tmp_path: Path
) -> None:
    """`caseroom resume` has no --start: --case FILE (a copy of the case that suggests
    another start) does not change the plan the meeting started with."""
    path = tmp_path / "s.toml"
    save(started(case, clock, "08:00", source="bundled:t2d-aarsstatus"), path)
    copy = tmp_path / "t2d-copy.toml"
    text = resolve_case("t2d-aarsstatus")[0].read_text("utf-8")
    copy.write_text(text.replace("format = 2\n", 'format = 2\nplanned_start = "10:00"\n', 1))
    assert open_case(str(copy))[0].planned_start == "10:00"
    resumed = open_for_resume(path, case_file=copy, base=clock)
    assert resumed.planned_start == datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    resumed_again = open_for_resume(path, base=clock)
    assert resumed_again.planned_start == datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
