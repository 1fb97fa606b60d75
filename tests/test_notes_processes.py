"""The note-taker's screen and the meeting as two real processes in pseudo-terminals (issue 19).

The harness is bench/notes_procs.py (50 notes and 100 kill rounds by hand, figures in its
report); here it runs smaller so both stay within about 30 seconds.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("notes_procs", ROOT / "bench" / "notes_procs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("notes_procs", module)
    spec.loader.exec_module(module)
    return module


notes_procs = harness()


def test_twenty_notes_typed_while_the_leader_moves_on_are_each_in_the_file_once(
    tmp_path: Path,
) -> None:
    figures = notes_procs.two_processes(20, tmp_path)
    report = figures.report()
    assert figures.problems == [], report
    assert (figures.notes, figures.in_file, figures.duplicates) == (20, 20, 0), report
    assert figures.wrong_stamp == 0, report
    assert figures.latencies, report  # some reached the leader's notes list on the screen


def test_killing_either_process_loses_no_confirmed_note_and_doubles_none(
    tmp_path: Path,
) -> None:
    figures = notes_procs.kill_loop(4, tmp_path, seed=1924)
    report = figures.report()
    assert figures.kills == 4 and figures.notes > 0, report
    assert (figures.lost, figures.duplicates, figures.corrupt) == (0, 0, 0), report
    assert figures.in_file >= figures.confirmed, report
    assert figures.problems == [], report
