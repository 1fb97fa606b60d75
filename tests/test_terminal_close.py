"""A terminal closed right after a key ends caseroom within 2 s, saved and unlocked.

The harness is bench/terminal_close.py (50 closes by hand, figures in its report); here a few
closes, each bounded in time. A real `caseroom run` in a pty that is its controlling terminal;
after `1`, `n` or a capture's Enter the pty's master side is closed, and nothing else is done
(the kernel hangs the terminal up: SIGHUP and SIGCONT, EOF on reads, EIO on writes). The
delays put most closes into the few milliseconds in which the key's frame is being written:
that is when Textual's shutdown blocked on the dead terminal and caseroom hung, deaf to
SIGTERM, holding the session's lock.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def harness() -> ModuleType:
    path = ROOT / "bench" / "terminal_close.py"
    spec = importlib.util.spec_from_file_location("terminal_close", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("terminal_close", module)
    spec.loader.exec_module(module)
    return module


terminal_close = harness()


def test_closing_the_terminal_right_after_a_key_ends_caseroom_saved_and_unlocked(
    tmp_path: Path,
) -> None:
    # the last keys go 1, n, l, 1, n, l, 1; runs 1 and 5 capture a note first; the last `l`
    # is closed 25 ms after its "Gemt ✓" (the others within its frame, before any)
    delays = [0.004, 0.008, 0.003, 0.012, 0.006, 0.04, 0.1]
    figures = terminal_close.run_closes(len(delays), delays=delays, workdir=tmp_path)
    report = figures.report()
    assert figures.hung == 0, report
    assert figures.late == 0, report  # every one ended within 2 s of the close
    assert figures.lost == 0, report
    assert figures.broken == 0, report
    assert figures.locks_left == 0, report
    assert figures.ended_before_close == 0, report
    assert figures.exit_codes == {129: len(delays)}, report  # 128 + SIGHUP
    assert figures.confirmed >= 3, report  # notes were confirmed, and then found on disk
    assert figures.last_confirmed >= 1, report


def test_a_terminal_gone_without_a_sighup_ends_caseroom_too(tmp_path: Path) -> None:
    """The pty is only the process's stdin/stdout/stderr, not its controlling terminal: its
    hangup comes with no signal, only EOF and EIO (and the key's frame blocks as before)."""
    delays = [0.005, 0.008, 0.3]
    figures = terminal_close.run_closes(
        len(delays), delays=delays, controlling=False, workdir=tmp_path
    )
    report = figures.report()
    assert figures.hung == 0, report
    assert figures.late == 0, report
    assert figures.lost == 0 and figures.broken == 0 and figures.locks_left == 0, report
    assert figures.exit_codes == {129: len(delays)}, report
