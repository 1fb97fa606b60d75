"""`caseroom run CASE --from SESSION [--empty]`: every refusal is one line, exit 2, nothing
written (the earlier file least of all); a crashed earlier session is a warning, then on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from caseroom.cli import main
from tests.conftest import ROOT, RunCaseroom, subprocess_env
from tests.store.followup_fixture import EARLIER

CASES = ROOT / "tests" / "data" / "cases"
NO_TERMINAL = "needs a terminal"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CASEROOM_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def earlier(tmp_path: Path) -> Path:
    path = tmp_path / "earlier.toml"
    path.write_bytes(EARLIER.read_bytes())
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, list[str]]:
    code = main(["run", *map(str, args)])
    return code, capsys.readouterr().err.splitlines()


def _nothing_written(home: Path, tmp_path: Path, before: set[Path]) -> None:
    assert not home.exists() or not any(p.suffix == ".toml" for p in home.rglob("*"))
    assert set(tmp_path.rglob("*")) == before


def _refused(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, *args: str | Path
) -> str:
    before = set(tmp_path.rglob("*"))
    code, lines = _run(capsys, *args, "--people", "A:læge", "--session", tmp_path / "new.toml")
    assert code == 2
    assert len(lines) == 1, lines
    _nothing_written(home, tmp_path, before)
    return lines[0]


def test_a_follow_up_agenda_without_from_names_from(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    line = _refused(capsys, home, tmp_path, "opfoelgning")
    assert "opfoelgning" in line and "--from SESSION" in line and "--empty" in line


def test_empty_without_from_holds_the_status_segment_as_one_step(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, lines = _run(capsys, "opfoelgning", "--empty", "--people", "A:læge")
    assert code == 2 and NO_TERMINAL in lines[-1]  # past every check: only the terminal lacks


def test_empty_with_an_agenda_without_a_status_segment_is_refused(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    line = _refused(capsys, home, tmp_path, "klyngemoede", "--empty")
    assert "--empty" in line and "status" in line


def test_from_with_an_agenda_without_a_status_segment_is_refused(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, earlier: Path
) -> None:
    line = _refused(capsys, home, tmp_path, "klyngemoede", "--from", earlier)
    assert "klyngemoede" in line and "kind 'status'" in line


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (None, "no such session file"),
        (b"hello = 1\n", "not a caseroom session file (no format key)"),
        (b"\x00\xff\xfe", "not UTF-8"),
        (b'format = 2\ncase_id = "x\n', "broken or truncated TOML"),
        ((CASES / "valid.toml").read_bytes(), "no case_id"),  # a case file
    ],
    ids=["missing", "other-toml", "binary", "broken", "case-file"],
)
def test_from_something_that_is_not_a_session_names_the_file_and_why(
    capsys: pytest.CaptureFixture[str],
    home: Path,
    tmp_path: Path,
    content: bytes | None,
    why: str,
) -> None:
    path = tmp_path / "other.toml"
    if content is not None:
        path.write_bytes(content)
    line = _refused(capsys, home, tmp_path, "opfoelgning", "--from", path)
    assert str(path) in line and why in line


def test_from_a_session_with_failing_figures_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, earlier: Path
) -> None:
    text = earlier.read_text(encoding="utf-8")
    earlier.write_text(text.replace('status = "finished"', 'status = "lost"', 1), "utf-8")
    line = _refused(capsys, home, tmp_path, "opfoelgning", "--from", earlier)
    assert str(earlier) in line and "status" in line


def test_from_a_session_without_proposals_is_refused_unless_empty(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    lines = EARLIER.read_text(encoding="utf-8").split("\n[[")
    kept = [lines[0], *(block for block in lines[1:] if not block.startswith("proposal]]"))]
    bare = tmp_path / "bare.toml"
    bare.write_text("\n[[".join(kept), encoding="utf-8")
    line = _refused(capsys, home, tmp_path, "opfoelgning", "--from", bare)
    assert "no proposals" in line and "--empty" in line
    code, out = _run(capsys, "opfoelgning", "--from", bare, "--empty", "--people", "A:læge")
    assert code == 2 and NO_TERMINAL in out[-1]


def test_from_a_session_open_in_another_caseroom_is_refused(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, earlier: Path
) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from caseroom.store.lock import SessionLock; "
            "SessionLock(Path(sys.argv[1])).acquire(); print('held', flush=True); sys.stdin.read()",
            str(earlier),
        ],
        cwd=ROOT,
        env=subprocess_env(home),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        before = set(tmp_path.rglob("*"))
        code, lines = _run(
            capsys, "opfoelgning", "--from", earlier, "--people", "A:læge", "--session",
            tmp_path / "new.toml",
        )  # fmt: skip
        assert code == 2 and len(lines) == 1
        assert str(earlier) in lines[0] and "open in another caseroom" in lines[0]
        assert set(tmp_path.rglob("*")) == before
    finally:
        holder.communicate("", timeout=10)


def test_a_crashed_earlier_session_is_one_warning_then_the_meeting_goes_on(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, earlier: Path
) -> None:
    text = earlier.read_text(encoding="utf-8")
    earlier.write_text(text.replace('status = "finished"', 'status = "running"', 1), "utf-8")
    stat = earlier.stat()
    code, lines = _run(capsys, "opfoelgning", "--from", earlier, "--people", "A:læge")
    assert code == 2
    assert len(lines) == 2
    assert "warning" in lines[0] and "never finished" in lines[0] and str(earlier) in lines[0]
    assert NO_TERMINAL in lines[1]  # it went on: only the missing terminal stops it here
    assert earlier.stat().st_mtime_ns == stat.st_mtime_ns


def test_the_refusals_are_one_line_for_a_user_too(run_caseroom: RunCaseroom) -> None:
    result = run_caseroom("run", "praesentation", "--people", "A:læge")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--from" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_rehearsal_taken_up_is_one_warning_then_the_meeting_goes_on(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, earlier: Path
) -> None:
    """A follow-up of a sped-up rehearsal is allowed (rehearsing the follow-up too), but said:
    a report leaves rehearsals out, and with them the link to it."""
    text = earlier.read_text(encoding="utf-8")
    rehearsal = (
        "[clock]\nspeed = 10.0\n\n[[clock.change]]\nreal = 2026-11-02T12:00:00+01:00\n"
        "virtual = 2026-11-02T12:00:00+01:00\nspeed = 10.0\n\n"
    )
    earlier.write_text(text.replace("[roles]\n", rehearsal + "[roles]\n", 1), "utf-8")
    code, lines = _run(capsys, "opfoelgning", "--from", earlier, "--people", "A:læge")
    assert code == 2 and len(lines) == 2, lines
    assert "warning: a rehearsal" in lines[0] and str(earlier) in lines[0]
    assert NO_TERMINAL in lines[1]


def test_more_proposals_than_minutes_is_one_warning_saying_how_many_more(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, earlier: Path
) -> None:
    case = tmp_path / "kort.toml"
    text = (ROOT / "cases" / "opfoelgning.toml").read_text(encoding="utf-8")
    text = text.replace('id = "opfoelgning"', 'id = "kort"', 1)
    status = 'kind = "status"'
    case.write_text(text.replace(f"minutes = 15\n{status}", f"minutes = 4\n{status}"))
    code, lines = _run(capsys, case, "--from", earlier, "--people", "A:læge")
    assert code == 2 and len(lines) == 2, lines
    assert (
        f"{earlier}: warning: 6 proposals in the 4 minutes of 'Status på forslagene': "
        "1 minute each, 2 more than planned"
    ) in lines[0]
