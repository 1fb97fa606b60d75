"""Closing the terminal right after a key: does caseroom end, saved and unlocked, in time?

Run by hand (50 closes take about a minute and a half):

    .venv/bin/python bench/terminal_close.py                  # 50 closes
    .venv/bin/python bench/terminal_close.py --runs 8 --seed 3
    .venv/bin/python bench/terminal_close.py --no-sighup      # the tty is not the controlling one

Every run starts `caseroom run --people "Anna:læge,Bo:sygeplejerske" --session FILE` in a new
120x40 pseudo-terminal (TERM=xterm-256color, CASEROOM_HOME in a temporary folder) that is the
process's controlling terminal, as in a terminal window or tmux. It waits for KLAR, starts the
meeting with space and waits for KØRER; in some runs it types a learning point first and waits
for its "Gemt ✓". Then the last key: `1` (Anna speaks), `n` (the next step) or `l`, a text and
Enter, in turn; and 0–100 ms later (reading the screen meanwhile) it closes the pty's master
side, and nothing else: the harness sends no signal. Half the closes come in the first 15 ms,
while the key's frame is being written: that is when Textual's shutdown used to block on the
dead terminal (a close before the key is read loses the key with the terminal's input; one
after the frame met an idle app). Of the other half, a capture's close comes 0–85 ms after
its "Gemt ✓" appeared: a note confirmed, then the window closed at once. The kernel hangs
the terminal up, as when a window is closed or `tmux kill-session` runs: SIGHUP and SIGCONT,
reads give EOF and writes EIO.
With --no-sighup the pty is only the process's stdin/stdout/stderr, not its controlling
terminal, so the hangup comes with no signal at all.

A capture counts as CONFIRMED when a frame shows one more "Gemt ✓" than the frame before its
Enter (killloop.py's screen model: only whole frames are read). After the process ends, the
session file must load and hold every confirmed capture, the lock file must be gone and the
lock free (a new SessionLock is taken and released).

Figures: runs; hung (the process still there HUNG_SECONDS after the close: SIGKILLed, must
be 0), also by the delay of the close; ended later than 2 s after it; lost confirmed captures
(must be 0); files that do not load; locks left; exit codes; time from the close to the end of
the process (median / 90th percentile / max); time.
"""

from __future__ import annotations

