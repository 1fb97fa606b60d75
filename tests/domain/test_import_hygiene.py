"""The core is free of the UI: domain, store and cli import neither Textual nor Rich.

Each probe runs in a fresh interpreter, so nothing this test session imported (pytest plugins,
the Pilot tests) can hide or fake an import.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

# Imports every module of caseroom.domain and caseroom.store (whatever exists today), then
# caseroom.cli, then plays a whole meeting on a fake clock, saves and loads it.
PROBE = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys, tempfile
    from pathlib import Path

    imported = []
    for package in ("caseroom.domain", "caseroom.store"):
        pkg = importlib.import_module(package)
        for info in pkgutil.iter_modules(pkg.__path__):
            imported.append(importlib.import_module(f"{package}.{info.name}").__name__)
    import caseroom.cli

    from caseroom.domain.clock import FakeClock
    from caseroom.domain.meeting import Meeting
    from caseroom.store.cases import open_case
    from caseroom.store.session_file import load, save

    case, source, _ = open_case(None)
    clock = FakeClock()
    meeting = Meeting(case, clock, case_source=source)
    for name, job in (("Anna", "læge"), ("Bo", "sygeplejerske"), ("Carl", "sekretær")):
        meeting.add_participant(name, job)
    meeting.start()
    steps = 0
    while meeting.status == "running":
        meeting.speak(meeting.participants[steps % 3].name)
        clock.advance(120)
        meeting.toggle_pause()
        clock.advance(5)
        meeting.toggle_pause()
        meeting.add_learning_point(f"point {steps}")
        meeting.add_proposal(f"proposal {steps}", area="flow", responsible="Bo")
        meeting.propose_groups(2)
        clock.advance(60)
        meeting.agenda.next()
        steps += 1
    meeting.finish() if meeting.agenda.is_live else None
    path = Path(tempfile.mkdtemp()) / "session.toml"
    save(meeting, path)
    again = load(path, FakeClock(start=clock.now()))

    def ui_modules():
        return sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))

    result = {
        "imported": imported,
        "steps": steps,
        "status": again.status,
        "ui": ui_modules(),
        "caseroom_ui": sorted(m for m in sys.modules if m.startswith("caseroom.ui")),
    }
    import textual.app  # the control: the same check does see a UI import
    result["control"] = ui_modules()
    print(json.dumps(result))
    """
)


def probe(code: str, child_env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_domain_store_and_cli_run_a_whole_meeting_without_textual_or_rich(
    child_env: dict[str, str],
) -> None:
    result = probe(PROBE, child_env)
    assert result["ui"] == []
    assert result["caseroom_ui"] == []
    # the probe really covered the core and really ran the meeting to its end
    for module in (
        "caseroom.domain.agenda",
        "caseroom.domain.case",
        "caseroom.domain.clock",
        "caseroom.domain.meeting",
        "caseroom.domain.people",
        "caseroom.domain.talk",
        "caseroom.domain.captures",
        "caseroom.store.atomic",
        "caseroom.store.cases",
        "caseroom.store.paths",
        "caseroom.store.session_file",
    ):
        assert module in result["imported"]
    assert result["steps"] >= 12
    assert result["status"] == "finished"
    assert "textual" in result["control"]  # the check would have seen it
