"""A case file from `caseroom new` runs: the meeting starts and steps through every segment."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from caseroom.catalogue import Lang
from caseroom.domain.case import SegmentKind, load_case
from caseroom.store.new_case import new_case

from .conftest import SIZE, MakeApp


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_a_new_case_runs_through_every_segment(
    make: MakeApp, tmp_path: Path, lang: Lang
) -> None:
    path = tmp_path / "ny.toml"
    path.write_bytes(new_case("ny", lang))
    case, warnings = load_case(path)
    assert warnings == []
    app = make(case=case)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        agenda = app.meeting.agenda
        visited = [agenda.current.key]
        for _ in range(len(agenda.steps) - 1):
            await pilot.press("n")
            visited.append(agenda.current.key)
        await pilot.pause()
        assert visited == [step.key for step in agenda.steps]
        assert all(step.has_run for step in agenda.steps)
        assert {step.segment.kind for step in agenda.steps} == set(get_args(SegmentKind)) - {
            "status"
        }
        assert app.meeting.status == "running" and agenda.current.segment.kind == "evaluation"
