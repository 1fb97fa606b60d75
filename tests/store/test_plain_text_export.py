"""Text is data (issue "Trust", item 8): a session file's text is cleaned where it is read.

A session file is only TOML: anyone can write escapes into it. Whatever it holds, `resume`,
the timekeeper's clock and every export get its texts without control characters (but
newlines and tabs in notes) and without the characters that reorder text.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from caseroom.domain.clock import FakeClock
from caseroom.store.export import load_for_export, render
from caseroom.store.session_file import load

from .export_fixture import FIXTURE, PEOPLE

ROOT = Path(__file__).resolve().parents[2]
ESCAPES = "\\u001b[31mRED\\u0007 \\u202e[/] \\u2066[bold]\\u2069"  # as TOML writes them
SHOWN = "[31mRED [/] [bold]"  # what is left of them to show
EXPLICIT_DIRECTION = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def poisoned(tmp_path: Path) -> Path:
    """The export fixture with escapes, a bell and text-direction characters in every text:
    names (everywhere they are used), professions, notes, areas, evaluation points, roles."""
    text = FIXTURE.read_text(encoding="utf-8")
    for name, _ in PEOPLE:
        first, last = name.split(" ")
        text = text.replace(f'"{name}"', f'"{first} \\u001b[31m{last}\\u0007\\u202e [/]"')
    field = re.compile(r'^(text|area|profession|deadline|    )( = )?"(?=\w|")', flags=re.M)
    text = field.sub(lambda found: f"{found[0]}{ESCAPES} ", text)  # evaluation points too
    text = text.replace('case_title = "', 'case_title = "\\u001b]0;owned\\u0007')
    assert text.count("\\u001b") > 60
    path = tmp_path / "poisoned.toml"
    path.write_text(text, encoding="utf-8")
    return path


def unsafe(text: str) -> list[str]:
    """Characters no export may hold (an oracle of its own, not the code under test):
    controls but newline (CRLF in a calendar) and tab, and the ones that reorder text."""
    return [
        f"U+{ord(c):04X}"
        for c in text.replace("\r\n", "\n")
        if (unicodedata.category(c) == "Cc" and c not in "\n\t")
        or unicodedata.bidirectional(c) in EXPLICIT_DIRECTION
        or c in "\u061c\u200e\u200f\u2028\u2029"
    ]


def test_a_poisoned_session_is_read_with_clean_text(tmp_path: Path) -> None:
    meeting = load_for_export(poisoned(tmp_path))
    names = [p.name for p in meeting.participants]
    assert names[0] == "Anna [31mLund [/]"
    assert meeting.roles.leader == names[0]
    assert meeting.talk.seconds_by_person(names, meeting.clock.monotonic())[names[0]] > 0
    texts = [meeting.opsamling.action_plan_drafter, meeting.opsamling.deadline]
    texts += [p.profession for p in meeting.participants]
    texts += [p.text for p in meeting.learning_points]
    texts += [f"{p.text} {p.area} {p.responsible} {p.proposed_by}" for p in meeting.proposals]
    texts += [f"{e.participant} {' '.join(e.points)}" for e in meeting.evaluations]
    for text in texts:
        assert unsafe(text) == [], text
    assert meeting.learning_points[1].text.endswith(
        "når ikke frem.\nDen skal skrives, hvor lægen ser den."
    )
    assert all(p.text.startswith(SHOWN) for p in meeting.learning_points)
    assert all(point.startswith(SHOWN) for point in meeting.evaluations[0].points)


def test_resuming_a_poisoned_session_gives_the_same_clean_names(tmp_path: Path) -> None:
    meeting = load(poisoned(tmp_path), FakeClock())
    assert [p.name for p in meeting.participants][:2] == ["Anna [31mLund [/]", "Bo [31mKjær [/]"]
    assert all(unsafe(p.profession) == [] for p in meeting.participants)


@pytest.mark.parametrize("fmt", ["markdown", "plan", "ics"])
def test_no_export_of_a_poisoned_session_holds_a_control_character(
    tmp_path: Path, fmt: str
) -> None:
    data = render(load_for_export(poisoned(tmp_path)), fmt).decode("utf-8")
    assert unsafe(data) == []
    assert "Lund [/]" in data.replace("\r\n ", "")  # the text itself is all there


def test_caseroom_export_to_the_terminal_sends_no_escape(tmp_path: Path) -> None:
    """The reported case: `caseroom export SESSION --format markdown` on stdout."""
    env = {**os.environ, "CASEROOM_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "caseroom",
            "export",
            str(poisoned(tmp_path)),
            "--format",
            "markdown",
        ],
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8")
    assert unsafe(out) == [] and b"\x1b" not in done.stdout and b"\x07" not in done.stdout
    assert f"{SHOWN} Årsstatus begynder i telefonen" in out
