"""`caseroom report`: golden Markdown and CSV over the fixture sessions of tests/data/report/
(two clinics' meetings, a cluster meeting of two clinics, a follow-up and its own follow-up
held with the bundled follow-up agenda (contract §3 of issue #20), a rehearsal, a broken file,
a case file, and an older session without segment kinds), privacy by default, what is skipped,
exit codes and modes.

Regenerate the golden files with CASEROOM_REGEN=1 (see tests/store/report_fixture.py for how
the sessions were made).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from caseroom.cli import main
from caseroom.store.cases import open_case
from caseroom.store.export.report import (
    CaseKinds,
    build_report,
    follow_up_statuses,
    read_facts,
    read_sessions,
    to_csv,
)
from caseroom.store.session_file import load
from caseroom.ui.report_chart import print_chart, print_report

DATA = Path(__file__).resolve().parents[1] / "data"
SESSIONS = DATA / "report"
GOLDEN = DATA / "exports" / "report"
REGEN = os.environ.get("CASEROOM_REGEN") == "1"
CSV_FILES = (
    "equity_by_meeting.csv",
    "overrun_by_meeting.csv",
    "proposals_by_area.csv",
    "segments_by_kind.csv",
    "talk_by_profession.csv",
)


def report(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, list[str]]:
    code = main(["report", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert data == path.read_bytes(), name


def fixture_docs() -> list[dict[str, Any]]:
    docs = []
    for path in sorted(SESSIONS.glob("*.toml")):
        try:
            doc = tomllib.loads(path.read_text("utf-8"))
        except tomllib.TOMLDecodeError:
            continue
        if "case_id" in doc:
            docs.append(doc)
    return docs


def people_names() -> set[str]:
    names = set()
    for doc in fixture_docs():
        names |= {p["name"] for p in doc.get("participant", [])}
        names |= {v for v in doc.get("roles", {}).values() if v}
        for note in (*doc.get("proposal", []), *doc.get("item", [])):
            names |= {note[k] for k in ("responsible", "proposed_by") if note.get(k)}
    assert len(names) >= 15
    return names


def free_texts() -> set[str]:
    texts = set()
    for doc in fixture_docs():
        for table in ("proposal", "learning_point", "item"):
            texts |= {n["text"] for n in doc.get(table, [])}
        texts |= {n["learned"] for n in doc.get("item", []) if n.get("learned")}
    assert len(texts) >= 10
    return texts


def test_golden_markdown_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = report(capsys, SESSIONS)
    assert code == 0
    golden("report-da.md", out.encode())
    assert "| status | 2 | 15,0 | 16,1 | +1,1 | +3,0 | 18,0 |" in out
    assert "| 2026-10-06 | t2d-annual-review | Bay Surgery |" in out  # the older session


def test_golden_markdown_report_in_english_with_names_and_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = report(capsys, SESSIONS, "--lang", "en", "--names", "--text")
    assert code == 0
    golden("report-en-names-text.md", out.encode())
    assert "## Speaking time per person" in out and "## Learning points" in out


@pytest.mark.parametrize("name", CSV_FILES)
def test_golden_csv_report(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> None:
    folder = tmp_path / "tables"
    code, out, _ = report(capsys, SESSIONS, "--format", "csv", "-o", folder)
    assert (code, out) == (0, "")
    assert sorted(p.name for p in folder.iterdir()) == list(CSV_FILES)
    golden(name, (folder / name).read_bytes())


def test_csv_folder_is_created_private_and_its_files_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old = os.umask(0o000)  # a umask that would let anyone read
    try:
        folder = tmp_path / "new" / "tables"
        code, _, _ = report(capsys, SESSIONS, "--format", "csv", "-o", folder, "--names")
        markdown = tmp_path / "report.md"
        code2, out, _ = report(capsys, SESSIONS, "-o", markdown)
    finally:
        os.umask(old)
    assert (code, code2, out) == (0, 0, "")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = list(folder.iterdir())
    assert len(files) == len(CSV_FILES) + 2  # + per person, + the proposals
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o600}
    assert stat.S_IMODE(markdown.stat().st_mode) == 0o600
    assert markdown.read_text("utf-8").startswith("# Rapport på tværs af møder\n")


def _everything(capsys: pytest.CaptureFixture[str], tmp_path: Path, *options: str) -> str:
    """The Markdown and every CSV file of a report over the fixtures, as one text."""
    _, out, _ = report(capsys, SESSIONS, *options)
    folder = tmp_path / ("csv" + "".join(options))
    report(capsys, SESSIONS, "--format", "csv", "-o", folder, *options)
    return out + "".join(p.read_text("utf-8") for p in sorted(folder.iterdir()))


def test_by_default_the_report_holds_no_names_and_no_free_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = _everything(capsys, tmp_path)
    for name in people_names():
        assert name not in text
        assert name.split()[0] not in text  # not even a first name
    for wording in free_texts():
        assert wording.strip() not in text


def test_names_and_text_add_them(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    names = _everything(capsys, tmp_path, "--names")
    assert "| Anna Lund | læge |" in names and "Carla Nør" in names  # per person, responsible
    assert not any(wording.strip() in names for wording in free_texts())
    text = _everything(capsys, tmp_path, "--text")
    assert "Bookingtjekliste til årsstatus." in text  # a proposal
    assert "Kommentarfeltet når ikke frem til lægen." in text  # a learning point
    assert not any(name in text for name in people_names())


def test_rehearsals_are_left_out_unless_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = report(capsys, SESSIONS)
    assert code == 0 and "2026-11-20" not in out
    assert "caseroom: 1 rehearsal left out (--rehearsals includes them)" in err
    code, out, err = report(capsys, SESSIONS, "--rehearsals")
    assert code == 0 and "| 2026-11-20 | t2d-aarsstatus | Lægehuset Nord |" in out
    assert not any("rehearsal" in line for line in err)


def test_files_that_are_no_sessions_are_skipped_one_line_each(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "gone.toml"
    code, out, err = report(capsys, SESSIONS, missing)
    assert code == 0 and out.startswith("# Rapport")
    assert err == [
        f"{SESSIONS / 'broken.toml'}:138: not a valid session file (broken or truncated TOML) "
        "(skipped)",
        f"{SESSIONS / 'not-a-session.toml'}: not a caseroom session file (no case_id); it is a "
        "case file: run it with `caseroom run` (skipped)",
        f"{missing}: no such file or folder (skipped)",
        "caseroom: 1 rehearsal left out (--rehearsals includes them)",
    ]


def test_a_file_with_a_wrong_field_is_skipped_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    text = (SESSIONS / "klynge.toml").read_text("utf-8")
    bad.write_text(text.replace("planned_minutes = 10", 'planned_minutes = "ti"', 1), "utf-8")
    code, _, err = report(capsys, bad, SESSIONS / "nord-case.toml")
    assert code == 0
    assert err == [f"{bad}: segment[1].planned_minutes: must be a number (skipped)"]


def test_no_session_at_all_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = report(capsys, SESSIONS / "broken.toml", tmp_path)
    assert (code, out) == (2, "")
    assert err[-1] == "caseroom: no session file to report on among 2 inputs"
    code, out, err = report(capsys, SESSIONS / "rehearsal.toml")
    assert (code, out) == (2, "")


def test_csv_needs_a_folder_and_markdown_never_writes_a_session(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = report(capsys, SESSIONS, "--format", "csv")
    assert code == 2 and err == [
        "caseroom: report --format csv needs -o DIR: one file per table goes there"
    ]
    copy = tmp_path / "s.toml"
    shutil.copy(SESSIONS / "klynge.toml", copy)
    before = copy.read_bytes()
    code, _, err = report(capsys, copy, "-o", copy)
    assert code == 2 and "a report never writes one" in err[0]
    assert copy.read_bytes() == before


def test_the_command_exits_0_and_prints_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "caseroom", "report", str(SESSIONS), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CASEROOM_HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Report across meetings\n")
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 3


def test_an_older_session_takes_its_kinds_from_its_case_file(tmp_path: Path) -> None:
    older = read_facts(SESSIONS / "bay-older.toml", CaseKinds(), names=False, text=False)
    case = open_case("t2d-annual-review")[0]
    assert [s.kind for s in older.segments] == [s.kind for s in case.segments]
    lost = tmp_path / "lost.toml"  # its case cannot be found: the kinds are unknown
    text = (SESSIONS / "bay-older.toml").read_text("utf-8")
    text = text.replace('case_id = "t2d-annual-review"', 'case_id = "gone"')
    lost.write_text(re.sub(r'(?m)^case_source = ".*"\n', "", text), "utf-8")
    facts = read_facts(lost, CaseKinds(), names=False, text=False)
    assert {s.kind for s in facts.segments} == {"unknown"}


def test_proposals_without_ids_get_the_ids_a_load_gives_them(tmp_path: Path) -> None:
    from caseroom.domain.clock import FakeClock

    older = tmp_path / "no-ids.toml"
    text = (SESSIONS / "nord-case.toml").read_text("utf-8")
    older.write_text(re.sub(r'(?m)^id = "(p|lp)-\d+"\n|^\[note_ids\]\n(\w+ = \d+\n)*', "", text))
    assert "p-1" not in older.read_text("utf-8")
    facts = read_facts(older, CaseKinds(), names=False, text=False)
    loaded = load(older, FakeClock(), follow=True)
    assert [p.id for p in facts.proposals] == [p.id for p in loaded.proposals]


def test_the_latest_follow_up_in_a_chain_gives_the_status() -> None:
    def statuses(*names: str) -> dict[tuple[str, str], str]:
        sessions = read_sessions([SESSIONS / n for n in names]).sessions
        found = follow_up_statuses(sessions)
        return {(sessions[i].path.name, note): s for (i, note), s in found.items()}

    nord, f3d, f6m = "nord-case.toml", "followup-3d.toml", "followup-6m.toml"
    assert statuses(nord) == {}
    assert statuses(nord, f3d) == {(nord, "p-1"): "done", (nord, "p-2"): "in-progress"}
    assert statuses(nord, f3d, f6m) == {
        (nord, "p-1"): "done",
        (nord, "p-2"): "changed",  # in progress at 3d, changed at 6 months
        (nord, "p-3"): "dropped",  # no status at 3d, dropped at 6 months
        (f3d, "p-1"): "in-progress",  # the follow-up's own proposal
    }
    assert statuses(nord, f6m) == {}  # the chain is broken without the 3d meeting


def test_the_chart_draws_shares_by_profession_as_plain_text(tmp_path: Path) -> None:
    sessions = read_sessions([SESSIONS / "nord-case.toml"]).sessions
    sessions[0].present[0] = type(sessions[0].present[0])("", "[bold]læge", 60.0)
    console = Console(record=True, width=100, color_system=None)
    print_chart(build_report(sessions, "en"), console)
    text = console.export_text()
    assert "Share by profession" in text and "[bold]læge" in text
    assert "present" in text and "speaking" in text and "%" in text


def test_in_a_terminal_the_markdown_is_followed_by_the_chart(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _ = report(capsys, SESSIONS)
    assert code == 0
    head, chart = out.split("Andel pr. faggruppe")
    assert "Rapport på tværs af møder" in head.splitlines()[0] and "sygeplejerske" in chart
    assert "taletid" in chart
    assert "|" not in head  # drawn as tables, not raw Markdown


@pytest.mark.parametrize("width", [80, 120])
def test_in_a_terminal_every_table_fits_and_no_column_is_cut(width: int) -> None:
    """Raw Markdown wraps into a tangle of pipes at 80 columns; the terminal's tables fold
    their headers instead, and every column's last header word and figure is there."""
    report = build_report(read_sessions([SESSIONS]).sessions, "da")
    console = Console(width=width, record=True, color_system=None)
    print_report(report, console)
    lines = console.export_text().splitlines()
    assert max(len(line) for line in lines) <= width
    words = " ".join(lines).split()
    for table in report.tables:
        for label, _ in table.columns:
            assert label.split()[-1] in words or width == 80 and len(label.split()[-1]) > 9
    assert "endnu" in words and "+10,0" in words  # the last columns of two wide tables


