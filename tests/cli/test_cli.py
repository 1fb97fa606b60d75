"""The command line as a user meets it: a child process, one-line errors, exit codes.

Every bad option here is refused before any UI starts, so none of these runs needs a terminal.
CASEROOM_HOME points into tmp_path, and no session file may appear there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from caseroom import __version__
from caseroom.domain.case import load_case
from caseroom.store.cases import DEFAULT_CASE_ID, bundled_paths

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "data" / "cases"
CORRUPT = b'format = 1\ncase_id = "t2d-aarsstatus\n'
SESSION = ROOT / "tests" / "data" / "sessions" / "export-meeting.toml"

# Every child of this module, started all at once (they only differ in argv): `{tmp}` is the
# module's temporary folder, where taken.toml and broken.toml are made beforehand.
CALLS: dict[str, list[str]] = {
    "version": ["--version"],
    "help": ["--help"],
    "cases": ["cases"],
    "check-bundled": ["check", *map(str, bundled_paths().values())],
    "unknown-option": ["--bogus"],
    "speed-0": ["run", "--speed", "0"],
    "speed-negative": ["run", "--speed", "-1"],
    "speed-1e9": ["run", "--speed", "1e9"],
    "lang-xx": ["run", "--lang", "xx"],
    "people-duplicate": ["run", "--people", "A:læge,A:læge"],
    "people-empty": ["run", "--people", ""],
    "people-31": ["run", "--people", ",".join(f"P{i}:læge" for i in range(31))],
    "broken-case": ["run", str(CASES / "minutes_text.toml")],
    "session-taken": ["run", "--session", "{tmp}/taken.toml", "--people", "A:læge"],
    "session-no-folder": ["run", "--session", "{tmp}/nowhere/deeper/s.toml", "--people", "A:x"],
    "people-semicolons": ["run", "--people", "A:læge;B:sekretær"],
    "people-unknown-role": ["run", "--people", "A:læge:chef"],
    "people-two-leaders": ["run", "--people", "A:læge:mødeleder,B:læge:Leader"],
    "people-role-nobody": ["run", "--people", "A:læge,:læge:referent"],
    "people-clinic-empty": ["run", "--people", "A:læge@:leader"],
    "people-clinic-two-ats": ["run", "--people", "A:læge@X@Y"],
    "people-roles-fine": ["run", "--people", "A:læge@X:mødeleder,B:sekretær:note-taker"],
    "resume-corrupt": ["resume", "{tmp}/broken.toml"],
    "no-terminal": ["run", "--people", "A:læge"],  # input and output are pipes here
    "start-25": ["run", "--start", "25:00", "--people", "A:læge"],
    "start-word": ["run", "--start", "noon", "--people", "A:læge"],
    "run-session": ["run", "{tmp}/my meeting.toml"],
    "session-as-case": ["{tmp}/my meeting.toml", "--lang", "en"],
}


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    (folder / "taken.toml").write_bytes(b"precious")
    (folder / "broken.toml").write_bytes(CORRUPT)
    (folder / "my meeting.toml").write_bytes(SESSION.read_bytes())
    return folder


@pytest.fixture(scope="module")
def results(tmp: Path) -> dict[str, subprocess.CompletedProcess[str]]:
    """Run every call in CALLS as `python -m caseroom ...`, concurrently; id -> result."""
    path = os.environ.get("PYTHONPATH", "")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT) + (os.pathsep + path if path else ""),
        "CASEROOM_HOME": str(tmp / "home"),
        "PYTHONIOENCODING": "utf-8",
    }
    children = {
        name: (
            args := [
                sys.executable,
                "-m",
                "caseroom",
                *(a.replace("{tmp}", str(tmp)) for a in argv),
            ],
            subprocess.Popen(
                args,
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            ),
        )
        for name, argv in CALLS.items()
    }
    done = {}
    for name, (args, child) in children.items():
        out, err = child.communicate(timeout=60)
        done[name] = subprocess.CompletedProcess(args, child.returncode, out, err)
    return done


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    """Exit 2, nothing on stdout, exactly one line on stderr, no traceback; that line."""
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


Results = dict[str, subprocess.CompletedProcess[str]]


def test_version(results: Results) -> None:
    done = results["version"]
    assert (done.returncode, done.stdout, done.stderr) == (0, f"caseroom {__version__}\n", "")


def test_help_names_every_command(results: Results) -> None:
    done = results["help"]
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("usage: caseroom")
    for command in ("run", "resume", "check", "cases"):
        assert f"    {command} " in done.stdout, command


def test_the_bundled_cases_are_there() -> None:
    bundled = bundled_paths()
    assert DEFAULT_CASE_ID in bundled
    assert all(path.is_file() for path in bundled.values())


def test_cases_lists_every_bundled_case(results: Results) -> None:
    done = results["cases"]
    assert done.returncode == 0 and done.stderr == ""
    rows = done.stdout.splitlines()
    bundled = bundled_paths()
    assert len(rows) == len(bundled)
    for (case_id, path), row in zip(sorted(bundled.items()), rows, strict=True):
        case, _ = load_case(path)
        words = row.split()
        assert words[:4] == [case_id, case.language, str(case.total_minutes), "min"], row
        assert case.title in row
        assert row.endswith("(default)") is (case_id == DEFAULT_CASE_ID)
    default = next(r for r in rows if r.startswith(DEFAULT_CASE_ID + " "))
    assert "  da  " in default and " 150 min " in default


def test_every_bundled_case_checks_clean(results: Results) -> None:
    paths = list(bundled_paths().values())
    assert paths, "no bundled case files"
    done = results["check-bundled"]
    assert done.returncode == 0, done.stdout
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert len(lines) == len(paths)  # an OK line each, and no warnings
    for path, line in zip(paths, lines, strict=True):
        assert line.startswith(f"{path}: OK ("), line


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("unknown-option", "unrecognized arguments: --bogus"),
        ("speed-0", "argument --speed: must be above 0 and at most 3600"),
        ("speed-negative", "argument --speed: must be above 0 and at most 3600"),
        ("speed-1e9", "argument --speed: must be above 0 and at most 3600"),
        ("lang-xx", "invalid choice: 'xx'"),
        ("people-duplicate", "--people: entry 2: 'A' is already on the list"),
        ("people-empty", "--people: the list is empty"),
        ("people-31", "--people: entry 31: at most 30 participants"),
        ("people-semicolons", "--people: entry 1 'A:læge;B:sekretær': separate people with ','"),
        (
            "people-unknown-role",
            "--people: entry 1 'A:læge:chef': unknown role 'chef'; use mødeleder/leader, "
            "tidsholder/timekeeper, referent/note-taker",
        ),
        (
            "people-two-leaders",
            "--people: entry 2 'B:læge:Leader': the role leader is already given in entry 1",
        ),
        ("people-role-nobody", "--people: entry 2 ':læge:referent': a role for someone without"),
        ("people-clinic-empty", "--people: entry 1 'A:læge@:leader': the clinic after one '@'"),
        ("people-clinic-two-ats", "--people: entry 1 'A:læge@X@Y': the clinic after one '@'"),
        ("start-25", "argument --start: expected a time of day HH:MM, got '25:00'"),
        ("start-word", "argument --start: expected a time of day HH:MM, got 'noon'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    results: Results, tmp: Path, name: str, expected: str
) -> None:
    line = one_line_error(results[name])
    assert expected in line, line
    home = tmp / "home"
    assert not home.exists() or not any(p.is_file() for p in home.rglob("*"))  # nothing saved


def test_without_a_terminal_run_says_so_instead_of_spinning(results: Results, tmp: Path) -> None:
    line = one_line_error(results["no-terminal"])
    assert line == (
        "caseroom: needs a terminal: run it in a terminal window, "
        "without redirecting its input or output"
    )
    assert not list((tmp / "home").rglob("*.toml"))  # no session was started


def test_a_broken_case_file_stops_run_before_the_ui(results: Results) -> None:
    line = one_line_error(results["broken-case"])
    case = CASES / "minutes_text.toml"
    assert line == f"{case}:9: segment[1].minutes: must be a whole number, got text 'ten'"


def test_run_refuses_to_overwrite_an_existing_session(results: Results, tmp: Path) -> None:
    line = one_line_error(results["session-taken"])
    assert "taken.toml: exists already" in line and "caseroom resume" in line
    assert (tmp / "taken.toml").read_bytes() == b"precious"


def test_people_with_clinics_and_roles_pass_to_the_terminal_check(results: Results) -> None:
    """A valid list with clinics and roles gets past the parsing (then needs a terminal)."""
    assert one_line_error(results["people-roles-fine"]).startswith("caseroom: needs a terminal")


def test_the_people_help_names_the_grammar_and_the_roles(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from caseroom.cli import main

    with pytest.raises(SystemExit):
        main(["run", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "NAME:PROFESSION[@CLINIC][:ROLE]" in shown
    assert "mødeleder/leader, tidsholder/timekeeper, referent/note-taker" in shown


def test_a_people_error_is_caseroom_speaking_like_every_other_error(results: Results) -> None:
    assert one_line_error(results["people-duplicate"]).startswith("caseroom: --people: entry 2")


def test_run_makes_no_folders_for_a_session_in_a_folder_that_is_not_there(
    results: Results, tmp: Path
) -> None:
    line = one_line_error(results["session-no-folder"])
    where = tmp / "nowhere" / "deeper"
    assert line == f"caseroom: {where / 's.toml'}: no folder {where}; create it first"
    assert not (tmp / "nowhere").exists()


def test_resume_of_a_corrupt_session_leaves_it_alone(results: Results, tmp: Path) -> None:
    line = one_line_error(results["resume-corrupt"])
    assert line.startswith(f"{tmp / 'broken.toml'}:") and "not a valid session file" in line
    assert (tmp / "broken.toml").read_bytes() == CORRUPT


@pytest.mark.parametrize("name", ["run-session", "session-as-case"])
def test_a_session_file_given_as_the_case_points_to_resume(
    results: Results, tmp: Path, name: str
) -> None:
    line = one_line_error(results[name])
    session = tmp / "my meeting.toml"
    assert line == (
        f"caseroom: {session}: this is a session file, not a case; continue it with "
        f"`caseroom resume '{session}'`"
    )
    assert (tmp / "my meeting.toml").read_bytes() == SESSION.read_bytes()
