"""`caseroom report` over 1,000 session files: time against merely parsing them, and memory.

The files are the report's fixture sessions (tests/data/report/) varied: a case meeting of
one clinic, a cluster meeting of two, and an older session without segment kinds (its kinds
come from the bundled case, read once), each on its own day, at one of 12 clinics, with its
minutes and speaking times scaled; every 25th file is a follow-up of the case meeting before
it (and every 50th a follow-up of that follow-up), so the statuses are walked too.

Figures: the best of N runs of (a) reading and parsing every file with `tomllib`, (b) the
report in-process (`read_sessions` + `build_report` + Markdown), (c) the command
(`caseroom report FOLDER > /dev/null`, a fresh process: its start-up included). Target:
(b) <= 3x (a). Then the peak memory (tracemalloc) of (b) over the first 100 files and over
all 1,000: it should not grow with the files beyond the tables themselves.

    .venv/bin/python bench/report_bench.py [--files 1000] [--reps 5]
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
import tomllib
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from caseroom.store.export.report import build_report, read_sessions, to_markdown  # noqa: E402

FIXTURES = ROOT / "tests" / "data" / "report"
CLINICS = [f"Klinik {name}" for name in "ABCDEFGHIJKL"]
SECONDS = re.compile(r"(?m)^(actual_seconds|spoken_seconds) = ([0-9.]+)$")


def _scaled(text: str, rng: random.Random) -> str:
    return SECONDS.sub(lambda m: f"{m[1]} = {float(m[2]) * rng.uniform(0.7, 1.4):.3f}", text)


def make_sessions(folder: Path, count: int) -> None:
    """`count` session files in `folder` (see the module's docstring)."""
    rng = random.Random(20)
    base = {p.name: p.read_text("utf-8") for p in FIXTURES.glob("*.toml")}
    day0 = date(2026, 1, 5)
    last_case: str | None = None  # the date of the last case meeting, for its follow-ups
    last_followup: str | None = None
    for index in range(count):
        day = (day0 + timedelta(days=index)).isoformat()
        clinic = CLINICS[index % len(CLINICS)]
        if index % 50 == 49 and last_followup is not None:
            text = base["followup-6m.toml"].replace("2027-05-25", day)
            text = text.replace("2027-01-19", last_followup)
        elif index % 25 == 24 and last_case is not None:
            text = base["followup-3d.toml"].replace("2027-01-19", day)
            text = text.replace("2026-11-24", last_case)
            last_followup = day
        elif index % 3 == 0:
            text = base["nord-case.toml"].replace("2026-11-24", day)
            last_case = day
        elif index % 3 == 1:
            text = base["klynge.toml"].replace("2026-12-03", day)
            text = text.replace('"Lægerne i Byen"', f'"{CLINICS[(index + 5) % len(CLINICS)]}"')
        else:
            text = base["bay-older.toml"].replace("2026-10-06", day)
            text = text.replace('"Bay Surgery"', '"Lægehuset Nord"')
        text = text.replace('"Lægehuset Nord"', f'"{clinic}"')
        if rng.random() < 0.2:
            text = text.replace('profession = "sekretær"', 'profession = "lægesekretær"')
        (folder / f"session-{index:04d}.toml").write_text(_scaled(text, rng), "utf-8")


def best(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def parse_all(paths: list[Path]) -> None:
    for path in paths:
        tomllib.loads(path.read_bytes().decode("utf-8"))


def report(inputs: list[Path]) -> str:
    reading = read_sessions(inputs)
    return to_markdown(build_report(reading.sessions, "da"))


def peak(inputs: list[Path]) -> int:
    tracemalloc.start()
    report(inputs)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_sessions(folder, args.files)
        paths = sorted(folder.glob("*.toml"))
        size = sum(p.stat().st_size for p in paths)
        print(f"{len(paths)} session files, {size / 1e6:.1f} MB in all")
        report([folder])  # warm: the pydantic-free path, the bundled case read once
        parse = best(args.reps, lambda: parse_all(paths))
        inproc = best(args.reps, lambda: report([folder]))
        command = [sys.executable, "-m", "caseroom", "report", str(folder)]
        cli = best(
            max(1, args.reps // 2),
            lambda: subprocess.run(command, cwd=ROOT, capture_output=True, check=True),
        )
        ratio = inproc / parse
        verdict = "OK" if ratio <= 3 else "OVER"
        print(f"parse with tomllib:   {parse:.3f} s (best of {args.reps})")
        print(
            f"report in-process:    {inproc:.3f} s  = {ratio:.2f}x parsing (target <= 3x)", verdict
        )
        print(
            f"report command (CLI): {cli:.3f} s  = {cli / parse:.2f}x parsing (start-up included)"
        )
        small = peak(paths[:100])
        large = peak(paths)
        print(
            f"peak memory: {small / 1e6:.2f} MB over 100 files, {large / 1e6:.2f} MB over "
            f"{len(paths)} ({large / small:.2f}x for {len(paths) / 100:.0f}x the files)"
        )


if __name__ == "__main__":
    main()
