"""A follow-up meeting played on a fake clock, for the golden files of its exports.

`play_followup(earlier)` holds the bundled follow-up agenda (opfoelgning) continuing the
session file `earlier` (tests/data/sessions/earlier-6-proposals.toml: six proposals, three
agreed) as `caseroom run opfoelgning --from` does: the items read by `read_earlier`, every step
its planned minutes with a few speaking turns, a status recorded on each item (with what was
learned, and for those not finished a next step, who and by when), a new proposal chosen in
the closing, and who takes the chosen ones forward. All names are fictional.

Regenerate the golden files with

    CASEROOM_REGEN=1 .venv/bin/pytest tests/store/test_export_followup.py
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from itertools import chain, repeat
from pathlib import Path

from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting, MeetingAction
from caseroom.domain.people import Roles
from caseroom.store.cases import open_case
from caseroom.store.followup import read_earlier

TZ = timezone(timedelta(hours=1))
START = datetime(2027, 1, 14, 12, 0, tzinfo=TZ)  # a Thursday, 10 weeks after the case meeting
CLINIC_FOLDER = "/home/klinik/caseroom/sessions"

PEOPLE = (
    ("Ane Holm", "læge"),
    ("Bent Krog", "sygeplejerske"),
    ("Cille Mose", "sekretær"),
    ("Ditte Lyng", "bioanalytiker"),
)

# per item, in the order taken: status, learned, next step, who, due (as typed)
RECORDS = (
    ("done", "Tirsdagene er faste nu;\nventetiden til årsstatus er halveret.", "", "", ""),
    (
        "in-progress",
        "Supervisionen aflyses, når der er travlt.",
        "Fast tid i kalenderen",
        "Ane Holm",
        "01.03.2027",
    ),
    (
        "changed",
        "Blodprøverne bookes en uge før i stedet.",
        "Ny skabelon til booking",
        "Ditte Lyng",
        "2027-02-15",
    ),
    ("dropped", "Ingen tid til at skrive listen; tages op igen til efteråret.", "", "", ""),
    ("in-progress", "", "Oplæringsplan for to nye sekretærer", "Cille Mose", ""),
    ("", "", "", "", ""),  # not reviewed: the time ran out
)


def play_followup(
    earlier: Path, *, folder: str = CLINIC_FOLDER, start: datetime = START
) -> Meeting:
    """The finished follow-up meeting continuing `earlier` (see the module's docstring); its
    `[continues]` path as on the clinic's machine (`folder`), not this checkout's. Items past
    the six of `RECORDS` (a follow-up of a follow-up) are left unreviewed."""
    case, source, _ = open_case("opfoelgning")
    follow = read_earlier(earlier, case).follow
    assert follow.continues is not None
    follow.continues = replace(follow.continues, path=f"{folder}/{earlier.name}")
    clock = FakeClock(start)
    meeting = Meeting(
        case,
        clock,
        case_source=source,
        rng=random.Random(5),
        time_zone="Europe/Copenhagen",
        follow=follow,
    )
    for name, profession in PEOPLE:
        meeting.add_participant(name, profession)
    names = [name for name, _ in PEOPLE]
    meeting.roles = Roles(names[0], names[1], names[2])
    meeting.start()
    step_number = 0
    records = chain(RECORDS, repeat(("", "", "", "", "")))
    while meeting.status == "running":
        step = meeting.agenda.current
        planned = step.item.minutes if step.item else step.segment.minutes
        began = clock.monotonic()
        for seat, seconds in ((step_number % 4, 40), ((step_number + 1) % 4, 30)):
            meeting.speak(names[seat])
            clock.advance(seconds)
        meeting.speak(None)
        if (item := meeting.current_item) is not None:
            status, learned, next_step, who, due = next(records)
            if status or learned or next_step:
                meeting.record_item(
                    item.id,
                    status=status,
                    learned=learned,
                    next_step=next_step,
                    next_responsible=who,
                    next_due=due,
                )
        if step.segment.kind == "round":
            meeting.add_learning_point("Små skridt med en ansvarlig holder bedst.")
        if step.segment.kind == "opsamling":
            proposal = meeting.add_proposal(
                "Evaluering efter 6 måneder med tal fra journalen",
                area="årsstatus",
                responsible="Bent Krog",
                proposed_by="Ditte Lyng",
            )
            meeting.edit_proposal(proposal.id, agreed=True)
            meeting.add_proposal("Fælles mappe til skabeloner", area="", proposed_by="Cille Mose")
            if meeting.can(MeetingAction.PLAN):
                meeting.set_action_plan("Ane Holm", "28.01.2027")
        clock.advance(max(0.0, planned * 60 - (clock.monotonic() - began)))
        meeting.next()
        step_number += 1
    return meeting
