"""Session files: save and load reproduce the meeting exactly; a gap is recorded, not counted;
a bad file is refused with one clear line and left byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import random
import re
import tomllib
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from caseroom.domain.agenda import RunState
from caseroom.domain.captures import Evaluation
from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import SessionFileError
from caseroom.domain.meeting import Interruption, Meeting
from caseroom.domain.people import Roles
from caseroom.store.cases import open_case
from caseroom.store.session_file import load, save

PEOPLE = [
    ("Anna", "læge"),
    ("Bo", "sygeplejerske"),
    ("Carl", "sekretær"),
    ("Dorte", "bioanalytiker"),
]


@pytest.fixture
def case() -> Case:
    return open_case("t2d-aarsstatus")[0]


def new_meeting(case: Case, clock: FakeClock) -> Meeting:
    meeting = Meeting(
        case,
        clock,
        roles=Roles(leader="Anna", timekeeper="Bo", note_taker="Carl"),
        case_source="bundled:t2d-aarsstatus",
        rng=random.Random(5),
    )
    for name, profession in PEOPLE:
        meeting.add_participant(name, profession)
    return meeting


def play(meeting: Meeting, clock: FakeClock, until: str) -> None:
    """A meeting with everything a session records, stopped at `until`.

    Turns and switches, a pause inside a turn, two extensions, captures, groups, the break
    taken early in the middle of a question, evaluations and Opsamling decisions.
    """
    if until == "not_started":
        return
    meeting.start()
    meeting.speak("Anna")
    clock.advance(60)
    meeting.next()  # 2b; Anna's turn carries on into it
    clock.advance(15)
    meeting.speak("Bo")
    clock.advance(30)
    meeting.speak("Carl")
    clock.advance(10)
    meeting.toggle_pause()  # a pause inside Carl's turn
    clock.advance(45)
    meeting.toggle_pause()
    clock.advance(20)
    meeting.speak(None)
    meeting.extend(2)
    clock.advance(300)
    meeting.next()  # 2c/q1
    meeting.add_learning_point("Booking needs 30 minutes for an annual review")
    meeting.add_proposal("Book 30 minutes", area="arbejdsgang", responsible="Carl")
    meeting.propose_groups(2)
    clock.advance(400)
    meeting.next()  # 2c/q2
    meeting.speak("Dorte")
    clock.advance(100)
    meeting.speak(None)
    meeting.take_break()  # mid-case: q2 continues after the break
    clock.advance(910)
    meeting.next()
    meeting.extend(-1)
    meeting.add_proposal("Phrases for foot exams", area="fraser", proposed_by="Dorte")
    clock.advance(50)
    meeting.evaluations.append(Evaluation("Anna", ["one", "two", "three"]))
    meeting.opsamling.action_plan_drafter = "Anna"
    meeting.opsamling.deadline = "2026-12-01"
    if until == "running":
        return
    meeting.toggle_pause()
    clock.advance(70)
    if until == "paused":
        return
    meeting.finish()
    clock.advance(30)


def figures(meeting: Meeting) -> dict[str, Any]:
    """Everything the screen, the exports and the session file show, in wall-clock terms."""
    agenda = meeting.agenda
    now = agenda.now()
    mono = meeting.clock.monotonic()
    people = [p.name for p in meeting.participants]
    segments = range(len(meeting.case.segments))

    def wall(at: float | None) -> datetime | None:
        return None if at is None else agenda.wall(at)

    return {
        "state": agenda.state,
        "status": meeting.status,
        "current": agenda.current.key,
        "steps": [
            (s.key, s.extension_seconds, s.elapsed(now), agenda.step_remaining(s), s.has_run)
            for s in agenda.steps
        ],
        "segments": [
            (
                agenda.segment_elapsed(i),
                agenda.segment_remaining(i),
                agenda.segment_has_run(i),
                agenda.segment_done(i),
            )
            for i in segments
        ],
        "segment_order": agenda.segment_order(),
        "remaining_agenda": agenda.remaining_agenda_seconds(),
        "overrun": agenda.overrun_seconds(),
        "wrapup": agenda.in_wrapup(),
        "projected_end": agenda.projected_end(),
        "planned_end": agenda.planned_end(),
        "lateness": agenda.lateness_seconds(),
        "next_break": agenda.next_break_index(),
        "started": wall(agenda.started_at),
        "finished": wall(agenda.finished_at),
        "pauses": [(p.step_key, wall(p.start), wall(p.end)) for p in agenda.pauses],
        "events": [
            (wall(e.at), e.name, e.step_key, e.detail)
            for e in agenda.events
            if e.name != "resume_after_gap"
        ],
        "spoken": meeting.talk.seconds_by_person(people, mono),
        "turns": [meeting.talk.turn_count(n) for n in people],
        "speaker": meeting.talk.speaker,
        "participants": [(p.name, p.profession, p.present) for p in meeting.participants],
        "roles": meeting.roles,
        "learning_points": meeting.learning_points,
        "proposals": meeting.proposals,
        "evaluations": meeting.evaluations,
        "opsamling": meeting.opsamling,
        "groups": [(g.at, g.step_key, g.groups) for g in meeting.group_proposals],
        "created_at": meeting.created_at,
    }


def reopened(clock: FakeClock, gap: float = 0, monotonic: float = 50_000.0) -> FakeClock:
    """Another process's clock: `gap` seconds later on the wall, a different monotonic base."""
    return FakeClock(start=clock.now() + timedelta(seconds=gap), monotonic=monotonic)