def test_the_csv_tables_are_the_markdown_tables() -> None:
    reading = read_sessions([SESSIONS])
    tables = to_csv(build_report(reading.sessions, "da"))
    assert set(tables) == set(CSV_FILES)


@pytest.mark.parametrize(
    ("figure", "why"),
    [
        ("nan", "must be a number from 0 to 10,000,000"),
        ("inf", "must be a number from 0 to 10,000,000"),
        ("1e308", "must be a number from 0 to 10,000,000"),
        ("1" + "0" * 400, "must be a number from 0 to 10,000,000"),
    ],
)
def test_a_figure_no_meeting_has_skips_its_file_and_spoils_no_other_figure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, figure: str, why: str
) -> None:
    bad = tmp_path / "bad.toml"
    text = (SESSIONS / "klynge.toml").read_text("utf-8")
    bad.write_text(text.replace("spoken_seconds = ", f"spoken_seconds = {figure} #", 1), "utf-8")
    code, out, err = report(capsys, bad, SESSIONS / "nord-case.toml")
    assert code == 0 and err == [f"{bad}: participant[1].spoken_seconds: {why} (skipped)"]
    assert "nan" not in out and "inf" not in out
    _, alone, _ = report(capsys, SESSIONS / "nord-case.toml")
    assert out == alone


