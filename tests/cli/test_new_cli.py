"""`caseroom new ID [--lang da|en] [--like CASE] [-o FILE]`: a commented case file to start
from, in the chosen language, that `caseroom check` passes with no warnings; a copy of a case
under a new id; and one line with exit 2 for everything it refuses, with nothing written."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any, get_args

import pytest

from caseroom.cli import main
from caseroom.domain.case import SegmentKind, check_case, load_case
from caseroom.store.cases import bundled_paths

ROOT = Path(__file__).resolve().parents[2]
KINDS = set(get_args(SegmentKind)) - {"status"}  # status: the follow-up meeting's, not here


def new(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str | Path
) -> tuple[int, str, str]:
    """`caseroom new …` in this process, in the test's folder (the current folder)."""
    monkeypatch.setenv("CASEROOM_HOME", str(Path.cwd() / "home"))
    try:
        code = main(["new", *map(str, args)])
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def parsed(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def comments(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line.partition("#")[2] for line in lines if "#" in line)


@pytest.mark.parametrize(
    ("lang", "options", "words"),
    [
        ("da", [], ("små bogstaver", "mødelederen", "faggrupperne", "handleplan")),
        ("da", ["--lang", "da"], ("små bogstaver", "mødelederen", "faggrupperne", "handleplan")),
        ("en", ["--lang", "en"], ("lowercase letters", "the leader", "professions", "action plan")),
    ],
)
def test_a_new_case_is_commented_in_its_language_and_checks_clean(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    here: Path,
    lang: str,
    options: list[str],
    words: tuple[str, ...],
) -> None:
    code, out, err = new(capsys, monkeypatch, "diabetes-2", *options)
    written = here / "diabetes-2.toml"
    assert (code, err) == (0, "")
    case, warnings = load_case(written)
    assert warnings == [] and check_case(written).problems == []
    assert (case.id, case.format, case.language) == ("diabetes-2", 2, lang)
    assert all(word in comments(written) for word in words)
    assert stat.S_IMODE(written.stat().st_mode) == 0o644  # no notes: shared like a document
    assert sorted(p.name for p in here.iterdir() if p.name != "home") == ["diabetes-2.toml"]
    assert out.splitlines()[-2:] == [
        "  caseroom check diabetes-2.toml",
        "  caseroom run diabetes-2.toml",
    ]
    assert out.splitlines()[0] == {"da": "Ny case-fil:", "en": "New case file:"}[lang] + (
        " diabetes-2.toml"
    )


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_new_case_has_every_part_a_case_author_needs(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, here: Path, lang: str
) -> None:
    assert new(capsys, monkeypatch, "ny", "--lang", lang)[0] == 0
    doc = parsed(here / "ny.toml")
    assert {s["kind"] for s in doc["segment"]} == KINDS
    assert "status" in comments(here / "ny.toml")  # told of, not used
    assert {"people", "closing", "action_plan", "opsamling", "section"} <= doc.keys()
    assert doc["opsamling"]["areas"] and doc["people"]["professions"]
    [question] = doc["question"]
    assert question["plot"].strip() and question["factboxes"] == [doc["factbox"][0]["id"]]
    assert question["section"] == doc["section"][0]["id"]
    case_segment = next(s for s in doc["segment"] if s["kind"] == "case")
    assert question["minutes"] == case_segment["minutes"]
    assert sum(s["minutes"] for s in doc["segment"]) == 150  # a 2½-hour case meeting
    replace = {"da": "her", "en": "here"}[lang]  # "Skriv … her" / "Write … here"
    assert replace in doc["title"].casefold() and replace in question["text"]


def test_output_goes_to_the_file_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, here: Path
) -> None:
    (here / "cases").mkdir()
    code, out, _ = new(capsys, monkeypatch, "min-case", "-o", "cases/mit møde.toml")
    assert code == 0 and load_case(here / "cases" / "mit møde.toml")[0].id == "min-case"
    assert "  caseroom run 'cases/mit møde.toml'" in out.splitlines()
    assert not (here / "min-case.toml").exists()


@pytest.mark.parametrize("like", sorted(bundled_paths()))
def test_like_copies_a_bundled_case_byte_for_byte_but_its_id(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, here: Path, like: str
) -> None:
    code, _, err = new(capsys, monkeypatch, "vores-kopi", "--like", like)
    assert (code, err) == (0, "")
    source = bundled_paths()[like].read_bytes().splitlines(keepends=True)
    copy = (here / "vores-kopi.toml").read_bytes().splitlines(keepends=True)
    changed = [(a, b) for a, b in zip(source, copy, strict=True) if a != b]
    assert changed == [(f'id = "{like}"\n'.encode(), b'id = "vores-kopi"\n')]
    result = check_case(here / "vores-kopi.toml")
    assert result.case is not None and result.case.id == "vores-kopi"
    assert result.warnings == check_case(bundled_paths()[like]).warnings  # none of its own