STATES = ["not_started", "running", "paused", "finished"]


@pytest.mark.parametrize("until", STATES)
def test_save_and_load_reproduce_every_figure(
    case: Case, clock: FakeClock, tmp_path: Path, until: str
) -> None:
    meeting = new_meeting(case, clock)
    play(meeting, clock, until)
    path = tmp_path / "session.toml"
    save(meeting, path)
    clock2 = reopened(clock)
    loaded = load(path, clock2)
    assert figures(loaded) == figures(meeting)
    assert loaded.interruptions == []
    # and the two go on identically
    for original, its_clock in ((meeting, clock), (loaded, clock2)):
        its_clock.advance(95)
        if original.agenda.state is RunState.PAUSED:
            original.toggle_pause()
        if original.agenda.is_live:
            original.speak("Bo")
            its_clock.advance(25)
            original.next()
            original.extend(1)
            its_clock.advance(40)
            assert original.talk.speaker == "Bo"
            original.speak("Bo")  # Bo again: stops (an open turn would end at the save below)
    assert figures(loaded) == figures(meeting)
    # saving the loaded meeting and loading that again changes nothing either
    save(loaded, path)
    assert figures(load(path, reopened(clock2))) == figures(loaded)


def test_the_round_trip_covers_what_it_claims(case: Case, clock: FakeClock, tmp_path: Path) -> None:
    meeting = new_meeting(case, clock)
    play(meeting, clock, "running")
    got = figures(meeting)
    assert got["current"] == "2c/q2"
    assert [k for k, ext, *_ in got["steps"] if ext] == ["2b", "2c/q2"]
    assert got["steps"][[k for k, *_ in got["steps"]].index("pause")][2] == 910
    assert got["spoken"] == {"Anna": 75, "Bo": 30, "Carl": 30, "Dorte": 100}
    assert got["turns"] == [1, 1, 1, 1]  # Anna's turn went on into 2b: still one turn
    assert len(got["pauses"]) == 1 and len(got["proposals"]) == 2
    assert got["lateness"] != 0


def test_the_session_file_speaks_the_documented_names(
    case: Case, clock: FakeClock, tmp_path: Path
) -> None:
    meeting = new_meeting(case, clock)
    play(meeting, clock, "finished")
    path = tmp_path / "session.toml"
    save(meeting, path)
    doc = tomllib.loads(path.read_text("utf-8"))
    assert doc["format"] == 2
    assert (doc["case_id"], doc["status"]) == ("t2d-aarsstatus", "finished")
    assert doc["started_at"] == clock.now() - timedelta(seconds=1940 + 70 + 30)
    assert doc["ended_at"] == clock.now() - timedelta(seconds=30)
    assert doc["roles"] == {"leader": "Anna", "timekeeper": "Bo", "note_taker": "Carl"}
    assert [(p["name"], p["spoken_seconds"], p["turns"]) for p in doc["participant"]] == [
        ("Anna", 75, 1),
        ("Bo", 30, 1),
        ("Carl", 30, 1),
        ("Dorte", 100, 1),
    ]
    by_id = {s["id"]: s for s in doc["segment"]}
    assert by_id["2a"]["actual_seconds"] == 60
    assert by_id["2b"]["actual_seconds"] == 15 + 30 + 10 + 20 + 300  # not the 45 s pause
    assert by_id["pause"]["actual_seconds"] == 910
    assert "actual_seconds" not in by_id["2d"]
    assert doc["learning_point"][0]["segment"] == "2c"
    assert doc["learning_point"][0]["question"] == "q1"
    assert doc["proposal"][0]["area"] == "arbejdsgang"
    assert doc["proposal"][0]["responsible"] == "Carl"
    assert doc["evaluation"] == [{"participant": "Anna", "points": ["one", "two", "three"]}]
    assert doc["opsamling"]["action_plan_drafter"] == "Anna"