import argparse
import codecs
import collections
import fcntl
import os
import pty
import random
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for folder in (ROOT, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from _benchlib import Row, emit, verdict  # noqa: E402
from killloop import Screen, caseroom_command  # noqa: E402

from caseroom.domain.errors import CaseroomError  # noqa: E402
from caseroom.store.lock import SessionLock, lock_path  # noqa: E402
from caseroom.store.session_file import load, session_clock  # noqa: E402

PEOPLE = "Anna:læge,Bo:sygeplejerske"
COLS, ROWS = 120, 40
SAVED = "Gemt ✓"
# the meeting screen's notice line counts a save said again while it shows: "Gemt ✓ ×2"
SAVED_AGAIN = re.compile(re.escape(SAVED) + r"(?: ×(\d+))?")


def saves_shown(screen: str) -> int:
    """The saves a frame shows: each "Gemt ✓", and "Gemt ✓ ×N" as N."""
    return sum(int(count or 1) for count in SAVED_AGAIN.findall(screen))


FORM = "Enter gemmer"  # the capture form is open
READY_SECONDS = 30.0
CONFIRM_SECONDS = 10.0
HUNG_SECONDS = 5.0  # still there this long after the close: hung
LIMIT_SECONDS = 2.0  # what caseroom promises
LAST_KEYS = ("1", "n", "l")
FRAME_SECONDS = 0.015  # a key's frame is written within this, on this machine


def close_delays(runs: int, rng: random.Random) -> list[float]:
    """0–100 ms, half of them within FRAME_SECONDS of the key."""
    return [
        rng.uniform(0.0, FRAME_SECONDS) if i % 2 == 0 else rng.uniform(FRAME_SECONDS, 0.1)
        for i in range(runs)
    ]


class Ended(Exception):
    """The process ended (or its terminal did) before the close."""


class Window:
    """caseroom in a fresh pseudo-terminal, as in a terminal window we can close."""

    def __init__(self, args: list[str], home: Path, *, controlling: bool = True) -> None:
        env = dict(os.environ, CASEROOM_HOME=str(home), TERM="xterm-256color")
        path = env.get("PYTHONPATH", "")
        env["PYTHONPATH"] = str(ROOT) + (os.pathsep + path if path else "")
        for name in ("TEXTUAL", "TEXTUAL_DRIVER", "NO_COLOR", "COLUMNS", "LINES"):
            env.pop(name, None)
        master, slave = pty.openpty()
        fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))

        def take_terminal() -> None:  # in the child, after setsid: a window's shell does this
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        try:
            self.process = subprocess.Popen(
                [*caseroom_command(), *args],
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=env,
                cwd=str(ROOT),
                start_new_session=True,
                preexec_fn=take_terminal if controlling else None,
            )
        finally:
            os.close(slave)
        self.master: int | None = master
        self.screen = Screen(cols=COLS, rows=ROWS)
        self.decode = codecs.getincrementaldecoder("utf-8")("replace").decode
        self.tail: collections.deque[str] = collections.deque(maxlen=40)

    def wait_for(self, done: Callable[[], bool], seconds: float) -> bool:
        """Read the screen until `done()` (on a whole frame) or `seconds` have passed."""
        deadline = time.monotonic() + seconds
        while True:
            if not self.screen.in_frame and done():
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            assert self.master is not None
            ready, _, _ = select.select([self.master], [], [], min(left, 0.05))
            if not ready:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:
                data = b""
            if not data:
                raise Ended("".join(self.tail)[-1500:])
            text = self.decode(data)
            self.tail.append(text)
            self.screen.feed(text)
            while self.screen.replies:
                self.send(self.screen.replies.pop(0))

    def pump(self, seconds: float) -> None:
        self.wait_for(lambda: False, seconds)

    def send(self, text: str) -> None:
        assert self.master is not None
        os.write(self.master, text.encode("utf-8"))

    def shows(self, text: str) -> bool:
        return text in self.screen.text()

    def close(self) -> float:
        """Close the window: the master side of the pty goes, nothing else. Its moment."""
        assert self.master is not None
        os.close(self.master)
        self.master = None
        return time.monotonic()

    def wait_end(self, seconds: float) -> bool:
        """True once the process has ended (within `seconds`)."""
        try:
            self.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return False
        return True

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()
        if self.master is not None:
            os.close(self.master)
            self.master = None


@dataclass
class Figures:
    runs: int = 0
    hung: int = 0
    late: int = 0  # ended, but after LIMIT_SECONDS
    lost: int = 0
    broken: int = 0  # session files that do not load (or are missing)
    locks_left: int = 0
    confirmed: int = 0
    last_confirmed: int = 0  # the last key's capture confirmed before the close
    ended_before_close: int = 0
    hung_early: int = 0  # of the hung, closed within FRAME_SECONDS of the key
    early: int = 0
    keys: dict[str, int] = field(default_factory=dict)
    exit_codes: dict[int, int] = field(default_factory=dict)
    exit_seconds: list[float] = field(default_factory=list)
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.hung or self.late or self.lost or self.broken or self.locks_left)

    def times(self) -> str:
        if not self.exit_seconds:
            return "-"
        ms = sorted(1000 * s for s in self.exit_seconds)
        p90 = ms[min(len(ms) - 1, round(0.9 * (len(ms) - 1)))]
        return f"{statistics.median(ms):.0f} / {p90:.0f} / {ms[-1]:.0f} ms"

    def report(self) -> str:
        codes = ", ".join(f"{c}: {n}" for c, n in sorted(self.exit_codes.items())) or "-"
        keys = ", ".join(f"{k!r}: {n}" for k, n in sorted(self.keys.items()))
        rows = [
            ("terminals closed", self.runs),
            ("  last key", keys),
            ("hung (must be 0)", f"{self.hung} of {self.runs}"),
            (
                f"  closed within {1000 * FRAME_SECONDS:.0f} ms / later",
                f"{self.hung_early} of {self.early} / "
                f"{self.hung - self.hung_early} of {self.runs - self.early}",
            ),
            (f"ended later than {LIMIT_SECONDS:g} s (must be 0)", self.late),
            ("lost confirmed captures (must be 0)", self.lost),
            ("session files that do not load (must be 0)", self.broken),
            ("locks left held or lock files left (must be 0)", self.locks_left),
            ("captures confirmed / the last key's", f"{self.confirmed} / {self.last_confirmed}"),
            ("close to exit: median / p90 / max", self.times()),
            ("exit codes", codes),
            ("time", f"{self.seconds:.0f} s"),
        ]
        width = max(len(r[0]) for r in rows)
        lines = [f"{name:<{width}}  {value}" for name, value in rows]
        lines += [f"PROBLEM: {p}" for p in self.problems]
        return "\n".join(lines)


