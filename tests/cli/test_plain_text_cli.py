"""`--people` refuses control and text-direction characters (issue "Trust", item 8).

One line on stderr that names the entry, the field and the character by its code point (the
character itself is never echoed to the terminal), exit 2, and no session file made.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        (
            "Anna:læge,Bo:syge\u202eplejerske",
            "caseroom: --people: entry 2: the profession cannot contain control characters "
            "or text-direction marks (U+202E)",
        ),
        (
            "Anna:læge,Bo:x,C\x1b[31my:sekretær",
            "caseroom: --people: entry 3: the name cannot contain control characters "
            "or text-direction marks (U+001B)",
        ),
    ],
    ids=["right-to-left-override", "escape"],
)
def test_people_with_unsafe_characters_is_one_line_and_exit_2(
    tmp_path: Path, people: str, expected: str
) -> None:
    env = {**os.environ, "CASEROOM_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "caseroom", "run", "--people", people],
        capture_output=True,
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    err = done.stderr.decode("utf-8")
    assert (done.returncode, done.stdout, err) == (2, b"", expected + "\n")
    assert not [c for c in err if unicodedata.category(c) in ("Cc", "Cf") and c != "\n"]
    assert not (tmp_path / "home").exists() or not any((tmp_path / "home").rglob("*.toml"))
