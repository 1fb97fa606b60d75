"""Every export of every bundled agenda, as golden files: each meeting in its own words.

A short meeting of each bundled case (`bundled_fixture.play`), saved and read back as an export
reads it, gives a summary, a plan (the action-plan draft, the chosen proposals, or for a meeting
that makes no action plan the one-line refusal) and a calendar (or the refusal), compared with
tests/data/exports/<case id>/. Regenerate with CASEROOM_REGEN=1.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from caseroom.domain.meeting import Meeting
from caseroom.store.export import ExportError, load_for_export, render
from caseroom.store.session_file import save

from .bundled_fixture import BUNDLED, play
from .export_fixture import GOLDEN

REGEN = os.environ.get("CASEROOM_REGEN") == "1"
EXPORTS = (("summary.md", "markdown"), ("plan.md", "plan"), ("calendar.ics", "ics"))


@pytest.fixture(autouse=True)
def _bundled_templates_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No clinic's own templates (a developer's config folder) reach the golden files."""
    monkeypatch.setenv("CASEROOM_CONFIG", str(tmp_path / "config"))


@pytest.fixture(scope="module")
def meetings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Meeting]:
    folder = tmp_path_factory.mktemp("bundled")
    found = {}
    for case_id in BUNDLED:
        path = folder / f"{case_id}.toml"
        save(play(case_id), path)
        found[case_id] = load_for_export(path)
    return found


def _export(meeting: Meeting, fmt: str) -> bytes:
    """The export's bytes, or for a refused one its one line (the CLI prints it, exit 2)."""
    try:
        return render(meeting, fmt)
    except ExportError as refused:
        return f"refused: {refused}\n".encode()


@pytest.mark.parametrize("case_id", BUNDLED)
@pytest.mark.parametrize(("name", "fmt"), EXPORTS)
def test_golden_export_of_each_bundled_agenda(
    meetings: dict[str, Meeting], case_id: str, name: str, fmt: str
) -> None:
    data = _export(meetings[case_id], fmt)
    golden = GOLDEN / case_id / name
    if REGEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
    assert data == golden.read_bytes()
