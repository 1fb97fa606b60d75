"""The note-taker's screen in a second process (issue 19): two real caseroom processes in
pseudo-terminals, the meeting (`caseroom run`) and the note-taker (`caseroom notes --as`).

Three runs, each also the harness of a test in tests/test_notes_processes.py:
- `two_processes(n)`: the note-taker types n notes while the leader moves the agenda; every
  note must be in the session file exactly once, stamped with the segment and question the
  note-taker's screen showed. Also measures note typed (Enter) -> on the leader's screen.
- `kill_loop(rounds)`: each round SIGKILLs the note-taker, the meeting or both at a random
  moment while notes are typed; afterwards `caseroom resume` must take every note waiting:
  0 lost confirmed ("Gemt ✓") notes, 0 duplicates, 0 corrupt files.

    python bench/notes_procs.py --notes 50 --kills 100
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import shutil
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _killloop() -> ModuleType:
    """bench/killloop.py: its pseudo-terminal `Terminal` and screen model."""
    if "killloop" in sys.modules:
        return sys.modules["killloop"]
    spec = importlib.util.spec_from_file_location("killloop", ROOT / "bench" / "killloop.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["killloop"] = module
    spec.loader.exec_module(module)
    return module


killloop = _killloop()
if TYPE_CHECKING:
    from killloop import Terminal
else:
    Terminal = killloop.Terminal

from caseroom.domain.captures import one_line  # noqa: E402
from caseroom.domain.clock import SystemClock  # noqa: E402
from caseroom.domain.meeting import Meeting  # noqa: E402
from caseroom.store.cases import open_case  # noqa: E402
from caseroom.store.inbox import inbox_paths  # noqa: E402
from caseroom.store.session_file import load, session_clock  # noqa: E402

PEOPLE = "Anna:læge,Bo:sygeplejerske,Carl:sekretær"
CASE = "t2d-aarsstatus"
WAIT = 15.0


@dataclass
class Figures:
    notes: int = 0
    in_file: int = 0
    duplicates: int = 0
    wrong_stamp: int = 0
    latencies: list[float] = field(default_factory=list)
    kills: int = 0
    confirmed: int = 0
    lost: int = 0
    corrupt: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def report(self) -> str:
        lines = [
            f"notes typed {self.notes}, in the file {self.in_file}, duplicates "
            f"{self.duplicates}, wrong stamp {self.wrong_stamp}",
            f"kills {self.kills}, confirmed {self.confirmed}, lost {self.lost}, "
            f"corrupt {self.corrupt}, {self.seconds:.1f} s",
        ]
        if self.latencies:
            ordered = sorted(self.latencies)
            p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
            lines.append(
                f"typed -> leader's screen: median {statistics.median(ordered) * 1000:.0f} ms, "
                f"p95 {p95 * 1000:.0f} ms (n={len(ordered)})"
            )
        return "\n".join([*lines, *self.problems[:20]])


def steps() -> list[tuple[str, str | None, str]]:
    """The agenda's steps: segment id, question id, and what the note-taker's screen shows."""
    case = open_case(CASE)[0]
    out = []
    for step in Meeting(case, SystemClock()).agenda.steps:
        shown = f"Nu: {step.segment.title}"
        if step.question is not None:
            shown = "Spørgsmål: " + one_line(step.question.text)[:30]
        out.append((step.segment.id, step.question.id if step.question else None, shown))
    return out


def start_meeting(home: Path, session: Path, *, resume: bool = False) -> Terminal:
    args = ["resume", str(session)] if resume else ["run", CASE, "--session", str(session)]
    leader = Terminal(args if resume else [*args, "--people", PEOPLE], home)
    if not leader.wait_for(lambda: leader.state() is not None, 30):
        raise killloop.Crashed("the meeting did not start")
    return leader


def start_notes(home: Path, session: Path) -> Terminal:
    taker = Terminal(["notes", str(session), "--as", "Carl"], home)
    if not taker.wait_for(lambda: "Nu:" in taker.screen.text(), 30):
        raise killloop.Crashed("the note-taker's screen did not start")
    return taker


def wait_all(terminals: list[Terminal], done: Callable[[], bool], seconds: float) -> bool:
    """Read every terminal's output (none may block on a full pty) until `done()`."""
    deadline = time.monotonic() + seconds
    while True:
        for terminal in terminals:
            terminal.wait_for(lambda: False, 0.01)
        if all(not t.screen.in_frame for t in terminals) and done():
            return True
        if time.monotonic() > deadline:
            return False


def close_any(*terminals: Terminal | None) -> None:
    close(*(t for t in terminals if t is not None))


def close(*terminals: Terminal) -> None:
    for terminal in terminals:
        terminal.kill()


def file_notes(session: Path) -> list[dict[str, object]]:
    with session.open("rb") as file:
        doc = tomllib.load(file)
    return [*doc.get("learning_point", []), *doc.get("proposal", [])]


def shows(terminal: Terminal, text: str) -> bool:
    return text in terminal.screen.text()


def in_file(session: Path, text: str) -> bool:
    return text in file_texts(session)


def file_texts(session: Path) -> set[str]:
    try:
        return {str(note["text"]) for note in file_notes(session)}
    except (OSError, tomllib.TOMLDecodeError):
        return set()


