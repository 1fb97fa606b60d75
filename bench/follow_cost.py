"""The clock's cost of following a running meeting: one poll after a save, at 0 / 500 / 5,000 turns.

    .venv/bin/python bench/follow_cost.py [--reps 30] [--turns 0,500,5000]

A meeting (fake clock) saves through its keeper's `SessionWriter` as `caseroom run` does; a
`SessionFollower` (what the clock's tick calls) polls after each save. Measured in the same
run, median ms:

* heartbeat, revision: a heartbeat save (only `saved_at` and the elapsed and spoken seconds
  move) told apart by the `revision` in the file's head: a stat and a short read (the product);
* heartbeat, no revision: the same file without its `revision` (as an older caseroom wrote
  it): the whole file parsed and validated and compared (`Session.recorded`), which was the
  product's way before the revision;
* change: a real change (someone else speaks): the file read, validated and the meeting
  rebuilt (`load(..., follow=True)`), the same with or without a revision;
* writer: a heartbeat save's serialisation (`SessionWriter.dumps`), and of it the revision's
  hash (`with_revision`): what the meeting pays for its followers.

Target: a heartbeat check with a revision <= 1 ms at 5,000 turns (the clock's tick, every
0.5 s, on its UI thread).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from _benchlib import Row, emit, verdict

from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store import session_file
from caseroom.store.atomic import write_atomic
from caseroom.store.cases import open_case
from caseroom.store.follow import SessionFollower
from caseroom.store.session_file import SessionWriter, with_revision

TARGET_MS = 1.0
NAMES = ["Anna Lund", "Bo Kjær", "Carla Nør", "Dorte Vang"]


def running_meeting(turns: int) -> tuple[Meeting, FakeClock]:
    """A started meeting with `turns` speaking turns spread over its steps (as key_latency)."""
    case, source, _ = open_case("t2d-aarsstatus")
    clock = FakeClock()
    people = [Participant(name, "læge") for name in NAMES]
    meeting = Meeting(case, clock, participants=people, case_source=source)
    meeting.start()
    steps = len(meeting.agenda.steps) - 1
    for index in range(turns):
        meeting.speak(NAMES[index % len(NAMES)])
        clock.advance(1.0)
        if (index + 1) % (turns // steps + 1) == 0 and meeting.agenda.cursor < steps - 1:
            meeting.next()
    return meeting, clock


def without_revision(data: bytes) -> bytes:
    """The file as a writer without revisions wrote it (its one `revision = "..."` line out)."""
    start = data.index(b"\nrevision = ")
    return data[:start] + data[data.index(b"\n", start + 1) :]


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def revision(
    writer: SessionWriter,
    doc: dict[str, Any],
    turns: list[bytes | bytearray],
    events: list[bytes | bytearray],
) -> None:
    """What the writer adds to a save for the revision: two digests and the head's hash."""
    with_revision(doc, [writer._turns.digest(turns), writer._events.digest(events)])


def measure(turns: int, reps: int, folder: Path) -> dict[str, float]:
    meeting, clock = running_meeting(turns)
    writer = SessionWriter()
    path = folder / f"follow{turns}.toml"
    old_path = folder / f"follow{turns}-old.toml"

    def save() -> bytes:
        data = writer.dumps(meeting)
        write_atomic(path, data, durable=False)
        write_atomic(old_path, without_revision(data), durable=False)
        return data

    save()
    follower, old = SessionFollower(path, clock), SessionFollower(old_path, clock)
    times: dict[str, list[float]] = {
        "heartbeat, revision": [],
        "heartbeat, no revision": [],
        "change": [],
        "writer dumps": [],
        "writer revision": [],
    }
    for rep in range(reps):
        clock.advance(5.0)
        save()  # a heartbeat
        times["heartbeat, revision"].append(timed(lambda: follower.poll() is False or 1 / 0))
        times["heartbeat, no revision"].append(timed(lambda: old.poll() is False or 1 / 0))
        times["writer dumps"].append(timed(lambda: writer.dumps(meeting)))
        doc = session_file.session_record(meeting, appended=False).model_dump(exclude_none=True)
        wall = meeting.agenda.wall
        texts = (
            writer._turns.render(meeting.talk.turns, wall),
            writer._events.render(meeting.agenda.events, wall),
        )
        times["writer revision"].append(timed(partial(revision, writer, doc, *texts)))
        meeting.speak(NAMES[rep % len(NAMES)])  # a change: the next speaker
        clock.advance(1.0)
        save()
        times["change"].append(timed(lambda: follower.poll() is True or 1 / 0))
        old.poll()
    size = path.stat().st_size
    return {"bytes": size, **{name: statistics.median(ms) for name, ms in times.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--turns", default="0,500,5000")
    args = parser.parse_args()
    sizes = [int(n) for n in args.turns.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        results = {turns: measure(turns, args.reps, Path(tmp)) for turns in sizes}
    names = [name for name in results[sizes[0]] if name != "bytes"]
    print(f"median ms over {args.reps} saves each")
    print(f"{'turns':>6} {'file KiB':>9} " + " ".join(f"{n:>22}" for n in names))
    for turns, got in results.items():
        cells = " ".join(f"{got[n]:>22.3f}" for n in names)
        print(f"{turns:>6} {got['bytes'] / 1024:>9.0f} {cells}")
    for turns, got in results.items():
        after, before = got["heartbeat, revision"], got["heartbeat, no revision"]
        emit(
            Row(
                f"clock: heartbeat check, {turns:,} turns, median ms (before: no revision)",
                f"{after:.3f}",
                f"{before:.3f}",
                f"{after / before:.3f}",
                f"<= {TARGET_MS} ms",
                verdict(after, TARGET_MS),
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
