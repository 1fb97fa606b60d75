"""The meeting screen's texts (caseroom/ui/screens/meeting/view.py): plain functions of the
meeting, the language and a width, tested on a fake clock without an app (the `clock` and
`case` fixtures are conftest.py's; no app is made).

The default case starts at 08:30: 2a Opstart 10, 2b Introduktion 10, 2c Case 75 (seven
questions), Pause 15, 2d Opsamling 30, Afslutning 10: 150 minutes, planned to end at 11:00.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rich.text import Text

from caseroom.domain.agenda import RunState
from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock, SpeedClock
from caseroom.domain.meeting import Meeting
from caseroom.ui.screens.meeting import view

from .helpers import six_people

TITLE = "Case-møde: Årsstatus for type 2-diabetes ved praksispersonalet"
PATH = Path("/sessions/session.toml")


@pytest.fixture
def meeting(case: Case, clock: FakeClock) -> Meeting:
    return Meeting(case, clock, participants=six_people(), rng=random.Random(7))


def walk_to_kind(meeting: Meeting, kind: str) -> None:
    while meeting.agenda.current.segment.kind != kind:
        meeting.next()


def style_of(text: Text, part: str) -> str:
    """The style the span that holds `part` was given (the first span that covers it)."""
    start = str(text).index(part)
    return next(str(s.style) for s in text.spans if s.start <= start < s.end)


# --- the status line -----------------------------------------------------------------------


def test_the_status_line_says_the_state_the_title_and_the_time_of_day(
    meeting: Meeting, clock: FakeClock
) -> None:
    line = view.status_line(meeting, "da", 120)
    assert str(line) == f" KLAR   {TITLE}   08:30"
    assert "blue" in style_of(line, "KLAR")
    meeting.start()
    clock.advance(11 * 60)
    line = view.status_line(meeting, "da", 120)
    assert str(line) == f" KØRER   {TITLE}   08:41"  # the time of day is the clock's
    assert "green" in style_of(line, "KØRER")


@pytest.mark.parametrize(
    ("width", "shown"),
    [
        (0, f" KLAR   {TITLE}   08:30"),  # before the first layout: the whole title
        (30, " KLAR   Case-møde: År…   08:30"),  # a long title gives way, the time stays
        (18, " KLAR   C…   08:30"),  # two cells: a letter and the ellipsis
        (17, " KLAR      08:30"),  # no room for two cells of it: no title at all
    ],
)
def test_the_status_line_keeps_the_time_of_day_when_the_title_does_not_fit(
    meeting: Meeting, width: int, shown: str
) -> None:
    assert str(view.status_line(meeting, "da", width)) == shown


# --- the figures ---------------------------------------------------------------------------


def test_the_figures_before_the_start_ask_for_space_and_give_the_planned_end(
    meeting: Meeting,
) -> None:
    assert str(view.figures_line(meeting, "da", 120)) == (
        "Tryk mellemrum for at starte mødet   Slut 11:00"
    )


def test_the_figures_count_whole_minutes_and_wrap_between_figures(
    meeting: Meeting, clock: FakeClock
) -> None:
    meeting.start()
    clock.advance(11 * 60)  # Opstart's 10 minutes and one more
    wide = "Punkt 1 min over tid   Møde 2 t 20 min   Slut 11:01 (1 min forsinket)"
    assert str(view.figures_line(meeting, "da", 120)) == wide
    assert str(view.figures_line(meeting, "da", 0)) == wide  # not laid out yet: one line
    narrow = view.figures_line(meeting, "da", 40)
    assert str(narrow) == wide.replace("   Slut", "\nSlut")  # never inside a figure


def test_less_than_a_minute_over_time_is_not_zero_minutes(
    meeting: Meeting, clock: FakeClock
) -> None:
    meeting.start()
    clock.advance(10 * 60 + 20)
    assert str(view.figures_line(meeting, "da", 120)).startswith("Punkt under 1 min over tid   ")
    assert str(view.figures_line(meeting, "en", 120)).startswith("Segment under 1 min over time   ")
    clock.advance(40)
    assert str(view.figures_line(meeting, "da", 120)).startswith("Punkt 1 min over tid   ")


def test_the_status_line_of_a_rehearsal_keeps_its_time_when_it_starts(case: Case) -> None:
    real = FakeClock()
    meeting = Meeting(case, SpeedClock(30, base=real), participants=six_people())
    real.advance(60)  # a minute on the start screen: half an hour at 30×
    assert str(view.status_line(meeting, "da", 120)).endswith("08:31")
    meeting.start()
    assert str(view.status_line(meeting, "da", 120)).endswith("08:31")


def test_the_figures_of_a_finished_meeting_say_when_it_ended(
    meeting: Meeting, clock: FakeClock
) -> None:
    meeting.start()
    clock.advance(60)
    meeting.finish()
    line = str(view.figures_line(meeting, "da", 120))
    assert "11:00" not in line and "08:31" in line


# --- the step's title, badges and text -----------------------------------------------------


def test_a_question_s_title_says_which_of_its_segment_s_questions_it_is(
    meeting: Meeting,
) -> None:
    meeting.start()
    assert str(view.step_title(meeting, "da", meeting.agenda.current)) == "Opstart"
    walk_to_kind(meeting, "case")
    step = meeting.agenda.current
    assert str(view.step_title(meeting, "da", step)) == "Case  ·  Spørgsmål 1 af 7"
    meeting.next()
    assert str(view.step_title(meeting, "da", meeting.agenda.current)).endswith("2 af 7")


def test_the_badges_call_the_room_to_act_until_the_meeting_ends(meeting: Meeting) -> None:
    meeting.start()
    walk_to_kind(meeting, "case")
    step = meeting.agenda.current
    badges = view.badges(meeting, "da", step)
    assert str(badges) == " Runde   Faktabokse: f"  # the first question: a round, fact boxes
    assert "green" in style_of(badges, "Runde")
    meeting.finish()
    assert str(view.badges(meeting, "da", step)) == ""


def test_a_question_shows_its_section_and_the_leader_s_notes(meeting: Meeting) -> None:
    meeting.start()
    walk_to_kind(meeting, "case")
    step = meeting.agenda.current
    blocks = view.content_blocks(meeting, "da", step)
    assert [kind for kind, _ in blocks] == ["heading", "section-text"]
    assert blocks[0][1] == "Indkaldelsen"
    assert blocks[1][1].startswith("Det er mandag morgen")
    assert [label for label, _ in view.plot_parts(step)] == ["plot.plot", "plot.notes"]
    plot = str(view.plot_text(step, "da"))
    assert plot.splitlines()[1].startswith("Case-plot: Casen vil vise")


def test_the_break_says_what_comes_after_it(meeting: Meeting) -> None:
    meeting.start()
    walk_to_kind(meeting, "break")
    blocks = view.content_blocks(meeting, "da", meeting.agenda.current)
    assert blocks == [("#break-title", "PAUSE"), ("", "Derefter: Opsamling")]
    assert view.following_title(meeting) == "Opsamling"


def test_a_step_before_a_question_names_the_question_short(meeting: Meeting) -> None:
    meeting.start()
    meeting.next()  # Introduktion: next comes the first question of the case
    following = view.following_title(meeting)
    assert following.startswith("Case: ") and following.endswith("…")
    assert len(following) == len("Case: ") + 60


# --- the sidebar ---------------------------------------------------------------------------


def test_the_agenda_marks_the_segment_on_and_counts_its_minutes(
    meeting: Meeting, clock: FakeClock
) -> None:
    assert str(view.agenda_text(meeting, 40)).splitlines()[0] == (
        "  Opstart              08:30  10       —"
    )
    meeting.start()
    clock.advance(11 * 60 + 40)  # 11:40 run: 11 whole minutes, counting up
    lines = str(view.agenda_text(meeting, 40)).splitlines()
    assert lines[0] == "▶ Opstart              08:30  10  11 min"
    assert lines[1] == "  Introduktion         08:40  10       —"
    meeting.next()
    lines = str(view.agenda_text(meeting, 40)).splitlines()
    assert lines[0] == "✓ Opstart              08:30  10  12 min"  # done: to the nearest
    assert lines[1].startswith("▶ Introduktion")
    assert len(lines) == len(meeting.case.segments)


def test_the_agenda_s_titles_fit_the_sidebar(meeting: Meeting) -> None:
    lines = str(view.agenda_text(meeting, 20)).splitlines()
    assert lines[1] == "  Intro… 08:40       —"  # at least six cells of the title


def test_the_talk_text_names_the_roles_then_who_spoke(meeting: Meeting, clock: FakeClock) -> None:
    meeting.assign_role("leader", "Anna")
    meeting.start()
    meeting.speak("Bo")
    clock.advance(90)
    lines = str(view.talk_text(meeting, "da", 40, compact=False)).splitlines()
    assert lines[0] == "Mødeleder: Anna"
    assert "Taletid" in lines[1]
    bo = next(line for line in lines if "Bo" in line)
    assert "01:30" in bo


# --- the banner ----------------------------------------------------------------------------


def test_the_banner_says_a_failed_save_a_pause_and_where_the_record_is(
    meeting: Meeting,
) -> None:
    assert view.banner_text(meeting, "da", save_error=None, path=PATH) == ""
    meeting.start()
    failed = view.banner_text(
        meeting, "da", save_error="not saved to /x/s.toml: disk full", path=PATH
    )
    assert failed == "IKKE GEMT i /x/s.toml: disk full — mødet fortsætter, prøver igen"
    meeting.toggle_pause()
    assert view.banner_text(meeting, "da", save_error=None, path=PATH).startswith("⏸  STOPPET")
    meeting.toggle_pause()
    meeting.finish()
    assert str(PATH) in view.banner_text(meeting, "da", save_error=None, path=PATH)


@pytest.mark.parametrize(
    ("seconds", "da", "en"),
    [
        (62, "1 min 2 s", "1 min 2 s"),
        (45, "45 s", "45 s"),
        (300, "5 min", "5 min"),
        (3900, "1 t 5 min", "1 h 5 min"),
    ],
)
def test_the_down_banner_says_minutes_and_seconds_in_words(
    meeting: Meeting, clock: FakeClock, seconds: int, da: str, en: str
) -> None:
    meeting.start()
    saved = clock.now()
    clock.advance(seconds)
    meeting.resume_after_gap(saved)
    assert view.banner_text(meeting, "da", save_error=None, path=PATH) == (
        f"Programmet var nede i {da} (registreret som afbrydelse)."
    )
    assert f"down for {en} (" in view.banner_text(meeting, "en", save_error=None, path=PATH)
    clock.advance(59)
    assert view.banner_text(meeting, "da", save_error=None, path=PATH) != ""
    clock.advance(1)  # a minute after the resume
    assert view.banner_text(meeting, "da", save_error=None, path=PATH) == ""


def test_unsaved_where_keeps_the_path_and_the_reason() -> None:
    assert view.unsaved_where("not saved to /a/b.toml: disk full") == "/a/b.toml: disk full"
    assert view.unsaved_where(None) == ""


# --- Opsamling -----------------------------------------------------------------------------


def test_the_opsamling_side_names_the_drafter_and_the_learning_points(
    meeting: Meeting,
) -> None:
    assert (
        str(view.opsamling_side(meeting, "da")) == "Handleplanen skrives af: —\n\nLæringspunkter\n"
    )
    meeting.start()
    meeting.add_learning_point("Røde ord\ni telefonen")
    meeting.set_action_plan("Bo", "1. marts")
    side = str(view.opsamling_side(meeting, "da"))
    assert side.startswith("Handleplanen skrives af: Bo (")
    assert "1. marts)\n" in side
    assert side.endswith("• Røde ord i telefonen\n")  # one line each


def test_the_texts_follow_the_language(meeting: Meeting) -> None:
    assert meeting.agenda.state is RunState.NOT_STARTED
    assert str(view.status_line(meeting, "da", 0)).startswith(" KLAR ")
    assert str(view.status_line(meeting, "en", 0)).startswith(" READY ")


# --- case prose is reflowed where it is shown ----------------------------------------------


def test_case_prose_with_hard_breaks_is_reflowed_in_the_section_prompts_and_plot(
    clock: FakeClock,
) -> None:
    from tests.conftest import make_case

    wrapped = "Karen er 67 år\nog kommer til årsstatus.\n\n- Metformin\n- Insulin"
    case = make_case(
        segment=[
            {
                "id": "intro",
                "title": "Intro",
                "minutes": 10,
                "prompts": ["Hvad\nforventer I?"],
                "notes": "Hold\ntiden.",
            },
            {"id": "case", "title": "Case", "minutes": 20, "kind": "case"},
            {
                "id": "ops",
                "title": "Ops",
                "minutes": 5,
                "kind": "opsamling",
                "prompts": ["Hvad\nnu?"],
            },
        ],
        section=[{"id": "s1", "title": "Karen", "text": wrapped}],
        question=[
            {
                "id": "q1",
                "section": "s1",
                "text": "Hvad\nnu?",
                "minutes": 20,
                "plot": "Hun har\nikke taget medicinen.",
            }
        ],
    )
    meeting = Meeting(case, clock, participants=six_people(), rng=random.Random(7))
    intro = meeting.agenda.current
    ops = next(step for step in meeting.agenda.steps if step.segment.id == "ops")
    assert ("", "• Hvad nu?") in view.content_blocks(meeting, "da", ops)  # (intro's: a list)
    assert "Vejledning: Hold tiden." in str(view.plot_text(intro, "da"))
    meeting.start()
    meeting.next()
    step = meeting.agenda.current
    blocks = view.content_blocks(meeting, "da", step)
    assert (
        "section-text",
        "Karen er 67 år og kommer til årsstatus.\n\n- Metformin\n- Insulin",
    ) in (blocks)
    assert "Hun har ikke taget medicinen." in str(view.plot_text(step, "da"))
