"""Startup to first paint: `caseroom run --people … --session …` against the bare Textual app.

Run by hand (about 2 s per run; the default 15 runs of each take about a minute):

    .venv/bin/python bench/startup.py            # N=15 interleaved, + 1 warm-up each
    .venv/bin/python bench/startup.py -n 5       # a quick look

Each run gets a fresh pseudo-terminal of 120x40 from the team's `_ptyrun.py` (run from the
shared perf folder): the time from fork to the first time the marker text reaches the
terminal, then the app is killed. caseroom's marker is the state label of its meeting screen
("KLAR", shown until the meeting starts), the bare app's is its counter line
("count=000000"), both part of the first full frame. Runs alternate A B / B A so machine
drift hits both evenly; the figure is the ratio of the medians (target <= 1.3x), with the
median of the pairwise ratios beside it. Each caseroom run has its own new session file
under a temporary CASEROOM_HOME.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from _benchlib import (
    COLS,
    PEOPLE,
    PERF,
    ROWS,
    Row,
    bare_command,
    bench_env,
    caseroom_command,
    emit,
    median,
    require_perf,
    verdict,
)

TARGET = 1.3


def ptyrun(command: list[str], marker: str, env: dict[str, str], timeout: float) -> dict[str, Any]:
    done = subprocess.run(
        [
            sys.executable,
            str(PERF / "_ptyrun.py"),
            "--cols",
            str(COLS),
            "--rows",
            str(ROWS),
            "--timeout",
            str(timeout),
            "--marker",
            marker,
            "--stop-at-marker",
            "--",
            *command,
        ],
        cwd=PERF,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if result["rc"] != 0 or result["marker_ms"] is None:
        raise SystemExit(f"startup: {command[0]} never showed {marker!r}: {result}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=15, help="timed runs of each app")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--marker", default="KLAR", help="caseroom's first-frame text")
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    require_perf("_ptyrun.py", "bare_app.py")
    home = Path(tempfile.mkdtemp(prefix="crbench_startup"))
    env = bench_env(home)
    counter = 0

    def caseroom() -> dict[str, Any]:
        nonlocal counter
        counter += 1
        session = home / f"startup-{counter}.toml"
        command = [*caseroom_command(), "run", "--people", PEOPLE, "--session", str(session)]
        return ptyrun(command, args.marker, env, args.timeout)

    def bare() -> dict[str, Any]:
        return ptyrun(bare_command(), "count=000000", env, args.timeout)

    runs: dict[str, list[dict[str, Any]]] = {"caseroom": [], "bare": []}
    try:
        for _ in range(args.warmup):
            bare()
            caseroom()
        for index in range(args.runs):
            if index % 2 == 0:
                runs["bare"].append(bare())
                runs["caseroom"].append(caseroom())
            else:
                runs["caseroom"].append(caseroom())
                runs["bare"].append(bare())
    finally:
        shutil.rmtree(home, ignore_errors=True)

    paint = {k: [r["marker_ms"] for r in v] for k, v in runs.items()}
    first = {k: [r["first_byte_ms"] for r in v] for k, v in runs.items()}
    pairs = [c / b for c, b in zip(paint["caseroom"], paint["bare"], strict=True)]
    ratio = median(paint["caseroom"]) / median(paint["bare"])
    print(
        f"startup: {args.runs} runs each, interleaved (+{args.warmup} warm-up), pty {COLS}x{ROWS}, "
        f"python {sys.version.split()[0]}"
    )
    print(f"{'ms':10} {'paint med':>9} {'paint min':>9} {'paint max':>9} {'1st byte med':>12}")
    for name in ("caseroom", "bare"):
        values = paint[name]
        print(
            f"{name:10} {median(values):9.0f} {min(values):9.0f} {max(values):9.0f} "
            f"{median(first[name]):12.0f}"
        )
    print("caseroom paint ms: " + " ".join(f"{v:.0f}" for v in paint["caseroom"]))
    print("bare     paint ms: " + " ".join(f"{v:.0f}" for v in paint["bare"]))
    print(
        f"startup: first paint median caseroom {median(paint['caseroom']):.0f} ms, bare "
        f"{median(paint['bare']):.0f} ms, ratio of medians {ratio:.2f} (pairwise median "
        f"{median(pairs):.2f}, min {min(pairs):.2f}, max {max(pairs):.2f}); target <= {TARGET}"
    )
    emit(
        Row(
            f"startup to first paint, median ms (N={args.runs})",
            f"{median(paint['caseroom']):.0f}",
            f"{median(paint['bare']):.0f}",
            f"{ratio:.2f}x",
            f"<= {TARGET}x",
            verdict(ratio, TARGET),
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
