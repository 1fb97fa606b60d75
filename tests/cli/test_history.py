"""`caseroom history SESSION`: the chain of meetings from a follow-up back to the first.

Found by the path `[continues]` records, else by case id + start in the same folder and the
sessions folder; a link not found ends the chain in one line (exit 0); a file that is not a
session is one line and exit 2, never a traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tomli_w

from caseroom.cli import main
from caseroom.store.session_file import read_document
from tests.conftest import RunCaseroom

DATA = Path(__file__).resolve().parents[1] / "data"
EARLIER = DATA / "sessions" / "earlier-6-proposals.toml"
FOLLOWUP = DATA / "sessions" / "followup.toml"
REPORT = DATA / "report"

FOLLOWUP_LINE = (
    "2027-01-11 12:00  Opfølgning på handleplanen  {path}  – "
    "2 gennemført, 2 i gang, 1 ændret, 1 droppet, 1 nyt forslag"
)
EARLIER_TITLE = "Case-møde: Årsstatus for type 2-diabetes ved praksispersonalet"
EARLIER_LINE = f"2026-11-02 12:00  {EARLIER_TITLE}  {{path}}  – 6 forslag, 3 aftalt"


@pytest.fixture(autouse=True)
def _own_sessions_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sessions folder (`paths.sessions_dir`) is tmp_path/home/sessions, empty."""
    monkeypatch.setenv("CASEROOM_HOME", str(tmp_path / "home"))
    return tmp_path / "home" / "sessions"


def history(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, list[str], str]:
    code = main(["history", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def copy(source: Path, target: Path, **continues: str) -> Path:
    """`source` copied to `target`, its [continues] changed as given."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not continues:
        shutil.copyfile(source, target)
        return target
    doc = read_document(source)
    doc["continues"] |= continues
    target.write_bytes(tomli_w.dumps(doc, multiline_strings=True).encode("utf-8"))
    return target


def test_the_chain_newest_first_found_in_the_same_folder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # followup.toml records the earlier file's path on the clinic's machine, which is not here
    code, lines, err = history(capsys, FOLLOWUP)
    assert (code, err) == (0, "")
    assert lines == [
        FOLLOWUP_LINE.format(path=FOLLOWUP),
        EARLIER_LINE.format(path=EARLIER),
    ]


def test_a_chain_of_three_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = history(capsys, REPORT / "followup-6m.toml", "--lang", "en")
    assert code == 0
    assert [line.split("  ", 1)[0] for line in lines] == [
        "2027-05-25 12:00",
        "2027-01-19 12:00",
        "2026-11-24 12:00",
    ]
    assert lines[0].endswith("– 1 done, 1 in progress, 1 changed, 1 dropped")
    assert lines[1].endswith("– 1 done, 1 in progress, 1 not reviewed, 1 new proposal")
    assert lines[2].endswith(f"{REPORT / 'nord-case.toml'}  – 3 proposals, 2 agreed")


def test_found_by_its_recorded_path_in_another_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = copy(EARLIER, tmp_path / "archive" / "old-name.toml")
    later = copy(FOLLOWUP, tmp_path / "now" / "followup.toml", path=str(earlier))
    code, lines, _ = history(capsys, later)
    assert code == 0
    assert lines == [FOLLOWUP_LINE.format(path=later), EARLIER_LINE.format(path=earlier)]


def test_found_by_case_and_start_in_the_sessions_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], _own_sessions_folder: Path
) -> None:
    earlier = copy(EARLIER, _own_sessions_folder / "2026-11-02_1200-t2d-aarsstatus.toml")
    later = copy(FOLLOWUP, tmp_path / "usb" / "followup.toml")
    code, lines, _ = history(capsys, later)
    assert code == 0
    assert lines[1] == EARLIER_LINE.format(path=earlier)


def test_a_link_not_found_ends_the_chain_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    later = copy(FOLLOWUP, tmp_path / "alone" / "followup.toml")
    code, lines, err = history(capsys, later)
    assert (code, err) == (0, "")
    assert lines == [
        FOLLOWUP_LINE.format(path=later),
        f"2026-11-02 12:00  {EARLIER_TITLE}  earlier-6-proposals.toml  – ikke fundet "
        "(hverken på sin sti, i samme mappe eller i sessionsmappen); kæden stopper her",
    ]


def test_the_file_at_its_path_being_another_meeting_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = copy(REPORT / "nord-case.toml", tmp_path / "archive" / "earlier.toml")
    later = copy(FOLLOWUP, tmp_path / "now" / "followup.toml", path=str(other))
    code, lines, _ = history(capsys, later, "--lang", "en")
    assert code == 0
    assert len(lines) == 2
    assert lines[1].endswith(
        "earlier.toml  – not found (the file at its path is another meeting); the chain stops here"
    )


def test_a_broken_file_at_its_path_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "archive" / "earlier.toml"
    broken.parent.mkdir()
    broken.write_bytes(EARLIER.read_bytes()[:200])
    later = copy(FOLLOWUP, tmp_path / "now" / "followup.toml", path=str(broken))
    code, lines, _ = history(capsys, later, "--lang", "en")
    assert code == 0
    assert lines[1].endswith(
        "– not found (the file at its path cannot be read as a session); the chain stops here"
    )


def test_files_that_name_each_other_stop_once_round(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a follow-up copied and changed to continue itself: its own case id and start
    doc = read_document(FOLLOWUP)
    doc["continues"] |= {"case_id": doc["case_id"], "started_at": doc["started_at"]}
    looped = tmp_path / "looped.toml"
    looped.write_bytes(tomli_w.dumps(doc).encode("utf-8"))
    code, lines, _ = history(capsys, looped, "--lang", "en")
    assert code == 0
    assert len(lines) == 2
    assert lines[1].endswith("– not found (the chain goes round in a loop); the chain stops here")


def test_a_meeting_that_continues_nothing_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = history(capsys, EARLIER)
    assert code == 0
    assert lines == [EARLIER_LINE.format(path=EARLIER)]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("not-a-session.toml", "not a caseroom session file"),
        ("broken.toml", "not a valid session file"),
        ("missing.toml", "no such session file"),
    ],
)
def test_a_file_that_is_not_a_session_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], name: str, why: str
) -> None:
    code, lines, err = history(capsys, REPORT / name)
    assert (code, lines) == (2, [])
    assert len(err.splitlines()) == 1
    assert why in err


def test_history_runs_as_a_command(run_caseroom: RunCaseroom) -> None:
    result = run_caseroom("history", REPORT / "broken.toml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
