"""The session files of the report's golden tests (tests/data/report/), and how they were made.

Three meetings are played on a fake clock and saved as the app saves them: a case meeting at
Lægehuset Nord, a cluster meeting of two clinics, and a rehearsal (its `[clock]` table). A
fourth, of the English case at a third clinic, is saved and then has its segments' `kind`
taken out, as in a file saved before segments recorded it (the report then reads the kinds
from the bundled case). Two follow-up meetings of the bundled `opfoelgning` agenda are then
held as `caseroom run opfoelgning --from` holds them (the items read by `read_earlier`, a
status recorded on each item reviewed): `followup-3d.toml` continues the case meeting and
`followup-6m.toml` continues that follow-up. Written by hand, not made here: `broken.toml` (cut
off) and `not-a-session.toml` (a case file).

Remake the played ones with

    PYTHONPATH=. .venv/bin/python -m tests.store.report_fixture
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Roles
from caseroom.store.cases import open_case
from caseroom.store.followup import read_earlier
from caseroom.store.session_file import save

FOLDER = Path(__file__).resolve().parents[1] / "data" / "report"
TZ = timezone(timedelta(hours=1))
SUMMER = timezone(timedelta(hours=2))
CLINIC_FOLDER = "/home/klinik/caseroom/sessions"  # where the clinic keeps its session files


@dataclass(frozen=True)
class Played:
    file: str
    case_id: str
    start: datetime
    people: tuple[tuple[str, str, str], ...]  # name, profession, clinic
    talk: tuple[int, ...]  # seconds each person speaks per step, in seating order
    late: dict[str, int]  # extra seconds taken, by segment kind
    proposals: tuple[tuple[str, str, str, bool], ...]  # text, area, responsible, agreed
    learning: tuple[str, ...]


MEETINGS = (
    Played(
        "nord-case.toml",
        "t2d-aarsstatus",
        datetime(2026, 11, 24, 12, 0, tzinfo=TZ),
        (
            ("Anna Lund", "læge", "Lægehuset Nord"),
            ("Bo Kjær", "sygeplejerske", "Lægehuset Nord"),
            ("Carla Nør", "sekretær", "Lægehuset Nord"),
            ("Dorte Vang", "bioanalytiker", "Lægehuset Nord"),
            ("Emil Hald", "læge", "Lægehuset Nord"),
        ),
        (150, 70, 40, 30, 90),
        {"case": 240, "opsamling": 300, "break": -120},
        (
            ("Bookingtjekliste til årsstatus.", "arbejdsgang", "Carla Nør", True),
            ("Fast stedfortræder for indbakken.", "arbejdsgang", "Bo Kjær", True),
            ("Fælles frase for fodundersøgelse.", "fraser", "", False),
        ),
        ("Årsstatus begynder i telefonen.", "Kommentarfeltet når ikke frem til lægen."),
    ),
    Played(
        "klynge.toml",
        "klyngemoede",
        datetime(2026, 12, 3, 13, 0, tzinfo=TZ),
        (
            ("Gitte Holm", "læge", "Lægehuset Nord"),
            ("Hans Berg", "sekretær", "Lægehuset Nord"),
            ("Ida Krogh", "sygeplejerske", "Lægerne i Byen"),
            ("Jens Ravn", "læge", "Lægerne i Byen"),
        ),
        (60, 60, 50, 120),
        {"groups": 180, "plain": 60},
        (
            ("Hver klinik sætter en dato for sit første case-møde.", "arbejdsgang", "", True),
            ("Klyngen deler en liste over mødeledere.", "supervision", "Ida Krogh", False),
        ),
        ("Et case-møde kræver, at klinikken lukker.",),
    ),
    Played(
        "rehearsal.toml",
        "t2d-aarsstatus",
        datetime(2026, 11, 20, 9, 0, tzinfo=TZ),
        (
            ("Karen Prøve", "læge", "Lægehuset Nord"),
            ("Lars Prøve", "sekretær", "Lægehuset Nord"),
        ),
        (30, 30),
        {},
        (("Prøveforslag.", "andet", "Karen Prøve", True),),
        (),
    ),
    Played(
        "bay-older.toml",
        "t2d-annual-review",
        datetime(2026, 10, 6, 14, 0, tzinfo=TZ),
        (
            ("Mary Stone", "doctor", "Bay Surgery"),
            ("Nick Rowe", "nurse", "Bay Surgery"),
            ("Olive Park", "secretary", "Bay Surgery"),
            ("Paul Dean", "nurse", "Bay Surgery"),
        ),
        (100, 100, 100, 20),
        {"case": -300, "checklist": 120},
        (("A booking checklist for annual reviews.", "workflow", "Olive Park", True),),
        ("The inbox needs an owner.",),
    ),
)


@dataclass(frozen=True)
class Record:
    """What a follow-up records for one item (`Meeting.record_item`), as typed."""

    status: str
    learned: str = ""
    next_step: str = ""
    next_responsible: str = ""
    next_due: str = ""


@dataclass(frozen=True)
class FollowPlayed:
    file: str
    continues: str  # the session file (in FOLDER) this meeting follows up
    start: datetime
    # name, profession, clinic; the first three lead, keep the time and take the notes
    people: tuple[tuple[str, str, str], ...]
    talk: tuple[int, ...]  # seconds each person speaks per step, in seating order
    records: tuple[Record | None, ...]  # per item in the order taken; None: not reviewed
    late: dict[str, int]  # extra seconds taken, by step key ("status/f1", "opsamling")
    proposals: tuple[tuple[str, str, str, str], ...]  # text, area, responsible, proposed by


FOLLOW_UPS = (
    FollowPlayed(
        "followup-3d.toml",
        "nord-case.toml",
        datetime(2027, 1, 19, 12, 0, tzinfo=TZ),
        (
            ("Anna Lund", "læge", "Lægehuset Nord"),
            ("Bo Kjær", "sygeplejerske", "Lægehuset Nord"),
            ("Carla Nør", "sekretær", "Lægehuset Nord"),
            ("Dorte Vang", "bioanalytiker", "Lægehuset Nord"),
        ),
        (50, 40, 30, 20),
        (
            Record("done", "Tjeklisten bruges ved hver booking."),
            Record(
                "in-progress",
                "Ferieplanen skal nævne stedfortræderen.",
                "Skriv stedfortræderen ind i ferieplanen.",
                "Bo Kjær",
                "2027-03-01",
            ),
            None,  # the proposal not agreed: talked over, no status set
        ),
        {"status/f1": 120, "status/f2": 60},
        (
            (
                "Sidemandsoplæring i den nye bookingtype.",
                "oplæring",
                "Dorte Vang",
                "Bo Kjær",
            ),
        ),
    ),
    FollowPlayed(
        "followup-6m.toml",
        "followup-3d.toml",
        datetime(2027, 5, 25, 12, 0, tzinfo=SUMMER),
        (
            ("Anna Lund", "læge", "Lægehuset Nord"),
            ("Emil Hald", "læge", "Lægehuset Nord"),
            ("Carla Nør", "sekretær", "Lægehuset Nord"),
        ),
        (60, 40, 30),
        (
            Record("done"),
            Record("changed", "Sekretæren tager indbakken; lægen ser den om eftermiddagen."),
            Record("dropped"),
            Record("in-progress"),
        ),
        {"status/f4": -60, "laering": -60},
        (),
    ),
)


def play_followup(spec: FollowPlayed) -> Meeting:
    """The follow-up `spec` of the saved session FOLDER / spec.continues, finished."""
    case, source, _ = open_case("opfoelgning")
    follow = read_earlier(FOLDER / spec.continues, case).follow
    assert follow.continues is not None
    # the path as on the clinic's machine: the report matches by case id and start
    follow.continues = replace(follow.continues, path=f"{CLINIC_FOLDER}/{spec.continues}")
    clock = FakeClock(spec.start - timedelta(minutes=2))
    meeting = Meeting(
        case,
        clock,
        case_source=source,
        rng=random.Random(3),
        time_zone="Europe/Copenhagen",
        follow=follow,
    )
    for name, profession, clinic in spec.people:
        meeting.add_participant(name, profession, clinic)
    names = [name for name, _, _ in spec.people]
    meeting.roles = Roles(names[0], names[1], names[2])
    proposals = list(spec.proposals)
    clock.advance(120)
    meeting.start()
    while meeting.status == "running":
        step = meeting.agenda.current
        planned = (step.item.minutes if step.item else step.segment.minutes) * 60
        began = clock.monotonic()
        for name, seconds in zip(names, spec.talk, strict=True):
            meeting.speak(name)
            clock.advance(seconds)
        meeting.speak(None)
        if (item := meeting.current_item) is not None:
            record = spec.records[int(item.id.removeprefix("f")) - 1]
            if record is not None:
                meeting.record_item(
                    item.id,
                    status=record.status,
                    learned=record.learned,
                    next_step=record.next_step,
                    next_responsible=record.next_responsible,
                    next_due=record.next_due,
                )
        if step.segment.kind == "opsamling":
            for text, area, responsible, proposed_by in proposals:
                proposal = meeting.add_proposal(text, area, responsible, proposed_by)
                meeting.edit_proposal(proposal.id, agreed=True)
        extra = spec.late.get(step.key, 0)
        if extra > 0:  # the timekeeper gives the step the minutes it takes
            meeting.extend(extra // 60)
        clock.advance(max(0.0, planned + extra - (clock.monotonic() - began)))
        meeting.next()
    return meeting


def play(spec: Played) -> Meeting:
    case, source, _ = open_case(spec.case_id)
    clock = FakeClock(spec.start - timedelta(minutes=5))
    meeting = Meeting(
        case, clock, case_source=source, rng=random.Random(3), time_zone="Europe/Copenhagen"
    )
    for name, profession, clinic in spec.people:
        meeting.add_participant(name, profession, clinic)
    names = [name for name, _, _ in spec.people]
    meeting.roles = Roles(names[0], names[1], names[-1])
    learning, proposals = list(spec.learning), list(spec.proposals)
    clock.advance(300)
    meeting.start()
    while meeting.status == "running":
        step = meeting.agenda.current
        kind = step.segment.kind
        planned = (step.question.minutes if step.question else step.segment.minutes) * 60
        questions = case.questions_of(step.segment.id)
        last_of_segment = step.question is None or step.question is questions[-1]
        began = clock.monotonic()
        if kind != "break":
            for name, seconds in zip(names, spec.talk, strict=True):
                meeting.speak(name)
                clock.advance(seconds)
            meeting.speak(None)
        if kind in ("case", "plain", "groups") and learning:
            meeting.add_learning_point(learning.pop(0))
        if kind in ("case", "opsamling", "groups") and proposals:
            text, area, responsible, agreed = proposals.pop(0)
            proposal = meeting.add_proposal(text, area=area, responsible=responsible)
            if agreed:
                meeting.edit_proposal(proposal.id, agreed=True)
        extra = spec.late.get(kind, 0) if last_of_segment else 0
        clock.advance(max(0.0, planned + extra - (clock.monotonic() - began)))
        meeting.next()
    return meeting


def make() -> None:
    for spec in MEETINGS:
        path = FOLDER / spec.file
        save(play(spec), path)
        text = path.read_text("utf-8")
        if spec.file == "rehearsal.toml":
            real = spec.start - timedelta(minutes=5)
            head, rest = text.split("\n[roles]", 1)
            text = (
                f"{head}\n[clock]\nspeed = 10.0\n\n[[clock.change]]\nreal = {real.isoformat()}\n"
                f"virtual = {real.isoformat()}\nspeed = 10.0\n\n[roles]{rest}"
            )
        if spec.file == "bay-older.toml":
            text = re.sub(r'(?m)^kind = "\w+"\n', "", text)
        if spec.file == "klynge.toml":  # Hans left the meeting before it ended
            text = text.replace(
                'name = "Hans Berg"\nprofession = "sekretær"\npresent = true',
                'name = "Hans Berg"\nprofession = "sekretær"\npresent = false',
            )
        path.write_text(text, "utf-8")
    for follow_up in FOLLOW_UPS:  # in order: the 6-month meeting continues the 3d one
        save(play_followup(follow_up), FOLDER / follow_up.file)


if __name__ == "__main__":
    make()
