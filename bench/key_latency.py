"""Key to repaint under Pilot: caseroom's `n`/`b` against the bare app's `n`, in one process.

Run by hand (about a minute with the defaults):

    .venv/bin/python bench/key_latency.py                # 200 presses of each, 2 rounds
    .venv/bin/python bench/key_latency.py --presses 50   # a quick look

The method is the team's `pilot_latency.py`: `App._display` is wrapped, and a press counts
from the moment Pilot starts pressing to the first frame handed to the display whose
rendered output holds the new text (the headless driver then drops it, so no terminal write
is included). Textual batches frames at 60 fps, so 0..17 ms of it is the frame timer.

* bare: the team's `bare_app.py`, `n` bumps its counter; the new text is `count=NNNNNN`.
* caseroom: `make_app(case, clock=FakeClock(), people=[3])`, the meeting started with space,
  then `n` up to the second-to-last step and `b` back down to the first, over and over. Each
  press moves the agenda: the domain changes, the session is saved (atomic write + fsync),
  then the screen repaints. The new text is the new step's marker: "▶ Title" in the agenda
  sidebar, or "Spørgsmål N af M" in the step title inside the case.
* caseroom, 5,000 turns: the same with a meeting that already has 5,000 speaking turns spread
  over the agenda (issue 5: within 2x of the empty session).

Presses are spaced: after a press's frame the app is left `--gap` seconds (default 0.06 s,
about four frames) to finish what follows the frame, as between a person's key presses (the
same for both apps). `--gap 0` presses back to back, as a stress figure: then the work a
press leaves for after its frame (the flush of the save, the longer step text) lands in the
next press's time.

Presses are split over rounds (bare, caseroom, caseroom 5,000 turns, then again) so slow
phases of the machine hit all three. The session files go to a temporary folder (--dir to
choose; on tmpfs fsync is free, so use a disk folder as the real sessions folder is).
Targets: caseroom <= 2x bare; caseroom with 5,000 turns <= 2x caseroom empty.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _benchlib import PERF, Row, emit, median, quantile, require_perf, verdict

from caseroom.domain.agenda import AgendaRun
from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.ui.app import CaseroomApp, make_app
from caseroom.ui.i18n import Lang, t

TARGET = 2.0
SIZE = (120, 40)


def people() -> list[Participant]:
    return [
        Participant("Anna", "læge"),
        Participant("Bo", "sygeplejerske"),
        Participant("Carl", "sekretær"),
    ]


def step_marker(agenda: AgendaRun, index: int, lang: Lang) -> str:
    """Text that is on screen only once step `index` is the current one."""
    step = agenda.steps[index]
    if step.question is None:
        return "▶ " + step.segment.title[:8]
    questions = [s for s in agenda.steps if s.segment_index == step.segment_index]
    return t("fig.question", lang, n=questions.index(step) + 1, total=len(questions))


async def measure(
    app: Any,
    presses: int,
    warmup: int,
    prepare: Callable[[Any], Any] | None,
    plan: Callable[[Any, int], tuple[str, str]],
    gap: float = 0.0,
) -> dict[str, list[float]]:
    """Press `warmup + presses` keys; plan(app, i) -> (key, text the new frame must hold)."""
    state: dict[str, Any] = {"marker": None, "t_frame": None}
    got = asyncio.Event()
    original = app._display

    def display_hook(screen: Any, renderable: Any) -> None:
        now = time.perf_counter()
        original(screen, renderable)
        marker = state["marker"]
        if marker is not None and renderable is not None and state["t_frame"] is None:
            if marker in renderable.render_segments(app.console):
                state["t_frame"] = now
                got.set()

    app._display = display_hook
    saves: list[float] = []
    keeper = getattr(app, "keeper", None)
    if keeper is not None:
        original_save = keeper.save

        def timed_save(**kwargs: bool) -> bool:
            started = time.perf_counter()
            ok = original_save(**kwargs)
            saves.append(time.perf_counter() - started)
            return bool(ok)

        keeper.save = timed_save
    frames: list[float] = []
    missed = 0
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if prepare is not None:
            await prepare(pilot)
        for index in range(warmup + presses):
            key, marker = plan(app, index)
            state.update(marker=marker, t_frame=None)
            got.clear()
            started = time.perf_counter()
            await pilot.press(key)
            try:
                await asyncio.wait_for(got.wait(), 5.0)
            except TimeoutError:
                missed += 1
                continue
            if index >= warmup:
                frames.append(state["t_frame"] - started)
            if gap:
                await pilot.pause()
                await asyncio.sleep(gap)
    return {"frame": frames, "missed": [float(missed)], "saves": saves}


# --- the apps ------------------------------------------------------------------------------


def bare_plan(app: Any, index: int) -> tuple[str, str]:
    return "n", f"count={app.count + 1:06d}"


def caseroom_plan(app: CaseroomApp, index: int) -> tuple[str, str]:
    agenda = app.meeting.agenda
    last = len(agenda.steps) - 2  # the last step's `n` would finish the meeting
    direction = getattr(app, "_bench_direction", 1)
    if agenda.cursor >= last:
        direction = -1
    elif agenda.cursor <= 0:
        direction = 1
    app._bench_direction = direction  # type: ignore[attr-defined]
    target = agenda.cursor + direction
    return ("n" if direction > 0 else "b"), step_marker(agenda, target, app.lang)


async def start_meeting(pilot: Any) -> None:
    await pilot.press("space")
    await pilot.pause()
    assert pilot.app.meeting.agenda.is_live, "the meeting did not start"


def caseroom_app(folder: Path, turns: int) -> CaseroomApp:
    case, source, _ = open_case(None)
    clock = FakeClock()
    path = Path(tempfile.mkstemp(dir=folder, suffix=".toml")[1])
    path.unlink()
    if turns == 0:
        return make_app(case, session_path=path, clock=clock, people=people(), case_source=source)
    meeting = Meeting(case, clock, participants=people(), case_source=source)
    meeting.start()
    names = [p.name for p in meeting.participants]
    steps = len(meeting.agenda.steps) - 1
    for index in range(turns):
        meeting.speak(names[index % len(names)])
        clock.advance(1.0)
        if (index + 1) % (turns // steps + 1) == 0 and meeting.agenda.cursor < steps - 1:
            meeting.next()
    assert len(meeting.talk.turns) >= turns, len(meeting.talk.turns)
    return make_app(case, session_path=path, clock=clock, meeting=meeting)


def bare_app() -> Any:
    sys.path.insert(0, str(PERF))
    from bare_app import BareApp  # type: ignore[import-not-found]

    return BareApp()


def summary(name: str, frames: list[float]) -> str:
    ms = [1000 * f for f in frames]
    return (
        f"{name:22} {median(ms):7.2f} {min(ms):7.2f} {quantile(ms, 0.9):7.2f} {max(ms):7.2f} "
        f"{len(ms):5d}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=200, help="timed presses of each app")
    parser.add_argument("--warmup", type=int, default=10, help="presses not counted, per round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--turns", type=int, default=5000, help="turns in the large session")
    parser.add_argument("--dir", type=Path, help="folder for the session files")
    parser.add_argument(
        "--gap", type=float, default=0.06, help="idle seconds between presses (0: back to back)"
    )
    args = parser.parse_args()
    require_perf("bare_app.py")
    folder = Path(tempfile.mkdtemp(prefix="crbench_keys", dir=args.dir))
    per_round = [args.presses // args.rounds] * args.rounds
    per_round[-1] += args.presses - sum(per_round)
    results: dict[str, dict[str, list[float]]] = {}

    def add(name: str, got: dict[str, list[float]]) -> None:
        into = results.setdefault(name, {"frame": [], "missed": [], "saves": []})
        for key, values in got.items():
            into[key].extend(values)

    try:
        for count in per_round:
            add(
                "bare",
                asyncio.run(measure(bare_app(), count, args.warmup, None, bare_plan, args.gap)),
            )
            app = caseroom_app(folder, 0)
            add(
                "caseroom",
                asyncio.run(
                    measure(app, count, args.warmup, start_meeting, caseroom_plan, args.gap)
                ),
            )
            started = time.perf_counter()
            app = caseroom_app(folder, args.turns)
            built = time.perf_counter() - started
            add(
                f"caseroom {args.turns} turns",
                asyncio.run(measure(app, count, args.warmup, None, caseroom_plan, args.gap)),
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    import textual

    print(
        f"key_latency: textual {textual.__version__}, Pilot {SIZE[0]}x{SIZE[1]}, {args.presses} "
        f"presses each in {args.rounds} rounds (+{args.warmup} warm-up per round), "
        f"{args.gap * 1000:.0f} ms idle between presses; "
        f"large session built in {built:.1f} s; sessions in {os.path.dirname(folder)}"
    )
    print(f"{'key -> frame, ms':22} {'median':>7} {'min':>7} {'p90':>7} {'max':>7} {'n':>5}")
    for name, got in results.items():
        print(summary(name, got["frame"]))
    for name, got in results.items():
        if got["saves"]:
            ms = [1000 * s for s in got["saves"]]
            print(f"  {name}: save() median {median(ms):.2f} ms over {len(ms)} saves")
        if sum(got["missed"]):
            print(f"  {name}: WARNING {sum(got['missed']):.0f} presses never showed their text")
    bare = median(results["bare"]["frame"]) * 1000
    empty = median(results["caseroom"]["frame"]) * 1000
    large = median(results[f"caseroom {args.turns} turns"]["frame"]) * 1000
    print(
        f"key_latency: median key->frame caseroom {empty:.2f} ms, bare {bare:.2f} ms "
        f"(ratio {empty / bare:.2f}); with {args.turns} turns {large:.2f} ms "
        f"(ratio to empty {large / empty:.2f})"
    )
    emit(
        Row(
            f"key -> repaint, median ms ({args.presses} n/b presses)",
            f"{empty:.2f}",
            f"{bare:.2f}",
            f"{empty / bare:.2f}x",
            f"<= {TARGET:g}x",
            verdict(empty / bare, TARGET),
        )
    )
    emit(
        Row(
            f"key -> repaint with {args.turns:,} turns, median ms",
            f"{large:.2f}",
            f"{empty:.2f} (empty)",
            f"{large / empty:.2f}x",
            f"<= {TARGET:g}x empty",
            verdict(large / empty, TARGET),
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
