"""Kill -9 loop: a real `caseroom run --speed 60` in a pseudo-terminal, SIGKILLed at random.

Run by hand (200 kills take roughly a quarter of an hour):

    .venv/bin/python bench/killloop.py                   # 200 kills
    .venv/bin/python bench/killloop.py --kills 20 --seed 7 --budget 5

Every round starts `caseroom run --speed 60 --people "Anna:læge,Bo:sygeplejerske,Carl:sekretær"
--session FILE` (a new session: the first round, every `--new-every` rounds, and after a
meeting finished) or `caseroom resume FILE` in a 120x40 pseudo-terminal with TERM=xterm-256color
and CASEROOM_HOME in a temporary folder. It starts the meeting with space when it is ready,
then does random things a note-taker does: captures (`l` or `p`, the text typed key by key with
small delays, Enter), speaker changes (1, 2, 3, 0) and segment changes (n, b); and SIGKILLs the
process at a random moment: mostly while it runs, sometimes during start-up or resume.

A capture counts as CONFIRMED once, after Enter, a frame shows more "Gemt ✓" notifications than
the frame before it: the app says so only after the session file is on disk. The output is fed
to a small terminal-screen model (cursor moves and text; colours ignored) that tells Textual it
has synchronized output, so only whole frames are read, and a notification that is merely
repainted is not counted again. A round whose capture is not confirmed in time ends with the
kill at once, so a late notification is never credited to a later capture.

After every kill the session file must parse with tomllib and load with
`caseroom.store.session_file.load`, and every confirmed capture of the session must be in it
with its exact text; the next round's `caseroom resume` must reach the meeting screen. A capture
on disk that was never submitted in full (a torn text) also counts against the run.

Figures: kills, corrupt files, lost confirmed captures (both must be 0), torn captures, captures
confirmed, captures submitted, unexpected exits, leftover temporary files, time.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pexpect
from rich.cells import get_character_cell_size

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from caseroom.store.session_file import load, session_clock  # noqa: E402

PEOPLE = "Anna:læge,Bo:sygeplejerske,Carl:sekretær"
COLS, ROWS = 120, 40
SAVED = "Gemt ✓"
# the meeting screen's notice line counts a save said again while it shows: "Gemt ✓ ×2"
SAVED_AGAIN = re.compile(re.escape(SAVED) + r"(?: ×(\d+))?")


def saves_shown(screen: str) -> int:
    """The saves a frame shows: each "Gemt ✓", and "Gemt ✓ ×N" as N."""
    return sum(int(count or 1) for count in SAVED_AGAIN.findall(screen))


STATES = ("KØRER", "STOPPET", "KLAR", "AFSLUTTET")
WORDS = (
    "årsstatus",
    "fødder",
    "blodprøver",
    "booking",
    "journal",
    "opkald",
    "sekretær",
    "tid",
    "øjne",
    "HbA1c",
    "aftale",
    "ændring",
)
READY_SECONDS = 30.0  # start-up or resume that takes longer is an error of its own
CONFIRM_SECONDS = 10.0


# --- a screen model of the terminal -----------------------------------------------------------

_ESCAPE = re.compile(
    r"\x1b(?:\[(?P<params>[0-?]*)(?P<between>[ -/]*)(?P<final>[@-~])"  # CSI
    r"|\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|[()*+][0-~]"  # character sets
    r"|(?![\[\]])[ -/]*[0-~])",  # anything else of two or more bytes (not a cut-off CSI)
)


class Screen:
    """Just enough of a VT100 to know which text is on the screen now (no colours, no scroll).

    It answers Textual's question whether the terminal has synchronized output (it does), so
    every frame comes between `ESC[?2026h` and `ESC[?2026l`; `in_frame` is true in between,
    when the screen is half drawn and must not be read.
    """

    def __init__(self, cols: int = COLS, rows: int = ROWS) -> None:
        self.cols, self.rows = cols, rows
        self.cells = [[" "] * cols for _ in range(rows)]
        self.row = self.col = 0
        self.pending = ""
        self.in_frame = False
        self.replies: list[str] = []

    def feed(self, data: str) -> None:
        data = self.pending + data
        self.pending = ""
        at = 0
        while at < len(data):
            char = data[at]
            if char == "\x1b":
                found = _ESCAPE.match(data, at)
                if found is None:
                    if len(data) - at < 64:  # an escape cut in two by the read: wait for more
                        self.pending = data[at:]
                        return
                    at += 1
                    continue
                if found["final"] is not None:
                    self._csi(found["params"], found["between"], found["final"])
                at = found.end()
                continue
            at += 1
            if char == "\r":
                self.col = 0
            elif char == "\n":
                self.row = min(self.row + 1, self.rows - 1)
            elif char == "\b":
                self.col = max(self.col - 1, 0)
            elif char >= " ":
                self._put(char)

    def _put(self, char: str) -> None:
        width = get_character_cell_size(char)
        if width == 0:
            return
        if self.col + width > self.cols:
            return  # Textual never writes past the edge; ignore rather than wrap
        self.cells[self.row][self.col] = char
        if width == 2:
            self.cells[self.row][self.col + 1] = ""
        self.col += width

    def _csi(self, params: str, between: str, final: str) -> None:
        if params == "?2026":
            if between == "$" and final == "p":  # DECRQM: synchronized output? Yes (2: off)
                self.replies.append("\x1b[?2026;2$y")
            elif final in "hl":
                self.in_frame = final == "h"
            return
        if params.startswith("?") or between:
            return
        numbers = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []

        def arg(index: int, default: int = 1) -> int:
            value = numbers[index] if index < len(numbers) else 0
            return value or default

        if final in "Hf":
            self.row = min(max(arg(0) - 1, 0), self.rows - 1)
            self.col = min(max(arg(1) - 1, 0), self.cols - 1)
        elif final == "A":
            self.row = max(self.row - arg(0), 0)
        elif final == "B":
            self.row = min(self.row + arg(0), self.rows - 1)
        elif final == "C":
            self.col = min(self.col + arg(0), self.cols - 1)
        elif final == "D":
            self.col = max(self.col - arg(0), 0)
        elif final == "G":
            self.col = min(max(arg(0) - 1, 0), self.cols - 1)
        elif final == "J" and arg(0, 0) == 2:
            self.cells = [[" "] * self.cols for _ in range(self.rows)]
        elif final == "K":
            mode, line = arg(0, 0), self.cells[self.row]
            start, end = {0: (self.col, self.cols), 1: (0, self.col + 1)}.get(mode, (0, self.cols))
            line[start:end] = [" "] * (end - start)

    def line(self, row: int) -> str:
        return "".join(self.cells[row])

    def text(self) -> str:
        return "\n".join(self.line(r) for r in range(self.rows))

    def count(self, needle: str) -> int:
        return sum(self.line(r).count(needle) for r in range(self.rows))


# --- one caseroom process ---------------------------------------------------------------------


class Crashed(Exception):
    """The process ended on its own (it should only ever end by our SIGKILL)."""


def caseroom_command() -> list[str]:
    script = Path(sys.executable).with_name("caseroom")
    return [str(script)] if script.exists() else [sys.executable, "-m", "caseroom"]


class Terminal:
    """A caseroom process in a pseudo-terminal, with its screen."""

    def __init__(self, args: list[str], home: Path) -> None:
        env = dict(os.environ, CASEROOM_HOME=str(home), TERM="xterm-256color")
        path = env.get("PYTHONPATH", "")
        env["PYTHONPATH"] = str(ROOT) + (os.pathsep + path if path else "")
        for name in ("TEXTUAL", "TEXTUAL_DRIVER", "NO_COLOR", "COLUMNS", "LINES"):
            env.pop(name, None)
        command = caseroom_command()
        self.screen = Screen()
        self.output: list[str] = []
        self.child = pexpect.spawn(
            command[0],
            [*command[1:], *args],
            env=env,
            cwd=str(ROOT),
            dimensions=(ROWS, COLS),
            encoding="utf-8",
            codec_errors="replace",
        )

    def pump(self, seconds: float) -> None:
        """Read what the app draws for `seconds` (a wait that keeps the screen up to date)."""
        self.wait_for(lambda: False, seconds)

    def wait_for(self, done: Callable[[], bool], seconds: float) -> bool:
        """Read output until `done()` or `seconds` have passed; raises Crashed at end of output."""
        deadline = time.monotonic() + seconds
        while True:
            if not self.screen.in_frame and done():
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                data = self.child.read_nonblocking(65536, timeout=min(left, 0.05))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                raise Crashed("".join(self.output)[-2000:]) from None
            self.output.append(data)
            del self.output[:-50]
            self.screen.feed(data)
            while self.screen.replies:
                self.child.send(self.screen.replies.pop(0))

    def send(self, text: str) -> None:
        self.child.send(text)

    def state(self) -> str | None:
        """The meeting state word on the status line, once the meeting screen is up."""
        status = self.screen.line(0)
        return next((s for s in STATES if f" {s} " in status), None)

    def kill(self) -> None:
        if self.child.isalive():
            os.kill(self.child.pid, signal.SIGKILL)
        self.child.close(force=True)


# --- the loop ---------------------------------------------------------------------------------


@dataclass
class Figures:
    kills: int = 0
    rounds_new: int = 0
    rounds_resumed: int = 0
    kills_during_startup: int = 0
    kills_awaiting_confirmation: int = 0
    corrupt: int = 0
    lost: int = 0
    torn: int = 0
    confirmed: int = 0
    submitted: int = 0
    speaker_changes: int = 0
    step_changes: int = 0
    unexpected_exits: int = 0
    leftover_tmp: int = 0
    sessions: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    confirm_seconds: list[float] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.corrupt or self.lost or self.torn or self.unexpected_exits)

    def latency(self) -> str:
        if not self.confirm_seconds:
            return "-"
        ms = sorted(1000 * s for s in self.confirm_seconds)
        return f"{statistics.median(ms):.0f} ms / {ms[-1]:.0f} ms"

    def report(self) -> str:
        rows = [
            ("kills", self.kills),
            ("  of them during start-up or resume", self.kills_during_startup),
            ("  of them between Enter and 'Gemt ✓'", self.kills_awaiting_confirmation),
            ("rounds: new session / resumed", f"{self.rounds_new} / {self.rounds_resumed}"),
            ("sessions", self.sessions),
            ("corrupt files (must be 0)", self.corrupt),
            ("lost confirmed captures (must be 0)", self.lost),
            ("torn captures on disk (must be 0)", self.torn),
            ("unexpected exits (must be 0)", self.unexpected_exits),
            ("captures confirmed", self.confirmed),
            ("captures submitted (Enter)", self.submitted),
            ("Enter to 'Gemt ✓' on screen: median / max", self.latency()),
            ("speaker changes / step changes", f"{self.speaker_changes} / {self.step_changes}"),
            ("leftover temporary files", self.leftover_tmp),
            ("time", f"{self.seconds:.0f} s ({self.seconds / max(self.kills, 1):.1f} s a kill)"),
        ]
        width = max(len(r[0]) for r in rows)
        lines = [f"{name:<{width}}  {value}" for name, value in rows]
        lines += [f"PROBLEM: {p}" for p in self.problems]
        return "\n".join(lines)


@dataclass(frozen=True)
class Pace:
    """How long a round runs before its kill, and how fast the note-taker types."""

    max_run: float = 6.0  # seconds from the meeting screen to the kill, at most
    max_pause: float = 0.4  # between two actions
    max_key_delay: float = 0.03  # between two typed keys
    most_words: int = 5  # per capture, besides its serial number


QUICK = Pace(max_run=2.0, max_pause=0.15, max_key_delay=0.01, most_words=2)


@dataclass
class Session:
    path: Path
    confirmed: list[str] = field(default_factory=list)
    submitted: set[str] = field(default_factory=set)
    rounds: int = 0
    ever_saved: bool = False


def capture_text(rng: random.Random, serial: int, most_words: int) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, most_words)))
    return f"c{serial} {words}"


def run_round(
    session: Session,
    home: Path,
    rng: random.Random,
    figures: Figures,
    serial: list[int],
    pace: Pace,
) -> None:
    """One process: start or resume, act at random, SIGKILL at a random moment."""
    resume = session.path.exists()
    if resume:
        args = ["resume", str(session.path)]
        figures.rounds_resumed += 1
    else:
        args = ["run", "--speed", "60", "--people", PEOPLE, "--session", str(session.path)]
        figures.rounds_new += 1
    term = Terminal(args, home)
    began = time.monotonic()
    early = rng.random() < 0.12  # sometimes the kill lands while it starts up or resumes
    kill_at = began + (rng.uniform(0.0, 1.2) if early else 1e9)
    try:
        if not term.wait_for(lambda: term.state() is not None, min(READY_SECONDS, kill_at - began)):
            if time.monotonic() < kill_at:
                figures.problems.append(f"{session.path.name}: no meeting screen: {args}")
                figures.unexpected_exits += 1
            figures.kills_during_startup += 1
            return
        kill_at = time.monotonic() + rng.uniform(0.1, pace.max_run)
        if term.state() == "KLAR":
            term.send(" ")
        while time.monotonic() < kill_at:
            roll = rng.random()
            if roll < 0.45:
                if not capture(term, session, rng, figures, serial, kill_at, pace):
                    return  # not confirmed before the kill moment (or in time): kill now
            elif roll < 0.75:
                term.send(rng.choice("1230"))
                figures.speaker_changes += 1
            else:
                term.send(rng.choice("nb"))
                figures.step_changes += 1
            pause = rng.uniform(0.02, pace.max_pause)
            term.pump(min(pause, max(kill_at - time.monotonic(), 0)))
    except Crashed as exc:
        figures.unexpected_exits += 1
        figures.problems.append(f"{session.path.name}: the app ended by itself: {exc}"[-600:])
    finally:
        term.kill()
        figures.kills += 1
        session.rounds += 1


def capture(
    term: Terminal,
    session: Session,
    rng: random.Random,
    figures: Figures,
    serial: list[int],
    kill_at: float,
    pace: Pace,
) -> bool:
    """Type one capture; True once it is confirmed, False when the kill moment came first."""
    serial[0] += 1
    text = capture_text(rng, serial[0], pace.most_words)
    term.send(rng.choice("lp"))
    term.pump(rng.uniform(0.02, 0.1))
    for char in text:
        if time.monotonic() >= kill_at:
            return False
        term.send(char)
        term.pump(rng.uniform(0.0, pace.max_key_delay))
    term.pump(0.03)
    term.wait_for(lambda: True, 1.0)  # count on a whole frame, not a half-drawn one
    shown = [saves_shown(term.screen.text())]

    def appeared() -> bool:
        """One more notification than in the frame before: a new one (a toast that expires
        meanwhile lowers the count first, so its successor still shows as a rise)."""
        now = saves_shown(term.screen.text())
        rose, shown[0] = now > shown[0], now
        return rose

    entered = time.monotonic()
    term.send("\r")
    session.submitted.add(text)
    figures.submitted += 1
    wait = min(CONFIRM_SECONDS, kill_at - time.monotonic())
    if term.wait_for(appeared, max(wait, 0)):
        figures.confirm_seconds.append(time.monotonic() - entered)
        session.confirmed.append(text)
        session.ever_saved = True
        figures.confirmed += 1
        return True
    figures.kills_awaiting_confirmation += 1
    return False


def check_after_kill(session: Session, figures: Figures) -> bool:
    """The file parses, loads, and holds every confirmed capture; False when it is broken."""
    path = session.path
    name = path.name
    if not path.exists():
        if session.confirmed or session.ever_saved or session.rounds > 1:
            figures.corrupt += 1
            figures.problems.append(f"{name}: the session file is gone")
            return False
        return True  # killed before the very first save of a new session
    data = path.read_bytes()
    try:
        tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        figures.corrupt += 1
        figures.problems.append(f"{name}: does not parse: {exc}")
        return False
    try:
        meeting = load(path, session_clock(path))
    except Exception as exc:  # any failure to load is a corrupt file here
        figures.corrupt += 1
        figures.problems.append(f"{name}: does not load: {type(exc).__name__}: {exc}")
        return False
    on_disk = [p.text for p in meeting.learning_points] + [p.text for p in meeting.proposals]
    present = set(on_disk)
    for text in session.confirmed:
        if text not in present:
            figures.lost += 1
            figures.problems.append(f"{name}: confirmed capture lost: {text!r}")
    for text in on_disk:
        if text not in session.submitted:
            figures.torn += 1
            figures.problems.append(f"{name}: a capture that was never submitted: {text!r}")
    session.confirmed = [t for t in session.confirmed if t in present]  # count a loss once
    return meeting.agenda.state.value != "finished"


def run_killloop(
    kills: int = 200,
    *,
    seed: int | None = None,
    new_every: int = 10,
    pace: Pace = Pace(),
    budget: float | None = None,
    workdir: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Figures:
    """Kill `kills` times (or until `budget` seconds have passed); the figures."""
    rng = random.Random(seed)
    figures = Figures()
    own = workdir is None
    base = Path(tempfile.mkdtemp(prefix="caseroom-killloop-")) if workdir is None else workdir
    home = base / "home"
    sessions = base / "sessions"
    sessions.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    serial = [0]
    session: Session | None = None
    try:
        while figures.kills < kills:
            if budget is not None and time.monotonic() - began > budget:
                break
            if session is None or session.rounds >= new_every:
                figures.sessions += 1
                session = Session(sessions / f"session-{figures.sessions:03d}.toml")
            run_round(session, home, rng, figures, serial, pace)
            if not check_after_kill(session, figures):
                session = None  # broken or finished: go on with a new session
            if progress is not None and figures.kills % 10 == 0:
                progress(
                    f"{figures.kills} kills, {figures.confirmed} confirmed, "
                    f"{figures.corrupt} corrupt, {figures.lost} lost, "
                    f"{time.monotonic() - began:.0f} s"
                )
        figures.leftover_tmp = sum(1 for _ in sessions.glob(".*.tmp"))
    finally:
        figures.seconds = time.monotonic() - began
        if own:
            shutil.rmtree(base, ignore_errors=True)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200, help="how many SIGKILLs (200)")
    parser.add_argument("--seed", type=int, help="random seed (default: a random one)")
    parser.add_argument(
        "--new-every", type=int, default=10, help="a new session every N rounds (10)"
    )
    parser.add_argument(
        "--max-run", type=float, default=6.0, help="longest run before the kill, seconds (6)"
    )
    parser.add_argument(
        "--budget", type=float, default=20.0, help="stop after this many minutes (20)"
    )
    parser.add_argument("--keep", type=Path, help="keep the session files in this folder")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    print(f"killloop: {args.kills} kills, seed {seed}", flush=True)
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
    figures = run_killloop(
        args.kills,
        seed=seed,
        new_every=args.new_every,
        pace=Pace(max_run=args.max_run),
        budget=args.budget * 60,
        workdir=args.keep,
        progress=lambda line: print(line, flush=True),
    )
    if figures.kills < args.kills:
        print(f"stopped by the time budget after {figures.kills} of {args.kills} kills")
    print(figures.report())
    return 0 if figures.ok else 1


if __name__ == "__main__":
    sys.exit(main())