def capture(window: Window, text: str, wait: float) -> bool:
    """Type a learning point and Enter; True when its "Gemt ✓" shows within `wait` seconds."""
    window.send("l")
    window.wait_for(lambda: window.shows(FORM), READY_SECONDS)
    window.send(text)
    window.wait_for(lambda: window.shows(text), READY_SECONDS)  # a whole frame to count on
    shown = [saves_shown(window.screen.text())]

    def appeared() -> bool:
        now = saves_shown(window.screen.text())
        rose, shown[0] = now > shown[0], now
        return rose

    window.send("\r")
    return window.wait_for(appeared, wait)


def one_run(
    index: int,
    key: str,
    delay: float,
    base: Path,
    figures: Figures,
    *,
    first_capture: bool = False,
    controlling: bool = True,
) -> None:
    """One caseroom: start the meeting, (a capture,) the last `key`, close `delay` s after."""
    folder = base / f"run-{index:03d}"
    folder.mkdir(parents=True)
    session = folder / "s.toml"
    args = ["run", "--people", PEOPLE, "--session", str(session)]
    window = Window(args, base / "home", controlling=controlling)
    confirmed: list[str] = []
    figures.keys[key] = figures.keys.get(key, 0) + 1
    figures.runs += 1
    figures.early += delay < FRAME_SECONDS
    try:
        try:
            if not window.wait_for(lambda: window.shows("KLAR"), READY_SECONDS):
                figures.problems.append(f"run {index}: no meeting screen")
                figures.broken += 1
                return
            window.send(" ")
            window.wait_for(lambda: window.shows("KØRER"), READY_SECONDS)
            if first_capture:
                text = f"før {index} blodprøver"
                if capture(window, text, CONFIRM_SECONDS):
                    confirmed.append(text)
                else:
                    figures.problems.append(f"run {index}: {text!r} never confirmed")
            if key == "l" and delay >= FRAME_SECONDS:
                # the note confirmed, and the window closed right after (0–85 ms)
                text = f"sidst {index} fødder"
                if capture(window, text, CONFIRM_SECONDS):
                    confirmed.append(text)
                    figures.last_confirmed += 1
                window.pump(delay - FRAME_SECONDS)
            elif key == "l":
                text = f"sidst {index} fødder"
                if capture(window, text, delay):
                    confirmed.append(text)
                    figures.last_confirmed += 1
            else:
                window.send(key)
                window.pump(delay)
        except Ended as exc:
            figures.ended_before_close += 1
            figures.problems.append(f"run {index}: ended before the close: {exc}"[-400:])
        figures.confirmed += len(confirmed)
        closed = window.close()
        if not window.wait_end(HUNG_SECONDS):
            figures.hung += 1
            figures.hung_early += delay < FRAME_SECONDS
            figures.problems.append(
                f"run {index} ({key!r}, closed {1000 * delay:.0f} ms after): hung"
            )
            held = _lock_held(session)
            if held:
                figures.problems.append(f"run {index}: and it holds the session's lock")
            return
        seconds = time.monotonic() - closed
        figures.exit_seconds.append(seconds)
        if seconds > LIMIT_SECONDS:
            figures.late += 1
            figures.problems.append(f"run {index} ({key!r}): ended {seconds:.2f} s after")
        code = window.process.returncode
        figures.exit_codes[code] = figures.exit_codes.get(code, 0) + 1
        check(session, confirmed, figures, index)
    finally:
        window.kill()