def test_like_copies_a_file_keeping_its_bom_line_ends_and_the_id_lines_comment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, here: Path
) -> None:
    text = bundled_paths()["retrospektiv"].read_text(encoding="utf-8")
    text = text.replace('id = "retrospektiv"', 'id   =  "retrospektiv"     # ours')
    source = here / "egen.toml"
    source.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert new(capsys, monkeypatch, "retro-2", "--like", source)[0] == 0
    copy = (here / "retro-2.toml").read_bytes()
    assert copy == source.read_bytes().replace(
        b'id   =  "retrospektiv"     # ours', b'id   =  "retro-2"          # ours'
    )
    expected = load_case(source)[0].model_copy(update={"id": "retro-2"})
    assert load_case(here / "retro-2.toml") == (expected, [])


def test_a_new_case_copied_again_is_the_same_file_with_the_new_id(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, here: Path
) -> None:
    assert new(capsys, monkeypatch, "a", "--lang", "en")[0] == 0
    assert new(capsys, monkeypatch, "b", "--like", "a.toml")[0] == 0
    assert (here / "b.toml").read_bytes() == (here / "a.toml").read_bytes().replace(
        b'id = "a"                        #', b'id = "b"                        #'
    )


def refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str | Path
) -> str:
    """The one line `caseroom new` refuses with (exit 2, nothing on stdout)."""
    code, out, err = new(capsys, monkeypatch, *args)
    assert (code, out) == (2, "")
    assert err.endswith("\n") and err.count("\n") == 1 and "Traceback" not in err
    return err.strip()


@pytest.mark.parametrize("case_id", ["Ny", "ny case", "æble", "x_y", "-", "-x-", "a.toml", ""])
def test_an_id_that_is_not_a_case_id_is_refused_naming_the_rule(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, here: Path, case_id: str
) -> None:
    line = refused(capsys, monkeypatch, "--", case_id)
    assert line == (
        f"caseroom: {case_id!r}: not a case id: use lowercase letters, digits and dashes, "
        "starting with a letter or digit (such as diabetes-2)"
    )
    assert [p.name for p in here.iterdir()] == []


def test_an_existing_file_is_never_overwritten(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, here: Path
) -> None:
    (here / "ny.toml").write_bytes(b"precious")
    (here / "other.toml").write_bytes(b"also precious")
    assert refused(capsys, monkeypatch, "ny") == (
        "caseroom: ny.toml: exists already; caseroom new never overwrites a file: "
        "choose another ID or -o FILE"
    )
    assert refused(capsys, monkeypatch, "x", "--like", "klyngemoede", "-o", "other.toml")
    (here / "link.toml").symlink_to(here / "nowhere.toml")  # a dangling link is taken too
    assert refused(capsys, monkeypatch, "y", "-o", "link.toml").startswith("caseroom: link.toml:")
    assert (here / "ny.toml").read_bytes() == b"precious"
    assert (here / "other.toml").read_bytes() == b"also precious"
    assert sorted(p.name for p in here.iterdir()) == ["link.toml", "ny.toml", "other.toml"]


def test_the_other_refusals_are_one_line_each_and_write_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, here: Path
) -> None:
    assert refused(capsys, monkeypatch, "x", "--like", "nope") == (
        "nope: no such file, and not a bundled case id (see `caseroom cases`)"
    )
    assert refused(capsys, monkeypatch, "x", "--like", "t2d-aarsstatus", "--lang", "en") == (
        "caseroom: --lang en: the copy keeps the language of t2d-aarsstatus (da); leave out "
        "--lang, or start from a case in that language"
    )
    assert refused(capsys, monkeypatch, "klyngemoede") == (
        "caseroom: klyngemoede: a bundled case has this id; choose another (see `caseroom cases`)"
    )
    assert refused(capsys, monkeypatch, "x", "-o", "no/such/x.toml") == (
        "caseroom: no/such/x.toml: no folder no/such; create it first"
    )
    assert refused(capsys, monkeypatch, "x", "--lang", "de").startswith("caseroom new: error:")
    assert [p.name for p in here.iterdir()] == []


def test_like_a_broken_case_lists_its_problems_as_check_does(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, here: Path
) -> None:
    (here / "broken.toml").write_text('format = 2\nid = "b"\n', encoding="utf-8")
    code, out, err = new(capsys, monkeypatch, "x", "--like", "broken.toml")
    assert (code, out) == (2, "")
    assert err.splitlines() == check_case(Path("broken.toml")).problems
    assert [p.name for p in here.iterdir()] == ["broken.toml"]


def test_the_command_line_writes_the_file_in_the_current_folder(here: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CASEROOM_HOME": str(here / "home"),
        "PYTHONIOENCODING": "utf-8",
    }
    result = subprocess.run(
        [sys.executable, "-m", "caseroom", "new", "t2d-egen", "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        cwd=here,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[1:] == [
        "Replace the example text with your own, then check and run it with:",
        "  caseroom check t2d-egen.toml",
        "  caseroom run t2d-egen.toml",
    ]
    checked = subprocess.run(
        [sys.executable, "-m", "caseroom", "check", "t2d-egen.toml"],
        capture_output=True,
        text=True,
        env=env,
        cwd=here,
        timeout=60,
    )
    assert checked.returncode == 0
    assert checked.stdout == "t2d-egen.toml: OK (t2d-egen, 8 segments, 1 question, 150 min)\n"
