"""The timekeeper's clock follows a meeting engine that writes its session file (fake clock)."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.text import Text
from textual.geometry import Region
from textual.widgets import Static

from caseroom.cli import main
from caseroom.domain.agenda import RunState
from caseroom.domain.clock import FakeClock, SpeedClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.store.session_file import save
from caseroom.ui import clock_serve
from caseroom.ui.clock_app import ClockApp, make_clock_app
from caseroom.ui.i18n import countdown, duration
from caseroom.ui.widgets.bigclock import (
    FONTS,
    BigClock,
    big_lines,
    fit,
    glyph_difference,
    glyph_lines,
)
from tests.store.test_follow import as_older_writer

FAR = 3600.0  # the app's own poll timer never fires during a test: the test polls


def new_meeting(clock: FakeClock, case_id: str = "t2d-aarsstatus") -> Meeting:
    case, source, _ = open_case(case_id)
    people = [Participant("Anna", "læge"), Participant("Bo", "sygeplejerske")]
    return Meeting(case, clock, participants=people, case_source=source)


def fresh(path: Path) -> Callable[[], float]:
    """A real-time source for which the file was just written (no staleness in tests)."""
    return lambda: path.stat().st_mtime + 1


def seconds(shown: str) -> float:
    """'08:41' -> 521, '+03:12' -> -192, '1:02:03' -> 3723."""
    sign = -1 if shown.startswith("+") else 1
    total = 0
    for part in shown.lstrip("+").split(":"):
        total = total * 60 + int(part)
    return sign * total


def text_of(app: ClockApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


def banner(app: ClockApp) -> str:
    widget = app.query_one("#clock-banner", Static)
    return text_of(app, "#clock-banner") if widget.display else ""


def assert_same_as_meeting(app: ClockApp, meeting: Meeting) -> None:
    agenda = meeting.agenda
    shown = app.query_one(BigClock).value
    assert app.clock_screen.agenda.state is agenda.state
    assert app.clock_screen.agenda.current.key == agenda.current.key
    if agenda.state is RunState.FINISHED:  # what the meeting took, not a frozen countdown
        assert shown == duration(agenda.run_seconds())
        assert text_of(app, "#clock-title") == "Mødet varede"
        return
    assert shown == countdown(agenda.step_remaining())
    assert abs(seconds(shown) - agenda.step_remaining()) <= 1
    assert agenda.current.segment.title in text_of(app, "#clock-title")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def meeting(clock: FakeClock) -> Meeting:
    return new_meeting(clock)


@pytest.fixture
def path(tmp_path: Path, meeting: Meeting) -> Path:
    path = tmp_path / "sessions" / "meeting.toml"
    save(meeting, path)
    return path


async def test_the_clock_follows_every_change_of_the_meeting(
    meeting: Meeting, path: Path, clock: FakeClock
) -> None:
    app = make_clock_app(path, clock=clock, poll_seconds=FAR, real_time=fresh(path))
    agenda = meeting.agenda

    async with app.run_test(size=(120, 40)) as pilot:

        async def step(change: Callable[[], object], advance: float = 0.0) -> None:
            change()
            clock.advance(advance)
            save(meeting, path)
            assert app.clock_screen.poll_now() is True
            await pilot.pause()
            assert_same_as_meeting(app, meeting)

        assert_same_as_meeting(app, meeting)
        assert "KLAR" in banner(app)

        await step(meeting.start, advance=95)
        assert banner(app) == ""
        assert app.query_one(BigClock).value == "08:25"

        await step(meeting.toggle_pause, advance=300)  # paused: time stands still
        assert banner(app) == "TIDEN STÅR STILLE"
        assert app.query_one(BigClock).value == "08:25"
        assert app.query_one(BigClock).has_class("-paused")

        await step(meeting.toggle_pause, advance=20)
        assert app.query_one(BigClock).value == "08:05"

        await step(agenda.next, advance=61)
        assert "Introduktion" in text_of(app, "#clock-title")

        await step(lambda: agenda.extend(1), advance=1)
        assert app.query_one(BigClock).value == "09:58"  # 10 + 1 min, 62 s gone

        await step(agenda.next)  # into the case: its first question
        assert "Spørgsmål 1 af 7" in text_of(app, "#clock-title")
        question = agenda.current.question
        assert question is not None
        assert text_of(app, "#clock-question").startswith(question.text.strip()[:20])

        await step(agenda.take_break, advance=60)
        assert banner(app) == "PAUSE"
        assert app.query_one(BigClock).has_class("-break")
        assert "Spørgsmål 1 af 7" in text_of(app, "#clock-next")

        await step(meeting.finish, advance=30)
        assert banner(app) == "AFSLUTTET"
        assert agenda.state is RunState.FINISHED
        assert "Sluttede" in text_of(app, "#clock-figures")
        clock.advance(600)  # a finished meeting's figures stand still
        app.clock_screen.poll_now()
        await pilot.pause()
        assert_same_as_meeting(app, meeting)


async def test_figures_match_the_meeting_screen_logic(
    meeting: Meeting, path: Path, clock: FakeClock
) -> None:
    meeting.start()
    clock.advance(14 * 60)  # Opstart has 10 min: 4 min over
    save(meeting, path)
    app = make_clock_app(path, clock=clock, poll_seconds=FAR, real_time=fresh(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        big = app.query_one(BigClock)
        assert big.value == "+04:00"
        assert big.has_class("-overrun")
        figures = text_of(app, "#clock-figures")
        agenda = meeting.agenda
        assert f"{agenda.projected_end():%H:%M}" in figures
        assert "(4 min forsinket)" in figures  # whole minutes: the big clock has the seconds
        assert "Møde 2 t 20 min tilbage" in figures  # the overrun step counts 0, 140 min ahead
        assert "Introduktion (10 min)" in text_of(app, "#clock-next")


async def test_wrapup_colour_in_the_last_minutes(
    meeting: Meeting, path: Path, clock: FakeClock
) -> None:
    meeting.start()
    clock.advance(9 * 60)  # wrap-up is the last 2 minutes of the case file
    save(meeting, path)
    app = make_clock_app(path, clock=clock, poll_seconds=FAR, real_time=fresh(path))
    async with app.run_test(size=(80, 24)) as pilot:
        big = app.query_one(BigClock)
        assert big.has_class("-wrapup") and not big.has_class("-overrun")
        clock.advance(61)
        app.clock_screen.poll_now()
        await pilot.pause()
        assert big.has_class("-overrun") and big.value == "+00:01"


async def test_a_session_that_stops_updating_says_so(
    meeting: Meeting, path: Path, clock: FakeClock
) -> None:
    meeting.start()
    save(meeting, path)
    now = [path.stat().st_mtime + 1]
    app = make_clock_app(path, clock=clock, poll_seconds=FAR, real_time=lambda: now[0])
    async with app.run_test(size=(80, 24)) as pilot:
        stale = app.query_one("#clock-stale", Static)
        assert not stale.display
        now[0] += 20  # the meeting process died: no heartbeat for 20 s of real time
        app.clock_screen.poll_now()
        await pilot.pause()
        assert stale.display
        assert "Sessionen opdateres ikke længere" in text_of(app, "#clock-stale")
        assert app.query_one(BigClock).has_class("-stale")
        clock.advance(5)
        save(meeting, path)  # it came back
        now[0] = path.stat().st_mtime + 1
        app.clock_screen.poll_now()
        await pilot.pause()
        assert not stale.display


async def test_a_half_written_file_never_crashes_the_clock(
    meeting: Meeting, path: Path, clock: FakeClock
) -> None:
    meeting.start()
    save(meeting, path)
    app = make_clock_app(path, clock=clock, poll_seconds=FAR, real_time=fresh(path))
    async with app.run_test(size=(80, 24)) as pilot:
        before = app.query_one(BigClock).value
        path.write_bytes(path.read_bytes()[:200])
        assert app.clock_screen.poll_now() is False
        await pilot.pause()
        assert app.query_one(BigClock).value == before
        assert "sidste kendte tilstand" in text_of(app, "#clock-stale")
        meeting.agenda.next()
        save(meeting, path)
        assert app.clock_screen.poll_now() is True
        await pilot.pause()
        assert_same_as_meeting(app, meeting)
        assert not app.query_one("#clock-stale", Static).display


async def test_english_labels_and_the_case_language_by_default(
    meeting: Meeting, path: Path, clock: FakeClock
) -> None:
    meeting.start()
    meeting.toggle_pause()
    save(meeting, path)
    app = make_clock_app(path, clock=clock, lang="en", poll_seconds=FAR, real_time=fresh(path))
    async with app.run_test(size=(80, 24)):
        assert banner(app) == "CLOCK STOPPED"
    english = new_meeting(clock, "t2d-annual-review")
    english.start()
    other = path.with_name("english.toml")
    save(english, other)
    app = make_clock_app(other, clock=clock, poll_seconds=FAR, real_time=fresh(other))
    assert app.lang == "en"


async def test_the_countdown_fills_every_size(
    meeting: Meeting, path: Path, clock: FakeClock
) -> None:
    meeting.start()
    save(meeting, path)
    for size, least in (((40, 12), 1), ((80, 24), 2), ((120, 40), 5)):
        app = make_clock_app(path, clock=clock, poll_seconds=FAR, real_time=fresh(path))
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            big = app.query_one(BigClock)
            assert big.scale >= least, size
            lines = big.lines()
            assert len(lines) <= big.content_size.height
            assert max(len(line) for line in lines) <= big.content_size.width
            assert any("█" in line or "▀" in line for line in lines)


async def test_q_closes_the_clock(path: Path, clock: FakeClock) -> None:
    app = make_clock_app(path, clock=clock, poll_seconds=FAR, real_time=fresh(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
    assert app.return_code == 0


# --- the big digits -----------------------------------------------------------------------


def test_every_glyph_of_a_font_has_the_font_height_and_one_width() -> None:
    for font in FONTS:
        for char, rows in font.glyphs.items():
            assert len(rows) == font.height, (font.name, char)
            assert len({len(r) for r in rows}) == 1, (font.name, char)
            assert set("".join(rows)) <= {"#", "."}


@pytest.mark.parametrize("text", ["08:41", "+03:12", "1:02:03", "00:00"])
@pytest.mark.parametrize("size", [(38, 6), (78, 16), (118, 30)])
def test_big_lines_fit_the_area(text: str, size: tuple[int, int]) -> None:
    lines = big_lines(text, *size)
    assert lines is not None
    assert len(lines) <= size[1]
    assert all(len(line) <= size[0] for line in lines)
    assert set("".join(lines)) <= set(" ▀▄█")


def test_too_small_for_digits_falls_back_to_a_line() -> None:
    assert fit("08:41", 12, 2) is None
    assert big_lines("08:41", 12, 2) is None


# --- the command line ---------------------------------------------------------------------


def test_clock_of_a_missing_session_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["clock", str(tmp_path / "nope.toml")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no such session file" in err[0]


def test_clock_of_a_corrupt_session_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\n[agenda\n")
    assert main(["clock", str(bad)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_clock_without_sessions_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEROOM_HOME", str(tmp_path))
    assert main(["clock"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no session to follow" in err[0]


def test_port_and_host_need_serve(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clock", str(path), "--port", "8123"]) == 2
    assert "--serve" in capsys.readouterr().err


def test_serving_on_a_busy_port_is_one_line_and_exit_2(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        assert main(["clock", str(path), "--serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"caseroom: port {port} on 127.0.0.1 is in use; choose another with --port"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serving_to_the_network_warns_in_one_line(
    path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[tuple[str, str, int, str | None]] = []

    class FakeServer:
        def __init__(
            self,
            command: str,
            host: str,
            port: int,
            title: str,
            public_url: str,
            templates_path: str,
        ) -> None:
            assert Path(templates_path) == clock_serve.TEMPLATES  # our page: no outside fonts
            served.append((command, host, port, public_url))

        def serve(self) -> None:
            pass

    monkeypatch.setattr("textual_serve.server.Server", FakeServer)
    port = _free_port()
    assert main(["clock", str(path), "--serve", "--port", str(port)]) == 0
    assert capsys.readouterr().err == ""  # loopback: no warning
    assert served[-1][1:3] == ("127.0.0.1", port)
    assert main(["clock", str(path), "--serve", "--host", "0.0.0.0", "--port", str(port)]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "room's network" in err[0] and "only the clock" in err[0]
    command, host, _, url = served[-1]
    assert host == "0.0.0.0" and url is not None and "0.0.0.0" not in url
    assert " clock " in command and str(path.resolve()) in command
    assert "--serve" not in command and "--host" not in command


def test_served_command_is_the_plain_clock() -> None:
    command = clock_serve.served_command(Path("/tmp/a b.toml"), lang="en", theme="light")
    assert command.split()[1:4] == ["-m", "caseroom", "clock"]
    assert "'/tmp/a b.toml'" in command and "--lang en" in command
    assert "--theme light" in command and "--serve" not in command


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False)],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert clock_serve.is_loopback(host) is loopback


def test_figures_line_is_short_when_narrow(meeting: Meeting, path: Path, clock: FakeClock) -> None:
    meeting.start()
    clock.advance(14 * 60)
    save(meeting, path)
    app = make_clock_app(path, clock=clock, poll_seconds=FAR, real_time=fresh(path))
    narrow = app.clock_screen.figures_line(narrow=True)
    assert isinstance(narrow, Text)
    assert len(narrow.plain) <= 38
    assert "+4 min" in narrow.plain


@pytest.mark.parametrize("scale", [1, 2, 5])
def test_a_digit_repaints_its_changed_cells_and_all_of_them(scale: int) -> None:
    for font in FONTS:
        for a in font.glyphs:
            for b in font.glyphs:
                old, new = glyph_lines(font.name, a, scale), glyph_lines(font.name, b, scale)
                if len(old[0]) != len(new[0]):
                    continue  # another width: the glyph is laid out and repainted whole
                x, y, width, height = glyph_difference(font.name, a, b, scale)
                changed = {
                    (cx, cy)
                    for cy, (p, q) in enumerate(zip(old, new, strict=True))
                    for cx, (c, d) in enumerate(zip(p, q, strict=True))
                    if c != d
                }
                assert all(x <= cx < x + width and y <= cy < y + height for cx, cy in changed)
                assert bool(changed) == bool(width and height)


async def test_a_new_second_repaints_only_the_digit_that_changed(
    meeting: Meeting, path: Path, clock: FakeClock
) -> None:
    meeting.start()
    clock.advance(1.5)
    save(meeting, path)
    app = make_clock_app(path, clock=clock, poll_seconds=FAR, real_time=fresh(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        big = app.query_one(BigClock)
        assert big.value == "09:59"
        before = big.lines()
        clock.advance(1)
        repainted: list[Region] = []
        original = big.refresh

        def spy(*regions: Region, **kw: bool) -> BigClock:
            repainted.extend(regions or [big.size.region])
            return original(*regions, **kw)

        big.refresh = spy  # type: ignore[method-assign]
        app.clock_screen.refresh_time()
        assert big.value == "09:58"
        after = big.lines()
        changed = {
            (x, y)
            for y, (p, q) in enumerate(zip(before, after, strict=True))
            for x, (c, d) in enumerate(zip(p, q, strict=True))
            if c != d
        }
        assert changed
        drawing = big._drawing
        assert drawing is not None
        # every changed cell is repainted, and nothing left of the last digit
        cells = {(x + drawing.x, y + drawing.y) for x, y in changed}
        assert all(any(r.contains(x, y) for r in repainted) for x, y in cells)
        assert len(repainted) == 1 and repainted[0].x >= drawing.glyph_x(4)


@pytest.mark.parametrize("older", [False, True], ids=["revision", "older-writer"])
async def test_a_heartbeat_rebuilds_nothing_and_a_change_is_read_aside(
    meeting: Meeting, path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, older: bool
) -> None:
    """The tick (what the app's timer calls): a heartbeat save neither reads the file nor
    repaints the view, the countdown still follows the clock; a change is read on a worker
    thread and shown. The same for a file without a revision (an older caseroom's)."""

    def save_now() -> None:
        save(meeting, path)
        if older:
            as_older_writer(path)

    meeting.start()
    save_now()
    app = make_clock_app(path, clock=clock, poll_seconds=FAR, real_time=fresh(path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.clock_screen
        views: list[str] = []
        view = screen.refresh_view

        def counted() -> None:
            views.append(screen.agenda.current.key)
            view()

        monkeypatch.setattr(screen, "refresh_view", counted)
        shown = screen.follower.meeting
        for _ in range(3):
            clock.advance(5)
            save_now()
            screen.tick()
            assert len(app.workers) == 0  # nothing to read aside
            await pilot.pause()
            assert views == []
            assert screen.follower.meeting is shown
            assert_same_as_meeting(app, meeting)  # the countdown moved with the clock
        meeting.agenda.next()
        save_now()
        screen.tick()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert views == [meeting.agenda.current.key]
        assert screen.follower.meeting is not shown
        assert_same_as_meeting(app, meeting)
        assert "Introduktion" in text_of(app, "#clock-title")


async def test_a_change_read_aside_that_fails_keeps_the_last_good_state(
    meeting: Meeting, path: Path, clock: FakeClock
) -> None:
    meeting.start()
    save(meeting, path)
    app = make_clock_app(path, clock=clock, poll_seconds=FAR, real_time=fresh(path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.clock_screen
        shown = screen.follower.meeting
        meeting.agenda.next()
        save(meeting, path)
        text = path.read_text("utf-8")
        path.write_text(text.replace("[agenda]", "[agenda]\nstate = 7", 1), "utf-8")  # bad
        screen.tick()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.follower.meeting is shown
        assert "sidste kendte tilstand" in text_of(app, "#clock-stale")
        save(meeting, path)  # the writer's next save repairs it
        screen.tick()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert_same_as_meeting(app, meeting)
        assert not app.query_one("#clock-stale", Static).display


async def test_a_rehearsal_is_read_in_place(tmp_path: Path) -> None:
    """A rehearsal's read may retime the clock its shown meeting reads: not on a thread."""
    real = FakeClock()
    writer = SpeedClock(30, base=real)
    meeting = new_meeting(writer)  # type: ignore[arg-type]
    path = tmp_path / "rehearsal.toml"
    meeting.start()
    save(meeting, path)
    app = make_clock_app(
        path,
        clock=SpeedClock(30, base=real, origin=writer.origin),
        poll_seconds=FAR,
        real_time=fresh(path),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.clock_screen
        assert not screen.follower.reads_aside
        meeting.agenda.next()
        save(meeting, path)
        screen.tick()
        assert len(app.workers) == 0
        assert screen.agenda.current.key == meeting.agenda.current.key
        await pilot.pause()


async def test_a_follow_ups_item_is_named_by_its_place_and_the_next_by_its_text(
    tmp_path: Path, clock: FakeClock
) -> None:
    """The timekeeper follows a follow-up item by item, as the meeting screen shows them."""
    from caseroom.store.followup import read_earlier
    from tests.store.followup_fixture import EARLIER

    case, source, _ = open_case("opfoelgning")
    follow = read_earlier(EARLIER, case).follow
    people = [Participant("Anna", "læge"), Participant("Bo", "sygeplejerske")]
    meeting = Meeting(case, clock, participants=people, case_source=source, follow=follow)
    meeting.start()
    meeting.next()  # the first item
    path = tmp_path / "followup.toml"
    save(meeting, path)
    app = make_clock_app(path, clock=clock, poll_seconds=FAR, real_time=fresh(path))
    async with app.run_test(size=(120, 40)):
        screen = app.clock_screen
        assert screen.step_title(screen.agenda.current) == (
            "Status på forslagene  ·  Forslag 1 af 6"
        )
        assert screen.next_line() == (f"Derefter: Forslag 2 af 6 (3 min): {meeting.items[1].text}")
