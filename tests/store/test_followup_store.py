"""A follow-up's session file: what it continues and its items are stored in it, load back,
and the earlier file is only read (byte-identical, same mtime, after a whole meeting)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from caseroom.domain.clock import FakeClock
from caseroom.store.cases import open_case
from caseroom.store.followup import read_earlier
from caseroom.store.session_file import dumps, load, restore
from tests.store.followup_fixture import (
    CLINIC_PATH,
    EARLIER,
    FOLLOWUP,
    FOLLOWUP_START,
    build_earlier,
    build_followup,
)

REGEN = bool(os.environ.get("CASEROOM_REGEN"))


def test_the_fixtures_are_what_their_builders_make(tmp_path: Path) -> None:
    if REGEN:
        build_earlier(EARLIER)
        build_followup(FOLLOWUP, EARLIER)
    build_earlier(tmp_path / "earlier.toml")
    assert (tmp_path / "earlier.toml").read_bytes() == EARLIER.read_bytes()
    build_followup(tmp_path / "followup.toml", EARLIER)
    assert (tmp_path / "followup.toml").read_bytes() == FOLLOWUP.read_bytes()


def test_the_earlier_fixture_has_six_proposals_three_agreed() -> None:
    doc = tomllib.loads(EARLIER.read_text(encoding="utf-8"))
    assert len(doc["proposal"]) == 6
    assert sum(p["agreed"] for p in doc["proposal"]) == 3


def test_the_follow_up_records_what_it_continues_and_its_items_as_the_contract_says() -> None:
    doc = tomllib.loads(FOLLOWUP.read_text(encoding="utf-8"))
    earlier = tomllib.loads(EARLIER.read_text(encoding="utf-8"))
    continues = doc["continues"]
    assert continues["path"] == CLINIC_PATH
    assert continues["case_id"] == earlier["case_id"] == continues["first_case_id"]
    assert continues["started_at"] == earlier["started_at"] == continues["first_started_at"]
    assert continues["case_title"] == earlier["case_title"]
    assert continues["action_plan_drafter"] == "Ane Holm"
    assert len(continues["sha256"]) == 64
    items = doc["item"]
    assert [i["id"] for i in items] == ["f1", "f2", "f3", "f4", "f5", "f6"]
    assert [i["agreed"] for i in items] == [True] * 3 + [False] * 3
    assert [i["minutes"] for i in items] == [3, 3, 3, 2, 2, 2]
    assert {i["source"] for i in items} == {p["id"] for p in earlier["proposal"]}
    assert items[1]["next_due"] == "2027-03-01" and "then" not in items[1]
    assert items[3]["status"] == "dropped" and "next_due" not in items[3]
    assert items[3]["text"] == "Fælles fraseliste til\nsamtalen om kost"
    steps = [s["key"] for s in doc["agenda"]["step"]]
    assert steps[1:7] == [f"status/f{n}" for n in range(1, 7)]
    assert len(doc["proposal"]) == 1  # its own new proposal


def test_a_follow_up_loads_back_and_saves_the_same_bytes() -> None:
    saved_at = tomllib.loads(FOLLOWUP.read_text(encoding="utf-8"))["saved_at"]
    meeting = restore(FOLLOWUP, FakeClock(saved_at))
    assert dumps(meeting) == FOLLOWUP.read_bytes()
    assert [i.status for i in meeting.items] == [
        "done",
        "in-progress",
        "changed",
        "dropped",
        "in-progress",
        "done",
    ]
    assert meeting.follow.continues is not None
    assert meeting.follow.continues.first_case_id == "t2d-aarsstatus"


def test_following_it_rebuilds_the_same_agenda_from_case_and_items() -> None:
    followed = load(FOLLOWUP, FakeClock(FOLLOWUP_START), follow=True)
    assert [s.key for s in followed.agenda.steps][1:3] == ["status/f1", "status/f2"]
    assert followed.agenda.steps[1].item is followed.items[0]


def test_the_next_meeting_in_the_chain_takes_up_the_items_with_their_status_then(
    tmp_path: Path,
) -> None:
    case, _, _ = open_case("opfoelgning")
    earlier = read_earlier(FOLLOWUP, case)
    continues, items = earlier.follow.continues, earlier.follow.items
    assert continues is not None and not earlier.warnings
    assert continues.case_id == "opfoelgning"
    assert continues.path == str(FOLLOWUP.resolve())
    assert (continues.first_case_id, continues.first_started_at.year) == ("t2d-aarsstatus", 2026)
    assert [(i.source, i.then) for i in items] == [
        ("f1", "done"),
        ("f2", "in-progress"),
        ("f3", "changed"),
        ("f4", "dropped"),
        ("f5", "in-progress"),
        ("f6", "done"),
        ("p-1", None),  # the follow-up's own new proposal
    ]
    assert sum(i.minutes for i in items) == 15


def test_the_earlier_file_is_byte_identical_after_a_whole_follow_up(tmp_path: Path) -> None:
    earlier = tmp_path / "earlier.toml"
    earlier.write_bytes(EARLIER.read_bytes())
    os.utime(earlier, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    before = earlier.read_bytes(), earlier.stat().st_mtime_ns, earlier.stat().st_mode
    build_followup(tmp_path / "followup.toml", earlier)
    restore(tmp_path / "followup.toml", FakeClock(FOLLOWUP_START))
    assert (earlier.read_bytes(), earlier.stat().st_mtime_ns, earlier.stat().st_mode) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["earlier.toml", "followup.toml"]


def test_items_that_do_not_match_the_case_are_refused_as_an_edited_case(tmp_path: Path) -> None:
    text = FOLLOWUP.read_text(encoding="utf-8")
    broken = tmp_path / "f.toml"
    head, _, tail = text.partition('\n[[item]]\nid = "f6"')
    broken.write_text(head + '\n[[item]]\nid = "f9"' + tail, encoding="utf-8")
    from caseroom.domain.errors import SessionFileError

    with pytest.raises(SessionFileError, match="no longer matches"):
        load(broken, FakeClock(FOLLOWUP_START))
