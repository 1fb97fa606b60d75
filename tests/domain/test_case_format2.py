"""Case format 2: the keys a meeting uses where it differs from the case-meeting default."""

from __future__ import annotations

from pathlib import Path

from caseroom.domain.case import load_case
from caseroom.store.cases import bundled_paths

MINIMAL = """\
format = {fmt}
id = "mini"
title = "Mini"
language = "da"

[[segment]]
id = "talk"
title = "Talk"
minutes = 5
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_format_1_file_loads_with_the_case_meeting_defaults(tmp_path: Path) -> None:
    case, warnings = load_case(write(tmp_path, MINIMAL.format(fmt=1)))
    assert warnings == []
    assert case.format == 1
    assert case.leader_notes is None and case.planned_start is None
    assert (case.closing.prompt, case.closing.points) == (None, 3)
    assert case.plan_mode == "after"
    assert case.people.round_order == "seating"
    assert case.group_by(case.segments[0]) == "professions"


def test_format_2_keys_are_read(tmp_path: Path) -> None:
    text = (
        MINIMAL.format(fmt=2).replace(
            "[[segment]]",
            'leader_notes = "Noter"\nplanned_start = "12:00"\n\n'
            '[closing]\nprompt = "Ét ord"\npoints = 1\n\n'
            '[action_plan]\nmade = "none"\n\n'
            '[people]\nprofessions = ["Læge", "sekretær"]\nround_order = "hierarchy"\n'
            'groups = "clinics"\n\n[[segment]]',
        )
        + 'groups = "clinic"\n'
    )
    case, _ = load_case(write(tmp_path, text))
    assert (case.leader_notes, case.planned_start) == ("Noter", "12:00")
    assert (case.closing.prompt, case.closing.points) == ("Ét ord", 1)
    assert case.plan_mode == "none"
    assert case.group_by(case.segments[0]) == "clinic"  # the segment's own choice wins
    assert case.people.groups == "clinics"
    # professions are matched without regard to case or surrounding spaces
    assert case.profession_rank(" læge ") == 0
    assert case.profession_rank("SEKRETÆR") == 1
    assert case.profession_rank("sygeplejerske") is None


def test_every_bundled_case_is_format_2() -> None:
    for path in bundled_paths().values():
        case, _ = load_case(path)
        assert case.format == 2, path