def test_every_segment_records_its_kind_and_older_files_without_it_load(
    case: Case, clock: FakeClock, tmp_path: Path
) -> None:
    meeting = new_meeting(case, clock)
    play(meeting, clock, "finished")
    path = tmp_path / "session.toml"
    save(meeting, path)
    text = path.read_text("utf-8")
    kinds = [(s["id"], s["kind"]) for s in tomllib.loads(text)["segment"]]
    assert kinds == [(s.id, s.kind) for s in case.segments]
    assert ("2c", "case") in kinds and ("pause", "break") in kinds
    older = tmp_path / "older.toml"  # a session saved before segments recorded their kind
    older.write_text(re.sub(r'(?m)^kind = "\w+"\n', "", text), "utf-8")
    assert "kind =" not in older.read_text("utf-8")
    assert figures(load(older, reopened(clock))) == figures(load(path, reopened(clock)))


# --- resuming after the app was down --------------------------------------------------------


def test_a_gap_is_recorded_as_an_interruption_and_not_counted(
    case: Case, clock: FakeClock, tmp_path: Path
) -> None:
    meeting = new_meeting(case, clock)
    play(meeting, clock, "running")
    path = tmp_path / "session.toml"
    save(meeting, path)
    saved_at = clock.now()
    before = figures(meeting)
    later = reopened(clock, gap=3600)
    loaded = load(path, later)
    assert loaded.interruptions == [Interruption(saved_at, saved_at + timedelta(seconds=3600))]
    assert loaded.interruptions[0].seconds == 3600
    after = figures(loaded)
    assert after["steps"] == before["steps"]  # not one second of the gap is meeting time
    assert after["segments"] == before["segments"]
    assert after["remaining_agenda"] == before["remaining_agenda"]
    assert after["lateness"] == before["lateness"] + 3600  # but the meeting ends that much later
    assert after["projected_end"] == before["projected_end"] + timedelta(seconds=3600)
    assert loaded.agenda.events[-1].name == "resume_after_gap"
    later.advance(60)
    assert loaded.agenda.step_remaining() == before["steps"][loaded.agenda.cursor][3] - 60
    # a second gap adds a second interruption and keeps the first
    save(loaded, path)
    again = load(path, reopened(later, gap=120, monotonic=9.0))
    assert [i.seconds for i in again.interruptions] == [3600, 120]
    assert [s[2] for s in figures(again)["steps"]] == [s[2] for s in figures(loaded)["steps"]]
    # what the meeting took leaves out both gaps
    took = again.agenda.run_seconds() - 3600 - 120
    assert again.took_seconds() == pytest.approx(took)
    again.finish()
    assert again.took_seconds() == pytest.approx(took)


def test_a_gap_while_paused_is_recorded_and_nothing_runs(
    case: Case, clock: FakeClock, tmp_path: Path
) -> None:
    meeting = new_meeting(case, clock)
    play(meeting, clock, "paused")
    path = tmp_path / "session.toml"
    save(meeting, path)
    later = reopened(clock, gap=900)
    loaded = load(path, later)
    assert [i.seconds for i in loaded.interruptions] == [900]
    assert loaded.agenda.state is RunState.PAUSED
    later.advance(500)
    assert figures(loaded)["steps"] == figures(meeting)["steps"]


def test_a_finished_meeting_has_no_gap(case: Case, clock: FakeClock, tmp_path: Path) -> None:
    meeting = new_meeting(case, clock)
    play(meeting, clock, "finished")
    path = tmp_path / "session.toml"
    save(meeting, path)
    loaded = load(path, reopened(clock, gap=86_400))
    assert loaded.interruptions == []
    assert figures(loaded)["lateness"] == figures(meeting)["lateness"]


class CreepingClock(FakeClock):
    """A real clock's habit: every reading is a little later than the one before."""

    def monotonic(self) -> float:
        self.advance(0.000137)
        return super().monotonic()

    def now(self) -> datetime:
        self.advance(0.000251)
        return super().now()


@pytest.mark.parametrize("until", ["not_started", "paused", "finished"])  # nothing runs on
def test_a_loaded_meeting_saved_again_writes_back_the_same_timestamps(
    case: Case, clock: FakeClock, tmp_path: Path, until: str
) -> None:
    meeting = new_meeting(case, clock)
    play(meeting, clock, until)
    path = tmp_path / "session.toml"
    save(meeting, path)
    before = tomllib.loads(path.read_text(encoding="utf-8"))
    for _ in range(3):  # resumed and saved three times over
        save(load(path, CreepingClock(start=clock.now(), monotonic=7_000.0)), path)
    after = tomllib.loads(path.read_text(encoding="utf-8"))
    for doc in (before, after):
        doc.pop("saved_at")
    assert after == before


