"""Drift of the displayed countdown against the wall clock over a full `--speed 60` meeting.

Run by hand (the default case is 150 planned minutes: 2.5 minutes of wall time at speed 60):

    .venv/bin/python bench/drift.py                  # the figure
    .venv/bin/python bench/drift.py --speed 300      # a quick look (30 s)

A real `caseroom run --speed 60 --people … --session …` process runs in tmux 56x18. The
meeting is started with space, and `n` is sent at each step's planned end (wall clock:
start + planned minutes / speed), so the meeting walks the whole agenda on time; the last
step (Afslutning, where `n` moves the evaluation round on) is left to run 2 s of wall time
into overrun. Meanwhile the screen is read with `tmux capture-pane` about every 0.1 s and the big
countdown (one text line on a compact 56x18 screen) is read back into seconds. Afterwards the
file tells when each step really started (on the app's SpeedClock timeline, stored as
virtual wall-clock times with the clock's latest `[[clock.change]]`: from real time R on it
reads V and runs at speed), and for every reading taken at wall time T the countdown SpeedClock
predicts is

    planned + extension - (V + (T - R) * speed - step start)

error = shown - predicted, in meeting seconds (the unit the countdown shows). A fresh
display shows the predicted value rounded up (0..1 s); a display that is δ wall seconds old
is speed·δ meeting seconds behind (the screen repaints every 0.05 s at speed 60: 0..3 s), so
at speed 60 a lag that a real meeting would show as 0.1 s reads as 6 s. The figure is the
error over the last 15 s of the meeting (median) in wall seconds, i.e. what it would be in a
real meeting: target <= 1 s; it is printed in meeting seconds too, with its growth from the
first step. Second figure, the app's own clock against the wall clock: how much later than
the `n` keys were sent the app recorded the step starts, at the end minus at the start.
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import time
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

from _benchlib import PEOPLE, Row, Tmux, bench_env, caseroom_command, emit, median, verdict

from caseroom.domain.agenda import AgendaRun
from caseroom.domain.clock import SpeedChange, SystemClock
from caseroom.store.cases import open_case

TARGET = 1.0
COMPACT_COLS, COMPACT_ROWS = 56, 18  # below 60x20 the countdown is a single text line
SHOWN = re.compile(r"^\+?(\d+:)?\d\d:\d\d$")
SETTLE = 0.3  # wall seconds after a step change before its new countdown must show
WRONG = 60.0  # meeting s: an error this large means the previous step is still shown
EDGE = 15.0  # wall seconds at the start of the first step and the end of the last, compared


def read_countdown(screen: str) -> str | None:
    """The countdown's text (e.g. 08:41, +03:12, 1:02:03) from the compact screen.

    At COMPACT_COLS x COMPACT_ROWS the meeting screen shows the countdown as one bold line,
    so it can be read exactly (the large block figures cannot be decoded reliably).
    """
    for line in screen.splitlines():
        if SHOWN.match(line.strip()):
            return line.strip()
    return None


def seconds_of(shown: str) -> float:
    """08:41 -> 521, +03:12 -> -192 (over time), 1:02:03 -> 3723."""
    sign = -1 if shown.startswith("+") else 1
    value = 0
    for part in shown.lstrip("+").split(":"):
        value = value * 60 + int(part)
    return float(sign * value)


def real(virtual: datetime, change: SpeedChange) -> float:
    """A time on the app's SpeedClock timeline (its latest change) -> wall-clock epoch seconds."""
    return change.real.timestamp() + (virtual - change.virtual).total_seconds() / change.speed


