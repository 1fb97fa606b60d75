"""Pilot tests of the talking-round tracker (issue 5): keys in, the pane's figures and the file out.

The clock is a FakeClock: after `clock.advance(...)` the test repaints with `tick()`
(what the screen's tick does) instead of sleeping.
"""

from __future__ import annotations

import re

import pytest
from rich.text import Text
from textual.widgets import Input, OptionList

from caseroom.domain.clock import FakeClock
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.ui.app import CaseroomApp
from caseroom.ui.i18n import fit, parse_per_person, per_person_text
from caseroom.ui.screens.dialogs.talk import RoundScreen, SpeakerPicker
from caseroom.ui.screens.meeting import MeetingScreen

from .conftest import SIZE, MakeApp
from .helpers import flat, focused, session, shown, toasts, walk_to

ROW = re.compile(r"^\s*(\d+)(.)(\S+)\s+(\d\d:\d\d)\s+(\d+)\s+(\d+)%")


def tracker(app: CaseroomApp) -> str:
    """The tracker pane after the screen's next tick (it runs once per shown second)."""
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    screen.tick()
    return shown(app, "#tracker")


def rows(app: CaseroomApp) -> dict[str, tuple[str, str, int, int]]:
    """Per person as the pane shows it: (mark, time, turns, share %)."""
    found: dict[str, tuple[str, str, int, int]] = {}
    for line in tracker(app).splitlines():
        match = ROW.match(line)
        if match:
            _, mark, name, time, turns, share = match.groups()
            found[name] = (mark, time, int(turns), int(share))
    return found


def people_in_file(app: CaseroomApp) -> dict[str, tuple[float, int]]:
    return {p["name"]: (p["spoken_seconds"], p["turns"]) for p in session(app)["participant"]}


def notifications(app: CaseroomApp) -> list[str]:
    return toasts(app)


async def test_times_turns_shares_silence_equity_and_the_file(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.press("1")
        clock.advance(30)
        await pilot.press("2")
        clock.advance(90)
        assert rows(app)["Bo"] == ("▶", "01:30", 1, 75)  # the open turn counts up to now
        await pilot.press("2")  # Bo's number again: nobody speaks
        assert app.meeting.talk.speaker is None
        assert rows(app) == {
            "Anna": (" ", "00:30", 1, 25),
            "Bo": (" ", "01:30", 1, 75),
            "Cille": ("○", "00:00", 0, 0),
            "Dorte": ("○", "00:00", 0, 0),
            "Erik": ("○", "00:00", 0, 0),
            "Fie": ("○", "00:00", 0, 0),
        }
        pane = tracker(app)
        # 30 and 90 s among six people: Gini 0.75, normalised by 5/6 → 0.9, equity 10 %
        assert "Ligelighed 10% · her 10%" in pane
        assert re.search(r"læge\s+100%/ 33%", pane)
        assert re.search(r"sygeplejerske\s+0%/ 33%", pane)
        # Bo holds 90 of 120 s where an equal share is 20 s: 4.5×
        assert "Tip: Bo har talt 4,5× sin lige andel her." in flat(pane)
        assert people_in_file(app) == {
            "Anna": (30.0, 1),
            "Bo": (90.0, 1),
            "Cille": (0.0, 0),
            "Dorte": (0.0, 0),
            "Erik": (0.0, 0),
            "Fie": (0.0, 0),
        }

        # the next segment: everybody is "not yet" here again, the meeting's figures stay
        await pilot.press("n")
        shown_rows = rows(app)
        assert {name: row[0] for name, row in shown_rows.items()} == dict.fromkeys(
            ("Anna", "Bo", "Cille", "Dorte", "Erik", "Fie"), "○"
        )
        assert shown_rows["Bo"][1:] == ("01:30", 1, 75)
        assert "Ligelighed 10% · her —" in tracker(app)
        assert "Tip:" not in tracker(app)  # the hint is about this segment

        await pilot.press("3")
        clock.advance(60)
        assert rows(app)["Cille"] == ("▶", "01:00", 1, 33)
        assert "her 0%" in tracker(app)  # only Cille has spoken here
        await pilot.press("0")
        assert rows(app)["Cille"] == (" ", "01:00", 1, 33)
        assert people_in_file(app)["Cille"] == (60.0, 1)
        assert [(t["participant"], t["step"]) for t in session(app)["turn"]] == [
            ("Anna", "2a"),
            ("Bo", "2a"),
            ("Cille", "2b"),
        ]


async def test_a_pause_inside_a_turn_is_not_counted(make: MakeApp, clock: FakeClock) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "1")
        clock.advance(20)
        await pilot.press("space")  # pause: the speaker's clock stops too
        assert "stoppet" in shown(app, "#banner").casefold()
        clock.advance(300)
        assert rows(app)["Anna"] == ("▶", "00:20", 1, 100)
        await pilot.press("space")  # resume
        clock.advance(10)
        assert rows(app)["Anna"] == ("▶", "00:30", 1, 100)
        await pilot.press("1")
        clock.advance(100)
        assert rows(app)["Anna"] == (" ", "00:30", 1, 100)
        assert people_in_file(app)["Anna"] == (30.0, 1)
        (turn,) = session(app)["turn"]
        assert len(turn["spans"]) == 2  # the pause split the turn; it is still one turn