def test_a_second_or_less_is_no_gap(case: Case, clock: FakeClock, tmp_path: Path) -> None:
    meeting = new_meeting(case, clock)
    play(meeting, clock, "running")
    path = tmp_path / "session.toml"
    save(meeting, path)
    assert load(path, reopened(clock, gap=1)).interruptions == []


def test_an_open_speaker_turn_ends_at_the_last_save(
    case: Case, clock: FakeClock, tmp_path: Path
) -> None:
    meeting = new_meeting(case, clock)
    play(meeting, clock, "running")
    spoken_before = meeting.talk.spoken_seconds("Bo", clock.monotonic())
    turns_before = meeting.talk.turn_count("Bo")
    meeting.speak("Bo")
    clock.advance(90)
    path = tmp_path / "session.toml"
    save(meeting, path)
    later = reopened(clock, gap=600)
    loaded = load(path, later)
    later.advance(30)
    assert loaded.talk.speaker is None
    assert loaded.talk.spoken_seconds("Bo", later.monotonic()) == spoken_before + 90
    assert loaded.talk.turn_count("Bo") == turns_before + 1
    assert not loaded.talk.turns[-1].is_open


# --- refusing bad files ---------------------------------------------------------------------


def replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return edit


def resub(pattern: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        edited, count = re.subn(pattern, new, text, count=1)
        assert count == 1, pattern
        return edited

    return edit


def cut_inside_a_string(text: str) -> str:
    return text[: text.index('text = "Booking') + len('text = "Book')]


def drop_a_step(text: str) -> str:
    start = text.index('[[agenda.step]]\nkey = "2b"')
    end = text.index("[[agenda.step]]", start + 1)
    return text[:start] + text[end:]


BAD_TEXT: list[tuple[str, Callable[[str], str], str]] = [
    ("truncated", cut_inside_a_string, ": not a valid session file (broken or truncated TOML)"),
    ("truncated-at-a-line", lambda t: t[: t.index("[roles]")], ": agenda: field required"),
    ("not-toml", lambda t: "this is not a session\n", ": not a valid session file (broken or"),
    ("empty", lambda t: "", ": empty session file"),
    ("foreign", lambda t: "[tool.black]\nline-length = 88\n", "session file (no format key)"),
    ("newer", replace("format = 2\n", "format = 3\n"), "session format 3 is newer than this"),
    ("format-text", replace("format = 2\n", 'format = "2"\n'), "session file (format '2')"),
    ("wrong-type", replace('name = "Anna"', "name = 3"), ": participant[1].name: input should"),
    ("bad-state", replace('state = "running"', 'state = "flying"'), ": agenda.state: input"),
    ("empty-name", replace('name = "Anna"', 'name = "  "'), ": participant[1].name: string"),
    (
        "twice",
        replace('name = "Bo"', 'name = "anna"'),
        ": participant: 'anna' is listed twice",
    ),
    ("bad-status", replace('status = "running"', 'status = "flying"'), ": status: input should"),
    (
        "started-as-text",
        resub(r"started_at = \S+ \S+", 'started_at = "this morning"'),
        ": started_at: input should be a valid datetime",
    ),
    (
        "spoken-as-text",
        resub(r"spoken_seconds = \S+", 'spoken_seconds = "a lot"'),
        ": participant[1].spoken_seconds: input should be a valid number",
    ),
    (
        "speed-zero",
        lambda t: t.replace(
            "[roles]", "[clock]\nspeed = 0.0\norigin = 2026-11-24T08:00:00Z\n\n[roles]"
        ),
        ": clock.speed: input should be greater than 0",
    ),
    (
        "no-timezone",
        resub(r"saved_at = (\S+) (\S+)\+00:00", r"saved_at = \1T\2"),
        ": saved_at: input should have timezone info",
    ),
    (
        "not-a-number",
        resub(r"(\[\[agenda.step]]\nkey = \"2b\"\n.*\nextension_seconds = )\S+", r"\1nan"),
        "agenda.step[2].extension_seconds: input should be a finite number",
    ),
    (
        "unknown-case",
        replace('case_source = "bundled:t2d-aarsstatus"', 'case_source = "bundled:nope"'),
        ": its case 't2d-aarsstatus' cannot be loaded: bundled:nope: no bundled case",
    ),
    (
        "other-case",
        replace('case_id = "t2d-aarsstatus"', 'case_id = "other"'),
        ": its case is 'other', but bundled:t2d-aarsstatus now holds 't2d-aarsstatus'",
    ),
    ("edited-case", drop_a_step, ": the agenda no longer matches its case 't2d-aarsstatus'"),
    (
        "bad-current",
        replace('current = "2c/q2"', 'current = "2z"'),
        ": agenda.current: no step '2z'",
    ),
    (
        "deep",
        lambda t: t + "x = " + "[" * 5000 + "]" * 5000 + "\n",
        ": not a session file (nesting too deep)",
    ),
]


@pytest.fixture
def good_session(case: Case, clock: FakeClock, tmp_path: Path) -> Path:
    meeting = new_meeting(case, clock)
    play(meeting, clock, "running")
    path = tmp_path / "session.toml"
    save(meeting, path)
    return path


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def refused(path: Path, clock: FakeClock) -> str:
    before = digest(path) if path.is_file() else None
    with pytest.raises(SessionFileError) as caught:
        load(path, reopened(clock, gap=600))
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(str(path))
    if before is not None:
        assert digest(path) == before  # never written by a failed load
    return message


@pytest.mark.parametrize(
    ("edit", "expected"), [pytest.param(e, x, id=name) for name, e, x in BAD_TEXT]
)
def test_a_bad_session_file_is_refused_in_one_line_and_left_alone(
    good_session: Path, clock: FakeClock, edit: Callable[[str], str], expected: str
) -> None:
    good_session.write_text(edit(good_session.read_text("utf-8")), "utf-8")
    message = refused(good_session, clock)
    assert expected in message, message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(bytes(range(256)) * 4, ": not a session file (not UTF-8 text)", id="binary"),
        pytest.param(b'format = 1\ncase_id = "\xff"\n', "(not UTF-8 text)", id="latin-1"),
    ],
)
def test_bytes_that_are_not_text_are_refused(
    good_session: Path, clock: FakeClock, content: bytes, expected: str
) -> None:
    good_session.write_bytes(content)
    assert expected in refused(good_session, clock)


