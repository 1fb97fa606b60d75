"""`caseroom check`: every broken case file gives exactly its problem, with file, line, field.

Each file in tests/data/cases/ breaks one rule (valid.toml, warning_minutes_sum.toml and
markup_and_controls.toml, see tests/domain/test_plain_text.py, are the good ones). The
expected lines were produced by the checker, read, and frozen here: a change to a message or
a line number must be made on purpose. `{f}` stands for the path.
Big files, a folder and a missing file are made in tmp_path at test time.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from caseroom.cli import main
from caseroom.domain.case import MAX_CASE_BYTES, check_case, load_case
from caseroom.domain.errors import CaseFileError

CASES = Path(__file__).resolve().parents[1] / "data" / "cases"
VALID = CASES / "valid.toml"
WARNING = CASES / "warning_minutes_sum.toml"
MARKUP = CASES / "markup_and_controls.toml"  # valid: its markup and escapes are only text
RunCaseroom = Callable[..., subprocess.CompletedProcess[str]]

EXPECTED: dict[str, list[str]] = {
    "bad_id.toml": [
        "{f}:2: id: bad id 'Mini Case': use lowercase letters, digits and dashes",
    ],
    "bad_segment_id.toml": [
        "{f}:7: segment[1].id: bad id '2_intro': use lowercase letters, digits and dashes",
    ],
    "binary.toml": [
        "{f}:2: encoding: not UTF-8 text (byte 0x80)",
    ],
    "case_without_questions.toml": [
        "{f}:11: segment[2]: case segment 'case' has no questions",
    ],
    "checklist_not_a_list.toml": [
        "{f}:11: segment[1].checklist: must be a list, got text 'Stole'",
    ],
    "dangling_factbox.toml": [
        "{f}:35: question[1].factboxes[2]: no factbox with id 'fb2'; did you mean 'fb1'?",
    ],
    "dangling_question_segment.toml": [
        "{f}:41: question[2].segment: no segment with id 'nope'",
    ],
    "dangling_section.toml": [
        "{f}:39: question[2].section: no section with id 's2'",
    ],
    "deep_nesting.toml": [
        "{f}:5: toml: nesting is too deep to be a case file",
    ],
    "duplicate_factbox_id.toml": [
        "{f}:49: factbox[2].id: duplicate id 'fb1' (first used on line 44)",
    ],
    "duplicate_key.toml": [
        "{f}:5: toml: not valid TOML: this key is already set above "
        "(each key may appear once per table) (column 16)",
    ],
    "duplicate_table.toml": [
        "{f}:51: toml: not valid TOML: the table [opsamling] appears twice (each table once) "
        "(column 11)",
    ],
    "duplicate_question_id.toml": [
        "{f}:38: question[2].id: duplicate id 'q1' (first used on line 31)",
    ],
    "duplicate_section_id.toml": [
        "{f}:49: section[2].id: duplicate id 's1' (first used on line 24)",
    ],
    "duplicate_segment_id.toml": [
        "{f}:18: segment[3].id: duplicate id 'intro' (first used on line 7)",
    ],
    "empty.toml": [
        "{f}:1: file: the file is empty; a case needs format, id, title, segments",
    ],
    "empty_areas.toml": [
        "{f}:49: opsamling.areas: must not be an empty list",
    ],
    "empty_checklist_item.toml": [
        "{f}:11: segment[1].checklist[2]: must not be empty",
    ],
    "factbox_without_text.toml": [
        "{f}:43: factbox[1].text: required field is missing",
    ],
    "format_missing.toml": [
        "{f}:1: format: required field is missing",
    ],
    "format_text.toml": [
        "{f}:1: format: must be the whole number 1 or 2, got text '1'",
    ],
    "format_true.toml": [
        "{f}:1: format: must be the whole number 1 or 2, got true",
    ],
    "format_2_keys_in_format_1.toml": [
        "{f}:5: leader_notes: is a format 2 key; write format = 2 at the top of the file",
        "{f}:7: closing: is a format 2 key; write format = 2 at the top of the file",
        "{f}:15: segment[1].groups: is a format 2 key; write format = 2 at the top of the file",
        "{f}:25: question[1].title: is a format 2 key; write format = 2 at the top of the file",
    ],
    "format_2_bad_values.toml": [
        "{f}:5: planned_start: must be a time of day HH:MM (24-hour clock, such as 12:00), "
        "got '7:30'",
        "{f}:8: closing.points: must be at least 1, got 0",
        "{f}:11: action_plan.made: unknown made 'later'; expected one of 'after', 'in-meeting' "
        "or 'none'; did you mean 'after'?",
        "{f}:14: people.round_order: unknown round_order 'doctors-last'; expected one of "
        "'seating' or 'hierarchy'",
        "{f}:21: segment[1].groups: unknown groups 'by-clinic'; expected one of 'professions', "
        "'clinics' or 'clinic'; did you mean 'clinic'?",
    ],
    "format_three.toml": [
        "{f}:1: format: unsupported format 3; this caseroom reads formats 1 and 2",
    ],
    "group_size_one.toml": [
        "{f}:42: question[2].group_size: must be at least 2, got 1",
    ],
    "key_inside_multiline_string.toml": [
        "{f}:30: section[1].bogus: unknown key; allowed: id, title, text, segment",
    ],
    "minutes_bool.toml": [
        "{f}:9: segment[1].minutes: must be a whole number, got true",
    ],
    "minutes_decimal.toml": [
        "{f}:9: segment[1].minutes: must be a whole number, got 10.5",
    ],
    "minutes_negative.toml": [
        "{f}:9: segment[1].minutes: minutes must be a positive whole number, got -5",
    ],
    "minutes_text.toml": [
        "{f}:9: segment[1].minutes: must be a whole number, got text 'ten'",
    ],
    "minutes_too_large.toml": [
        "{f}:9: segment[1].minutes: must be at most 1440 minutes (24 hours), "
        "got 99999999999999999999",
    ],
    "minutes_zero.toml": [
        "{f}:9: segment[1].minutes: minutes must be a positive whole number, got 0",
    ],
    "missing_id.toml": [
        "{f}:1: id: required field is missing",
    ],
    "missing_language.toml": [
        "{f}:1: language: required field is missing",
    ],
    "missing_segment_minutes.toml": [
        "{f}:11: segment[2].minutes: required field is missing",
    ],
    "missing_title.toml": [
        "{f}:1: title: required field is missing",
    ],
    "no_segments.toml": [
        "{f}:1: segment: required field is missing",
    ],
    "not_toml.toml": [
        "{f}:1: toml: not valid TOML: expected '=' after a key in a key/value pair (column 6)",
    ],
    "not_utf8.toml": [
        "{f}:3: encoding: not UTF-8 text (byte 0xe6)",
    ],
    "opsamling_array_of_tables.toml": [
        "{f}:48: opsamling: must be one table [opsamling], not an array of tables [[opsamling]]",
    ],
    "opsamling_unknown_key.toml": [
        "{f}:50: opsamling.area: unknown key; did you mean 'areas'?",
    ],
    "question_outside_case.toml": [
        "{f}:24: question[1]: question outside any case segment (no segment has kind 'case')",
    ],
    "question_segment_not_case.toml": [
        "{f}:41: question[2].segment: segment 'intro' is not of kind 'case'",
    ],
    "question_text_missing.toml": [
        "{f}:37: question[2].text: required field is missing",
    ],
    "quiet_alert_zero.toml": [
        "{f}:5: quiet_alert_minutes: minutes must be a positive whole number, got 0",
    ],
    "round_seconds_zero.toml": [
        "{f}:36: question[1].round_seconds_per_person: must be greater than 0, got 0",
    ],
    "section_segment_not_case.toml": [
        "{f}:26: section[1].segment: no segment of kind 'case' with id 'intro'",
    ],
    "segment_inline_then_table.toml": [
        "{f}:8: toml: not valid TOML: 'segment' is already written out in full above; "
        "it cannot be added to here (column 10)",
    ],
    "segment_not_table.toml": [
        "{f}:5: segment: must be a list, got text 'intro'",
    ],
    "silent_reflection_zero.toml": [
        "{f}:41: question[2].silent_reflection_minutes: "
        "minutes must be a positive whole number, got 0",
    ],
    "small_groups_text.toml": [
        "{f}:41: question[2].small_groups: must be true or false, got text 'yes'",
    ],
    "title_empty.toml": [
        "{f}:3: title: must not be empty",
    ],
    "title_number.toml": [
        "{f}:3: title: must be text, got a whole number 3",
    ],
    "two_case_segments.toml": [
        "{f}:36: question[1].segment: required when the case has more than one 'case' segment",
        "{f}:43: question[2].segment: required when the case has more than one 'case' segment",
    ],
    "unterminated_string.toml": [
        "{f}:40: toml: not valid TOML: a string is not closed before the end of the line "
        "(column 23)",
    ],
    "unknown_kind.toml": [
        "{f}:21: segment[3].kind: unknown kind 'chekclist'; expected one of 'plain', "
        "'checklist', 'case', 'break', 'round', 'groups', 'opsamling', 'evaluation' or "
        "'status'; did you mean 'checklist'?",
    ],
    "unknown_language.toml": [
        "{f}:4: language: unknown language 'de'; expected one of 'da' or 'en'",
    ],
    "unknown_question_key.toml": [
        "{f}:35: question[1].factbox: unknown key; did you mean 'factboxes'?",
    ],
    "unknown_segment_key.toml": [
        "{f}:10: segment[1].prompt: unknown key; did you mean 'prompts'?",
    ],
    "unknown_top_level_key.toml": [
        "{f}:3: titel: unknown key; did you mean 'title'?",
    ],
    "utf16.toml": [
        "{f}:1: encoding: UTF-16 text; save the file as UTF-8",
    ],
    "utf16_without_bom.toml": [
        "{f}:1: encoding: UTF-16 text; save the file as UTF-8",
    ],
    "utf8_bom_bad_id.toml": [  # a UTF-8 byte order mark is read past: the real problem shows
        "{f}:2: id: bad id 'Mini Case': use lowercase letters, digits and dashes",
    ],
    "wrapup_negative.toml": [
        "{f}:5: wrapup_minutes: minutes must be 0 or more, got -1",
    ],
}
WARNING_LINE = (
    "{f}:14: segment[2].minutes: the questions of 'case' add up to 15 minutes, "
    "the segment has 20 (warning)"
)


def lines_for(name: str, path: Path | None = None) -> list[str]:
    path = path or CASES / name
    return [line.replace("{f}", str(path)) for line in EXPECTED[name]]


def test_the_corpus_is_what_this_test_expects() -> None:
    on_disk = {p.name for p in CASES.glob("*.toml")}
    assert on_disk == set(EXPECTED) | {VALID.name, WARNING.name, MARKUP.name}
    assert len(EXPECTED) >= 40
    assert all(p.stat().st_size < 64 * 1024 for p in CASES.iterdir())  # no big files committed


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_file_gives_exactly_its_lines(name: str) -> None:
    path = CASES / name
    result = check_case(path)
    assert result.case is None
    assert result.problems == lines_for(name)
    assert result.warnings == []
    with pytest.raises(CaseFileError) as caught:
        load_case(path)
    assert caught.value.problems == result.problems


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_prints_one_line_per_problem_and_exits_2(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = CASES / name
    assert main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines() == lines_for(name)
    assert err == ""


PROBLEM_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>[1-9]\d*): (?P<field>[^ :]+): (?P<msg>.+)$")


def test_every_problem_line_names_file_line_and_field() -> None:
    for name in EXPECTED:
        for line in lines_for(name, Path("F.toml")):
            found = PROBLEM_LINE.match(line)
            assert found is not None and found["file"] == "F.toml", line


def test_lines_point_at_the_key_or_table_they_name() -> None:
    """The line holds the key named by the field, or the header of its table."""
    for name, lines in EXPECTED.items():
        text = (CASES / name).read_bytes().decode("utf-8", "replace").splitlines()
        for line in lines:
            found = PROBLEM_LINE.match(line)
            assert found is not None
            field = found["field"]
            if field in ("toml", "encoding", "file"):
                continue
            if field.isidentifier() and found["msg"] == "required field is missing":
                assert found["line"] == "1", line  # a missing top-level key: the file's top
                continue
            at = text[int(found["line"]) - 1].lstrip()
            key = field.rsplit(".", 1)[-1].split("[")[0]
            table = field.split(".")[0].split("[")[0]
            assert at.startswith((f"{key} ", f"{key}=", f"[[{table}]]", f"[{table}]")), (
                name,
                line,
                at,
            )


def test_the_valid_file_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    result = check_case(VALID)
    assert result.problems == [] and result.warnings == []
    assert result.case is not None and result.case.id == "mini"
    assert main(["check", str(VALID)]) == 0
    assert capsys.readouterr().out == f"{VALID}: OK (mini, 3 segments, 2 questions, 35 min)\n"


def test_minutes_that_do_not_add_up_are_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    case, warnings = load_case(WARNING)
    assert case.id == "mini"
    assert [w + " (warning)" for w in warnings] == [WARNING_LINE.replace("{f}", str(WARNING))]
    assert main(["check", str(WARNING)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        WARNING_LINE.replace("{f}", str(WARNING)),
        f"{WARNING}: OK (mini, 3 segments, 2 questions, 35 min)",
    ]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            (
                'minutes = 10\nfactboxes = ["fb1"]',
                'minutes = 10\nsilent_reflection_minutes = 12\nfactboxes = ["fb1"]',
            ),
            ":3[0-9]: question[1].silent_reflection_minutes: 12 minutes of silent reflection in a "
            "step of 10 minutes",
        ),
        (
            (
                'title = "Intro"\nminutes = 10',
                'title = "Intro"\nminutes = 10\nround_seconds_per_person = 900',
            ),
            ":[0-9]+: segment[1].round_seconds_per_person: 900 seconds per person in a step of "
            "10 minutes: one person's turn would outlast it",
        ),
    ],
)
def test_a_reflection_or_a_turn_longer_than_its_step_is_a_warning(
    tmp_path: Path, edit: tuple[str, str], expected: str
) -> None:
    text = VALID.read_text(encoding="utf-8")
    assert edit[0] in text
    path = tmp_path / "case.toml"
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    result = check_case(path)
    assert result.problems == []
    (warning,) = result.warnings
    assert re.fullmatch(re.escape(str(path)) + expected.replace("[1]", r"\[1\]"), warning), warning


@pytest.mark.parametrize("field", ['title = "Mini case"', 'text = "Who does what?"'])
def test_a_title_or_text_of_only_spaces_is_empty(tmp_path: Path, field: str) -> None:
    key = field.split(" = ")[0]
    path = tmp_path / "case.toml"
    path.write_text(VALID.read_text(encoding="utf-8").replace(field, f'{key} = "   "', 1), "utf-8")
    result = check_case(path)
    assert len(result.problems) == 1 and result.problems[0].endswith(f"{key}: must not be empty")


# --- made at test time: too big, a folder, a missing file -----------------------------------


def padded_case(size: int) -> bytes:
    """The valid case grown to exactly `size` bytes with a comment."""
    body = VALID.read_bytes()
    filler = size - len(body) - len(b"# \n")
    return body + b"# " + b"x" * filler + b"\n"


def test_a_file_over_5_mb_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.toml"
    huge.write_bytes(padded_case(MAX_CASE_BYTES + 1))
    assert check_case(huge).problems == [
        f"{huge}: file: too large (5.1 MB; a case file is at most 5 MB)"
    ]
    bigger = tmp_path / "bigger.toml"
    bigger.write_bytes(padded_case(7 * 1024 * 1024))
    assert check_case(bigger).problems == [
        f"{bigger}: file: too large (7.0 MB; a case file is at most 5 MB)"
    ]


def test_a_file_of_exactly_5_mb_is_read(tmp_path: Path) -> None:
    edge = tmp_path / "edge.toml"
    edge.write_bytes(padded_case(MAX_CASE_BYTES))
    assert edge.stat().st_size == MAX_CASE_BYTES
    assert check_case(edge).case is not None


def test_a_utf8_byte_order_mark_is_read_past(tmp_path: Path) -> None:
    """Notepad saves UTF-8 with a byte order mark; the case is the same case without it."""
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + VALID.read_bytes())
    result = check_case(bom)
    assert result.problems == [] and result.warnings == []
    assert result.case is not None and result.case == check_case(VALID).case


def test_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    missing = tmp_path / "missing.toml"
    assert check_case(folder).problems == [f"{folder}: is a folder, not a case file"]
    assert check_case(missing).problems == [f"{missing}: no such file"]


# --- as a user runs it ----------------------------------------------------------------------


def test_check_in_a_subprocess_prints_every_line_and_no_traceback(
    tmp_path: Path, run_caseroom: RunCaseroom
) -> None:
    huge = tmp_path / "huge.toml"
    huge.write_bytes(padded_case(MAX_CASE_BYTES + 1))
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    missing = tmp_path / "missing.toml"
    broken = [CASES / name for name in sorted(EXPECTED)]
    done = run_caseroom("check", *broken, huge, folder, missing)
    assert done.returncode == 2
    expected = [line for name in sorted(EXPECTED) for line in lines_for(name)]
    expected += [
        f"{huge}: file: too large (5.1 MB; a case file is at most 5 MB)",
        f"{folder}: is a folder, not a case file",
        f"{missing}: no such file",
    ]
    assert done.stdout.splitlines() == expected
    assert done.stderr == ""
    assert "Traceback" not in done.stdout + done.stderr


def test_valid_and_warning_files_exit_0(run_caseroom: RunCaseroom) -> None:
    done = run_caseroom("check", VALID, WARNING)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [
        f"{VALID}: OK (mini, 3 segments, 2 questions, 35 min)",
        WARNING_LINE.replace("{f}", str(WARNING)),
        f"{WARNING}: OK (mini, 3 segments, 2 questions, 35 min)",
    ]
    assert done.stderr == ""


def test_one_broken_file_among_good_ones_fails_the_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", str(VALID), str(CASES / "empty.toml")]) == 2
    assert capsys.readouterr().out.splitlines() == [
        f"{VALID}: OK (mini, 3 segments, 2 questions, 35 min)",
        *lines_for("empty.toml"),
    ]


def test_problems_come_in_the_order_of_their_lines(tmp_path: Path) -> None:
    """pydantic reports by field; a person fixing the file reads it top to bottom."""
    case = tmp_path / "order.toml"
    case.write_text(
        'format = 1\nid = "x"\ntitle = "X"\nlanguage = "da"\n\n'
        '[[segment]]\nid = "a"\ntitle = "A"\nminutes = 0\nkind = "meeting"\n\n'
        '[[segment]]\nid = "b"\ntitle = ""\nminutes = "ten"\n',
        encoding="utf-8",
    )
    lines = check_case(case).problems
    numbers = [int(line.split(":")[1]) for line in lines]
    assert len(lines) == 4 and numbers == sorted(numbers), lines


def test_a_segment_no_longer_than_the_wrapup_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "wrapup.toml"
    case.write_text(
        'format = 1\nid = "x"\ntitle = "X"\nlanguage = "da"\nwrapup_minutes = 5\n\n'
        '[[segment]]\nid = "kort"\ntitle = "Kort"\nminutes = 5\n',
        encoding="utf-8",
    )
    assert main(["check", str(case)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{case}:10: segment[1].minutes: 'kort' has 5 minutes and wrapup_minutes is 5: "
        "its countdown shows the wrap-up colour from the start (warning)",
        f"{case}: OK (x, 1 segment, 0 questions, 5 min)",
    ]


def one_segment_case(tmp_path: Path, header: str, minutes: int) -> Path:
    """A case of one segment, its table written as `header` ([segment] or [[segment]])."""
    path = tmp_path / "case.toml"
    path.write_text(
        f'format = 1\nid = "x"\ntitle = "X"\nlanguage = "en"\n\n'
        f'{header}\nid = "a"\ntitle = "A"\nminutes = {minutes}\n',
        encoding="utf-8",
    )
    return path


def test_one_table_where_an_array_of_tables_belongs_says_which(tmp_path: Path) -> None:
    path = one_segment_case(tmp_path, "[segment]", 5)
    assert check_case(path).problems == [
        f"{path}:6: segment: must be an array of tables [[segment]], not one table [segment]"
    ]


def test_a_one_minute_segment_is_one_minute_in_its_warning(tmp_path: Path) -> None:
    (warning,) = check_case(one_segment_case(tmp_path, "[[segment]]", 1)).warnings
    assert "'a' has 1 minute and wrapup_minutes is 2" in warning


def test_a_device_is_never_read_as_a_case_file() -> None:
    """`/dev/zero` never ends (and a pipe may never come): one line, not a hang."""
    result = check_case(Path("/dev/zero"))
    assert result.problems == ["/dev/zero: is a device or a pipe, not a case file"]


def test_read_at_most_reads_a_file_up_to_its_limit(tmp_path: Path) -> None:
    from caseroom.domain.case import read_at_most

    path = tmp_path / "f.toml"
    path.write_bytes(b"x" * 10)
    assert read_at_most(path, 10) == b"x" * 10
    assert read_at_most(path, 9) is None
    path.write_bytes(b"")
    assert read_at_most(path, 10) == b""
    with pytest.raises(IsADirectoryError):
        read_at_most(tmp_path, 10)
