"""`caseroom export` of meetings that are not case meetings (issue 18): a meeting that makes no
action plan has no plan or calendar (one line, exit 2), and a meeting that chose its proposals
itself has the chosen ones and a follow-up, never a case meeting's management meetings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from caseroom.store.export import ExportError, render
from caseroom.store.session_file import save

from .bundled_fixture import play

CASE_MEETING_WORDS = re.compile(r"case-mødet|case meeting|handleplan|action plan", re.IGNORECASE)


def _session(tmp_path: Path, case_id: str) -> Path:
    path = tmp_path / f"{case_id}.toml"
    save(play(case_id), path)
    return path


def _export(tmp_path: Path, session: Path, fmt: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CASEROOM_HOME": str(tmp_path / "home")}
    env["CASEROOM_CONFIG"] = str(tmp_path / "config")
    command = [sys.executable, "-m", "caseroom", "export", str(session), "--format", fmt]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.parametrize("fmt", ["plan", "ics"])
def test_a_meeting_without_an_action_plan_refuses_plan_and_calendar_in_one_line(
    tmp_path: Path, fmt: str
) -> None:
    done = _export(tmp_path, _session(tmp_path, "klyngemoede"), fmt)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("caseroom: 'klyngemoede' makes no action plan")


def test_a_meeting_without_an_action_plan_has_its_summary(tmp_path: Path) -> None:
    done = _export(tmp_path, _session(tmp_path, "klyngemoede"), "markdown")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Referat: Klyngemøde")
    assert not CASE_MEETING_WORDS.search(done.stdout)


@pytest.mark.parametrize("case_id", ["idemoede", "retrospektiv", "klyngemoede"])
def test_no_export_of_a_meeting_that_is_not_a_case_meeting_speaks_of_one(
    tmp_path: Path, case_id: str
) -> None:
    meeting = play(case_id)
    for fmt in ("markdown", "plan", "ics"):
        try:
            text = render(meeting, fmt).decode()
        except ExportError:
            assert meeting.case.plan_mode == "none"
            continue
        unfolded = text.replace("\r\n ", "")  # the calendar folds its long lines
        assert not CASE_MEETING_WORDS.search(unfolded), (fmt, CASE_MEETING_WORDS.search(unfolded))


def test_a_meeting_that_chose_its_proposals_has_one_follow_up_event() -> None:
    meeting = play("idemoede")
    events = Calendar.from_ical(render(meeting, "ics")).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Opfølgning – Idémøde i laboratoriet"]
    plan = render(meeting, "plan").decode()
    assert plan.startswith("# Valgte forslag fra Idémøde i laboratoriet")
    assert "Ansvarlig: Bo Kjær" in plan
    with pytest.raises(ExportError, match="--plan-date: 'idemoede' makes no action plan"):
        render(meeting, "ics", plan_date=date(2026, 12, 1))