async def test_a_timed_round_in_seating_order_with_next_and_skip(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "r")
        assert isinstance(app.screen, RoundScreen)
        dialog = app.screen
        assert app.focused is dialog.query_one("#minutes", Input)  # it opens where you type
        await pilot.press("x", "enter")  # "x" minutes: refused with a hint
        assert isinstance(app.screen, RoundScreen)
        assert "Skriv minutter" in shown(app, "#error")
        await pilot.press("backspace", "1", "tab")
        assert focused(app) is dialog.query_one("#first", OptionList)
        await pilot.press("down", "down", "enter")  # the third person in seating order
        assert isinstance(app.screen, MeetingScreen)
        talk_round = app.meeting.talk.round
        assert talk_round is not None
        assert talk_round.order == ["Cille", "Dorte", "Erik", "Fie", "Anna", "Bo"]
        assert "Runde: Cille 01:00 · næste: Dorte" in tracker(app)
        assert rows(app)["Cille"][0] == "▶"

        clock.advance(20)
        assert "Runde: Cille 00:40" in tracker(app)
        await pilot.press("space")
        clock.advance(500)
        await pilot.press("space")
        assert "Runde: Cille 00:40" in tracker(app)  # the pause was not Cille's time
        await pilot.press("n")
        assert "Runde: Dorte 01:00 · næste: Erik" in tracker(app)
        await pilot.press("k")  # Dorte passes
        assert "Runde: Erik 01:00 · næste: Fie" in tracker(app)
        clock.advance(75)
        assert "Runde: Erik +00:15" in tracker(app)  # over time
        await pilot.press("n", "n")
        assert "Runde: Anna 01:00 · næste: Bo" in tracker(app)
        clock.advance(30)
        await pilot.press("n")
        clock.advance(5)
        assert "Runde: Bo 00:55" in tracker(app)
        assert "Runde: Bo 00:55\n" in tracker(app)  # Bo is the last: no "næste: …"
        await pilot.press("n")  # after the last person the round is over
        await pilot.pause()
        assert app.meeting.talk.round is None
        assert "Runden er slut." in notifications(app)
        assert "Runde:" not in tracker(app)
        assert "▶" not in tracker(app)  # nobody speaks after the round

        (saved,) = session(app)["round"]
        assert saved["order"] == ["Cille", "Dorte", "Erik", "Fie", "Anna", "Bo"]
        assert saved["seconds_per_person"] == 60.0
        assert [(e["participant"], e["skipped"], e["seconds"]) for e in saved["entry"]] == [
            ("Cille", False, 20.0),
            ("Dorte", True, 0.0),
            ("Erik", False, 75.0),
            ("Fie", False, 0.0),
            ("Anna", False, 30.0),
            ("Bo", False, 5.0),
        ]
        assert saved["ended"] > saved["started"]
        assert people_in_file(app)["Erik"] == (75.0, 1)
        # n is the agenda's again
        await pilot.press("n")
        assert app.meeting.agenda.current.key == "2b"


async def test_r_during_a_round_ends_it(make: MakeApp, clock: FakeClock) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "r", "enter")  # untimed, from the first person
        assert app.meeting.talk.speaker == "Anna"
        assert "Runde: Anna · næste: Bo" in tracker(app)  # untimed: no countdown
        clock.advance(12)
        await pilot.press("r")
        await pilot.pause()
        assert app.meeting.talk.round is None and app.meeting.talk.speaker is None
        assert "Runden er slut." in notifications(app)
        (saved,) = session(app)["round"]
        assert "seconds_per_person" not in saved and saved["entry"] == []
        assert people_in_file(app)["Anna"] == (12.0, 1)


