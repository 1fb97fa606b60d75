"""Note typed on the note-taker's screen -> on the leader's screen, and the meeting's idle CPU
with a note-taker attached against the bare Textual app (issue 19). Run by hand:

    CASEROOM_PERF=/work/shared/perf .venv/bin/python bench/notes_latency.py [--notes 50]

The latency is from the Enter sent to the note-taker's pseudo-terminal to the note's text on
the leader's (its notes list open), read from both screens (bench/notes_procs.py). The idle
CPU is user+sys of the meeting's process (meeting started, clock running, notes list shown)
while `caseroom notes` follows it, and of the bare app (`bare_app.py`, 1 Hz Digits) in the
same seconds, % of one core. Target: meeting <= 1.5x bare.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

import notes_procs  # noqa: E402
from _benchlib import PERF  # noqa: E402


def cpu(pid: int) -> float:
    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for p in procs:
        try:
            times = p.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def idle_cpu(seconds: float, workdir: Path, *, attached: bool = True) -> tuple[float, float]:
    """(meeting %, bare %) of one core over `seconds`, both running at once; `attached`:
    with a note-taker following the meeting."""
    home, session = workdir / ("home" if attached else "home-alone"), workdir / "idle.toml"
    session = session.with_name("idle.toml" if attached else "alone.toml")
    leader = notes_procs.start_meeting(home, session)
    taker = notes_procs.start_notes(home, session) if attached else leader
    bare = pexpect.spawn(
        sys.executable,
        [str(PERF / "bare_app.py"), "--minutes", "30"],
        env=dict(os.environ, TERM="xterm-256color"),
        dimensions=(notes_procs.killloop.ROWS, notes_procs.killloop.COLS),
    )
    try:
        leader.send(" ")
        notes_procs.wait_all([leader, taker], lambda: leader.state() == "KØRER", 10)
        leader.send("v")
        notes_procs.wait_all([leader, taker], lambda: False, 3.0)  # warm-up
        start = cpu(leader.child.pid), cpu(bare.pid), time.monotonic()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            notes_procs.wait_all([leader, taker], lambda: False, 0.2)
            try:
                bare.read_nonblocking(65536, timeout=0)
            except (pexpect.TIMEOUT, pexpect.EOF):
                pass
        took = time.monotonic() - start[2]
        return (
            100 * (cpu(leader.child.pid) - start[0]) / took,
            100 * (cpu(bare.pid) - start[1]) / took,
        )
    finally:
        notes_procs.close(*{taker, leader})
        bare.terminate(force=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0, help="idle CPU sample (30 s)")
    parser.add_argument("--idle-only", action="store_true", help="only the idle CPU figures")
    args = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="caseroom-notes-latency-"))
    try:
        figures = notes_procs.two_processes(0 if args.idle_only else args.notes, base)
        ordered = sorted(figures.latencies)
        if ordered:
            p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
            print(
                f"note typed -> leader's screen: median {statistics.median(ordered) * 1000:.0f} "
                f"ms, p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms (n={len(ordered)})"
            )
        print(figures.report().splitlines()[0])
        if (PERF / "bare_app.py").exists():
            for attached in (False, True):
                meeting, bare = idle_cpu(args.seconds, base, attached=attached)
                ratio = meeting / bare if bare > 0 else float("inf")
                print(
                    f"idle CPU, {'with' if attached else 'without'} a note-taker: meeting "
                    f"{meeting:.2f} %, bare {bare:.2f} %, ratio {ratio:.2f} (target <= 1.5)"
                )
        else:
            print(f"idle CPU: skipped, no bare_app.py in {PERF} (set CASEROOM_PERF)")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
