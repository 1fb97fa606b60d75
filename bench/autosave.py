"""Autosave cost: median time of one atomic save of a session with N captures, or N turns.

Every capture, segment change and speaker change saves the whole session file
(`caseroom.store.session_file.save`: the session's models dumped -> tomli_w -> temporary
file, fsync, rename, fsync of the folder), through the keeper's `SessionWriter`, which keeps
the text of what it wrote before. This measures that for sessions with 10, 100, 1,000 and
5,000 captures (learning points and proposals of ~150 characters, as a note-taker writes
them), and splits it into serialisation (to_document + tomli_w, no text kept) and
write+fsync (write_atomic).

Then a running meeting with 5,000 speaking turns against one with none (as key_latency.py
builds them): the keeper's save after an agenda step (`save(durable=False)`, the flush comes
after the frame), and the writer's serialisation alone. Target: <= 2x the empty session.

    .venv/bin/python bench/autosave.py [--reps 25] [--turns 5000] [--dir FOLDER]

fsync figures depend on the file system: the folder and its file system type are printed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import tomli_w
from _benchlib import Row, emit, verdict

from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.atomic import write_atomic
from caseroom.store.cases import open_case
from caseroom.store.keeper import SessionKeeper
from caseroom.store.session_file import SessionWriter, save, to_document

SIZES = (10, 100, 1_000, 5_000)
PEOPLE = [
    ("Anna Lund", "læge"),
    ("Bo Kjær", "sygeplejerske"),
    ("Carla Nør", "sekretær"),
    ("Dorte Vang", "bioanalytiker"),
    ("Emil Hald", "læge"),
    ("Fie Dam", "sekretær"),
]
WORDS = (
    "årsstatus blodprøver booking indkaldelse fodundersøgelse øjenscreening HbA1c blodtryk "
    "journal fraser supervision lægen sygeplejersken sekretæren laboratoriet opfølgning "
    "tjekliste kontrol patienten medicin metformin kolesterol nyrefunktion urin albumin "
    "tid aftale ringer tilbage næste gang hvem hvornår hvordan vi skal altid først"
).split()
AREAS = ("årsstatus", "fraser", "supervision", "oplæring", "arbejdsgang", "flow", "andet")


def sentence(rng: random.Random, length: int = 150) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    return " ".join(words)[:length].capitalize()


def build(captures: int, seed: int = 1) -> Meeting:
    """The default case under way, six people, `captures` captures (60 % learning points)."""
    rng = random.Random(seed)
    case, source, _ = open_case(None)
    clock = FakeClock()
    meeting = Meeting(case, clock, case_source=source)
    for name, profession in PEOPLE:
        meeting.add_participant(name, profession)
    meeting.start()
    steps = len(meeting.agenda.steps)
    for n in range(captures):
        if n % max(1, captures // (steps - 1)) == 0 and meeting.agenda.cursor < steps - 2:
            meeting.next()
        meeting.speak(rng.choice(PEOPLE)[0])
        clock.advance(rng.uniform(5, 40))
        if rng.random() < 0.6:
            meeting.add_learning_point(sentence(rng))
        else:
            meeting.add_proposal(
                sentence(rng), area=rng.choice(AREAS), responsible=rng.choice(PEOPLE)[0]
            )
    meeting.speak(None)
    return meeting


def with_turns(turns: int) -> tuple[Meeting, FakeClock]:
    """The default case running, three people, `turns` turns spread over the agenda."""
    case, source, _ = open_case(None)
    clock = FakeClock()
    people = [Participant(name, job) for name, job in PEOPLE[:3]]
    meeting = Meeting(case, clock, participants=people, case_source=source)
    meeting.start()
    names = [p.name for p in people]
    steps = len(meeting.agenda.steps) - 1
    for index in range(turns):
        meeting.speak(names[index % len(names)])
        clock.advance(1.0)
        if (index + 1) % (turns // steps + 1) == 0 and meeting.agenda.cursor < steps - 1:
            meeting.next()
    return meeting, clock


def keeper_saves(turns: int, folder: Path, reps: int) -> tuple[float, float, int]:
    """Median ms of a keeper's save after an agenda step, and of its writer's dump; KB."""
    meeting, clock = with_turns(turns)
    keeper = SessionKeeper(meeting, folder / f"turns-{turns}.toml")
    keeper.save()
    last = len(meeting.agenda.steps) - 2
    direction = 1

    def step() -> None:
        nonlocal direction
        clock.advance(3)
        if meeting.agenda.cursor >= last:
            direction = -1
        elif meeting.agenda.cursor <= 0:
            direction = 1
        meeting.next() if direction > 0 else meeting.back()

    saves, dumps = [], []
    for _ in range(reps):
        step()
        began = time.perf_counter()
        keeper.save(durable=False)
        saves.append(time.perf_counter() - began)
        step()
        began = time.perf_counter()
        keeper.writer.dumps(meeting)
        dumps.append(time.perf_counter() - began)
    size = keeper.path.stat().st_size // 1024
    return statistics.median(saves) * 1000, statistics.median(dumps) * 1000, size


def median_ms(run: Callable[[], object], reps: int) -> float:
    times = []
    for _ in range(reps):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def filesystem(folder: Path) -> str:
    """The type of the file system holding `folder` (Linux /proc/mounts), else '?'."""
    try:
        mounts = [line.split() for line in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        return "?"
    real = str(folder.resolve())
    best = max(
        (m for m in mounts if real == m[1] or real.startswith(m[1].rstrip("/") + "/")),
        key=lambda m: len(m[1]),
        default=None,
    )
    return f"{best[2]} ({best[1]})" if best else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=25, help="repetitions per size")
    parser.add_argument("--turns", type=int, default=5_000, help="turns of the large meeting")
    parser.add_argument("--dir", type=Path, default=None, help="folder to save into")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="caseroom-bench-", dir=args.dir))
    path = folder / "session.toml"
    print(f"saving into {folder} on {filesystem(folder)}; median of {args.reps} runs each")
    header = (
        f"{'captures':>8} {'file KB':>8} {'save ms':>8} {'to_doc ms':>9} {'tomli_w ms':>10} "
        f"{'write+fsync ms':>14} {'serialise %':>11}"
    )
    print(header)
    print("-" * len(header))
    for size in SIZES:
        meeting = build(size)
        writer = SessionWriter()  # the keeper's: keeps the text of what it wrote
        save(meeting, path, writer=writer)  # warm up; every run replaces the file
        doc = to_document(meeting)
        data = tomli_w.dumps(doc).encode("utf-8")
        total = median_ms(partial(save, meeting, path, writer=writer), args.reps)
        to_doc = median_ms(partial(to_document, meeting), args.reps)
        dump = median_ms(partial(tomli_w.dumps, doc), args.reps)
        write = median_ms(partial(write_atomic, path, data), args.reps)
        share = 100 * (to_doc + dump) / (to_doc + dump + write)
        print(
            f"{size:>8,} {len(data) / 1024:>8.0f} {total:>8.1f} {to_doc:>9.1f} {dump:>10.1f} "
            f"{write:>14.1f} {share:>10.0f}%"
        )
    reps = max(args.reps, 100)
    empty, empty_dump, empty_kb = keeper_saves(0, folder, reps)
    large, large_dump, large_kb = keeper_saves(args.turns, folder, reps)
    print(f"\nkeeper's save after an agenda step (durable=False), median of {reps}")
    print(f"{'turns':>8} {'file KB':>8} {'save ms':>8} {'dumps ms':>9}")
    print(f"{0:>8,} {empty_kb:>8} {empty:>8.2f} {empty_dump:>9.2f}")
    print(f"{args.turns:>8,} {large_kb:>8} {large:>8.2f} {large_dump:>9.2f}")
    emit(
        Row(
            f"save with {args.turns:,} turns, median ms",
            f"{large:.2f}",
            f"{empty:.2f} (empty)",
            f"{large / empty:.2f}x",
            "<= 2x empty",
            verdict(large / empty, 2.0),
        )
    )
    for leftover in folder.iterdir():
        leftover.unlink()
    os.rmdir(folder)


if __name__ == "__main__":
    main()
