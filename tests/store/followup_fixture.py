"""Fixed sessions for follow-up meetings (`caseroom run CASE --from SESSION`), all fictional.

`build_earlier(path)` plays the bundled case meeting quickly with a fake clock and six
proposals (three agreed), and saves the finished session: tests/data/sessions/
earlier-6-proposals.toml. `build_followup(path, earlier)` holds the follow-up meeting
(opfoelgning) continuing it, with a status recorded for every item and one new proposal:
tests/data/sessions/followup.toml. Regenerate both with

    CASEROOM_REGEN=1 .venv/bin/pytest tests/store/test_followup_store.py
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Roles
from caseroom.store.cases import open_case
from caseroom.store.followup import read_earlier
from caseroom.store.session_file import save

DATA = Path(__file__).resolve().parents[1] / "data"
EARLIER = DATA / "sessions" / "earlier-6-proposals.toml"
FOLLOWUP = DATA / "sessions" / "followup.toml"
TZ = timezone(timedelta(hours=1))
EARLIER_START = datetime(2026, 11, 2, 12, 0, tzinfo=TZ)
FOLLOWUP_START = datetime(2027, 1, 11, 12, 0, tzinfo=TZ)
CLINIC_PATH = "/home/klinik/caseroom/sessions/earlier-6-proposals.toml"

PEOPLE = (
    ("Ane Holm", "læge"),
    ("Bent Krog", "sygeplejerske"),
    ("Cille Mose", "sekretær"),
    ("Ditte Lyng", "bioanalytiker"),
)

PROPOSALS = (
    # text, area, responsible, proposed by, agreed
    ("Fast tid til årsstatus om tirsdagen", "årsstatus", "Bent Krog", "Cille Mose", True),
    ("Fælles fraseliste til\nsamtalen om kost", "fraser", "", "Ditte Lyng", False),
    ("Supervision hver anden uge", "supervision", "Ane Holm", "Bent Krog", True),
    ("Sidemandsoplæring for nye sekretærer", "oplæring", "Cille Mose", "Cille Mose", False),
    ("Blodprøver bookes med årsstatus", "arbejdsgang", "Ditte Lyng", "Ane Holm", True),
    ("Tjekliste i journalen", "", "", "", False),
)


def build_earlier(path: Path) -> Meeting:
    """The case meeting (t2d-aarsstatus): every step a few minutes, six proposals."""
    case, source, _ = open_case("t2d-aarsstatus")
    clock = FakeClock(EARLIER_START)
    meeting = Meeting(
        case, clock, case_source=source, rng=random.Random(3), time_zone="Europe/Copenhagen"
    )
    for name, profession in PEOPLE:
        meeting.add_participant(name, profession)
    meeting.roles = Roles("Ane Holm", "Bent Krog", "Cille Mose")
    meeting.start()
    for number, (text, area, responsible, by, agreed) in enumerate(PROPOSALS):
        clock.advance(120)
        if number % 2 == 0:
            meeting.next()
        proposal = meeting.add_proposal(text, area, responsible, by)
        if agreed:
            meeting.edit_proposal(proposal.id, agreed=True)
    meeting.add_learning_point("Årsstatus kræver fast tid")
    while meeting.agenda.current.segment.kind != "opsamling":
        clock.advance(60)
        meeting.next()
    meeting.set_action_plan("Ane Holm", "09-11-2026")
    clock.advance(60)
    meeting.finish()
    save(meeting, path)
    return meeting


def build_followup(path: Path, earlier: Path) -> Meeting:
    """The follow-up meeting (opfoelgning) continuing `earlier`: a status for each item."""
    case, source, _ = open_case("opfoelgning")
    follow = read_earlier(earlier, case).follow
    assert follow.continues is not None
    # the path as on the clinic's machine (not this checkout's): a reader finds the earlier
    # file by its case id and start when the path does not lead to it
    follow.continues = replace(follow.continues, path=CLINIC_PATH)
    clock = FakeClock(FOLLOWUP_START)
    meeting = Meeting(
        case,
        clock,
        case_source=source,
        rng=random.Random(3),
        time_zone="Europe/Copenhagen",
        follow=follow,
    )
    for name, profession in PEOPLE:
        meeting.add_participant(name, profession)
    meeting.roles = Roles("Ane Holm", "Bent Krog", "Cille Mose")
    meeting.start()
    clock.advance(150)
    meeting.next()
    statuses = ("done", "in-progress", "changed", "dropped", "in-progress", "done")
    for item, status in zip(meeting.items, statuses, strict=True):
        assert meeting.current_item is item
        clock.advance(100)
        meeting.record_item(
            item.id,
            status=status,
            learned=f"Erfaring med {item.area or 'punktet'}",
            next_step="" if status in ("done", "dropped") else f"Næste skridt for {item.id}",
            next_responsible="" if status in ("done", "dropped") else "Bent Krog",
            next_due="" if status in ("done", "dropped") else "01.03.2027",
        )
        meeting.next()
    meeting.add_proposal("Evaluering efter 6 måneder", "årsstatus", "Ane Holm", "Ditte Lyng")
    clock.advance(60)
    meeting.finish()
    save(meeting, path)
    return meeting
