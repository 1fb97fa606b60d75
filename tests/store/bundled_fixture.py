"""A short meeting of each bundled agenda, for the golden files of every export of each.

`play(case_id)` runs the bundled case on a fake clock: four people with roles, each step its
planned minutes with a few speaking turns, learning points and improvement proposals where the
agenda asks for them, the proposals agreed (or chosen) and the action plan decided in the
Opsamling-kind steps where the engine allows it, and the closing round's points (as many as the
case asks for). No small groups are proposed: how groups are formed is another rule's golden.

Regenerate the golden files with

    CASEROOM_REGEN=1 .venv/bin/pytest tests/store/test_export_bundled.py
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting, MeetingAction
from caseroom.domain.people import Roles
from caseroom.store.cases import open_case

TZ = timezone(timedelta(hours=1))
ARRIVAL = datetime(2026, 11, 24, 12, 55, tzinfo=TZ)
BUNDLED = ("idemoede", "klyngemoede", "retrospektiv", "t2d-aarsstatus", "t2d-annual-review")

PEOPLE = {
    "da": (
        ("Anna Lund", "læge"),
        ("Bo Kjær", "sygeplejerske"),
        ("Carla Nør", "sekretær"),
        ("Dorte Vang", "bioanalytiker"),
    ),
    "en": (
        ("Ann Lund", "doctor"),
        ("Ben Kerr", "nurse"),
        ("Cara Nash", "secretary"),
        ("Dora Vane", "lab technician"),
    ),
}

# what the room says, per agenda: learning points and proposals in the order of the agenda's
# steps that take notes (the first steps after the opening), the closing round's points
NOTES: dict[str, dict[str, tuple[str, ...]]] = {
    "idemoede": {
        "learning": (
            "Patienterne venter længst, når to bestiller blodprøver samtidig.",
            "Vi drømmer om det samme: ro ved prøvetagningen.",
        ),
        "proposals": (
            "Selvbetjent skranke til check-in ved laboratoriet.",
            "Fast tid hver morgen til at fylde glas og etiketter op.",
            "Skilt om ventetid ved døren.",
        ),
        "closing": (),
    },
    "klyngemoede": {
        "learning": (
            "Klinikkerne med personale med på mødet har lettere ved at komme i gang.",
            "Et case-møde kræver, at klinikken lukker i to en halv time.",
        ),
        "proposals": (
            "Hver klinik sætter en dato for sit første case-møde inden jul.",
            "Klyngen deler en liste over mødeledere, der kan låne ud.",
        ),
        "closing": (),
    },
    "retrospektiv": {
        "learning": (
            "Det gik godt, når vi aftalte ansvar med navn og dato.",
            "Telefontiden blev for kort, da to var syge.",
        ),
        "proposals": (
            "Fast stedfortræder i telefonen ved sygdom.",
            "Tavlemøde hver mandag i ti minutter.",
            "Ny skabelon til overlevering mellem vagter.",
        ),
        "closing": ("Lærerigt.", "Ærligt.", "Travlt.", "Godt."),
    },
    "t2d-aarsstatus": {
        "learning": (
            "Årsstatus begynder i telefonen: sekretæren vælger tidstype.",
            "En observation i kommentarfeltet når ikke frem til lægen.",
        ),
        "proposals": (
            "Bookingtjekliste til årsstatus: lang tid, blodprøver en uge før.",
            "Fast stedfortræder for indbakken, når lægen er væk.",
            "Fælles frase for fodundersøgelse i journalen.",
        ),
        "closing": ("Sekretæren hører det vigtige først.", "Indbakken skal have en ejer."),
    },
    "t2d-annual-review": {
        "learning": (
            "The annual review starts on the phone: the secretary picks the booking type.",
            "A note in the comment field does not reach the doctor.",
        ),
        "proposals": (
            "A booking checklist for annual reviews: long slot, bloods a week before.",
            "A named stand-in for the inbox when the doctor is away.",
            "A shared phrase for the foot examination in the record.",
        ),
        "closing": ("The secretary hears the important things first.", "The inbox needs an owner."),
    },
}


def play(case_id: str) -> Meeting:
    """The finished meeting of bundled case `case_id` (see the module's docstring)."""
    case, source, _ = open_case(case_id)
    clock = FakeClock(ARRIVAL)
    meeting = Meeting(
        case, clock, case_source=source, rng=random.Random(7), time_zone="Europe/Copenhagen"
    )
    people = PEOPLE[case.language]
    for name, profession in people:
        meeting.add_participant(name, profession)
    names = [name for name, _ in people]
    meeting.roles = Roles(names[0], names[1], names[2])
    notes = NOTES[case_id]
    learning, proposals = list(notes["learning"]), list(notes["proposals"])
    areas = case.areas
    clock.advance(300)
    meeting.start()
    step_number = 0
    while meeting.status == "running":
        step = meeting.agenda.current
        planned = (step.question.minutes if step.question else step.segment.minutes) * 60
        began = clock.monotonic()
        kind = step.segment.kind
        if kind != "break":
            for seat, seconds in ((step_number % 4, 90), ((step_number + 1) % 4, 60)):
                meeting.speak(names[seat])
                clock.advance(seconds)
            meeting.speak(None)
        if step_number >= 1 and learning and kind not in ("break", "opsamling", "evaluation"):
            meeting.add_learning_point(learning.pop(0))
        if step_number >= 2 and proposals and kind not in ("break", "evaluation"):
            index = len(notes["proposals"]) - len(proposals)
            meeting.add_proposal(
                proposals.pop(0),
                area=areas[index % len(areas)],
                proposed_by=names[(index + 2) % 4],
            )
        if kind == "opsamling":
            for index, proposal in enumerate(meeting.proposals[:2]):
                meeting.edit_proposal(proposal.id, agreed=True, responsible=names[index + 1])
            if meeting.can(MeetingAction.PLAN):
                deadline = (clock.now() + timedelta(days=14)).date().isoformat()
                meeting.set_action_plan(names[0], deadline)
        if kind == "evaluation":
            closing = notes["closing"]
            for seat, name in enumerate(names[:3]):
                meeting.set_evaluation(name, list(closing[seat:]) or [closing[0]])
        clock.advance(max(0.0, planned - (clock.monotonic() - began)))
        meeting.next()
        step_number += 1
    return meeting
