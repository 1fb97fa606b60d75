"""The timekeeper's clock: idle CPU against the bare Textual app, and change-to-display delay.

Run by hand (it takes about 1 + 1 minutes per variant):

    .venv/bin/python bench/clock_idle.py                     # idle 60 s + 21 changes
    .venv/bin/python bench/clock_idle.py --variant both      # also the watchfiles variant
    .venv/bin/python bench/clock_idle.py --duration 20 --changes 5   # a quick look
    .venv/bin/python bench/clock_idle.py --turns 5000 --before /tmp/caseroom-before
        # a long meeting's session, and the same clock from another checkout (e.g.
        # `git archive <commit> | tar -x -C /tmp/caseroom-before`) measured in the same run

A meeting runs in this process on the system clock and saves like the meeting app does (a
heartbeat every 5 s), so the clock reloads what it would in a real meeting. Idle CPU comes from
../shared/perf/idle_cpu.sh (tmux 120x40, CMD and the bare app side by side, % of one core);
the delay is measured by changing the meeting (next / back) and polling the clock's tmux pane
until the new segment title is on screen. Targets: CPU ratio <= 1.5, median delay <= 1 s.

Variants: `poll` is the product (one 0.5 s tick: a stat, and a repaint of what changed);
`watchfiles` replaces the stat with a watchfiles (inotify) watcher of the session folder,
the tick and its repaints kept the same. `--before TREE` adds `before`: the product's clock
from another checkout of caseroom (PYTHONPATH=TREE), for a before/after in the same run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from caseroom.domain.clock import SystemClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.store.session_file import SessionWriter, save

ROOT = Path(__file__).resolve().parent.parent
PERF = Path(os.environ.get("CASEROOM_PERF", ROOT.parent / "shared" / "perf"))  # beside the repo
HEARTBEAT_SECONDS = 5.0
WATCHFILES_VARIANT = '''
import sys
from pathlib import Path

from watchfiles import awatch

import caseroom.ui.clock_app as clock_app
from caseroom.store.follow import SessionFollower
from caseroom.store.session_file import session_clock
from caseroom.ui.screens.clock import ClockScreen


class WatchingScreen(ClockScreen):
    """The clock's screen with its stat poll replaced by a watchfiles watcher (benchmark only)."""

    def on_mount(self) -> None:
        super().on_mount()
        self.run_worker(self.watch(), exclusive=True)

    def tick(self) -> None:  # the same timer, without the stat
        self.refresh_time()

    async def watch(self) -> None:
        async for _ in awatch(self.follower.path.parent):
            if self.follower.poll():
                self.refresh_view()
                self.align_ticks()


class WatchingClock(clock_app.ClockApp):
    CSS_PATH = str(Path(clock_app.__file__).with_name("clock.tcss"))
    SCREEN = WatchingScreen


