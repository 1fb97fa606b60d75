"""Every session fixture is one the app could have written: it loads with its case and
`caseroom export --format markdown` takes it (exit 0).

A fixture the app refuses (its agenda not the case's, a key the schema does not know) proves
little about what the app does with real files. Only the deliberately bad inputs of the report
are left out: `broken.toml` (cut off) and `not-a-session.toml` (a case file).
"""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path

import pytest

from caseroom.cli import main
from caseroom.domain.clock import FakeClock
from caseroom.store.cases import resolve_case
from caseroom.store.session_file import load

DATA = Path(__file__).resolve().parents[1] / "data"
NOT_SESSIONS = {"broken.toml", "not-a-session.toml"}
FIXTURES = sorted(
    path
    for folder in (DATA / "report", DATA / "sessions")
    for path in folder.glob("*.toml")
    if path.name not in NOT_SESSIONS
)


def test_the_fixtures_are_found() -> None:
    names = {f"{path.parent.name}/{path.name}" for path in FIXTURES}
    assert {
        "report/followup-3d.toml",
        "report/followup-6m.toml",
        "report/rehearsal.toml",
        "sessions/followup.toml",
    } <= names


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_fixture_session_loads_with_its_case_and_exports(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tomllib.loads(path.read_text("utf-8"))
    case_file, _ = resolve_case(doc["case_id"])
    clock = FakeClock(doc["saved_at"] + timedelta(hours=1))
    meeting = load(path, clock, case_file=case_file)
    assert meeting.case.id == doc["case_id"]
    assert [step.key for step in meeting.agenda.steps] == [
        step["key"] for step in doc["agenda"]["step"]
    ]
    code = main(["export", "--format", "markdown", str(path)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out.startswith("# ")