def test_a_case_source_that_is_a_device_is_never_read(tmp_path: Path) -> None:
    """An older session (no segment kinds) from another clinic names its case file; one that
    names /dev/zero would be read for ever: the kinds are then unknown, and the report goes
    on."""
    older = tmp_path / "older.toml"
    text = (SESSIONS / "bay-older.toml").read_text("utf-8")
    text = text.replace('case_id = "t2d-annual-review"', 'case_id = "gone"')
    older.write_text(re.sub(r'(?m)^case_source = ".*"$', 'case_source = "/dev/zero"', text))
    facts = read_facts(older, CaseKinds(), names=False, text=False)
    assert {s.kind for s in facts.segments} == {"unknown"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_pipe_given_as_a_session_is_skipped_not_waited_for(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    code, _, err = report(capsys, pipe, SESSIONS / "nord-case.toml")
    assert code == 0 and err == [f"{pipe}: is a device or a pipe, not a session file (skipped)"]


def test_two_copies_of_one_meeting_count_once_the_newer_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    text = (SESSIONS / "nord-case.toml").read_text("utf-8")
    older, newer = tmp_path / "a" / "nord.toml", tmp_path / "b" / "nord.toml"
    older.write_text(text.replace("proposed_by", "# proposed_by"), "utf-8")
    saved = re.search(r"(?m)^saved_at = (.*)$", text)
    assert saved is not None
    newer.write_text(text.replace(saved.group(0), "saved_at = 2030-01-01T00:00:00+01:00"))
    code, out, err = report(capsys, older, newer)
    assert code == 0 and err == [f"{older}: the same meeting as {newer} (skipped)"]
    _, alone, _ = report(capsys, SESSIONS / "nord-case.toml")
    assert out == alone  # one meeting, its proposals once
    assert read_sessions([newer, older]).sessions[0].path == newer


def test_the_segment_an_open_meeting_had_reached_is_not_counted_as_held(tmp_path: Path) -> None:
    running = tmp_path / "running.toml"
    text = (SESSIONS / "nord-case.toml").read_text("utf-8")
    text = text.replace('status = "finished"', 'status = "running"', 1)
    running.write_text(text.replace('current = "afslutning"', 'current = "2d"', 1), "utf-8")
    facts = read_facts(running, CaseKinds(), names=False, text=False)
    finished = read_facts(SESSIONS / "nord-case.toml", CaseKinds(), names=False, text=False)
    held = [s.actual_seconds is not None for s in facts.segments]
    assert held == [True, True, True, True, False, True]
    assert all(s.actual_seconds is not None for s in finished.segments)
