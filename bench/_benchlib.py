"""Shared helpers of the benchmarks in bench/ (not a benchmark itself; never collected by pytest).

Every benchmark prints what it measured for a person, and for `run_all.py` one machine-readable
line per figure of the summary table:

    BENCH_ROW {"figure": ..., "caseroom": ..., "bare": ..., "ratio": ..., "target": ...,
               "verdict": ...}

Values are strings as they should appear in the table ("" when a column does not apply).
The bare app and the other reference instruments come from the team's shared perf folder
(`$CASEROOM_PERF`, default `../shared/perf` beside the repository); they are run from there,
never copied.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERF = Path(os.environ.get("CASEROOM_PERF", ROOT.parent / "shared" / "perf"))  # beside the repo
PEOPLE = "Anna:læge,Bo:sygeplejerske,Carl:sekretær"
COLS, ROWS = 120, 40
ROW_PREFIX = "BENCH_ROW "


def caseroom_command() -> list[str]:
    """The `caseroom` console script of this Python's environment (else `python -m caseroom`)."""
    script = Path(sys.executable).with_name("caseroom")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "caseroom"]


def bare_command(*args: str) -> list[str]:
    """The reference bare Textual app (Header, 1 Hz Digits countdown, Footer)."""
    return [sys.executable, str(PERF / "bare_app.py"), *args]


def require_perf(*names: str) -> None:
    missing = [n for n in names if not (PERF / n).exists()]
    if missing:
        raise SystemExit(f"bench: {', '.join(missing)} not found in {PERF} (set CASEROOM_PERF)")


def bench_env(home: Path) -> dict[str, str]:
    """The environment for an app under test: a private CASEROOM_HOME, a real TERM."""
    env = dict(os.environ, CASEROOM_HOME=str(home), TERM="xterm-256color")
    for name in ("TEXTUAL", "TEXTUAL_FPS", "TEXTUAL_DRIVER", "NO_COLOR"):
        env.pop(name, None)
    return env


# --- the summary rows ---------------------------------------------------------------------


@dataclass
class Row:
    figure: str
    caseroom: str
    bare: str = ""
    ratio: str = ""
    target: str = ""
    verdict: str = ""


def emit(row: Row) -> None:
    print(ROW_PREFIX + json.dumps(asdict(row), ensure_ascii=False), flush=True)


def parse_rows(text: str) -> list[Row]:
    rows = []
    for line in text.splitlines():
        if line.startswith(ROW_PREFIX):
            rows.append(Row(**json.loads(line[len(ROW_PREFIX) :])))
    return rows


def verdict(value: float, limit: float) -> str:
    """'ok' when value <= limit, else 'MISS (+N %)' saying by how much."""
    if value != value:  # NaN
        return "n/a"
    if value <= limit:
        return "ok"
    return f"MISS (+{(value / limit - 1) * 100:.0f} %)"


def both(*verdicts: str) -> str:
    misses = [v for v in verdicts if v != "ok"]
    return "ok" if not misses else "; ".join(misses)


def print_table(rows: list[Row]) -> None:
    head = Row("figure", "caseroom", "bare app", "ratio", "target", "verdict")
    cells = [head, *rows]
    fields = list(asdict(head))
    width = {f: max(len(getattr(r, f)) for r in cells) for f in fields}
    for index, row in enumerate(cells):
        print(" | ".join(getattr(row, f).ljust(width[f]) for f in fields).rstrip())
        if index == 0:
            print("-+-".join("-" * width[f] for f in fields))


# --- small statistics -----------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


# --- tmux -----------------------------------------------------------------------------------


class Tmux:
    """One app in its own detached tmux server (private socket, no config), COLSxROWS."""

    def __init__(self, tag: str, cols: int = COLS, rows: int = ROWS) -> None:
        if shutil.which("tmux") is None:
            raise SystemExit("bench: needs tmux")
        self.socket = f"crbench_{tag}_{os.getpid()}"
        self.cols, self.rows = cols, rows
        self.base = ["tmux", "-L", self.socket, "-f", "/dev/null"]

    def start(self, command: list[str], env: dict[str, str]) -> None:
        shell = "exec " + " ".join(_quote(word) for word in command)
        subprocess.run(
            [
                *self.base,
                "start-server",
                ";",
                "set-option",
                "-g",
                "remain-on-exit",
                "on",
                ";",
                "set-option",
                "-g",
                "default-shell",
                "/bin/sh",
                ";",
                "new-session",
                "-d",
                "-s",
                "bench",
                "-x",
                str(self.cols),
                "-y",
                str(self.rows),
                shell,
            ],
            env=env,
            check=True,
        )

    def pids(self) -> tuple[int, int]:
        """(the pane's process, the tmux server)."""
        out = self._run("display-message", "-p", "-t", "bench", "#{pane_pid} #{pid}")
        pane, server = out.split()
        return int(pane), int(server)

    def send(self, *keys: str) -> None:
        self._run("send-keys", "-t", "bench", *keys)

    def capture(self) -> str:
        return self._run("capture-pane", "-p", "-t", "bench")

    def pipe_to(self, path: Path) -> None:
        """Append everything the app writes to its terminal to `path` (counts bytes)."""
        self._run("pipe-pane", "-o", "-t", "bench", f"cat >> {_quote(str(path))}")

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise SystemExit(f"bench: {text!r} not on screen within {timeout:.0f} s:\n{screen}")

    def kill(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, check=False)
        folder = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)

    def _run(self, *args: str) -> str:
        done = subprocess.run([*self.base, *args], capture_output=True, text=True, check=True)
        return done.stdout


def _quote(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"
