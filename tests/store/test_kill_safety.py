"""Kill safety of the write path: SIGKILL a process in the middle of saving, the file survives.

A child builds a large session (1,000 captures), then saves it over and over, adding a capture
each time and printing the number of captures once a save has returned. The parent SIGKILLs
it either at a random moment, or at a chosen point inside `write_atomic` (the child announces
the point and then blocks, so the kill lands exactly there). After each kill the session file
must parse, load, and hold every capture the child reported saved (and not a torn new one).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.store.cases import open_case
from caseroom.store.session_file import dumps, load, save

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2026, 11, 24, 8, 30, tzinfo=UTC)

# argv: session path, wall-clock start, moment ("loop", "write:FRACTION" or "replace")
CHILD = textwrap.dedent(
    """
    import os, sys
    from datetime import datetime
    from pathlib import Path

    from caseroom.domain.clock import FakeClock
    from caseroom.domain.meeting import Meeting
    from caseroom.store.cases import open_case
    from caseroom.store.session_file import dumps, load, save

    path, start, moment = Path(sys.argv[1]), datetime.fromisoformat(sys.argv[2]), sys.argv[3]
    clock = FakeClock(start=start)
    if path.exists():
        meeting = load(path, clock)
    else:
        case, source, _ = open_case(None)
        meeting = Meeting(case, clock, case_source=source)
        meeting.add_participant("Anna", "læge")
        meeting.start()
        for n in range(500):
            meeting.add_learning_point(f"learning point {n}: " + "booking og blodprøver " * 6)
            meeting.add_proposal(f"proposal {n}: " + "ring patienten op i forvejen " * 5,
                                 area="flow", responsible="Anna")

    def stop_here(where):
        print(where, flush=True)
        sys.stdin.readline()  # blocks: the parent kills us here

    def arm():
        if moment.startswith("write:"):
            size = len(dumps(meeting))
            at = int(size * float(moment[6:]))
            real_write, done = os.write, [0]
            def write(fd, data):
                if done[0] + len(data) > at:
                    data = data[: max(at - done[0], 0)]
                    if not data:
                        stop_here(f"write {done[0]} of {size}")
                n = real_write(fd, data)
                done[0] += n
                return n
            os.write = write
        elif moment == "replace":
            os.replace = lambda *args: stop_here("replace")

    count = lambda: len(meeting.learning_points) + len(meeting.proposals)
    save(meeting, path)
    print(count(), flush=True)
    while True:
        meeting.add_learning_point("one more point " * 10)
        clock.advance(1)
        if moment != "loop":
            arm()
        save(meeting, path)
        print(count(), flush=True)
    """
)


def start_child(
    path: Path, start: datetime, moment: str, env: dict[str, str]
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), start.isoformat(), moment],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill(child: subprocess.Popen[str]) -> list[str]:
    """SIGKILL the child; what it printed and we had not read yet."""
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait(timeout=10) == -signal.SIGKILL
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    unread = child.stdout.read().splitlines()
    for stream in (child.stdin, child.stdout, child.stderr):
        stream.close()
    return unread


def captures_in(path: Path, at: datetime) -> int:
    meeting = load(path, FakeClock(start=at))
    return len(meeting.learning_points) + len(meeting.proposals)


def read_count(child: subprocess.Popen[str]) -> int:
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.strip().isdigit(), f"{line!r} {child.stderr.read() if child.stderr else ''}"
    return int(line)


@pytest.mark.parametrize("moment", ["write:0.5", "write:0.999", "replace"])
def test_a_kill_inside_write_atomic_keeps_the_previous_session(
    tmp_path: Path, child_env: dict[str, str], moment: str
) -> None:
    path = tmp_path / "sessions" / "session.toml"
    child = start_child(path, START, moment, child_env)
    try:
        saved = read_count(child)  # the first save went through
        before = path.read_bytes()
        assert child.stdout is not None
        where = child.stdout.readline()
        assert where.startswith(("write", "replace")), where  # now blocked inside the save
    finally:
        kill(child)
    assert path.read_bytes() == before
    assert captures_in(path, START + timedelta(hours=1)) == saved == 1000


def test_sigkill_at_random_moments_never_leaves_a_broken_session(
    tmp_path: Path, child_env: dict[str, str]
) -> None:
    rng = random.Random(20261124)
    path = tmp_path / "sessions" / "session.toml"
    last_saved = 0
    for round_ in range(3):
        start = START + timedelta(hours=2 * round_)
        child = start_child(path, start, "loop", child_env)
        try:
            began = time.perf_counter()
            saves = rng.randrange(1, 5)
            for _ in range(saves):
                last_saved = read_count(child)
            # a random moment inside the next save: spin (no sleep) for part of one save's time
            deadline = time.perf_counter() + rng.random() * (time.perf_counter() - began) / saves
            while time.perf_counter() < deadline:
                pass
        finally:
            unread = kill(child)
        if unread:  # saves it finished while we were spinning
            last_saved = int(unread[-1])
        found = captures_in(path, start + timedelta(hours=1))
        assert last_saved <= found <= last_saved + 1  # every reported save, at most one more
        last_saved = found
    assert last_saved > 1000


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9])
def test_a_torn_temporary_file_is_not_the_session(tmp_path: Path, cut: float) -> None:
    """What a kill leaves behind is a partial `.session.toml.PID.tmp`; the session is whole."""
    clock = FakeClock(start=START)
    case, source, _ = open_case(None)
    meeting = Meeting(case, clock, case_source=source)
    meeting.start()
    meeting.add_learning_point("kept")
    path = tmp_path / "session.toml"
    save(meeting, path)
    meeting.add_learning_point("in flight")
    data = dumps(meeting)
    (tmp_path / f".session.toml.{os.getpid() + 1}.tmp").write_bytes(data[: int(len(data) * cut)])
    loaded = load(path, FakeClock(start=START + timedelta(hours=1)))
    assert [p.text for p in loaded.learning_points] == ["kept"]
    save(loaded, path)  # and saving again works beside the leftover
    assert [p.text for p in load(path, FakeClock(start=START)).learning_points] == ["kept"]
