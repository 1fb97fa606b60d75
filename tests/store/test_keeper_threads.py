"""SessionKeeper from two threads: the UI's, and the one that ends a stuck caseroom.

Two saves at once would share the temporary file `.NAME.PID.tmp` (one could rename the
other's half-written copy into place); `last_save` must wait for a save under way.
"""

from __future__ import annotations

import threading
import tomllib
from pathlib import Path
from typing import Any

import pytest

import caseroom.store.keeper as keeper_module
from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import parse_people
from caseroom.store import session_file
from caseroom.store.keeper import SessionKeeper

WAIT = 5.0  # for the other thread to get going; never reached when all is well


def keeper_of(small_case: Case, clock: FakeClock, path: Path) -> SessionKeeper:
    people = parse_people("Anna:læge,Bo:sekretær")
    return SessionKeeper(Meeting(small_case, clock, participants=people), path)


def test_two_threads_never_save_at_the_same_time(
    small_case: Case, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keeper = keeper_of(small_case, clock, tmp_path / "s.toml")
    real_save = session_file.save  # what the keeper calls
    second_calls = threading.Event()
    inside: list[str] = []
    most = [0]

    def watched_save(meeting: Meeting, path: Path, **options: Any) -> None:
        inside.append(threading.current_thread().name)
        most[0] = max(most[0], len(inside))
        if threading.current_thread().name == "first":
            second_calls.wait(WAIT)  # the second thread calls save() while this one saves
            second_calls.wait(0.2)  # and has had the time to get inside, were it let in
        real_save(meeting, path, **options)  # durable, and the keeper's writer
        inside.remove(threading.current_thread().name)

    monkeypatch.setattr(keeper_module, "save", watched_save)
    first = threading.Thread(target=keeper.save, name="first")
    first.start()
    while not inside:  # the first save is under way
        first.join(0.01)

    def second_save() -> None:
        second_calls.set()
        keeper.save()

    second = threading.Thread(target=second_save, name="second")
    second.start()
    first.join(WAIT)
    second.join(WAIT)
    assert most[0] == 1
    assert keeper.saves == 2 and keeper.saved
    tomllib.loads((tmp_path / "s.toml").read_text(encoding="utf-8"))
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_last_save_waits_for_a_save_under_way_then_saves_what_is_in_memory(
    small_case: Case, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keeper = keeper_of(small_case, clock, tmp_path / "s.toml")
    keeper.meeting.start()
    assert keeper.save()
    real_save = session_file.save  # what the keeper calls
    entered, go_on = threading.Event(), threading.Event()

    def slow_save(meeting: Meeting, path: Path, **options: Any) -> None:
        if threading.current_thread().name == "ui":
            entered.set()
            go_on.wait(WAIT)  # a save stuck in the disk
        real_save(meeting, path, **options)

    monkeypatch.setattr(keeper_module, "save", slow_save)
    ui = threading.Thread(target=keeper.save, name="ui")
    ui.start()
    assert entered.wait(WAIT)
    assert not keeper.last_save(timeout=0.05)  # stuck: leaves the last good file alone
    go_on.set()
    ui.join(WAIT)
    keeper.meeting.add_learning_point("kun i hukommelsen")
    done: list[bool] = []
    ender = threading.Thread(target=lambda: done.append(keeper.last_save(timeout=WAIT)))
    ender.start()
    ender.join(WAIT)
    assert done == [True]
    doc = tomllib.loads((tmp_path / "s.toml").read_text(encoding="utf-8"))
    assert [p["text"] for p in doc["learning_point"]] == ["kun i hukommelsen"]


def test_what_needs_a_save_at_the_end(small_case: Case, clock: FakeClock, tmp_path: Path) -> None:
    keeper = keeper_of(small_case, clock, tmp_path / "s.toml")
    assert not keeper.needs_save()  # the start screen: nothing to keep, no file made
    assert keeper.last_save(timeout=0.1)
    assert not (tmp_path / "s.toml").exists()
    keeper = keeper_of(small_case, clock, tmp_path / "t.toml")
    keeper.meeting.start()
    keeper.save()
    assert keeper.needs_save()  # the clock runs (or a pause's): its last seconds
    keeper.meeting.finish()
    keeper.save()
    assert not keeper.needs_save()  # finished, and on the disk
    keeper.save(durable=False)
    assert keeper.needs_save()  # not flushed to the disk yet
