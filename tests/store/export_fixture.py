"""The fixed session behind the export golden files: a whole (fictional) case meeting.

`build_session(path)` plays the bundled default case with a fake clock, six people, speaking
turns, captures, an app crash and resume, Opsamling decisions and the evaluation round, and
saves the finished session to `path`. Regenerate the committed file and the golden exports with

    CASEROOM_REGEN=1 .venv/bin/pytest tests/store/test_export.py
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from caseroom.domain.captures import Evaluation
from caseroom.domain.clock import FakeClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Roles
from caseroom.store.cases import open_case
from caseroom.store.session_file import load, save

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURE = DATA / "sessions" / "export-meeting.toml"
GOLDEN = DATA / "exports"
TZ = timezone(timedelta(hours=1))
ARRIVAL = datetime(2026, 11, 24, 8, 27, tzinfo=TZ)

PEOPLE = (
    ("Anna Lund", "læge"),
    ("Bo Kjær", "sygeplejerske"),
    ("Carla Nør", "sekretær"),
    ("Dorte Vang", "bioanalytiker"),
    ("Emil Hald", "læge"),
    ("Fie Dam", "sekretær"),
)


def _say(meeting: Meeting, clock: FakeClock, *turns: tuple[str, float]) -> None:
    """Each (name, seconds) speaks in turn; then nobody speaks."""
    for name, seconds in turns:
        meeting.speak(name)
        clock.advance(seconds)
    meeting.speak(None)


def _next(meeting: Meeting, clock: FakeClock, step_seconds: float, started: float) -> None:
    """Let the current step run to `step_seconds` since `started` (monotonic), then move on."""
    clock.advance(max(0.0, step_seconds - (clock.monotonic() - started)))
    meeting.agenda.next()


def running_meeting() -> tuple[Meeting, FakeClock]:
    """A meeting that has just started its first question (for 'preliminary' exports)."""
    case, source, _ = open_case("t2d-aarsstatus")
    clock = FakeClock(ARRIVAL)
    meeting = Meeting(case, clock, case_source=source, rng=random.Random(7))
    for name, profession in PEOPLE:
        meeting.add_participant(name, profession)
    meeting.roles = Roles("Anna Lund", "Bo Kjær", "Carla Nør")
    clock.advance(180)
    meeting.start()
    return meeting, clock


def build_session(path: Path) -> Meeting:
    meeting, clock = running_meeting()
    m = meeting

    # 2a Opstart (10 min, takes 12)
    t = clock.monotonic()
    _say(m, clock, ("Anna Lund", 180))
    _next(m, clock, 12 * 60, t)

    # 2b Introduktion (10)
    t = clock.monotonic()
    _say(m, clock, ("Anna Lund", 300), ("Emil Hald", 120))
    _next(m, clock, 10 * 60, t)

    # 2c Case, q1 (10): a round, starting with a secretary
    t = clock.monotonic()
    _say(
        m,
        clock,
        ("Carla Nør", 120),
        ("Fie Dam", 90),
        ("Bo Kjær", 60),
        ("Dorte Vang", 60),
        ("Emil Hald", 90),
        ("Anna Lund", 60),
    )
    m.add_learning_point(
        "Årsstatus begynder i telefonen: sekretæren vælger tidstype og rækkefølge."
    )
    m.add_proposal(
        "Lav en bookingtjekliste til årsstatus: lang tid, blodprøver en uge før, røde ord.",
        area="årsstatus",
        proposed_by="Carla Nør",
    )
    _next(m, clock, 10 * 60, t)

    # q2 (10): silent reflection first
    t = clock.monotonic()
    m.start_reflection()
    clock.advance(120)
    m.end_reflection()
    _say(m, clock, ("Dorte Vang", 150), ("Bo Kjær", 120), ("Carla Nør", 90))
    m.add_learning_point(
        "En observation i kommentarfeltet når ikke frem.\nDen skal skrives, hvor lægen ser den."
    )
    m.add_proposal(
        "Fast stedfortræder for indbakken, når lægen er væk.",
        area="arbejdsgang",
        proposed_by="Dorte Vang",
    )
    _next(m, clock, 10 * 60, t)

    # q3 (15 + 2): small groups, then a round
    t = clock.monotonic()
    m.agenda.extend(2)
    m.propose_groups()
    clock.advance(8 * 60)
    _say(m, clock, ("Bo Kjær", 200), ("Emil Hald", 100), ("Fie Dam", 120))
    m.add_learning_point("Tallene skal forklares, så patienten forstår dem.")
    _next(m, clock, 17 * 60, t)

    # q4 (10): the laptop runs out of power after 3 minutes; 200 s later the meeting resumes
    t = clock.monotonic()
    _say(m, clock, ("Anna Lund", 120))
    clock.advance(60)
    save(m, path)
    clock.advance(200)
    m = load(path, clock)
    m.rng = random.Random(7)
    t += 200
    _say(m, clock, ("Dorte Vang", 120))
    m.add_learning_point("Vablen på foden var det vigtigste, og den blev næsten overset.")
    _next(m, clock, 10 * 60, t)

    # q5 (12)
    t = clock.monotonic()
    _say(m, clock, ("Emil Hald", 240), ("Bo Kjær", 180))
    m.add_proposal(
        "Fast supervisor hver dag, som sygeplejersken kan spørge uden at vente.",
        area="supervision",
        proposed_by="Bo Kjær",
    )
    _next(m, clock, 12 * 60, t)

    # q6 (10)
    t = clock.monotonic()
    _say(m, clock, ("Carla Nør", 120), ("Emil Hald", 120))
    m.add_learning_point("Fraser i journalen gør det let for den næste at se, hvad der er gjort.")
    m.add_proposal(
        "Fælles frase for fodundersøgelse i journalen.", area="fraser", proposed_by="Emil Hald"
    )
    _next(m, clock, 10 * 60, t)

    # q7 (8)
    t = clock.monotonic()
    _say(m, clock, ("Fie Dam", 100), ("Anna Lund", 100))
    _next(m, clock, 8 * 60, t)

    # Pause (15)
    t = clock.monotonic()
    _next(m, clock, 15 * 60, t)

    # 2d Opsamling (30 + 3): decisions; a short pause for a phone call
    t = clock.monotonic()
    m.agenda.extend(3)
    _say(m, clock, ("Anna Lund", 300), ("Bo Kjær", 240), ("Carla Nør", 180))
    m.toggle_pause()
    clock.advance(90)
    m.toggle_pause()
    t += 90
    booking, inbox, supervisor, phrase = m.proposals
    booking.agreed, booking.responsible = True, "Carla Nør"
    inbox.agreed, inbox.responsible = True, "Anna Lund"
    phrase.agreed, phrase.responsible = True, "Emil Hald"
    m.add_proposal(
        "Sekretærerne får en kort oplæring i, hvad en årsstatus indeholder.",
        area="oplæring",
        responsible="Dorte Vang",
        proposed_by="Fie Dam",
    )
    m.add_proposal("Røde ord i telefonen | liste ved skranken.", area="telefonen")
    m.add_learning_point("Vi skal tale om arbejdsgangen, ikke om den enkelte.")
    m.opsamling.action_plan_drafter = "Anna Lund"
    _say(m, clock, ("Dorte Vang", 120), ("Fie Dam", 60))
    m.set_present("Fie Dam", False)
    _next(m, clock, 33 * 60, t)

    # Afslutning (10): the evaluation round
    t = clock.monotonic()
    m.evaluations.append(
        Evaluation(
            "Anna Lund",
            [
                "Sekretærerne hører det vigtige først.",
                "Indbakken skal have en ejer.",
                "Lægerne skal lytte mere.",
            ],
        )
    )
    m.evaluations.append(
        Evaluation(
            "Bo Kjær",
            ["Supervision skal aftales på forhånd.", "Fraser sparer tid.", "Runder virker."],
        )
    )
    m.evaluations.append(
        Evaluation(
            "Carla Nør", ["Bookingen afgør meget.", "Jeg må gerne spørge.", "Tjeklisten hjælper."]
        )
    )
    m.evaluations.append(
        Evaluation("Dorte Vang", ["Kommentarfeltet læses ikke.", "Vi deler ansvaret."])
    )
    m.evaluations.append(
        Evaluation("Emil Hald", ["Personalet ser mere end jeg troede.", "Korte fraser.", "Ro."])
    )
    _say(m, clock, ("Bo Kjær", 60), ("Carla Nør", 60))
    clock.advance(max(0.0, 10 * 60 - (clock.monotonic() - t)))
    m.finish()
    save(m, path)
    return m
