"""Notes' ids in the session file: saved with each note, loaded back as they were; a file
written before notes had ids loads with the same ids every time, and saving it writes them."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import SessionFileError, UntrustedSessionError
from caseroom.domain.meeting import Meeting
from caseroom.store.cases import open_case
from caseroom.store.export.reading import salvage_for_export
from caseroom.store.session_file import dumps, load, open_for_resume, restore, save
from tests.conftest import DATA, START


def new_meeting(clock: FakeClock) -> Meeting:
    case, source, _ = open_case("t2d-aarsstatus")
    meeting = Meeting(case, clock, case_source=source)
    for name, job in (("Anna", "læge"), ("Bo", "sygeplejerske")):
        meeting.add_participant(name, job)
    meeting.start()
    return meeting


def noted(clock: FakeClock) -> Meeting:
    """Two learning points and three proposals, one merged away and the last deleted; an
    evaluation (it has its participant for a key, no id)."""
    meeting = new_meeting(clock)
    meeting.add_learning_point("Blodprøver før årsstatus")
    meeting.add_proposal("Fast frase", area="fraser")
    clock.advance(60)
    meeting.add_learning_point("Fødder hver gang")
    meeting.add_proposal("Fast frase igen", area="fraser")
    meeting.add_proposal("Slet mig")
    meeting.merge_proposals("p-1", "p-2")
    meeting.delete_capture("proposal", "p-3")
    meeting.set_evaluation("Anna", ["Ro"])
    return meeting


def ids(meeting: Meeting) -> list[str]:
    return [p.id for p in meeting.learning_points] + [p.id for p in meeting.proposals]


def read(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text("utf-8"))


def without_ids(path: Path) -> None:
    """The file as caseroom wrote it before notes had ids."""
    doc = read(path)
    for name in ("learning_point", "proposal"):
        for note in doc.get(name, []):
            del note["id"]
    del doc["note_ids"]
    path.write_text(tomli_w.dumps(doc), "utf-8")


def test_each_note_is_saved_with_its_id_and_the_counters_with_them(
    clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "s.toml"
    save(noted(clock), path)
    doc = read(path)
    assert doc["format"] == 2  # ids are optional keys: the format stays
    assert [p["id"] for p in doc["learning_point"]] == ["lp-1", "lp-2"]
    assert [p["id"] for p in doc["proposal"]] == ["p-1"]
    assert doc["note_ids"] == {"lp": 2, "p": 3}  # p-2 merged, p-3 deleted: both spent
    assert doc["evaluation"] == [{"participant": "Anna", "points": ["Ro"]}]  # its key: who
    first = path.read_text("utf-8").split("[[learning_point]]\n")[1]
    assert first.startswith('id = "lp-1"\n')  # the id opens its table


def test_ids_come_back_from_the_file_and_save_to_the_same_bytes(
    clock: FakeClock, tmp_path: Path
) -> None:
    meeting = noted(clock)
    path = tmp_path / "s.toml"
    save(meeting, path)
    again = restore(path, clock)
    assert ids(again) == ids(meeting) == ["lp-1", "lp-2", "p-1"]
    assert again.learning_points == meeting.learning_points
    assert again.proposals == meeting.proposals
    assert dumps(again) == path.read_bytes()


def test_an_id_spent_before_a_resume_is_not_given_after_it(
    clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "s.toml"
    save(noted(clock), path)  # p-3, the last proposal, was deleted: only the counter knows
    clock.advance(600)
    resumed = open_for_resume(path, base=clock)
    assert resumed.add_proposal("Ny").id == "p-4"
    assert resumed.add_learning_point("Ny").id == "lp-3"
    resumed.edit_proposal("p-1", agreed=True)  # and the old ones answer to their ids
    assert resumed.proposal("p-1").agreed


def test_a_file_from_before_ids_loads_with_the_same_ids_every_time(
    clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "old.toml"
    meeting = noted(clock)
    meeting.add_proposal("Tredje")
    save(meeting, path)
    without_ids(path)
    old = path.read_bytes()
    first, second = restore(path, clock), load(path, clock, follow=True)
    assert ids(first) == ids(second) == ["lp-1", "lp-2", "p-1", "p-2"]  # in file order
    assert [p.text for p in first.proposals] == ["Fast frase\nFast frase igen", "Tredje"]
    assert path.read_bytes() == old  # loading never writes

    save(first, path)  # saving it writes them
    doc = read(path)
    assert [p["id"] for p in doc["proposal"]] == ["p-1", "p-2"]
    assert doc["note_ids"] == {"lp": 2, "p": 2}
    assert ids(restore(path, clock)) == ids(first)


def test_the_stored_sessions_load_with_ids(clock: FakeClock) -> None:
    path = DATA / "sessions" / "export-meeting.toml"
    assert "note_ids" not in read(path)  # written before notes had ids
    meeting = load(path, FakeClock(start=START), follow=True)
    expected = [f"lp-{n + 1}" for n in range(len(meeting.learning_points))]
    expected += [f"p-{n + 1}" for n in range(len(meeting.proposals))]
    assert ids(meeting) == expected and len(expected) > 2
    assert ids(load(path, FakeClock(start=START), follow=True)) == expected


def test_a_file_with_some_ids_keeps_them_and_numbers_the_rest_after_them(
    clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "s.toml"
    meeting = new_meeting(clock)
    for text in ("a", "b", "c"):
        meeting.add_proposal(text)
    save(meeting, path)
    doc = read(path)
    del doc["note_ids"]
    del doc["proposal"][0]["id"]
    doc["proposal"][1]["id"] = "p-7"  # edited by hand
    path.write_text(tomli_w.dumps(doc), "utf-8")
    assert ids(restore(path, clock)) == ["p-8", "p-7", "p-3"]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda doc: doc["proposal"][1].update(id="p-1"),
            "proposal: the note id 'p-1' is used twice",
        ),
        (lambda doc: doc["proposal"][0].update(id="lp-1"), "the note id 'lp-1' is used twice"),
        (lambda doc: doc["proposal"][0].update(id="p 1"), "proposal[1].id: string should match"),
        (lambda doc: doc["proposal"][0].update(id=1), "proposal[1].id: input should be"),
        (lambda doc: doc.update(note_ids={"p": -1}), "note_ids.p: input should be greater"),
    ],
    ids=["twice", "across kinds", "a space", "a number", "a negative counter"],
)
def test_a_file_whose_ids_do_not_hold_is_refused_and_left_alone(
    clock: FakeClock, tmp_path: Path, change: Any, problem: str
) -> None:
    path = tmp_path / "s.toml"
    meeting = new_meeting(clock)
    meeting.add_learning_point("a")
    meeting.add_proposal("b")
    meeting.add_proposal("c")
    save(meeting, path)
    doc = read(path)
    change(doc)
    path.write_text(tomli_w.dumps(doc), "utf-8")
    written = path.read_bytes()
    with pytest.raises(SessionFileError) as refused:
        open_for_resume(path, base=clock)
    assert problem in str(refused.value).lower()
    assert path.read_bytes() == written


def test_what_is_salvaged_from_a_broken_file_still_has_one_id_per_note(
    clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "s.toml"
    meeting = new_meeting(clock)
    for text in ("a", "b", "c"):
        meeting.add_proposal(text)
    save(meeting, path)
    doc = read(path)
    doc["proposal"][2]["id"] = "p-1"  # a file caseroom did not write
    path.write_text(tomli_w.dumps(doc), "utf-8")
    with pytest.raises(UntrustedSessionError) as untrusted:
        load(path, clock, follow=True)
    salvaged, _ = salvage_for_export(path, untrusted.value)
    assert ids(salvaged) == ["p-1", "p-2", "p-4"]  # p-3 was given once: the counter says so
    assert [p.text for p in salvaged.proposals] == ["a", "b", "c"]
