"""All of caseroom's benchmarks in one go, one after the other, and ONE summary table.

Run by hand (the full run takes about 9 minutes; --quick about 2):

    .venv/bin/python bench/run_all.py                 # the figures for the README / a note
    .venv/bin/python bench/run_all.py --quick         # shorter runs, rougher figures
    .venv/bin/python bench/run_all.py --only startup,key_latency
    .venv/bin/python bench/run_all.py --markdown      # the table as Markdown too

Each benchmark is its own script in bench/ (see its docstring for the method), run with this
Python; what it prints is shown as it comes, and its `BENCH_ROW` lines (see _benchlib.py)
make the table: figure, caseroom, bare app, ratio, target, verdict. `autosave.py` and
`engine.py` are run too when they exist (under --quick with those of --quick / --reps=N that
their --help offers); a script that prints no BENCH_ROW line gets a row pointing to its
output above (`_benchlib.emit(Row(...))` puts its figures in the table). Needs tmux, psutil and
the team's perf folder ($CASEROOM_PERF, default ../shared/perf beside the repository) with
bare_app.py.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from _benchlib import Row, parse_rows, print_table

HERE = Path(__file__).resolve().parent

# name, arguments of the full run, arguments of --quick
BENCHES: list[tuple[str, list[str], list[str]]] = [
    ("startup", [], ["-n", "5"]),
    ("idle_cpu", [], ["--duration", "15", "--windows", "3"]),
    ("key_latency", [], ["--presses", "50", "--rounds", "1"]),
    ("capture_durable", [], ["--reps", "10"]),
    ("drift", [], ["--speed", "300"]),
    ("terminal_close", [], ["--runs", "12"]),
    ("follow_cost", [], ["--reps", "10"]),
    ("autosave", [], ["--quick", "--reps=5"]),  # optional: written by another engineer
    ("engine", [], ["--quick", "--reps=2"]),  # optional
]
OPTIONAL = {"autosave", "engine"}


def offered(script: Path, args: list[str]) -> list[str]:
    """The arguments (`--opt` or `--opt=value`) whose option the script's --help mentions."""
    done = subprocess.run(
        [sys.executable, str(script), "--help"], capture_output=True, text=True, timeout=60
    )
    return [a for a in args if a.split("=")[0] in done.stdout.split()]


def run(name: str, args: list[str]) -> tuple[int, str, float]:
    """Run one benchmark, echoing its output; (exit code, output, seconds)."""
    print(f"\n=== {name} {' '.join(args)}".rstrip(), flush=True)
    started = time.monotonic()
    with subprocess.Popen(
        [sys.executable, str(HERE / f"{name}.py"), *args],
        cwd=HERE.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            print(line, end="", flush=True)
            lines.append(line)
        code = proc.wait()
    return code, "".join(lines), time.monotonic() - started


def markdown(rows: list[Row]) -> str:
    out = [
        "| figure | caseroom | bare app | ratio | target | verdict |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        cells = [r.figure, r.caseroom, r.bare, r.ratio, r.target, r.verdict]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs (rougher figures)")
    parser.add_argument("--only", help="comma-separated benchmark names")
    parser.add_argument("--skip", default="", help="comma-separated benchmark names")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown too")
    args = parser.parse_args()
    names = [b[0] for b in BENCHES]
    only = set(args.only.split(",")) if args.only else set(names)
    skip = set(filter(None, args.skip.split(",")))
    unknown = (only | skip) - set(names)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {names}")

    rows: list[Row] = []
    timings: list[str] = []
    for name, full, quick in BENCHES:
        script = HERE / f"{name}.py"
        if name not in only or name in skip:
            continue
        if not script.exists():
            if name not in OPTIONAL:
                rows.append(Row(name, "", verdict="MISSING"))
            continue
        bench_args = quick if args.quick else full
        if name in OPTIONAL:
            bench_args = offered(script, bench_args)
        code, output, seconds = run(name, bench_args)
        timings.append(f"{name} {seconds:.0f} s")
        got = parse_rows(output)
        if code != 0:
            tail = output.strip().splitlines()[-1:] or [""]
            got.append(Row(f"{name}: exited {code}", "", verdict="FAILED", target=tail[0][:60]))
        elif not got:
            got.append(Row(f"{name}.py", "see its output above", verdict="(no BENCH_ROW lines)"))
        rows.extend(got)

    import textual

    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(
        f"\n=== caseroom benchmarks{' (--quick)' if args.quick else ''}, "
        f"{datetime.now():%Y-%m-%d %H:%M}, Python {platform.python_version()}, "
        f"Textual {textual.__version__}, {os.cpu_count()} CPUs, load {load}"
    )
    print("    " + "; ".join(timings))
    print_table(rows)
    if args.markdown:
        print()
        print(markdown(rows))
    return 1 if any(r.verdict in ("FAILED", "MISSING") for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