path = Path(sys.argv[1])
follower = SessionFollower(path, session_clock(path))
WatchingClock(follower, follower.meeting.case.language).run()
'''


class MeetingWriter:
    """A running meeting that saves on every change and every 5 s, like `caseroom run`."""

    def __init__(self, path: Path, turns: int = 0) -> None:
        case, source, _ = open_case("t2d-aarsstatus")
        people = [Participant("Anna", "læge"), Participant("Bo", "sygeplejerske")]
        self.meeting = Meeting(case, SystemClock(), participants=people, case_source=source)
        self.path = path
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.writer = SessionWriter()  # the keeper's: reuses the text of earlier turns
        self.meeting.start()
        for index in range(turns):  # a long meeting: short turns, all in its first step
            self.meeting.speak(("Anna", "Bo")[index % 2])
        self.save()
        self.thread = threading.Thread(target=self._heartbeat, daemon=True)
        self.thread.start()

    def save(self) -> None:
        with self.lock:
            save(self.meeting, self.path, writer=self.writer)

    def _heartbeat(self) -> None:
        while not self.stop.wait(HEARTBEAT_SECONDS):
            self.save()

    def change(self) -> str:
        """Next, or back when already past Opstart: the title the clock must show next."""
        with self.lock:
            agenda = self.meeting.agenda
            agenda.next() if agenda.cursor == 0 else agenda.back()
            save(self.meeting, self.path, writer=self.writer)
            return agenda.current.segment.title

    def close(self) -> None:
        self.stop.set()
        self.thread.join()


def clock_command(variant: str, path: Path, before: Path | None = None) -> list[str]:
    if variant == "before":
        assert before is not None
        # -P: not the working folder's caseroom (a checkout's root) but the one named
        command = [sys.executable, "-P", "-m", "caseroom", "clock", str(path)]
        return ["env", f"PYTHONPATH={before}", *command]
    if variant == "watchfiles":
        script = path.parent.parent / "clock_watchfiles.py"
        script.write_text(WATCHFILES_VARIANT)
        return [sys.executable, str(script), str(path)]
    return [sys.executable, "-m", "caseroom", "clock", str(path)]


def idle_cpu(command: list[str], duration: float, env: dict[str, str]) -> str:
    env = dict(env, PERF_PYTHON=sys.executable, DURATION=str(int(duration)), WARMUP="5")
    script = subprocess.Popen(
        ["bash", str(PERF / "idle_cpu.sh"), *command],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        out, _ = script.communicate(timeout=duration + 120)
    finally:
        # idle_cpu.sh starts its tmux servers in a subshell, so its own exit trap does not
        # know them: stop both here (named after the script's pid), or they run on
        for side in ("cmd", "bare"):
            subprocess.run(
                ["tmux", "-L", f"perfidle_{script.pid}_{side}", "kill-server"],
                capture_output=True,
                check=False,
            )
    return "\n".join(out.strip().splitlines()[-6:])


def latency(
    command: list[str], writer: MeetingWriter, changes: int, env: dict[str, str]
) -> list[float]:
    """Seconds from a save of a change to its segment title on the clock's screen."""
    socket_name = f"clockbench{os.getpid()}"
    tmux = ["tmux", "-L", socket_name, "-f", "/dev/null"]
    shell_command = " ".join(f"'{word}'" for word in command)
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", "clock", "-x", "120", "-y", "40", shell_command],
        env=env,
        check=True,
    )

    def screen() -> str:
        done = subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", "clock"], capture_output=True, text=True
        )
        return done.stdout

    def title_line(text: str) -> str:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return lines[1] if len(lines) > 1 else ""

    delays: list[float] = []
    try:
        deadline = time.monotonic() + 20
        first = writer.meeting.agenda.current.segment.title
        while first not in title_line(screen()):
            if time.monotonic() > deadline:
                raise SystemExit(f"clock never showed its first screen:\n{screen()}")
            time.sleep(0.05)
        time.sleep(1)
        for _ in range(changes):
            title = writer.change()
            started = time.monotonic()
            while not re.search(rf"\b{re.escape(title)}\b", title_line(screen())):
                if time.monotonic() - started > 10:
                    raise SystemExit(f"{title} not shown within 10 s:\n{screen()}")
                time.sleep(0.005)
            delays.append(time.monotonic() - started)
            time.sleep(0.37)  # land the next change at a different phase of the poll tick
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)
    return delays


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="idle seconds sampled")
    parser.add_argument("--changes", type=int, default=21, help="changes timed for the delay")
    parser.add_argument("--variant", choices=("poll", "watchfiles", "both"), default="poll")
    parser.add_argument("--turns", type=int, default=0, help="speaking turns in the session")
    parser.add_argument("--before", type=Path, help="another caseroom checkout to compare")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("clock_idle: needs tmux", file=sys.stderr)
        return 2
    variants = ["poll", "watchfiles"] if args.variant == "both" else [args.variant]
    if args.before is not None:
        variants.insert(0, "before")
    home = Path(tempfile.mkdtemp(prefix="clockbench"))
    env = dict(os.environ, CASEROOM_HOME=str(home), TERM="xterm-256color")
    env.pop("TEXTUAL", None)
    path = home / "sessions" / "bench.toml"
    writer = MeetingWriter(path, args.turns)
    try:
        for variant in variants:
            command = clock_command(variant, path, args.before)
            print(f"== {variant}: {' '.join(command)}", flush=True)
            if args.duration > 0:
                print(idle_cpu(command, args.duration, env), flush=True)
            if args.changes > 0:
                delays = latency(command, writer, args.changes, env)
                ms = sorted(d * 1000 for d in delays)
                print(
                    f"change -> display ({variant}, {len(ms)} changes): median "
                    f"{statistics.median(ms):.0f} ms, min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms, "
                    f"p90 {ms[int(0.9 * (len(ms) - 1))]:.0f} ms",
                    flush=True,
                )
    finally:
        writer.close()
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
