"""Capture to durable: `Meeting.add_learning_point` + `SessionKeeper.save` until fsync'd, with
10 / 1,000 / 5,000 captures already in the session.

Run by hand (about half a minute with the defaults):

    .venv/bin/python bench/capture_durable.py                 # 30 reps per size
    .venv/bin/python bench/capture_durable.py --reps 10       # a quick look

A running meeting (3 people, the default case, the system clock) gets N captures (two
learning points to one proposal, ~120 characters each, spread over the agenda); then each rep
adds one learning point and saves it the way the meeting screen does (`SessionKeeper.save`:
whole document -> tomli-w -> temporary file, fsync, rename, fsync of the folder), timed until
`save` returns, i.e. the capture is on disk. The capture is removed again so N stays fixed.
Sizes are interleaved per rep. The phases of a save (building the document, tomli-w, the
durable write) are timed apart afterwards. The reference column is the team's
`atomic_write_bench.py` (a session-like TOML of N notes, tomli-w + write + fsync + rename) in
the same folder. Target: median <= 20 ms at 1,000; a save on the UI thread longer than one
frame (16.7 ms at 60 fps) drops frames, longer than ~100 ms is a visible stall.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tomli_w
from _benchlib import PERF, Row, emit, median, require_perf, verdict

from caseroom.domain.clock import SystemClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.atomic import write_atomic
from caseroom.store.cases import open_case
from caseroom.store.keeper import SessionKeeper
from caseroom.store.session_file import to_document

TARGET_MS, TARGET_AT = 20.0, 1000
FRAME_MS, STALL_MS = 1000 / 60, 100.0
TEXT = (
    "Vi skal aftale, hvem der ringer patienten op efter årsstatus, og skrive det i "
    "journalen med det samme - nr. {n}"
)


def build(captures: int, path: Path) -> SessionKeeper:
    case, source, _ = open_case(None)
    people = [
        Participant("Anna", "læge"),
        Participant("Bo", "sygeplejerske"),
        Participant("Carl", "sekretær"),
    ]
    meeting = Meeting(case, SystemClock(), participants=people, case_source=source)
    meeting.start()
    steps = len(meeting.agenda.steps) - 1
    for n in range(captures):
        if n % 3 == 2:
            meeting.add_proposal(TEXT.format(n=n), area="arbejdsgang", responsible="Bo")
        else:
            meeting.add_learning_point(TEXT.format(n=n))
        if (n + 1) % (captures // steps + 1) == 0 and meeting.agenda.cursor < steps - 1:
            meeting.next()
    keeper = SessionKeeper(meeting, path)
    assert keeper.save(), keeper.error
    return keeper


def capture(keeper: SessionKeeper, n: int) -> float:
    started = time.perf_counter()
    keeper.meeting.add_learning_point(f"Bench capture {n}: " + TEXT.format(n=n))
    assert keeper.save(), keeper.error
    elapsed = time.perf_counter() - started
    keeper.meeting.learning_points.pop()
    return elapsed


def phases(keeper: SessionKeeper) -> tuple[float, float, float, int]:
    t0 = time.perf_counter()
    doc = to_document(keeper.meeting)
    t1 = time.perf_counter()
    data = tomli_w.dumps(doc).encode("utf-8")
    t2 = time.perf_counter()
    write_atomic(keeper.path, data)
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2, len(data)


def reference(sizes: list[int], reps: int, folder: Path) -> dict[int, float]:
    """The team's atomic_write_bench: median ms of a tomli-w autosave of N notes."""
    done = subprocess.run(
        [
            sys.executable,
            str(PERF / "atomic_write_bench.py"),
            "--notes",
            ",".join(map(str, sizes)),
            "--reps",
            str(reps),
            "--dir",
            str(folder),
            "--fsync-dir",
        ],
        cwd=PERF,
        capture_output=True,
        text=True,
        check=True,
    )
    last = done.stdout.strip().splitlines()[-1]
    return {int(n): float(ms) for n, ms in re.findall(r"N=(\d+): ([\d.]+)", last)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,1000,5000")
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--dir", type=Path, help="folder for the session files (a disk, not tmpfs)")
    args = parser.parse_args()
    require_perf("atomic_write_bench.py")
    sizes = [int(s) for s in args.sizes.split(",")]
    folder = Path(tempfile.mkdtemp(prefix="crbench_capture", dir=args.dir))
    try:
        keepers = {n: build(n, folder / f"s{n}" / "session.toml") for n in sizes}
        for n in sizes:  # warm-up
            capture(keepers[n], -1)
        times: dict[int, list[float]] = {n: [] for n in sizes}
        for rep in range(args.reps):
            for n in sizes:
                times[n].append(capture(keepers[n], rep))
        split: dict[int, list[tuple[float, float, float, int]]] = {n: [] for n in sizes}
        for _ in range(max(5, args.reps // 3)):
            for n in sizes:
                split[n].append(phases(keepers[n]))
        ref = reference(sizes, max(5, args.reps // 2), folder / "ref")
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    print(f"capture_durable: {args.reps} reps per size, interleaved; folder on {folder.parent}")
    print(
        f"{'captures':>8} {'KiB':>7} {'median ms':>9} {'min':>7} {'max':>7} | {'document':>8} "
        f"{'tomli-w':>7} {'write':>7} | {'ref ms':>7}"
    )
    for n in sizes:
        ms = [1000 * v for v in times[n]]
        doc, dump, write = (1000 * median([p[i] for p in split[n]]) for i in range(3))
        size = split[n][-1][3] / 1024
        print(
            f"{n:8d} {size:7.1f} {median(ms):9.2f} {min(ms):7.2f} {max(ms):7.2f} | {doc:8.2f} "
            f"{dump:7.2f} {write:7.2f} | {ref.get(n, float('nan')):7.2f}"
        )
    for n in sizes:
        value = median(times[n]) * 1000
        if value > STALL_MS:
            note = f"a visible stall of the UI (> {STALL_MS:.0f} ms) on every capture"
        elif value > FRAME_MS:
            note = f"{value / FRAME_MS:.0f} frames dropped on every capture (> {FRAME_MS:.1f} ms)"
        else:
            note = "within one frame"
        print(f"  {n:>5} captures: save on the UI thread = {note}")
    for n in sizes:
        value = median(times[n]) * 1000
        at_target = n == TARGET_AT
        emit(
            Row(
                f"capture -> durable, {n:,} captures, median ms",
                f"{value:.1f}",
                f"{ref[n]:.1f} (ref)" if n in ref else "",
                f"{value / ref[n]:.2f}x" if n in ref else "",
                f"<= {TARGET_MS:g} ms" if at_target else "(no target)",
                verdict(value, TARGET_MS)
                if at_target
                else ("UI stall" if value > STALL_MS else ""),
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