def test_a_case_file_is_not_a_session(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "case.toml"
    path.write_bytes((Path(__file__).parents[1] / "data" / "cases" / "valid.toml").read_bytes())
    assert refused(path, clock) == (
        f"{path}: not a caseroom session file (no case_id); "
        "it is a case file: run it with `caseroom run`"
    )


def test_a_missing_file_and_a_folder_are_refused(tmp_path: Path, clock: FakeClock) -> None:
    assert (
        refused(tmp_path / "nope.toml", clock) == f"{tmp_path / 'nope.toml'}: no such session file"
    )
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    assert refused(folder, clock) == f"{folder}: is a folder, not a session file"


def test_cached_tables_write_the_same_document_as_a_fresh_dump(
    case: Case, clock: FakeClock
) -> None:
    """dumps reuses the TOML of unchanged entries (turns, steps): the document stays exact."""
    import tomli_w

    from caseroom.store.session_file import dumps, to_document

    def fresh(meeting: Meeting) -> dict[str, Any]:
        return tomllib.loads(tomli_w.dumps(to_document(meeting)))

    meeting = new_meeting(case, clock)
    meeting.start()
    checks = 0
    for step in range(40):
        meeting.speak(["Anna", "Bo", "Carl"][step % 3])
        clock.advance(7)
        if step % 5 == 0:
            meeting.toggle_pause()  # splits the open turn's spans
            clock.advance(3)
            meeting.toggle_pause()
        if step % 9 == 0:
            meeting.next()
        if step % 4 == 0:
            meeting.speak(None)
        assert tomllib.loads(dumps(meeting).decode()) == fresh(meeting)
        checks += 1
    # a turn changed in place (a crash-resume closes an open turn) is written anew
    meeting.speak("Bo")
    clock.advance(5)
    dumps(meeting)
    span = meeting.talk.turns[-1].spans[-1]
    assert span[0] is not None
    span[1] = span[0] + 2.5
    assert tomllib.loads(dumps(meeting).decode()) == fresh(meeting)
    assert checks == 40 and len(meeting.talk.turns) > 30
    # the agenda's events are cached the same way, and a resumed list is printed anew
    events = tomllib.loads(dumps(meeting).decode())["event"]
    assert len(events) == len(meeting.agenda.events) > 10
    meeting.agenda.events = meeting.agenda.events[:3]
    assert tomllib.loads(dumps(meeting).decode()) == fresh(meeting)
