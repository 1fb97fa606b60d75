"""Kill -9 loop, small: about 20 SIGKILLs of a real `caseroom run --speed 60` in a pty.

The harness is bench/killloop.py (200 kills by hand, figures in its report); here it runs
with shorter rounds so the whole loop stays under a minute. Every round types captures,
speaker and step changes, and is killed at a random moment; after each kill the session file
must parse, load and hold every capture the screen had confirmed with "Gemt ✓".
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("killloop", ROOT / "bench" / "killloop.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("killloop", module)
    spec.loader.exec_module(module)
    return module


killloop = harness()


def test_twenty_kills_lose_no_confirmed_capture_and_break_no_file(tmp_path: Path) -> None:
    figures = killloop.run_killloop(
        20, seed=20261124, new_every=7, pace=killloop.QUICK, budget=50.0, workdir=tmp_path
    )
    report = figures.report()
    assert figures.corrupt == 0, report
    assert figures.lost == 0, report
    assert figures.torn == 0, report
    assert figures.unexpected_exits == 0, report
    # the loop really ran: kills, resumes, and captures confirmed and then checked on disk
    assert figures.kills >= 15, report
    assert figures.rounds_resumed >= 10, report
    assert figures.confirmed >= 3, report


def test_the_screen_model_reads_frames_cut_anywhere() -> None:
    """The harness's terminal model: a frame cut at any byte gives the same screen."""
    frame = (
        "\x1b[?2026h\x1b[1;1H\x1b[38;5;253;48;5;16m KØRER \x1b[0m"
        "\x1b[3;41H\x1b[48;5;59m ▌ Gemt ✓ \x1b[0m\x1b[4;1Hø\x1b[2K\x1b[4;1Hlinje\r\nnæste"
        "\x1b]0;title\x07\x1b[?2026l"
    )
    whole = killloop.Screen(cols=60, rows=6)
    whole.feed(frame)
    assert whole.line(0).startswith(" KØRER ")
    assert whole.count("Gemt ✓") == 1
    assert whole.line(3).startswith("linje") and whole.line(4).startswith("næste")
    assert not whole.in_frame
    for cut in range(1, len(frame)):
        parts = killloop.Screen(cols=60, rows=6)
        parts.feed(frame[:cut])
        parts.feed(frame[cut:])
        assert parts.text() == whole.text(), cut


def test_the_screen_model_says_it_can_synchronise_frames() -> None:
    screen = killloop.Screen(cols=10, rows=2)
    screen.feed("\x1b[?2026$pab\x1b[?2026hc")
    assert screen.replies == ["\x1b[?2026;2$y"]
    assert screen.in_frame and screen.line(0).startswith("abc")