def latest_change(doc: dict[str, Any]) -> SpeedChange:
    """The session's clock as it runs now: its last `[[clock.change]]` (format 1: its origin)."""
    table = doc["clock"]
    if "change" not in table:
        return SpeedChange(table["origin"], table["origin"], float(table["speed"]))
    last = table["change"][-1]
    return SpeedChange(last["real"], last["virtual"], float(last["speed"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", type=float, default=60.0)
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between readings")
    parser.add_argument("--overrun", type=float, default=2.0, help="wall s past the planned end")
    args = parser.parse_args()
    case, _, _ = open_case(None)
    planned = [s.planned_seconds for s in AgendaRun(case, SystemClock()).steps]
    wall_length = sum(planned) / args.speed
    if wall_length > 180:
        raise SystemExit(f"drift: {wall_length:.0f} s of wall time; give a higher --speed")
    home = Path(tempfile.mkdtemp(prefix="crbench_drift"))
    path = home / "drift.toml"
    tmux = Tmux("drift", cols=COMPACT_COLS, rows=COMPACT_ROWS)
    readings: list[tuple[float, float, str | None]] = []
    sent: list[float] = []
    try:
        tmux.start(
            [
                *caseroom_command(),
                "run",
                "--speed",
                f"{args.speed:g}",
                "--people",
                PEOPLE,
                "--session",
                str(path),
            ],
            bench_env(home),
        )
        tmux.wait_for("KLAR")
        tmux.send("Space")
        tmux.wait_for("KØRER")
        doc = tomllib.loads(path.read_text("utf-8"))
        change = latest_change(doc)
        speed = change.speed
        start = real(doc["started_at"], change)
        presses, total = [], 0.0
        for seconds in planned[:-1]:
            total += seconds
            presses.append(start + total / speed)
        # the last step (Afslutning) runs an evaluation round where `n` means "next person":
        # it is left to run into overrun for a moment instead
        stop = start + sum(planned) / speed + args.overrun
        while time.time() < stop:
            if presses and time.time() >= presses[0]:
                presses.pop(0)
                sent.append(time.time())
                tmux.send("n")
                continue
            before = time.time()
            screen = tmux.capture()
            after = time.time()
            readings.append(((before + after) / 2, after - before, read_countdown(screen)))
            due = min([stop, *presses[:1]])
            time.sleep(max(0.0, min(args.interval - (after - before), due - time.time())))
        doc = tomllib.loads(path.read_text("utf-8"))
    finally:
        tmux.kill()
        shutil.rmtree(home, ignore_errors=True)

    steps = doc["agenda"]["step"]
    spans = []  # (real start, real end, planned + extension)
    for step in steps:
        if step is steps[-1]:
            assert not step["spans"], "the last step has ended"
            begin, end = real(doc["agenda"]["running_since"], change), float("inf")
        else:
            (first_span, *more) = step["spans"]
            assert not more, f"step {step['key']} ran in more than one span"
            begin, end = (real(at, change) for at in first_span)
        spans.append((begin, end, step["planned_seconds"] + step["extension_seconds"]))
    lags = [1000 * (s[0] - t) for s, t in zip(spans[1:], sent, strict=True)]
    errors: list[tuple[float, int, float]] = []  # (wall time, step index, error)
    unread = 0
    for at, _, shown in readings:
        index = next((i for i, s in enumerate(spans) if s[0] + SETTLE <= at < s[1]), None)
        if index is None:
            continue  # at a step change: either value may be on screen
        if shown is None:
            unread += 1
            continue
        begin, _, length = spans[index]
        predicted = length - (at - begin) * speed
        errors.append((at, index, seconds_of(shown) - predicted))
    wrong = [e for e in errors if not -WRONG < e[2] < WRONG]  # still the previous step shown
    errors = [e for e in errors if -WRONG < e[2] < WRONG]
    first = [e for at, i, e in errors if i == 0 and at < spans[0][0] + EDGE]
    last_index = len(spans) - 1
    last = [e for at, i, e in errors if i == last_index and at >= readings[-1][0] - EDGE]
    growth = median(last) - median(first)
    end_wall = median(last) / speed
    clock_drift = lags[-1] - lags[0]
    everything = [e for _, _, e in errors]
    print(
        f"drift: --speed {speed:g}, {len(steps)} steps, {sum(planned) / 60:.0f} planned minutes in "
        f"{readings[-1][0] - spans[0][0]:.1f} s of wall time; {len(readings)} readings "
        f"({len(errors)} compared, {unread} undecodable, {len(wrong)} still showing the previous "
        f"step > {SETTLE} s after a change), capture-pane median "
        f"{1000 * median([r[1] for r in readings]):.1f} ms"
    )
    print(
        f"  error shown - predicted (meeting s): first step median {median(first):+.2f} "
        f"(n={len(first)}), last step median {median(last):+.2f} (n={len(last)}); all readings "
        f"median {median(everything):+.2f}, min {min(everything):+.2f}, "
        f"max {max(everything):+.2f}"
    )
    for label, pick in (("median", median), ("min", min)):
        per_step = " ".join(
            f"{pick(found):+.1f}" if (found := [e for _, i, e in errors if i == k]) else "—"
            for k in range(len(spans))
        )
        print(f"  {label} error per step (meeting s): {per_step}")
    print(
        f"  at the end: shown - predicted {median(last):+.2f} meeting s = "
        f"{1000 * end_wall:+.1f} ms of wall time; growth first -> last step {growth:+.2f} "
        f"meeting s "
        f"({1000 * growth / speed:+.1f} ms wall)"
    )
    print(
        f"  the app's clock vs keys sent (wall ms): step starts lag median {median(lags):.1f}, "
        f"first {lags[0]:.1f}, last {lags[-1]:.1f}, max {max(lags):.1f}; drift last - first "
        f"{clock_drift:+.1f} ms"
    )
    emit(
        Row(
            f"countdown vs wall clock at the end of a --speed {speed:g} meeting, s",
            f"{end_wall:+.3f} wall = {median(last):+.1f} shown",
            "",
            "",
            f"<= {TARGET:g} s",
            verdict(abs(end_wall), TARGET),
        )
    )
    emit(
        Row(
            "drift of the app's clock over the meeting (step starts vs keys), ms",
            f"{clock_drift:+.1f}",
            "",
            "",
            f"<= {1000 * TARGET:g} ms",
            verdict(abs(clock_drift), 1000 * TARGET),
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