def two_processes(n: int, workdir: Path, *, figures: Figures | None = None) -> Figures:
    """The note-taker types `n` notes while the leader moves the agenda through 5 steps."""
    figures = figures or Figures()
    home, session = workdir / "home", workdir / "two.toml"
    began = time.monotonic()
    plan = steps()[:5]
    leader = start_meeting(home, session)
    taker = start_notes(home, session)
    expected: dict[str, tuple[str, str | None]] = {}
    try:
        both = [leader, taker]
        leader.send(" ")
        wait_all(both, lambda: leader.state() == "KØRER", WAIT)
        leader.send("v")  # the leader's notes list: where a note shows
        at = 0
        for i in range(n):
            want = i * len(plan) // n
            while at < want:
                leader.send("n")
                at += 1
                shown = plan[at][2]
                if not wait_all(both, partial(shows, taker, shown), WAIT):
                    figures.problems.append(f"the note-taker never showed {shown!r}")
            text = f"Note {i:03d} fra referenten"
            expected[text] = plan[at][:2]
            taker.send(text + "\r")
            sent = time.monotonic()
            figures.notes += 1
            if at >= 2:  # a case question's step shows its text where the notes were
                if not wait_all(both, partial(in_file, session, text), WAIT):
                    figures.problems.append(f"{text!r} never reached the session file")
            elif wait_all(both, partial(shows, leader, text), WAIT):
                figures.latencies.append(time.monotonic() - sent)
            else:
                figures.problems.append(f"{text!r} never showed on the leader's screen")
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            on_disk = file_notes(session)
            if len(on_disk) >= n:
                break
            wait_all(both, lambda: False, 0.1)
        on_disk = file_notes(session)
        texts = [str(note["text"]) for note in on_disk]
        figures.in_file += len(set(texts) & set(expected))
        figures.duplicates += len(texts) - len(set(texts))
        for note in on_disk:
            stamp = expected.get(str(note["text"]))
            if stamp is not None and stamp != (note["segment"], note.get("question")):
                figures.wrong_stamp += 1
                figures.problems.append(f"{note['text']!r}: stamped {note['segment']}")
        for text in expected:
            if text not in texts:
                figures.problems.append(f"{text!r} is not in the session file")
    finally:
        close(taker, leader)
        figures.seconds += time.monotonic() - began
    return figures


def kill_loop(
    rounds: int, workdir: Path, *, seed: int = 19, figures: Figures | None = None
) -> Figures:
    """SIGKILL the note-taker, the meeting or both at random moments while notes are typed."""
    rng = random.Random(seed)
    figures = figures or Figures()
    home, session = workdir / "home", workdir / "kill.toml"
    began = time.monotonic()
    typed: list[str] = []
    confirmed: list[str] = []
    leader: Terminal | None = start_meeting(home, session)
    assert leader is not None
    leader.send(" ")
    taker: Terminal | None = None
    serial = 0
    try:
        for _ in range(rounds):
            if leader is None:
                leader = start_meeting(home, session, resume=True)
            if taker is None:
                taker = start_notes(home, session)
            victim = rng.choice(("notes", "meeting", "both"))
            moment = time.monotonic() + rng.uniform(0.2, 1.5)
            while time.monotonic() < moment:
                serial += 1
                text = f"Kill-note {serial:04d}"
                taker.send(text + "\r")
                typed.append(text)

                def saved(t: str = text, on: Terminal = taker) -> bool:
                    screen = on.screen.text()
                    return t in screen and "Gemt ✓" in screen

                alive = [t for t in (taker, leader) if t is not None]
                if wait_all(alive, saved, min(0.5, max(0.0, moment - time.monotonic()))):
                    confirmed.append(text)
            figures.kills += 1
            if victim in ("notes", "both"):
                taker.kill()
                taker = None
            if victim in ("meeting", "both"):
                leader.kill()
                leader = None
                check_file(session, figures)
        close_any(taker, leader)
        taker = None
        leader = start_meeting(home, session, resume=True)  # takes whatever still waits
        wait_all([leader], lambda: not inbox_paths(session), WAIT)
        leader.kill()
        leader = None
        meeting = check_file(session, figures)
        if meeting is not None:
            texts = [p.text for p in meeting.learning_points]
            figures.notes += len(typed)
            figures.confirmed += len(confirmed)
            figures.in_file += len(texts)
            figures.duplicates += len(texts) - len(set(texts))
            for text in confirmed:
                if text not in texts:
                    figures.lost += 1
                    figures.problems.append(f"confirmed but lost: {text!r}")
            left = inbox_paths(session)
            if left:
                figures.problems.append(f"inboxes left: {[p.name for p in left]}")
    finally:
        close_any(taker, leader)
        figures.seconds += time.monotonic() - began
    return figures


def check_file(session: Path, figures: Figures) -> Meeting | None:
    """The session file parses and loads; None (and counted) when not."""
    try:
        return load(session, session_clock(session), follow=True)
    except Exception as exc:  # any failure to load is a corrupt file here
        figures.corrupt += 1
        figures.problems.append(f"{session.name}: does not load: {exc}")
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=50, help="notes typed (50)")
    parser.add_argument("--kills", type=int, default=100, help="kill rounds (100)")
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="caseroom-notes-"))
    try:
        figures = two_processes(args.notes, base)
        print(figures.report())
        killed = kill_loop(args.kills, base, seed=args.seed)
        print(killed.report())
    finally:
        shutil.rmtree(base, ignore_errors=True)
    bad = figures.problems or killed.lost or killed.duplicates or killed.corrupt
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