def _lock_held(session: Path) -> bool:
    try:
        SessionLock(session).acquire().release()
    except CaseroomError:
        return True
    return False


def check(session: Path, confirmed: list[str], figures: Figures, index: int) -> None:
    if lock_path(session).exists() or _lock_held(session):
        figures.locks_left += 1
        figures.problems.append(f"run {index}: the session's lock is left")
    if not session.exists():
        if confirmed:
            figures.broken += 1
            figures.problems.append(f"run {index}: no session file")
        return
    try:
        meeting = load(session, session_clock(session))
    except Exception as exc:  # any failure to load is a broken file here
        figures.broken += 1
        figures.problems.append(f"run {index}: does not load: {type(exc).__name__}: {exc}")
        return
    present = {p.text for p in meeting.learning_points}
    for text in confirmed:
        if text not in present:
            figures.lost += 1
            figures.problems.append(f"run {index}: confirmed capture lost: {text!r}")


def run_closes(
    runs: int = 50,
    *,
    seed: int | None = None,
    controlling: bool = True,
    delays: list[float] | None = None,
    workdir: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Figures:
    """Close the terminal after a key `runs` times (`delays`: after how long, each run); the
    figures. The last keys go in turn 1, n, l; some runs capture a note first."""
    rng = random.Random(seed)
    delays = close_delays(runs, rng) if delays is None else delays
    assert len(delays) >= runs
    figures = Figures()
    base = Path(tempfile.mkdtemp(prefix="caseroom-close-")) if workdir is None else workdir
    began = time.monotonic()
    try:
        for index in range(runs):
            one_run(
                index,
                LAST_KEYS[index % len(LAST_KEYS)],
                delays[index],
                base,
                figures,
                first_capture=index % 4 == 1,
                controlling=controlling,
            )
            if progress is not None and (index + 1) % 10 == 0:
                progress(
                    f"{index + 1} closes: {figures.hung} hung, {figures.lost} lost, "
                    f"{figures.times()}, {time.monotonic() - began:.0f} s"
                )
    finally:
        figures.seconds = time.monotonic() - began
        if workdir is None:
            shutil.rmtree(base, ignore_errors=True)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50, help="how many closes (50)")
    parser.add_argument("--seed", type=int, help="random seed (default: a random one)")
    parser.add_argument(
        "--no-sighup", action="store_true", help="the pty is not the controlling terminal"
    )
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    how = "no SIGHUP" if args.no_sighup else "controlling terminal"
    print(f"terminal_close: {args.runs} closes ({how}), seed {seed}", flush=True)
    figures = run_closes(
        args.runs,
        seed=seed,
        controlling=not args.no_sighup,
        progress=lambda line: print(line, flush=True),
    )
    print(figures.report())
    worst = max(figures.exit_seconds, default=float("nan"))
    emit(
        Row(
            f"terminal closed 0–100 ms after a key: hung ({figures.runs} closes)",
            str(figures.hung),
            target="0",
            verdict="ok" if figures.hung == 0 else "MISS",
        )
    )
    emit(
        Row(
            "  lost confirmed captures",
            str(figures.lost),
            target="0",
            verdict=verdict(figures.lost, 0),
        )
    )
    emit(
        Row(
            "  close to exit, max",
            f"{1000 * worst:.0f} ms",
            target=f"< {LIMIT_SECONDS:g} s",
            verdict=verdict(worst, LIMIT_SECONDS) if not figures.late else "MISS",
        )
    )
    return 0 if figures.ok else 1


if __name__ == "__main__":
    sys.exit(main())
