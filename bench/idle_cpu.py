"""Idle cost while the countdown runs: CPU (% of one core), RSS and terminal bytes/s of caseroom
against the bare Textual app, both at once in tmux 120x40.

Run by hand (warm-up + 60 s sampled, about 75 s in all):

    .venv/bin/python bench/idle_cpu.py                  # the 60 s figure
    .venv/bin/python bench/idle_cpu.py --duration 15    # a quick look

caseroom runs `caseroom run --people … --session …`; the meeting is started with space once
its screen is up, so its big countdown, agenda and figures tick as in a real meeting (and its
5 s heartbeat saves the session). The bare app (the team's `bare_app.py`) ticks its 1 Hz Digits
countdown. Each app has its own tmux server (private socket, no config). The method follows
the team's `idle_cpu.sh`: CPU is user+sys of the pane's process tree (psutil), % of one core;
the tmux server's CPU (the terminal parsing what the app writes) is shown apart; RSS/USS are
of the process tree at the end. Terminal bytes/s are counted exactly with `tmux pipe-pane`.
Targets: CPU <= 1.5x the bare app and < 2 % of a core; RSS <= 1.3x.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import psutil
from _benchlib import (
    PEOPLE,
    Row,
    Tmux,
    bare_command,
    bench_env,
    both,
    caseroom_command,
    emit,
    median,
    require_perf,
    verdict,
)

CPU_RATIO, CPU_ABS, RSS_RATIO = 1.5, 2.0, 1.3


def tree(pid: int) -> list[psutil.Process]:
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def cpu_seconds(procs: list[psutil.Process]) -> float:
    total = 0.0
    for proc in procs:
        try:
            c = proc.cpu_times()
            total += c.user + c.system + c.children_user + c.children_system
        except psutil.NoSuchProcess:
            pass
    return total


def write_chars(procs: list[psutil.Process]) -> int:
    total = 0
    for proc in procs:
        try:
            total += proc.io_counters().write_chars
        except (psutil.NoSuchProcess, psutil.AccessDenied, AttributeError):
            pass
    return total


class App:
    def __init__(self, name: str, tmux: Tmux, pipe: Path) -> None:
        self.name, self.tmux, self.pipe = name, tmux, pipe
        self.pane, self.server = tmux.pids()

    def snapshot(self) -> dict[str, float]:
        procs = tree(self.pane)
        return {
            "t": time.monotonic(),
            "alive": float(bool(procs)),
            "cpu": cpu_seconds(procs),
            "server": cpu_seconds(tree(self.server)[:1]),
            "wchar": float(write_chars(procs)),
            "term": float(self.pipe.stat().st_size if self.pipe.exists() else 0),
        }

    def memory(self) -> tuple[float, float]:
        procs = tree(self.pane)
        rss = sum(p.memory_info().rss for p in procs) / 2**20
        uss = sum(p.memory_full_info().uss for p in procs) / 2**20
        return rss, uss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds sampled")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds before sampling")
    parser.add_argument("--windows", type=int, default=6, help="sub-windows (spread)")
    args = parser.parse_args()
    require_perf("bare_app.py")
    home = Path(tempfile.mkdtemp(prefix="crbench_idle"))
    env = bench_env(home)
    cr_tmux, bare_tmux = Tmux("idle_cr"), Tmux("idle_bare")
    try:
        cr_tmux.start(
            [*caseroom_command(), "run", "--people", PEOPLE, "--session", str(home / "s.toml")],
            env,
        )
        bare_tmux.start(bare_command(), env)
        cr_tmux.wait_for("KLAR")
        cr_tmux.send("Space")
        cr_tmux.wait_for("KØRER")
        bare_tmux.wait_for("count=000000")
        apps = [App("caseroom", cr_tmux, home / "cr.out"), App("bare", bare_tmux, home / "b.out")]
        for app in apps:
            app.tmux.pipe_to(app.pipe)
        time.sleep(args.warmup)
        snaps = [[app.snapshot() for app in apps]]
        for _ in range(args.windows):
            time.sleep(args.duration / args.windows)
            snaps.append([app.snapshot() for app in apps])
        memory = [app.memory() for app in apps]
        screens = [app.tmux.capture() for app in apps]
    finally:
        cr_tmux.kill()
        bare_tmux.kill()
        shutil.rmtree(home, ignore_errors=True)

    results = {}
    for index, app in enumerate(apps):
        series = [s[index] for s in snaps]
        first, last = series[0], series[-1]
        seconds = last["t"] - first["t"]
        windows = [
            100 * (b["cpu"] - a["cpu"]) / (b["t"] - a["t"])
            for a, b in zip(series, series[1:], strict=False)
        ]
        results[app.name] = {
            "cpu": 100 * (last["cpu"] - first["cpu"]) / seconds,
            "win_min": min(windows),
            "win_med": median(windows),
            "win_max": max(windows),
            "server": 100 * (last["server"] - first["server"]) / seconds,
            "term": (last["term"] - first["term"]) / seconds,
            "wchar": (last["wchar"] - first["wchar"]) / seconds,
            "rss": memory[index][0],
            "uss": memory[index][1],
            "alive": all(s["alive"] for s in series),
            "seconds": seconds,
        }
    cr, bare = results["caseroom"], results["bare"]
    if "KØRER" not in screens[0]:
        print("idle_cpu: WARNING caseroom's meeting was not running at the end:\n" + screens[0])
    if not (cr["alive"] and bare["alive"]):
        print("idle_cpu: WARNING a process died during the run")
    print(
        f"idle_cpu: both at once in tmux 120x40, warm-up {args.warmup:.0f} s, sampled "
        f"{cr['seconds']:.1f} s in {args.windows} windows"
    )
    print(
        f"{'':9} {'%core':>6} {'win min':>7} {'win med':>7} {'win max':>7} {'tmux %':>6} "
        f"{'term B/s':>8} {'wchar B/s':>9} {'RSS MiB':>7} {'USS MiB':>7}"
    )
    for name, r in results.items():
        print(
            f"{name:9} {r['cpu']:6.2f} {r['win_min']:7.2f} {r['win_med']:7.2f} {r['win_max']:7.2f} "
            f"{r['server']:6.2f} {r['term']:8.0f} {r['wchar']:9.0f} {r['rss']:7.1f} {r['uss']:7.1f}"
        )
    cpu_ratio = cr["cpu"] / bare["cpu"] if bare["cpu"] > 0 else float("nan")
    rss_ratio = cr["rss"] / bare["rss"]
    term_ratio = cr["term"] / bare["term"] if bare["term"] > 0 else float("nan")
    print(
        f"idle_cpu: caseroom {cr['cpu']:.2f} % core, RSS {cr['rss']:.1f} MiB, {cr['term']:.0f} B/s "
        f"| bare {bare['cpu']:.2f} % core, RSS {bare['rss']:.1f} MiB, {bare['term']:.0f} B/s "
        f"| CPU ratio {cpu_ratio:.2f}, RSS ratio {rss_ratio:.2f} over {cr['seconds']:.0f} s"
    )
    sampled = f"{cr['seconds']:.0f} s"
    emit(
        Row(
            f"idle CPU, countdown running, % of a core ({sampled})",
            f"{cr['cpu']:.2f}",
            f"{bare['cpu']:.2f}",
            f"{cpu_ratio:.2f}x",
            f"<= {CPU_RATIO}x and < {CPU_ABS:g} %",
            both(verdict(cpu_ratio, CPU_RATIO), verdict(cr["cpu"], CPU_ABS)),
        )
    )
    emit(
        Row(
            "RSS while idle, MiB",
            f"{cr['rss']:.1f}",
            f"{bare['rss']:.1f}",
            f"{rss_ratio:.2f}x",
            f"<= {RSS_RATIO}x",
            verdict(rss_ratio, RSS_RATIO),
        )
    )
    emit(
        Row(
            "terminal output while idle, bytes/s",
            f"{cr['term']:.0f}",
            f"{bare['term']:.0f}",
            f"{term_ratio:.2f}x",
            "(no target)",
            "",
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
