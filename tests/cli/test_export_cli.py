"""`caseroom export` as a user runs it: a subprocess, stdout or -o FILE, one-line errors."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from caseroom.cli import main
from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.store.cases import open_case
from caseroom.store.session_file import save

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURE = DATA / "sessions" / "export-meeting.toml"
CET = timezone(timedelta(hours=1))  # the fixture's offset (it records no zone name)
GOLDEN = DATA / "exports"


def run(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "CASEROOM_HOME": str(tmp_path / "home")}
    return subprocess.run(
        [sys.executable, "-m", "caseroom", "export", *map(str, args)],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )


def run_here(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str | Path
) -> tuple[int, str, str]:
    """The same command in this process (for the many ways to get the options wrong)."""
    monkeypatch.setenv("CASEROOM_HOME", str(Path.cwd() / "home"))
    try:
        code = main(["export", *map(str, args)])
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(result: subprocess.CompletedProcess[bytes]) -> str:
    assert result.returncode == 2
    assert result.stdout == b""
    err = result.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert err.endswith("\n") and err.count("\n") == 1, err
    return err


def test_markdown_to_stdout(tmp_path: Path) -> None:
    result = run(tmp_path, FIXTURE, "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert result.stdout == (GOLDEN / "meeting-da.md").read_bytes()


def test_plan_to_file_is_private(tmp_path: Path) -> None:
    out = tmp_path / "handleplan.md"
    result = run(tmp_path, FIXTURE, "--format", "plan", "-o", out, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert out.read_bytes() == (GOLDEN / "plan-en.md").read_bytes()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_ics_with_options(tmp_path: Path) -> None:
    out = tmp_path / "opfoelgning.ics"
    result = run(
        tmp_path,
        FIXTURE,
        "--format",
        "ics",
        "--output",
        out,
        "--followup-weeks",
        "10",
        "--plan-date",
        "2026-11-30",
        "--presentation-minutes",
        "40",
    )
    assert result.returncode == 0, result.stderr
    events = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert [e.decoded("DTSTART") for e in events] == [
        datetime(2026, 11, 30, 8, 30, tzinfo=CET),
        datetime(2026, 12, 8, 8, 30, tzinfo=CET),
        datetime(2027, 2, 2, 8, 30, tzinfo=CET),
    ]
    assert events[1].decoded("DTEND") == datetime(2026, 12, 8, 9, 10, tzinfo=CET)
    again = run(tmp_path, FIXTURE, "--format", "ics", "--followup-weeks", "10")
    assert [str(e["UID"]) for e in Calendar.from_ical(again.stdout).walk("VEVENT")] == [
        str(e["UID"]) for e in events
    ]


def test_exports_never_touch_the_session_file(tmp_path: Path) -> None:
    session = tmp_path / "session.toml"
    session.write_bytes(FIXTURE.read_bytes())
    os.utime(session, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    digest = hashlib.sha256(session.read_bytes()).hexdigest()
    for fmt in ("markdown", "plan", "ics"):
        assert run(tmp_path, session, "--format", fmt).returncode == 0
    assert hashlib.sha256(session.read_bytes()).hexdigest() == digest
    assert session.stat().st_mtime_ns == 1_700_000_000_000_000_000
    err = one_line_error(run(tmp_path, session, "--format", "plan", "-o", session))
    assert "session file" in err
    assert hashlib.sha256(session.read_bytes()).hexdigest() == digest


def test_running_session_exports_and_says_so(tmp_path: Path) -> None:
    case, source, _ = open_case("t2d-aarsstatus")
    clock = FakeClock()
    meeting = Meeting(case, clock, case_source=source)
    meeting.add_participant("Bo Kjær", "sygeplejerske")
    meeting.start()
    meeting.speak("Bo Kjær")
    clock.advance(60)
    session = tmp_path / "live.toml"
    save(meeting, session)
    before = session.read_bytes()
    result = run(tmp_path, session, "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert "Foreløbigt: mødet er ikke afsluttet" in result.stdout.decode("utf-8")
    english = run(tmp_path, session, "--format", "plan", "--lang", "en")
    assert "Preliminary: the meeting has not finished" in english.stdout.decode("utf-8")
    assert run(tmp_path, session, "--format", "ics").returncode == 0
    assert session.read_bytes() == before


def test_missing_session(tmp_path: Path) -> None:
    err = one_line_error(run(tmp_path, tmp_path / "nope.toml", "--format", "markdown"))
    assert "nope.toml" in err and "no such session file" in err


def test_corrupt_session(tmp_path: Path) -> None:
    session = tmp_path / "broken.toml"
    session.write_bytes(FIXTURE.read_bytes()[:3000])
    err = one_line_error(run(tmp_path, session, "--format", "plan"))
    assert "broken.toml" in err
    assert session.read_bytes() == FIXTURE.read_bytes()[:3000]


@pytest.mark.parametrize(
    "content",
    [b"format = 1\ncase_id = [\n", b"\xff\xfe not text", b'format = 1\ncase_id = "x"\n', b""],
)
def test_unreadable_sessions_in_process(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    content: bytes,
) -> None:
    session = tmp_path / "broken.toml"
    session.write_bytes(content)
    code, out, err = run_here(capsys, monkeypatch, session, "--format", "markdown")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "broken.toml" in err
    assert session.read_bytes() == content


@pytest.mark.parametrize(
    "args",
    [
        ("--format", "ics", "--followup-weeks", "13"),
        ("--format", "ics", "--followup-weeks", "5"),
        ("--format", "ics", "--followup-weeks", "eight"),
        ("--format", "ics", "--plan-date", "1/12/2026"),
        ("--format", "ics", "--followup-date", "2026-11-01"),
        ("--format", "ics", "--followup-date", "2027-01-05", "--followup-weeks", "6"),
        ("--format", "ics", "--followup-date", "2027-01-05", "--followup-weeks", "8"),  # default
        ("--format", "ics", "--followup-weeks", "8", "--followup-date", "2027-01-05"),
        ("--format", "ics", "--plan-date", "2026-12-20", "--presentation-date", "2026-12-10"),
        ("--format", "ics", "--plan-minutes", "0"),
        ("--format", "pdf"),
        (),
    ],
)
def test_bad_options(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    code, out, err = run_here(capsys, monkeypatch, FIXTURE, *args)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "Traceback" not in err, err


def test_bad_option_in_a_subprocess(tmp_path: Path) -> None:
    err = one_line_error(run(tmp_path, FIXTURE, "--format", "ics", "--followup-weeks", "13"))
    assert "6–12 weeks" in err


def test_unwritable_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "no" / "x.md"
    code, out, err = run_here(capsys, monkeypatch, FIXTURE, "--format", "markdown", "-o", target)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "cannot write" in err


def test_a_session_whose_case_file_moved_exports_with_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from caseroom.store.cases import bundled_paths

    case_file = tmp_path / "my-case.toml"
    case_file.write_bytes(bundled_paths()["t2d-aarsstatus"].read_bytes())
    session = tmp_path / "moved.toml"
    text = FIXTURE.read_text(encoding="utf-8")
    old = 'case_source = "bundled:t2d-aarsstatus"'
    assert old in text
    session.write_text(text.replace(old, f'case_source = "{tmp_path / "gone.toml"}"'), "utf-8")
    code, out, err = run_here(capsys, monkeypatch, session, "--format", "markdown")
    assert (code, out) == (2, "")
    assert err.rstrip().endswith("if the case file has moved, name it with --case FILE")
    code, out, err = run_here(
        capsys, monkeypatch, session, "--format", "markdown", "--case", case_file
    )
    assert (code, err) == (0, "") and out.startswith("# ")
