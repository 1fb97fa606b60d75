"""`caseroom notes` refuses bad input in one line with exit 2, before any screen (issue 19)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.store.session_file import save

ROOT = Path(__file__).resolve().parents[2]


def caseroom(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CASEROOM_HOME=str(tmp_path / "home"))
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "caseroom", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


@pytest.fixture
def session(tmp_path: Path) -> Path:
    case, source, _ = open_case("t2d-aarsstatus")
    meeting = Meeting(
        case, FakeClock(), participants=[Participant("Carl", "sekretær")], case_source=source
    )
    path = tmp_path / "s.toml"
    save(meeting, path)
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["notes", "{tmp}/missing.toml"], "no such session file"),
        (["notes", "{tmp}/junk.toml", "--as", "Carl"], "junk.toml"),
        (["notes", "{tmp}/s.toml", "--as", "Zoe"], "--as Zoe: not a participant (Carl)"),
        (["notes", "{tmp}/s.toml"], "name yourself with --as NAME"),
        (["notes", "{tmp}/s.toml", "--as", "Carl"], "needs a terminal"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, session: Path, args: list[str], message: str
) -> None:
    (tmp_path / "junk.toml").write_text("not = [toml\n")
    done = caseroom(tmp_path, *(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.glob(".*inbox*"))  # nothing typed: no inbox left behind