async def test_the_round_dialog_escape_starts_nothing(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "r", "escape")
        assert isinstance(app.screen, MeetingScreen)
        assert app.meeting.talk.rounds == [] and app.meeting.talk.speaker is None


async def test_the_quiet_hint_after_ten_minutes_of_a_question(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2c/q1")
        await pilot.press("1")
        clock.advance(200)
        await pilot.press("2")
        marks = {name: row[0] for name, row in rows(app).items()}
        assert (marks["Anna"], marks["Bo"], marks["Cille"], marks["Fie"]) == (" ", "▶", "○", "○")
        clock.advance(399)
        assert "ikke talt" not in tracker(app)
        clock.advance(1)
        assert "Tip: Cille, Dorte, Erik, Fie har ikke talt i 10 min af spørgsmålet." in flat(
            tracker(app)
        )
        for key in "3456":
            await pilot.press(key)
            assert "ikke talt" in tracker(app)  # until everyone has said something
            clock.advance(1)
        assert "ikke talt" not in tracker(app)
        await pilot.press("0", "n")  # the next question: nobody has spoken in it yet
        assert {row[0] for row in rows(app).values()} == {"○"}


async def test_the_quiet_hint_comes_while_nobody_speaks_too(
    make: MakeApp, clock: FakeClock
) -> None:
    """No key is pressed for ten minutes of a question: the next ticks still bring the hint."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2c/q1")
        await pilot.press("1", "0")  # Anna said something; now nobody speaks
        assert "ikke talt" not in tracker(app)
        clock.advance(600)
        assert "Bo, Cille, Dorte, Erik, Fie har ikke talt i 10 min" in flat(tracker(app))
        clock.advance(7 * 60)  # the hint says how long it has been, not the threshold
        assert "Bo, Cille, Dorte, Erik, Fie har ikke talt i 17 min" in flat(tracker(app))


ELEVEN = [
    *(
        Participant(name, job)
        for name, job in (
            ("Anna", "læge"),
            ("Bo", "læge"),
            ("Cille", "sygeplejerske"),
            ("Dorte", "sygeplejerske"),
            ("Erik", "sekretær"),
            ("Fie", "sekretær"),
            ("Gitte", "bioanalytiker"),
            ("Hans", "bioanalytiker"),
            ("Ida", "uddannelseslæge"),
            ("Karen", "sygeplejerske"),
            ("Karl", "læge"),
        )
    )
]


async def test_the_picker_chooses_among_eleven_by_first_letters(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make(people=ELEVEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "9")
        assert app.meeting.talk.speaker == "Ida"
        clock.advance(10)
        await pilot.press("s")
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press("k", "a", "r", "enter")  # two people start with "kar"
        assert isinstance(app.screen, SpeakerPicker)
        assert shown(app, "#error") == "Karen, Karl"
        await pilot.press("l", "enter")
        assert isinstance(app.screen, MeetingScreen)
        assert app.meeting.talk.speaker == "Karl"
        clock.advance(40)
        assert rows(app)["Karl"] == ("▶", "00:40", 1, 80)
        assert "11▶Karl" in tracker(app)  # the eleventh seat, beyond the number keys
        await pilot.press("s", "K", "A", "R", "E", "enter")  # any case
        assert app.meeting.talk.speaker == "Karen"
        clock.advance(5)
        await pilot.press("s", "escape")  # Escape: the speaker stays
        assert app.meeting.talk.speaker == "Karen"
        await pilot.press("0")
        assert people_in_file(app)["Karl"] == (40.0, 1)
        assert people_in_file(app)["Karen"] == (5.0, 1)
        assert people_in_file(app)["Ida"] == (10.0, 1)
        assert rows(app)["Karen"] == (" ", "00:05", 1, 9)


async def test_the_round_takes_minutes_with_a_decimal_comma(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "r")
        dialog = app.screen
        assert isinstance(dialog, RoundScreen)
        await pilot.press(*"1,5", "enter")  # Danish: 1,5 minutes
        assert isinstance(app.screen, MeetingScreen)
        talk_round = app.meeting.talk.round
        assert talk_round is not None and talk_round.seconds_per_person == 90
        assert "Runde: Anna 01:30" in tracker(app)


@pytest.mark.parametrize(
    ("seconds", "da", "en"),
    [
        (60, "1", "1"),
        (90, "1,5", "1.5"),
        (40, "0:40", "0:40"),
        (45, "0:45", "0:45"),
        (125, "2:05", "2:05"),
    ],
)
def test_the_time_per_person_is_offered_exactly(seconds: float, da: str, en: str) -> None:
    assert (per_person_text(seconds, "da"), per_person_text(seconds, "en")) == (da, en)
    assert parse_per_person(da) == parse_per_person(en) == seconds


@pytest.mark.parametrize("text", ["x", "1:5", "1:75", "1:75x", ":", "nan", "inf", "1,5,5", "-:30"])
def test_what_is_no_time_per_person(text: str) -> None:
    assert parse_per_person(text) is None


async def test_the_round_dialog_offers_the_cases_45_seconds_as_0_45(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "afslutning")
        await pilot.press("r")  # ends the round the evaluation started
        assert app.meeting.talk.round is None
        await pilot.press("r")
        dialog = app.screen
        assert isinstance(dialog, RoundScreen)
        assert dialog.query_one("#minutes", Input).value == "0:45"
        await pilot.press("enter")  # Anna starts; the time is kept to the second
        talk_round = app.meeting.talk.round
        assert talk_round is not None and talk_round.seconds_per_person == 45


async def test_a_round_is_offered_where_the_case_marks_one_and_no_round_is_going(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "2c/q1")  # a question marked as a round
        offer = "Dette spørgsmål er en runde: tryk r for at starte den."
        assert offer in toasts(app)
        await pilot.press("n")  # the offer goes with its question
        await pilot.pause()
        assert offer not in toasts(app)
        await pilot.press("b", "r")
        assert offer in toasts(app)
        await pilot.press("enter")  # Anna starts the round: the offer is taken
        await pilot.pause()
        assert app.meeting.talk.round is not None and offer not in toasts(app)
        await pilot.press("r")
        app.clear_notifications()
        await walk_to(pilot, "afslutning")  # its evaluation round starts by itself
        await pilot.pause()
        assert app.meeting.talk.round is not None
        assert not any("runde" in toast for toast in toasts(app))


async def test_a_segment_marked_as_a_round_is_offered_as_an_item(make: MakeApp) -> None:
    case, _source, _warnings = open_case("retrospektiv")
    app = make(case=case)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        for _ in range(len(app.meeting.agenda.steps)):
            if any("runde" in toast for toast in toasts(app)):
                break
            await pilot.press("n")
        assert "Dette punkt er en runde: tryk r for at starte den." in toasts(app)
        assert app.meeting.agenda.current.question is None


async def test_a_finished_meeting_gives_no_hints_and_no_badges(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await walk_to(pilot, "afslutning")
        if app.meeting.talk.round is not None:
            await pilot.press("r")  # the evaluation's round ends
        await pilot.press("1")
        clock.advance(240)  # Anna alone speaks: far more than her share
        assert "Tip: Anna har talt" in tracker(app)
        assert shown(app, "#badges") != ""  # Afslutning is a round
        await pilot.press("q")
        await pilot.click("#finish")
        await pilot.pause()
        assert "Tip:" not in tracker(app)
        assert shown(app, "#badges") == ""


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Bo", 5, "Bo   "),
        ("Zoë 🦄 Ærlighed", 8, "Zoë 🦄 …"),
        ("🦄🦄🦄", 4, "🦄 …"),
        ("abc", 3, "abc"),
    ],
)
def test_fit_counts_terminal_cells(text: str, width: int, expected: str) -> None:
    assert fit(text, width) == expected
    assert Text(fit(text, width)).cell_len == width


async def test_an_emoji_in_a_name_keeps_the_columns_of_the_sidebar(make: MakeApp) -> None:
    people = [Participant("Zoë 🦄 Ærlighed Lange-Navn", "læge"), Participant("Bo", "sekretær")]
    app = make(people=people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        lines = [line for line in tracker(app).splitlines() if line.startswith((" 1", " 2"))]
        assert len(lines) == 2 and "🦄" in lines[0]
        assert len({Text(line).cell_len for line in lines}) == 1  # the same width, emoji or not
