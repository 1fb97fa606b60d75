"""The report reads what a real follow-up writes (contract of issue #20, §1 and §3).

These tests save a follow-up the way `caseroom run --from` does (the domain on a fake clock,
`tests/store/followup_fixture.py`) and run the report over it together with the earlier
session it continues: each earlier proposal gets the status the follow-up recorded. The
report's own fixture follow-ups (tests/data/report/followup-*.toml) are played the same way
(tests/store/report_fixture.py); a test checks their items' order and `then`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from caseroom.store.export.report import build_report, follow_up_statuses, read_sessions

from .followup_fixture import build_earlier, build_followup

# the status recorded for each earlier proposal (by its id) in build_followup
EXPECTED = {
    "p-1": "done",
    "p-3": "in-progress",
    "p-5": "changed",
    "p-2": "dropped",
    "p-4": "in-progress",
    "p-6": "done",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("chain")
    build_earlier(folder / "earlier.toml")
    build_followup(folder / "followup.toml", folder / "earlier.toml")
    return folder


def test_a_saved_follow_up_has_the_keys_and_shapes_the_report_reads(folder: Path) -> None:
    doc = tomllib.loads((folder / "followup.toml").read_text("utf-8"))
    earlier = tomllib.loads((folder / "earlier.toml").read_text("utf-8"))
    continues = doc["continues"]
    assert continues["case_id"] == earlier["case_id"]
    assert continues["started_at"] == earlier["started_at"]
    assert [s["kind"] for s in doc["segment"]].count("status") == 1
    for item in doc["item"]:
        assert set(item) >= {"id", "source", "text", "agreed", "minutes", "status"}
        assert item["status"] in ("done", "in-progress", "changed", "dropped")


def test_the_report_gives_each_earlier_proposal_the_status_its_follow_up_recorded(
    folder: Path,
) -> None:
    reading = read_sessions([folder])
    assert reading.skipped == []
    by_case = {s.case_id: (index, s) for index, s in enumerate(reading.sessions)}
    earlier_index, earlier = by_case["t2d-aarsstatus"]
    follow_index, follow = by_case["opfoelgning"]
    assert follow.continues == earlier.key
    statuses = follow_up_statuses(reading.sessions)
    assert {p.id: statuses.get((earlier_index, p.id)) for p in earlier.proposals} == EXPECTED
    # the follow-up's own new proposal has no follow-up yet
    assert [statuses.get((follow_index, p.id)) for p in follow.proposals] == [None]


def test_the_report_tables_count_the_statuses_by_area_and_the_status_segment(folder: Path) -> None:
    report = build_report(read_sessions([folder]).sessions, "da")
    tables = {table.name: table for table in report.tables}
    by_area = tables["proposals_by_area"]
    labels = [label for label, _ in by_area.columns]
    start = labels.index("Gennemført")
    assert labels[start : start + 5] == [
        "Gennemført",
        "I gang",
        "Ændret",
        "Droppet",
        "Ikke fulgt op endnu",
    ]
    counts = {row[0]: row[start : start + 5] for row in by_area.rows}
    # årsstatus: p-1 done (earlier) and the follow-up's new proposal (no follow-up yet)
    assert counts["årsstatus"] == [1, 0, 0, 0, 1]
    assert counts["supervision"] == [0, 1, 0, 0, 0]
    assert counts["arbejdsgang"] == [0, 0, 1, 0, 0]
    assert counts["fraser"] == [0, 0, 0, 1, 0]
    assert counts["oplæring"] == [0, 1, 0, 0, 0]
    assert counts["(uden område)"] == [1, 0, 0, 0, 0]
    kinds = [row[0] for row in tables["segments_by_kind"].rows]
    assert "status" in kinds


REPORT_FIXTURES = Path(__file__).resolve().parents[1] / "data" / "report"


@pytest.mark.parametrize("name", ["followup-3d.toml", "followup-6m.toml"])
def test_the_report_fixture_follow_ups_order_items_as_contract_3_says(name: str) -> None:
    """Contract §3: an earlier follow-up's items first (with `then` = the status it recorded),
    then its own new proposals; ids f1, f2, ... in that order."""
    doc = tomllib.loads((REPORT_FIXTURES / name).read_text("utf-8"))
    items = doc["item"]
    assert [item["id"] for item in items] == [f"f{n}" for n in range(1, len(items) + 1)]
    from_items = [item["source"].startswith("f") for item in items]
    assert from_items == sorted(from_items, reverse=True), "earlier items come first"
    earlier_path = REPORT_FIXTURES / Path(doc["continues"]["path"]).name
    earlier = tomllib.loads(earlier_path.read_text("utf-8"))
    recorded = {item["id"]: item.get("status") for item in earlier.get("item", [])}
    for item in items:
        if item["source"] in recorded:
            assert item.get("then") == recorded[item["source"]], item["id"]
