"""Shared fixtures: a fake clock at a fixed instant, a small-case factory, the CLI in a child.

`tests/ui/conftest.py` has its own `clock` and `case`; these serve `tests/domain`, `tests/store`
and `tests/cli`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
START = datetime(2026, 11, 24, 8, 30, tzinfo=UTC)
"""The wall-clock instant every `clock` fixture starts at (monotonic 1000.0)."""

SegmentSpec = tuple[str, int] | tuple[str, int, str]
CaseFactory = Callable[..., Case]
RunCaseroom = Callable[..., subprocess.CompletedProcess[str]]

SMALL_SEGMENTS: tuple[SegmentSpec, ...] = (
    ("intro", 10),
    ("case", 20, "case"),
    ("pause", 5, "break"),
    ("end", 10),
)
SMALL_QUESTIONS: tuple[tuple[str, int], ...] = (("q1", 10), ("q2", 10))


def make_case(
    segments: Sequence[SegmentSpec] = SMALL_SEGMENTS,
    questions: Sequence[tuple[str, int]] = SMALL_QUESTIONS,
    **top: Any,
) -> Case:
    """A case built in code: segments as (id, minutes[, kind]), questions as (id, minutes).

    The default is intro 10, case 20 (q1 10, q2 10), pause 5 (break), end 10: 45 minutes,
    five steps. Extra keyword arguments override top-level keys (wrapup_minutes=3, ...).
    """
    doc: dict[str, Any] = {
        "format": 1,
        "id": "mini",
        "title": "Mini case",
        "language": "en",
        "segment": [
            {
                "id": spec[0],
                "title": spec[0].title(),
                "minutes": spec[1],
                "kind": spec[2] if len(spec) > 2 else "plain",
            }
            for spec in segments
        ],
        "question": [
            {"id": qid, "text": f"What about {qid}?", "minutes": minutes}
            for qid, minutes in questions
        ],
    }
    doc.update(top)
    return Case.model_validate(doc)


@pytest.fixture(autouse=True)
def no_own_templates(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exports in every test use the bundled templates: a developer's own templates folder
    (~/.config/caseroom/templates) is never searched. Tests of that folder set their own."""
    monkeypatch.setenv("CASEROOM_CONFIG", str(tmp_path_factory.getbasetemp() / "no-config"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(start=START, monotonic=1000.0)


@pytest.fixture
def case_factory() -> CaseFactory:
    return make_case


@pytest.fixture
def small_case() -> Case:
    return make_case()


def subprocess_env(home: Path) -> dict[str, str]:
    """The environment of a child caseroom: this checkout first, sessions under `home`."""
    path = os.environ.get("PYTHONPATH", "")
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT) + (os.pathsep + path if path else ""),
        "CASEROOM_HOME": str(home),
        "PYTHONIOENCODING": "utf-8",
    }


@pytest.fixture
def child_env(tmp_path: Path) -> dict[str, str]:
    """`subprocess_env` for a child Python started by a test (cwd should be `ROOT`)."""
    return subprocess_env(tmp_path / "home")


@pytest.fixture
def run_caseroom(tmp_path: Path) -> RunCaseroom:
    """Run `python -m caseroom ARGS` as a user would; CASEROOM_HOME is tmp_path/home."""

    def run(*args: str | Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "caseroom", *map(str, args)],
            cwd=ROOT,
            env=subprocess_env(tmp_path / "home"),
            capture_output=True,
            text=True,
            encoding="utf-8",
            stdin=subprocess.DEVNULL,
            timeout=timeout,
        )

    return run
